import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { User as UserRow } from "../../generated/prisma/client.js";
import { toGlobalId } from "../../domain/ids.js";
import { isAdmin } from "../../services/viewer.js";
import type { Context } from "../context.js";
import { AuthPayload, User } from "./account.types.js";

@Resolver(() => User)
export class AccountResolver {
  @Query(() => User, { nullable: true, description: "The signed-in user, or null when anonymous." })
  async viewer(@Ctx() ctx: Context): Promise<UserRow | null> {
    return ctx.viewer.kind === "user" ? ctx.loaders.user.load(ctx.viewer.userId) : null;
  }

  @Mutation(() => AuthPayload, { description: "Exchanges email and password for a bearer token." })
  login(
    @Arg("email", () => String, { description: "The email you registered with (case-insensitive)." }) email: string,
    @Arg("password", () => String, { description: "Your password." }) password: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.auth.login(email, password);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() user: UserRow): string {
    return toGlobalId("User", user.id);
  }

  @FieldResolver(() => String, { nullable: true })
  email(@Root() user: UserRow, @Ctx() ctx: Context): string | null {
    const self = ctx.viewer.kind === "user" && ctx.viewer.userId === user.id;
    return self || isAdmin(ctx.viewer) ? user.email : null;
  }
}
