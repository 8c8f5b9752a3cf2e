import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dayText } from "../../src/domain/dates.js";
import { NEED_PERIOD, addMonths, monthsCovered, periodOf, termEnd, termMonthsOf } from "../../src/domain/need-period.js";

const day = (s: string) => Math.floor(Date.parse(`${s}T00:00:00Z`) / 86_400_000);

describe("a need's period in calendar months", () => {
  it("adds months clamping the day of month, as PostgreSQL's date + interval does", () => {
    expect(dayText(addMonths(day("2027-01-31"), 1))).toBe("2027-02-28");
    expect(dayText(addMonths(day("2028-01-31"), 1))).toBe("2028-02-29");
    expect(dayText(addMonths(day("2027-03-01"), 12))).toBe("2028-03-01");
    expect(dayText(addMonths(day("2027-11-15"), 3))).toBe("2028-02-15");
  });

  it("ends a term the day before the same date months later", () => {
    expect(dayText(termEnd(day("2027-03-01"), 12))).toBe("2028-02-29");
    expect(dayText(termEnd(day("2027-03-01"), 1))).toBe("2027-03-31");
  });

  it("counts a period in whole months, a part month as one", () => {
    expect(termMonthsOf(day("2027-03-01"), day("2028-02-29"))).toBe(12);
    expect(termMonthsOf(day("2027-03-01"), day("2028-03-01"))).toBe(13);
    expect(termMonthsOf(day("2027-03-01"), day("2027-03-02"))).toBe(1);
    for (const months of [1, 2, 11, 12, 13, 24, 60, 120]) {
      for (const start of ["2027-01-31", "2027-02-28", "2028-02-29", "2027-07-15"]) expect(termMonthsOf(day(start), termEnd(day(start), months))).toBe(months);
    }
  });

  it("counts the months of a period a certificate covers", () => {
    const start = day("2026-04-01");
    const end = termEnd(start, 12); // 2027-03-31
    expect(monthsCovered(start, end, day("2027-02-28"))).toBe(11);
    expect(monthsCovered(start, end, day("2027-03-01"))).toBe(11);
    expect(monthsCovered(start, end, end)).toBe(12);
    expect(monthsCovered(start, end, day("2026-04-20"))).toBe(0);
  });

  it("gives a row without an end date the default term", () => {
    expect(periodOf({ startDate: new Date("2027-03-01") })).toEqual({ startDay: day("2027-03-01"), endDay: day("2028-02-29") });
    expect(periodOf({ startDate: new Date("2027-03-01"), endDate: new Date("2027-06-30") }).endDay).toBe(day("2027-06-30"));
  });

  it("fills old needs, and rows written without an end date, with the same default term as the application", () => {
    const dir = path.resolve("prisma/migrations");
    const migration = readdirSync(dir).find((d) => d.endsWith("_need_period"));
    const sql = readFileSync(path.join(dir, migration!, "migration.sql"), "utf8");
    const terms = [...sql.matchAll(/INTERVAL '(\d+) months'/g)].map((m) => Number(m[1]));
    expect(terms.length).toBe(2);
    for (const t of terms) expect(t).toBe(NEED_PERIOD.defaultTermMonths);
  });
});
