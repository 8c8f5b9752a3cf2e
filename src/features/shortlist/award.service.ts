/**
 * The award (issue 16): a SHORTLISTED need goes to one candidate, one IKM or a whole consortium,
 * in ONE transaction. It holds the need's row lock, then each member IKM's row lock in id order
 * (as recordPartnership and acceptPartnership do, so awards and records for one IKM wait for each
 * other and two awards cannot both take its last free capacity), checks every member's capacity,
 * writes one PENDING partnership per member, moves the need to AWARDED, the candidate to AWARDED
 * and every other SHORTLISTED candidate to NOT_AWARDED (their open samples cancelled), and tells
 * every member of every candidate. Any refusal rolls all of it back: nothing is half-written.
 *
 * The capacity rule of an award: an award RESERVES capacity. A PENDING partnership binds the IKM
 * only once it accepts, but a firm that won an award is owed the capacity until the IKM decides.
 * Every capacity count agrees (domain/partnership-status.ts: ACTIVE partnerships, and PENDING ones an
 * award wrote, `candidateId` set, hold capacity), so an award counts what recordPartnership,
 * acceptPartnership, matches and consortia count, and after it commits the members' free capacity
 * in the match index drops at once. A firm's PENDING proposal (recordPartnership) holds nothing. Same peak-over-dates rule (core/supply/capacity.ts, peakHolds), same row lock.
 */
import type { ComponentNeed, Partnership, ShortlistCandidate } from "../../infra/db/models.js";
import type { Database, Repositories } from "../../infra/db/repositories/index.js";
import type { CandidateWithMembers, ShortlistNeedFacts } from "../../infra/db/repositories/shortlist.repository.js";
import type { EventBus } from "../../infra/events/bus.js";
import type { IkmService } from "../ikms/ikm.service.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { NEED_TRANSITIONS } from "../../domain/need-status.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { mayManageShortlist } from "../../access/shortlist.js";
import { checkCapacity } from "../partnerships/partnership.service.js";
import { parseInput } from "../common/validation.js";
import { announce, passOverShortlist } from "./shortlist.effects.js";
import { type AwardInput, awardPeriod, awardSchema, unapprovedSamples } from "./shortlist.rules.js";
import { staleNeed } from "./shortlist.service.js";

/** What an award answers: the need AWARDED, the candidate AWARDED, and its members' PENDING partnerships. */
export interface AwardOutcome {
  need: ComponentNeed;
  candidate: ShortlistCandidate;
  partnerships: Partnership[];
}

const AWARD_PASSED_OVER = "The need was awarded to another candidate.";

