/**
 * Enums have one home, src/domain/enums.ts, and ordered ones one order, the domain's (STAGE_ORDER,
 * src/domain/stages.ts). The match index stores and compares stages in that order whatever order
 * an enum object lists them in: here the enums are replaced by copies in reverse order, and the
 * column engine must still rank exactly like the pure scorer. The database's declarations
 * (schema.prisma, hence the generated client) must list every enum as the domain does.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { STAGE_ORDER } from "../../src/domain/stages.js";
import type { MaturityStage, Process } from "../../src/domain/enums.js";
import { ColumnBuilder } from "../../src/core/matching/index/columns.js";
import { compileQuery, scan } from "../../src/core/matching/index/engine.js";
import { type MatchFilter, rankSuppliers } from "../../src/core/matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../../src/core/matching/types.js";
import { rng } from "../../prisma/seed/random.js";

vi.mock("../../src/domain/enums.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/domain/enums.js")>();
  const reversed = <T extends Record<string, string>>(e: T): T => Object.fromEntries(Object.entries(e).reverse()) as T;
  return { ...actual, MaturityStage: reversed(actual.MaturityStage), Process: reversed(actual.Process) };
});

const PROCESSES: Process[] = ["CASTING", "STAMPING", "MACHINING_CNC"];

function suppliers(seed: number, n: number): SupplierProfile[] {
  const r = rng(seed);
  const hex = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 16).toString(16)).join("");
  return Array.from({ length: n }, (_, i): SupplierProfile => ({
    id: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
    stage: STAGE_ORDER[i % STAGE_ORDER.length]!,
    regionCode: "33.72",
    latitude: null,
    longitude: null,
    capabilities: PROCESSES.filter(() => r() < 0.6).map((process) => ({
      process, materials: ["baja"], toleranceMm: null, monthlyCapacity: Math.floor(r() * 3000), unit: "PCS" as const,
    })),
    certifications: [],
    // Partnerships held in process STAMPING or CASTING: the hold columns store processes by index too.
    commitments: r() < 0.4
      ? [{ process: r() < 0.5 ? "STAMPING" : "CASTING", unit: "PCS" as const, quantityPerMonth: 1 + Math.floor(r() * 2000), startDay: 20400 + Math.floor(r() * 200), endDay: null, needId: null }]
      : [],
    fiveRPercent: r() < 0.5 ? Math.round(r() * 10000) / 100 : null,
    delivery: { lots: 0, onTime: 0, qty: 0, rejected: 0 },
    sentraProcesses: [],
    koperasiPeerProcesses: [],
    sentraIds: [],
    koperasiIds: [],
    foundationIds: [],
  })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

const need = (minimumStage: MaturityStage): NeedProfile => ({
  id: `need-${minimumStage}`, processes: ["STAMPING"], materials: ["baja"], quantityPerMonth: 800, unit: "PCS", toleranceMm: null,
  requiredCertifications: [], minimumStage, preferredRegionCode: null, latitude: null, longitude: null, radiusKm: null,
  startDate: 20500, weights: null,
});

describe("one stage order", () => {
  it("the generated enums really are reversed here (the test below can fail)", async () => {
    const { MaturityStage } = await import("../../src/domain/enums.js");
    expect(Object.values(MaturityStage)).toEqual([...STAGE_ORDER].reverse());
  });

  it("the column engine ranks like the pure scorer for every minimum stage and stage filter, whatever Prisma's order", () => {
    const list = suppliers(3, 240);
    const builder = new ColumnBuilder(16);
    for (const s of list) builder.append(s);
    const columns = builder.finish();
    const filters: MatchFilter[] = [{}, { stages: ["MADYA"] }, { stages: ["PEMULA", "MANDIRI"] }, { eligibility: "NEAR_MISS" }];
    let compared = 0;
    for (const minimum of STAGE_ORDER) {
      for (const filter of filters) {
        const expected = rankSuppliers(need(minimum), list, { first: 1_000_000, filter });
        const result = scan(columns, compileQuery(columns, need(minimum), { filter, k: 1000, count: true }));
        expect(result.count, `${minimum} ${JSON.stringify(filter)}`).toBe(expected.totalCount);
        const got = result.rows.map((row, i) => ({ id: list[row]!.id, total: result.totals[i] }))
          .sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1));
        expect(got).toEqual(expected.results.map((m) => ({ id: m.supplierId, total: m.total })));
        compared += got.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("schema.prisma declares MaturityStage in the domain's order, so PostgreSQL sorts and compares the column the same way", () => {
    const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const block = /^enum MaturityStage \{([^}]*)\}/m.exec(schema);
    expect(block).not.toBeNull();
    const declared = block![1]!.split("\n").map((line) => line.replace(/\/\/.*$/, "").trim()).filter(Boolean);
    expect(declared).toEqual([...STAGE_ORDER]);
  });

  it("schema.prisma declares every enum with the domain's values in the domain's order", async () => {
    const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const domain = await vi.importActual<Record<string, unknown>>("../../src/domain/enums.js");
    const declared = new Map(
      [...schema.matchAll(/^enum (\w+) \{([^}]*)\}/gm)].map((m) => [m[1]!, m[2]!.split("\n").map((l) => l.replace(/\/\/.*$/, "").trim()).filter(Boolean)]),
    );
    const names = Object.keys(domain).sort();
    expect(names).toEqual([...declared.keys()].sort());
    for (const name of names) expect(Object.values(domain[name] as Record<string, string>), name).toEqual(declared.get(name));
  });
});
