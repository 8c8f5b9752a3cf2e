import type { Database, Repositories } from "../../infra/db/repositories/index.js";
import { passOverShortlist } from "../shortlist/shortlist.effects.js";
import { z } from "zod";
import type { ComponentNeed } from "../../infra/db/models.js";
import { FACTORS, type Factor, MATCHING, type Weights } from "../../core/matching/config.js";
import { CertificationType, MaturityStage, NeedStatus, Process, QuantityUnit, SpecificProcess } from "../../domain/enums.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { toGlobalId } from "../../domain/ids.js";
import { dayText, toDay } from "../../domain/dates.js";
import { NEED_PERIOD, termEnd, termMonthsOf } from "../../domain/need-period.js";
import { LIMITS } from "../../domain/limits.js";
import { EDITABLE_STATUSES, NEED_TRANSITIONS, canTransition } from "../../domain/need-status.js";
import type { EventBus } from "../../infra/events/bus.js";
import type { PageArgs } from "../../domain/pagination.js";
import {
  COORDINATES_TOGETHER, coordinatesTogether, latitude, longitude, material, needSpecificsInFamilies, parseInput, regionCode, text, tolerance,
} from "../common/validation.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { firmForNewNeed, mayManageNeed, needScope } from "../../access/needs.js";
import type { NeedListFilter } from "../../infra/db/repositories/needs.repository.js";

/**
 * A need's weight overrides: non-negative numbers per factor, on top of the defaults (MATCHING.weights),
 * normalised on use; at least one factor must keep a weight above 0.
 */
const weightsSchema = z
  .object(Object.fromEntries(FACTORS.map((f) => [f, z.number().min(0, "must not be negative").max(1000, "must be at most 1000").nullish()])) as Record<Factor, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>)
  .strict()
  .transform((w) => Object.fromEntries(Object.entries(w).filter(([, v]) => v != null)) as Partial<Weights>)
  .refine((w) => FACTORS.some((f) => (w[f] ?? MATCHING.weights[f]) > 0), "at least one factor must weigh more than 0");
const unique = <T>(values: T[]) => new Set(values).size === values.length;

const needFields = {
  title: text(),
  description: text(LIMITS.maxTextLength),
  processes: z.array(z.enum(Process)).min(1, "name at least one process").max(10).refine(unique, "list each process once"),
  specificProcesses: z.array(z.enum(SpecificProcess)).max(10).refine(unique, "list each specific process once"),
  materials: z.array(material).max(20),
  quantityPerMonth: z.number().int("must be a whole number").positive("must be above 0").max(100_000_000),
  unit: z.enum(QuantityUnit),
  toleranceMm: tolerance,
  // Absent: false on a new need, unchanged on an edit; null: false.
  toleranceCritical: z.boolean().nullish().transform((v) => (v === null ? false : v)),
  maxRejectPpm: z.number().int("must be a whole number of ppm").min(0, "must not be negative").max(1_000_000, "must be at most 1,000,000 ppm (all rejected)").nullish(),
  requiredCertifications: z.array(z.enum(CertificationType)).max(10).refine(unique, "list each certification once"),
  minimumStage: z.enum(MaturityStage),
  preferredRegionCode: regionCode.nullish(),
  latitude: latitude.nullish(),
  longitude: longitude.nullish(),
  radiusKm: z.number().int().positive("must be above 0 km").max(5000).nullish(),
  startDate: z.date({ message: "must be a date such as 2027-01-15" }),
  // The period's end: endDate, or termMonths from startDate (one of the two; see periodRules).
  endDate: z.date({ message: "must be a date such as 2028-02-29" }).nullish(),
  termMonths: z.number().int("must be a whole number of months").min(1, "must be at least 1 month")
    .max(NEED_PERIOD.maxTermMonths, `must be at most ${NEED_PERIOD.maxTermMonths} months`).nullish(),
  weights: weightsSchema.nullish(),
};

