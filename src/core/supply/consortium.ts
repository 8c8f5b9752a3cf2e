/**
 * Joint supply (issue 7): when no single IKM can carry a need's monthly quantity, propose consortia:
 * members of ONE cluster (a sentra, a koperasi, or one foundation's mentees) that are each eligible
 * for the need and together cover the quantity. A koperasi-led consortium is how Koperasi Batur
 * Jaya (Ceper, Klaten) supplies cylinder sleeves to a Toyota tier-1: the koperasi takes the order
 * and splits it among member IKMs (README, Sources).
 *
 * Pure: no I/O, deterministic. Every number comes from CONSORTIUM in ./config.ts.
 *
 * Eligibility is the scorer's: every hard requirement (process, certificate valid on the start
 * date, minimum stage, radius) met. Capacity is not a hard requirement there (a shortfall is a
 * soft CAPACITY gap that costs points), so a member that makes only part of the quantity stays
 * eligible, which is the point of a consortium. Members are scored by the same scorer, with the
 * capacity factor taken as met (ConsortiumMember.score says why).
 *
 * Each member makes the whole part (all of the need's processes); a chain in which one IKM casts
 * and another machines is a different proposal, not made here.
 */
import type { Weights } from "../matching/config.js";
import { effectiveWeights, haversineKm, scoreMatch } from "../matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../matching/types.js";
import { bottleneck, minimumUnits } from "./capacity.js";
import { CLUSTER_KIND_ORDER, type ClusterKind, clustersOf } from "./clusters.js";
import { CONSORTIUM } from "./config.js";


export interface Candidate {
  profile: SupplierProfile;
  /**
   * Units a month, in the need's unit, the IKM can still take for this need after its existing
   * commitments: the caller's figure, normally capacityForNeed(need, profile) minus what is
   * committed. It is floored to whole units, negative counts as 0, and it is capped at
   * capacityForNeed, so a share never exceeds either.
   */
  freeCapacity: number;
}

interface ConsortiumMember {
  ikmId: string;
  /** Whole units a month this member makes. */
  share: number;
  /**
   * The member's scoreMatch total (0..100) for the need, with the capacity factor measured against
   * a share it can make (so at 100) rather than against the whole quantity. In a consortium the
   * split answers the capacity question (no share above free capacity); the factor would
   * otherwise mark every member down by construction, and reward capacity stated in the profile
   * but already committed elsewhere. Every other factor is the one the match ranking shows.
   */
  score: number;
  /** The free capacity used for the split (after flooring and capping, see Candidate). */
  freeCapacity: number;
}

export interface ConsortiumProposal {
  cluster: { kind: ClusterKind; id: string };
  /**
   * True when the cluster is a koperasi: the koperasi takes the order and splits it as `members`
   * say. Otherwise the buyer orders each share from its member (the sentra or foundation is a
   * grouping and a channel, not a party to the contract).
   */
  koperasiLed: boolean;
  /** Best score first (the order the quantity is filled in), ties by IKM id. */
  members: ConsortiumMember[];
  /** Sum of the shares: always the need's quantityPerMonth. */
  covered: number;
  /** Mean of the members' scores weighted by their shares. */
  combinedScore: number;
  /** The member with the lowest score (ties: the smallest IKM id): the link a buyer will audit first. */
  weakest: { ikmId: string; score: number };
  coordination: {
    members: number;
    /** Largest great-circle distance between two members, over members with coordinates; null when fewer than two have them. */
    spreadKm: number | null;
    /** CONSORTIUM.coordination: perMember per member beyond the first, plus the capped spread penalty. */
    cost: number;
  };
  /** combinedScore - coordination.cost: what proposals are ordered by. */
  rank: number;
  /**
   * True when the search finished, so no other member set of this cluster ranks higher; false
   * when it stopped at the search budget (CONSORTIUM.searchNodeBudget) and this is the best set
   * found until then.
   */
  optimal: boolean;
}

export interface ConsortiumOptions {
  /**
   * Propose consortia even when one eligible candidate could cover the quantity alone. Default
   * false: the rule, consortia only when no single IKM can.
   */
  evenWhenOneCovers?: boolean;
  /** The need's effective weights, when the caller has them already. */
  weights?: Weights;
  /** Subsets one cluster's search may visit; default CONSORTIUM.searchNodeBudget. */
  searchNodeBudget?: number;
}

