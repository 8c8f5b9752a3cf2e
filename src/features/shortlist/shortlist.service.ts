/**
 * The shortlist (issue 16): a need's firm names candidates, one IKM or a consortium of IKMs with
 * their shares, chosen from the responses to the need and from its matches. Every write of one
 * need's shortlist holds the need's row lock (SELECT ... FOR UPDATE), so two at once are
 * serialised: the same IKM cannot slip onto one need twice as a single-IKM candidate (nor one
 * response twice), and the first candidate moves an OPEN need to SHORTLISTED exactly once. Each candidate's members hear CANDIDACY_CHANGED, published in
 * the transaction (delivered at commit, never for a write rolled back).
 */
import type { ShortlistCandidate } from "../../infra/db/models.js";
import type { Database, Repositories } from "../../infra/db/repositories/index.js";
import type { CandidateWithMembers, ShortlistNeedFacts } from "../../infra/db/repositories/shortlist.repository.js";
import type { EventBus } from "../../infra/events/bus.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { toGlobalId } from "../../domain/ids.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { type CandidateParties, candidateSight, mayManageShortlist } from "../../access/shortlist.js";
import type { IkmService } from "../ikms/ikm.service.js";
import type { MatchService } from "../matching/match.service.js";
import { parseInput } from "../common/validation.js";
import { announce } from "./shortlist.effects.js";
import { type CandidateInput, SHORTLISTABLE, candidateSchema, reasonSchema, shareProblems, unmetRequirements } from "./shortlist.rules.js";

/** A stale expectedVersion of the need (CONFLICT), naming the need by its global id. */
export const staleNeed = (needId: string, version: number) =>
  new DomainError(ErrorCode.CONFLICT, `Component need ${toGlobalId("ComponentNeed", needId)} was changed by someone else meanwhile (it is at version ${version}); reload it and try again.`, { version });

