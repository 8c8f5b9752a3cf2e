/**
 * Issue 23's process taxonomy: the reviewed file's invariants, and the rule that a need naming a
 * specific process is met only by a supplier that confirms it or has its machine on file, on the
 * pure scorer and the column engine alike (one rule: process-requirements.ts, process-evidence.ts).
 */
import { describe, expect, it } from "vitest";
import { Process, SpecificProcess } from "../../src/domain/enums.js";
import { ColumnBuilder } from "../../src/core/matching/index/columns.js";
import { compileQuery, scan } from "../../src/core/matching/index/engine.js";
import { machineProcess, specificEvidence } from "../../src/core/matching/process-evidence.js";
import { scoreMatch } from "../../src/core/matching/scorer.js";
import { SPECIFIC_PROCESSES, TAXONOMY_SOURCES, familyOf, familyOfSubject, processesText, specificsOf } from "../../src/core/matching/taxonomy.js";
import { type MatchResult, type NeedProfile, type SupplierProfile, toDay } from "../../src/core/matching/types.js";
import { gapPaths } from "../../src/core/supply/programmes.js";

const START = toDay(new Date("2027-03-01T00:00:00Z"));

type Capability = SupplierProfile["capabilities"][number];
const plating = (specifics: SpecificProcess[] = []): Capability =>
  ({ process: "PLATING_PAINTING", specifics, materials: ["baja"], toleranceMm: null, monthlyCapacity: 20_000, unit: "PCS" });

function supplier(capabilities: Capability[], machines: SupplierProfile["machines"] = []): SupplierProfile {
  return {
    id: "00000000-0000-4000-8000-000000000001", stage: "MADYA", regionCode: "33.10", latitude: null, longitude: null,
    capabilities, machines, certifications: [], commitments: [], fiveRPercent: 80,
    delivery: { lots: 40, onTime: 38, qty: 40_000, rejected: 100 },
    sentraProcesses: [], koperasiPeerProcesses: [], sentraIds: [], koperasiIds: [], foundationIds: [],
  };
}

function need(overrides: Partial<NeedProfile> = {}): NeedProfile {
  return {
    id: "00000000-0000-4000-8000-00000000aaaa", processes: ["PLATING_PAINTING"], specificProcesses: ["CHROME_PLATING"],
    materials: ["baja"], quantityPerMonth: 5_000, unit: "PCS", toleranceMm: null, requiredCertifications: [], minimumStage: "PEMULA",
    preferredRegionCode: null, latitude: null, longitude: null, radiusKm: null, startDate: START, weights: null, ...overrides,
  };
}

/** The column engine's total for the one supplier, or null when it does not list it. */
function engineTotal(n: NeedProfile, s: SupplierProfile, eligibility: "ELIGIBLE" | "NEAR_MISS"): number | null {
  const builder = new ColumnBuilder(4);
  builder.append(s);
  const columns = builder.finish();
  const r = scan(columns, compileQuery(columns, n, { k: 5, filter: { eligibility } }));
  return r.rows.length ? r.totals[0] : null;
}

/** Scores with the pure scorer and checks the column engine gives the same verdict and total. */
function judged(s: SupplierProfile, n: NeedProfile = need()): MatchResult {
  const r = scoreMatch(n, s);
  expect(engineTotal(n, s, "ELIGIBLE")).toBe(r.eligible ? r.total : null);
  expect(engineTotal(n, s, "NEAR_MISS")).toBe(r.nearMiss ? r.total : null);
  return r;
}

const processRequirements = (r: MatchResult) => r.requirements.filter((q) => q.kind === "PROCESS");

describe("the taxonomy file", () => {
  it("lists every SpecificProcess value once, under a Process family, and nothing else", () => {
    const codes = SPECIFIC_PROCESSES.map((e) => e.code);
    expect(codes).toEqual(Object.values(SpecificProcess)); // the same order: the table lists them in it
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of SPECIFIC_PROCESSES) expect(Object.values(Process)).toContain(e.family);
  });

  it("gives each a name in both languages, sources with a date, and a KBLI 2020 manufacturing class or none", () => {
    for (const e of SPECIFIC_PROCESSES) {
      expect(e.nameId.length).toBeGreaterThan(2);
      expect(e.nameEn.length).toBeGreaterThan(2);
      expect(e.sources.length).toBeGreaterThan(0);
      for (const s of e.sources) expect(TAXONOMY_SOURCES[s]).toMatch(/\d{4}/);
      if (e.kbli !== null) expect(e.kbli).toMatch(/^(1\d|2\d|3[0-3])\d{3}$/);
    }
  });

  it("fits the index's one 32-bit word, and splits the families the issue names", () => {
    expect(SPECIFIC_PROCESSES.length).toBeLessThanOrEqual(32);
    expect(specificsOf("PLATING_PAINTING")).toEqual(["ELECTROPLATING", "CHROME_PLATING", "SPRAY_PAINTING", "POWDER_COATING", "HOT_DIP_GALVANIZING", "ANODIZING"]);
    expect(specificsOf("CASTING")).toEqual(expect.arrayContaining(["DIE_CASTING", "SAND_CASTING"]));
    expect(specificsOf("MACHINING_MANUAL")).toEqual(expect.arrayContaining(["TURNING", "MILLING", "GRINDING"]));
    expect(familyOf("LASER_CUTTING")).toBe("SHEET_METAL");
    expect(familyOfSubject("ASSEMBLY")).toBe("ASSEMBLY");
    expect(specificsOf("ASSEMBLY")).toEqual([]);
  });
});

