import type { Database } from "../../infra/db/repositories/index.js";
/**
 * Maturity tracking: mentorships, assessments, stage changes, and the dashboards a foundation reads.
 *
 * A foundation's people act for their foundation and every regional centre below it (YDBA above
 * LPB Solo Raya). Writes are transactions; a stage change is checked against `Ikm.stageVersion`
 * (optimistic locking) so two concurrent changes never both land, and its event is queued in the
 * same transaction (delivered by PostgreSQL at commit, to every server process).
 */
import { z } from "zod";
import type { Assessment, Ikm, Mentorship, StageChange } from "../../infra/db/models.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { Prisma } from "../../generated/prisma/client.js";
import { MaturityStage } from "../../domain/enums.js";
import { dayText } from "../../domain/dates.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { toGlobalId } from "../../domain/ids.js";
import { LIMITS } from "../../domain/limits.js";
import { STAGE_ORDER } from "../../domain/stages.js";
import { FIVE_R_SECTIONS, MATURITY, PILLARS, PRODUCTION_ITEMS, type Pillar } from "../../core/maturity/config.js";
import { fiveRPercent, pillarAverage, proposeStage, reassessmentCutoff, stageChangeProblem } from "../../core/maturity/rules.js";
import type { EventBus } from "../../infra/events/bus.js";
import type { IkmService } from "../ikms/ikm.service.js";
import { ikmWhere } from "../../infra/db/repositories/filters.js";
import { lineageCte, scopeCte } from "../../infra/db/foundation-tree.js";
import { type Page, type PageArgs, decodeCursor, encodeCursor, pageOf, pageSize, paginate } from "../../domain/pagination.js";
import type { SupplierChanges } from "../matching/supplier-changes.js";
import { optionalText, parseInput, text } from "../common/validation.js";
import { type UserViewer, type Viewer, forbidden, isAdmin, requireUser } from "../../access/viewer.js";

const uuid = z.uuid("must be an id");
const score = z.number().min(0, "must be 0 to 100").max(100, "must be 0 to 100");
const pastDate = z.date({ message: "must be a date such as 2026-11-01" }).refine((d) => d.getTime() <= Date.now() + 86_400_000, "must not be in the future");

const assessmentSchema = z.object({
  ikmId: uuid,
  /** Which of the viewer's foundations records it; defaults to the one mentoring the IKM. */
  foundationId: uuid.nullish(),
  assessedOn: pastDate,
  assessor: text(),
  pillarScores: z.object(Object.fromEntries(PILLARS.map((p) => [p, score])) as Record<Pillar, typeof score>).strict(),
  itemScores: z
    .object(Object.fromEntries(PRODUCTION_ITEMS.map((i) => [i, score.nullish()])))
    .strict()
    .transform((v) => Object.fromEntries(Object.entries(v).filter(([, s]) => s != null)) as Record<string, number>)
    .default({}),
  fiveRItems: z
    .array(z.object({ section: z.enum(FIVE_R_SECTIONS), item: text(), score: z.number().int("must be 0, 1 or 2").min(0, "must be 0, 1 or 2").max(2, "must be 0, 1 or 2") }))
    .max(MATURITY.maxFiveRItems, `at most ${MATURITY.maxFiveRItems} items`)
    .default([]),
  notes: optionalText(),
  evidenceUrls: z
    .array(z.url({ protocol: /^https?$/, message: "must be an http(s) link" }).max(2000))
    .max(MATURITY.maxEvidenceLinks, `at most ${MATURITY.maxEvidenceLinks} links`)
    .default([]),
});

const stageChangeSchema = z.object({
  ikmId: uuid,
  toStage: z.enum(MaturityStage),
  /** The IKM's stageVersion the change is based on. */
  expectedVersion: z.number().int().min(0),
  reason: z.string().trim().max(LIMITS.maxTextLength).nullish().transform((v) => v || null),
  assessmentId: uuid.nullish(),
  override: z.boolean().nullish().transform((v) => v ?? false),
});

const mentorshipSchema = z.object({
  ikmId: uuid,
  foundationId: uuid.nullish(),
  mentorName: optionalText(LIMITS.maxNameLength),
  sponsorFirmId: uuid.nullish(),
  startedOn: pastDate,
});

