import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KUR, MACHINE_RESTRUCTURING } from "../../src/core/supply/config.js";
import { type SharedFacility, gapPaths, kurBand, machineRestructuring } from "../../src/core/supply/programmes.js";
import type { Gap } from "../../src/core/matching/types.js";

describe("machine restructuring", () => {
  it("pays back 30% of a domestic machine and 25% of an imported one", () => {
    expect(machineRestructuring(400_000_000, "DOMESTIC")).toMatchObject({ discountRate: 0.3, reimbursementIdr: 120_000_000, netCostIdr: 280_000_000, capped: false, belowMinimum: false });
    expect(machineRestructuring(400_000_000, "IMPORTED")).toMatchObject({ discountRate: 0.25, reimbursementIdr: 100_000_000, netCostIdr: 300_000_000 });
  });

  it("stops at the per-company cap, counting what the company had reimbursed already", () => {
    expect(machineRestructuring(2_000_000_000, "DOMESTIC")).toMatchObject({ reimbursementIdr: 300_000_000, netCostIdr: 1_700_000_000, capped: true });
    expect(machineRestructuring(400_000_000, "DOMESTIC", 250_000_000)).toMatchObject({ reimbursementIdr: 50_000_000, capped: true });
    expect(machineRestructuring(400_000_000, "DOMESTIC", 300_000_000)).toMatchObject({ reimbursementIdr: 0, netCostIdr: 400_000_000, capped: true });
  });

  it("pays nothing below the per-company floor", () => {
    expect(machineRestructuring(10_000_000, "DOMESTIC")).toMatchObject({ reimbursementIdr: 0, netCostIdr: 10_000_000, belowMinimum: true, capped: false });
  });

  it("carries the programme's source and date", () => {
    expect(machineRestructuring(100_000_000, "DOMESTIC")).toMatchObject({ source: MACHINE_RESTRUCTURING.source, asOf: MACHINE_RESTRUCTURING.asOf, paidAfterVerification: true });
  });

  it("never pays more than the discount or the cap, and the net cost plus the refund is the price", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5_000_000_000 }), fc.constantFrom("DOMESTIC" as const, "IMPORTED" as const), fc.integer({ min: 0, max: 400_000_000 }), (price, origin, already) => {
      const r = machineRestructuring(price, origin, already);
      expect(r.reimbursementIdr + r.netCostIdr).toBe(price);
      expect(r.reimbursementIdr).toBeLessThanOrEqual(Math.round(price * r.discountRate));
      expect(r.reimbursementIdr + Math.min(already, MACHINE_RESTRUCTURING.maxPerCompanyIdr)).toBeLessThanOrEqual(Math.max(MACHINE_RESTRUCTURING.maxPerCompanyIdr, already));
      expect(r.reimbursementIdr).toBeGreaterThanOrEqual(0);
    }));
  });

  it("refuses negative amounts", () => {
    expect(() => machineRestructuring(-1, "DOMESTIC")).toThrow(RangeError);
  });
});

describe("KUR bands", () => {
  it("puts an amount in the band whose ceiling fits it", () => {
    expect(kurBand(8_000_000)).toMatchObject({ name: "SUPER_MICRO", rateMinPct: 3, rateMaxPct: 3 });
    expect(kurBand(10_000_000)?.name).toBe("SUPER_MICRO");
    expect(kurBand(10_000_001)?.name).toBe("MICRO");
    expect(kurBand(100_000_000)).toMatchObject({ name: "MICRO", rateMinPct: 6, rateMaxPct: 9 });
    expect(kurBand(280_000_000)).toMatchObject({ name: "SMALL", source: KUR.source, asOf: KUR.asOf });
    expect(kurBand(500_000_001)).toBeNull();
    expect(kurBand(0)).toBeNull();
  });

  it("has bands that follow each other without gaps or overlaps", () => {
    KUR.bands.forEach((band, i) => {
      if (i > 0) expect(band.minIdr).toBe(KUR.bands[i - 1].maxIdr + 1);
      expect(band.maxIdr).toBeGreaterThan(band.minIdr);
    });
  });
});

