import type { CandidateKind, CandidateStatus, NeedStatus, Process, QuantityUnit, SampleStatus } from "../../../domain/enums.js";
import type { EventBus, SharedTopics } from "../../events/bus.js";
import type { Partnership, ShortlistCandidate, ShortlistMember } from "../models.js";
import type { Client } from "./client.js";

/** The facts of a need a shortlist or award decision looks at, read under its row lock. */
export interface ShortlistNeedFacts {
  id: string;
  firmId: string;
  status: NeedStatus;
  title: string;
  processes: Process[];
  quantityPerMonth: number;
  unit: QuantityUnit;
  version: number;
  /** The need's period (an award's partnerships run over it unless the award says otherwise). */
  startDate: Date;
  endDate: Date | null;
}

/** A candidate with its members (IKM id and share), members in IKM id order. */
export type CandidateWithMembers = ShortlistCandidate & { members: ShortlistMember[] };

/** A candidate to insert. */
export interface NewCandidate {
  needId: string;
  kind: CandidateKind;
  koperasiId: string | null;
  responseId: string | null;
  note: string | null;
  addedById: string;
  members: Array<{ ikmId: string; quantityPerMonth: number }>;
}

/** Sample requests still waiting on someone: cancelled when their candidate leaves the shortlist. */
const OPEN_SAMPLES: SampleStatus[] = ["REQUESTED", "SUBMITTED"];

const withMembers = { members: { orderBy: { ikmId: "asc" } } } as const;

/** A response as the shortlist reads it. */
export interface ResponseFacts {
  id: string;
  needId: string;
  ikmId: string | null;
  koperasiId: string | null;
  status: string;
  members: Array<{ ikmId: string; quantityPerMonth: number }>;
}

/** Shortlist candidates of needs, their members, and the sample requests an award reads. */
export class ShortlistRepository {
  constructor(private readonly db: Client) {}

  /**
   * The need's facts, its row locked (FOR UPDATE) until the transaction ends: every shortlist
   * write, award and status change of one need waits here for the one before it.
   */
  async lockNeed(needId: string): Promise<ShortlistNeedFacts | null> {
    const rows = await this.db.$queryRawUnsafe<ShortlistNeedFacts[]>(
      `SELECT "id"::text AS id, "firmId"::text AS "firmId", "status"::text AS status, "title", "processes"::text[] AS processes,
              "quantityPerMonth", "unit"::text AS unit, "version", "startDate", "endDate"
         FROM "ComponentNeed" WHERE "id" = $1::uuid FOR UPDATE`,
      needId,
    );
    return rows[0] ?? null;
  }

  findNeedFirm(needId: string): Promise<{ firmId: string } | null> {
    return this.db.componentNeed.findUnique({ where: { id: needId }, select: { firmId: true } });
  }

  /** The names of these IKMs (those that exist). */
  ikmNames(ikmIds: string[]): Promise<Array<{ id: string; legalName: string }>> {
    return this.db.ikm.findMany({ where: { id: { in: ikmIds } }, select: { id: true, legalName: true } });
  }

  /** The koperasi's name and which of these IKMs are its members; null when there is no such koperasi. */
  async koperasiMembers(koperasiId: string, ikmIds: string[]): Promise<{ name: string; memberIds: string[] } | null> {
    const row = await this.db.koperasi.findUnique({
      where: { id: koperasiId },
      select: { name: true, memberships: { where: { ikmId: { in: ikmIds } }, select: { ikmId: true } } },
    });
    return row && { name: row.name, memberIds: row.memberships.map((m) => m.ikmId) };
  }

  /** The IKM's response to the need, whatever its status. */
  responseOf(needId: string, ikmId: string): Promise<{ id: string; status: string } | null> {
    return this.db.needResponse.findUnique({ where: { needId_ikmId: { needId, ikmId } }, select: { id: true, status: true } });
  }

  /** A response with whom it answers for: one IKM (ikmId), or a koperasi's consortium (koperasiId and its members' shares). */
  findResponse(responseId: string): Promise<ResponseFacts | null> {
    return this.db.needResponse.findUnique({
      where: { id: responseId },
      select: { id: true, needId: true, ikmId: true, koperasiId: true, status: true, members: { select: { ikmId: true, quantityPerMonth: true } } },
    });
  }

  /** The SHORTLISTED IKM candidate of this IKM on the need, if any. */
  shortlistedIkmCandidate(needId: string, ikmId: string): Promise<ShortlistCandidate | null> {
    return this.db.shortlistCandidate.findFirst({ where: { needId, kind: "IKM", status: "SHORTLISTED", members: { some: { ikmId } } } });
  }

  /** The SHORTLISTED candidate chosen from this response on the need, if any. */
  shortlistedWithResponse(needId: string, responseId: string): Promise<ShortlistCandidate | null> {
    return this.db.shortlistCandidate.findFirst({ where: { needId, responseId, status: "SHORTLISTED" } });
  }

  countShortlisted(needId: string): Promise<number> {
    return this.db.shortlistCandidate.count({ where: { needId, status: "SHORTLISTED" } });
  }

  create(candidate: NewCandidate): Promise<CandidateWithMembers> {
    const { members, ...rest } = candidate;
    return this.db.shortlistCandidate.create({ data: { ...rest, status: "SHORTLISTED", members: { create: members } }, include: withMembers });
  }

