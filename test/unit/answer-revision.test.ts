/**
 * Remembered answers revised by changes (src/infra/match-index/revise.ts with answers.ts): after
 * random changes to a random population (edits, copies of other suppliers, deletions, new IKMs,
 * the same IKM changed again), every answer still remembered is the one the pure scorer gives over
 * the population as it now is, and most answers were kept or corrected rather than forgotten.
 */
import { describe, expect, it } from "vitest";
import { rng } from "../../prisma/seed/random.js";
import { type Columns, ColumnBuilder, findRow, markDead } from "../../src/core/matching/index/columns.js";
import { type MatchFilter, rankSuppliers } from "../../src/core/matching/scorer.js";
import type { SupplierProfile } from "../../src/core/matching/types.js";
import { RememberedAnswers } from "../../src/infra/match-index/answers.js";
import type { RankedIds } from "../../src/infra/match-index/ranked.js";
import { type Question, reviseFor } from "../../src/infra/match-index/revise.js";
import { FILTERS, needs, population } from "../helpers/population.js";

/** The index's state as the tests keep it: columns loaded once, an overlay of changed IKMs, and the truth. */
class Population {
  readonly columns: Columns;
  readonly overlay = new Map<string, SupplierProfile | null>();
  readonly now = new Map<string, SupplierProfile>();
  readonly familyIndex: Map<string, number>;
  readonly clusterIndex: Map<string, number>;

  constructor(suppliers: SupplierProfile[]) {
    const builder = new ColumnBuilder(16);
    for (const s of suppliers) builder.append(s);
    this.columns = builder.finish();
    for (const s of suppliers) this.now.set(s.id, s);
    this.familyIndex = new Map(this.columns.families.map((f, i) => [f, i]));
    this.clusterIndex = new Map(this.columns.clusters.map((c, i) => [c, i]));
  }

  /** Rankings since the last change, by need and filter. */
  private ranked = new Map<string, ReturnType<typeof rankSuppliers>>();

  /** What a scan answers now: the pure scorer over every current profile. */
  answer(q: Question): RankedIds | number {
    const key = JSON.stringify([q.need, q.filter]);
    let all = this.ranked.get(key);
    if (!all) this.ranked.set(key, (all = rankSuppliers(q.need, [...this.now.values()], { first: 1_000_000, filter: q.filter })));
    if (q.kind === "count") return all.totalCount;
    const after = q.after;
    const rows = all.results
      .map((r) => ({ id: r.supplierId, total: r.total }))
      .filter((r) => !after || r.total < after.total || (r.total === after.total && r.id > after.id));
    return { ranked: rows.slice(0, q.first), hasNextPage: rows.length > q.first, following: rows[q.first] ?? null };
  }

  /** Applies a change the way MatchIndex.apply does, revising `answers` first. */
  change(answers: RememberedAnswers<Question>, changed: Map<string, SupplierProfile | null>, budget = Infinity): void {
    answers.changed(reviseFor(this, changed, answers.questions(), budget));
    this.ranked.clear();
    for (const [id, profile] of changed) {
      const row = findRow(this.columns, id);
      if (row >= 0) markDead(this.columns, row);
      this.overlay.set(id, profile);
      if (profile) this.now.set(id, profile);
      else this.now.delete(id);
    }
  }
}

const ROUNDS = 40;

