/**
 * Partnerships: supply agreements under which an IKM makes a firm's component every month. While
 * ACTIVE one takes its quantity of the IKM's capacity in each of its processes, so allocation and
 * consortium proposals (src/services/supply.service.ts) count only what is left; recording one is
 * refused when it would take the IKM beyond the capacity it states.
 */
import { z } from "zod";
import type { Partnership, PrismaClient } from "../generated/prisma/client.js";
import { type NeedStatus, Process, QuantityUnit } from "../generated/prisma/enums.js";
import { DomainError, ErrorCode, badInput, notFound } from "../domain/errors.js";
import type { IkmService } from "./ikm.service.js";
import { parseInput, text } from "./validation.js";
import { type Viewer, forbidden, requireUser } from "./viewer.js";

const uuid = z.uuid("must be an id");
const unique = <T>(values: T[]) => new Set(values).size === values.length;
const date = z.date({ message: "must be a date such as 2027-01-15" });
/** Today, or tomorrow for a viewer east of UTC whose day has begun (as endMentorship's endedOn). */
const notFuture = date.refine((d) => d.getTime() <= Date.now() + 86_400_000, "must not be in the future");

/**
 * A need a partnership may cite: awarded (CLOSED follows AWARDED only, when the partnership runs;
 * see src/domain/need-status.ts).
 */
const AWARDED_STATUSES: readonly NeedStatus[] = ["AWARDED", "CLOSED"];

const recordSchema = z
  .object({
    ikmId: uuid,
    needId: uuid.nullish(),
    koperasiId: uuid.nullish(),
    component: text(),
    processes: z.array(z.enum(Process)).min(1, "name at least one process").max(10).refine(unique, "list each process once"),
    quantityPerMonth: z.number().int("must be a whole number").positive("must be above 0").max(100_000_000),
    unit: z.enum(QuantityUnit),
    startDate: date,
    endDate: date.nullish(),
  })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { message: "must not be before startDate", path: ["endDate"] });

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const todayUtc = () => new Date(`${isoDay(new Date())}T00:00:00.000Z`);

/** Another partnership's hold on the same capacity. */
interface Hold {
  processes: Process[];
  quantityPerMonth: number;
  startDate: Date;
  endDate: Date | null;
}

/**
 * The most of `process` the holds take at one time within [start, end] (end null: open-ended), and
 * from when. Holds only start within the window at their start dates, so the peak is at `start` or
 * at one of those.
 */
export function peakHold(holds: readonly Hold[], process: Process, start: Date, end: Date | null): { quantity: number; from: Date } {
  const relevant = holds.filter((h) => h.processes.includes(process) && (!h.endDate || h.endDate >= start) && (!end || h.startDate <= end));
  const points = [start, ...relevant.map((h) => h.startDate).filter((d) => d > start)];
  let peak = { quantity: 0, from: start };
  for (const at of points) {
    const quantity = relevant.filter((h) => h.startDate <= at && (!h.endDate || h.endDate >= at)).reduce((s, h) => s + h.quantityPerMonth, 0);
    if (quantity > peak.quantity) peak = { quantity, from: at };
  }
  return peak;
}

export class PartnershipService {
  constructor(
    private readonly db: PrismaClient,
    private readonly ikms: IkmService,
  ) {}

