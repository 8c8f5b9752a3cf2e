/**
 * Random allocation instances for scripts/bench-allocation.ts: supplier profiles with clusters and
 * existing commitments, and needs competing for a few common processes, scored with the real
 * scorer. Seeded, so every run sees the same instances.
 */
import type { CertificationType, MaturityStage, Process, QuantityUnit } from "../src/domain/enums.js";
import type { NeedProfile, SupplierProfile } from "../src/core/matching/types.js";
import { type AllocationProblem, type Commitment, scoreOptions, supplyOf } from "../src/core/supply/allocation.js";

/** mulberry32: a small seeded generator, so every run sees the same instances. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, int, pick };
}

// Metal processes for automotive parts (README, Sources); needs draw mostly from the first few, so they compete.
const PROCESSES: Process[] = ["MACHINING_MANUAL", "MACHINING_CNC", "CASTING", "STAMPING", "WELDING_FABRICATION", "PLATING_PAINTING", "FORGING", "HEAT_TREATMENT"];
const STAGES: MaturityStage[] = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"];
const CERTS: CertificationType[] = ["ISO_9001", "SNI", "TKDN"];
/** Clusters (README, Sources): Klaten/Ceper, Tegal, Sidoarjo, Purbalingga, Bandung. */
const CENTRES = [
  { lat: -7.705, lon: 110.606 },
  { lat: -6.869, lon: 109.14 },
  { lat: -7.447, lon: 112.718 },
  { lat: -7.389, lon: 109.363 },
  { lat: -6.917, lon: 107.619 },
];
const START = 20_000; // 2024-10-04, in days

const id = (prefix: number, n: number) => `${String(prefix).padStart(8, "0")}-0000-4000-8000-${String(n).padStart(12, "0")}`;

export interface Instance {
  problem: AllocationProblem;
  needs: NeedProfile[];
}

export function instance(needCount: number, ikmCount: number, seed: number): Instance {
  const r = rng(seed);
  const sentra = Math.max(2, Math.round(ikmCount / 25));
  const koperasi = Math.max(1, Math.round(ikmCount / 40));
  const suppliers: SupplierProfile[] = [];
  const commitments: Commitment[] = [];
  for (let i = 0; i < ikmCount; i++) {
    const centre = r.int(0, CENTRES.length - 1);
    const processes = new Set<Process>();
    const count = r.int(1, 3);
    while (processes.size < count) processes.add(PROCESSES[Math.min(PROCESSES.length - 1, Math.floor(r.next() ** 1.5 * PROCESSES.length))]);
    const capabilities = [...processes].map((process) => ({
      process,
      materials: ["baja"],
      toleranceMm: r.pick([0.01, 0.05, 0.1]),
      // 50..2,000 a month, most small (log-uniform).
      monthlyCapacity: Math.round(50 * 40 ** r.next()),
      unit: (r.next() < 0.9 ? "PCS" : "KG") as QuantityUnit,
    }));
    const lots = r.int(0, 200);
    const s: SupplierProfile = {
      id: id(1, i),
      stage: r.pick(STAGES),
      regionCode: "33.10",
      latitude: CENTRES[centre].lat + (r.next() - 0.5) * 0.4,
      longitude: CENTRES[centre].lon + (r.next() - 0.5) * 0.4,
      capabilities,
      certifications: CERTS.filter(() => r.next() < 0.3).map((type) => ({ type, validFrom: START - 400, validUntil: null })),
      commitments: [],
      fiveRPercent: r.next() < 0.6 ? r.int(30, 95) : null,
      delivery: { lots, onTime: Math.round(lots * (0.6 + 0.4 * r.next())), qty: lots * 100, rejected: Math.round(lots * 100 * 0.05 * r.next()) },
      sentraProcesses: [],
      koperasiPeerProcesses: [],
      // A sentra is one place: members come from one centre's share of the sentra ids.
      sentraIds: r.next() < 0.5 ? [id(2, centre + CENTRES.length * r.int(0, Math.floor(sentra / CENTRES.length)))] : [],
      koperasiIds: r.next() < 0.3 ? [id(3, r.int(0, koperasi - 1))] : [],
      foundationIds: r.next() < 0.3 ? [id(4, centre), id(4, 99)] : [],
    };
    suppliers.push(s);
    // Existing partnerships take 0-80% of one capability.
    if (r.next() < 0.5) {
      const c = r.pick(capabilities);
      commitments.push({ ikmId: s.id, processes: [c.process], unit: c.unit, quantityPerMonth: Math.round(c.monthlyCapacity * 0.8 * r.next()) });
    }
  }
  const needs: NeedProfile[] = [];
  for (let n = 0; n < needCount; n++) {
    const processes = new Set<Process>([PROCESSES[r.int(0, 3)]]);
    if (r.next() < 0.3) processes.add(PROCESSES[r.int(0, 5)]);
    const centre = r.pick(CENTRES);
    needs.push({
      id: id(5, n),
      processes: [...processes],
      materials: ["baja"],
      // 100..5,000 a month (log-uniform): from one IKM's month to a consortium's.
      quantityPerMonth: Math.round(100 * 50 ** r.next()),
      unit: "PCS",
      toleranceMm: r.next() < 0.5 ? 0.05 : null,
      requiredCertifications: r.next() < 0.2 ? ["ISO_9001"] : [],
      minimumStage: r.pick(["PEMULA", "MADYA", "MADYA", "PRAMANDIRI"] as MaturityStage[]),
      preferredRegionCode: null,
      latitude: centre.lat,
      longitude: centre.lon,
      radiusKm: r.next() < 0.3 ? 150 : null,
      startDate: START,
      weights: null,
    });
  }
  const options = scoreOptions(needs, suppliers).filter((o) => o.eligible);
  return { needs, problem: { needs, options, supply: suppliers.map((s) => supplyOf(s, commitments)) } };
}