describe("machines as evidence", () => {
  it("reads a machine's type with the vocabulary, a CNC lathe or mill as the CNC process", () => {
    expect(machineProcess({ type: "Mesin bubut", cnc: false })).toBe("TURNING");
    expect(machineProcess({ type: "Bubut", cnc: true })).toBe("CNC_TURNING");
    expect(machineProcess({ type: "Frais", cnc: true })).toBe("CNC_MILLING");
    expect(machineProcess({ type: "Tangki krom 2000 L", cnc: false })).toBe("CHROME_PLATING");
    expect(machineProcess({ type: "Kompresor", cnc: false })).toBeNull();
    expect(machineProcess({ type: "Press 60 t", cnc: false })).toBeNull(); // a family word names no specific process
  });

  it("counts only inside a family the IKM has a capability for", () => {
    const s = supplier([plating()], [{ type: "Tangki krom", count: 2, cnc: false }, { type: "Mesin bubut", count: 1, cnc: false }]);
    expect([...specificEvidence(s).keys()]).toEqual(["CHROME_PLATING"]);
    expect(specificEvidence(s).get("CHROME_PLATING")).toEqual({ confirmed: false, machines: ['"Tangki krom" x 2'] });
  });
});

describe("a need for a specific process", () => {
  it("is met by a shop that confirms it", () => {
    const r = judged(supplier([plating(["CHROME_PLATING", "ELECTROPLATING"])]));
    expect(r.eligible).toBe(true);
    expect(processRequirements(r)).toEqual([{ kind: "PROCESS", met: true, subject: "CHROME_PLATING", message: "works chromium plating (CHROME_PLATING)" }]);
  });

  it("is met by a machine on file when the capability names the family alone, and the explanation cites the machine", () => {
    const r = judged(supplier([plating()], [{ type: "Tangki krom", count: 2, cnc: false }]));
    expect(r.eligible).toBe(true);
    expect(processRequirements(r)[0].message).toBe(
      'works chromium plating (CHROME_PLATING): not named on its PLATING_PAINTING capability, but machines on file: "Tangki krom" x 2');
  });

  it("is not met by a powder-coating shop: a near miss that says what to confirm", () => {
    const r = judged(supplier([plating(["POWDER_COATING"])]));
    expect(r.eligible).toBe(false);
    expect(r.nearMiss).toBe(true);
    expect(processRequirements(r)[0]).toMatchObject({ met: false, unconfirmed: true, subject: "CHROME_PLATING" });
    expect(r.gaps[0]).toMatchObject({ kind: "UNCONFIRMED_PROCESS", hard: true, subject: "CHROME_PLATING" });
    expect(r.gaps[0].message).toBe(
      "works PLATING_PAINTING as powder coating (POWDER_COATING), not chromium plating (CHROME_PLATING): confirm chromium plating (CHROME_PLATING) (name it on the PLATING_PAINTING capability, or record the machine that does it)");
  });

  it("is unconfirmed for a shop registered with the family alone (existing data), which stays a candidate for family-only needs", () => {
    const s = supplier([plating()]);
    const r = judged(s);
    expect(r.nearMiss).toBe(true);
    expect(r.gaps[0].message).toMatch(/^works PLATING_PAINTING without naming which processes: confirm chromium plating/);
    expect(judged(s, need({ specificProcesses: [] })).eligible).toBe(true);
  });

  it("names what the shop's machines show of the family when it has not confirmed the process asked for", () => {
    const r = judged(supplier([plating()], [{ type: "Kompresor dan spray gun", count: 1, cnc: false }]));
    expect(r.nearMiss).toBe(true);
    expect(r.gaps[0].message).toMatch(/^works PLATING_PAINTING as wet spray painting \(SPRAY_PAINTING\) by its machines, not chromium plating \(CHROME_PLATING\): confirm/);
  });

  it("fails as a plain PROCESS requirement when the shop does not work the family, once per specific process", () => {
    const stamping: Capability = { process: "STAMPING", materials: ["baja"], toleranceMm: null, monthlyCapacity: 20_000, unit: "PCS" };
    const r = judged(supplier([stamping], [{ type: "Tangki krom", count: 1, cnc: false }]), need({ processes: ["STAMPING", "PLATING_PAINTING"] }));
    expect(processRequirements(r).map((q) => [q.subject, q.met, q.unconfirmed ?? false])).toEqual([["STAMPING", true, false], ["CHROME_PLATING", false, false]]);
    expect(r.gaps[0]).toMatchObject({ kind: "PROCESS", subject: "CHROME_PLATING" });
    expect(r.gaps[0].message).toBe("does not work PLATING_PAINTING, so not chromium plating (CHROME_PLATING), which the part needs");
  });

  it("counts each unconfirmed specific process as one failure: two are no near miss", () => {
    const r = judged(supplier([plating()]), need({ specificProcesses: ["CHROME_PLATING", "ELECTROPLATING"] }));
    expect(r.gaps.filter((g) => g.kind === "UNCONFIRMED_PROCESS")).toHaveLength(2);
    expect(r.nearMiss).toBe(false);
  });

  const stamper = (machines: SupplierProfile["machines"] = []) =>
    supplier([{ process: "STAMPING", materials: [], toleranceMm: null, monthlyCapacity: 1, unit: "PCS" }], machines);
  const facility = { id: "f1", name: "Rumah plating bersama", cluster: { kind: "KOPERASI" as const, id: "k1", name: "Koperasi Logam" }, processes: ["PLATING_PAINTING" as Process], monthlyCapacity: null, capacityUnit: null };

  it("closes a missing family's gap with paths for the family (shared facility, machine)", () => {
    const r = scoreMatch(need({ processes: ["PLATING_PAINTING"], specificProcesses: [] }), stamper());
    const paths = gapPaths(r.gaps, ["PLATING_PAINTING"], { sharedFacilities: [facility] });
    expect(paths.map((p) => [p.kind, "process" in p ? p.process : null])).toEqual([["SHARED_FACILITY", "PLATING_PAINTING"], ["MACHINE", "PLATING_PAINTING"]]);
  });

  it("closes a missing specific process with that process's machine, never a facility that states the family alone", () => {
    const r = scoreMatch(need(), stamper());
    expect(r.gaps.map((g) => [g.kind, g.subject])).toContainEqual(["PROCESS", "CHROME_PLATING"]);
    const paths = gapPaths(r.gaps, ["PLATING_PAINTING"], {
      sharedFacilities: [facility], machinePrices: { PLATING_PAINTING: { priceIdr: 400_000_000, origin: "DOMESTIC" } }, needSpecifics: ["CHROME_PLATING"],
    });
    // The capacity gap's machine is the same chrome line: proposed once.
    expect(r.gaps.map((g) => g.kind)).toContain("CAPACITY");
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ kind: "MACHINE", process: "PLATING_PAINTING", machine: expect.stringMatching(/^chrome plating line/), priceIdr: 400_000_000 });
  });

  it("recognises an owned machine that does the specific process (read as the matcher reads it), not one of the family that does another", () => {
    const paths = (type: string) => gapPaths(scoreMatch(need(), stamper([{ type, count: 1, cnc: false }])).gaps, ["PLATING_PAINTING"],
      { needSpecifics: ["CHROME_PLATING"], ownedMachines: [{ type, cnc: false }] });
    const withTank = paths("Tangki krom 1500 L");
    expect(withTank).toEqual([expect.objectContaining({ kind: "OWNED_MACHINE", process: "PLATING_PAINTING", machine: "Tangki krom 1500 L" })]);
    expect((withTank[0] as { message: string }).message).toMatch(/chromium plating \(CHROME_PLATING\): record PLATING_PAINTING among its capabilities, naming CHROME_PLATING/);
    const withBooth = paths("Spray booth");
    expect(withBooth).toEqual([expect.objectContaining({ kind: "MACHINE", machine: expect.stringMatching(/^chrome plating line/) })]);
  });

  it("closes an unconfirmed specific process by confirming it, with what to record", () => {
    const r = scoreMatch(need(), supplier([plating(["POWDER_COATING"])]));
    const paths = gapPaths(r.gaps, ["PLATING_PAINTING"], { sharedFacilities: [facility] });
    expect(paths).toEqual([expect.objectContaining({ kind: "CONFIRM", process: "PLATING_PAINTING" })]);
    expect((paths[0] as { message: string }).message).toMatch(/name CHROME_PLATING on its PLATING_PAINTING capability, or record the machine that does it \(a chrome plating line/);
  });
});

describe("messages about a need's processes", () => {
  it("name the specific processes under their family", () => {
    expect(processesText({ processes: ["STAMPING", "PLATING_PAINTING"], specificProcesses: ["CHROME_PLATING", "ELECTROPLATING"] }, " and "))
      .toBe("STAMPING and PLATING_PAINTING (CHROME_PLATING, ELECTROPLATING)");
    expect(processesText({ processes: ["CASTING"], specificProcesses: [] }, ", ")).toBe("CASTING");
  });
});
