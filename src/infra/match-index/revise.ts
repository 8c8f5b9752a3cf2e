/**
 * What a change to a few IKMs does to the answers the match index remembers (answers.ts), so that
 * a profile edited somewhere in the country does not make every buyer's next page scan again.
 *
 * A ranking is remembered with the row ranked right after its page (`following`): its rows are
 * then the best `first + 1` after the cursor. A changed IKM reaches it only if its old version
 * was among them (its id is there) or its new version would be (it passes the filter, ranks after
 * the cursor and before `following`, or there is no `following`). Otherwise the old version ranked
 * below every one of them (or did not pass) and so does the new one, and a scan would give the
 * same page: the answer is kept. A reached ranking is forgotten.
 *
 * A count is corrected instead: minus the old versions that passed, plus the new ones that pass.
 * The new versions (and the old ones that were in the overlay) are tested by the engine over
 * columns of their own, the old ones in the columns by the scan's own test on their rows (engine.ts,
 * countsRow): the engine gives the pure scorer's answers bit for bit (test/unit/engine.test.ts), as
 * the overlay does, so the corrected count and the kept ranking are the ones a scan would give.
 */
import { type Columns, findRow, processMaskOf, wordsUuid } from "../../core/matching/index/columns.js";
import { type CompiledQuery, type ScanResult, compileQuery, countsRow, scan } from "../../core/matching/index/engine.js";
import { type MatchFilter, type RankCursor, rankedBefore } from "../../core/matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../../core/matching/types.js";
import { FORGET, type Revise } from "./answers.js";
import type { RankedIds } from "./ranked.js";
import { columnsOf } from "./overlay.js";

/** A question the index answers, as remembered (its JSON is the key). */
export type Question =
  | { kind: "rank"; need: NeedProfile; first: number; after: RankCursor | null; filter: MatchFilter }
  | { kind: "count"; need: NeedProfile; filter: MatchFilter };

/** What the index looks like just before it applies the change (columns not yet marked, overlay not yet replaced). */
export interface Before {
  columns: Columns;
  overlay: Pick<ReadonlyMap<string, SupplierProfile | null>, "has" | "get">;
  familyIndex: Map<string, number>;
  clusterIndex: Map<string, number>;
}

/**
 * How each remembered answer fares when the IKMs in `changed` take their new profiles (null:
 * deleted); null when more than `budget` (answer, changed IKM) pairs would need checking, so that
 * the caller forgets every answer instead of holding the event loop. Only IKMs working one of a need's
 * processes, before or after the change, can pass it (eligible ones work all of them, near misses
 * at least one: the engine's candidate lists), so the others cost a bit test per answer.
 */
export function reviseFor(before: Before, changed: ReadonlyMap<string, SupplierProfile | null>, questions: Iterable<Question>, budget: number): Revise<Question> | null {
  const { columns, overlay } = before;
  const { reach, anyReach } = reachOf(before, changed);
  const needMasks = new Map<NeedProfile, number>();
  const needMask = (need: NeedProfile): number => {
    let mask = needMasks.get(need);
    if (mask === undefined) needMasks.set(need, (mask = processMaskOf(need.processes)));
    return mask;
  };
  let pairs = 0;
  for (const q of questions) for (const { mask } of reach.values()) if (mask & needMask(q.need)) pairs++;
  if (pairs > budget) return null;

  // The new versions, and the old ones in the overlay, as columns of their own: the engine tests
  // them exactly as a scan would (bit for bit the pure scorer), at a fraction of its cost.
  const fresh = columnsOf([...changed.values()]);
  const replaced = columnsOf([...changed.keys()].map((id) => overlay.get(id) ?? null));
  /** The rows of `c` passing the need and filter (count), and those after the cursor, best first (k of them at most). */
  const passing = (c: Columns, need: NeedProfile, filter: MatchFilter, k = 0, after: RankCursor | null = null): ScanResult =>
    c.n === 0 ? { rows: [], totals: [], count: 0 } : scan(c, compileQuery(c, need, { filter, after, k, count: true }));

  const reviseRank = (q: Extract<Question, { kind: "rank" }>, answer: RankedIds): RankedIds | typeof FORGET => {
    const following = answer.following;
    for (const row of answer.ranked) if (changed.has(row.id)) return FORGET;
    if (following && changed.has(following.id)) return FORGET;
    if (!(anyReach & needMask(q.need))) return answer;
    // The new versions that pass, after the cursor: one before `following` (or any, without one) enters.
    const entering = passing(fresh, q.need, q.filter, fresh.n, q.after);
    for (let i = 0; i < entering.rows.length; i++) {
      const id = wordsUuid(fresh.ids, entering.rows[i] * 4);
      if (!following || rankedBefore(entering.totals[i], id, following.total, following.id)) return FORGET;
    }
    return answer;
  };

  const reviseCount = (q: Extract<Question, { kind: "count" }>, count: number): number => {
    if (!(anyReach & needMask(q.need))) return count;
    let delta = passing(fresh, q.need, q.filter).count - passing(replaced, q.need, q.filter).count;
    let compiled: CompiledQuery | null = null;
    for (const { row, mask } of reach.values()) {
      if (row < 0 || !(mask & needMask(q.need))) continue;
      compiled ??= compileQuery(columns, q.need, { filter: q.filter, k: 0, count: true, familyIndex: before.familyIndex, clusterIndex: before.clusterIndex });
      if (countsRow(columns, compiled, row)) delta--;
    }
    return delta === 0 ? count : count + delta;
  };

  return (question, answer) =>
    question.kind === "rank" ? reviseRank(question, answer as RankedIds) : reviseCount(question, answer as number);
}

/** Per changed IKM: its live row in the columns (-1: none, or replaced by the overlay), and the processes of its old and new versions; and all those processes. */
function reachOf({ columns, overlay }: Before, changed: ReadonlyMap<string, SupplierProfile | null>) {
  const profileMask = (profile: SupplierProfile | null | undefined) => (profile ? processMaskOf(profile.capabilities.map((c) => c.process)) : 0);
  const reach = new Map<string, { row: number; mask: number }>();
  let anyReach = 0;
  for (const [id, profile] of changed) {
    const found = overlay.has(id) ? -1 : findRow(columns, id);
    const row = found >= 0 && !columns.dead[found] ? found : -1;
    const mask = profileMask(profile) | profileMask(overlay.get(id)) | (row >= 0 ? columns.processMask[row] : 0);
    reach.set(id, { row, mask });
    anyReach |= mask;
  }
  return { reach, anyReach };
}