/** The IKM's stated monthly capacity for the need, in the need's unit (the bottleneck rule of ./capacity.ts). */
export function capacityForNeed(need: Pick<NeedProfile, "processes" | "unit">, profile: Pick<SupplierProfile, "capabilities">): number {
  return bottleneck(need, profile.capabilities, (c) => c.monthlyCapacity);
}

/** The fewest units a member may take: CONSORTIUM.minShare of the quantity, rounded up to a whole unit. */
export function minimumShare(quantity: number): number {
  return minimumUnits(quantity, CONSORTIUM.minShare);
}

/**
 * Splits `quantity` whole units among members given best score first: each takes the minimum
 * share, then the rest goes to the best-scored member up to its capacity, then the next, and so
 * on. The combined score is the share-weighted mean of member scores, a linear function of the
 * shares, and this greedy fill maximises it under the bounds minimum <= share <= capacity and the
 * exact sum (an exchange argument: moving a unit from a better to a worse member never raises it).
 * Integer inputs give integer shares that sum exactly to `quantity`. Null when the members cannot
 * take it: capacities below the minimum, too little capacity together, or too many members for
 * each to take the minimum.
 */
export function splitShares(quantity: number, capacities: readonly number[], minimum = minimumShare(quantity)): number[] | null {
  if (capacities.length * minimum > quantity) return null;
  if (capacities.some((c) => c < minimum)) return null;
  const shares = capacities.map(() => minimum);
  let rest = quantity - capacities.length * minimum;
  for (let i = 0; i < capacities.length && rest > 0; i++) {
    const add = Math.min(rest, capacities[i] - minimum);
    shares[i] += add;
    rest -= add;
  }
  return rest === 0 ? shares : null;
}

/** Coordination cost of a member set: CONSORTIUM.coordination applied to its size and spread. */
export function coordinationCost(members: number, spreadKm: number | null): number {
  const c = CONSORTIUM.coordination;
  return c.perMember * (members - 1) + (spreadKm == null ? 0 : Math.min(c.maxSpreadPenalty, c.perKmSpread * spreadKm));
}

/**
 * Largest pairwise great-circle distance among the points with coordinates; null for fewer than
 * two. Members without coordinates add nothing to it, so they cost no spread penalty: a sentra is
 * one place by definition (PP 29/2018), but a foundation's mentees need not be.
 */
export function spreadKm(points: ReadonlyArray<Pick<SupplierProfile, "latitude" | "longitude">>): number | null {
  const located = points.filter((p) => p.latitude != null && p.longitude != null);
  if (located.length < 2) return null;
  let max = 0;
  for (let i = 0; i < located.length; i++) {
    for (let j = i + 1; j < located.length; j++) {
      max = Math.max(max, haversineKm(located[i].latitude!, located[i].longitude!, located[j].latitude!, located[j].longitude!));
    }
  }
  return max;
}

/** An eligible candidate that can take at least the minimum share, with what the search needs. */
export interface Usable {
  profile: SupplierProfile;
  score: number;
  capacity: number;
}

/** The candidates a consortium may draw on, and what was found on the way (consortium-reason.ts reads it too). */
export interface MemberPool {
  /** The fewest units a member may take. */
  minimum: number;
  /** Candidates meeting every hard requirement. */
  eligible: number;
  /** Some eligible candidate's free capacity covers the quantity alone. */
  oneCovers: boolean;
  /** Eligible candidates with at least the minimum share free, their score and usable capacity. */
  usable: Usable[];
}

/** Scores the candidates as members and keeps the eligible ones that can take at least the minimum share. */
export function memberPool(need: NeedProfile, candidates: readonly Candidate[], weights: Weights): MemberPool {
  const quantity = need.quantityPerMonth;
  const minimum = minimumShare(quantity);
  // Members are scored for a share they can make, not for the whole quantity: see ConsortiumMember.score.
  const asMember: NeedProfile = { ...need, quantityPerMonth: minimum };
  const seen = new Set<string>();
  const usable: Usable[] = [];
  let oneCovers = false;
  let eligible = 0;
  for (const { profile, freeCapacity } of candidates) {
    if (Number.isNaN(freeCapacity)) throw new RangeError(`freeCapacity of ${profile.id} is NaN`);
    if (seen.has(profile.id)) throw new RangeError(`candidate ${profile.id} is given twice`);
    seen.add(profile.id);
    const result = scoreMatch(asMember, profile, weights);
    if (!result.eligible) continue;
    eligible++;
    const capacity = Math.max(0, Math.min(Math.floor(freeCapacity), capacityForNeed(need, profile)));
    if (capacity >= quantity) oneCovers = true;
    if (capacity >= minimum) usable.push({ profile, score: result.total, capacity });
  }
  return { minimum, eligible, oneCovers, usable };
}