const endMentorshipSchema = z.object({
  status: z.enum(["GRADUATED", "ENDED"]),
  endedOn: pastDate,
});

/** A foundation whose dashboard the viewer may read (from MaturityService.dashboardFor). */
export interface CheckedFoundation {
  readonly foundationId: string;
  /** The foundation and its regional centres: the dashboards' mentees are theirs. */
  readonly scope: readonly string[];
  readonly checked: true;
}

/** Which of a foundation's mentees to list. */
export interface MenteeFilter {
  /** At one of these stages. */
  stages?: MaturityStage[] | null;
  /** true: no assessment in MATURITY.reassessAfterMonths; false: assessed within it. */
  dueForReassessment?: boolean | null;
  /** Part of the legal name, case-insensitive. */
  search?: string | null;
}

export interface StageCount {
  stage: MaturityStage;
  count: number;
  share: number;
}

export interface MenteeGroup {
  /** Province code or sponsor firm id; null for mentees without a sponsor. */
  key: string | null;
  /** The sponsor firm's name (by sponsor). */
  name: string | null;
  count: number;
  share: number;
  byStage: StageCount[];
}

export interface StageStay {
  stage: MaturityStage;
  /** Median months between entering and leaving the stage, over completed stays. */
  medianMonths: number | null;
  completedStays: number;
  /** Mentees in the stage now. */
  current: number;
}

export interface Progression {
  mentees: number;
  stays: StageStay[];
  promotedInWindow: number;
  promotedShare: number;
  windowMonths: number;
}

export interface DueMentee {
  ikm: Ikm;
  lastAssessedOn: Date | null;
}

const MONTH_SECONDS = 86_400 * 30.436875;

/** Counts per stage in stage order, with shares of `total`. */
function stageCounts(rows: { stage: MaturityStage; n: number }[], total: number): StageCount[] {
  return STAGE_ORDER.map((stage) => {
    const count = rows.filter((r) => r.stage === stage).reduce((s, r) => s + r.n, 0);
    return { stage, count, share: total ? count / total : 0 };
  });
}

/** The foundation and every regional centre below it, as SQL (parameter $1: the foundation id). */

/**
 * A foundation's active mentees, from its scope as a parameter (parameter $1: the ids): the planner
 * then knows how few rows a small foundation has (index lookups) and how many a large one has.
 */
const MENTEES_CTE = `mentees AS (
  SELECT DISTINCT m."ikmId" AS id FROM "Mentorship" m WHERE m."foundationId" = ANY($1::uuid[]) AND m.status = 'ACTIVE'
)`;

