/**
 * The SQL reader's hand-written parsers (src/infra/db/sql-reader.ts) give what the general ones give:
 * dates and timestamps as Date's ISO parser reads them in UTC, enum arrays as postgres-array reads
 * them, for every shape PostgreSQL prints; test/integration/sql-reader.test.ts compares whole rows
 * with Prisma's on real data.
 */
import { describe, expect, it } from "vitest";
import pg from "pg";
import { parseEnumArray, parseUtcTimestamp } from "../../src/infra/db/sql-reader.js";

const reference = (text: string): number =>
  (text.length === 10 ? new Date(`${text}T00:00:00.000Z`) : new Date(`${text.replace(" ", "T")}Z`)).getTime();

describe("parseUtcTimestamp", () => {
  it("reads dates and timestamps with 0 to 6 fractional digits as UTC", () => {
    const cases = [
      "2026-12-05", "2024-02-29", "1000-01-01", "9999-12-31",
      "2026-12-05 08:04:10", "2026-12-05 00:00:00", "2024-02-29 23:59:59",
      "2026-12-05 08:04:10.1", "2026-12-05 08:04:10.12", "2026-12-05 08:04:10.123",
      "2026-12-05 08:04:10.1234", "2026-12-05 08:04:10.12345", "2026-12-05 08:04:10.999999",
    ];
    for (const text of cases) expect(parseUtcTimestamp(text).getTime(), text).toBe(reference(text));
    expect(parseUtcTimestamp("2026-12-05 08:04:10.5").toISOString()).toBe("2026-12-05T08:04:10.500Z");
  });

  it("agrees with Date's parser on random instants from 1900 to 2100", () => {
    let seed = 20261205;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 5_000; i++) {
      const iso = new Date(Date.UTC(1900, 0, 1) + Math.floor(next() * 200 * 365.25 * 86_400_000)).toISOString();
      const micros = String(Math.floor(next() * 1e6)).padStart(6, "0").slice(0, 1 + Math.floor(next() * 6));
      for (const text of [iso.slice(0, 10), `${iso.slice(0, 10)} ${iso.slice(11, 19)}`, `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${micros}`]) {
        expect(parseUtcTimestamp(text).getTime(), text).toBe(reference(text));
      }
    }
  });

  it("hands other shapes to Date's own parser", () => {
    expect(parseUtcTimestamp("0999-06-01").getTime()).toBe(reference("0999-06-01"));
    expect(Number.isNaN(parseUtcTimestamp("infinity").getTime())).toBe(true);
    expect(Number.isNaN(parseUtcTimestamp("2026-12-05 08:04:10 BC").getTime())).toBe(true);
  });
});

describe("parseEnumArray", () => {
  it("reads enum arrays as the general array parser does, NULL elements and quoted labels included", () => {
    const general = pg.types.getTypeParser(1009 as never, "text");
    const cases = ["{}", "{STAMPING}", "{STAMPING,WELDING_FABRICATION,CASTING}", "{NULL}", "{A,null,B}", "{NULLABLE,X}", '{"with space",B}', '{"a\\"b",C}', "{{A,B},{C,D}}"];
    for (const text of cases) expect(parseEnumArray(text), text).toEqual(general(text));
    expect(parseEnumArray("{A,NULL,B}")).toEqual(["A", null, "B"]);
    expect(parseEnumArray("{NULLABLE,X}")).toEqual(["NULLABLE", "X"]);
  });
});
