/**
 * Issue 16's matching rules at their boundaries, on the pure scorer: free capacity (stated less what
 * ACTIVE partnerships hold over the need's period), critical and soft tolerance, the reject-rate
 * limit. engine.test.ts holds the column engine to the same rankings.
 */
import { describe, expect, it } from "vitest";
import { scoreMatch } from "../../src/core/matching/scorer.js";
import { type Day, type MatchResult, type NeedProfile, type SupplierProfile, toDay } from "../../src/core/matching/types.js";
import { committedFor, peakHeld } from "../../src/core/supply/capacity.js";
import { fmt } from "../../src/core/matching/requirements.js";

const day = (iso: string): Day => toDay(new Date(`${iso}T00:00:00Z`));
const START = day("2027-03-01");

function supplier(overrides: Partial<SupplierProfile> = {}): SupplierProfile {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    stage: "MANDIRI",
    regionCode: "33.10",
    latitude: null,
    longitude: null,
    capabilities: [{ process: "STAMPING", materials: ["baja"], toleranceMm: 0.02, monthlyCapacity: 30_000, unit: "PCS" }],
    certifications: [{ type: "IATF_16949", validFrom: day("2024-01-01"), validUntil: null }],
    commitments: [],
    fiveRPercent: 95,
    delivery: { lots: 400, onTime: 398, qty: 1_000_000, rejected: 100 },
    sentraProcesses: ["STAMPING"],
    koperasiPeerProcesses: ["STAMPING"],
    sentraIds: [],
    koperasiIds: [],
    foundationIds: [],
    ...overrides,
  };
}

