import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CertificationType, Process, QuantityUnit } from "../../src/domain/enums.js";
import { STAGE_ORDER } from "../../src/domain/stages.js";
import { FACTORS, MATCHING, type Factor, bandOf, bandRange } from "../../src/core/matching/config.js";
import {
  type MatchFilter,
  deliveryValue,
  effectiveWeights,
  haversineKm,
  rankSuppliers,
  scoreMatch,
} from "../../src/core/matching/scorer.js";
import { type Day, type MatchResult, type NeedProfile, type SupplierProfile, toDay } from "../../src/core/matching/types.js";

// ---- factories -----------------------------------------------------------------------------------

type Capability = SupplierProfile["capabilities"][number];
type Certificate = SupplierProfile["certifications"][number];

const day = (iso: string): Day => toDay(new Date(`${iso}T00:00:00Z`));
const START = day("2025-03-01");

/** Supplier ids: lower-case uuids whose order is the order of `n`. */
const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** Solo, and points due north of it: along a meridian the great-circle distance is R x dLat. */
const SOLO = { latitude: -7.5666, longitude: 110.8167 };
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;
const northOfSolo = (km: number) => ({ latitude: SOLO.latitude + km / KM_PER_DEGREE, longitude: SOLO.longitude });

function cap(overrides: Partial<Capability> = {}): Capability {
  return { process: "MACHINING_MANUAL", materials: ["baja"], toleranceMm: 0.05, monthlyCapacity: 200, unit: "PCS", ...overrides };
}

function cert(type: CertificationType, validFrom: string, validUntil: string | null): Certificate {
  return { type, validFrom: day(validFrom), validUntil: validUntil == null ? null : day(validUntil) };
}

/** A MADYA turner in Klaten with no track record: capability fit 100, capacity 100, quality 36, delivery 60, stage 50. */
function supplier(overrides: Partial<SupplierProfile> = {}): SupplierProfile {
  return {
    id: sid(1),
    stage: "MADYA",
    regionCode: "33.10",
    latitude: null,
    longitude: null,
    capabilities: [cap()],
    certifications: [],
    commitments: [],
    fiveRPercent: null,
    delivery: { lots: 0, onTime: 0, qty: 0, rejected: 0 },
    sentraProcesses: [],
    koperasiPeerProcesses: [],
    sentraIds: [],
    koperasiIds: [],
    foundationIds: [],
    ...overrides,
  };
}

/** 200 turned steel pieces a month at ±0.05 mm, no hard requirement beyond the process, no place. */
function need(overrides: Partial<NeedProfile> = {}): NeedProfile {
  return {
    id: "need-1",
    processes: ["MACHINING_MANUAL"],
    materials: ["steel"],
    quantityPerMonth: 200,
    unit: "PCS",
    toleranceMm: 0.05,
    requiredCertifications: [],
    minimumStage: "PEMULA",
    preferredRegionCode: null,
    latitude: null,
    longitude: null,
    radiusKm: null,
    startDate: START,
    weights: null,
    ...overrides,
  };
}

const factorOf = (r: MatchResult, f: Factor) => {
  const found = r.factors.find((x) => x.factor === f);
  if (!found) throw new Error(`no factor ${f}`);
  return found;
};
const valueOf = (n: NeedProfile, s: SupplierProfile, f: Factor) => factorOf(scoreMatch(n, s), f).value;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const ids = (rs: MatchResult[]) => rs.map((r) => r.supplierId);

/** Every page of a ranking, following the cursor of each page's last result. */
function walk(n: NeedProfile, suppliers: SupplierProfile[], first: number, filter?: MatchFilter): MatchResult[] {
  const out: MatchResult[] = [];
  let after: { total: number; id: string } | null = null;
  for (let page = 0; page < 100; page++) {
    const r = rankSuppliers(n, suppliers, { first, after, filter });
    out.push(...r.results);
    if (!r.hasNextPage) return out;
    const last = r.results[r.results.length - 1];
    after = { total: last.total, id: last.supplierId };
  }
  throw new Error("pagination did not end");
}

// ---- hard requirements ---------------------------------------------------------------------------

