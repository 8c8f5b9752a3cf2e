import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Firm as FirmRow, Foundation as FoundationRow, Ikm as IkmRow, Koperasi as KoperasiRow, User as UserRow } from "../../infra/db/models.js";
import { toGlobalId } from "../../domain/ids.js";
import { mayReadAccount } from "../../access/accounts.js";
import type { Context } from "../../api/context.js";
import { Koperasi } from "../clusters/cluster.types.js";
import { Firm } from "../firms/firm.types.js";
import { Ikm } from "../ikms/ikm.types.js";
import { Foundation } from "../maturity/maturity.types.js";
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
    return mayReadAccount(ctx.viewer, user.id) ? user.email : null;
  }

  // The user's tenant: a public profile, so whoever sees the user may see which one it is.
  @FieldResolver(() => Firm, { nullable: true, description: "The firm this user works for (role FIRM); null for other roles. From viewer: your own firm's id." })
  firm(@Root() user: UserRow, @Ctx() ctx: Context): Promise<FirmRow | null> | null {
    return user.firmId ? ctx.loaders.firm.load(user.firmId) : null;
  }

  @FieldResolver(() => Ikm, { nullable: true, description: "The IKM this user runs (role IKM); null for other roles. From viewer: your own IKM's id." })
  ikm(@Root() user: UserRow, @Ctx() ctx: Context): Promise<IkmRow | null> | null {
    return user.ikmId ? ctx.loaders.ikm.load(user.ikmId) : null;
  }

  @FieldResolver(() => Foundation, {
    nullable: true,
    description: "The foundation or regional centre this user mentors for (role FOUNDATION); null for other roles. From viewer: your own foundation's id and its mentees.",
  })
  foundation(@Root() user: UserRow, @Ctx() ctx: Context): Promise<FoundationRow | null> | null {
    return user.foundationId ? ctx.loaders.foundation.load(user.foundationId) : null;
  }

  @FieldResolver(() => Koperasi, {
    nullable: true,
    description: "The koperasi this user manages (role KOPERASI); null for other roles. From viewer: your own koperasi's id and its consortium responses.",
  })
  koperasi(@Root() user: UserRow, @Ctx() ctx: Context): Promise<KoperasiRow | null> | null {
    return user.koperasiId ? ctx.loaders.koperasi.load(user.koperasiId) : null;
  }
}