/** The usable candidates grouped by cluster (an IKM in several clusters is in each). */
export function clusterMembers(usable: readonly Usable[]): Map<string, { kind: ClusterKind; id: string; members: Usable[] }> {
  const clusters = new Map<string, { kind: ClusterKind; id: string; members: Usable[] }>();
  for (const u of usable) {
    for (const { kind, id } of clustersOf(u.profile)) {
      const key = `${kind}:${id}`;
      let cluster = clusters.get(key);
      if (!cluster) clusters.set(key, (cluster = { kind, id, members: [] }));
      cluster.members.push(u);
    }
  }
  return clusters;
}

/**
 * Proposes consortia for a need, best rank first: at most one per cluster (its best member set),
 * at most CONSORTIUM.proposals. Returns [] when one eligible candidate can cover the quantity
 * (unless options.evenWhenOneCovers) and when no cluster's eligible members can cover it with at
 * most CONSORTIUM.maxMembers members each taking at least CONSORTIUM.minShare.
 *
 * When two clusters' best sets are the same IKMs (a sentra whose members all belong to the same
 * koperasi, say) the set is proposed once, under the cluster that comes first: koperasi, then
 * sentra, then foundation, then cluster id. Equal ranks are ordered the same way.
 *
 * `need.quantityPerMonth` must be a positive whole number (units are pieces, sets, kg or tons).
 */
export function proposeConsortia(need: NeedProfile, candidates: readonly Candidate[], options: ConsortiumOptions = {}): ConsortiumProposal[] {
  const quantity = need.quantityPerMonth;
  if (!Number.isInteger(quantity) || quantity <= 0) throw new RangeError(`quantityPerMonth must be a positive whole number, got ${quantity}`);
  const { minimum, usable, oneCovers } = memberPool(need, candidates, options.weights ?? effectiveWeights(need));
  if (oneCovers && !options.evenWhenOneCovers) return [];
  const clusters = clusterMembers(usable);

  const proposals: ConsortiumProposal[] = [];
  for (const cluster of clusters.values()) {
    const best = bestMemberSet(cluster.members, quantity, minimum, options.searchNodeBudget ?? CONSORTIUM.searchNodeBudget);
    if (best) proposals.push(toProposal(cluster.kind, cluster.id, best.members, quantity, minimum, best.optimal));
  }
  proposals.sort(
    (a, b) =>
      b.rank - a.rank ||
      CLUSTER_KIND_ORDER.indexOf(a.cluster.kind) - CLUSTER_KIND_ORDER.indexOf(b.cluster.kind) ||
      (a.cluster.id < b.cluster.id ? -1 : a.cluster.id > b.cluster.id ? 1 : 0),
  );
  const out: ConsortiumProposal[] = [];
  const sets = new Set<string>();
  for (const p of proposals) {
    const key = p.members.map((m) => m.ikmId).sort().join(",");
    if (sets.has(key)) continue;
    sets.add(key);
    out.push(p);
    if (out.length === CONSORTIUM.proposals) break;
  }
  return out;
}

function toProposal(kind: ClusterKind, id: string, members: Usable[], quantity: number, minimum: number, optimal: boolean): ConsortiumProposal {
  const shares = splitShares(quantity, members.map((m) => m.capacity), minimum)!;
  let weighted = 0;
  for (let i = 0; i < members.length; i++) weighted += shares[i] * members[i].score;
  const combinedScore = weighted / quantity;
  let weakest = members[0];
  for (const m of members) if (m.score < weakest.score || (m.score === weakest.score && m.profile.id < weakest.profile.id)) weakest = m;
  const spread = spreadKm(members.map((m) => m.profile));
  const cost = coordinationCost(members.length, spread);
  return {
    cluster: { kind, id },
    koperasiLed: kind === "KOPERASI",
    members: members.map((m, i) => ({ ikmId: m.profile.id, share: shares[i], score: m.score, freeCapacity: m.capacity })),
    covered: shares.reduce((s, x) => s + x, 0),
    combinedScore,
    weakest: { ikmId: weakest.profile.id, score: weakest.score },
    coordination: { members: members.length, spreadKm: spread, cost },
    rank: combinedScore - cost,
    optimal,
  };
}