describe("hard requirements", () => {
  const iso = (need: Partial<NeedProfile> = {}) => ({ requiredCertifications: ["ISO_9001"] as CertificationType[], ...need });

  it.each<[string, Partial<NeedProfile>, Partial<SupplierProfile>, "PROCESS" | "CERTIFICATION" | "STAGE" | "RADIUS", boolean, RegExp]>([
    ["process worked", {}, {}, "PROCESS", true, /works MACHINING_MANUAL/],
    ["process not worked", { processes: ["CASTING"] }, {}, "PROCESS", false, /does not work CASTING/],
    ["certificate valid over the start date", iso(), { certifications: [cert("ISO_9001", "2024-01-01", "2026-12-31")] }, "CERTIFICATION", true, /ISO_9001 is valid on 2025-03-01/],
    ["certificate valid until the start date itself", iso(), { certifications: [cert("ISO_9001", "2022-03-01", "2025-03-01")] }, "CERTIFICATION", true, /valid on 2025-03-01/],
    ["certificate valid from the start date itself", iso(), { certifications: [cert("ISO_9001", "2025-03-01", "2028-02-28")] }, "CERTIFICATION", true, /valid on 2025-03-01/],
    ["open-ended certificate (validUntil null)", iso(), { certifications: [cert("ISO_9001", "2015-06-01", null)] }, "CERTIFICATION", true, /valid on 2025-03-01/],
    ["certificate expired the day before the start", iso(), { certifications: [cert("ISO_9001", "2022-02-28", "2025-02-28")] }, "CERTIFICATION", false, /ISO_9001 certificate expires on 2025-02-28, before supply starts on 2025-03-01/],
    ["certificate not yet valid", iso(), { certifications: [cert("ISO_9001", "2025-06-01", "2028-05-31")] }, "CERTIFICATION", false, /not yet valid on 2025-03-01 \(valid from 2025-06-01\)/],
    ["open-ended certificate not yet valid", iso(), { certifications: [cert("ISO_9001", "2025-03-02", null)] }, "CERTIFICATION", false, /not yet valid on 2025-03-01 \(valid from 2025-03-02\)/],
    ["no certificate", iso(), {}, "CERTIFICATION", false, /holds no ISO_9001 certificate/],
    ["a certificate of another type", iso(), { certifications: [cert("ISO_14001", "2024-01-01", null)] }, "CERTIFICATION", false, /holds no ISO_9001 certificate/],
    ["one expired and one valid certificate of the type", iso(), { certifications: [cert("ISO_9001", "2019-01-01", "2022-01-01"), cert("ISO_9001", "2022-01-02", "2025-12-31")] }, "CERTIFICATION", true, /valid on/],
    ["stage below the minimum", { minimumStage: "PRAMANDIRI" }, { stage: "MADYA" }, "STAGE", false, /stage MADYA is below the minimum PRAMANDIRI/],
    ["stage at the minimum", { minimumStage: "PRAMANDIRI" }, { stage: "PRAMANDIRI" }, "STAGE", true, /stage PRAMANDIRI meets the minimum PRAMANDIRI/],
    ["stage above the minimum", { minimumStage: "PRAMANDIRI" }, { stage: "MANDIRI" }, "STAGE", true, /meets the minimum/],
    ["inside the radius", { ...SOLO, radiusKm: 50 }, northOfSolo(30), "RADIUS", true, /30 km away; the need accepts 50 km/],
    ["outside the radius", { ...SOLO, radiusKm: 50 }, northOfSolo(80), "RADIUS", false, /80 km away; the need accepts 50 km/],
    ["location unknown under a radius", { ...SOLO, radiusKm: 50 }, {}, "RADIUS", false, /location unknown; the need accepts suppliers within 50 km/],
  ])("%s", (_label, needOverrides, supplierOverrides, kind, met, message) => {
    const r = scoreMatch(need(needOverrides), supplier(supplierOverrides));
    const checks = r.requirements.filter((c) => c.kind === kind);
    expect(checks).toHaveLength(1);
    expect(checks[0].met).toBe(met);
    expect(checks[0].message).toMatch(message);
    expect(r.eligible).toBe(met);
    const hardGaps = r.gaps.filter((g) => g.hard);
    if (met) {
      expect(hardGaps).toEqual([]);
    } else {
      expect(hardGaps).toEqual([expect.objectContaining({ kind, hard: true, subject: checks[0].subject, message: checks[0].message })]);
    }
  });

  it("names the subject of each requirement", () => {
    const r = scoreMatch(
      need({ processes: ["CASTING", "MACHINING_MANUAL"], requiredCertifications: ["IATF_16949"], minimumStage: "MADYA", ...SOLO, radiusKm: 75 }),
      supplier(),
    );
    expect(r.requirements.map((c) => [c.kind, c.subject, c.met])).toEqual([
      ["PROCESS", "CASTING", false],
      ["PROCESS", "MACHINING_MANUAL", true],
      ["CERTIFICATION", "IATF_16949", false],
      ["STAGE", "MADYA", true],
      ["RADIUS", "75 km", false],
    ]);
    expect(r.gaps.filter((g) => g.hard).map((g) => g.subject)).toEqual(["CASTING", "IATF_16949", "75 km"]);
  });

  it("adds no stage requirement when the minimum is the lowest stage", () => {
    const r = scoreMatch(need({ minimumStage: "PEMULA" }), supplier({ stage: "PEMULA" }));
    expect(r.requirements.some((c) => c.kind === "STAGE")).toBe(false);
    expect(r.eligible).toBe(true);
  });

  it("adds no radius requirement when the need sets none", () => {
    const r = scoreMatch(need({ ...SOLO }), supplier());
    expect(r.requirements.some((c) => c.kind === "RADIUS")).toBe(false);
    expect(r.eligible).toBe(true);
  });

  // Removing the failed requirement from the need must not change the total: it was never blended in.
  it.each<[string, Partial<NeedProfile>, Partial<NeedProfile>, Partial<SupplierProfile>]>([
    ["expired certificate", { requiredCertifications: ["ISO_9001"] }, { requiredCertifications: [] }, { certifications: [cert("ISO_9001", "2020-01-01", "2024-12-31")] }],
    ["missing certificate", { requiredCertifications: ["IATF_16949"] }, { requiredCertifications: [] }, {}],
    ["stage below the minimum", { minimumStage: "MANDIRI" }, { minimumStage: "PEMULA" }, { stage: "MADYA" }],
    ["outside the radius", { ...SOLO, radiusKm: 20 }, { ...SOLO, radiusKm: null }, northOfSolo(60)],
  ])("keeps the total of an ineligible supplier (%s)", (_label, strict, relaxed, supplierOverrides) => {
    const s = supplier(supplierOverrides);
    const failed = scoreMatch(need(strict), s);
    const passed = scoreMatch(need(relaxed), s);
    expect(failed.eligible).toBe(false);
    expect(passed.eligible).toBe(true);
    expect(failed.total).toBeGreaterThan(0);
    expect(failed.total).toBe(passed.total);
    expect(failed.band).toBe(passed.band);
    expect(failed.total).toBeCloseTo(sum(failed.factors.map((f) => f.contribution)), 10);
  });

  it("still scores a supplier lacking a process", () => {
    const r = scoreMatch(need({ processes: ["CASTING"] }), supplier());
    expect(r.eligible).toBe(false);
    // Capability fit 0.6 x 50 (materials unknown) + 0.4 x 50 (tolerance unknown) = 50; capacity 0;
    // quality 36, delivery 60, stage 50: (0.25x50 + 0.2x36 + 0.15x60 + 0.1x50) / 0.9 = 33.7/0.9.
    expect(r.total).toBeCloseTo(33.7 / 0.9, 10);
    expect(r.gaps).toContainEqual(expect.objectContaining({ kind: "PROCESS", hard: true, subject: "CASTING" }));
  });
});

describe("near-miss", () => {
  it.each<[string, Partial<NeedProfile>, Partial<SupplierProfile>, boolean, boolean]>([
    ["eligible", {}, {}, true, false],
    ["only a certificate missing", { requiredCertifications: ["ISO_9001"] }, {}, false, true],
    ["only the stage too low", { minimumStage: "MANDIRI" }, {}, false, true],
    ["only outside the radius", { ...SOLO, radiusKm: 10 }, northOfSolo(40), false, true],
    ["only one of two processes missing", { processes: ["CASTING", "MACHINING_MANUAL"] }, {}, false, true],
    ["a certificate missing and the stage too low", { requiredCertifications: ["ISO_9001"], minimumStage: "MANDIRI" }, {}, false, false],
    ["a process and a certificate missing", { processes: ["CASTING", "MACHINING_MANUAL"], requiredCertifications: ["SNI"] }, {}, false, false],
    ["one failure but no shared process", { processes: ["CASTING"] }, {}, false, false],
  ])("%s: eligible %s, near-miss %s", (_label, needOverrides, supplierOverrides, eligible, nearMiss) => {
    const r = scoreMatch(need(needOverrides), supplier(supplierOverrides));
    expect(r.eligible).toBe(eligible);
    expect(r.nearMiss).toBe(nearMiss);
    if (nearMiss) {
      // A near-miss names the one requirement that excludes it.
      const failed = r.requirements.filter((c) => !c.met);
      expect(failed).toHaveLength(1);
      expect(r.gaps.filter((g) => g.hard)).toEqual([expect.objectContaining({ kind: failed[0].kind, subject: failed[0].subject })]);
    }
  });
});

// ---- factors -------------------------------------------------------------------------------------

