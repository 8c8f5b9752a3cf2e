/**
 * The match index's overlay (src/infra/match-index/overlay.ts): its folded columns and its recent
 * changes together answer exactly like the pure scorer over the overlay's profiles as they are now,
 * before, during and after folds, with IKMs edited, replaced, deleted and added between them.
 */
import { describe, expect, it } from "vitest";
import { rng } from "../../prisma/seed/random.js";
import { type MatchFilter, rankSuppliers } from "../../src/core/matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../../src/core/matching/types.js";
import { Overlay } from "../../src/infra/match-index/overlay.js";
import { FILTERS, needs, population } from "../helpers/population.js";

/** What the overlay must answer: the pure scorer over `now`, the best `k` after the cursor, and the count. */
function expected(now: Map<string, SupplierProfile | null>, need: NeedProfile, filter: MatchFilter, k: number, after: { total: number; id: string } | null) {
  const all = rankSuppliers(need, [...now.values()].filter((p) => p !== null), { first: 1_000_000, filter });
  const rows = all.results
    .map((r) => ({ id: r.supplierId, total: r.total }))
    .filter((r) => !after || r.total < after.total || (r.total === after.total && r.id > after.id));
  return { top: rows.slice(0, k), count: all.totalCount };
}

/** The overlay's answer cut like mergeRanked cuts it. */
function answered(overlay: Overlay, need: NeedProfile, filter: MatchFilter, k: number, after: { total: number; id: string } | null) {
  const top = overlay.matches(need, filter, k, after)
    .sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1))
    .slice(0, k);
  return { top, count: overlay.count(need, filter) };
}

describe("the overlay", () => {
  it("answers like the pure scorer over its profiles, before, during and after folds", async () => {
    const r = rng(41);
    const pool = population(19, 600);
    const overlay = new Overlay(8, undefined, 16); // folds often, in slices of 16 profiles
    const now = new Map<string, SupplierProfile | null>();
    const asked = needs(5).slice(0, 6);
    const filters = FILTERS.slice(0, 5);
    let checks = 0;
    let foldingChecks = 0;
    const check = () => {
      const need = asked[Math.floor(r() * asked.length)];
      const filter = filters[Math.floor(r() * filters.length)];
      const first = expected(now, need, filter, 6, null);
      const after = first.top.length && r() < 0.5 ? first.top[first.top.length - 1] : null;
      expect(answered(overlay, need, filter, 6, after), `${JSON.stringify(filter)} after ${JSON.stringify(after)}`).toEqual(expected(now, need, filter, 6, after));
      checks++;
      if (overlay.stats().folding) foldingChecks++;
    };
    const ids = pool.slice(0, 300).map((p) => p.id);
    for (let step = 0; step < 500; step++) {
      const id = ids[Math.floor(r() * ids.length)];
      const roll = r();
      // A new version (another supplier's profile under this id), a deletion, or the IKM as it was.
      const profile = roll < 0.15 ? null : roll < 0.85 ? { ...pool[Math.floor(r() * pool.length)], id } : (now.get(id) ?? null);
      overlay.set(id, profile);
      now.set(id, profile);
      check();
      // Now and then let a fold progress (or finish) between changes and questions.
      if (r() < 0.1) await new Promise((resolve) => setImmediate(resolve));
      if (r() < 0.02) await overlay.settled();
    }
    await overlay.settled();
    for (let i = 0; i < 20; i++) check();
    expect(checks).toBe(520);
    expect(overlay.stats().folds).toBeGreaterThan(5);
    expect(foldingChecks).toBeGreaterThan(20); // questions answered while a fold was running
    expect(overlay.size).toBe(now.size);
  }, 120_000);

  it("folds when its recent changes outgrow the bound, and keeps answering while a fold runs", async () => {
    const pool = population(23, 200);
    const overlay = new Overlay(4, undefined, 2);
    const need = needs(5)[0];
    const now = new Map<string, SupplierProfile | null>();
    for (const p of pool.slice(0, 40)) {
      overlay.set(p.id, p);
      now.set(p.id, p);
    }
    // A fold began at the fifth change and runs in slices of 2: answers meanwhile are still exact.
    expect(overlay.stats()).toMatchObject({ folding: true, folds: 0 });
    expect(answered(overlay, need, {}, 10, null)).toEqual(expected(now, need, {}, 10, null));
    overlay.set(pool[0].id, null); // deleted while the fold runs: dead in it when it lands
    now.set(pool[0].id, null);
    await overlay.settled();
    // The changes that arrived during the first fold were many: a second fold took them in.
    expect(overlay.stats()).toMatchObject({ folds: 2, folding: false, recent: 0 });
    expect(answered(overlay, need, {}, 10, null)).toEqual(expected(now, need, {}, 10, null));
    expect(overlay.size).toBe(40);
  });

  it("reports a fold that fails once, and stops folding rather than failing again and again", async () => {
    const pool = population(29, 40);
    const errors: unknown[] = [];
    const overlay = new Overlay(4, (error) => errors.push(error), 2);
    // A profile the column builder cannot read (no certificate list).
    const broken = { ...pool[0], certifications: undefined } as unknown as SupplierProfile;
    overlay.set(broken.id, broken);
    for (const p of pool.slice(1, 30)) overlay.set(p.id, p);
    await overlay.settled();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TypeError);
    for (const p of pool.slice(30)) overlay.set(p.id, p);
    await overlay.settled();
    expect(errors).toHaveLength(1);
    expect(overlay.stats()).toMatchObject({ folds: 0, folding: false, recent: pool.length });
  });
});
