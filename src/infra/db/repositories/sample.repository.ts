import type { CandidateStatus, NeedStatus, SampleStatus } from "../../../domain/enums.js";
import type { EventBus, SharedTopics } from "../../events/bus.js";
import type { SampleChecklistItem, SampleRequest, ShortlistCandidate } from "../models.js";
import type { Client } from "./client.js";

/** The facts of a candidate and its need a sample request looks at. */
export interface SampleCandidateFacts {
  id: string;
  status: CandidateStatus;
  needId: string;
  needStatus: NeedStatus;
  needTitle: string;
  firmId: string;
}

/** A sample with its need's firm (for access decisions). */
export type SampleWithFirm = SampleRequest & { need: { firmId: string; title: string } };

/** What a new sample request stores for one IKM. */
export interface NewSample {
  needId: string;
  candidateId: string;
  ikmId: string;
  pieces: number;
  dueDate: Date;
  checklistSource: string;
  instructions: string | null;
  requestedById: string;
  items: { code: string; title: string; required: boolean; position: number }[];
}

/** Sample requests to shortlist candidates' IKMs, and their checklist items. */
export class SampleRepository {
  constructor(private readonly db: Client) {}

  /**
   * The candidate and its need's facts, locked until the transaction ends in the order every
   * shortlist write takes them, the need first and then the candidate (awardNeed, removeCandidate
   * and transitionNeed lock the need FOR UPDATE, then change candidates), so none of them can
   * deadlock with a sample request. The need FOR SHARE holds its status still; the candidate FOR
   * UPDATE makes two requests for one candidate run one after the other, the second seeing the
   * first's samples.
   */
  async lockCandidate(candidateId: string): Promise<SampleCandidateFacts | null> {
    await this.db.$queryRawUnsafe(
      `SELECT n."id" FROM "ComponentNeed" n WHERE n."id" = (SELECT c."needId" FROM "ShortlistCandidate" c WHERE c."id" = $1::uuid) FOR SHARE OF n`,
      candidateId,
    );
    const rows = await this.db.$queryRawUnsafe<SampleCandidateFacts[]>(
      `SELECT c."id"::text AS id, c."status"::text AS status, n."id"::text AS "needId", n."status"::text AS "needStatus", n."title" AS "needTitle", n."firmId"::text AS "firmId"
         FROM "ShortlistCandidate" c JOIN "ComponentNeed" n ON n."id" = c."needId"
        WHERE c."id" = $1::uuid
        FOR UPDATE OF c`,
      candidateId,
    );
    return rows[0] ?? null;
  }

  /** The candidate's member IKMs with their names, in name order. */
  async membersOf(candidateId: string): Promise<{ ikmId: string; legalName: string }[]> {
    const rows = await this.db.shortlistMember.findMany({ where: { candidateId }, select: { ikmId: true, ikm: { select: { legalName: true } } }, orderBy: { ikm: { legalName: "asc" } } });
    return rows.map((r) => ({ ikmId: r.ikmId, legalName: r.ikm.legalName }));
  }

  /** The candidate's samples in `statuses`. */
  samplesIn(candidateId: string, statuses: readonly SampleStatus[]): Promise<SampleRequest[]> {
    return this.db.sampleRequest.findMany({ where: { candidateId, status: { in: [...statuses] } }, orderBy: { createdAt: "asc" } });
  }

  create(sample: NewSample): Promise<SampleRequest> {
    const { items, ...row } = sample;
    return this.db.sampleRequest.create({ data: { ...row, status: "REQUESTED", version: 1, items: { createMany: { data: items } } } });
  }

  find(id: string): Promise<SampleRequest | null> {
    return this.db.sampleRequest.findUnique({ where: { id } });
  }

  findWithFirm(id: string): Promise<SampleWithFirm | null> {
    return this.db.sampleRequest.findUnique({ where: { id }, include: { need: { select: { firmId: true, title: true } } } });
  }

  /** The checklist of a sample, in its order. */
  items(sampleId: string): Promise<SampleChecklistItem[]> {
    return this.db.sampleChecklistItem.findMany({ where: { sampleId }, orderBy: { position: "asc" } });
  }

  /**
   * Moves a sample still at `version` and in `from` to new values, bumping the version; null when
   * no row matched (changed meanwhile).
   */
  async move(id: string, version: number, from: readonly SampleStatus[], data: Partial<Pick<SampleRequest, "status" | "submittedAt" | "submissionNote" | "decidedAt" | "decidedById" | "decisionReason">>): Promise<SampleRequest | null> {
    const { count } = await this.db.sampleRequest.updateMany({ where: { id, version, status: { in: [...from] } }, data: { ...data, version: { increment: 1 } } });
    return count ? this.db.sampleRequest.findUnique({ where: { id } }) : null;
  }

  async setItem(sampleId: string, code: string, data: Partial<Pick<SampleChecklistItem, "documentUrl" | "accepted" | "remark">>): Promise<void> {
    await this.db.sampleChecklistItem.update({ where: { sampleId_code: { sampleId, code } }, data });
  }

  publishEvent<K extends keyof SharedTopics>(events: EventBus, topic: K, payload: SharedTopics[K]): Promise<void> {
    return events.publish(this.db, topic, payload);
  }

  // ---- batch reads for the request's DataLoaders ----

  byIds(ids: string[]): Promise<SampleRequest[]> {
    return this.db.sampleRequest.findMany({ where: { id: { in: ids } } });
  }

  /** Checklist items of these samples, each sample's in its order. */
  itemsOfSamples(sampleIds: string[]): Promise<SampleChecklistItem[]> {
    return this.db.sampleChecklistItem.findMany({ where: { sampleId: { in: sampleIds } }, orderBy: [{ sampleId: "asc" }, { position: "asc" }] });
  }

  /** Samples of these candidates, newest first, each with its need's firm. */
  samplesOfCandidates(candidateIds: string[]): Promise<SampleWithFirm[]> {
    return this.db.sampleRequest.findMany({ where: { candidateId: { in: candidateIds } }, include: { need: { select: { firmId: true, title: true } } }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  }

  /** Samples asked of these IKMs, newest first. */
  samplesOfIkms(ikmIds: string[]): Promise<SampleRequest[]> {
    return this.db.sampleRequest.findMany({ where: { ikmId: { in: ikmIds } }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  }

  /** Samples of these needs, newest first. */
  samplesOfNeeds(needIds: string[]): Promise<SampleRequest[]> {
    return this.db.sampleRequest.findMany({ where: { needId: { in: needIds } }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  }

  candidates(ids: string[]): Promise<ShortlistCandidate[]> {
    return this.db.shortlistCandidate.findMany({ where: { id: { in: ids } } });
  }
}