describe("factor values", () => {
  type Row = [string, Partial<NeedProfile>, Partial<SupplierProfile>, number];
  const factorTable: Array<[Factor, Row[]]> = [
    [
      "capabilityFit",
      [
        // 0.6 x material + 0.4 x tolerance.
        ["base: steel asked, baja worked, ±0.05 held", {}, {}, 100],
        ["tolerance 0.1 achievable vs 0.05 required (tolerance 50)", {}, { capabilities: [cap({ toleranceMm: 0.1 })] }, 80],
        ["tolerance 0.2 achievable vs 0.05 required (tolerance 25)", {}, { capabilities: [cap({ toleranceMm: 0.2 })] }, 70],
        ["tighter tolerance than required", {}, { capabilities: [cap({ toleranceMm: 0.01 })] }, 100],
        ["unknown tolerance (50)", {}, { capabilities: [cap({ toleranceMm: null })] }, 80],
        ["need states no tolerance", { toleranceMm: null }, { capabilities: [cap({ toleranceMm: null })] }, 100],
        ["material families 1 of 2 (50)", { materials: ["steel", "aluminium"] }, {}, 70],
        ["cast iron asked, besi cor fc250 worked", { materials: ["cast iron"] }, { capabilities: [cap({ materials: ["besi cor fc250"] })] }, 100],
        ["cast iron asked, only baja worked (0)", { materials: ["cast iron"] }, {}, 40],
        ["supplier names no material (50)", {}, { capabilities: [cap({ materials: [] })] }, 70],
        ["need names no material", { materials: [] }, {}, 100],
        ["one family named twice counts once: steel 1 of 2 families (50)", { materials: ["steel", "Baja", "aluminium"] }, {}, 70],
        ["materials of a process the need does not ask for count for nothing", { materials: ["aluminium"] }, { capabilities: [cap(), cap({ process: "WELDING_FABRICATION", materials: ["aluminium"], toleranceMm: 0.01 })] }, 40],
        [
          "two processes: families and best tolerance across both",
          { processes: ["CASTING", "MACHINING_MANUAL"], materials: ["cast iron", "steel"] },
          { capabilities: [cap({ process: "CASTING", materials: ["besi cor"], toleranceMm: null }), cap({ toleranceMm: 0.05 })] },
          100,
        ],
      ],
    ],
    [
      "capacity",
      [
        ["200 of 200", {}, {}, 100],
        ["150 of 200", {}, { capabilities: [cap({ monthlyCapacity: 150 })] }, 75],
        ["1000 of 200 (capped)", {}, { capabilities: [cap({ monthlyCapacity: 1000 })] }, 100],
        ["0 of 200", {}, { capabilities: [cap({ monthlyCapacity: 0 })] }, 0],
        ["stated in another unit", {}, { capabilities: [cap({ unit: "KG", monthlyCapacity: 5000 })] }, 0],
        [
          "bottleneck process: 100 of 200",
          { processes: ["CASTING", "MACHINING_MANUAL"] },
          { capabilities: [cap({ process: "CASTING", monthlyCapacity: 300 }), cap({ monthlyCapacity: 100 })] },
          50,
        ],
        ["a process not worked", { processes: ["CASTING", "MACHINING_MANUAL"] }, { capabilities: [cap({ monthlyCapacity: 1000 })] }, 0],
      ],
    ],
    [
      "quality",
      [
        // 0.4 x certificates + 0.3 x 5R (prior 50) + 0.3 x rejects (no record: 1 - 0.03/0.1 = 70) = 0 + 15 + 21.
        ["no certificate, no 5R, no rejects on record", {}, {}, 36],
        ["ISO 9001 valid (50 points)", {}, { certifications: [cert("ISO_9001", "2024-01-01", "2027-01-01")] }, 56],
        ["ISO 9001 twice counts once", {}, { certifications: [cert("ISO_9001", "2024-01-01", "2027-01-01"), cert("ISO_9001", "2023-01-01", null)] }, 56],
        ["IATF + ISO 9001 (110 points, capped at 100)", {}, { certifications: [cert("IATF_16949", "2024-01-01", null), cert("ISO_9001", "2024-01-01", null)] }, 76],
        ["SNI + HALAL + OTHER (30 points)", {}, { certifications: [cert("SNI", "2024-01-01", null), cert("HALAL", "2024-01-01", null), cert("OTHER", "2024-01-01", null)] }, 48],
        ["ISO 9001 expired before the start", {}, { certifications: [cert("ISO_9001", "2022-01-01", "2025-02-28")] }, 36],
        ["ISO 9001 not yet valid at the start", {}, { certifications: [cert("ISO_9001", "2025-03-02", null)] }, 36],
        ["5R 80%", {}, { fiveRPercent: 80 }, 45],
        ["5R 0%", {}, { fiveRPercent: 0 }, 21],
        // (200 + 60) / (1000 + 2000) = 8.67% -> 100 x (1 - 0.867) = 13.33 -> 0.3 x 13.33 = 4.
        ["1000 pieces, 200 rejected", {}, { delivery: { lots: 10, onTime: 10, qty: 1000, rejected: 200 } }, 19],
        ["rejects far above 10% score 0", {}, { delivery: { lots: 10, onTime: 10, qty: 10_000, rejected: 5_000 } }, 15],
        // (1000 + 60) / 102000 = 1.0392% -> 89.6078 -> 0.3 x 89.6078 = 26.8824.
        ["100,000 pieces at 1% rejects", {}, { delivery: { lots: 10, onTime: 10, qty: 100_000, rejected: 1_000 } }, 41.88235],
      ],
    ],
    [
      "delivery",
      [
        // Smoothed rate (onTime + 16) / (lots + 20), 50% -> 0, 100% -> 100.
        ["no lots: the prior 80% (60)", {}, {}, 60],
        ["1 lot on time: 17/21", {}, { delivery: { lots: 1, onTime: 1, qty: 0, rejected: 0 } }, 61.90476],
        ["200 lots, 194 on time: 210/220", {}, { delivery: { lots: 200, onTime: 194, qty: 0, rejected: 0 } }, 90.90909],
        ["20 of 20 on time: 36/40", {}, { delivery: { lots: 20, onTime: 20, qty: 0, rejected: 0 } }, 80],
        ["0 of 20 on time: 16/40 is under the floor", {}, { delivery: { lots: 20, onTime: 0, qty: 0, rejected: 0 } }, 0],
        ["1000 of 1000 on time: 1016/1020", {}, { delivery: { lots: 1000, onTime: 1000, qty: 0, rejected: 0 } }, 99.21569],
      ],
    ],
    [
      "stage",
      [
        ["PEMULA", {}, { stage: "PEMULA" }, 25],
        ["MADYA", {}, { stage: "MADYA" }, 50],
        ["PRAMANDIRI", {}, { stage: "PRAMANDIRI" }, 75],
        ["MANDIRI", {}, { stage: "MANDIRI" }, 100],
      ],
    ],
    [
      "proximity",
      [
        // Halves every 100 km.
        ["same spot", { ...SOLO }, { ...SOLO }, 100],
        ["50 km", { ...SOLO }, northOfSolo(50), 70.71068],
        ["100 km", { ...SOLO }, northOfSolo(100), 50],
        ["200 km", { ...SOLO }, northOfSolo(200), 25],
        // Region only.
        ["preferred regency, same regency", { preferredRegionCode: "33.10" }, { regionCode: "33.10" }, 100],
        ["preferred regency, same province", { preferredRegionCode: "33.10" }, { regionCode: "33.72" }, 60],
        ["preferred regency, elsewhere", { preferredRegionCode: "33.10" }, { regionCode: "34.01" }, 20],
        ["preferred province, inside it", { preferredRegionCode: "33" }, { regionCode: "33.72" }, 100],
        ["preferred province, elsewhere", { preferredRegionCode: "33" }, { regionCode: "34.01" }, 20],
        ["need located, supplier not, region preferred", { ...SOLO, preferredRegionCode: "33.10" }, { regionCode: "33.72" }, 60],
        ["need located, supplier not, no region", { ...SOLO }, {}, 30],
        ["need names no place", {}, { ...SOLO }, 0],
      ],
    ],
    [
      "cluster",
      [
        ["no backing", {}, {}, 0],
        ["sentra works the process", {}, { sentraProcesses: ["MACHINING_MANUAL", "CASTING"] }, 60],
        ["koperasi peers work the process", {}, { koperasiPeerProcesses: ["MACHINING_MANUAL"] }, 40],
        ["both", {}, { sentraProcesses: ["MACHINING_MANUAL"], koperasiPeerProcesses: ["MACHINING_MANUAL"] }, 100],
        ["sentra and koperasi work other processes", {}, { sentraProcesses: ["CASTING"], koperasiPeerProcesses: ["FORGING"] }, 0],
      ],
    ],
  ];

  describe.each(factorTable)("%s", (factor, rows) => {
    it.each(rows)("%s -> %d", (_label, needOverrides, supplierOverrides, expected) => {
      expect(valueOf(need(needOverrides), supplier(supplierOverrides), factor)).toBeCloseTo(expected, 4);
    });
  });

  it("computes the base case total by hand: (25 + 15 + 7.2 + 9 + 5) / 0.9 = 68", () => {
    const r = scoreMatch(need(), supplier());
    expect(r.total).toBeCloseTo(68, 10);
    expect(r.band).toBe("GOOD");
  });

  it("adds proximity at the default weight when a region is preferred: 61.2 + 0.1 x 100 = 71.2", () => {
    const r = scoreMatch(need({ preferredRegionCode: "33.10" }), supplier());
    expect(r.total).toBeCloseTo(71.2, 10);
  });

  it("reports soft gaps for material, tolerance and capacity with the shortfall", () => {
    const r = scoreMatch(
      need({ materials: ["steel", "aluminium"] }),
      supplier({ capabilities: [cap({ toleranceMm: 0.1, monthlyCapacity: 150 })] }),
    );
    expect(r.eligible).toBe(true);
    expect(r.gaps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "MATERIAL", hard: false, subject: "aluminium" }),
        expect.objectContaining({ kind: "TOLERANCE", hard: false, subject: "0.05 mm" }),
        expect.objectContaining({ kind: "CAPACITY", hard: false, shortfall: 50 }),
      ]),
    );
    expect(r.gaps.every((g) => !g.hard)).toBe(true);
  });

  it("explains each factor in its detail", () => {
    const r = scoreMatch(
      need(),
      supplier({
        capabilities: [cap({ monthlyCapacity: 150 })],
        certifications: [cert("ISO_9001", "2024-01-01", null), cert("SNI", "2020-01-01", "2021-01-01")],
        delivery: { lots: 200, onTime: 194, qty: 0, rejected: 0 },
      }),
    );
    expect(factorOf(r, "quality").detail).toContain("valid certificates: ISO_9001;");
    expect(factorOf(r, "capacity").detail).toBe("150 of 200 PCS a month");
    expect(factorOf(r, "delivery").detail).toBe("194 of 200 lots on time; smoothed 95.5%");
    expect(factorOf(r, "proximity").detail).toBe("the need names no place");
  });

  it("reports no gap when nothing is lacking", () => {
    expect(scoreMatch(need(), supplier()).gaps).toEqual([]);
  });

  it("measures the distance by great circle", () => {
    expect(haversineKm(SOLO.latitude, SOLO.longitude, SOLO.latitude, SOLO.longitude)).toBe(0);
    expect(haversineKm(SOLO.latitude, SOLO.longitude, northOfSolo(100).latitude, SOLO.longitude)).toBeCloseTo(100, 6);
    // A quarter of a meridian: pi/2 x R.
    expect(haversineKm(0, 0, 90, 0)).toBeCloseTo((Math.PI / 2) * 6371.0088, 6);
    const r = scoreMatch(need({ ...SOLO }), supplier(northOfSolo(100)));
    expect(r.distanceKm).toBeCloseTo(100, 6);
    expect(scoreMatch(need({ ...SOLO }), supplier()).distanceKm).toBeNull();
  });
});

