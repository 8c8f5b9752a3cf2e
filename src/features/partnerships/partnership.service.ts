/**
 * Partnerships: supply agreements under which an IKM makes a firm's component every month. A firm
 * records one PENDING; it binds the IKM only once the IKM accepts it (as a foundation's proposal to
 * mentor, MaturityService.acceptMentorship), so no firm can take an IKM's capacity unasked. ACTIVE,
 * or PENDING when an award wrote it (awardNeed), it holds its quantity of the IKM's capacity in each
 * of its processes until it ends (domain/partnership-status.ts: the one rule matches, consortia,
 * allocation and awards count by); recording one, and accepting one, is refused when it would take
 * the IKM beyond the capacity it states.
 */
import { z } from "zod";
import type { Partnership } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import type { PartnershipRepository } from "../../infra/db/repositories/partnerships.repository.js";
import { type PartnershipStatus, Process, QuantityUnit } from "../../domain/enums.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { AWARDED_STATUSES } from "../../domain/need-status.js";
import { dayText, toDay, todayUtc } from "../../domain/dates.js";
import { peakHolds } from "../../core/supply/capacity.js";
import type { IkmService } from "../ikms/ikm.service.js";
import { parseInput, text } from "../common/validation.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { mayAcceptPartnership, mayEndPartnership, mayRecordForNeed, partnershipSight, recordingFirm } from "../../access/partnerships.js";

const uuid = z.uuid("must be an id");
const unique = <T>(values: T[]) => new Set(values).size === values.length;
const date = z.date({ message: "must be a date such as 2027-01-15" });
/** Today, or tomorrow for a viewer east of UTC whose day has begun (as endMentorship's endedOn). */
const notFuture = date.refine((d) => d.getTime() <= Date.now() + 86_400_000, "must not be in the future");

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


/** Another partnership's hold on the same capacity. */
interface Hold {
  processes: Process[];
  quantityPerMonth: number;
  startDate: Date;
  endDate: Date | null;
}

/** What a partnership asks of the IKM: the quantity, in the unit, through each process, over its dates. */
export interface Terms extends Hold {
  unit: QuantityUnit;
}

const notPending = (status: PartnershipStatus) =>
  new DomainError(ErrorCode.INVALID_TRANSITION, `This partnership is ${status}; only a PENDING one can be accepted.`);

/** How checkCapacity counts and words: see there. */
export interface CapacityCheck {
  exceptId?: string;
  fieldsAt?: string;
  /** The end of the refusal, instead of the default wording (an award names its own). */
  fits?: (quantityPerMonth: number) => string;
}

/**
 * Refuses (CONFLICT) terms the IKM cannot take on: a process it states no capacity for in the
 * unit, or one where, at the busiest point over the terms' dates, its partnerships holding capacity
 * (ACTIVE ones and awards' PENDING ones, domain/partnership-status.ts; a firm's PENDING proposal and
 * ENDED ones take nothing; `exceptId` is the one being accepted) leave less than the quantity.
 * The answer gives only the aggregate room left over the terms' own dates: never another
 * partnership's quantity or dates, which belong to other firms. `fieldsAt`: the input argument
 * the terms came in, to point at its fields. Call it holding the IKM's row lock.
 */
