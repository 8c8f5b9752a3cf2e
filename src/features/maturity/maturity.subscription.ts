/**
 * Live maturity and matching events over graphql-ws. Each subscription checks who is asking when
 * it starts (the same rules as the queries), and every event is loaded again through the
 * subscriber's own context, so it shows only what that subscriber may see.
 */
import { Arg, Args, Ctx, ID, Resolver, Root, Subscription } from "type-graphql";
import type { ComponentNeed as NeedRow, Ikm as IkmRow, StageChange as StageChangeRow } from "../../infra/db/models.js";
import { badInput, notFound } from "../../domain/errors.js";
import { expectId } from "../../domain/ids.js";
import type { Topics } from "../../infra/events/bus.js";
import { isAdmin, requireUser } from "../../access/viewer.js";
import {
  assertMayFollowMatches, assertMayFollowStageChanges, assertMayHearOpportunities, assertNeedOfViewer, ownIkm, seesWhileMentoring,
} from "../../access/maturity.js";
import type { Context } from "../../api/context.js";
import { eventNeed } from "../needs/need.subscription.js";
import { RESUME_AFTER_DESCRIPTION } from "../needs/need.types.js";
import { MatchesChange, OpportunityAlert, StageChangeEvent, StageChangedArgs } from "./maturity.types.js";

type StageEvent = Topics["STAGE_CHANGED"][0];
type OpportunityEvent = Topics["OPPORTUNITY"][1];
type MatchesEvent = Topics["MATCHES_CHANGED"][1];

@Resolver()
export class MaturitySubscriptionResolver {
  @Subscription(() => StageChangeEvent, {
    description: "Stage changes of a foundation's mentees (foundationId: its people and administrators) or of one IKM (ikmId: the IKM, its mentoring foundations, administrators). Give exactly one; give after to resume.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const user = requireUser(ctx.viewer);
      const { foundationId: foundationArg, ikmId: ikmArg, after } = args as StageChangedArgs;
      if ((foundationArg ? 1 : 0) + (ikmArg ? 1 : 0) !== 1) {
        throw badInput("Give exactly one of foundationId and ikmId.", [{ path: "foundationId", message: "give this or ikmId" }]);
      }
      const { live, maturity } = ctx.services;
      if (foundationArg) {
        const foundationId = expectId(foundationArg, "Foundation", "foundationId");
        await maturity.dashboardFor(user, foundationId);
        return live.stageChanges({ foundationId }, after);
      }
      const ikmId = expectId(ikmArg as string, "Ikm", "ikmId");
      // Refused alike whether the IKM exists or not; an administrator learns it is missing.
      assertMayFollowStageChanges(await maturity.canSeeMaturity(user, ikmId));
      if (isAdmin(user) && !(await ctx.loaders.ikm.load(ikmId))) throw notFound("IKM", ikmId);
      if (!seesWhileMentoring(user)) return live.stageChanges({ ikmId }, after); // the IKM itself, or an administrator
      // A foundation hears of the IKM while it mentors it: checked again per live event (once per
      // event and foundation in this process), so a mentorship that ends stops the stream's events.
      return live.stageChanges({ ikmId }, after, (e) => live.shared(`${e.eventId}:sees:${user.foundationId}:${ikmId}`, () => maturity.canSeeMaturity(user, ikmId)));
    },
  })
  async stageChanged(@Root() event: StageEvent, @Args(() => StageChangedArgs) _args: StageChangedArgs, @Ctx() ctx: Context): Promise<StageChangeRow & { eventId: string }> {
    // The subscription's checks passed and the filter matched (a mentee of the subscribed foundation
    // when the change was made, or the subscribed IKM): the change and its IKM are read once per
    // event for every subscriber here (once per replay for a resumed one), and only what this
    // subscriber selects is resolved further.
    const [change, ikm] = await ctx.services.live.stageChangeOf(event);
    if (!change) throw notFound("Stage change", event.stageChangeId);
    ctx.refreshLoaders();
    if (ikm) ctx.loaders.ikm.prime(ikm.id, ikm);
    return { ...change, eventId: event.eventId };
  }

  @Subscription(() => OpportunityAlert, {
    description: "Newly opened needs the IKM is eligible for with a good match: for the IKM's own members (ikmId may be left out), its mentoring foundations and administrators. With after, the needs opened since are checked as live ones are (open now, eligible, a good match now).",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const user = requireUser(ctx.viewer);
      const { ikmId: ikmArg, after } = args as { ikmId?: string | null; after?: string | null };
      const ikmId = ikmArg ? expectId(ikmArg, "Ikm", "ikmId") : ownIkm(user);
      if (!ikmId) throw badInput("Name the IKM: ikmId is required unless you sign in as an IKM member.", [{ path: "ikmId", message: "required" }]);
      assertMayHearOpportunities(await ctx.services.ikms.canSeePrivate(user, ikmId));
      if (isAdmin(user) && !(await ctx.loaders.ikm.load(ikmId))) throw notFound("IKM", ikmId);
      const { live, ikms } = ctx.services;
      if (!seesWhileMentoring(user)) return live.opportunities(ikmId, undefined, after);
      return live.opportunities(ikmId, (alert) => live.shared(`${alert.eventId}:private:${user.foundationId}:${ikmId}`, () => ikms.canSeePrivate(user, ikmId)), after);
    },
  })
  async opportunityPublished(
    @Root() event: OpportunityEvent,
    @Arg("ikmId", () => ID, { nullable: true, description: "The IKM; IKM members may leave it out for their own." }) _ikmId: string | null,
    @Arg("after", () => ID, { nullable: true, description: RESUME_AFTER_DESCRIPTION }) _after: string | null,
    @Ctx() ctx: Context,
  ): Promise<{ need: NeedRow; total: number; eventId: string }> {
    ctx.refreshLoaders();
    return { need: await eventNeed(ctx, event.eventId, event.needId), total: event.total, eventId: event.eventId };
  }

  @Subscription(() => MatchesChange, {
    description:
      "The need's ranked suppliers changed in the first 20 places (a new eligible IKM, a stage change, a certificate added or removed, the need edited): for the need's firm and administrators. " +
      "Not resumable (no after, no eventId): each event is the difference between this server's last two rankings, not an entry of the event log, so after reconnecting refetch the matches query and subscribe again.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const user = requireUser(ctx.viewer);
      const needId = expectId((args as { needId: string }).needId, "ComponentNeed", "needId");
      // The role first, as for the matches query: a supplier is refused alike for any need id.
      assertMayFollowMatches(user);
      const need = await ctx.services.needs.get(user, needId);
      // Another firm's need answers like a missing one.
      assertNeedOfViewer(user, { id: needId, firmId: need.firmId });
      return ctx.services.live.matchesChanged(needId);
    },
  })
  async matchesChanged(
    @Root() event: MatchesEvent,
    @Arg("needId", () => ID, { description: "The need of your firm to watch." }) _needId: string,
    @Ctx() ctx: Context,
  ): Promise<{ need: NeedRow; entered: IkmRow[]; left: IkmRow[]; moved: IkmRow[]; changedAt: Date }> {
    ctx.refreshLoaders();
    const need = await ctx.services.needs.get(ctx.viewer, event.needId);
    const load = async (ids: string[]) => (await ctx.loaders.ikm.loadMany(ids)).filter((i): i is IkmRow => !!i && !(i instanceof Error));
    return { need, entered: await load(event.entered), left: await load(event.left), moved: await load(event.moved), changedAt: new Date(event.changedAt) };
  }
}