export class ShortlistService {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly ikms: IkmService,
    private readonly matching: MatchService,
  ) {}

  /**
   * The need's firm (or an administrator) shortlists a candidate on an OPEN or SHORTLISTED need.
   * An IKM candidate needs an ACTIVE response to the need or an eligible match (every hard
   * requirement met); a consortium's shares must add up to the need's quantity, and with a koperasi
   * every member must belong to it. The first candidate moves an OPEN need to SHORTLISTED.
   */
  async shortlist(viewer: Viewer, needId: string, raw: unknown): Promise<CandidateWithMembers> {
    const user = requireUser(viewer);
    const given = parseInput(candidateSchema, raw);
    const owner = await this.database.repos.shortlist.findNeedFirm(needId);
    if (!owner || !mayManageShortlist(user, owner)) throw notFound("Component need", needId);
    let input = given.ikmId || given.members ? given : await this.fromResponse(this.database.repos, needId, given);
    const responseId = input.ikmId ? await this.eligibleIkm(viewer, needId, input.ikmId, input.responseId ?? null) : (input.responseId ?? null);

    return this.database.transaction(async (repos) => {
      const need = await repos.shortlist.lockNeed(needId);
      if (!need) throw notFound("Component need", needId);
      // Read again under the need's lock (withdrawing or revising a response waits for it): the
      // response is still ACTIVE, and a koperasi's still offers the members it is shortlisted with.
      if (responseId) {
        const now = await this.fromResponse(repos, needId, { ...input, responseId });
        if (!now.ikmId && !given.members) input = now;
      }
      if (!SHORTLISTABLE.includes(need.status)) {
        throw badInput(`"${need.title}" is ${need.status}: candidates are shortlisted only while it is OPEN or SHORTLISTED.`, [{ path: "input.needId", message: `is ${need.status}, not OPEN or SHORTLISTED` }]);
      }
      if (input.expectedVersion != null && input.expectedVersion !== need.version) throw staleNeed(need.id, need.version);
      const members = await this.membersOf(repos, need, input);
      if (responseId && !input.ikmId) {
        const twice = await repos.shortlist.shortlistedWithResponse(need.id, responseId);
        if (twice) {
          throw new DomainError(ErrorCode.CONFLICT, `This response is on the shortlist of "${need.title}" already (candidate ${toGlobalId("ShortlistCandidate", twice.id)}).`, {
            candidateId: toGlobalId("ShortlistCandidate", twice.id),
          });
        }
      }
      if (input.ikmId) {
        const twice = await repos.shortlist.shortlistedIkmCandidate(need.id, input.ikmId);
        if (twice) {
          throw new DomainError(ErrorCode.CONFLICT, `This IKM is on the shortlist of "${need.title}" already (candidate ${toGlobalId("ShortlistCandidate", twice.id)}).`, {
            candidateId: toGlobalId("ShortlistCandidate", twice.id),
          });
        }
      }
      const candidate = await repos.shortlist.create({
        needId: need.id,
        kind: input.ikmId ? "IKM" : "CONSORTIUM",
        koperasiId: input.koperasiId ?? null,
        responseId,
        note: input.note,
        addedById: user.userId,
        members,
      });
      if (need.status === "OPEN") {
        if (!(await repos.shortlist.moveNeed(need.id, need.version, "OPEN", "SHORTLISTED"))) throw staleNeed(need.id, need.version);
        await repos.shortlist.recordNeedChange({ needId: need.id, fromStatus: "OPEN", toStatus: "SHORTLISTED", changedById: user.userId, reason: "First candidate shortlisted" });
        await repos.shortlist.publishEvent(this.events, "NEED_CHANGED", { needId: need.id, firmId: need.firmId });
      }
      await announce(repos, this.events, need, [candidate], "SHORTLISTED");
      return candidate;
    });
  }

  /**
   * The need's firm (or an administrator) takes a SHORTLISTED candidate off the shortlist with a
   * reason: REMOVED, its REQUESTED and SUBMITTED sample requests CANCELLED, its members told. The
   * need stays as it is (reopen it with transitionNeed when nobody is left).
   */
  async remove(viewer: Viewer, candidateId: string, reason: unknown): Promise<ShortlistCandidate> {
    const user = requireUser(viewer);
    const why = parseInput(reasonSchema, reason, "reason");
    const row = await this.database.repos.shortlist.findWithParties(candidateId);
    if (!row || !mayManageShortlist(user, row.need)) throw notFound("Shortlist candidate", candidateId);
    return this.database.transaction(async (repos) => {
      const need = await repos.shortlist.lockNeed(row.needId);
      if (!need) throw notFound("Shortlist candidate", candidateId);
      if (!(await repos.shortlist.decide(candidateId, "REMOVED", why))) {
        const now = await repos.shortlist.find(candidateId);
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `This candidate is ${now?.status ?? "gone"}; only a SHORTLISTED candidate can be removed.`, {
          from: now?.status ?? null, to: "REMOVED", allowed: [],
        });
      }
      await repos.shortlist.cancelOpenSamples([candidateId], `Called off: the candidate was removed (${why}).`);
      await announce(repos, this.events, need, [row], "REMOVED");
      return (await repos.shortlist.find(candidateId))!;
    });
  }

  /** One candidate the viewer may see (access/shortlist.ts, candidateSight), or NOT_FOUND as for a missing one. */
  async get(viewer: Viewer, candidateId: string): Promise<ShortlistCandidate> {
    const row = await this.database.repos.shortlist.findWithParties(candidateId);
    if (!row || !(await this.canSee(viewer, { firmId: row.need.firmId, ikmIds: row.members.map((m) => m.ikmId) }))) throw notFound("Shortlist candidate", candidateId);
    const { need: _need, members: _members, ...candidate } = row;
    return candidate;
  }

  /** A candidate by id, unchecked: for callers that decided who hears of it (the subscription, per event). */
  find(candidateId: string): Promise<ShortlistCandidate | null> {
    return this.database.repos.shortlist.find(candidateId);
  }

  /** Whether the viewer sees a candidate with these parties (foundations: while they mentor one of its members). */
  async canSee(viewer: Viewer, parties: CandidateParties): Promise<boolean> {
    const sight = candidateSight(viewer, parties);
    if (sight !== "if-sees-a-member-private") return sight;
    for (const ikmId of parties.ikmIds) if (await this.ikms.canSeePrivate(viewer, ikmId)) return true;
    return false;
  }

  /**
   * The response an IKM candidate comes from, when it has an ACTIVE one (a `responseId` given must
   * be it); without one the IKM must be an eligible match for the need (explainMatch's checks):
   * a hard requirement it fails is BAD_USER_INPUT naming each.
   */
  private async eligibleIkm(viewer: Viewer, needId: string, ikmId: string, responseId: string | null): Promise<string | null> {
    const repo = this.database.repos.shortlist;
    if (responseId) {
      const response = await repo.findResponse(responseId);
      if (!response || response.needId !== needId || response.ikmId !== ikmId) {
        throw badInput("input.responseId must be this IKM's response to this need.", [{ path: "input.responseId", message: "not this IKM's response to this need" }]);
      }
      if (response.status !== "ACTIVE") throw badInput("This response was withdrawn; shortlist the IKM without it, or ask it to answer again.", [{ path: "input.responseId", message: "is WITHDRAWN" }]);
      return response.id;
    }
    const own = await repo.responseOf(needId, ikmId);
    if (own?.status === "ACTIVE") return own.id;
    const unmet = unmetRequirements(await this.matching.explain(viewer, needId, ikmId));
    if (unmet.length) {
      throw badInput(`This IKM has not answered the need and fails its hard requirements: ${unmet.join("; ")}. Shortlist an eligible IKM, or one that responded.`, [
        { path: "input.ikmId", message: `fails: ${unmet.join("; ")}` },
      ]);
    }
    return null;
  }

  /**
   * A candidate named by its response alone: the IKM that answered, or the koperasi's consortium
   * with the members and shares its response offers (an ACTIVE response to this need).
   */
  private async fromResponse(repos: Repositories, needId: string, input: CandidateInput): Promise<CandidateInput> {
    const response = await repos.shortlist.findResponse(input.responseId!);
    if (!response || response.needId !== needId) {
      throw badInput("input.responseId must be a response to this need.", [{ path: "input.responseId", message: "not a response to this need" }]);
    }
    if (response.status !== "ACTIVE") throw badInput("This response was withdrawn; ask the responder to answer again, or name the candidate with ikmId or members.", [{ path: "input.responseId", message: "is WITHDRAWN" }]);
    if (response.ikmId) return { ...input, ikmId: response.ikmId };
    return { ...input, members: response.members, koperasiId: response.koperasiId };
  }

  /** The members of the candidate: the one IKM with the whole quantity, or the consortium's, checked. */
  private async membersOf(repos: Repositories, need: ShortlistNeedFacts, input: CandidateInput): Promise<Array<{ ikmId: string; quantityPerMonth: number }>> {
    const members = input.ikmId ? [{ ikmId: input.ikmId, quantityPerMonth: need.quantityPerMonth }] : [...input.members!].sort((a, b) => a.ikmId.localeCompare(b.ikmId));
    const found = new Set((await repos.shortlist.ikmNames(members.map((m) => m.ikmId))).map((i) => i.id));
    if (members.some((m) => !found.has(m.ikmId))) throw notFound("IKM");
    if (!input.ikmId) {
      const problems = shareProblems(need.quantityPerMonth, need.unit, members);
      if (problems.length) throw badInput(`A consortium's shares must add up to the need's ${need.quantityPerMonth} ${need.unit} a month; ${problems[0].message}.`, problems);
    }
    if (input.koperasiId) {
      const koperasi = await repos.shortlist.koperasiMembers(input.koperasiId, members.map((m) => m.ikmId));
      if (!koperasi) throw notFound("Koperasi", input.koperasiId);
      const outside = members.filter((m) => !koperasi.memberIds.includes(m.ikmId));
      if (outside.length) {
        const at = input.members!.map((m) => m.ikmId);
        // (A koperasi's own response names only its members, checked when it answered.)
        throw badInput(`Every member must belong to ${koperasi.name}: ${outside.length} of them do not (a koperasi splits an order among its own members).`,
          outside.map((m) => ({ path: `input.members.${at.indexOf(m.ikmId)}.ikmId`, message: `not a member of ${koperasi.name}` })));
      }
    }
    return members;
  }
}
