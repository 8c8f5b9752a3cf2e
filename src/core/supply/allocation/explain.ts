/** The answer: loads, each need's assignments and cluster, and why its uncovered units are uncovered. */
import type { Process, QuantityUnit } from "../../../domain/enums.js";
import { processesText } from "../../matching/taxonomy.js";
import { CLUSTER_KIND_ORDER, type ClusterRef } from "../clusters.js";
import { type Candidate, type Prepared, type PreparedNeed, type Units, cmp, needObjective, standaloneMax } from "./prepare.js";
import type { Allocation, AllocationRules, Assignment, IkmLoad, NeedAllocation, Shortfall, ShortfallReason } from "./types.js";

const fmt = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

export interface Verdict {
  status: string;
  provenOptimal: boolean;
  solverObjective: number | null;
}

export function result(pr: Prepared, units: Units, method: Allocation["method"], verdict: Verdict, model: Allocation["model"]): Allocation {
  const { rules } = pr;
  const use = capacityUse(pr, units);
  const loads = loadsOf(pr, use);
  let objective = 0;
  let totalScore = 0;
  let coverageSum = 0;
  const needs: NeedAllocation[] = pr.needs.map((p, n) => {
    const need = needAllocation(pr, p, units[n], use);
    objective += needObjective(p, units[n], rules);
    totalScore += need.scoreCoverage;
    coverageSum += need.covered / p.quantity;
    return need;
  });

  return {
    method,
    status: verdict.status,
    provenOptimal: verdict.provenOptimal,
    objective,
    solverObjective: verdict.solverObjective,
    totalScore,
    coverage: pr.needs.length ? coverageSum / pr.needs.length : 1,
    needs,
    loads,
    model,
  };
}

/** What the answer uses of each IKM's capacity, and which needs use it. */
interface CapacityUse {
  /** By IKM index, then capacity key: units allocated. */
  allocated: Map<number, Map<string, number>>;
  /** By `${ikm}|${capacity key}`: the needs given units there. */
  usersOf: Map<string, Set<string>>;
}

function capacityUse(pr: Prepared, units: Units): CapacityUse {
  const allocated = new Map<number, Map<string, number>>();
  const usersOf = new Map<string, Set<string>>();
  pr.needs.forEach((p, n) => {
    p.candidates.forEach((c, k) => {
      const u = units[n][k];
      if (u <= 0) return;
      let m = allocated.get(c.ikm);
      if (!m) allocated.set(c.ikm, (m = new Map()));
      for (const key of p.keys) {
        m.set(key, (m.get(key) ?? 0) + u);
        const at = `${c.ikm}|${key}`;
        let users = usersOf.get(at);
        if (!users) usersOf.set(at, (users = new Set()));
        users.add(p.need.id);
      }
    });
  });
  return { allocated, usersOf };
}

/** Units an IKM has left in a capacity key after the answer. */
const leftAfter = (pr: Prepared, use: CapacityUse, ikm: number, key: string): number =>
  (pr.free[ikm].get(key) ?? 0) - (use.allocated.get(ikm)?.get(key) ?? 0);

function loadsOf(pr: Prepared, use: CapacityUse): IkmLoad[] {
  const loads: IkmLoad[] = [];
  for (const ikm of [...use.allocated.keys()].sort((a, b) => a - b)) {
    for (const [key, used] of [...use.allocated.get(ikm)!.entries()].sort((a, b) => cmp(a[0], b[0]))) {
      const freeUnits = pr.free[ikm].get(key) ?? 0;
      // An invariant of both methods, checked because the answer commits real capacity.
      if (used > freeUnits) throw new Error(`allocation exceeds the free capacity of ${pr.ikmIds[ikm]} in ${key}: ${used} > ${freeUnits}`);
      const [process, unit] = key.split("|") as [Process, QuantityUnit];
      loads.push({ ikmId: pr.ikmIds[ikm], process, unit, free: freeUnits, allocated: used });
    }
  }
  return loads;
}

/** One need's part of the answer; `row` holds its units from each candidate. */
function needAllocation(pr: Prepared, p: PreparedNeed, row: readonly number[], use: CapacityUse): NeedAllocation {
  const assignments: Assignment[] = [];
  const members: Candidate[] = [];
  p.candidates.forEach((c, k) => {
    if (row[k] > 0) {
      assignments.push({ ikmId: c.ikmId, units: row[k], score: c.score });
      members.push(c);
    }
  });
  assignments.sort((a, b) => b.units - a.units || cmp(a.ikmId, b.ikmId));
  const covered = assignments.reduce((s, a) => s + a.units, 0);
  if (covered > p.quantity) throw new Error(`allocation covers ${covered} of need ${p.need.id}, which asks for ${p.quantity}`);
  const scoreCoverage = assignments.reduce((s, a) => s + a.score * a.units, 0) / p.quantity;
  return {
    needId: p.need.id,
    quantity: p.quantity,
    unit: p.need.unit,
    assignments,
    cluster: sharedCluster(pr, members),
    covered,
    uncovered: p.quantity - covered,
    scoreCoverage,
    eligibleIkms: p.eligibleTotal,
    candidates: p.candidates.length,
    shortfalls: shortfalls(p, covered, competitors(pr, p, use), pr.rules),
  };
}

