/**
 * The rules of recording deliveries and 5R audits, pure: the month a delivery may be recorded for,
 * the figures that must agree with each other, whether a second record for a month is a correction,
 * and the 5R roll-up of an audit's items (core/maturity's, the one an assessment uses).
 */
import type { PartnershipStatus } from "../../domain/enums.js";
import { DomainError, ErrorCode, type FieldProblem } from "../../domain/errors.js";
import { dayText } from "../../domain/dates.js";
import { type FiveRItem, fiveRPercent } from "../../core/maturity/rules.js";

/** The first day (UTC) of the month a date falls in: the month a delivery record is kept under. */
export const monthStart = (date: Date): Date => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));

const monthText = (date: Date) => dayText(date).slice(0, 7);

/** A month's figures, as recorded. */
export interface DeliveryFigures {
  lotsDelivered: number;
  lotsOnTime: number;
  qtyDelivered: number;
  qtyRejected: number;
}

/** Figures that contradict each other: more lots on time than delivered, more pieces rejected than delivered. */
export function figureProblems(f: DeliveryFigures, at = "input"): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (f.lotsOnTime > f.lotsDelivered) problems.push({ path: `${at}.lotsOnTime`, message: `must not exceed lotsDelivered (${f.lotsDelivered})` });
  if (f.qtyRejected > f.qtyDelivered) problems.push({ path: `${at}.qtyRejected`, message: `must not exceed qtyDelivered (${f.qtyDelivered})` });
  return problems;
}

/** What the month rule reads of the partnership. */
export interface DeliveryTerms {
  status: PartnershipStatus;
  startDate: Date;
  endDate: Date | null;
}

/**
 * Whether deliveries may be recorded under the partnership at all: an ACTIVE one, or an ENDED one
 * (for the months within its dates). A PENDING one has not started: INVALID_TRANSITION.
 */
export function assertDeliverable(p: Pick<DeliveryTerms, "status">): void {
  if (p.status === "PENDING") {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, "This partnership is PENDING: the IKM has not accepted it, so nothing is delivered under it yet. Deliveries are recorded under an ACTIVE partnership, or an ENDED one for the months within its dates.");
  }
}

/**
 * Why the month (its first day) cannot be recorded under the partnership, or null: not after the
 * current month (`now`), not before the month the partnership started, not after the month it ended.
 */
export function monthProblem(month: Date, p: DeliveryTerms, now: Date): string | null {
  if (month > monthStart(now)) return `${monthText(month)} has not come yet: record a month when its deliveries are known`;
  if (month < monthStart(p.startDate)) return `is before the partnership started (${dayText(p.startDate)})`;
  if (p.endDate && month > monthStart(p.endDate)) return `is after the partnership ended (${dayText(p.endDate)})`;
  return null;
}

/** How a record for a month is written: a first record, or a correction of the one there (its version). */
export type DeliveryWrite = { kind: "create" } | { kind: "correct"; version: number };

/**
 * One record per partnership and month. The first needs no version; a second is a correction and
 * must name the version it corrects (`expectedVersion`, read from Partnership.deliveries), so two
 * people correcting at once cannot overwrite each other unseen. Anything else: CONFLICT, saying
 * what to send.
 */
export function deliveryWrite(existing: { version: number } | null, expectedVersion: number | null | undefined, month: Date): DeliveryWrite {
  const m = monthText(month);
  const field = [{ path: "input.expectedVersion", message: existing ? `the record is at version ${existing.version}` : "no record to correct" }];
  if (!existing) {
    if (expectedVersion == null) return { kind: "create" };
    throw new DomainError(ErrorCode.CONFLICT, `Nothing is recorded for ${m} under this partnership yet: leave expectedVersion out to record it.`, { fields: field, version: null });
  }
  if (expectedVersion == null) {
    throw new DomainError(ErrorCode.CONFLICT, `${m} is recorded already (version ${existing.version}). To correct it, send the figures again with expectedVersion: ${existing.version}.`, { fields: field, version: existing.version });
  }
  if (expectedVersion !== existing.version) {
    throw new DomainError(ErrorCode.CONFLICT, `${m} was corrected meanwhile: it is at version ${existing.version}, not ${expectedVersion}. Read it again (Partnership.deliveries) and correct that.`, { fields: field, version: existing.version });
  }
  return { kind: "correct", version: existing.version };
}

/** An audit's items rolled up as FiveRAudit stores them: items, points (0..2 each), percent (core/maturity's roll-up). */
export function fiveRTotals(items: readonly FiveRItem[]): { itemsScored: number; pointsEarned: number; scorePercent: number } | null {
  const scorePercent = fiveRPercent(items);
  if (scorePercent === null) return null;
  return { itemsScored: items.length, pointsEarned: items.reduce((s, i) => s + i.score, 0), scorePercent };
}
