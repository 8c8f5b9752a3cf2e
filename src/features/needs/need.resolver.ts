import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ComponentNeed as NeedRow, Firm as FirmRow, NeedStatusChange as ChangeRow } from "../../infra/db/models.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import { mayReadNeedHistory } from "../../access/needs.js";
import { NeedStatus } from "../../api/common/enums.js";
import { effectiveWeights } from "../../core/matching/scorer.js";
import { needProfile } from "../matching/match.service.js";
import { MatchWeights } from "../matching/match.types.js";
import { PageArgs } from "../../api/common/relay.js";
import { DateScalar, toNumber } from "../../api/common/scalars.js";
import { periodOf, termMonthsOf } from "../../domain/need-period.js";
import type { Context } from "../../api/context.js";
import { primeRows } from "../../api/loaders.js";
import { Firm } from "../firms/firm.types.js";
import { ComponentNeed, ComponentNeedConnection, NeedFilter, NeedInput, NeedStatusChange, NeedUpdateInput } from "./need.types.js";

@ArgsType()
class NeedsArgs {
  @Field(() => NeedFilter, { nullable: true, description: "Only needs matching every condition given." })
  filter?: NeedFilter | null;
}

@Resolver(() => ComponentNeed)
export class NeedResolver {
  @Authorized()
  @Query(() => ComponentNeed, { description: "A need you may see; another firm's unpublished need answers NOT_FOUND, like a missing one." })
  need(@Arg("id", () => ID, { description: "The need's global id." }) id: string, @Ctx() ctx: Context) {
    return ctx.services.needs.get(ctx.viewer, expectId(id, "ComponentNeed", "id"));
  }

  @Authorized()
  @Query(() => ComponentNeedConnection, {
    description: "Needs you may see, newest first: your firm's own (firm members), published needs of all firms (IKM and foundation members), all (administrators).",
  })
  async needs(@Args(() => PageArgs) page: PageArgs, @Args(() => NeedsArgs) { filter }: NeedsArgs, @Ctx() ctx: Context) {
    const found = await ctx.services.needs.list(ctx.viewer, page, {
      statuses: filter?.statuses,
      process: filter?.process,
      firmId: filter?.firmId ? expectId(filter.firmId, "Firm", "filter.firmId") : null,
    });
    primeRows(ctx.loaders.need, found.nodes);
    return found;
  }

  @Authorized("FIRM", "ADMIN")
  @Mutation(() => ComponentNeed, { description: "Drafts a need for your firm (status DRAFT); open it with transitionNeed." })
  createNeed(@Arg("input", () => NeedInput, { description: "The need's terms." }) input: NeedInput, @Ctx() ctx: Context) {
    const firmId = input.firmId ? expectId(input.firmId, "Firm", "input.firmId") : null;
    return ctx.services.needs.create(ctx.viewer, { ...input, firmId: undefined }, firmId);
  }

  @Authorized("FIRM", "ADMIN")
  @Mutation(() => ComponentNeed, { description: "Changes a DRAFT or OPEN need of your firm." })
  updateNeed(
    @Arg("id", () => ID, { description: "The need's global id." }) id: string,
    @Arg("input", () => NeedUpdateInput, { description: "The terms to change; fields left out stay as they are." }) input: NeedUpdateInput,
    @Arg("expectedVersion", () => Int, { nullable: true, description: "The version you based the edit on; when the need changed meanwhile, CONFLICT. Leave out to overwrite." }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.needs.update(ctx.viewer, expectId(id, "ComponentNeed", "id"), input, expectedVersion);
  }

  @Authorized("FIRM", "ADMIN")
  @Mutation(() => ComponentNeed, {
    description: "Moves a need of your firm to another status. Refused with INVALID_TRANSITION when the lifecycle does not allow it, CONFLICT when someone changed it meanwhile.",
  })
  transitionNeed(
    @Arg("id", () => ID, { description: "The need's global id." }) id: string,
    @Arg("to", () => NeedStatus, { description: "The status to move to (see NeedStatus for the allowed moves)." }) to: NeedStatus,
    @Arg("reason", () => String, { nullable: true, description: "Why, kept in the status history." }) reason: string | null,
    @Arg("expectedVersion", () => Int, { nullable: true, description: "The version you based the move on; when the need changed meanwhile, CONFLICT. Leave out to skip the check." }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.needs.transition(ctx.viewer, expectId(id, "ComponentNeed", "id"), to, reason, expectedVersion);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() need: NeedRow): string {
    return toGlobalId("ComponentNeed", need.id);
  }

  @FieldResolver(() => DateScalar, { description: "Last day of supply, inclusive: certificates and committed capacity are judged from startDate through this day." })
  endDate(@Root() need: NeedRow): Date {
    return new Date(periodOf(need).endDay * 86_400_000);
  }

  @FieldResolver(() => Int, { description: "The period from startDate to endDate in whole months, a part month counted as one (2027-03-01 to 2028-02-29 is 12)." })
  termMonths(@Root() need: NeedRow): number {
    const { startDay, endDay } = periodOf(need);
    return termMonthsOf(startDay, endDay);
  }

  @FieldResolver(() => Float, { nullable: true })
  toleranceMm(@Root() need: NeedRow): number | null {
    return toNumber(need.toleranceMm);
  }

  @FieldResolver(() => MatchWeights, { description: "The factor weights matching uses for this need: its own overrides on the defaults, normalised." })
  matchWeights(@Root() need: NeedRow): MatchWeights {
    return effectiveWeights(needProfile(need));
  }

  @FieldResolver(() => Firm, { description: "The firm that posted the need." })
  async firm(@Root() need: NeedRow, @Ctx() ctx: Context): Promise<FirmRow> {
    return (await ctx.loaders.firm.load(need.firmId)) as FirmRow;
  }

  @FieldResolver(() => [NeedStatusChange], { nullable: true, description: "Status history: for the owning firm and administrators; null for others." })
  async statusHistory(@Root() need: NeedRow, @Ctx() ctx: Context): Promise<ChangeRow[] | null> {
    if (!mayReadNeedHistory(ctx.viewer, need)) return null;
    return ctx.loaders.statusChangesByNeed.load(need.id);
  }
}
