/** A random supplier population and needs (seeded), for the engine's and the answer revision's equivalence tests against the pure scorer. */
import { rng } from "../../prisma/seed/random.js";
import type { CertificationType, MaturityStage, Process } from "../../src/domain/enums.js";
import type { MatchFilter } from "../../src/core/matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../../src/core/matching/types.js";
import { type DeliveryMonth, recencyOf } from "../../src/core/matching/recency.js";

const PROCESSES: Process[] = ["CASTING", "MACHINING_MANUAL", "MACHINING_CNC", "STAMPING", "FOOD"];
const MATERIALS = ["besi cor", "cast iron", "baja", "steel", "aluminium", "kuningan", "bambu", "gula"];
const CERTS: CertificationType[] = ["ISO_9001", "IATF_16949", "HALAL", "SNI"];
const STAGES: MaturityStage[] = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"];
const REGIONS = ["33.10", "33.72", "35.15", "32.04", "33"];
export const CLUSTERS = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"];

/** The needs' ids: uuids, so a partnership can be a need's own. */
const NEED_IDS = Array.from({ length: 12 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);

export function population(seed: number, n: number): SupplierProfile[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => r() < p);
  const hex = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 16).toString(16)).join("");
  const list: SupplierProfile[] = [];
  for (let i = 0; i < n; i++) {
    const located = r() < 0.8;
    const lots = r() < 0.5 ? Math.floor(r() * 200) : 0;
    const qty = lots * 100;
    list.push({
      id: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
      stage: pick(STAGES),
      regionCode: pick(REGIONS),
      latitude: located ? -8 + r() * 2 : null,
      longitude: located ? 108 + r() * 5 : null,
      capabilities: some(PROCESSES, 0.4).map((process) => ({
        process,
        materials: some(MATERIALS, 0.3),
        toleranceMm: r() < 0.6 ? Math.round(r() * 1000) / 1000 + 0.005 : null,
        monthlyCapacity: Math.floor(r() * 3000),
        unit: r() < 0.9 ? ("PCS" as const) : ("KG" as const),
      })),
      certifications: some(CERTS, 0.3).map((type) => {
        const from = 20000 + Math.floor(r() * 800);
        return { type, validFrom: from, validUntil: r() < 0.8 ? from + Math.floor(r() * 1200) : null };
      }),
      commitments: [],
      fiveRPercent: r() < 0.4 ? Math.round(r() * 10000) / 100 : null,
      delivery: { lots, onTime: Math.floor(r() * (lots + 1)), qty, rejected: Math.floor(r() * qty * 0.08) },
      sentraProcesses: r() < 0.2 ? [pick(PROCESSES)] : [],
      koperasiPeerProcesses: r() < 0.2 ? some(PROCESSES, 0.5) : [],
      sentraIds: r() < 0.2 ? [CLUSTERS[0]] : [],
      koperasiIds: r() < 0.2 ? [CLUSTERS[1]] : [],
      foundationIds: r() < 0.3 ? [CLUSTERS[2]] : [],
    });
    // ACTIVE partnerships on some: before, across and after the needs' start dates, some for a need itself.
    const made = list[list.length - 1];
    if (made.capabilities.length && r() < 0.4) {
      made.commitments = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
        const cap = pick(made.capabilities);
        const startDay = 20300 + Math.floor(r() * 600);
        return {
          process: cap.process,
          unit: r() < 0.9 ? cap.unit : ("KG" as const),
          quantityPerMonth: 1 + Math.floor(r() * 2000),
          startDay,
          endDay: r() < 0.5 ? startDay + Math.floor(r() * 300) : null,
          needId: r() < 0.2 ? NEED_IDS[Math.floor(r() * NEED_IDS.length)] : null,
        };
      });
    }
    // Issue 22: renewals on file, some continuous (from the day after), some a day late, some overlapping.
    if (i % 3 === 0) {
      const ending = made.certifications.find((c) => c.validUntil !== null);
      if (ending) made.certifications.push({ type: ending.type, validFrom: (ending.validUntil as number) + [1, 2, -30][i % 9 / 3], validUntil: (ending.validUntil as number) + 500 });
    }
    // Ties: some suppliers are exact copies under another id.
    if (r() < 0.1) list.push({ ...list[list.length - 1], id: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}` });
  }
  // Issue 23: dated records on most (a separate stream, so the rest of the population is unchanged):
  // months weighed from AS_OF, some improving, some worsening, some too short for a trend.
  const d = rng(seed + 1000);
  for (const s of list) if (d() < 0.7) s.delivery = datedRecord(d);
  return list.sort((a, b) => (a.id < b.id ? -1 : 1));
}

const AS_OF = 683; // 2026-12

/** 1 to 36 months of deliveries ending up to 3 months before AS_OF, reject and on-time rates drifting either way. */
function datedRecord(d: () => number): SupplierProfile["delivery"] {
  const months: DeliveryMonth[] = [];
  const span = 1 + Math.floor(d() * 36);
  const end = AS_OF - Math.floor(d() * 4);
  const rejectFrom = d() * 0.1, rejectTo = d() * 0.1, lateFrom = d() * 0.4, lateTo = d() * 0.4;
  for (let k = 0; k < span; k++) {
    const t = span === 1 ? 1 : k / (span - 1);
    const lots = 1 + Math.floor(d() * 12);
    const qty = lots * (50 + Math.floor(d() * 400));
    months.push({
      month: end - span + 1 + k, lots, qty,
      onTime: Math.round(lots * (1 - (lateFrom + (lateTo - lateFrom) * t))),
      rejected: Math.round(qty * (rejectFrom + (rejectTo - rejectFrom) * t)),
    });
  }
  const sum = (f: (m: DeliveryMonth) => number) => months.reduce((a, m) => a + f(m), 0);
  return { lots: sum((m) => m.lots), onTime: sum((m) => m.onTime), qty: sum((m) => m.qty), rejected: sum((m) => m.rejected), recency: recencyOf(months, AS_OF) };
}

export function needs(seed: number): NeedProfile[] {
  // Issue 22: most needs run over a period (certificates lapsing inside it cap the band); some have none.
  return needsAt(seed).map((n, i) => ({ ...n, endDate: i % 4 === 3 ? null : n.startDate + 30 + ((i * 97) % 700) }));
}

function needsAt(seed: number): NeedProfile[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => r() < p);
  return Array.from({ length: 12 }, (_, i) => {
    const processes = some(PROCESSES, 0.25);
    if (!processes.length) processes.push(pick(PROCESSES));
    const place = r();
    return {
      id: NEED_IDS[i],
      processes,
      materials: some(MATERIALS, 0.25),
      quantityPerMonth: 100 + Math.floor(r() * 3000),
      unit: "PCS",
      toleranceMm: r() < 0.5 ? Math.round(r() * 300) / 1000 + 0.01 : null,
      // Issue 16: a critical tolerance (a hard requirement) and a reject-rate limit (a band cap).
      toleranceCritical: r() < 0.3,
      maxRejectPpm: r() < 0.4 ? Math.floor(r() * 60_000) : null,
      requiredCertifications: some(CERTS, 0.15),
      minimumStage: pick(STAGES.slice(0, 3)),
      preferredRegionCode: place > 0.75 ? pick(REGIONS) : null,
      latitude: place < 0.5 ? -7.5 : null,
      longitude: place < 0.5 ? 110.7 : null,
      radiusKm: place < 0.25 ? 100 + Math.floor(r() * 300) : null,
      startDate: 20400 + Math.floor(r() * 400),
      weights: r() < 0.3 ? { proximity: r(), delivery: r() * 2, capacity: 0 } : null,
    };
  });
}

export const FILTERS: MatchFilter[] = [
  {},
  { eligibility: "NEAR_MISS" },
  { regionCode: "33" },
  { regionCode: "33.10", stages: ["MADYA", "MANDIRI"] },
  { bands: ["GOOD", "FAIR"] },
  { sentraId: CLUSTERS[0] },
  { koperasiId: CLUSTERS[1], eligibility: "NEAR_MISS" },
  { foundationId: CLUSTERS[2] },
  { foundationId: CLUSTERS[2], sentraId: CLUSTERS[0] },
];
