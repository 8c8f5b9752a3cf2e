import { describe, expect, it } from "vitest";
import { ColumnBuilder, findRow, markDead } from "../../src/core/matching/index/columns.js";
import { compileQuery, countsRow, scan } from "../../src/core/matching/index/engine.js";
import { rankSuppliers } from "../../src/core/matching/scorer.js";
import { worsening } from "../../src/core/matching/recency.js";
import { FILTERS, needs, population } from "../helpers/population.js";

describe("the column engine ranks exactly like the pure scorer", () => {
  const suppliers = population(7, 500);
  const builder = new ColumnBuilder(16);
  for (const s of suppliers) builder.append(s);
  const columns = builder.finish();
  const idOf = (row: number) => suppliers[row].id;

  it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))("filter %s: same ids, same totals bit for bit, every page", (_label, filter) => {
    let compared = 0;
    for (const need of needs(11)) {
      const expected = rankSuppliers(need, suppliers, { first: 1_000_000, filter });
      // Counting or not (rows that cannot make the list are skipped early when not counting).
      for (const [k, parts, count] of [[7, 1, true], [20, 2, false], [3, 3, false], [1, 1, true]] as const) {
        // Walk page by page (cursor = last total and id), merging the parts like the worker pool does.
        const seen: Array<{ id: string; total: number }> = [];
        let after: { total: number; id: string } | null = null;
        for (let guard = 0; guard < 2000; guard++) {
          const q = compileQuery(columns, need, { filter, after, k, count });
          const results = Array.from({ length: parts }, (_, p) => scan(columns, q, p, parts));
          const merged = results.flatMap((r) => r.rows.map((row, i) => ({ id: idOf(row), total: r.totals[i] })))
            .sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1)).slice(0, k);
          if (count) expect(results.reduce((s, r) => s + r.count, 0)).toBe(expected.totalCount);
          seen.push(...merged);
          if (merged.length < k) break;
          after = merged[merged.length - 1];
        }
        expect(seen).toEqual(expected.results.map((r) => ({ id: r.supplierId, total: r.total })));
        compared += seen.length;
      }
      // Count only (k = 0), split over two parts like the worker pool.
      const countOnly = compileQuery(columns, need, { filter, k: 0, count: true });
      expect(scan(columns, countOnly, 0, 2).count + scan(columns, countOnly, 1, 2).count).toBe(expected.totalCount);
      // Row by row (what a change takes away from a remembered count): exactly the rows counted.
      const counted = new Set(expected.results.map((r) => r.supplierId));
      for (let row = 0; row < columns.n; row++) expect(countsRow(columns, countOnly, row), idOf(row)).toBe(counted.has(idOf(row)));
    }
    if (!filter.sentraId && !filter.koperasiId && !filter.foundationId) expect(compared).toBeGreaterThan(100);
  }, 120_000);

  it("the population has improving, worsening and steady records, and worsening ones are capped alike", () => {
    const trends = new Set(suppliers.flatMap((s) => (s.delivery.recency ? [s.delivery.recency.rejectTrend, s.delivery.recency.onTimeTrend] : [])));
    expect([...trends].sort()).toEqual(["IMPROVING", "STEADY", "TOO_LITTLE_DATA", "WORSENING"]);
    const worse = suppliers.filter((s) => worsening(s.delivery.recency));
    expect(worse.length).toBeGreaterThan(20);
    for (const need of needs(11)) {
      for (const r of rankSuppliers(need, suppliers, { first: 1_000_000 }).results) {
        if (worsening(suppliers.find((s) => s.id === r.supplierId)?.delivery.recency)) {
          expect(r.capped).toBe(true);
          expect(r.total).toBeLessThan(80);
          expect(r.gaps.some((g) => g.kind === "TREND")).toBe(true);
        }
      }
    }
  });

  it("finds rows by id and skips rows marked dead", () => {
    const need = needs(11).find((n) => rankSuppliers(n, suppliers, { first: 1 }).results.length)!;
    const best = rankSuppliers(need, suppliers, { first: 2 }).results;
    const row = findRow(columns, best[0].supplierId);
    expect(suppliers[row].id).toBe(best[0].supplierId);
    expect(findRow(columns, "ffffffff-ffff-4fff-8fff-ffffffffffff")).toBe(-1);
    markDead(columns, row);
    expect(columns.deadCount[0]).toBe(1);
    const r = scan(columns, compileQuery(columns, need, { k: 1 }));
    columns.dead[row] = 0;
    columns.deadCount[0] = 0;
    expect(r.rows.map(idOf)).toEqual(best.length > 1 ? [best[1].supplierId] : []);
  });
});
