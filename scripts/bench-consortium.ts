/**
 * npx tsx scripts/bench-consortium.ts [--runs 300 --sizes 50,200 --seed 7]
 *
 * Times proposeConsortia (src/core/supply/consortium.ts) on one cluster of random IKM profiles per run:
 * a sentra-sized cluster (50) and a koperasi-sized one (200), as the issue asks. Each run draws a
 * new cluster (deterministic from --seed): casting IKMs around Ceper (Klaten) within ~15 km, some
 * without coordinates, random stages, certificates, audits and delivery records, and free
 * capacities below the need's quantity, so that only a consortium can cover it. The time includes
 * scoring every candidate with scoreMatch; "scoring alone" is that part by itself. Prints
 * p50/p99/max per size and how many results were proven optimal (the search did not hit
 * CONSORTIUM.searchNodeBudget).
 *
 * Then "tied" clusters built against the search's bounds: every member with the same score and
 * the same capacity, five of them needed, so only the spread separates sets. `optimal` below
 * counts the searches that finished inside CONSORTIUM.searchNodeBudget.
 *
 * A benchmark, not a test: nothing asserts a time.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { type Random, rng } from "../prisma/seed/random.js";
import type { CertificationType, MaturityStage } from "../src/domain/enums.js";
import type { NeedProfile, SupplierProfile } from "../src/core/matching/types.js";
import { toDay } from "../src/core/matching/types.js";
import { effectiveWeights, scoreMatch } from "../src/core/matching/scorer.js";
import { type Candidate, proposeConsortia } from "../src/core/supply/consortium.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "300" },
    sizes: { type: "string", default: "50,200" },
    seed: { type: "string", default: "7" },
  },
});
const runs = Number(values.runs);
const sizes = values.sizes.split(",").map(Number);

const CEPER = { latitude: -7.66, longitude: 110.68 };
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;
const STAGES: MaturityStage[] = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"];
const CERTS: CertificationType[] = ["ISO_9001", "SNI", "TKDN"];
const START = toDay(new Date("2026-01-01T00:00:00Z"));
const KOPERASI = "c0000000-0000-4000-8000-000000000001";

const need: NeedProfile = {
  id: "bench-need",
  processes: ["CASTING", "MACHINING_MANUAL"],
  materials: ["besi cor"],
  quantityPerMonth: 2000,
  unit: "PCS",
  toleranceMm: 0.05,
  requiredCertifications: [],
  minimumStage: "MADYA",
  preferredRegionCode: null,
  latitude: -7.55,
  longitude: 110.75,
  radiusKm: null,
  startDate: START,
  weights: null,
};

const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

function randomCluster(r: Random, n: number): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const located = r() < 0.85;
    const lots = r() < 0.6 ? Math.floor(r() * 120) : 0;
    const qty = lots * 150;
    const capacity = 50 + Math.floor(r() * 650);
    const profile: SupplierProfile = {
      id: id(i),
      stage: STAGES[Math.floor(r() * STAGES.length)],
      regionCode: "33.10",
      latitude: located ? CEPER.latitude + ((r() - 0.5) * 30) / KM_PER_DEGREE : null,
      longitude: located ? CEPER.longitude + ((r() - 0.5) * 30) / KM_PER_DEGREE : null,
      capabilities: [
        { process: "CASTING", materials: r() < 0.8 ? ["besi cor"] : ["aluminium"], toleranceMm: null, monthlyCapacity: capacity, unit: "PCS" },
        ...(r() < 0.85 ? [{ process: "MACHINING_MANUAL" as const, materials: ["besi cor"], toleranceMm: r() < 0.5 ? 0.05 : 0.1, monthlyCapacity: capacity + Math.floor(r() * 300), unit: "PCS" as const }] : []),
      ],
      certifications: CERTS.filter(() => r() < 0.3).map((type) => ({ type, validFrom: START - 400, validUntil: START + 700 })),
      commitments: [],
      fiveRPercent: r() < 0.5 ? Math.round(r() * 100) : null,
      delivery: { lots, onTime: Math.floor(lots * (0.6 + r() * 0.4)), qty, rejected: Math.floor(qty * r() * 0.06) },
      sentraProcesses: ["CASTING"],
      koperasiPeerProcesses: ["CASTING", "MACHINING_MANUAL"],
      sentraIds: [],
      koperasiIds: [KOPERASI],
      foundationIds: [],
    };
    out.push({ profile, freeCapacity: Math.floor(capacity * (0.2 + r() * 0.8)) });
  }
  return out;
}

/**
 * Every member the same: same score, same capacity, all located; only their places differ. (Members
 * without coordinates add nothing to the spread, so a few of them would end the search at once.)
 */
function tiedCluster(r: Random, n: number): Candidate[] {
  return randomCluster(r, n).map(({ profile }) => ({
    profile: {
      ...profile,
      latitude: CEPER.latitude + ((r() - 0.5) * 30) / KM_PER_DEGREE,
      longitude: CEPER.longitude + ((r() - 0.5) * 30) / KM_PER_DEGREE,
      stage: "MANDIRI" as const,
      capabilities: need.processes.map((process) => ({ process, materials: ["besi cor"], toleranceMm: 0.05, monthlyCapacity: 400, unit: "PCS" as const })),
      certifications: [],
      commitments: [],
      fiveRPercent: 80,
      delivery: { lots: 0, onTime: 0, qty: 0, rejected: 0 },
    },
    // Five members are needed (4 x 400 < 2000), so the search looks for the five closest together.
    freeCapacity: 400,
  }));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function measure(label: string, make: (r: Random, n: number) => Candidate[], n: number, count: number, forNeed = need): void {
  const r = rng(Number(values.seed) * 1000 + n);
  const times: number[] = [];
  const scoring: number[] = [];
  let optimal = 0;
  let proposed = 0;
  let members = 0;
  for (let run = -5; run < count; run++) {
    const candidates = make(r, n);
    const t0 = performance.now();
    const proposals = proposeConsortia(forNeed, candidates);
    const t1 = performance.now();
    const weights = effectiveWeights(forNeed);
    for (const c of candidates) scoreMatch(forNeed, c.profile, weights);
    const t2 = performance.now();
    if (run < 0) continue; // warm-up
    times.push(t1 - t0);
    scoring.push(t2 - t1);
    if (proposals.length) {
      proposed++;
      members += proposals[0].members.length;
      if (proposals[0].optimal) optimal++;
    }
  }
  times.sort((a, b) => a - b);
  scoring.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(8)} n=${String(n).padStart(3)}  runs=${count}  p50=${percentile(times, 50).toFixed(2)} ms  p99=${percentile(times, 99).toFixed(2)} ms  max=${times[times.length - 1].toFixed(2)} ms  ` +
      `(scoring alone p50=${percentile(scoring, 50).toFixed(2)} ms)  ` +
      `proposed=${proposed}  optimal=${optimal}/${proposed}  mean members=${proposed ? (members / proposed).toFixed(2) : "-"}`,
  );
}

console.log(`proposeConsortia: need of ${need.quantityPerMonth} ${need.unit}/month, ${need.processes.join(" + ")}, minimum stage ${need.minimumStage}`);
for (const n of sizes) measure("random", randomCluster, n, runs);
// The need names no place, so proximity does not score and the tied members' totals are equal.
const placeless: NeedProfile = { ...need, latitude: null, longitude: null };
for (const n of sizes) measure("tied", tiedCluster, n, Math.min(runs, 20), placeless);
