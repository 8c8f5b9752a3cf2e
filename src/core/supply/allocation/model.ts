/** The allocation MIP as CPLEX LP text (the model of ../allocation.ts's header). */
import { type Prepared, type PreparedNeed, cmp, consortiumGroups } from "./prepare.js";
import type { AllocationRules } from "./types.js";

/** A number as CPLEX LP text: JavaScript's shortest round-trip form, which HiGHS reads (1.5e-7 included). */
const num = (v: number): string => String(v);

/** A linear expression, one term per line (LP format allows continuation lines); "0" when empty. */
function expr(terms: ReadonlyArray<readonly [number, string]>): string {
  const parts: string[] = [];
  for (const [coef, name] of terms) {
    if (coef === 0) continue;
    const abs = Math.abs(coef);
    const term = abs === 1 ? name : `${num(abs)} ${name}`;
    parts.push(parts.length ? `${coef < 0 ? "-" : "+"} ${term}` : coef < 0 ? `- ${term}` : term);
  }
  return parts.length ? parts.join("\n  ") : "0";
}

export interface Model {
  lp: string;
  size: { columns: number; binaries: number; rows: number };
  /** Per prepared need (of the component) and candidate: the columns whose values sum to its units. */
  unitColumns: Map<number, string[][]>;
}

/**
 * The MIP of ../allocation.ts's header for the needs of one component, as CPLEX LP text, with the
 * maxMembers rows only for the needs in `limited`. Columns: x{n}_{g}_{k} and y{n}_{g}_{k} for need
 * n, mode g (0 is solo) and candidate k; w{n}_{g} for the group modes.
 */
export function buildModel(pr: Prepared, component: readonly number[], limited: ReadonlySet<number>): Model {
  const { rules } = pr;
  const objective: Array<[number, string]> = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  let columns = 0;
  /** Per IKM and capacity key: the terms using it and the most they can add up to (their bounds). */
  const capacityRows = new Map<string, { ikm: number; key: string; terms: Array<[number, string]>; most: number }>();
  const row = (name: string, terms: ReadonlyArray<readonly [number, string]>, sense: "<=" | ">=", rhs: number) => {
    rows.push(` ${name}: ${expr(terms)} ${sense} ${num(rhs)}`);
  };
  const unitColumns = new Map<number, string[][]>();

  for (const n of component) {
    const p = pr.needs[n];
    const unitCols: string[][] = p.candidates.map(() => []);
    unitColumns.set(n, unitCols);
    const groups = consortiumGroups(p.candidates, rules);
    const grouped = new Set(groups.flat());
    const modes = [p.candidates.map((_, k) => k).filter((k) => !grouped.has(k)), ...groups];
    const choice: Array<[number, string]> = [];
    modes.forEach((members, g) => {
      const xs = members.map((k) => `x${n}_${g}_${k}`);
      const ys = members.map((k) => `y${n}_${g}_${k}`);
      members.forEach((k, j) => {
        const c = p.candidates[k];
        objective.push([(rules.coverageReward + c.score) / p.quantity, xs[j]]);
        bounds.push(` 0 <= ${xs[j]} <= ${c.upper}`);
        binaries.push(ys[j]);
        columns += 2;
        unitCols[k].push(xs[j]);
        row(`hi${n}_${g}_${k}`, [[1, xs[j]], [-c.upper, ys[j]]], "<=", 0);
        if (p.minimum > 1) row(`lo${n}_${g}_${k}`, [[1, xs[j]], [-p.minimum, ys[j]]], ">=", 0);
        for (const key of p.keys) {
          const ck = `${c.ikm}|${key}`;
          let cap = capacityRows.get(ck);
          if (!cap) capacityRows.set(ck, (cap = { ikm: c.ikm, key, terms: [], most: 0 }));
          cap.terms.push([1, xs[j]]);
          cap.most += c.upper;
        }
      });
      if (g === 0) {
        for (const y of ys) choice.push([1, y]);
        return;
      }
      // Up to maxMembers members, covering at most the quantity, only when the mode is chosen.
      // Members beyond the first cost perMemberCost: each member costs it and w gives one back.
      const w = `w${n}_${g}`;
      choice.push([1, w]);
      binaries.push(w);
      columns++;
      objective.push([rules.perMemberCost, w], ...ys.map((y) => [-rules.perMemberCost, y] as [number, string]));
      row(`q${n}_${g}`, [...xs.map((x) => [1, x] as const), [-p.quantity, w]], "<=", 0);
      if (limited.has(n)) row(`most${n}_${g}`, [...ys.map((y) => [1, y] as const), [-rules.maxMembers, w]], "<=", 0);
    });
    if (choice.length) row(`mode${n}`, choice, "<=", 1);
  }

  for (const [ck, { ikm, key, terms, most }] of [...capacityRows.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    const cap = pr.free[ikm].get(key) ?? 0;
    // A row that cannot bind (the variables' bounds already keep it within capacity) is left out.
    if (most > cap) row(`cap${ck.replace(/\|/g, "_")}`, terms, "<=", cap);
  }

  const lp = [
    "Maximize",
    ` obj: ${expr(objective)}`,
    "Subject To",
    ...rows,
    "Bounds",
    ...bounds,
    ...(binaries.length ? ["Binary", ` ${binaries.join(" ")}`] : []),
    "End",
  ].join("\n");
  return { lp, unitColumns, size: { columns, binaries: binaries.length, rows: rows.length } };
}

/**
 * Whether a need may want more than maxMembers members: some group has more candidates than that
 * and its maxMembers largest cannot cover the quantity. Such needs get their maxMembers rows from
 * the first solve, which saves the second solve they would otherwise force.
 */
export function mayWantMoreMembers(p: PreparedNeed, rules: AllocationRules): boolean {
  return consortiumGroups(p.candidates, rules).some((g) => {
    if (g.length <= rules.maxMembers) return false;
    const top = g.map((k) => p.candidates[k].upper).sort((a, b) => b - a).slice(0, rules.maxMembers);
    return top.reduce((s, u) => s + u, 0) < p.quantity;
  });
}
