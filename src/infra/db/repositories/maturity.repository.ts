/**
 * The maturity rows Jalin reads and writes: mentorships, assessments, stage changes, and the
 * foundation tree walked for who acts for whom. The dashboards' statements sit in
 * maturity-dashboard.repository.ts, reached as `maturity.dashboard`.
 */
import { Prisma } from "../../../generated/prisma/client.js";
import type { MaturityStage } from "../../../domain/enums.js";
import { DomainError, ErrorCode } from "../../../domain/errors.js";
import type { Assessment, Mentorship, StageChange } from "../models.js";
import { lineageCte, scopeCte } from "../foundation-tree.js";
import type { Executor } from "../../events/bus.js";
import type { Client } from "./client.js";
import { MaturityDashboardRepository } from "./maturity-dashboard.repository.js";

export interface NewMentorship {
  foundationId: string;
  ikmId: string;
  mentorName: string | null;
  sponsorFirmId: string | null;
  startedOn: Date;
  status: "ACTIVE" | "PENDING";
}

export interface NewAssessment {
  ikmId: string;
  foundationId: string | null;
  assessedOn: Date;
  assessor: string;
  pillarScores: Record<string, number>;
  itemScores: Record<string, number>;
  /** Empty: none recorded (stored as SQL NULL). */
  fiveRItems: { section: string; item: string; score: number }[];
  fiveRPercent: number | null;
  pillarAverage: number;
  proposedStage: MaturityStage;
  notes: string | null;
  evidenceUrls: string[];
  recordedById: string;
}

export interface NewStageChange {
  ikmId: string;
  fromStage: MaturityStage;
  toStage: MaturityStage;
  fromStageSince: Date | null;
  changedById: string;
  reason: string;
  assessmentId: string | null;
}

export class MaturityRepository {
  readonly dashboard: MaturityDashboardRepository;

  constructor(private readonly db: Client) {
    this.dashboard = new MaturityDashboardRepository(db);
  }

  /** This client as the event bus's executor: an event published through it is part of the transaction. */
  get eventExecutor(): Executor {
    return this.db;
  }

  // ---- the foundation tree ----------------------------------------------------------------------

  /** The foundation and its regional centres (and theirs). */
  async scopeOf(foundationId: string): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(`WITH RECURSIVE ${scopeCte("id = $1::uuid")} SELECT id FROM scope`, foundationId);
    return rows.map((r) => r.id);
  }

  /** The foundations and every foundation above them. */
  async lineageOf(foundationIds: string[]): Promise<string[]> {
    if (foundationIds.length === 0) return [];
    const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(
      `WITH RECURSIVE ${lineageCte("id = ANY($1::uuid[])")} SELECT DISTINCT ancestor AS id FROM lineage`,
      foundationIds,
    );
    return rows.map((r) => r.id);
  }

  // ---- existence checks -------------------------------------------------------------------------

  async ikmExists(id: string): Promise<boolean> {
    return !!(await this.db.ikm.findUnique({ where: { id }, select: { id: true } }));
  }

  async foundationExists(id: string): Promise<boolean> {
    return !!(await this.db.foundation.findUnique({ where: { id }, select: { id: true } }));
  }

  async firmExists(id: string): Promise<boolean> {
    return !!(await this.db.firm.findUnique({ where: { id }, select: { id: true } }));
  }

  // ---- mentorships ------------------------------------------------------------------------------

  /** The foundations actively mentoring the IKM, longest-standing first. */
  async activeMentorFoundationIds(ikmId: string): Promise<string[]> {
    const rows = await this.db.mentorship.findMany({ where: { ikmId, status: "ACTIVE" }, select: { foundationId: true }, orderBy: { startedOn: "asc" } });
    return rows.map((m) => m.foundationId);
  }

  /** Creates a mentorship; CONFLICT when the foundation already has an open one for the IKM. */
  async createMentorship(data: NewMentorship): Promise<Mentorship> {
    try {
      return await this.db.mentorship.create({ data });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new DomainError(ErrorCode.CONFLICT, "This foundation already mentors this IKM, or has proposed to.", { fields: [{ path: "input.ikmId", message: "already mentored or proposed by this foundation" }] });
      }
      throw error;
    }
  }

  findMentorship(id: string): Promise<Mentorship | null> {
    return this.db.mentorship.findUnique({ where: { id } });
  }

  getMentorship(id: string): Promise<Mentorship> {
    return this.db.mentorship.findUniqueOrThrow({ where: { id } });
  }

  /** PENDING -> ACTIVE; false when it was not pending. */
  async activatePendingMentorship(id: string): Promise<boolean> {
    const { count } = await this.db.mentorship.updateMany({ where: { id, status: "PENDING" }, data: { status: "ACTIVE" } });
    return count > 0;
  }

  /** Ends a pending or active mentorship; false when it was neither. */
  async endOpenMentorship(id: string, status: "GRADUATED" | "ENDED", endedOn: Date): Promise<boolean> {
    const { count } = await this.db.mentorship.updateMany({ where: { id, status: { in: ["PENDING", "ACTIVE"] } }, data: { status, endedOn } });
    return count > 0;
  }

  // ---- assessments ------------------------------------------------------------------------------

  createAssessment(data: NewAssessment): Promise<Assessment> {
    return this.db.assessment.create({
      data: { ...data, fiveRItems: data.fiveRItems.length ? data.fiveRItems : Prisma.DbNull },
    });
  }

  findAssessment(id: string): Promise<Assessment | null> {
    return this.db.assessment.findUnique({ where: { id } });
  }

  /** What a stage change citing the assessment checks. */
  findAssessmentEvidence(id: string): Promise<Pick<Assessment, "ikmId" | "proposedStage" | "assessedOn"> | null> {
    return this.db.assessment.findUnique({ where: { id }, select: { ikmId: true, proposedStage: true, assessedOn: true } });
  }

  // ---- stages -----------------------------------------------------------------------------------

  /** The IKM's stage and its version (the IKM must exist). */
  stageOf(ikmId: string): Promise<{ currentStage: MaturityStage; stageVersion: number }> {
    return this.db.ikm.findUniqueOrThrow({ where: { id: ikmId }, select: { currentStage: true, stageVersion: true } });
  }

  /** When the IKM's stage last changed; null if never. */
  async lastStageChangeAt(ikmId: string): Promise<Date | null> {
    const last = await this.db.stageChange.findFirst({ where: { ikmId }, orderBy: [{ changedAt: "desc" }, { id: "desc" }], select: { changedAt: true } });
    return last?.changedAt ?? null;
  }

  /** Moves the stage if it is still `from` at `version` (optimistic locking); false when it moved meanwhile. */
  async moveStage(ikmId: string, version: number, from: MaturityStage, to: MaturityStage): Promise<boolean> {
    const { count } = await this.db.ikm.updateMany({
      where: { id: ikmId, stageVersion: version, currentStage: from },
      data: { currentStage: to, stageVersion: { increment: 1 } },
    });
    return count > 0;
  }

  createStageChange(data: NewStageChange): Promise<StageChange> {
    return this.db.stageChange.create({ data });
  }

  findStageChange(id: string): Promise<StageChange | null> {
    return this.db.stageChange.findUnique({ where: { id } });
  }
}
