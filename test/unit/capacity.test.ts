import { describe, expect, it } from "vitest";
import { bottleneck, minimumUnits, peakHolds, shortProcesses } from "../../src/core/supply/capacity.js";

const hold = (quantityPerMonth: number, startDay: number, endDay: number | null, processes: any[] = ["CASTING"], ikmId = "a") =>
  ({ ikmId, processes, unit: "PCS" as const, quantityPerMonth, startDay, endDay });

describe("peakHolds: what partnerships take of an IKM's capacity from a day on", () => {
  it("takes the busiest time, not the sum: one ending before another starts frees its capacity", () => {
    const held = peakHolds([hold(100, 0, 90), hold(100, 91, null)], 10);
    expect(held.get("a")).toEqual([{ ikmId: "a", processes: ["CASTING"], unit: "PCS", quantityPerMonth: 100 }]);
  });

  it("adds holds that overlap, counting an end day as held", () => {
    expect(peakHolds([hold(100, 0, 90), hold(70, 90, null)], 0).get("a")![0].quantityPerMonth).toBe(170);
    expect(peakHolds([hold(100, 0, 90), hold(70, 50, 60), hold(20, 55, 200)], 0).get("a")![0].quantityPerMonth).toBe(190);
  });

  it("within a window, ignores holds that start after it", () => {
    expect(peakHolds([hold(100, 0, 50), hold(300, 61, null)], 10, 60).get("a")![0].quantityPerMonth).toBe(100);
    expect(peakHolds([hold(100, 0, 50), hold(300, 60, null)], 10, 60).get("a")![0].quantityPerMonth).toBe(300);
  });

  it("ignores holds that end before the day, and counts each process and IKM apart", () => {
    const held = peakHolds([hold(100, 0, 9), hold(40, 0, null, ["CASTING", "MACHINING_MANUAL"]), hold(30, 5, null, ["CASTING"], "b")], 10);
    expect(held.get("a")).toEqual([
      { ikmId: "a", processes: ["CASTING"], unit: "PCS", quantityPerMonth: 40 },
      { ikmId: "a", processes: ["MACHINING_MANUAL"], unit: "PCS", quantityPerMonth: 40 },
    ]);
    expect(held.get("b")![0].quantityPerMonth).toBe(30);
  });
});

describe("bottleneck rules", () => {
  const caps = [
    { process: "CASTING" as const, unit: "PCS" as const, monthlyCapacity: 300 },
    { process: "MACHINING_CNC" as const, unit: "PCS" as const, monthlyCapacity: 120 },
    { process: "HEAT_TREATMENT" as const, unit: "KG" as const, monthlyCapacity: 5000 },
  ];
  it("takes the slowest process, and 0 for a process missing or stated in another unit", () => {
    expect(bottleneck({ processes: ["CASTING", "MACHINING_CNC"], unit: "PCS" }, caps, (c) => c.monthlyCapacity)).toBe(120);
    expect(bottleneck({ processes: ["CASTING", "HEAT_TREATMENT"], unit: "PCS" }, caps, (c) => c.monthlyCapacity)).toBe(0);
  });
  it("names the processes short of the quantity", () => {
    expect(shortProcesses({ processes: ["CASTING", "MACHINING_CNC", "HEAT_TREATMENT"], unit: "PCS", quantityPerMonth: 200 }, caps)).toEqual(["MACHINING_CNC", "HEAT_TREATMENT"]);
  });
  it("rounds the minimum share up to a whole unit, at least 1", () => {
    expect(minimumUnits(60, 0.05)).toBe(3);
    expect(minimumUnits(61, 0.05)).toBe(4);
    expect(minimumUnits(5, 0.05)).toBe(1);
  });
});

describe("shortProcesses on free capacity", () => {
  const need = { id: "n", processes: ["CASTING", "MACHINING_MANUAL"] as any[], unit: "PCS" as const, quantityPerMonth: 500, startDate: 100 };
  const caps = [
    { process: "CASTING" as const, unit: "PCS" as const, monthlyCapacity: 1000 },
    { process: "MACHINING_MANUAL" as const, unit: "PCS" as const, monthlyCapacity: 1000 },
  ];
  const holding = (quantityPerMonth: number, endDay: number | null, needId: string | null = null) =>
    [{ process: "CASTING" as const, unit: "PCS" as const, quantityPerMonth, startDay: 0, endDay, needId }];

  it("is short where commitments leave less than the quantity free; exactly enough is not short", () => {
    expect(shortProcesses(need, caps, holding(501, null))).toEqual(["CASTING"]);
    expect(shortProcesses(need, caps, holding(500, null))).toEqual([]);
  });

  it("a hold ending the day before the start frees it; the need's own hold does not count", () => {
    expect(shortProcesses(need, caps, holding(900, 99))).toEqual([]);
    expect(shortProcesses(need, caps, holding(900, 100))).toEqual(["CASTING"]);
    expect(shortProcesses(need, caps, holding(900, null, "n"))).toEqual([]);
  });
});