type NeedShape = { latitude?: number | null; longitude?: number | null; radiusKm?: number | null };
const locationRules = <T extends z.ZodType<NeedShape>>(schema: T) =>
  schema
    .refine(coordinatesTogether, COORDINATES_TOGETHER)
    .refine((v) => v.radiusKm == null || v.latitude != null, {
      message: "a radius needs the need's latitude and longitude",
      path: ["radiusKm"],
    });

/** A critical tolerance needs a tolerance to hold. */
type ToleranceShape = { toleranceMm?: unknown; toleranceCritical?: boolean | null };
const toleranceRules = <T extends z.ZodType<ToleranceShape>>(schema: T) =>
  schema.refine((v) => !v.toleranceCritical || v.toleranceMm != null, {
    message: "a critical tolerance needs toleranceMm: give the tolerance, or leave toleranceCritical false",
    path: ["toleranceCritical"],
  });

/**
 * What a new need leaves out takes these values. Only a new need: zod applies a default even inside
 * `.partial()`, so an edit that leaves a field out would silently reset it (the edit schema has none).
 */
const createDefaults = {
  materials: needFields.materials.default([]),
  specificProcesses: needFields.specificProcesses.default([]),
  requiredCertifications: needFields.requiredCertifications.default([]),
  minimumStage: needFields.minimumStage.default("PEMULA"),
};
const createSchema = toleranceRules(locationRules(z.object({ ...needFields, ...createDefaults, firmId: z.string().nullish() }))).superRefine(needSpecificsInFamilies);

/**
 * The need's last day from its input: `endDate`, or `termMonths` from the start (one of the two),
 * or `keptEnd` (an edit that names neither keeps its end date; a new need: the default term).
 * The end must come after the start and at most NEED_PERIOD.maxTermMonths later; typed errors name
 * the field to change.
 */
export function resolveEndDate(startDate: Date, input: { endDate?: Date | null; termMonths?: number | null }, keptEnd: Date | null): Date {
  const { endDate, termMonths } = input;
  if (endDate != null && termMonths != null) {
    throw badInput("Give the need's period as endDate or as termMonths, not both.", [{ path: "input.termMonths", message: "give endDate or termMonths, not both" }]);
  }
  const start = toDay(startDate);
  const end = endDate != null ? toDay(endDate)
    : termMonths != null ? termEnd(start, termMonths)
      : keptEnd ? toDay(keptEnd) : termEnd(start, NEED_PERIOD.defaultTermMonths);
  const field = endDate != null ? "input.endDate" : termMonths != null ? "input.termMonths" : "input.startDate";
  if (end <= start) {
    throw badInput(`The need ends on ${dayText(end)}, not after it starts on ${dayText(start)}: give an endDate after the startDate (or a termMonths).`, [
      { path: field, message: `must be after the start date ${dayText(start)}` },
    ]);
  }
  if (end > termEnd(start, NEED_PERIOD.maxTermMonths)) {
    throw badInput(`The need would run ${termMonthsOf(start, end)} months, from ${dayText(start)} to ${dayText(end)}; a need runs at most ${NEED_PERIOD.maxTermMonths} months (to ${dayText(termEnd(start, NEED_PERIOD.maxTermMonths))}).`, [
      { path: field, message: `must be at most ${NEED_PERIOD.maxTermMonths} months after the start date` },
    ]);
  }
  return new Date(end * 86_400_000);
}
const updateSchema = z
  .object(needFields)
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "give at least one field to change");
const reasonSchema = z.string().trim().max(LIMITS.maxTextLength).nullish();

export type NeedFilter = NeedListFilter;