describe("weights and contributions", () => {
  const cases: Array<[string, NeedProfile, SupplierProfile]> = [
    ["base", need(), supplier()],
    ["located", need({ ...SOLO }), supplier(northOfSolo(30))],
    ["region preferred", need({ preferredRegionCode: "33" }), supplier({ regionCode: "34.01", stage: "MANDIRI" })],
    ["overridden", need({ weights: { cluster: 0.5, quality: 0 } }), supplier({ sentraProcesses: ["MACHINING_MANUAL"] })],
    ["ineligible", need({ processes: ["CASTING"], requiredCertifications: ["SNI"] }), supplier()],
  ];

  it.each(cases)("%s: weights sum to 1, contributions are value x weight and sum to the total", (_label, n, s) => {
    const r = scoreMatch(n, s);
    expect(r.factors.map((f) => f.factor)).toEqual([...FACTORS]);
    expect(sum(r.factors.map((f) => f.weight))).toBeCloseTo(1, 12);
    for (const f of r.factors) {
      expect(f.contribution).toBeCloseTo(f.value * f.weight, 12);
      expect(f.value).toBeGreaterThanOrEqual(0);
      expect(f.value).toBeLessThanOrEqual(100);
    }
    expect(r.total).toBeCloseTo(sum(r.factors.map((f) => f.contribution)), 10);
    expect(r.band).toBe(bandOf(r.total));
  });

  it("defaults sum to 1", () => {
    expect(sum(FACTORS.map((f) => MATCHING.weights[f]))).toBeCloseTo(1, 12);
  });

  it("uses the defaults as they are when the need has a location", () => {
    const r = scoreMatch(need({ ...SOLO }), supplier(SOLO));
    for (const f of r.factors) {
      expect(f.weight).toBeCloseTo(MATCHING.weights[f.factor], 12);
      expect(f.applicable).toBe(true);
    }
  });

  it("gives proximity weight 0 (not applicable) when the need has no location and no preferred region", () => {
    const r = scoreMatch(need(), supplier(SOLO));
    const proximity = factorOf(r, "proximity");
    expect(proximity).toMatchObject({ weight: 0, contribution: 0, applicable: false });
    expect(r.factors.filter((f) => f.factor !== "proximity").every((f) => f.applicable)).toBe(true);
    // The other defaults renormalised over 0.9.
    expect(factorOf(r, "capabilityFit").weight).toBeCloseTo(0.25 / 0.9, 12);
    expect(factorOf(r, "capacity").weight).toBeCloseTo(0.15 / 0.9, 12);
    expect(factorOf(r, "quality").weight).toBeCloseTo(0.2 / 0.9, 12);
    expect(factorOf(r, "delivery").weight).toBeCloseTo(0.15 / 0.9, 12);
    expect(factorOf(r, "stage").weight).toBeCloseTo(0.1 / 0.9, 12);
    expect(factorOf(r, "cluster").weight).toBeCloseTo(0.05 / 0.9, 12);
  });

  it("applies proximity when only a preferred region is given", () => {
    const r = scoreMatch(need({ preferredRegionCode: "33.10" }), supplier());
    expect(factorOf(r, "proximity")).toMatchObject({ applicable: true, value: 100 });
    expect(factorOf(r, "proximity").weight).toBeCloseTo(0.1, 12);
  });
});

