/**
 * A need's contract period (issue 22): the first and the last day supply is needed, both inclusive.
 * Certificates and committed capacity are judged over all of it. Pure calendar arithmetic in UTC.
 */
import type { Day } from "./dates.js";

export const NEED_PERIOD = {
  /**
   * Term of a need that names neither `endDate` nor `termMonths`, and of every need created before
   * needs had an end date (the migration 20261203183503_need_period fills them with it, and its
   * trigger fills a row inserted without one: test/unit/need-period.test.ts holds the two to this
   * number). A year: a buyer's supply agreement for a component is commonly set for a year and
   * renewed, and a year is long enough that a certificate lapsing within it is seen before the award
   * rather than after. A buyer with another term states it.
   */
  defaultTermMonths: 12,
  /**
   * Longest term accepted: ten years. A vehicle model is built for some years and its parts are
   * supplied for its life; a period beyond ten years is more likely a typing mistake than a plan,
   * and nothing Jalin judges (a certificate, a partnership) is stated that far ahead.
   */
  maxTermMonths: 120,
} as const;

const DAY_MS = 86_400_000;

/**
 * The day `months` calendar months after `day`, the day of month clamped to the month's last day
 * (2027-01-31 plus one month is 2027-02-28), as PostgreSQL's `date + interval 'n months'` does.
 */
export function addMonths(day: Day, months: number): Day {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY_MS);
}

/** The last day of a term of `months` months from `start`: the day before start + months (12 months from 2027-03-01 end on 2028-02-29). */
export const termEnd = (start: Day, months: number): Day => addMonths(start, months) - 1;

/**
 * The term of start..end in whole months, a part month counted as one: the fewest months whose
 * term (termEnd) reaches the end date. 2027-03-01..2028-02-29 is 12; ..2028-03-01 is 13.
 */
export function termMonthsOf(start: Day, end: Day): number {
  let months = Math.max(1, Math.floor((end - start) / 31));
  while (months > 1 && termEnd(start, months - 1) >= end) months--;
  while (termEnd(start, months) < end) months++;
  return months;
}

/**
 * Months of start..end that `until` (a last valid day) covers, in the same whole-month counting:
 * the months of the period whose last day is on or before `until`, so "11 of 12 months" for a
 * certificate ending a month before the need does. 0 when it ends within the first month.
 */
export function monthsCovered(start: Day, end: Day, until: Day): number {
  if (until >= end) return termMonthsOf(start, end);
  let months = 0;
  while (termEnd(start, months + 1) <= until) months++;
  return months;
}

/**
 * A need row's period in days. A row always has its end date (the migration and its trigger fill
 * it); the default term stands in only for a row object built without one.
 */
export function periodOf(need: { startDate: Date; endDate?: Date | null }): { startDay: Day; endDay: Day } {
  const startDay = Math.floor(need.startDate.getTime() / DAY_MS);
  const endDay = need.endDate ? Math.floor(need.endDate.getTime() / DAY_MS) : termEnd(startDay, NEED_PERIOD.defaultTermMonths);
  return { startDay, endDay };
}