export class MaturityService {
  /** Transitional: the ORM client, until every query of this service sits in a repository. */
  private get db() {
    return this.database.prisma;
  }

  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly changes: SupplierChanges,
    private readonly ikms: IkmService,
  ) {}

  // ---- who may do what ------------------------------------------------------------------------

  /** The foundation and its regional centres (and theirs). */
  async scopeOf(foundationId: string): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(`WITH RECURSIVE ${scopeCte("id = $1::uuid")} SELECT id FROM scope`, foundationId);
    return rows.map((r) => r.id);
  }

  /** The foundation and every foundation above it (read through `db`: pass a transaction's client inside one). */
  async lineageOf(foundationIds: string[], db: Pick<PrismaClient, "$queryRawUnsafe"> = this.db): Promise<string[]> {
    if (foundationIds.length === 0) return [];
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `WITH RECURSIVE ${lineageCte("id = ANY($1::uuid[])")} SELECT DISTINCT ancestor AS id FROM lineage`,
      foundationIds,
    );
    return rows.map((r) => r.id);
  }

  /**
   * A foundation's dashboard is for its own people (and those of the foundations above it) and
   * administrators. The dashboard readers take only the checked foundation this returns.
   */
  async dashboardFor(viewer: Viewer, foundationId: string): Promise<CheckedFoundation> {
    const user = requireUser(viewer);
    // The foundation's own people: one query (their scope, which is the dashboard's too).
    if (user.role === "FOUNDATION" && user.foundationId) {
      const own = await this.scopeOf(user.foundationId);
      if (own.includes(foundationId)) {
        return { foundationId, scope: foundationId === user.foundationId ? own : await this.scopeOf(foundationId), checked: true };
      }
    }
    // Anyone else but an administrator is refused alike, whether the foundation exists or not.
    if (user.role !== "ADMIN") throw forbidden("see another foundation's dashboard");
    const scope = await this.scopeOf(foundationId); // empty: no such foundation
    if (scope.length === 0) throw notFound("Foundation", foundationId);
    return { foundationId, scope, checked: true };
  }

  /**
   * The foundation (of the viewer's scope) that actively mentors the IKM and may assess and grade
   * it; administrators act for the mentoring foundation, if any. Anyone else: FORBIDDEN, whether
   * the IKM exists or not (a missing IKM has no mentorships); administrators get NOT_FOUND for it.
   */
  private async managingFoundation(user: UserViewer, ikmId: string, wanted?: string | null): Promise<string | null> {
    const active = (await this.db.mentorship.findMany({ where: { ikmId, status: "ACTIVE" }, select: { foundationId: true }, orderBy: { startedOn: "asc" } }))
      .map((m) => m.foundationId);
    if (user.role === "ADMIN") {
      const ikm = await this.db.ikm.findUnique({ where: { id: ikmId }, select: { id: true } });
      if (!ikm) throw notFound("IKM", ikmId);
      if (wanted && !active.includes(wanted)) throw badInput("That foundation does not mentor this IKM.", [{ path: "input.foundationId", message: "not mentoring this IKM" }]);
      return wanted ?? active[0] ?? null;
    }
    if (user.role !== "FOUNDATION" || !user.foundationId) throw forbidden("assess or grade IKMs; foundation members do");
    const scope = await this.scopeOf(user.foundationId);
    const mine = active.filter((f) => scope.includes(f));
    if (mine.length === 0) throw forbidden("assess or grade an IKM your foundation does not mentor");
    if (wanted) {
      if (!mine.includes(wanted)) throw badInput("That foundation is not one of yours mentoring this IKM.", [{ path: "input.foundationId", message: "not yours, or not mentoring this IKM" }]);
      return wanted;
    }
    return mine[0];
  }

  /**
   * Who sees an IKM's assessments and stage history: whoever sees its private side (the IKM itself,
   * administrators, and the people of a foundation, or one above it, that mentors it now), the one
   * rule in IkmService.canSeePrivate. When a mentorship ends, that sight ends with it.
   */
  canSeeMaturity(viewer: Viewer, ikmId: string): Promise<boolean> {
    return this.ikms.canSeePrivate(viewer, ikmId);
  }

  // ---- mentorships ----------------------------------------------------------------------------

  /**
   * A foundation proposes to mentor an IKM: PENDING until the IKM accepts (acceptMentorship), so no
   * foundation can make itself a mentor and read an IKM's records unasked. An administrator's
   * mentorship starts ACTIVE. One open (pending or active) mentorship per foundation and IKM.
   */
  async startMentorship(viewer: Viewer, input: unknown): Promise<Mentorship> {
    const user = requireUser(viewer);
    const data = parseInput(mentorshipSchema, input);
    let foundationId = data.foundationId ?? null;
    if (user.role === "FOUNDATION" && user.foundationId) {
      foundationId ??= user.foundationId;
      if (!(await this.scopeOf(user.foundationId)).includes(foundationId)) {
        throw badInput("Name your own foundation or one of its regional centres.", [{ path: "input.foundationId", message: "not your foundation" }]);
      }
    } else if (user.role === "ADMIN") {
      if (!foundationId) throw badInput("An administrator must name the foundation: input.foundationId.", [{ path: "input.foundationId", message: "required for administrators" }]);
      if (!(await this.db.foundation.findUnique({ where: { id: foundationId }, select: { id: true } }))) throw notFound("Foundation", foundationId);
    } else throw forbidden("start mentorships; foundation members do");
    if (!(await this.db.ikm.findUnique({ where: { id: data.ikmId }, select: { id: true } }))) throw notFound("IKM", data.ikmId);
    if (data.sponsorFirmId && !(await this.db.firm.findUnique({ where: { id: data.sponsorFirmId }, select: { id: true } }))) {
      throw notFound("Firm", data.sponsorFirmId);
    }
    const status = user.role === "ADMIN" ? "ACTIVE" : "PENDING";
    try {
      const created = await this.db.mentorship.create({
        data: { foundationId, ikmId: data.ikmId, mentorName: data.mentorName, sponsorFirmId: data.sponsorFirmId ?? null, startedOn: data.startedOn, status },
      });
      if (status === "ACTIVE") await this.changes.ikmsChanged([data.ikmId]);
      return created;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new DomainError(ErrorCode.CONFLICT, "This foundation already mentors this IKM, or has proposed to.", { fields: [{ path: "input.ikmId", message: "already mentored or proposed by this foundation" }] });
      }
      throw error;
    }
  }

  /** The IKM (or an administrator) accepts a proposed mentorship: from now on it is ACTIVE. */
  async acceptMentorship(viewer: Viewer, mentorshipId: string): Promise<Mentorship> {
    const user = requireUser(viewer);
    const mentorship = await this.db.mentorship.findUnique({ where: { id: mentorshipId } });
    if (!mentorship || !(user.role === "ADMIN" || (user.role === "IKM" && user.ikmId === mentorship.ikmId))) {
      throw notFound("Mentorship", mentorshipId);
    }
    const { count } = await this.db.mentorship.updateMany({ where: { id: mentorshipId, status: "PENDING" }, data: { status: "ACTIVE" } });
    if (count === 0) throw new DomainError(ErrorCode.INVALID_TRANSITION, `This mentorship is ${mentorship.status}; only a PENDING one can be accepted.`);
    await this.changes.ikmsChanged([mentorship.ikmId]);
    return this.db.mentorship.findUniqueOrThrow({ where: { id: mentorshipId } });
  }

  /** Who mentors whom (and who sponsors) is public, like the IKM profile it shows on. */
  async mentorship(id: string): Promise<Mentorship> {
    const row = await this.db.mentorship.findUnique({ where: { id } });
    if (!row) throw notFound("Mentorship", id);
    return row;
  }

  /**
   * Ends a pending or active mentorship: the foundation (or an administrator) ends it as GRADUATED
   * or ENDED; the IKM itself may decline or leave (ENDED).
   */
  async endMentorship(viewer: Viewer, mentorshipId: string, input: unknown): Promise<Mentorship> {
    const user = requireUser(viewer);
    const data = parseInput(endMentorshipSchema, input);
    const mentorship = await this.db.mentorship.findUnique({ where: { id: mentorshipId } });
    if (!mentorship) throw notFound("Mentorship", mentorshipId);
    const isIkm = user.role === "IKM" && user.ikmId === mentorship.ikmId;
    const isFoundation = user.role === "FOUNDATION" && !!user.foundationId && (await this.scopeOf(user.foundationId)).includes(mentorship.foundationId);
    if (!(user.role === "ADMIN" || isIkm || isFoundation)) throw notFound("Mentorship", mentorshipId);
    if (isIkm && data.status !== "ENDED") {
      throw badInput("An IKM ends a mentorship as ENDED; its foundation decides on GRADUATED.", [{ path: "input.status", message: "must be ENDED" }]);
    }
    if (data.endedOn < mentorship.startedOn) throw badInput("endedOn is before the mentorship started.", [{ path: "input.endedOn", message: "before startedOn" }]);
    const { count } = await this.db.mentorship.updateMany({ where: { id: mentorshipId, status: { in: ["PENDING", "ACTIVE"] } }, data: { status: data.status, endedOn: data.endedOn } });
    if (count === 0) throw new DomainError(ErrorCode.INVALID_TRANSITION, `This mentorship is ${mentorship.status} already; only a PENDING or ACTIVE one can end.`);
    await this.changes.ikmsChanged([mentorship.ikmId]);
    return this.db.mentorship.findUniqueOrThrow({ where: { id: mentorshipId } });
  }

  // ---- assessments ----------------------------------------------------------------------------

  /** Records an assessment; it proposes a stage from the pillar average (MATURITY.stageThresholds). */
  async recordAssessment(viewer: Viewer, input: unknown): Promise<Assessment> {
    const user = requireUser(viewer);
    const data = parseInput(assessmentSchema, input);
    const foundationId = await this.managingFoundation(user, data.ikmId, data.foundationId);
    const average = pillarAverage(data.pillarScores);
    return this.db.assessment.create({
      data: {
        ikmId: data.ikmId,
        foundationId,
        assessedOn: data.assessedOn,
        assessor: data.assessor,
        pillarScores: data.pillarScores,
        itemScores: data.itemScores,
        fiveRItems: data.fiveRItems.length ? data.fiveRItems : Prisma.DbNull,
        fiveRPercent: fiveRPercent(data.fiveRItems),
        pillarAverage: average,
        proposedStage: proposeStage(average),
        notes: data.notes,
        evidenceUrls: data.evidenceUrls,
        recordedById: user.userId,
      },
    });
  }

  async assessment(viewer: Viewer, id: string): Promise<Assessment> {
    const row = await this.db.assessment.findUnique({ where: { id } });
    if (!row || !(await this.canSeeMaturity(viewer, row.ikmId))) throw notFound("Assessment", id);
    return row;
  }

  // ---- stage changes --------------------------------------------------------------------------

  /**
   * Moves an IKM to another stage. One step at a time, a promotion backed by an assessment that
   * proposes at least the new stage; skipping stages or promoting without one needs `override`
   * and a reason; a demotion needs a reason. `expectedVersion` must be the IKM's current
   * stageVersion: a change based on a stale read is refused with CONFLICT, never lost.
   */
  async changeStage(viewer: Viewer, input: unknown): Promise<StageChange> {
    const user = requireUser(viewer);
    const data = parseInput(stageChangeSchema, input);
    await this.managingFoundation(user, data.ikmId);
    const ikm = await this.db.ikm.findUniqueOrThrow({ where: { id: data.ikmId }, select: { currentStage: true, stageVersion: true } });
    if (ikm.stageVersion !== data.expectedVersion) throw staleStage(data.ikmId, ikm.currentStage, ikm.stageVersion);
    let assessedStage: MaturityStage | null = null;
    if (data.assessmentId) {
      const assessment = await this.db.assessment.findUnique({ where: { id: data.assessmentId }, select: { ikmId: true, proposedStage: true, assessedOn: true } });
      if (!assessment || assessment.ikmId !== data.ikmId) {
        throw badInput("That assessment is not one of this IKM's.", [{ path: "input.assessmentId", message: "not an assessment of this IKM" }]);
      }
      // Evidence for a promotion is current: assessed since the last stage change, within the reassessment period.
      const last = await this.db.stageChange.findFirst({ where: { ikmId: data.ikmId }, orderBy: [{ changedAt: "desc" }, { id: "desc" }], select: { changedAt: true } });
      if (last && dayText(assessment.assessedOn) < dayText(last.changedAt)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `The cited assessment (${dayText(assessment.assessedOn)}) predates the IKM's last stage change (${dayText(last.changedAt)}); cite a newer assessment.`);
      }
      if (dayText(assessment.assessedOn) < reassessmentCutoff()) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `The cited assessment (${dayText(assessment.assessedOn)}) is more than ${MATURITY.reassessAfterMonths} months old; record a new one.`);
      }
      assessedStage = assessment.proposedStage;
    }
    const problem = stageChangeProblem({ from: ikm.currentStage, to: data.toStage, reason: data.reason, override: data.override, assessedStage });
    if (problem) throw new DomainError(ErrorCode.INVALID_TRANSITION, problem, { from: ikm.currentStage, to: data.toStage });
    const reason = data.reason ?? `Assessment proposes ${assessedStage}`;

    const change = await this.db.$transaction(async (tx) => {
      const { count } = await tx.ikm.updateMany({
        where: { id: data.ikmId, stageVersion: data.expectedVersion, currentStage: ikm.currentStage },
        data: { currentStage: data.toStage, stageVersion: { increment: 1 } },
      });
      if (count === 0) {
        const now = await tx.ikm.findUniqueOrThrow({ where: { id: data.ikmId }, select: { currentStage: true, stageVersion: true } });
        throw staleStage(data.ikmId, now.currentStage, now.stageVersion);
      }
      const previous = await tx.stageChange.findFirst({ where: { ikmId: data.ikmId }, orderBy: [{ changedAt: "desc" }, { id: "desc" }], select: { changedAt: true } });
      const created = await tx.stageChange.create({
        data: {
          ikmId: data.ikmId, fromStage: ikm.currentStage, toStage: data.toStage, fromStageSince: previous?.changedAt ?? null,
          changedById: user.userId, reason, assessmentId: data.assessmentId ?? null,
        },
      });
      const foundations = await tx.mentorship.findMany({ where: { ikmId: data.ikmId, status: "ACTIVE" }, select: { foundationId: true } });
      await this.events.publish(tx, "STAGE_CHANGED", {
        stageChangeId: created.id,
        ikmId: data.ikmId,
        foundationIds: await this.lineageOf(foundations.map((f) => f.foundationId), tx),
        fromStage: created.fromStage,
        toStage: created.toStage,
        changedAt: created.changedAt.toISOString(),
      });
      return created;
    });
    await this.changes.ikmsChanged([data.ikmId]);
    return change;
  }


  async stageChange(viewer: Viewer, id: string): Promise<StageChange> {
    const row = await this.db.stageChange.findUnique({ where: { id } });
    if (!row || !(await this.canSeeMaturity(viewer, row.ikmId))) throw notFound("Stage change", id);
    return row;
  }

  // ---- dashboards: one SQL statement each -----------------------------------------------------

  /** Active mentees per stage, with shares. */
  async stageDistribution({ scope }: CheckedFoundation): Promise<{ total: number; byStage: StageCount[] }> {
    const rows = await this.db.$queryRawUnsafe<{ stage: MaturityStage; n: number }[]>(
      `WITH ${MENTEES_CTE}
       SELECT i."currentStage" AS stage, count(*)::int AS n FROM mentees JOIN "Ikm" i ON i.id = mentees.id GROUP BY 1`,
      scope,
    );
    const total = rows.reduce((s, r) => s + r.n, 0);
    return { total, byStage: stageCounts(rows, total) };
  }

  /**
   * Active mentees per province (`by: "region"`) or per sponsor firm (`by: "sponsor"`, with its
   * name), each split by stage, largest first. A mentee sponsored by two firms counts under both;
   * shares are of all active mentees.
   */
  async menteeGroups({ scope }: CheckedFoundation, by: "region" | "sponsor"): Promise<MenteeGroup[]> {
    const sql = by === "region"
      ? `WITH ${MENTEES_CTE}
         SELECT left(i."regionCode", 2) AS key, NULL AS name, i."currentStage" AS stage, count(*)::int AS n, (SELECT count(*) FROM mentees)::int AS total
           FROM mentees JOIN "Ikm" i ON i.id = mentees.id GROUP BY 1, 3`
      : `WITH ${MENTEES_CTE}, sponsored AS (
           SELECT DISTINCT m."ikmId", m."sponsorFirmId" FROM "Mentorship" m
            WHERE m."foundationId" = ANY($1::uuid[]) AND m.status = 'ACTIVE'
         )
         SELECT s."sponsorFirmId"::text AS key, f.name, i."currentStage" AS stage, count(*)::int AS n, (SELECT count(*) FROM mentees)::int AS total
           FROM sponsored s JOIN "Ikm" i ON i.id = s."ikmId" LEFT JOIN "Firm" f ON f.id = s."sponsorFirmId" GROUP BY 1, 2, 3`;
    const rows = await this.db.$queryRawUnsafe<{ key: string | null; name: string | null; stage: MaturityStage; n: number; total: number }[]>(sql, scope);
    const total = rows[0]?.total ?? 0;
    const groups = new Map<string | null, typeof rows>();
    for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
    return [...groups.entries()]
      .map(([key, list]) => {
        const count = list.reduce((s, r) => s + r.n, 0);
        return { key, name: list[0].name, count, share: total ? count / total : 0, byStage: stageCounts(list, count) };
      })
      .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
  }

  /**
   * How mentees progress: the median months a stay in each stage lasted (from the change into it
   * to the change out of it, over completed stays: each change records when its from-stage was
   * entered), how many are in each stage now, and the share of mentees promoted within the last
   * MATURITY.promotionWindowMonths.
   */
  async progression({ scope }: CheckedFoundation): Promise<Progression> {
    const windowMonths = MATURITY.promotionWindowMonths;
    const rows = await this.db.$queryRawUnsafe<{ kind: string; stage: MaturityStage | null; median: number | null; n: number }[]>(
      `WITH ${MENTEES_CTE}
       SELECT 'stay' AS kind, sc."fromStage" AS stage,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sc."changedAt" - sc."fromStageSince")) / ${MONTH_SECONDS})::float8 AS median,
              count(*)::int AS n
         FROM "StageChange" sc JOIN mentees ON mentees.id = sc."ikmId"
        WHERE sc."fromStageSince" IS NOT NULL AND sc."fromStage" IS NOT NULL GROUP BY sc."fromStage"
       UNION ALL
       SELECT 'current', i."currentStage", NULL, count(*)::int FROM mentees JOIN "Ikm" i ON i.id = mentees.id GROUP BY i."currentStage"
       UNION ALL
       SELECT 'promoted', NULL, NULL, count(DISTINCT sc."ikmId")::int FROM "StageChange" sc JOIN mentees ON mentees.id = sc."ikmId"
        WHERE sc."changedAt" >= now() - make_interval(months => $2::int) AND sc."fromStage" IS NOT NULL AND sc."toStage" > sc."fromStage"`,
      scope,
      windowMonths,
    );
    const current = rows.filter((r) => r.kind === "current");
    const mentees = current.reduce((s, r) => s + r.n, 0);
    const promoted = rows.find((r) => r.kind === "promoted")?.n ?? 0;
    return {
      mentees,
      windowMonths,
      promotedInWindow: promoted,
      promotedShare: mentees ? promoted / mentees : 0,
      stays: STAGE_ORDER.map((stage) => {
        const stay = rows.find((r) => r.kind === "stay" && r.stage === stage);
        return {
          stage,
          medianMonths: stay?.median == null ? null : Math.round(stay.median * 10) / 10,
          completedStays: stay?.n ?? 0,
          current: current.find((r) => r.stage === stage)?.n ?? 0,
        };
      }),
    };
  }

  /**
   * Active mentees with no assessment in MATURITY.reassessAfterMonths, longest-waiting first (never
   * assessed before all), then by id; keyset-paginated.
   */
  async dueForReassessment({ scope }: CheckedFoundation, args: { first?: number | null; after?: string | null }): Promise<Page<DueMentee>> {
    const first = pageSize(args);
    const after = decodeDueCursor(args.after);
    const rows = await this.db.$queryRawUnsafe<(Ikm & { last: Date | null; total: number })[]>(
      // An anti-join the planner can run as a hash (many mentees) or index lookups (few); the last
      // date only for those due; the IKM rows only for the page.
      `WITH ${MENTEES_CTE},
       due_ids AS (
         SELECT m.id FROM mentees m
          WHERE NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a."ikmId" = m.id AND a."assessedOn" >= $2::date)
       ),
       due AS (
         SELECT d.id, l.last, count(*) OVER ()::int AS total
           FROM due_ids d LEFT JOIN (SELECT a."ikmId", max(a."assessedOn") AS last FROM "Assessment" a JOIN due_ids x ON x.id = a."ikmId" GROUP BY a."ikmId") l ON l."ikmId" = d.id
       ),
       page AS (
         SELECT due.* FROM due
          WHERE $3::boolean IS NULL
             OR ($3 AND ((due.last IS NULL AND due.id > $5::uuid) OR due.last IS NOT NULL))
             OR (NOT $3 AND due.last IS NOT NULL AND (due.last > $4::date OR (due.last = $4::date AND due.id > $5::uuid)))
          ORDER BY due.last ASC NULLS FIRST, due.id
          LIMIT $6
       )
       SELECT i.*, page.last, page.total FROM page JOIN "Ikm" i ON i.id = page.id ORDER BY page.last ASC NULLS FIRST, page.id`,
      scope,
      reassessmentCutoff(),
      after ? after.last === null : null,
      after?.last ?? null,
      after?.id ?? null,
      first + 1,
    );
    const totalCount = rows[0]?.total ?? (after ? await this.dueCount(scope) : 0);
    const page = rows.slice(0, first).map(({ last, total: _t, ...ikm }) => ({ ikm: ikm as Ikm, lastAssessedOn: last }));
    return pageOf(page, (node) => encodeCursor(node.lastAssessedOn ? dayText(node.lastAssessedOn) : null, node.ikm.id), rows.length > first, totalCount);
  }

  /**
   * A foundation's active mentees (its regional centres' included, each once), by legal name, for
   * the foundation's own people (and those of the foundations above it) and administrators; null for
   * anyone else, as for an IKM's private side. `scopeOf` lets a request share scope reads (loaders).
   */
  async mentees(
    viewer: Viewer,
    foundationId: string,
    args: PageArgs,
    filter: MenteeFilter = {},
    scopeOf: (foundationId: string) => Promise<readonly string[]> = (id) => this.scopeOf(id),
  ): Promise<Page<Ikm> | null> {
    if (viewer.kind !== "user") return null;
    if (!isAdmin(viewer)) {
      if (viewer.role !== "FOUNDATION" || !viewer.foundationId) return null;
      if (!(await scopeOf(viewer.foundationId)).includes(foundationId)) return null;
    }
    const scope = [...(await scopeOf(foundationId))];
    const and: Prisma.IkmWhereInput[] = [
      { mentorships: { some: { foundationId: { in: scope }, status: "ACTIVE" } } },
      ikmWhere({ stages: filter.stages, search: filter.search }),
    ];
    if (filter.dueForReassessment != null) {
      // The dashboard's rule (dueForReassessment): no assessment since this day.
      const recent = { assessedOn: { gte: new Date(reassessmentCutoff()) } };
      and.push(filter.dueForReassessment ? { assessments: { none: recent } } : { assessments: { some: recent } });
    }
    const where: Prisma.IkmWhereInput = { AND: and };
    return paginate<Ikm>(
      args,
      { field: "legalName", direction: "asc", kind: "string", valueOf: (i) => i.legalName, idOf: (i) => i.id },
      (q) => this.db.ikm.findMany({ ...q, where: { AND: [where, q.where] } }),
      () => this.db.ikm.count({ where }),
    );
  }

  private async dueCount(scope: readonly string[]): Promise<number> {
    const rows = await this.db.$queryRawUnsafe<{ n: number }[]>(
      `WITH ${MENTEES_CTE}
       SELECT count(*)::int AS n FROM mentees m
        WHERE NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a."ikmId" = m.id AND a."assessedOn" >= $2::date)`,
      scope,
      reassessmentCutoff(),
    );
    return rows[0]?.n ?? 0;
  }
}

const staleStage = (ikmId: string, stage: MaturityStage, version: number) =>
  new DomainError(
    ErrorCode.CONFLICT,
    `IKM ${toGlobalId("Ikm", ikmId)} changed stage meanwhile: it is ${stage} now, at stageVersion ${version}. Reload it and decide again.`,
    { currentStage: stage, stageVersion: version },
  );

/** A real calendar day written YYYY-MM-DD (2024-02-30 is not one). */
const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/** A due list's cursor: the last row's last assessment day (or null) and id (pagination.ts's codec). */
function decodeDueCursor(cursor: string | null | undefined): { last: string | null; id: string } | null {
  if (!cursor) return null;
  const parsed = decodeCursor(cursor);
  if (parsed && (parsed[0] === null || (typeof parsed[0] === "string" && isDay(parsed[0])))
    && typeof parsed[1] === "string" && z.uuid().safeParse(parsed[1]).success) {
    return { last: parsed[0] as string | null, id: parsed[1] };
  }
  throw badInput("after is not a cursor from this list; pass an endCursor you received.", [{ path: "after", message: "not a valid cursor" }]);
}