export async function checkCapacity(
  partnerships: PartnershipRepository,
  ikmId: string,
  ikmName: string,
  terms: Terms,
  { exceptId, fieldsAt, fits: fitsText }: CapacityCheck,
): Promise<void> {
  const capabilities = await partnerships.capabilitiesIn(ikmId, terms.processes);
  const unstated = terms.processes
    .map((process, i) => ({ process, i, capability: capabilities.find((c) => c.process === process) }))
    .filter((p) => !p.capability || p.capability.capacityUnit !== terms.unit);
  if (unstated.length) {
    const said = unstated
      .map((p) => (p.capability ? `${p.process} (stated in ${p.capability.capacityUnit}, not ${terms.unit})` : `${p.process} (not stated)`))
      .join(", ");
    throw new DomainError(ErrorCode.CONFLICT, `${ikmName} states no monthly capacity in ${terms.unit} for ${said}; it cannot take on ${terms.quantityPerMonth} ${terms.unit} a month there.`, {
      ...(fieldsAt ? { fields: unstated.map((p) => ({ path: `${fieldsAt}.processes.${p.i}`, message: `no capacity stated in ${terms.unit}` })) } : {}),
    });
  }

  const holds = await partnerships.holds(ikmId, terms.unit, terms.processes, exceptId);
  const over = `from ${dayText(terms.startDate)}${terms.endDate ? ` to ${dayText(terms.endDate)}` : ""}`;
  const peaks = peakHolds(
    holds.map((h) => ({ ...h, ikmId, unit: terms.unit, startDay: toDay(h.startDate), endDay: h.endDate ? toDay(h.endDate) : null })),
    toDay(terms.startDate),
    terms.endDate ? toDay(terms.endDate) : null,
  ).get(ikmId) ?? [];
  for (const process of terms.processes) {
    const capacity = capabilities.find((c) => c.process === process)!.monthlyCapacity;
    const held = peaks.find((p) => p.processes[0] === process)?.quantityPerMonth ?? 0;
    if (held + terms.quantityPerMonth <= capacity) continue;
    const available = Math.max(0, capacity - held);
    const room = available > 0 ? `at most ${available} more` : "no more";
    const fits = fitsText ? fitsText(terms.quantityPerMonth) : fieldsAt ? `not the ${terms.quantityPerMonth} asked` : `not this partnership's ${terms.quantityPerMonth} any more; end it to decline`;
    throw new DomainError(ErrorCode.CONFLICT, `${ikmName} can take ${room} ${terms.unit} a month in ${process} ${over}: ${fits}.`, {
      ...(fieldsAt ? { fields: [{ path: `${fieldsAt}.quantityPerMonth`, message: `at most ${available} fit in ${process}` }] } : {}),
      process,
      available,
    });
  }
}

export class PartnershipService {
  constructor(
    private readonly database: Database,
    private readonly ikms: IkmService,
  ) {}

  /**
   * A firm member records a partnership of their own firm, PENDING until the IKM accepts it; an
   * administrator names the firm, and theirs starts ACTIVE. Either must fit beside the IKM's
   * partnerships holding capacity (ACTIVE, and awards' PENDING ones); a proposal that cannot fit now
   * is refused at once, and accept checks again. The
   * capacity check and the insert are one transaction holding the IKM's row lock, so two records
   * for one IKM at once cannot both fit into capacity only one of them fits.
   */
  async record(viewer: Viewer, input: unknown, firmIdForAdmin?: string | null): Promise<Partnership> {
    const user = requireUser(viewer);
    const data = parseInput(recordSchema, input);
    const recording = recordingFirm(user, firmIdForAdmin);
    const { firmId, namedByAdmin } = recording;
    if (namedByAdmin && !(await this.database.repos.firms.exists(firmId))) throw notFound("Firm", firmId);
    // A firm's binds the IKM only once the IKM accepts it; an administrator records agreed ones.
    const status: PartnershipStatus = namedByAdmin ? "ACTIVE" : "PENDING";

    const created = await this.database.transaction(async ({ partnerships }) => {
      // Every record for this IKM waits here for the one before it to commit or roll back.
      const ikmName = await partnerships.lockIkm(data.ikmId);
      if (ikmName === null) throw notFound("IKM", data.ikmId);

      if (data.needId) {
        const need = await partnerships.findNeedFacts(data.needId);
        // Another firm's need answers like a missing one (administrators: one of the firm named).
        if (!need || !mayRecordForNeed(recording, need)) throw notFound("Component need", data.needId);
        if (!AWARDED_STATUSES.includes(need.status)) {
          throw badInput(`"${need.title}" is ${need.status}: a partnership is recorded for an awarded need (AWARDED, or CLOSED after it). Award it first, or leave needId out.`, [
            { path: "input.needId", message: `is ${need.status}, not AWARDED` },
          ]);
        }
      }

      if (data.koperasiId) {
        const koperasi = await partnerships.findKoperasiMembership(data.koperasiId, data.ikmId);
        if (!koperasi) throw notFound("Koperasi", data.koperasiId);
        if (!koperasi.isMember) {
          throw badInput(`${ikmName} is not a member of ${koperasi.name}: a koperasi splits an order among its own members.`, [
            { path: "input.koperasiId", message: "the IKM is not a member" },
          ]);
        }
      }

      await checkCapacity(partnerships, data.ikmId, ikmName, { ...data, endDate: data.endDate ?? null }, { fieldsAt: "input" });

      return partnerships.create({
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
        status,
      });
    });
    // An ACTIVE partnership takes capacity the matcher ranks on (free capacity): refresh its index.
    if (created.status === "ACTIVE") await this.ikms.changes.ikmsChanged([created.ikmId]);
    return created;
  }