describe("remembered answers after changes", () => {
  it("are kept, corrected or forgotten so that every answer remembered is a scan's, and most are not forgotten", async () => {
    const r = rng(29);
    const suppliers = population(13, 300);
    const world = new Population(suppliers);
    const pool = population(17, 200); // profiles changes copy
    const filters: MatchFilter[] = FILTERS.slice(0, 5);
    const questions: Question[] = [];
    for (const need of needs(5).slice(0, 6)) {
      for (const filter of filters) {
        questions.push({ kind: "count", need, filter });
        for (const first of [3, 10]) questions.push({ kind: "rank", need, first, after: null, filter });
        // A second page, from the first page's last row.
        const page = world.answer({ kind: "rank", need, first: 5, after: null, filter }) as RankedIds;
        const last = page.ranked.at(-1);
        if (last) questions.push({ kind: "rank", need, first: 5, after: { ...last }, filter });
      }
    }
    const answers = new RememberedAnswers<Question>(10_000);
    const askAll = async () => {
      for (const q of questions) expect(await answers.answer(q, async () => world.answer(q)), JSON.stringify(q)).toEqual(world.answer(q));
    };
    await askAll();
    const ids = suppliers.map((s) => s.id);
    let newIkms = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const changed = new Map<string, SupplierProfile | null>();
      for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
        const roll = r();
        if (roll < 0.1) {
          const id = `eeeeeeee-0000-4000-8000-${String(++newIkms).padStart(12, "0")}`;
          changed.set(id, { ...pool[Math.floor(r() * pool.length)], id });
          ids.push(id);
          continue;
        }
        const id = ids[Math.floor(r() * ids.length)];
        const old = world.now.get(id);
        if (roll < 0.2) changed.set(id, null);
        else if (roll < 0.6 || !old) changed.set(id, { ...pool[Math.floor(r() * pool.length)], id });
        else if (roll < 0.8) changed.set(id, { ...old, stage: "PEMULA" });
        else changed.set(id, { ...old, regionCode: "35.15", foundationIds: [] });
      }
      world.change(answers, changed);
      await askAll(); // every answer, remembered or scanned again, is a scan's
    }
    const { kept, updated, forgotten } = answers.counts;
    expect(kept + updated + forgotten).toBe(ROUNDS * questions.length);
    // Most answers survive a change of a few IKMs among 300, and counts are corrected, not forgotten.
    expect(kept + updated).toBeGreaterThan(forgotten * 2);
    expect(updated).toBeGreaterThan(20);
    expect(forgotten).toBeGreaterThan(20);
    expect(world.overlay.size).toBeGreaterThan(ROUNDS);
  }, 120_000);

  it("checks only answers whose need shares a process with a changed IKM, and forgets all beyond the budget", async () => {
    const suppliers = population(13, 300);
    const world = new Population(suppliers);
    const [casting, food] = (["CASTING", "FOOD"] as const).map((process) => ({ ...needs(5)[0], processes: [process], specificProcesses: [] }));
    const questions: Question[] = [casting, food].flatMap((need) => [
      { kind: "count" as const, need, filter: {} },
      { kind: "rank" as const, need, first: 10, after: null, filter: {} },
    ]);
    const answers = new RememberedAnswers<Question>(100);
    const askAll = async () => {
      for (const q of questions) expect(await answers.answer(q, async () => world.answer(q))).toEqual(world.answer(q));
    };
    await askAll();
    // A food maker (old and new versions) changes: the casting answers cost nothing to keep.
    const foodOnly = suppliers.find((s) => s.capabilities.length === 1 && s.capabilities[0].process === "FOOD")!;
    const pairs = (changed: Map<string, SupplierProfile | null>) => {
      const before = { ...answers.counts };
      world.change(answers, changed, 2); // two (answer, IKM) pairs to check at most: the food count and ranking
      return { kept: answers.counts.kept - before.kept, updated: answers.counts.updated - before.updated, forgotten: answers.counts.forgotten - before.forgotten };
    };
    const moved = pairs(new Map([[foodOnly.id, { ...foodOnly, regionCode: "35.15" }]]));
    expect(moved.forgotten + moved.updated + moved.kept).toBe(4);
    expect(moved.kept + moved.updated).toBeGreaterThanOrEqual(3); // the casting answers and the food count at least
    await askAll();
    // A caster that also makes food: four pairs, over the budget, so every answer is forgotten.
    const both = suppliers.find((s) => s.capabilities.some((c) => c.process === "FOOD") && s.capabilities.some((c) => c.process === "CASTING"))!;
    expect(pairs(new Map([[both.id, null]]))).toEqual({ kept: 0, updated: 0, forgotten: 4 });
    await askAll();
  });

  it("forgets every answer without a revision, and answers still scanning whatever the revision", async () => {
    const answers = new RememberedAnswers<string>(10);
    await answers.answer("a", async () => 1);
    answers.changed();
    let release!: (n: number) => void;
    const running = answers.answer("b", () => new Promise<number>((resolve) => (release = resolve)));
    await answers.answer("a", async () => 2);
    answers.changed(() => 99); // would replace every settled answer
    release(3);
    expect(await running).toBe(3);
    expect(await answers.answer("a", async () => 4)).toBe(99);
    expect(await answers.answer("b", async () => 5)).toBe(5); // the running scan was not kept
    expect(answers.counts).toMatchObject({ forgotten: 2, updated: 1 });
  });
});