describe("weight overrides", () => {
  const allZero = { capabilityFit: 0, capacity: 0, quality: 0, delivery: 0, stage: 0, proximity: 0, cluster: 0 };

  it.each<[string, Partial<NeedProfile>, Partial<Record<Factor, number>>]>([
    ["{capabilityFit: 2, capacity: 2}, rest 0", { weights: { ...allZero, capabilityFit: 2, capacity: 2 } }, { capabilityFit: 0.5, capacity: 0.5 }],
    ["{proximity: 1}, rest 0, located", { ...SOLO, weights: { ...allZero, proximity: 1 } }, { proximity: 1 }],
    ["{quality: 3, delivery: 1}, rest 0", { weights: { ...allZero, quality: 3, delivery: 1 } }, { quality: 0.75, delivery: 0.25 }],
    // Partial override on top of the defaults: raw sum 1 - 0.05 + 0.15 = 1.1.
    ["{cluster: 0.15} over the defaults, located", { ...SOLO, weights: { cluster: 0.15 } }, { capabilityFit: 0.25 / 1.1, capacity: 0.15 / 1.1, quality: 0.2 / 1.1, delivery: 0.15 / 1.1, stage: 0.1 / 1.1, proximity: 0.1 / 1.1, cluster: 0.15 / 1.1 }],
    // Proximity cannot apply without a place, whatever the override says: 0.25 + 0.15 + 0.2 + 0.15 + 0.1 + 0.05 = 0.9.
    ["{proximity: 0.5} with no place", { weights: { proximity: 0.5 } }, { capabilityFit: 0.25 / 0.9, capacity: 0.15 / 0.9, quality: 0.2 / 0.9, delivery: 0.15 / 0.9, stage: 0.1 / 0.9, proximity: 0, cluster: 0.05 / 0.9 }],
  ])("normalises %s", (_label, needOverrides, expected) => {
    const w = effectiveWeights(need(needOverrides));
    for (const f of FACTORS) expect(w[f], f).toBeCloseTo(expected[f] ?? 0, 12);
    expect(sum(FACTORS.map((f) => w[f]))).toBeCloseTo(1, 12);
  });

  it("scores with the normalised override: {capabilityFit: 2, capacity: 2} -> 0.5 x 80 + 0.5 x 75", () => {
    const r = scoreMatch(
      need({ weights: { ...allZero, capabilityFit: 2, capacity: 2 } }),
      supplier({ capabilities: [cap({ toleranceMm: 0.1, monthlyCapacity: 150 })], stage: "MANDIRI" }),
    );
    expect(r.total).toBeCloseTo(77.5, 10);
  });

  it("ranks the nearest supplier first when only proximity weighs", () => {
    const star = { stage: "MANDIRI" as const, fiveRPercent: 100, certifications: [cert("IATF_16949", "2020-01-01", null)], delivery: { lots: 500, onTime: 500, qty: 100_000, rejected: 10 } };
    const suppliers = [
      supplier({ id: sid(1), ...northOfSolo(60) }),
      supplier({ id: sid(2), ...northOfSolo(200), ...star }),
      supplier({ id: sid(3), ...northOfSolo(10), stage: "PEMULA" }),
    ];
    const byDefault = rankSuppliers(need({ ...SOLO }), suppliers, { first: 10 });
    expect(ids(byDefault.results)[0]).toBe(sid(2));
    const byProximity = rankSuppliers(need({ ...SOLO, weights: { ...allZero, proximity: 1 } }), suppliers, { first: 10 });
    expect(ids(byProximity.results)).toEqual([sid(3), sid(1), sid(2)]);
    // With proximity alone, the total is the proximity value: 100 x 0.5^(10/100).
    expect(byProximity.results[0].total).toBeCloseTo(100 * 0.5 ** 0.1, 6);
  });
});

// ---- smoothing -----------------------------------------------------------------------------------

describe("smoothing: no data is not perfect data", () => {
  const fresh = supplier({ id: sid(1), delivery: { lots: 1, onTime: 1, qty: 0, rejected: 0 } });
  const veteran = supplier({ id: sid(2), delivery: { lots: 200, onTime: 194, qty: 0, rejected: 0 } });

  it("one on-time lot scores lower on delivery than 200 lots at 97%", () => {
    const a = scoreMatch(need(), fresh);
    const b = scoreMatch(need(), veteran);
    expect(factorOf(a, "delivery").value).toBeLessThan(factorOf(b, "delivery").value);
    expect(a.total).toBeLessThan(b.total);
  });

  it("ranks the veteran above the newcomer although the newcomer's id comes first", () => {
    expect(ids(rankSuppliers(need(), [fresh, veteran], { first: 10 }).results)).toEqual([sid(2), sid(1)]);
  });

  it("no record sits at the prior, below a long good record and above a long bad one", () => {
    expect(deliveryValue(0, 0)).toBeCloseTo(60, 10);
    expect(deliveryValue(0, 0)).toBeLessThan(deliveryValue(200, 194));
    expect(deliveryValue(0, 0)).toBeGreaterThan(deliveryValue(200, 140));
  });

  it("a few perfect pieces score lower on quality than many pieces at 1% rejects", () => {
    const few = supplier({ id: sid(1), delivery: { lots: 10, onTime: 10, qty: 100, rejected: 0 } });
    const many = supplier({ id: sid(2), delivery: { lots: 10, onTime: 10, qty: 100_000, rejected: 1_000 } });
    const a = scoreMatch(need(), few);
    const b = scoreMatch(need(), many);
    // 60/2100 = 2.857% -> 71.43 and 1060/102000 = 1.039% -> 89.61, each x 0.3 plus 15.
    expect(factorOf(a, "quality").value).toBeCloseTo(15 + 0.3 * 71.428571, 4);
    expect(factorOf(a, "quality").value).toBeLessThan(factorOf(b, "quality").value);
    expect(a.total).toBeLessThan(b.total);
  });
});

// ---- bands ---------------------------------------------------------------------------------------