  find(id: string): Promise<ShortlistCandidate | null> {
    return this.db.shortlistCandidate.findUnique({ where: { id } });
  }

  /** The candidate with its members and its need's firm (for access decisions), or null. */
  findWithParties(id: string): Promise<(CandidateWithMembers & { need: { firmId: string } }) | null> {
    return this.db.shortlistCandidate.findUnique({ where: { id }, include: { ...withMembers, need: { select: { firmId: true } } } });
  }

  /** The need's candidates in `status`, with members, oldest first. */
  candidatesOf(needId: string, status: CandidateStatus): Promise<CandidateWithMembers[]> {
    return this.db.shortlistCandidate.findMany({ where: { needId, status }, include: withMembers, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  }

  /** Moves one candidate from SHORTLISTED to `status` with its reason; false when it was no longer SHORTLISTED. */
  async decide(id: string, status: CandidateStatus, reason: string | null): Promise<boolean> {
    const { count } = await this.db.shortlistCandidate.updateMany({ where: { id, status: "SHORTLISTED" }, data: { status, reason, decidedAt: new Date() } });
    return count > 0;
  }

  /** Moves these SHORTLISTED candidates to `status` with one reason. */
  async decideAll(ids: string[], status: CandidateStatus, reason: string | null): Promise<void> {
    if (ids.length) await this.db.shortlistCandidate.updateMany({ where: { id: { in: ids }, status: "SHORTLISTED" }, data: { status, reason, decidedAt: new Date() } });
  }

  /** Cancels the REQUESTED and SUBMITTED sample requests of these candidates; the ids and IKMs of those cancelled. */
  async cancelOpenSamples(candidateIds: string[], reason = "Called off: the candidate left the shortlist."): Promise<Array<{ id: string; candidateId: string; ikmId: string }>> {
    if (!candidateIds.length) return [];
    const open = await this.db.sampleRequest.findMany({ where: { candidateId: { in: candidateIds }, status: { in: OPEN_SAMPLES } }, select: { id: true, candidateId: true, ikmId: true } });
    if (open.length) {
      await this.db.sampleRequest.updateMany({ where: { id: { in: open.map((s) => s.id) } }, data: { status: "CANCELLED", decidedAt: new Date(), decisionReason: reason, version: { increment: 1 } } });
    }
    return open;
  }

  /** The candidate's sample requests, newest first per IKM (status and IKM only). */
  samplesOf(candidateId: string): Promise<Array<{ id: string; ikmId: string; status: SampleStatus; createdAt: Date }>> {
    return this.db.sampleRequest.findMany({
      where: { candidateId },
      select: { id: true, ikmId: true, status: true, createdAt: true },
      orderBy: [{ ikmId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    });
  }

  /** Moves the need (still at `version` and SHORTLISTED or OPEN as given) to `to`, bumping its version. */
  async moveNeed(needId: string, version: number, from: NeedStatus, to: NeedStatus): Promise<boolean> {
    const { count } = await this.db.componentNeed.updateMany({ where: { id: needId, version, status: from }, data: { status: to, version: { increment: 1 } } });
    return count > 0;
  }

  async recordNeedChange(change: { needId: string; fromStatus: NeedStatus; toStatus: NeedStatus; changedById: string; reason: string | null }): Promise<void> {
    await this.db.needStatusChange.create({ data: change });
  }

  // ---- batch reads for the GraphQL loaders ------------------------------------------------

  /** Every candidate of these needs, oldest first. */
  candidatesOfNeeds(needIds: string[]): Promise<ShortlistCandidate[]> {
    return this.db.shortlistCandidate.findMany({ where: { needId: { in: needIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  }

  /** The members of these candidates, in IKM id order. */
  membersOfCandidates(candidateIds: string[]): Promise<ShortlistMember[]> {
    return this.db.shortlistMember.findMany({ where: { candidateId: { in: candidateIds } }, orderBy: [{ candidateId: "asc" }, { ikmId: "asc" }] });
  }

  /** The candidacies of these IKMs (the candidates they are members of), newest first, each with the member's IKM id. */
  async candidaciesOfIkms(ikmIds: string[]): Promise<Array<ShortlistCandidate & { memberIkmId: string }>> {
    const rows = await this.db.shortlistMember.findMany({
      where: { ikmId: { in: ikmIds } },
      include: { candidate: true },
      orderBy: [{ candidate: { createdAt: "desc" } }, { candidateId: "asc" }],
    });
    return rows.map((m) => ({ ...m.candidate, memberIkmId: m.ikmId }));
  }

  /** Candidates by id (with their members, for access decisions). */
  candidatesByIds(ids: string[]): Promise<CandidateWithMembers[]> {
    return this.db.shortlistCandidate.findMany({ where: { id: { in: ids } }, include: withMembers });
  }

  /** Partnerships created for these needs, oldest first. */
  partnershipsOfNeeds(needIds: string[]): Promise<Partnership[]> {
    return this.db.partnership.findMany({ where: { needId: { in: needIds } }, orderBy: [{ createdAt: "asc" }, { ikmId: "asc" }] });
  }

  publishEvent<K extends keyof SharedTopics>(events: EventBus, topic: K, payload: SharedTopics[K]): Promise<void> {
    return events.publish(this.db, topic, payload);
  }
}
