/**
 * Issue 22: committed capacity over the need's whole period (start to end date), the tightest part
 * deciding, on the pure scorer and the column engine alike; the explanation says how much and from
 * when, never for whom.
 */
import { describe, expect, it } from "vitest";
import { ColumnBuilder } from "../../src/core/matching/index/columns.js";
import { compileQuery, scan } from "../../src/core/matching/index/engine.js";
import { scoreMatch } from "../../src/core/matching/scorer.js";
import { type Day, type MatchResult, type NeedProfile, type SupplierProfile, toDay } from "../../src/core/matching/types.js";
import { committedFor } from "../../src/core/supply/capacity.js";

const day = (iso: string): Day => toDay(new Date(`${iso}T00:00:00Z`));
const START = day("2027-03-01");
const END = day("2027-08-31");
const NEED_ID = "00000000-0000-4000-8000-00000000bbbb";

const hold = (quantityPerMonth: number, from: string, until: string | null, needId: string | null = null) =>
  ({ process: "STAMPING" as const, unit: "PCS" as const, quantityPerMonth, startDay: day(from), endDay: until ? day(until) : null, needId });
type Hold = ReturnType<typeof hold>;

function supplier(commitments: Hold[]): SupplierProfile {
  return {
    id: "00000000-0000-4000-8000-000000000001", stage: "MANDIRI", regionCode: "33.10", latitude: null, longitude: null,
    capabilities: [{ process: "STAMPING", materials: ["baja"], toleranceMm: 0.02, monthlyCapacity: 30_000, unit: "PCS" }],
    certifications: [], commitments, fiveRPercent: 95, delivery: { lots: 400, onTime: 398, qty: 1_000_000, rejected: 100 },
    sentraProcesses: [], koperasiPeerProcesses: [], sentraIds: [], koperasiIds: [], foundationIds: [],
  };
}

const need: NeedProfile = {
  id: NEED_ID, processes: ["STAMPING"], materials: ["baja"], quantityPerMonth: 12_000, unit: "PCS", toleranceMm: 0.02,
  requiredCertifications: [], minimumStage: "PEMULA", preferredRegionCode: null, latitude: null, longitude: null, radiusKm: null,
  startDate: START, endDate: END, weights: null,
};

function judged(commitments: Hold[]): MatchResult {
  const s = supplier(commitments);
  const r = scoreMatch(need, s);
  const builder = new ColumnBuilder(4);
  builder.append(s);
  const columns = builder.finish();
  const scanned = scan(columns, compileQuery(columns, need, { k: 5 }));
  expect(scanned.totals[0]).toBe(r.total);
  return r;
}
const committed = (holds: Hold[]) => committedFor(holds, "STAMPING", "PCS", need);
const capacity = (r: MatchResult) => r.factors.find((f) => f.factor === "capacity")!;

describe("committed capacity over the need's period", () => {
  it("counts partnerships overlapping the period only: one ending the day before the start or starting the day after the end holds nothing", () => {
    expect(committed([hold(20_000, "2026-01-01", "2027-02-28")])).toBe(0);
    expect(committed([hold(20_000, "2026-01-01", "2027-03-01")])).toBe(20_000);
    expect(committed([hold(20_000, "2027-09-01", null)])).toBe(0);
    expect(committed([hold(20_000, "2027-08-31", null)])).toBe(20_000);
    expect(capacity(judged([hold(20_000, "2027-09-01", null)])).detail).toBe("30,000 of 12,000 PCS a month");
  });

  it("the tightest part decides: months with and without commitments, sequential holds not summed, overlapping ones summed", () => {
    // March to May free, June to August 24,000 committed.
    const later = judged([hold(24_000, "2027-06-01", null)]);
    expect(capacity(later).detail).toBe("capacity 6,000 free of 30,000 PCS a month; 24,000 committed or reserved from 2027-06-01, the busiest part of the need's period; the need asks 12,000");
    expect(later.gaps.find((g) => g.kind === "CAPACITY")!.message).toBe(
      "makes 6,000 of 12,000 PCS a month; 6,000 short (24,000 of its 30,000 committed or reserved elsewhere from 2027-06-01, the busiest part of the need's period)");
    // One ends in April, the next starts in May: at most 15,000 at any one time.
    expect(committed([hold(15_000, "2026-01-01", "2027-04-30"), hold(10_000, "2027-05-01", null)])).toBe(15_000);
    expect(committed([hold(15_000, "2026-01-01", "2027-05-01"), hold(10_000, "2027-05-01", null)])).toBe(25_000);
    // Held from the start: no date to name.
    expect(capacity(judged([hold(24_000, "2026-01-01", null)])).detail).toBe("capacity 6,000 free of 30,000 PCS a month; 24,000 committed or reserved; the need asks 12,000");
    // The need's own partnership takes nothing from its ranking.
    expect(committed([hold(24_000, "2027-03-01", null, NEED_ID)])).toBe(0);
  });

  it("names no buyer or component: only quantities and dates", () => {
    const r = judged([hold(24_000, "2027-06-01", null)]);
    const words = [...r.factors.map((f) => f.detail), ...r.gaps.map((g) => g.message)].join(" ");
    expect(words).not.toMatch(/PT |firm|buyer|component/i);
  });
});