  /**
   * A firm member records a partnership of their own firm; an administrator names the firm. The
   * capacity check and the insert are one transaction holding the IKM's row lock, so two records
   * for one IKM at once cannot both fit into capacity only one of them fits.
   */
  async record(viewer: Viewer, input: unknown, firmIdForAdmin?: string | null): Promise<Partnership> {
    const user = requireUser(viewer);
    const data = parseInput(recordSchema, input);
    let firmId: string;
    if (user.role === "FIRM" && user.firmId) {
      if (firmIdForAdmin && firmIdForAdmin !== user.firmId) throw forbidden("record partnerships for another firm");
      firmId = user.firmId;
    } else if (user.role === "ADMIN") {
      if (!firmIdForAdmin) throw badInput("An administrator must name the firm: input.firmId.", [{ path: "input.firmId", message: "required for administrators" }]);
      firmId = firmIdForAdmin;
      if (!(await this.db.firm.findUnique({ where: { id: firmId }, select: { id: true } }))) throw notFound("Firm", firmId);
    } else throw forbidden("record partnerships; only firm members can");

    return this.db.$transaction(async (tx) => {
      // Every record for this IKM waits here for the one before it to commit or roll back.
      const locked = await tx.$queryRaw<{ legalName: string }[]>`SELECT "legalName" FROM "Ikm" WHERE id = ${data.ikmId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound("IKM", data.ikmId);
      const ikmName = locked[0].legalName;

      if (data.needId) {
        const need = await tx.componentNeed.findUnique({ where: { id: data.needId }, select: { firmId: true, status: true, title: true } });
        // Another firm's need answers like a missing one (administrators: one of the firm named).
        if (!need || need.firmId !== firmId) throw notFound("Component need", data.needId);
        if (!AWARDED_STATUSES.includes(need.status)) {
          throw badInput(`"${need.title}" is ${need.status}: a partnership is recorded for an awarded need (AWARDED, or CLOSED after it). Award it first, or leave needId out.`, [
            { path: "input.needId", message: `is ${need.status}, not AWARDED` },
          ]);
        }
      }

      if (data.koperasiId) {
        const koperasi = await tx.koperasi.findUnique({
          where: { id: data.koperasiId },
          select: { name: true, memberships: { where: { ikmId: data.ikmId }, select: { ikmId: true } } },
        });
        if (!koperasi) throw notFound("Koperasi", data.koperasiId);
        if (koperasi.memberships.length === 0) {
          throw badInput(`${ikmName} is not a member of ${koperasi.name}: a koperasi splits an order among its own members.`, [
            { path: "input.koperasiId", message: "the IKM is not a member" },
          ]);
        }
      }

      const capabilities = await tx.capability.findMany({ where: { ikmId: data.ikmId, process: { in: data.processes } } });
      const unstated = data.processes
        .map((process, i) => ({ process, i, capability: capabilities.find((c) => c.process === process) }))
        .filter((p) => !p.capability || p.capability.capacityUnit !== data.unit);
      if (unstated.length) {
        const said = unstated
          .map((p) => (p.capability ? `${p.process} (stated in ${p.capability.capacityUnit}, not ${data.unit})` : `${p.process} (not stated)`))
          .join(", ");
        throw new DomainError(ErrorCode.CONFLICT, `${ikmName} states no monthly capacity in ${data.unit} for ${said}; it cannot take on ${data.quantityPerMonth} ${data.unit} a month there.`, {
          fields: unstated.map((p) => ({ path: `input.processes.${p.i}`, message: `no capacity stated in ${data.unit}` })),
        });
      }

      const holds = await tx.partnership.findMany({
        where: { ikmId: data.ikmId, status: "ACTIVE", unit: data.unit, processes: { hasSome: data.processes } },
        select: { processes: true, quantityPerMonth: true, startDate: true, endDate: true },
      });
      for (const process of data.processes) {
        const capacity = capabilities.find((c) => c.process === process)!.monthlyCapacity;
        const held = peakHold(holds, process, data.startDate, data.endDate ?? null);
        if (held.quantity + data.quantityPerMonth > capacity) {
          const left = Math.max(0, capacity - held.quantity);
          const when = held.quantity > 0 ? ` (from ${isoDay(held.from)})` : "";
          throw new DomainError(
            ErrorCode.CONFLICT,
            `${ikmName} can make ${capacity} ${data.unit} a month in ${process}; its other active partnerships take ${held.quantity}${when}, ` +
              `so ${data.quantityPerMonth} more would exceed it by ${held.quantity + data.quantityPerMonth - capacity}: at most ${left} fit.`,
            { fields: [{ path: "input.quantityPerMonth", message: `at most ${left} fit in ${process}` }], process, capacity, committed: held.quantity, available: left },
          );
        }
      }

      return tx.partnership.create({
        data: {
          firmId,
          ikmId: data.ikmId,
          needId: data.needId ?? null,
          koperasiId: data.koperasiId ?? null,
          component: data.component,
          processes: data.processes,
          quantityPerMonth: data.quantityPerMonth,
          unit: data.unit,
          startDate: data.startDate,
          endDate: data.endDate ?? null,
        },
      });
    });
  }

  /**
   * The owning firm (or an administrator) ends an active partnership on `endDate`: by default
   * today, or its start date when it had not started. Another firm's answers like a missing one.
   */
  async end(viewer: Viewer, partnershipId: string, endDate?: Date | null): Promise<Partnership> {
    const user = requireUser(viewer);
    const on = parseInput(notFuture.nullish(), endDate, "endDate");
    const row = await this.db.partnership.findUnique({ where: { id: partnershipId } });
    const owns = row && (user.role === "ADMIN" || (user.role === "FIRM" && user.firmId === row.firmId));
    if (!row || !owns) throw notFound("Partnership", partnershipId);
    if (on && on < row.startDate) {
      throw badInput(`The partnership started on ${isoDay(row.startDate)}; it cannot end before that.`, [{ path: "endDate", message: "before startDate" }]);
    }
    const today = todayUtc();
    const ended = on ?? (today < row.startDate ? row.startDate : today);
    const { count } = await this.db.partnership.updateMany({ where: { id: partnershipId, status: "ACTIVE" }, data: { status: "ENDED", endDate: ended } });
    if (count === 0) throw new DomainError(ErrorCode.INVALID_TRANSITION, "This partnership has ENDED already; only an ACTIVE one can end.");
    return this.db.partnership.findUniqueOrThrow({ where: { id: partnershipId } });
  }

  /** A partnership the viewer may see (canSee), or NOT_FOUND as for a missing one. */
  async get(viewer: Viewer, partnershipId: string): Promise<Partnership> {
    const row = await this.db.partnership.findUnique({ where: { id: partnershipId } });
    if (!row || !(await this.canSee(viewer, row))) throw notFound("Partnership", partnershipId);
    return row;
  }

  /**
   * Who sees a partnership: administrators, the firm's members, and those who see its IKM's private
   * side (its members and the foundations actively mentoring it, IkmService.canSeePrivate).
   */
  async canSee(viewer: Viewer, row: Pick<Partnership, "firmId" | "ikmId">, mentoredBy?: (ikmId: string) => Promise<string[]>): Promise<boolean> {
    if (viewer.kind !== "user") return false;
    if (viewer.role === "FIRM") return viewer.firmId === row.firmId;
    return this.ikms.canSeePrivate(viewer, row.ikmId, mentoredBy);
  }
}