describe("bands", () => {
  it.each([
    [100, "EXCELLENT"],
    [80, "EXCELLENT"],
    [79.999, "GOOD"],
    [65, "GOOD"],
    [64.999, "FAIR"],
    [50, "FAIR"],
    [49.999, "POOR"],
    [0, "POOR"],
  ] as const)("%d is %s", (total, band) => {
    expect(bandOf(total)).toBe(band);
  });

  it.each([
    ["EXCELLENT", [80, Infinity]],
    ["GOOD", [65, 80]],
    ["FAIR", [50, 65]],
    ["POOR", [-Infinity, 50]],
  ] as const)("bandRange(%s) is %j", (band, range) => {
    expect(bandRange(band)).toEqual(range);
  });

  it("puts every total in the range of its own band, lower bound inclusive", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (total) => {
        const [lo, hi] = bandRange(bandOf(total));
        expect(total).toBeGreaterThanOrEqual(lo);
        expect(total).toBeLessThan(hi);
      }),
    );
  });
});

// ---- ranking -------------------------------------------------------------------------------------

describe("ranking", () => {
  it("breaks ties on the IKM id, ascending", () => {
    const suppliers = [supplier({ id: sid(3) }), supplier({ id: sid(1) }), supplier({ id: sid(2) })];
    const r = rankSuppliers(need(), suppliers, { first: 10 });
    expect(ids(r.results)).toEqual([sid(1), sid(2), sid(3)]);
    expect(new Set(r.results.map((x) => x.total)).size).toBe(1);
  });

  it("breaks ties on the id as a string, not on input order", () => {
    const suppliers = [supplier({ id: "b" }), supplier({ id: "ab" }), supplier({ id: "a" }), supplier({ id: "B" })];
    expect(ids(rankSuppliers(need(), suppliers, { first: 10 }).results)).toEqual(["B", "a", "ab", "b"]);
  });

  // Nine eligible suppliers, with ties at 100 and 75 capacity.
  const capacities = [200, 150, 200, 100, 150, 0, 50, 200, 150];
  const pool = capacities.map((c, i) => supplier({ id: sid(9 - i), capabilities: [cap({ monthlyCapacity: c })] }));
  // Supplier sid(9 - i) has capacities[i]: 200 -> 2, 7, 9; 150 -> 1, 5, 8; 100 -> 6; 50 -> 3; 0 -> 4.
  const expectedOrder = [sid(2), sid(7), sid(9), sid(1), sid(5), sid(8), sid(6), sid(3), sid(4)];

  it("orders by total descending, then id", () => {
    const r = rankSuppliers(need(), pool, { first: 100 });
    const byCapacity = new Map(pool.map((s) => [s.id, s.capabilities[0].monthlyCapacity]));
    const got = ids(r.results);
    // Capacity is the only difference, so higher capacity ranks first; ties in id order.
    const expected = [...pool]
      .sort((a, b) => byCapacity.get(b.id)! - byCapacity.get(a.id)! || (a.id < b.id ? -1 : 1))
      .map((s) => s.id);
    expect(got).toEqual(expected);
    expect(got).toEqual(expectedOrder);
    expect(r.totalCount).toBe(9);
    expect(r.hasNextPage).toBe(false);
  });

  it("gives the same output whatever the input order", () => {
    const reference = rankSuppliers(need(), pool, { first: 100 });
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: pool.length, maxLength: pool.length }), (shuffled) => {
        expect(rankSuppliers(need(), shuffled, { first: 100 })).toEqual(reference);
      }),
    );
    expect(rankSuppliers(need(), [...pool].reverse(), { first: 100 })).toEqual(reference);
  });

  it.each([1, 2, 3, 4, 8, 9, 20])("walks every supplier exactly once, in order, with pages of %i", (first) => {
    const all = ids(rankSuppliers(need(), pool, { first: 100 }).results);
    const walked = ids(walk(need(), pool, first));
    expect(walked).toEqual(all);
    expect(new Set(walked).size).toBe(pool.length);
  });

  it("reports pages and counts", () => {
    const page1 = rankSuppliers(need(), pool, { first: 4 });
    expect(page1.results).toHaveLength(4);
    expect(page1.totalCount).toBe(9);
    expect(page1.hasNextPage).toBe(true);
    const last = page1.results[3];
    const page2 = rankSuppliers(need(), pool, { first: 4, after: { total: last.total, id: last.supplierId } });
    expect(ids(page2.results)).toEqual(expectedOrder.slice(4, 8));
    expect(page2.totalCount).toBe(9);
    expect(page2.hasNextPage).toBe(true);
    const end = rankSuppliers(need(), pool, { first: 4, after: { total: -1, id: "" } });
    expect(end.results).toEqual([]);
    expect(end.hasNextPage).toBe(false);
    expect(end.totalCount).toBe(9);
  });

  it("starts after a cursor that is not a returned result", () => {
    // The three suppliers at capacity 150 tie; a cursor id just after the first of them.
    const ranked = rankSuppliers(need(), pool, { first: 100 }).results;
    const tied = ranked.filter((r) => r.total === ranked[3].total);
    expect(tied.length).toBeGreaterThan(1);
    const r = rankSuppliers(need(), pool, { first: 100, after: { total: tied[0].total, id: `${tied[0].supplierId}z` } });
    expect(ids(r.results)).toEqual(ids(ranked).slice(ranked.indexOf(tied[0]) + 1));
  });
});

