import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KUR, MACHINE_RESTRUCTURING } from "../../src/core/supply/config.js";
import { type SharedFacility, gapPaths, kurBand, machineRestructuring, ownedFor } from "../../src/core/supply/programmes.js";
import type { Process } from "../../src/domain/enums.js";
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

describe("gap paths never propose a machine the IKM owns", () => {
  const gap = (kind: Gap["kind"], subject: string, shortfall: number | null = null): Gap => ({ kind, hard: false, subject, message: "", shortfall });

  it("a tolerance gap on a CNC lathe owner: no CNC machine, tooling and measurement instead (the judged case)", () => {
    const paths = gapPaths([gap("TOLERANCE", "0.02 mm")], ["MACHINING_CNC"], { ownedMachines: [{ type: "CNC lathe", cnc: true }, { type: "Mesin bor", cnc: false }] });
    expect(paths).toEqual([{
      kind: "OWNED_MACHINE", gap: gap("TOLERANCE", "0.02 mm"), process: "MACHINING_CNC", machine: "CNC lathe",
      message: "owns CNC lathe for MACHINING_CNC already: holding ±0.02 mm is closed by tooling, fixturing, machine condition and measurement (ask the mentoring foundation), not by another machine of the same kind",
    }]);
  });

  it("still proposes the machine when the IKM owns another kind (a manual lathe is no CNC lathe)", () => {
    const paths = gapPaths([gap("TOLERANCE", "0.02 mm")], ["MACHINING_CNC"], { ownedMachines: [{ type: "Mesin bubut", cnc: false }] });
    expect(paths.map((p) => p.kind)).toEqual(["MACHINE"]);
    expect(gapPaths([gap("PROCESS", "MACHINING_MANUAL")], ["MACHINING_MANUAL"], { ownedMachines: [{ type: "CNC lathe", cnc: true }] }).map((p) => p.kind)).toEqual(["MACHINE"]);
  });

  it("a capacity gap of a press owner: shifts, not a first press; a process it owns the machine for: record it", () => {
    const capacity = gapPaths([gap("CAPACITY", "12000 PCS/month", 6000)], ["STAMPING"], { ownedMachines: [{ type: "Power press 110 t", cnc: false }] });
    expect(capacity).toMatchObject([{ kind: "OWNED_MACHINE", process: "STAMPING", machine: "Power press 110 t", message: "owns Power press 110 t for STAMPING already: more capacity comes from more shifts or fuller use of them first" }]);
    const process = gapPaths([{ ...gap("PROCESS", "CASTING"), hard: true }], ["CASTING"], { ownedMachines: [{ type: "Tanur kupola", cnc: false }] });
    expect(process).toMatchObject([{ kind: "OWNED_MACHINE", message: "owns Tanur kupola, which works CASTING: record CASTING among its capabilities" }]);
  });

  it("recognises the demo data's machine names for their processes, and not for others", () => {
    const cases: Array<[string, boolean, Process, boolean]> = [
      ["Mesin press 60 ton", false, "STAMPING", true],
      ["CNC press brake", true, "STAMPING", false],
      ["CNC press brake", true, "SHEET_METAL", true],
      ["CNC press brake", true, "MACHINING_CNC", false],
      ["Mesin bubut CNC", true, "MACHINING_CNC", true],
      ["CNC milling (machining centre)", true, "MACHINING_CNC", true],
      ["Wire cut EDM", true, "MOULDS_DIES", true],
      ["Wire cut EDM", true, "WIRING_HARNESS", false],
      ["Induction hardening machine", false, "HEAT_TREATMENT", true],
      ["Induction hardening machine", false, "CASTING", false],
      ["Induction furnace", false, "CASTING", true],
      ["Mesin las MIG", false, "WELDING_FABRICATION", true],
      ["Mesin press karet (hot press)", false, "RUBBER_MOULDING", true],
      ["Mesin press karet (hot press)", false, "STAMPING", false],
      ["Friction press", false, "FORGING", true],
      ["Gerinda duduk", false, "FOOD", false],
    ];
    for (const [type, cnc, process, owned] of cases) expect(ownedFor(process, [{ type, cnc }]).length > 0, `${type} for ${process}`).toBe(owned);
  });
});