/** The cluster a consortium's members all share (koperasi, then sentra, then foundation, then id); null for fewer than two. */
function sharedCluster(pr: Prepared, members: readonly Candidate[]): ClusterRef | null {
  if (members.length < 2) return null;
  const shared = members.slice(1).reduce((acc, m) => acc.filter((k) => m.clusters.includes(k)), members[0].clusters);
  const refs = shared.map((k) => pr.clusters.get(k)!);
  refs.sort((a, b) => CLUSTER_KIND_ORDER.indexOf(a.kind) - CLUSTER_KIND_ORDER.indexOf(b.kind) || cmp(a.id, b.id));
  return refs[0] ?? null;
}

/**
 * Competitors, by id: other needs that took capacity, in a process and unit this need uses, at a
 * candidate left with less than this need's minimum share of it. Others using a candidate in
 * another process, or where enough is left, did not keep this need from its units.
 */
function competitors(pr: Prepared, p: PreparedNeed, use: CapacityUse): string[] {
  const out = new Set<string>();
  for (const c of p.candidates) {
    for (const key of p.keys) {
      if (leftAfter(pr, use, c.ikm, key) >= p.minimum) continue;
      for (const id of use.usersOf.get(`${c.ikm}|${key}`) ?? []) if (id !== p.need.id) out.add(id);
    }
  }
  return [...out].sort(cmp);
}

function shortfalls(p: PreparedNeed, covered: number, competitors: string[], rules: AllocationRules): Shortfall[] {
  const q = p.quantity;
  const unit = p.need.unit;
  const out: Shortfall[] = [];
  const add = (reason: ShortfallReason, units: number, message: string, needIds: string[] = []) => {
    if (units > 0) out.push({ reason, units, message, needIds });
  };
  if (covered >= q) return out;
  if (p.eligibleTotal === 0) {
    add("NO_ELIGIBLE_IKM", q, "no IKM meets the need's hard requirements (processes, certificates, stage, radius)");
    return out;
  }
  const processes = processesText(p.need, ", ");
  // Only the best of the eligible IKMs were given: what those cannot reach, the others might.
  const partial = p.eligibleTotal > p.eligible;
  const considered = `only the best ${p.eligible} of the ${p.eligibleTotal} eligible IKMs were considered`;
  if (p.usable.length === 0 && partial) {
    add(
      "NOT_CONSIDERED",
      q,
      p.eligible === 0
        ? `none of the ${p.eligibleTotal} eligible IKMs was among those considered`
        : `${considered}, and none of them has ${fmt(p.minimum)} ${unit}/month (the minimum share) free in ${processes}; the others might`,
    );
    return out;
  }
  if (p.usable.length === 0) {
    add(
      "NO_FREE_CAPACITY",
      q,
      `none of the ${p.eligible} eligible IKMs has ${fmt(p.minimum)} ${unit}/month (the minimum share) free in ${processes}` +
        (p.belowMinimum ? `; ${p.belowMinimum} have less free` : "") +
        "; their capacity is committed under partnerships or stated in another unit",
    );
    return out;
  }
  const total = Math.min(q, p.usable.reduce((s, c) => s + c.upper, 0));
  const alone = standaloneMax(p, p.usable, rules);
  const aloneCandidates = p.candidates.length === p.usable.length ? alone : standaloneMax(p, p.candidates, rules);
  if (partial) {
    add(
      "NOT_CONSIDERED",
      q - aloneCandidates,
      `${considered}` +
        (alone > aloneCandidates ? `, and of those the best ${rules.candidatesPerNeed} candidates entered the model` : "") +
        `; they can reach ${fmt(aloneCandidates)} of ${fmt(q)} ${unit}/month, the others might reach more`,
    );
  } else {
    add("CAPACITY_SHORT", q - total, `the ${p.usable.length} eligible IKMs with free capacity have ${fmt(total)} of ${fmt(q)} ${unit}/month free together`);
    add(
      "CONSORTIUM_RULES",
      total - alone,
      `at most ${fmt(alone)} ${unit}/month can be reached by one IKM or a consortium of at most ${rules.maxMembers}` +
        (rules.consortiaWithinCluster ? " members of one cluster" : " members") +
        `, each taking at least ${fmt(p.minimum)}`,
    );
    add("NOT_CONSIDERED", alone - aloneCandidates, `IKMs beyond the best ${rules.candidatesPerNeed} candidates could have covered these`);
  }
  const rest = aloneCandidates - covered;
  if (competitors.length) {
    add(
      "TAKEN_BY_OTHER_NEEDS",
      rest,
      `this need's candidates could have covered it alone; ${competitors.length} other need(s) took the capacity they lack in ${processes}`,
      competitors,
    );
  } else {
    add("LEFT_UNALLOCATED", rest, "capacity was free and no other need took it, but the method did not allocate it");
  }
  return out;
}
