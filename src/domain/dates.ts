/** Calendar days, in UTC: the one place dates become day numbers or YYYY-MM-DD text. */

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 (UTC): how the matcher and the capacity engine compare dates. */
export type Day = number;

export const toDay = (date: Date): Day => Math.floor(date.getTime() / DAY_MS);
const fromDay = (day: Day): Date => new Date(day * DAY_MS);

/** A date's (or day number's) calendar day in UTC, written YYYY-MM-DD. */
export const dayText = (day: Date | Day): string => (typeof day === "number" ? fromDay(day) : day).toISOString().slice(0, 10);

/** Midnight (UTC) of the day `now` falls on: "today" as dates without a time compare. */
export const todayUtc = (now: Date = new Date()): Date => fromDay(toDay(now));