/** Rank differences below this are ties (float noise between the bound and the value). */
const EPS = 1e-9;

/**
 * The member set of one cluster with the highest rank, or null when no set of 2..maxMembers
 * members can cover the quantity.
 *
 * Method: depth-first branch and bound over subsets, members sorted best score first (ties by
 * id), each subset visited once as an increasing sequence of indices. A subset's value is what
 * splitShares gives it (optimal for that subset, see there) minus coordinationCost, so any
 * member set can be valued on its own and the search is over sets only. Before descending into
 * a subset's extensions it computes an upper bound of the rank of every extension and skips them
 * when the bound is no better than the best set found so far:
 *  - score bound: the subset's members keep their minimum shares and fill up to their capacities
 *    best first; whatever remains is credited at the score of the next member in the order, the
 *    best any added member can have. Added members only take units from better members (their
 *    minimum shares) or get units at a lower score, so no extension scores more.
 *  - cost bound: perMember for each member the extension must have beyond the first (at least 2,
 *    and enough that the subset's capacity plus the largest capacities further down the order
 *    reach the quantity; none at all means no extension covers, which prunes too), plus the
 *    subset's own spread penalty (adding members never shrinks the spread).
 * Among a node's children, a bound that ignores the child's capacity falls with the child's
 * score, so the loop stops at the first child that fails it. The order finds good sets early
 * (the best-scored members that cover), so the bounds prune hard: on random clusters of 200 the
 * search visited ~60 subsets at the median and under 600 at most, and on clusters of identical
 * members that only their places tell apart, under 700 (scripts/bench-consortium.ts).
 *
 * The bounds are valid, so when the search finishes the result is the best set over all subsets
 * (test/unit/consortium.test.ts checks it against exhaustive enumeration). Clusters built to
 * defeat the bounds (many members with the same score and capacity, spread only breaking ties)
 * could make it exponential, so it stops after `budget` subsets and reports the best set found
 * as not proven optimal (none, if it found no covering set by then). Equal ranks keep the set found first, so the result
 * is deterministic.
 */
function bestMemberSet(members: Usable[], quantity: number, minimum: number, budget: number): { members: Usable[]; optimal: boolean } | null {
  const maxMembers = Math.min(CONSORTIUM.maxMembers, Math.floor(quantity / minimum));
  const m = [...members].sort((a, b) => b.score - a.score || (a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0));
  const n = m.length;
  if (n < 2 || maxMembers < 2) return null;
  const cap = m.map((x) => x.capacity);
  const topCaps = largestCapacitiesFrom(cap, maxMembers);
  {
    let sum = 0;
    for (const c of topCaps[0]) sum += c;
    if (sum < quantity) return null;
  }
  const search: MemberSearch = {
    quantity, minimum, maxMembers, budget, n,
    score: m.map((x) => x.score),
    cap,
    topCaps,
    dist: pairDistances(m),
    chosen: [],
    bestRank: -Infinity,
    bestSet: null,
    nodes: 0,
    exhausted: false,
  };
  visit(search, 0, -1, 0, -1);
  if (!search.bestSet) return null;
  return { members: search.bestSet.map((i) => m[i]), optimal: !search.exhausted };
}

/** topCaps[i]: the largest capacities among members i..n-1, descending, at most maxMembers of them. */
function largestCapacitiesFrom(cap: readonly number[], maxMembers: number): number[][] {
  const n = cap.length;
  const topCaps: number[][] = new Array(n + 1);
  topCaps[n] = [];
  for (let i = n - 1; i >= 0; i--) {
    const next = topCaps[i + 1];
    const merged: number[] = [];
    let inserted = false;
    for (const c of next) {
      if (!inserted && cap[i] >= c) {
        merged.push(cap[i]);
        inserted = true;
      }
      if (merged.length < maxMembers) merged.push(c);
    }
    if (!inserted && merged.length < maxMembers) merged.push(cap[i]);
    topCaps[i] = merged.slice(0, maxMembers);
  }
  return topCaps;
}

