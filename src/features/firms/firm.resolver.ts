import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ComponentNeed as NeedRow, Firm as FirmRow, User as UserRow } from "../../infra/db/models.js";
import { notFound } from "../../domain/errors.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import { regionName } from "../../domain/regions.js";
import { AuthPayload, User } from "../accounts/account.types.js";
import { NeedStatus } from "../../api/common/enums.js";
import { PageArgs } from "../../api/common/relay.js";
import type { Context } from "../../api/context.js";
import { primeRows } from "../../api/loaders.js";
import { maySeeFirmMembers } from "../../access/firms.js";
import { ComponentNeed } from "../needs/need.types.js";
import { Firm, FirmConnection, FirmsArgs, FirmUpdateInput, RegisterFirmInput } from "./firm.types.js";

@Resolver(() => Firm)
export class FirmResolver {
  @Query(() => Firm, { description: "A firm's public profile." })
  async firm(@Arg("id", () => ID, { description: "The firm's global id." }) id: string, @Ctx() ctx: Context): Promise<FirmRow> {
    const firmId = expectId(id, "Firm", "id");
    const firm = await ctx.loaders.firm.load(firmId);
    if (!firm) throw notFound("Firm", id);
    return firm;
  }

  @Query(() => FirmConnection, { description: "Firms' public profiles, by name." })
  async firms(@Args(() => PageArgs) page: PageArgs, @Args(() => FirmsArgs) { filter }: FirmsArgs, @Ctx() ctx: Context) {
    const found = await ctx.services.firms.list(ctx.viewer, page, filter ?? {});
    primeRows(ctx.loaders.firm, found.nodes); // a need's firm on this page is read already
    return found;
  }

  @Mutation(() => AuthPayload, { description: "Registers a firm with its first member; returns that member's token." })
  registerFirm(@Arg("input", () => RegisterFirmInput, { description: "The firm's profile and the first member's account." }) input: RegisterFirmInput, @Ctx() ctx: Context) {
    return ctx.services.firms.register(input);
  }

  @Authorized("FIRM", "ADMIN")
  @Mutation(() => Firm, { description: "Changes a firm's profile: its own members or an administrator." })
  updateFirm(
    @Arg("id", () => ID, { description: "The firm's global id." }) id: string,
    @Arg("input", () => FirmUpdateInput, { description: "The fields to change." }) input: FirmUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.firms.update(ctx.viewer, expectId(id, "Firm", "id"), input);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() firm: FirmRow): string {
    return toGlobalId("Firm", firm.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "Name of the region, where Jalin knows it." })
  regionName(@Root() firm: FirmRow): string | null {
    return regionName(firm.regionCode);
  }

  @FieldResolver(() => [ComponentNeed], {
    description: "The firm's needs that you may see: all of them for its own members, published ones for suppliers and foundations, none when anonymous. Newest first.",
  })
  async needs(
    @Root() firm: FirmRow,
    @Arg("statuses", () => [NeedStatus], { nullable: true, description: "Only needs in these statuses." }) statuses: NeedStatus[] | null,
    @Ctx() ctx: Context,
  ): Promise<NeedRow[]> {
    const needs = await ctx.loaders.needsByFirm.load(firm.id);
    return statuses?.length ? needs.filter((n) => statuses.includes(n.status)) : needs;
  }

  @FieldResolver(() => [User], { nullable: true, description: "The firm's people: for its own members and administrators; null for others." })
  async members(@Root() firm: FirmRow, @Ctx() ctx: Context): Promise<UserRow[] | null> {
    if (!maySeeFirmMembers(ctx.viewer, firm.id)) return null;
    return ctx.loaders.membersByFirm.load(firm.id);
  }
}
