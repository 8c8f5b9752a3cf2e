/**
 * What happens to a need's shortlist when the need moves on, in the caller's transaction: the
 * candidates still SHORTLISTED are passed over (NOT_AWARDED, with the reason), their open sample
 * requests cancelled, and every member of each hears CANDIDACY_CHANGED. Shared by awardNeed
 * (the other candidates) and transitionNeed (a cancelled or reopened need), so both say it alike.
 */
import type { Repositories } from "../../infra/db/repositories/index.js";
import type { CandidateWithMembers, ShortlistNeedFacts } from "../../infra/db/repositories/shortlist.repository.js";
import type { EventBus, SharedTopics } from "../../infra/events/bus.js";

type CandidacyChange = SharedTopics["CANDIDACY_CHANGED"]["change"];

/** Announces a change of these candidates to each of their members (one event per member IKM). */
export async function announce(
  repos: Repositories,
  events: EventBus,
  need: Pick<ShortlistNeedFacts, "id" | "firmId">,
  candidates: ReadonlyArray<Pick<CandidateWithMembers, "id" | "members">>,
  change: CandidacyChange,
): Promise<void> {
  for (const candidate of candidates) {
    for (const member of candidate.members) {
      await repos.shortlist.publishEvent(events, "CANDIDACY_CHANGED", { needId: need.id, firmId: need.firmId, ikmId: member.ikmId, candidateId: candidate.id, change, sampleId: null });
    }
  }
}

/**
 * Passes over every SHORTLISTED candidate of the need but `exceptId`: NOT_AWARDED with `reason`,
 * open samples cancelled, members told. Call it holding the need's row lock.
 */
export async function passOverShortlist(
  repos: Repositories,
  events: EventBus,
  need: Pick<ShortlistNeedFacts, "id" | "firmId">,
  reason: string,
  exceptId?: string,
): Promise<CandidateWithMembers[]> {
  const others = (await repos.shortlist.candidatesOf(need.id, "SHORTLISTED")).filter((c) => c.id !== exceptId);
  const ids = others.map((c) => c.id);
  await repos.shortlist.decideAll(ids, "NOT_AWARDED", reason);
  await repos.shortlist.cancelOpenSamples(ids, `Called off: ${reason}`);
  await announce(repos, events, need, others, "NOT_AWARDED");
  return others;
}