describe("ranking filters", () => {
  // The need asks for MADYA or above; totals computed as in the base case (no place, /0.9).
  const n = need({ minimumStage: "MADYA" });
  const s1 = supplier({ id: sid(1) }); // 68, GOOD
  const s2 = supplier({
    id: sid(2),
    regionCode: "33.72",
    stage: "MANDIRI",
    certifications: [cert("IATF_16949", "2020-01-01", null), cert("ISO_9001", "2020-01-01", null)],
    fiveRPercent: 100,
    delivery: { lots: 1000, onTime: 1000, qty: 100_000, rejected: 0 },
    sentraIds: ["sentra-ceper"],
    sentraProcesses: ["MACHINING_MANUAL"],
  }); // ~97.6, EXCELLENT
  const s3 = supplier({
    id: sid(3),
    regionCode: "34.01",
    capabilities: [cap({ monthlyCapacity: 50, toleranceMm: 0.2 })],
    koperasiIds: ["kop-1"],
    foundationIds: ["ydba", "lpb-solo"],
    koperasiPeerProcesses: ["MACHINING_MANUAL"],
  }); // (17.5 + 3.75 + 7.2 + 9 + 5 + 2) / 0.9 = 49.39, POOR
  const s4 = supplier({ id: sid(4), stage: "PRAMANDIRI", capabilities: [cap({ monthlyCapacity: 100 })] }); // 56.2 / 0.9 = 62.44, FAIR
  const s5 = supplier({ id: sid(5), capabilities: [cap({ process: "CASTING" })] }); // no shared process
  const s6 = supplier({ id: sid(6), stage: "PEMULA", sentraIds: ["sentra-ceper"] }); // near-miss: stage only; 65.2, GOOD
  const pool = [s6, s5, s4, s3, s2, s1];

  it("scores the fixture as intended", () => {
    const bands = Object.fromEntries(pool.map((s) => [s.id, scoreMatch(n, s)]));
    expect(bands[sid(1)].total).toBeCloseTo(68, 10);
    expect(bands[sid(3)].total).toBeCloseTo(44.45 / 0.9, 10);
    expect(bands[sid(4)].total).toBeCloseTo(56.2 / 0.9, 10);
    expect(pool.map((s) => [bands[s.id].band, bands[s.id].eligible, bands[s.id].nearMiss])).toEqual([
      ["GOOD", false, true], // (25 + 15 + 7.2 + 9 + 2.5) / 0.9 = 65.2
      [expect.any(String), false, false],
      ["FAIR", true, false],
      ["POOR", true, false],
      ["EXCELLENT", true, false],
      ["GOOD", true, false],
    ]);
  });

  it.each<[string, MatchFilter, string[]]>([
    ["no filter: eligible only", {}, [sid(2), sid(1), sid(4), sid(3)]],
    ["eligibility ELIGIBLE", { eligibility: "ELIGIBLE" }, [sid(2), sid(1), sid(4), sid(3)]],
    ["eligibility NEAR_MISS", { eligibility: "NEAR_MISS" }, [sid(6)]],
    ["province 33", { regionCode: "33" }, [sid(2), sid(1), sid(4)]],
    ["regency 33.10", { regionCode: "33.10" }, [sid(1), sid(4)]],
    ["province 34", { regionCode: "34" }, [sid(3)]],
    ["regency 33.7 is no prefix", { regionCode: "33.7" }, []],
    ["band GOOD", { bands: ["GOOD"] }, [sid(1)]],
    ["bands EXCELLENT and POOR", { bands: ["EXCELLENT", "POOR"] }, [sid(2), sid(3)]],
    ["empty band list filters nothing", { bands: [] }, [sid(2), sid(1), sid(4), sid(3)]],
    ["stage MANDIRI", { stages: ["MANDIRI"] }, [sid(2)]],
    ["stage MADYA", { stages: ["MADYA"] }, [sid(1), sid(3)]],
    ["sentra", { sentraId: "sentra-ceper" }, [sid(2)]],
    ["sentra, near-miss", { sentraId: "sentra-ceper", eligibility: "NEAR_MISS" }, [sid(6)]],
    ["koperasi", { koperasiId: "kop-1" }, [sid(3)]],
    ["unknown koperasi", { koperasiId: "kop-9" }, []],
    ["mentees of a foundation", { foundationId: "ydba" }, [sid(3)]],
    ["mentees of a regional centre", { foundationId: "lpb-solo" }, [sid(3)]],
    ["mentees of another foundation", { foundationId: "lpb-sidoarjo" }, []],
    ["near-miss in province 34", { eligibility: "NEAR_MISS", regionCode: "34" }, []],
    ["province 33 and band FAIR", { regionCode: "33", bands: ["FAIR"] }, [sid(4)]],
  ])("%s", (_label, filter, expected) => {
    const r = rankSuppliers(n, pool, { first: 100, filter });
    expect(ids(r.results)).toEqual(expected);
    expect(r.totalCount).toBe(expected.length);
    expect(ids(walk(n, pool, 1, filter))).toEqual(expected);
  });
});

// ---- properties ----------------------------------------------------------------------------------

const PROCESSES: Process[] = ["CASTING", "MACHINING_MANUAL", "MACHINING_CNC", "WELDING_FABRICATION", "STAMPING"];
const CERT_TYPES: CertificationType[] = ["ISO_9001", "ISO_14001", "IATF_16949", "SNI", "HALAL", "TKDN", "OTHER"];
const MATERIALS = ["baja", "steel", "besi cor", "cast iron", "aluminium", "kuningan", "ABS", "bambu"];
const UNITS: QuantityUnit[] = ["PCS", "KG"];
const REGIONS = ["33.10", "33.72", "34.01", "35.78"];

const latArb = fc.double({ min: -8.5, max: -6, noNaN: true });
const lonArb = fc.double({ min: 106, max: 112, noNaN: true });
const locationArb = fc.option(fc.record({ latitude: latArb, longitude: lonArb }), { nil: null });

const certArb: fc.Arbitrary<Certificate> = fc
  .record({
    type: fc.constantFrom(...CERT_TYPES),
    from: fc.integer({ min: -1500, max: 500 }),
    length: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
  })
  .map(({ type, from, length }) => ({ type, validFrom: START + from, validUntil: length == null ? null : START + from + length }));

const capArb: fc.Arbitrary<Capability> = fc.record({
  process: fc.constantFrom(...PROCESSES),
  materials: fc.subarray(MATERIALS),
  toleranceMm: fc.option(fc.constantFrom(0.01, 0.02, 0.05, 0.1, 0.5), { nil: null }),
  monthlyCapacity: fc.integer({ min: 0, max: 5000 }),
  unit: fc.constantFrom(...UNITS),
});

const holdArb: fc.Arbitrary<SupplierProfile["commitments"][number]> = fc
  .record({
    process: fc.constantFrom(...PROCESSES),
    unit: fc.constantFrom(...UNITS),
    quantityPerMonth: fc.integer({ min: 1, max: 3000 }),
    from: fc.integer({ min: -400, max: 400 }),
    length: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
    own: fc.boolean(),
  })
  .map(({ from, length, own, ...rest }) => ({ ...rest, startDay: START + from, endDay: length == null ? null : START + from + length, needId: own ? "need-p" : null }));

const countsArb = (max: number) =>
  fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).map(([a, b]) => [Math.max(a, b), Math.min(a, b)] as const);

const supplierArb: fc.Arbitrary<SupplierProfile> = fc
  .record({
    id: fc.uuid(),
    stage: fc.constantFrom(...STAGE_ORDER),
    regionCode: fc.constantFrom(...REGIONS),
    location: locationArb,
    capabilities: fc.uniqueArray(capArb, { selector: (c) => c.process, maxLength: 4 }),
    certifications: fc.array(certArb, { maxLength: 4 }),
    commitments: fc.array(holdArb, { maxLength: 4 }),
    fiveRPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    lots: countsArb(300),
    pieces: countsArb(50_000),
    sentraProcesses: fc.subarray(PROCESSES),
    koperasiPeerProcesses: fc.subarray(PROCESSES),
    sentraIds: fc.subarray(["s1", "s2"]),
    koperasiIds: fc.subarray(["k1", "k2"]),
    foundationIds: fc.subarray(["f1"]),
  })
  .map(({ location, lots, pieces, ...rest }) => ({
    ...rest,
    latitude: location?.latitude ?? null,
    longitude: location?.longitude ?? null,
    delivery: { lots: lots[0], onTime: lots[1], qty: pieces[0], rejected: pieces[1] },
  }));

