import { describe, expect, it } from "vitest";
import { MATCHING } from "../../src/core/matching/config.js";
import {
  type DeliveryMonth, monthOfDate, monthOfDay, onTimeTrendOf, recencyOf, rejectTrendOf, weightOf, worsening,
} from "../../src/core/matching/recency.js";
import { scoreMatch } from "../../src/core/matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../../src/core/matching/types.js";

const NOW = monthOfDate(new Date("2026-12-03T00:00:00Z"));
const H = MATCHING.recency.halfLifeMonths;

describe("month weights", () => {
  it("counts months since 1970-01 in UTC", () => {
    expect(monthOfDate(new Date("1970-01-31T23:59:59Z"))).toBe(0);
    expect(NOW).toBe(56 * 12 + 11);
    expect(monthOfDay(Date.UTC(2026, 11, 1) / 86_400_000)).toBe(NOW);
  });

  it("weighs the reference month (and future months) 1, the half-life 1/2, twice it 1/4", () => {
    expect(weightOf(0)).toBe(1);
    expect(weightOf(-3)).toBe(1);
    expect(weightOf(H)).toBe(0.5);
    expect(weightOf(2 * H)).toBe(0.25);
    expect(weightOf(H - 1)).toBeGreaterThan(0.5);
    expect(weightOf(H + 1)).toBeLessThan(0.5);
  });

  it("lets very old months fade but never turn negative or NaN", () => {
    expect(weightOf(10 * H)).toBeCloseTo(1 / 1024, 10);
    expect(weightOf(1200)).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(weightOf(1e6))).toBe(true);
  });
});

const month = (age: number, lots: number, onTime: number, qty: number, rejected: number): DeliveryMonth => ({ month: NOW - age, lots, onTime, qty, rejected });
/** 24 months, the recent 6 with one reject rate and on-time count, the 18 before with others. */
const history = (recentReject: number, earlierReject: number, recentOnTime = 10, earlierOnTime = 10): DeliveryMonth[] =>
  Array.from({ length: 24 }, (_, i) => {
    const age = 23 - i;
    const recent = age < MATCHING.recency.recentMonths;
    return month(age, 10, recent ? recentOnTime : earlierOnTime, 5000, Math.round(5000 * (recent ? recentReject : earlierReject)));
  });

describe("the recent window against the months before", () => {
  it("splits at the recent window: the reference month and the 5 before it are recent", () => {
    const r = recencyOf([month(5, 1, 1, 100, 0), month(6, 2, 2, 200, 0)], NOW);
    expect(r.recent).toEqual({ lots: 1, onTime: 1, qty: 100, rejected: 0 });
    expect(r.earlier).toEqual({ lots: 2, onTime: 2, qty: 200, rejected: 0 });
    expect(r.weighted.qty).toBeCloseTo(100 * weightOf(5) + 200 * weightOf(6), 9);
  });

  it("names improving, worsening and steady reject trends", () => {
    expect(recencyOf(history(0.002, 0.09), NOW).rejectTrend).toBe("IMPROVING");
    expect(recencyOf(history(0.09, 0.002), NOW).rejectTrend).toBe("WORSENING");
    expect(recencyOf(history(0.03, 0.035), NOW).rejectTrend).toBe("STEADY"); // 0.5 points but a ratio under 1.5
    expect(recencyOf(history(0.001, 0.004), NOW).rejectTrend).toBe("STEADY"); // 4x but only 0.3 points
  });

  it("names on-time trends by at least 10 points", () => {
    expect(recencyOf(history(0.01, 0.01, 7, 10), NOW).onTimeTrend).toBe("WORSENING");
    expect(recencyOf(history(0.01, 0.01, 10, 8), NOW).onTimeTrend).toBe("IMPROVING");
    expect(recencyOf(history(0.01, 0.01, 10, 10), NOW).onTimeTrend).toBe("STEADY");
  });

  it("says too little data when either window is thin", () => {
    expect(rejectTrendOf({ lots: 6, onTime: 6, qty: 1999, rejected: 200 }, { lots: 20, onTime: 20, qty: 50_000, rejected: 0 })).toBe("TOO_LITTLE_DATA");
    expect(onTimeTrendOf({ lots: 5, onTime: 0, qty: 0, rejected: 0 }, { lots: 50, onTime: 50, qty: 0, rejected: 0 })).toBe("TOO_LITTLE_DATA");
    const onlyRecent = recencyOf([month(0, 10, 10, 5000, 500)], NOW);
    expect([onlyRecent.rejectTrend, onlyRecent.onTimeTrend]).toEqual(["TOO_LITTLE_DATA", "TOO_LITTLE_DATA"]);
    expect(worsening(onlyRecent)).toBe(false);
  });
});

