/**
 * Issue 16's matching rules at their boundaries, on the pure scorer: free capacity (stated less what
 * ACTIVE partnerships hold over the need's period), critical and soft tolerance, the reject-rate
 * limit. engine.test.ts holds the column engine to the same rankings.
 */
import { describe, expect, it } from "vitest";
import { scoreMatch } from "../../src/core/matching/scorer.js";
import { type Day, type MatchResult, type NeedProfile, type SupplierProfile, toDay } from "../../src/core/matching/types.js";
import { committedFor, peakHeld } from "../../src/core/supply/capacity.js";

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
    expect(capacity(r).detail).toBe("capacity 12,000 free of 30,000 PCS a month; 18,000 committed; the need asks 12,000");
  });

  it("one short: a capacity gap of 1 that says how much is committed", () => {
    const r = scoreMatch(need(), supplier({ commitments: [hold(18_001, day("2027-01-01"), null)] }));
    expect(capacity(r).value).toBeCloseTo((11_999 / 12_000) * 100, 10);
    const gap = r.gaps.find((g) => g.kind === "CAPACITY")!;
    expect(gap.shortfall).toBe(1);
    expect(gap.message).toBe("makes 11,999 of 12,000 PCS a month; 1 short (18,001 of its 30,000 committed to other partnerships)");
  });

  it("a partnership ending the day before the start holds nothing; one ending on the start day holds its quantity", () => {
    const before = scoreMatch(need(), supplier({ commitments: [hold(24_000, day("2026-01-01"), START - 1)] }));
    expect(capacity(before).detail).toBe("30,000 of 12,000 PCS a month");
    const on = scoreMatch(need(), supplier({ commitments: [hold(24_000, day("2026-01-01"), START)] }));
    expect(capacity(on).detail).toBe("capacity 6,000 free of 30,000 PCS a month; 24,000 committed; the need asks 12,000");
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
