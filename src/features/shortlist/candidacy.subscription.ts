import { Args, Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { ComponentNeed as NeedRow, ShortlistCandidate as CandidateRow } from "../../infra/db/models.js";
import { notFound } from "../../domain/errors.js";
import { type NodeType, expectId, toGlobalId } from "../../domain/ids.js";
import type { Topics } from "../../infra/events/bus.js";
import { isAdmin, requireUser } from "../../access/viewer.js";
import { seesWhileMentoring } from "../../access/maturity.js";
import { assertMayFollowCandidacy, assertMaySubscribeToCandidacy } from "../../access/shortlist.js";
import type { Context } from "../../api/context.js";
import { type CandidacyChange, CandidacyChangedArgs, CandidacyEvent } from "./shortlist.types.js";

type Event = Topics["CANDIDACY_CHANGED"][0];

@Resolver()
export class CandidacySubscriptionResolver {
  @Subscription(() => CandidacyEvent, {
    description:
      "An IKM's candidacies: shortlisted, removed, asked for samples, samples approved or rejected, awarded or not. For the IKM's members, foundations actively mentoring it " +
      "(checked again for every event) and administrators; anyone else FORBIDDEN, alike for a missing IKM. Resumable: give after to hear first the events since it.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const user = requireUser(ctx.viewer);
      assertMaySubscribeToCandidacy(user);
      const { ikmId: ikmArg, after } = args as CandidacyChangedArgs;
      const ikmId = expectId(ikmArg, "Ikm", "ikmId");
      const { live, ikms } = ctx.services;
      assertMayFollowCandidacy(await ikms.canSeePrivate(user, ikmId));
      // An administrator learns the IKM is missing; everyone else was refused above alike.
      if (isAdmin(user) && !(await ctx.loaders.ikm.load(ikmId))) throw notFound("IKM", ikmId);
      if (!seesWhileMentoring(user)) return live.candidacies(ikmId, after, () => true);
      // A foundation hears of the IKM while it mentors it: checked per event (once per event and foundation here).
      return live.candidacies(ikmId, after, (e) => live.shared(`${e.eventId}:private:${user.foundationId}:${ikmId}`, () => ikms.canSeePrivate(user, ikmId)));
    },
  })
  async candidacyChanged(
    @Root() event: Event,
    @Args(() => CandidacyChangedArgs) _args: CandidacyChangedArgs,
    @Ctx() ctx: Context,
  ): Promise<{ eventId: string; change: CandidacyChange; candidate: CandidateRow; need: NeedRow; sampleId: string | null }> {
    ctx.refreshLoaders();
    const { live, shortlist } = ctx.services;
    const [candidate, need] = await Promise.all([
      live.shared(`${event.eventId}:candidate`, () => shortlist.find(event.candidateId)),
      live.needOf(event.eventId, event.needId),
    ]);
    if (!candidate || !need) throw notFound("Shortlist candidate", event.candidateId);
    // The samples part owns SampleRequest's global ids; it is named the way every node id is.
    const sampleId = event.sampleId ? toGlobalId("SampleRequest" as NodeType, event.sampleId) : null;
    return { eventId: event.eventId, change: event.change as CandidacyChange, candidate, need, sampleId };
  }
}
