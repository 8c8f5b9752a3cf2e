import type { Database } from "../../infra/db/repositories/index.js";
import { z } from "zod";
import type { ComponentNeed } from "../../infra/db/models.js";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.js";
import { FACTORS, type Factor, MATCHING, type Weights } from "../../core/matching/config.js";
import { CertificationType, MaturityStage, NeedStatus, Process, QuantityUnit } from "../../domain/enums.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { toGlobalId } from "../../domain/ids.js";
import { LIMITS } from "../../domain/limits.js";
import { EDITABLE_STATUSES, NEED_TRANSITIONS, PUBLISHED_STATUSES, canTransition } from "../../domain/need-status.js";
import type { EventBus } from "../../infra/events/bus.js";
import { type PageArgs, paginate } from "../../domain/pagination.js";
import {
  COORDINATES_TOGETHER, coordinatesTogether, latitude, longitude, material, parseInput, regionCode, text, tolerance,
} from "../common/validation.js";
import { type Viewer, forbidden, requireUser } from "../../access/viewer.js";

/**
 * A need's weight overrides: non-negative numbers per factor, on top of the defaults (MATCHING.weights),
 * normalised on use; at least one factor must keep a weight above 0.
 */
export const weightsSchema = z
  .object(Object.fromEntries(FACTORS.map((f) => [f, z.number().min(0, "must not be negative").max(1000, "must be at most 1000").nullish()])) as Record<Factor, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>)
  .strict()
  .transform((w) => Object.fromEntries(Object.entries(w).filter(([, v]) => v != null)) as Partial<Weights>)
  .refine((w) => FACTORS.some((f) => (w[f] ?? MATCHING.weights[f]) > 0), "at least one factor must weigh more than 0");
const unique = <T>(values: T[]) => new Set(values).size === values.length;

const needFields = {
  title: text(),
  description: text(LIMITS.maxTextLength),
  processes: z.array(z.enum(Process)).min(1, "name at least one process").max(10).refine(unique, "list each process once"),
  materials: z.array(material).max(20).default([]),
  quantityPerMonth: z.number().int("must be a whole number").positive("must be above 0").max(100_000_000),
  unit: z.enum(QuantityUnit),
  toleranceMm: tolerance,
  requiredCertifications: z.array(z.enum(CertificationType)).max(10).refine(unique, "list each certification once").default([]),
  minimumStage: z.enum(MaturityStage).default("PEMULA"),
  preferredRegionCode: regionCode.nullish(),
  latitude: latitude.nullish(),
  longitude: longitude.nullish(),
  radiusKm: z.number().int().positive("must be above 0 km").max(5000).nullish(),
  startDate: z.date({ message: "must be a date such as 2027-01-15" }),
  weights: weightsSchema.nullish(),
};

/** Input fields to columns: `weights` is stored as matchWeights (null: the defaults). */
function toColumns<T extends { weights?: Partial<Weights> | null }>(data: T) {
  const { weights, ...rest } = data;
  return {
    ...rest,
    ...(weights === undefined ? {} : { matchWeights: weights === null ? Prisma.DbNull : (weights as Prisma.InputJsonValue) }),
  };
}

type NeedShape = { latitude?: number | null; longitude?: number | null; radiusKm?: number | null };
const locationRules = <T extends z.ZodType<NeedShape>>(schema: T) =>
  schema
    .refine(coordinatesTogether, COORDINATES_TOGETHER)
    .refine((v) => v.radiusKm == null || v.latitude != null, {
      message: "a radius needs the need's latitude and longitude",
      path: ["radiusKm"],
    });

const createSchema = locationRules(z.object({ ...needFields, firmId: z.string().nullish() }));
const updateSchema = z
  .object(needFields)
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "give at least one field to change");
const reasonSchema = z.string().trim().max(LIMITS.maxTextLength).nullish();

export interface NeedFilter {
  statuses?: NeedStatus[] | null;
  process?: Process | null;
  firmId?: string | null;
}