export class AwardService {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly ikms: IkmService,
  ) {}

  /** Awards a SHORTLISTED need at `expectedVersion` to one of its SHORTLISTED candidates (see the file's comment). */
  async award(viewer: Viewer, raw: unknown): Promise<AwardOutcome> {
    const user = requireUser(viewer);
    const input = parseInput(awardSchema, raw);
    const owner = await this.database.repos.shortlist.findNeedFirm(input.needId);
    if (!owner || !mayManageShortlist(user, owner)) throw notFound("Component need", input.needId);

    const outcome = await this.database.transaction(async (repos) => {
      const need = await repos.shortlist.lockNeed(input.needId);
      if (!need) throw notFound("Component need", input.needId);
      assertAwardable(need, input.expectedVersion);
      const candidate = await this.awardableCandidate(repos, need, input.candidateId);
      const partnerships = await this.reserve(repos, need, candidate, input);
      if (!(await repos.shortlist.moveNeed(need.id, need.version, "SHORTLISTED", "AWARDED"))) throw staleNeed(need.id, need.version);
      await repos.shortlist.recordNeedChange({ needId: need.id, fromStatus: "SHORTLISTED", toStatus: "AWARDED", changedById: user.userId, reason: input.reason ?? null });
      await repos.shortlist.decide(candidate.id, "AWARDED", input.reason ?? null);
      await announce(repos, this.events, need, [candidate], "AWARDED");
      await passOverShortlist(repos, this.events, need, AWARD_PASSED_OVER, candidate.id);
      await repos.shortlist.publishEvent(this.events, "NEED_CHANGED", { needId: need.id, firmId: need.firmId });
      return { need: await repos.needs.findNeedOrThrow(need.id), candidate: (await repos.shortlist.find(candidate.id))!, partnerships };
    });
    // The PENDING partnerships hold the members' capacity: the matcher ranks on free capacity, so
    // refresh them before answering (the Partnership trigger's notification would, but later).
    await this.ikms.changes.ikmsChanged(outcome.partnerships.map((p) => p.ikmId));
    return outcome;
  }

  /** The candidate, SHORTLISTED on this need, every member's newest sample (if any) APPROVED. */
  private async awardableCandidate(repos: Repositories, need: ShortlistNeedFacts, candidateId: string): Promise<CandidateWithMembers> {
    const [candidate] = await repos.shortlist.candidatesByIds([candidateId]);
    if (!candidate || candidate.needId !== need.id) {
      throw badInput(`input.candidateId must be a candidate on the shortlist of "${need.title}".`, [{ path: "input.candidateId", message: "not a candidate of this need" }]);
    }
    if (candidate.status !== "SHORTLISTED") {
      throw badInput(`This candidate is ${candidate.status}; only a SHORTLISTED candidate can be awarded.`, [{ path: "input.candidateId", message: `is ${candidate.status}, not SHORTLISTED` }]);
    }
    const blocked = unapprovedSamples(candidate.members.map((m) => m.ikmId), await repos.shortlist.samplesOf(candidate.id));
    if (blocked.length) {
      const names = new Map((await repos.shortlist.ikmNames(blocked.map((b) => b.ikmId))).map((i) => [i.id, i.legalName]));
      const said = blocked.map((b) => `${names.get(b.ikmId) ?? "a member"}'s newest sample is ${b.status}`).join("; ");
      throw badInput(`The candidate's samples are not all approved: ${said}. Approve them (or ask again and approve), then award.`, [
        { path: "input.candidateId", message: said },
      ]);
    }
    return candidate;
  }

  /**
   * Locks each member IKM's row in id order, checks its capacity counting the partnerships that hold
   * it (ACTIVE, and other awards' PENDING ones: as everywhere), and writes its PENDING partnership,
   * which holds the capacity from now on. The first member that
   * does not fit refuses the award (CONFLICT naming the capacity) and everything rolls back.
   */
  private async reserve(repos: Repositories, need: ShortlistNeedFacts, candidate: CandidateWithMembers, input: AwardInput): Promise<Partnership[]> {
    const period = awardPeriod(need, input);
    if ("path" in period) throw badInput(`The award's dates do not fit: ${period.message}.`, [period]);
    const created: Partnership[] = [];
    const members = [...candidate.members].sort((a, b) => a.ikmId.localeCompare(b.ikmId));
    for (const member of members) {
      const ikmName = await repos.partnerships.lockIkm(member.ikmId);
      if (ikmName === null) throw notFound("IKM", member.ikmId);
      const terms = { processes: need.processes, quantityPerMonth: member.quantityPerMonth, unit: need.unit, startDate: period.startDate, endDate: period.endDate };
      await checkCapacity(repos.partnerships, member.ikmId, ikmName, terms, {
        fits: (quantity) => `not the ${quantity} this award asks (awards reserve capacity: ACTIVE partnerships and other awards' PENDING ones count). Nothing was awarded`,
      });
      created.push(await repos.partnerships.create({
        firmId: need.firmId,
        ikmId: member.ikmId,
        needId: need.id,
        koperasiId: candidate.koperasiId,
        // Marks it as written by this award: PENDING, it holds the member's capacity already.
        candidateId: candidate.id,
        component: need.title,
        processes: need.processes,
        quantityPerMonth: member.quantityPerMonth,
        unit: need.unit,
        startDate: period.startDate,
        endDate: period.endDate,
        status: "PENDING",
      }));
    }
    return created;
  }
}

/** The need must be SHORTLISTED (INVALID_TRANSITION naming its allowed moves) at the version the firm saw (CONFLICT). */
export function assertAwardable(need: Pick<ShortlistNeedFacts, "id" | "status" | "version">, expectedVersion: number): void {
  if (need.status !== "SHORTLISTED") {
    const allowed = NEED_TRANSITIONS[need.status];
    throw new DomainError(
      ErrorCode.INVALID_TRANSITION,
      `A ${need.status} need cannot be awarded; only a SHORTLISTED one can. ` + (allowed.length ? `It can become ${allowed.join(" or ")}.` : "It is final."),
      { from: need.status, to: "AWARDED", allowed },
    );
  }
  if (need.version !== expectedVersion) throw staleNeed(need.id, need.version);
}