function need(overrides: Partial<NeedProfile> = {}): NeedProfile {
  return {
    id: "need-1",
    processes: ["STAMPING"],
    materials: ["baja"],
    quantityPerMonth: 12_000,
    unit: "PCS",
    toleranceMm: 0.02,
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

const hold = (quantityPerMonth: number, startDay: number, endDay: number | null, needId: string | null = null) =>
  ({ process: "STAMPING" as const, unit: "PCS" as const, quantityPerMonth, startDay, endDay, needId });
const capacity = (r: MatchResult) => r.factors.find((f) => f.factor === "capacity")!;

describe("free capacity", () => {
  it("is exactly enough at stated less committed equal to the need: full value, no gap", () => {
    const r = scoreMatch(need(), supplier({ commitments: [hold(18_000, day("2027-01-01"), null)] }));
    expect(capacity(r).value).toBe(100);
    expect(r.gaps.filter((g) => g.kind === "CAPACITY")).toEqual([]);
    expect(capacity(r).detail).toBe("capacity 12,000 free of 30,000 PCS a month; 18,000 committed or reserved; the need asks 12,000");
  });

  it("one short: a capacity gap of 1 that says how much is committed", () => {
    const r = scoreMatch(need(), supplier({ commitments: [hold(18_001, day("2027-01-01"), null)] }));
    expect(capacity(r).value).toBeCloseTo((11_999 / 12_000) * 100, 10);
    const gap = r.gaps.find((g) => g.kind === "CAPACITY")!;
    expect(gap.shortfall).toBe(1);
    expect(gap.message).toBe("makes 11,999 of 12,000 PCS a month; 1 short (18,001 of its 30,000 committed or reserved elsewhere)");
  });

  it("a partnership ending the day before the start holds nothing; one ending on the start day holds its quantity", () => {
    const before = scoreMatch(need(), supplier({ commitments: [hold(24_000, day("2026-01-01"), START - 1)] }));
    expect(capacity(before).detail).toBe("30,000 of 12,000 PCS a month");
    const on = scoreMatch(need(), supplier({ commitments: [hold(24_000, day("2026-01-01"), START)] }));
    expect(capacity(on).detail).toBe("capacity 6,000 free of 30,000 PCS a month; 24,000 committed or reserved; the need asks 12,000");
    expect(capacity(on).value).toBe(50);
  });

  it("the judged case: 24,000 of 30,000 committed ranks below a 15,000 supplier for a 12,000 need", () => {
    const committed = scoreMatch(need(), supplier({ commitments: [hold(24_000, day("2027-01-01"), null)] }));
    const smaller = scoreMatch(need(), supplier({ id: "00000000-0000-4000-8000-000000000002", capabilities: [{ ...supplier().capabilities[0], monthlyCapacity: 15_000 }] }));
    expect(smaller.total).toBeGreaterThan(committed.total);
  });

  it("leaves out the need's own partnership, other units and other processes", () => {
    const n = need({ id: "need-own" });
    const s = supplier({
      commitments: [hold(24_000, day("2027-01-01"), null, "need-own"), { ...hold(24_000, day("2027-01-01"), null), unit: "KG" }, { ...hold(24_000, day("2027-01-01"), null), process: "CASTING" }],
    });
    expect(capacity(scoreMatch(n, s)).detail).toBe("30,000 of 12,000 PCS a month");
  });

  it("counts the busiest time over the period, not the sum; an end date bounds the period", () => {
    const holds = [hold(10_000, day("2026-01-01"), day("2027-05-31")), hold(10_000, day("2027-06-01"), null)];
    expect(committedFor(holds, "STAMPING", "PCS", { id: "n", startDate: START })).toBe(10_000);
    const overlapping = [hold(10_000, day("2026-01-01"), day("2027-06-01")), hold(10_000, day("2027-06-01"), null)];
    expect(committedFor(overlapping, "STAMPING", "PCS", { id: "n", startDate: START })).toBe(20_000);
    expect(committedFor(overlapping, "STAMPING", "PCS", { id: "n", startDate: START, endDate: day("2027-05-31") })).toBe(10_000);
    expect(peakHeld([], START)).toBe(0);
  });

  it("never goes below 0 when holds exceed the stated capacity", () => {
    const r = scoreMatch(need(), supplier({ commitments: [hold(40_000, day("2027-01-01"), null)] }));
    expect(capacity(r).value).toBe(0);
    expect(r.gaps.find((g) => g.kind === "CAPACITY")!.shortfall).toBe(12_000);
  });
});

describe("tolerance", () => {
  const holding = (toleranceMm: number | null) => supplier({ capabilities: [{ ...supplier().capabilities[0], toleranceMm }] });

  it("critical, held exactly: met, eligible, no gap", () => {
    const r = scoreMatch(need({ toleranceCritical: true }), holding(0.02));
    expect(r.requirements.find((q) => q.kind === "TOLERANCE")).toEqual({ kind: "TOLERANCE", met: true, subject: "0.02 mm", message: "holds ±0.02 mm for the critical ±0.02 mm" });
    expect(r.eligible).toBe(true);
    expect(r.gaps).toEqual([]);
  });

  it("critical, looser: not a candidate, a near miss naming the gap", () => {
    const r = scoreMatch(need({ toleranceCritical: true }), holding(0.1));
    expect(r.eligible).toBe(false);
    expect(r.nearMiss).toBe(true);
    expect(r.gaps).toEqual([{ kind: "TOLERANCE", hard: true, subject: "0.02 mm", message: "holds ±0.1 mm; the part needs ±0.02 mm (critical): 0.08 mm too loose", shortfall: null }]);
  });

  it("critical, unstated: not met", () => {
    const r = scoreMatch(need({ toleranceCritical: true }), holding(null));
    expect(r.eligible).toBe(false);
    expect(r.requirements.find((q) => q.kind === "TOLERANCE")!.message).toBe("states no tolerance; the part needs ±0.02 mm (critical)");
  });

  it("critical without a tolerance adds no requirement", () => {
    expect(scoreMatch(need({ toleranceCritical: true, toleranceMm: null }), holding(0.1)).requirements.map((q) => q.kind)).toEqual(["PROCESS"]);
  });

  it("soft, just within the cap (exactly 2x): costs points, band not capped", () => {
    const r = scoreMatch(need({ toleranceMm: 0.02 }), holding(0.04));
    expect(r.capped).toBe(false);
    expect(r.gaps.find((g) => g.kind === "TOLERANCE")!.message).toBe("holds ±0.04 mm; the part needs ±0.02 mm");
    expect(r.total).toBeGreaterThan(80); // still EXCELLENT on everything else
    expect(r.band).toBe("EXCELLENT");
  });

  it("soft, beyond the cap (the judged ±0.1 mm for ±0.02 mm): band capped below EXCELLENT and named", () => {
    const uncapped = scoreMatch(need({ toleranceMm: 0.02 }), holding(0.041));
    expect(uncapped.capped).toBe(true);
    const r = scoreMatch(need({ toleranceMm: 0.02 }), holding(0.1));
    expect(r.eligible).toBe(true);
    expect(r.capped).toBe(true);
    expect(r.band).toBe("GOOD");
    expect(r.total).toBeLessThanOrEqual(79.99);
    expect(r.gaps.find((g) => g.kind === "TOLERANCE")!.message).toBe("holds ±0.1 mm; the part needs ±0.02 mm: 5x looser, more than 2x, band capped below EXCELLENT");
  });
});

describe("reject rate", () => {
  const rejecting = (qty: number, rejected: number) => supplier({ delivery: { lots: 400, onTime: 398, qty, rejected } });
  const quality = (r: MatchResult) => r.factors.find((f) => f.factor === "quality")!;

  it("at the limit: not capped", () => {
    const r = scoreMatch(need({ maxRejectPpm: 1000 }), rejecting(1_000_000, 1000));
    expect(r.capped).toBe(false);
    expect(r.band).toBe("EXCELLENT");
    expect(r.gaps).toEqual([]);
    expect(quality(r).detail).toContain("rejects 0.1% of 1,000,000 pieces (1,000 ppm; the need accepts 1,000 ppm)");
  });

  it("above the limit (the judged 4.5% on a brake part): band capped, gap named", () => {
    const justAbove = scoreMatch(need({ maxRejectPpm: 1000 }), rejecting(1_000_000, 1001));
    expect(justAbove.capped).toBe(true);
    const r = scoreMatch(need({ maxRejectPpm: 1000 }), rejecting(10_000, 450));
    expect(r.capped).toBe(true);
    expect(r.band).not.toBe("EXCELLENT");
    expect(r.gaps).toEqual([{
      kind: "REJECT_RATE", hard: false, subject: "1000 ppm", shortfall: null,
      message: "rejects 45,000 ppm (4.5% of 10,000 pieces delivered); the need accepts 1,000 ppm: 44,000 ppm over, band capped below EXCELLENT",
    }]);
  });

  it("no delivery record: not a failure, and said so", () => {
    const r = scoreMatch(need({ maxRejectPpm: 1000 }), rejecting(0, 0));
    expect(r.capped).toBe(false);
    expect(r.gaps).toEqual([]);
    expect(quality(r).detail).toContain("rejects no delivery record; the need accepts 1,000 ppm, so not checked");
  });

  it("no limit stated: the record costs points only", () => {
    expect(scoreMatch(need(), rejecting(10_000, 450)).capped).toBe(false);
  });
});

describe("the cap's numbers", () => {
  it("hold a capped total inside GOOD, just below EXCELLENT", async () => {
    const { MATCHING, bandOf } = await import("../../src/core/matching/config.js");
    expect(MATCHING.caps.ceiling).toBeLessThan(MATCHING.bands.excellent);
    expect(bandOf(MATCHING.caps.ceiling)).toBe("GOOD");
  });
});

describe("fmt, the explanations' number format", () => {
  /** The regex it replaced, kept here as the reference. */
  const reference = (n: number, digits = 0): string => {
    const [whole, frac] = String(Number(n.toFixed(digits))).split(".");
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
  };

  it("puts thousands commas and rounds as before, for any sign, size and number of digits", () => {
    expect(fmt(12345.678, 2)).toBe("12,345.68");
    expect(fmt(-1234567)).toBe("-1,234,567");
    expect(fmt(999.5)).toBe("1,000");
    expect(fmt(0.05, 2)).toBe("0.05");
    let seed = 17;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const n = (next() - 0.3) * 10 ** Math.floor(next() * 12);
      const digits = Math.floor(next() * 4);
      expect(fmt(n, digits), `${n} ${digits}`).toBe(reference(n, digits));
    }
    for (const n of [0, -0, 1e21, -1.5e22, 123456789012, 1000, -1000, 100, -100]) expect(fmt(n, 1), String(n)).toBe(reference(n, 1));
  });
});