export class NeedService {
  /** Transitional: the ORM client, until every query of this service sits in a repository. */
  private get db() {
    return this.database.prisma;
  }

  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
  ) {}

  /** A firm member drafts a need for their own firm; an administrator names the firm. */
  async create(viewer: Viewer, input: unknown, firmIdForAdmin?: string | null): Promise<ComponentNeed> {
    const user = requireUser(viewer);
    const data = parseInput(createSchema, input);
    let firmId: string;
    if (user.role === "FIRM" && user.firmId) {
      if (firmIdForAdmin && firmIdForAdmin !== user.firmId) throw forbidden("post needs for another firm");
      firmId = user.firmId;
    } else if (user.role === "ADMIN") {
      if (!firmIdForAdmin) throw badInput("An administrator must name the firm: input.firmId.", [{ path: "input.firmId", message: "required for administrators" }]);
      firmId = firmIdForAdmin;
      if (!(await this.db.firm.findUnique({ where: { id: firmId }, select: { id: true } }))) throw notFound("Firm", firmId);
    } else throw forbidden("post component needs; only firm members can");
    const { firmId: _ignored, ...fields } = data;
    return this.db.componentNeed.create({
      data: { ...toColumns(fields), firmId, status: "DRAFT", createdById: user.userId },
    });
  }

  /**
   * Changes a need's terms while it is DRAFT or OPEN. `expectedVersion`, when given, must match:
   * an edit based on a stale copy is refused with CONFLICT rather than overwriting someone's change.
   */
  async update(viewer: Viewer, needId: string, input: unknown, expectedVersion?: number | null): Promise<ComponentNeed> {
    const need = await this.getOwned(viewer, needId);
    const data = parseInput(updateSchema, input);
    const merged = { ...need, ...data };
    parseInput(locationRules(z.object({ latitude: z.number().nullish(), longitude: z.number().nullish(), radiusKm: z.number().nullish() })), merged);
    if (!EDITABLE_STATUSES.includes(need.status)) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `A ${need.status} need can no longer be edited; only DRAFT and OPEN needs can.`);
    }
    const version = expectedVersion ?? need.version;
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.componentNeed.updateMany({
        where: { id: needId, version, status: { in: [...EDITABLE_STATUSES] } },
        data: { ...toColumns(data), version: { increment: 1 } },
      });
      if (count === 0) throw staleVersion(needId);
      const updated = await tx.componentNeed.findUniqueOrThrow({ where: { id: needId } });
      if (updated.status === "OPEN") await this.events.publish(tx, "NEED_CHANGED", { needId, firmId: updated.firmId });
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
    if (to === "CANCELLED" && !why) {
      throw badInput("Say why the need is cancelled: reason is required.", [{ path: "reason", message: "required to cancel" }]);
    }
    const version = expectedVersion ?? need.version;
    const firstPublication = to === "OPEN" && !need.publishedAt;
    const updated = await this.db.$transaction(async (tx) => {
      const { count } = await tx.componentNeed.updateMany({
        where: { id: needId, version, status: need.status },
        data: {
          status: to,
          version: { increment: 1 },
          ...(firstPublication ? { publishedAt: new Date() } : {}),
        },
      });
      if (count === 0) throw staleVersion(needId);
      await tx.needStatusChange.create({
        data: { needId, fromStatus: need.status, toStatus: to, changedById: user.userId, reason: why ?? null },
      });
      const row = await tx.componentNeed.findUniqueOrThrow({ where: { id: needId } });
      // Queued in the transaction: every server hears it at commit, nobody if it rolls back.
      if (to === "OPEN") {
        await this.events.publish(tx, "NEED_PUBLISHED", { needId, firmId: row.firmId, publishedAt: (row.publishedAt ?? new Date()).toISOString() });
      } else {
        await this.events.publish(tx, "NEED_CHANGED", { needId, firmId: row.firmId });
      }
      return row;
    });
    return updated;
  }

  /** A need the viewer may see, or NOT_FOUND: another firm's need answers exactly like a missing one. */
  async get(viewer: Viewer, needId: string): Promise<ComponentNeed> {
    const need = await this.db.componentNeed.findFirst({ where: { AND: [{ id: needId }, this.visibleWhere(viewer)] } });
    if (!need) throw notFound("Component need", needId);
    return need;
  }

  /** visibleWhere, for a row in hand. */
  isVisible(viewer: Viewer, need: ComponentNeed): boolean {
    if (viewer.kind !== "user") return false;
    if (viewer.role === "ADMIN") return true;
    if (viewer.role === "FIRM") return viewer.firmId === need.firmId;
    return PUBLISHED_STATUSES.includes(need.status);
  }

  list(viewer: Viewer, args: PageArgs, filter: NeedFilter = {}) {
    const where: Prisma.ComponentNeedWhereInput = {
      AND: [
        this.visibleWhere(viewer),
        filter.statuses?.length ? { status: { in: filter.statuses } } : {},
        filter.process ? { processes: { has: filter.process } } : {},
        filter.firmId ? { firmId: filter.firmId } : {},
      ],
    };
    return paginate<ComponentNeed>(
      args,
      { field: "createdAt", direction: "desc", kind: "date", valueOf: (n) => n.createdAt, idOf: (n) => n.id },
      (q) => this.db.componentNeed.findMany({ ...q, where: { AND: [where, q.where] } }),
      () => this.db.componentNeed.count({ where }),
    );
  }

  /**
   * Which needs a viewer sees: a firm's members see all of their firm's needs; IKM and foundation
   * members see published needs (OPEN, SHORTLISTED) of every firm; administrators see all.
   */
  visibleWhere(viewer: Viewer): Prisma.ComponentNeedWhereInput {
    const user = requireUser(viewer);
    switch (user.role) {
      case "ADMIN":
        return {};
      case "FIRM":
        return { firmId: user.firmId ?? "00000000-0000-0000-0000-000000000000" };
      default:
        return { status: { in: [...PUBLISHED_STATUSES] } };
    }
  }

  /** Viewer's firm may manage the need; anything else answers NOT_FOUND (no existence leak). */
  private async getOwned(viewer: Viewer, needId: string): Promise<ComponentNeed> {
    const user = requireUser(viewer);
    const need = await this.db.componentNeed.findUnique({ where: { id: needId } });
    const owns = need && (user.role === "ADMIN" || (user.role === "FIRM" && user.firmId === need.firmId));
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