const weightArb = fc.double({ min: 0, max: 3, noNaN: true });
const needArb: fc.Arbitrary<NeedProfile> = fc
  .record({
    processes: fc.uniqueArray(fc.constantFrom(...PROCESSES), { minLength: 1, maxLength: 3 }),
    materials: fc.subarray(MATERIALS, { maxLength: 3 }),
    quantityPerMonth: fc.integer({ min: 1, max: 5000 }),
    unit: fc.constantFrom(...UNITS),
    toleranceMm: fc.option(fc.constantFrom(0.01, 0.05, 0.1), { nil: null }),
    toleranceCritical: fc.boolean(),
    maxRejectPpm: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    requiredCertifications: fc.subarray(CERT_TYPES, { maxLength: 2 }),
    minimumStage: fc.constantFrom(...STAGE_ORDER),
    preferredRegionCode: fc.option(fc.constantFrom("33", "33.10", "34.01"), { nil: null }),
    location: locationArb,
    radiusKm: fc.option(fc.integer({ min: 10, max: 400 }), { nil: null }),
    weights: fc.option(
      fc.record(
        { capabilityFit: weightArb, capacity: weightArb, quality: weightArb, delivery: weightArb, stage: weightArb, proximity: weightArb, cluster: weightArb },
        { requiredKeys: [] },
      ),
      { nil: null },
    ),
  })
  .map(({ location, ...rest }) => ({
    id: "need-p",
    startDate: START,
    ...rest,
    latitude: location?.latitude ?? null,
    longitude: location?.longitude ?? null,
  }));

/** A certificate valid on START: from up to 3 years before to open-ended or up to 3 years after. */
const validCertArb: fc.Arbitrary<Certificate> = fc
  .record({
    type: fc.constantFrom(...CERT_TYPES),
    before: fc.integer({ min: 0, max: 1100 }),
    after: fc.option(fc.integer({ min: 0, max: 1100 }), { nil: null }),
  })
  .map(({ type, before, after }) => ({ type, validFrom: START - before, validUntil: after == null ? null : START + after }));

const sortedByTotalThenId = (rs: MatchResult[]) =>
  rs.every((r, i) => i === 0 || rs[i - 1].total > r.total || (rs[i - 1].total === r.total && rs[i - 1].supplierId < r.supplierId));

describe("properties", () => {
  it("adding a certificate valid on the start date never lowers the total nor costs eligibility", () => {
    fc.assert(
      fc.property(needArb, supplierArb, validCertArb, (n, s, c) => {
        const before = scoreMatch(n, s);
        const after = scoreMatch(n, { ...s, certifications: [...s.certifications, c] });
        expect(after.total).toBeGreaterThanOrEqual(before.total);
        expect(factorOf(after, "quality").value).toBeGreaterThanOrEqual(factorOf(before, "quality").value);
        if (before.eligible) expect(after.eligible).toBe(true);
        // A required type it now holds validly is met.
        if (n.requiredCertifications.includes(c.type)) {
          expect(after.requirements.find((r) => r.kind === "CERTIFICATION" && r.subject === c.type)?.met).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("raising a monthly capacity never lowers the capacity value nor the total", () => {
    fc.assert(
      fc.property(
        needArb,
        supplierArb.filter((s) => s.capabilities.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 10_000 }),
        (n, s, pick, extra) => {
          const i = pick % s.capabilities.length;
          const raised = { ...s, capabilities: s.capabilities.map((c, j) => (j === i ? { ...c, monthlyCapacity: c.monthlyCapacity + extra } : c)) };
          const before = scoreMatch(n, s);
          const after = scoreMatch(n, raised);
          expect(factorOf(after, "capacity").value).toBeGreaterThanOrEqual(factorOf(before, "capacity").value);
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          expect(after.eligible).toBe(before.eligible);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps the total within 0..100, equal to the sum of contributions (held at the cap's ceiling when capped), with weights summing to 1", () => {
    fc.assert(
      fc.property(needArb, supplierArb, (n, s) => {
        const r = scoreMatch(n, s);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100 + 1e-9);
        const contributions = sum(r.factors.map((f) => f.contribution));
        expect(r.total).toBeCloseTo(r.capped ? Math.min(contributions, MATCHING.caps.ceiling) : contributions, 9);
        if (r.capped) expect(r.band).not.toBe("EXCELLENT");
        expect(sum(r.factors.map((f) => f.weight))).toBeCloseTo(1, 9);
        for (const f of r.factors) {
          expect(f.value).toBeGreaterThanOrEqual(0);
          expect(f.value).toBeLessThanOrEqual(100);
        }
        expect(r.band).toBe(bandOf(r.total));
        expect(r.eligible).toBe(r.requirements.every((c) => c.met));
        expect(r.gaps.filter((g) => g.hard)).toHaveLength(r.requirements.filter((c) => !c.met).length);
      }),
      { numRuns: 500 },
    );
  });

  it("ranks by total descending then id, whatever the input order", () => {
    const poolArb = fc
      .tuple(fc.uniqueArray(supplierArb, { selector: (s) => s.id, maxLength: 12 }), fc.nat({ max: 4 }))
      // Clones under new ids, to make sure ties occur.
      .map(([ss, clones]) => [...ss, ...ss.slice(0, clones).map((s) => ({ ...s, id: `${s.id}-clone` }))])
      .chain((ss) => fc.tuple(fc.constant(ss), fc.shuffledSubarray(ss, { minLength: ss.length, maxLength: ss.length })));
    fc.assert(
      fc.property(needArb, poolArb, fc.constantFrom<MatchFilter>({}, { eligibility: "NEAR_MISS" }), (n, [ss, shuffled], filter) => {
        const a = rankSuppliers(n, ss, { first: 1000, filter });
        const b = rankSuppliers(n, shuffled, { first: 1000, filter });
        expect(sortedByTotalThenId(a.results)).toBe(true);
        expect(b).toEqual(a);
        const wanted = ss.map((s) => scoreMatch(n, s)).filter((r) => (filter.eligibility === "NEAR_MISS" ? r.nearMiss : r.eligible));
        expect(a.totalCount).toBe(wanted.length);
        expect(ids(walk(n, shuffled, 4, filter))).toEqual(ids(a.results));
      }),
      { numRuns: 100 },
    );
  });

  it("more on-time lots out of the same total never lowers delivery", () => {
    fc.assert(
      fc.property(needArb, supplierArb, fc.integer({ min: 0, max: 2000 }), fc.nat(), fc.nat(), (n, s, lots, x, y) => {
        const lo = Math.min(x, y) % (lots + 1);
        const hi = Math.max(lo, Math.max(x, y) % (lots + 1));
        const worse = scoreMatch(n, { ...s, delivery: { ...s.delivery, lots, onTime: lo } });
        const better = scoreMatch(n, { ...s, delivery: { ...s.delivery, lots, onTime: hi } });
        expect(factorOf(better, "delivery").value).toBeGreaterThanOrEqual(factorOf(worse, "delivery").value);
        expect(better.total).toBeGreaterThanOrEqual(worse.total);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic: scoring the same data twice gives equal results", () => {
    fc.assert(
      fc.property(needArb, supplierArb, (n, s) => {
        expect(scoreMatch(n, structuredClone(s))).toEqual(scoreMatch(n, s));
      }),
    );
  });
});