/** Pairwise distances (n x n, row-major), -1 where either member has no coordinates. */
function pairDistances(m: readonly Usable[]): Float64Array {
  const n = m.length;
  const dist = new Float64Array(n * n).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = m[i].profile;
    if (a.latitude == null || a.longitude == null) continue;
    for (let j = i + 1; j < n; j++) {
      const b = m[j].profile;
      if (b.latitude == null || b.longitude == null) continue;
      dist[i * n + j] = dist[j * n + i] = haversineKm(a.latitude, a.longitude, b.latitude, b.longitude);
    }
  }
  return dist;
}

/** The branch and bound's inputs (members best score first) and its state. */
interface MemberSearch {
  quantity: number;
  minimum: number;
  maxMembers: number;
  budget: number;
  n: number;
  score: number[];
  cap: number[];
  topCaps: number[][];
  dist: Float64Array;
  /** The subset being visited, as member indexes (its first `depth` entries). */
  chosen: number[];
  bestRank: number;
  bestSet: number[] | null;
  nodes: number;
  exhausted: boolean;
}

const spreadPenalty = (spread: number): number => {
  const c = CONSORTIUM.coordination;
  return spread < 0 ? 0 : Math.min(c.maxSpreadPenalty, c.perKmSpread * spread);
};

/**
 * Share-weighted score sum of the chosen members (minimum shares, then best first up to
 * capacity), with whatever is left of the quantity credited at `restScore`.
 */
function fill(s: MemberSearch, depth: number, restScore: number): number {
  let rest = s.quantity - depth * s.minimum;
  let sum = 0;
  for (let k = 0; k < depth; k++) {
    const i = s.chosen[k];
    const add = Math.min(rest, s.cap[i] - s.minimum);
    sum += s.score[i] * (s.minimum + add);
    rest -= add;
  }
  return sum + rest * restScore;
}

/** The fewest members beyond `depth` from members `from`.. that bring capacity `capSum` to the quantity, or -1. */
function extraNeeded(s: MemberSearch, capSum: number, from: number, room: number): number {
  let missing = s.quantity - capSum;
  if (missing <= 0) return 0;
  const top = s.topCaps[from];
  for (let t = 0; t < Math.min(room, top.length); t++) {
    missing -= top[t];
    if (missing <= 0) return t + 1;
  }
  return -1;
}

/** Visits the subset chosen[0..depth) (last member index `last`), then its extensions that the bounds do not rule out. */
function visit(s: MemberSearch, depth: number, last: number, capSum: number, spread: number): void {
  const { quantity, n, score, cap, dist, chosen } = s;
  const c = CONSORTIUM.coordination;
  if (++s.nodes > s.budget) {
    s.exhausted = true;
    return;
  }
  if (depth >= 2 && capSum >= quantity) {
    const rank = fill(s, depth, 0) / quantity - (c.perMember * (depth - 1) + spreadPenalty(spread));
    if (rank > s.bestRank + EPS) {
      s.bestRank = rank;
      s.bestSet = chosen.slice(0, depth);
    }
  }
  if (depth === s.maxMembers) return;
  // Children: chosen + {j}. Their common lower cost: one more member (at least 2) and the spread so far.
  const childCostFloor = c.perMember * (Math.max(2, depth + 1) - 1) + spreadPenalty(spread);
  for (let j = last + 1; j < n && !s.exhausted; j++) {
    chosen[depth] = j;
    // No child from j on can score above members-so-far plus the rest at score[j]: stop the loop.
    if (fill(s, depth, score[j]) / quantity - childCostFloor <= s.bestRank + EPS) break;
    const capJ = capSum + cap[j];
    const extra = extraNeeded(s, capJ, j + 1, s.maxMembers - depth - 1);
    if (extra < 0) continue;
    let spreadJ = spread;
    for (let k = 0; k < depth; k++) {
      const d = dist[chosen[k] * n + j];
      if (d > spreadJ) spreadJ = d;
    }
    const size = Math.max(2, depth + 1 + extra);
    const restScore = j + 1 < n ? score[j + 1] : 0;
    const bound = fill(s, depth + 1, restScore) / quantity - (c.perMember * (size - 1) + spreadPenalty(spreadJ));
    if (bound <= s.bestRank + EPS) continue;
    visit(s, depth + 1, j, capJ, spreadJ);
  }
}