describe("gap paths", () => {
  const gap = (kind: Gap["kind"], subject: string, hard: boolean, shortfall: number | null = null): Gap => ({ kind, hard, subject, message: "", shortfall });
  const facility: SharedFacility = {
    id: "f1", name: "Rumah produksi bersama Batur", cluster: { kind: "KOPERASI", id: "k1", name: "Koperasi Batur Jaya" }, processes: ["CASTING", "MACHINING_CNC"], monthlyCapacity: 500, capacityUnit: "PCS",
  };

  it("offers a shared facility first, apart from the IKM's own, then the machine with its refund and KUR band", () => {
    const paths = gapPaths([gap("PROCESS", "MACHINING_CNC", true)], ["CASTING", "MACHINING_CNC"], {
      sharedFacilities: [facility], machinePrices: { MACHINING_CNC: { priceIdr: 400_000_000, origin: "IMPORTED" } },
    });
    expect(paths.map((p) => p.kind)).toEqual(["SHARED_FACILITY", "MACHINE"]);
    expect(paths[0]).toMatchObject({ process: "MACHINING_CNC", own: false, facility: { id: "f1" } });
    expect(paths[1]).toMatchObject({
      process: "MACHINING_CNC", machine: "CNC lathe or machining centre",
      restructuring: { reimbursementIdr: 100_000_000, netCostIdr: 300_000_000 }, financing: { name: "SMALL" },
    });
  });

  it("names the machine without figures when no price is given, and a facility only for a process it offers", () => {
    const paths = gapPaths([gap("CAPACITY", "200 PCS/month", false, 120)], ["FORGING"], { sharedFacilities: [facility] });
    expect(paths).toEqual([expect.objectContaining({ kind: "MACHINE", process: "FORGING", priceIdr: null, restructuring: null, financing: null })]);
  });

  it("finances the full price, which the IKM pays before the refund: a Rp120M machine is a small KUR loan though it nets Rp84M", () => {
    const [path] = gapPaths([gap("PROCESS", "STAMPING", true)], ["STAMPING"], { machinePrices: { STAMPING: { priceIdr: 120_000_000, origin: "DOMESTIC" } } });
    expect(path).toMatchObject({ kind: "MACHINE", restructuring: { reimbursementIdr: 36_000_000, netCostIdr: 84_000_000 }, financing: { name: "SMALL" } });
  });

  it("draws every priced machine on one per-company cap, in the order listed", () => {
    const paths = gapPaths([gap("PROCESS", "MACHINING_CNC", true), gap("PROCESS", "HEAT_TREATMENT", true)], ["MACHINING_CNC", "HEAT_TREATMENT"], {
      alreadyReimbursedIdr: 100_000_000,
      machinePrices: { MACHINING_CNC: { priceIdr: 600_000_000, origin: "DOMESTIC" }, HEAT_TREATMENT: { priceIdr: 200_000_000, origin: "DOMESTIC" } },
    });
    // 300M cap - 100M had = 200M: the CNC takes 180M (30%), the furnace what is left, 20M (not 60M).
    expect(paths.map((p) => p.kind === "MACHINE" && p.restructuring?.reimbursementIdr)).toEqual([180_000_000, 20_000_000]);
    expect(paths[1]).toMatchObject({ restructuring: { capped: true, netCostIdr: 180_000_000 } });
  });

  it("proposes machines for a capacity gap only at the bottleneck processes, and each machine and facility once", () => {
    const paths = gapPaths(
      [gap("PROCESS", "MACHINING_CNC", true), gap("CAPACITY", "200 PCS/month", false, 80), gap("TOLERANCE", "0.02 mm", false)],
      ["CASTING", "MACHINING_CNC"],
      { sharedFacilities: [facility], shortProcesses: ["MACHINING_CNC"] },
    );
    expect(paths.map((p) => [p.kind, p.gap.kind, "process" in p ? p.process : null])).toEqual([
      ["SHARED_FACILITY", "PROCESS", "MACHINING_CNC"],
      ["MACHINE", "PROCESS", "MACHINING_CNC"],
      ["MACHINE", "TOLERANCE", "CASTING"],
    ]);
  });

  it("says what closes certificates, stage and distance, with no programme", () => {
    const paths = gapPaths([gap("CERTIFICATION", "ISO_9001", true), gap("STAGE", "PRAMANDIRI", true), gap("RADIUS", "150 km", true)], ["STAMPING"]);
    expect(paths.map((p) => p.kind)).toEqual(["CERTIFY", "MENTORING", "NONE"]);
    expect(paths[0]).toMatchObject({ message: "obtain ISO_9001, valid when supply starts" });
    expect(paths[1]).toMatchObject({ message: "reach PRAMANDIRI through mentoring and a new assessment" });
  });
});