export class NeedService {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
  ) {}

  /** A firm member drafts a need for their own firm; an administrator names the firm. */
  async create(viewer: Viewer, input: unknown, firmIdForAdmin?: string | null): Promise<ComponentNeed> {
    const user = requireUser(viewer);
    const data = parseInput(createSchema, input);
    const { firmId, firmIdChecked } = firmForNewNeed(user, firmIdForAdmin);
    if (!firmIdChecked && !(await this.database.repos.needs.firmExists(firmId))) throw notFound("Firm", firmId);
    const { firmId: _ignored, endDate, termMonths, ...terms } = data;
    const end = resolveEndDate(terms.startDate, { endDate, termMonths }, null);
    return this.database.repos.needs.createDraft(firmId, user.userId, { ...terms, endDate: end });
  }

  /**
   * Changes a need's terms while it is DRAFT or OPEN. `expectedVersion`, when given, must match:
   * an edit based on a stale copy is refused with CONFLICT rather than overwriting someone's change.
   */
  async update(viewer: Viewer, needId: string, input: unknown, expectedVersion?: number | null): Promise<ComponentNeed> {
    const need = await this.getOwned(viewer, needId);
    const { termMonths, endDate, ...data } = parseInput(updateSchema, input);
    const merged = { ...need, ...data };
    // The period: a new endDate or termMonths, or the end date kept (checked against a new start);
    // endDate null: the default term from the start.
    const period = data.startDate !== undefined || endDate !== undefined || termMonths != null
      ? { endDate: resolveEndDate(merged.startDate, { endDate, termMonths }, endDate === null ? null : need.endDate) }
      : {};
    parseInput(locationRules(z.object({ latitude: z.number().nullish(), longitude: z.number().nullish(), radiusKm: z.number().nullish() })), merged);
    parseInput(toleranceRules(z.object({ toleranceMm: z.unknown(), toleranceCritical: z.boolean().nullish() })), merged);
    parseInput(z.object({ processes: z.array(z.enum(Process)), specificProcesses: z.array(z.enum(SpecificProcess)) }).superRefine(needSpecificsInFamilies), merged);
    // An edit based on an older version is CONFLICT first, whatever changed since (a status too):
    // the client reads the need again, whichever of two racing writes landed.
    if (expectedVersion != null && expectedVersion !== need.version) throw staleVersion(needId);
    if (!EDITABLE_STATUSES.includes(need.status)) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `A ${need.status} need can no longer be edited; only DRAFT and OPEN needs can.`);
    }
    const version = expectedVersion ?? need.version;
    return this.database.transaction(async (repos) => {
      if (!(await repos.needs.updateEditableTerms(needId, version, { ...data, ...period }))) throw staleVersion(needId);
      const updated = await repos.needs.findNeedOrThrow(needId);
      if (updated.status === "OPEN") await repos.needs.publishEvent(this.events, "NEED_CHANGED", { needId, firmId: updated.firmId });
      return updated;
    });
  }

  /** Moves a need along its lifecycle (see NEED_TRANSITIONS); the change and its record are one transaction. */
  async transition(
    viewer: Viewer,
    needId: string,
    to: NeedStatus,
    reason?: string | null,
    expectedVersion?: number | null,
  ): Promise<ComponentNeed> {
    const user = requireUser(viewer);
    const need = await this.getOwned(viewer, needId);
    const why = parseInput(reasonSchema, reason, "reason");
    if (!canTransition(need.status, to)) {
      const allowed = NEED_TRANSITIONS[need.status];
      throw new DomainError(
        ErrorCode.INVALID_TRANSITION,
        `A ${need.status} need cannot become ${to}; ` +
          (allowed.length ? `it can become ${allowed.join(" or ")}.` : "it is final."),
        { from: need.status, to, allowed },
      );
    }
    if (to === "AWARDED") {
      // An award names its supplier and creates the partnerships in one transaction: awardNeed.
      throw new DomainError(
        ErrorCode.INVALID_TRANSITION,
        "A need is awarded to a shortlisted candidate with awardNeed (it creates the partnerships in the same step), not with transitionNeed.",
        { from: need.status, to, allowed: NEED_TRANSITIONS[need.status].filter((s) => s !== "AWARDED"), use: "awardNeed" },
      );
    }
    if (to === "CANCELLED" && !why) {
      throw badInput("Say why the need is cancelled: reason is required.", [{ path: "reason", message: "required to cancel" }]);
    }
    const version = expectedVersion ?? need.version;
    const firstPublication = to === "OPEN" && !need.publishedAt;
    const updated = await this.database.transaction(async (repos) => {
      if (!(await repos.needs.moveStatus(needId, version, need.status, to, firstPublication))) throw staleVersion(needId);
      await repos.needs.recordStatusChange({ needId, fromStatus: need.status, toStatus: to, changedById: user.userId, reason: why ?? null });
      await this.followShortlist(repos, { id: needId, firmId: need.firmId }, need.status, to, why ?? null);
      const row = await repos.needs.findNeedOrThrow(needId);
      // Queued in the transaction: every server hears it at commit, nobody if it rolls back.
      if (to === "OPEN") {
        await repos.needs.publishEvent(this.events, "NEED_PUBLISHED", { needId, firmId: row.firmId, publishedAt: (row.publishedAt ?? new Date()).toISOString() });
      } else {
        await repos.needs.publishEvent(this.events, "NEED_CHANGED", { needId, firmId: row.firmId });
      }
      return row;
    });
    return updated;
  }

  /**
   * The shortlist follows the need, in its transaction (the need's row is locked by the move):
   * SHORTLISTED needs a SHORTLISTED candidate (shortlistCandidate adds the first and moves the need
   * itself); leaving SHORTLISTED for OPEN or CANCELLED passes over every candidate still on it
   * (NOT_AWARDED with the reason, open samples cancelled, members told).
   */
  private async followShortlist(repos: Repositories, need: { id: string; firmId: string }, from: NeedStatus, to: NeedStatus, why: string | null): Promise<void> {
    if (to === "SHORTLISTED" && (await repos.shortlist.countShortlisted(need.id)) === 0) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, "A need becomes SHORTLISTED when its first candidate is shortlisted: use shortlistCandidate.", {
        from, to, allowed: NEED_TRANSITIONS[from].filter((s) => s !== "SHORTLISTED" && s !== "AWARDED"), use: "shortlistCandidate",
      });
    }
    if (from === "SHORTLISTED" && (to === "OPEN" || to === "CANCELLED")) {
      const reason = to === "OPEN" ? `The shortlist was reopened${why ? `: ${why}` : "."}` : `The need was cancelled: ${why}`;
      await passOverShortlist(repos, this.events, need, reason);
    }
  }

  /** A need the viewer may see, or NOT_FOUND: another firm's need answers exactly like a missing one. */
  async get(viewer: Viewer, needId: string): Promise<ComponentNeed> {
    const need = await this.database.repos.needs.findVisibleNeed(needId, needScope(viewer));
    if (!need) throw notFound("Component need", needId);
    return need;
  }

  list(viewer: Viewer, args: PageArgs, filter: NeedFilter = {}) {
    return this.database.repos.needs.pageOfNeeds(args, needScope(viewer), filter);
  }

  /** Viewer's firm may manage the need; anything else answers NOT_FOUND (no existence leak). */
  private async getOwned(viewer: Viewer, needId: string): Promise<ComponentNeed> {
    const user = requireUser(viewer);
    const need = await this.database.repos.needs.findNeed(needId);
    const owns = need && mayManageNeed(user, need);
    // Another firm's need, published or not, answers like a missing one.
    if (!need || !owns) throw notFound("Component need", needId);
    return need;
  }
}

const staleVersion = (needId: string) =>
  new DomainError(
    ErrorCode.CONFLICT,
    `Component need ${toGlobalId("ComponentNeed", needId)} was changed by someone else meanwhile; reload it and try again.`,
  );