const need: NeedProfile = {
  id: "n", processes: ["MACHINING_CNC"], materials: [], quantityPerMonth: 100, unit: "PCS", toleranceMm: null,
  requiredCertifications: [], minimumStage: "PEMULA", preferredRegionCode: null, latitude: null, longitude: null, radiusKm: null,
  startDate: 20_000, weights: null,
};
function supplier(id: string, months: DeliveryMonth[] | null, totals?: SupplierProfile["delivery"]): SupplierProfile {
  const sum = (f: (m: DeliveryMonth) => number) => (months ?? []).reduce((a, m) => a + f(m), 0);
  return {
    id, stage: "MANDIRI", regionCode: "33.10", latitude: null, longitude: null,
    capabilities: [{ process: "MACHINING_CNC", materials: [], toleranceMm: null, monthlyCapacity: 1000, unit: "PCS" }],
    certifications: [{ type: "IATF_16949", validFrom: 0, validUntil: null }, { type: "ISO_9001", validFrom: 0, validUntil: null }],
    commitments: [], fiveRPercent: 100,
    delivery: totals ?? { lots: sum((m) => m.lots), onTime: sum((m) => m.onTime), qty: sum((m) => m.qty), rejected: sum((m) => m.rejected), recency: months ? recencyOf(months, NOW) : null },
    sentraProcesses: ["MACHINING_CNC"], koperasiPeerProcesses: ["MACHINING_CNC"], sentraIds: [], koperasiIds: [], foundationIds: [],
  };
}

describe("scoring with recency", () => {
  // Same totals (240 lots, 120,000 pieces, 3,600 rejects: 3%), opposite histories: the bad half-year two years ago or now.
  const badHalfYear = (ages: number[]): DeliveryMonth[] => Array.from({ length: 24 }, (_, i) => month(23 - i, 10, 10, 5000, ages.includes(23 - i) ? 600 : 0));
  const improving = supplier("a", badHalfYear([18, 19, 20, 21, 22, 23]));
  const worseningS = supplier("b", history(0.09, 0.002));

  it("ranks the improving supplier above the worsening one with the same totals", () => {
    const down = supplier("b", badHalfYear([0, 1, 2, 3, 4, 5]));
    expect(improving.delivery).toMatchObject({ lots: 240, qty: 120_000, rejected: 3600 });
    expect(down.delivery).toMatchObject({ lots: 240, qty: 120_000, rejected: 3600 });
    const a = scoreMatch(need, improving);
    const b = scoreMatch(need, down);
    expect(a.total).toBeGreaterThan(b.total);
    expect(a.factors.find((f) => f.factor === "quality")?.detail).toContain("rejects 0.00% in the last 6 months, 4.00% before: improving");
    expect(b.factors.find((f) => f.factor === "quality")?.detail).toContain("rejects 12.00% in the last 6 months, 0.00% before: worsening: ask for a corrective action");
    expect([a.capped, b.capped]).toEqual([false, true]);
  });

  it("warns a worsening supplier in its band: capped below EXCELLENT with a TREND gap naming both figures", () => {
    const b = scoreMatch(need, worseningS);
    expect(b.capped).toBe(true);
    expect(b.band).not.toBe("EXCELLENT");
    expect(b.total).toBeLessThanOrEqual(MATCHING.caps.ceiling);
    const gap = b.gaps.find((g) => g.kind === "TREND");
    expect(gap).toMatchObject({ hard: false, subject: "delivery record" });
    expect(gap?.message).toBe("rejects 9.00% in the last 6 months, 0.20% before: worsening: ask for a corrective action; band capped below EXCELLENT");
  });

  it("an on-time slide alone also warns, and the delivery detail names it", () => {
    const late = scoreMatch(need, supplier("c", history(0.002, 0.002, 6, 10)));
    expect(late.capped).toBe(true);
    expect(late.gaps.find((g) => g.kind === "TREND")?.message).toContain("on time 60.0% in the last 6 months, 100.0% before: worsening: ask for a corrective action");
    expect(late.factors.find((f) => f.factor === "delivery")?.detail).toContain("half-life 12 months");
  });

  it("a clean steady supplier is not capped and can be EXCELLENT", () => {
    const steady = scoreMatch(need, supplier("d", history(0.001, 0.001)));
    expect(steady.capped).toBe(false);
    expect(steady.band).toBe("EXCELLENT");
  });

  it("keeps the no-data prior: no months scores exactly as no record did", () => {
    const none = scoreMatch(need, supplier("e", null));
    const plain = scoreMatch(need, supplier("e", null, { lots: 0, onTime: 0, qty: 0, rejected: 0 }));
    expect(none.total).toBe(plain.total);
    expect(none.factors.find((f) => f.factor === "delivery")?.detail).toBe("no delivery record; prior 80% on time");
  });

  it("months all in the reference month score as the plain totals (weight 1)", () => {
    const same = [month(0, 10, 9, 5000, 40)];
    const dated = scoreMatch(need, supplier("f", same));
    const plain = scoreMatch(need, supplier("f", null, { lots: 10, onTime: 9, qty: 5000, rejected: 40 }));
    expect(dated.total).toBe(plain.total);
  });
});