  /**
   * The IKM's members (or an administrator) accept a PENDING partnership: from now on it is ACTIVE
   * and takes capacity (an award's held it already). It must still fit beside the IKM's other
   * partnerships holding capacity (ACTIVE, and awards' PENDING ones), checked under the
   * IKM's row lock as record does, so accepts at once cannot together exceed the capacity.
   * Anyone else's answers like a missing one.
   */
  async accept(viewer: Viewer, partnershipId: string): Promise<Partnership> {
    const user = requireUser(viewer);
    const row = await this.database.repos.partnerships.findIkmId(partnershipId);
    if (!row || !mayAcceptPartnership(user, row)) throw notFound("Partnership", partnershipId);

    const accepted = await this.database.transaction(async ({ partnerships }) => {
      const ikmName = await partnerships.lockIkm(row.ikmId);
      const current = await partnerships.find(partnershipId);
      if (ikmName === null || !current) throw notFound("Partnership", partnershipId);
      if (current.status !== "PENDING") throw notPending(current.status);
      await checkCapacity(partnerships, current.ikmId, ikmName, current, { exceptId: current.id });
      // Ending it (declining, or the firm withdrawing) takes no IKM lock: only a row still PENDING turns ACTIVE.
      if (!(await partnerships.activateIfPending(partnershipId))) throw notPending("ENDED");
      return partnerships.get(partnershipId);
    });
    await this.ikms.changes.ikmsChanged([accepted.ikmId]);
    return accepted;
  }

  /**
   * The owning firm, the IKM's members (or an administrator) end a PENDING or ACTIVE partnership
   * on `endDate`: by default today, or its start date when it had not started. Ending a PENDING
   * one declines it (or, for the firm, withdraws it). Anyone else's answers like a missing one.
   */
  async end(viewer: Viewer, partnershipId: string, endDate?: Date | null): Promise<Partnership> {
    const user = requireUser(viewer);
    const on = parseInput(notFuture.nullish(), endDate, "endDate");
    const row = await this.database.repos.partnerships.find(partnershipId);
    if (!row || !mayEndPartnership(user, row)) throw notFound("Partnership", partnershipId);
    if (on && on < row.startDate) {
      throw badInput(`The partnership started on ${dayText(row.startDate)}; it cannot end before that.`, [{ path: "endDate", message: "before startDate" }]);
    }
    const today = todayUtc();
    const ended = on ?? (today < row.startDate ? row.startDate : today);
    if (!(await this.database.repos.partnerships.endIfOpen(partnershipId, ended))) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, "This partnership has ENDED already; only a PENDING or ACTIVE one can end.");
    }
    await this.ikms.changes.ikmsChanged([row.ikmId]);
    return this.database.repos.partnerships.get(partnershipId);
  }

  /** A partnership the viewer may see (canSee), or NOT_FOUND as for a missing one. */
  async get(viewer: Viewer, partnershipId: string): Promise<Partnership> {
    const row = await this.database.repos.partnerships.find(partnershipId);
    if (!row || !(await this.canSee(viewer, row))) throw notFound("Partnership", partnershipId);
    return row;
  }

  /**
   * Who sees a partnership: administrators, the firm's members, and those who see its IKM's private
   * side (its members and the foundations actively mentoring it, IkmService.canSeePrivate):
   * access/partnerships.ts, partnershipSight.
   */
  private async canSee(viewer: Viewer, row: Pick<Partnership, "firmId" | "ikmId">): Promise<boolean> {
    const sight = partnershipSight(viewer, row);
    return sight === "if-sees-ikm-private" ? this.ikms.canSeePrivate(viewer, row.ikmId) : sight;
  }
}
