/**
 * Issue 22: certificates judged over the need's period, at every boundary, on the pure scorer and
 * the column engine alike (one rule: src/core/matching/certificates.ts).
 */
import { describe, expect, it } from "vitest";
import { ColumnBuilder } from "../../src/core/matching/index/columns.js";
import { compileQuery, scan } from "../../src/core/matching/index/engine.js";
import { judgeCertificate, validThrough } from "../../src/core/matching/certificates.js";
import { MATCHING } from "../../src/core/matching/config.js";
import { scoreMatch } from "../../src/core/matching/scorer.js";
import { type Day, type MatchResult, type NeedProfile, type SupplierProfile, toDay } from "../../src/core/matching/types.js";
import { gapPaths } from "../../src/core/supply/programmes.js";

const day = (iso: string): Day => toDay(new Date(`${iso}T00:00:00Z`));
const START = day("2027-03-01");
const END = day("2028-02-29");

type Cert = SupplierProfile["certifications"][number];
const iso = (from: string, until: string | null): Cert => ({ type: "ISO_9001", validFrom: day(from), validUntil: until ? day(until) : null });

function supplier(certifications: Cert[], id = "00000000-0000-4000-8000-000000000001"): SupplierProfile {
  return {
    id, stage: "MANDIRI", regionCode: "33.10", latitude: null, longitude: null,
    capabilities: [{ process: "STAMPING", materials: ["baja"], toleranceMm: 0.02, monthlyCapacity: 30_000, unit: "PCS" }],
    certifications, commitments: [], fiveRPercent: 95,
    delivery: { lots: 400, onTime: 398, qty: 1_000_000, rejected: 100 },
    sentraProcesses: ["STAMPING"], koperasiPeerProcesses: ["STAMPING"], sentraIds: [], koperasiIds: [], foundationIds: [],
  };
}

function need(overrides: Partial<NeedProfile> = {}): NeedProfile {
  return {
    id: "00000000-0000-4000-8000-00000000aaaa", processes: ["STAMPING"], materials: ["baja"], quantityPerMonth: 12_000, unit: "PCS",
    toleranceMm: 0.02, requiredCertifications: ["ISO_9001"], minimumStage: "PEMULA", preferredRegionCode: null,
    latitude: null, longitude: null, radiusKm: null, startDate: START, endDate: END, weights: null, ...overrides,
  };
}

/** The column engine's total for the one supplier (eligible or near miss), or null when it does not list it. */
function engineTotal(n: NeedProfile, s: SupplierProfile, eligibility: "ELIGIBLE" | "NEAR_MISS"): number | null {
  const builder = new ColumnBuilder(4);
  builder.append(s);
  const columns = builder.finish();
  const r = scan(columns, compileQuery(columns, n, { k: 5, filter: { eligibility } }));
  return r.rows.length ? r.totals[0] : null;
}

/** Scores with the pure scorer and checks the column engine gives the same verdict and total. */
function judged(certs: Cert[], n: NeedProfile = need()): MatchResult {
  const s = supplier(certs);
  const r = scoreMatch(n, s);
  expect(engineTotal(n, s, "ELIGIBLE")).toBe(r.eligible ? r.total : null);
  expect(engineTotal(n, s, "NEAR_MISS")).toBe(r.nearMiss ? r.total : null);
  return r;
}

const certRequirement = (r: MatchResult) => r.requirements.find((q) => q.kind === "CERTIFICATION")!;
const softCertGap = (r: MatchResult) => r.gaps.find((g) => g.kind === "CERTIFICATION" && !g.hard);
const quality = (r: MatchResult) => r.factors.find((f) => f.factor === "quality")!;

describe("a required certificate over the need's period", () => {
  it("lapsing the day before the start: not valid when supply starts, a near miss naming the date", () => {
    const r = judged([iso("2024-01-01", "2027-02-28")]);
    expect(r.eligible).toBe(false);
    expect(r.nearMiss).toBe(true);
    expect(certRequirement(r).message).toBe("ISO_9001 certificate expires on 2027-02-28, before supply starts on 2027-03-01");
  });

  it("lapsing on the start date: a candidate, capped, told to renew before that day", () => {
    const r = judged([iso("2024-01-01", "2027-03-01")]);
    expect(r.eligible).toBe(true);
    expect(r.capped).toBe(true);
    expect(r.total).toBeLessThanOrEqual(MATCHING.caps.ceiling);
    expect(softCertGap(r)!.message).toBe("ISO_9001 ends 2027-03-01, 0 of 12 months before the need ends on 2028-02-29: renew before 2027-03-01; band capped below EXCELLENT");
  });

  it("lapsing inside the period: a candidate below EXCELLENT, quality counting the share covered, the date and action named", () => {
    const full = judged([iso("2024-01-01", null)]);
    const r = judged([iso("2024-01-01", "2028-01-31")]);
    expect(full.band).toBe("EXCELLENT");
    expect(full.capped).toBe(false);
    expect(r.eligible).toBe(true);
    expect(r.capped).toBe(true);
    expect(r.band).toBe("GOOD");
    expect(r.total).toBe(MATCHING.caps.ceiling);
    const share = (END - (day("2028-01-31") + 1) + 1) / (END - START + 1);
    const q = MATCHING.quality;
    expect(quality(full).value - quality(r).value).toBeCloseTo(q.certificationShare * q.certificationPoints.ISO_9001 * share, 9);
    expect(quality(r).detail).toContain("valid certificates: ISO_9001 (to 2028-01-31: 11 of 12 months);");
    expect(certRequirement(r)).toMatchObject({ met: true, message: "ISO_9001 is valid on 2027-03-01, when supply starts, but ISO_9001 ends 2028-01-31, 11 of 12 months before the need ends on 2028-02-29: renew before 2028-01-31" });
    expect(softCertGap(r)).toMatchObject({ hard: false, subject: "ISO_9001", lapsesOn: day("2028-01-31") });
    const paths = gapPaths(r.gaps, ["STAMPING"]);
    expect(paths.find((p) => p.kind === "CERTIFY")!.message).toBe("renew ISO_9001 before 2028-01-31: a renewal valid from 2028-02-01 at the latest keeps it unbroken to the need's end");
  });

  it("lapsing on the end date, or the day after: met for the whole period, nothing capped", () => {
    for (const until of ["2028-02-29", "2028-03-01"]) {
      const r = judged([iso("2024-01-01", until)]);
      expect(r.eligible).toBe(true);
      expect(r.capped).toBe(false);
      expect(softCertGap(r)).toBeUndefined();
      expect(certRequirement(r).message).toBe("ISO_9001 is valid from 2027-03-01 to 2028-02-29, when the need ends");
      expect(quality(r).detail).toContain("valid certificates: ISO_9001;");
    }
  });

  it("a renewal on file starting by the day after the old one ends is continuous; a one-day gap is a lapse", () => {
    const old = iso("2024-10-01", "2027-09-30");
    for (const from of ["2027-09-01", "2027-09-30", "2027-10-01"]) {
      const r = judged([old, iso(from, "2030-09-30")]);
      expect(r.capped, from).toBe(false);
      expect(softCertGap(r)).toBeUndefined();
    }
    const gap = judged([old, iso("2027-10-02", "2030-10-01")]);
    expect(gap.eligible).toBe(true);
    expect(gap.capped).toBe(true);
    expect(softCertGap(gap)!.message).toContain("ISO_9001 ends 2027-09-30, 7 of 12 months before the need ends on 2028-02-29");
    // Renewals chain, in any order on file.
    expect(validThrough([iso("2028-01-01", "2029-12-31"), iso("2027-06-01", "2028-01-01"), old], START)).toBe(day("2029-12-31"));
  });

  it("not yet valid on the start, or missing: a near miss naming the gap, as before", () => {
    const later = judged([iso("2027-03-02", null)]);
    expect(later.nearMiss).toBe(true);
    expect(certRequirement(later).message).toBe("ISO_9001 certificate is not yet valid on 2027-03-01 (valid from 2027-03-02)");
    const none = judged([]);
    expect(certRequirement(none).message).toBe("holds no ISO_9001 certificate");
  });

  it("a need without an end date judges the start date alone", () => {
    const r = judged([iso("2024-01-01", "2027-03-01")], need({ endDate: null }));
    expect(r.capped).toBe(false);
    expect(judgeCertificate([iso("2024-01-01", "2027-03-01")], START, null)).toEqual({ kind: "MET", through: day("2027-03-01") });
  });

  it("a certificate not required still earns quality points only for the share of the period it covers", () => {
    const n = need({ requiredCertifications: [] });
    const halal = (until: string | null): Cert => ({ type: "HALAL", validFrom: day("2024-01-01"), validUntil: until ? day(until) : null });
    const full = judged([halal(null)], n);
    const half = judged([halal("2027-08-31")], n);
    expect(half.capped).toBe(false);
    expect(full.total).toBeGreaterThan(half.total);
    expect(quality(half).detail).toContain("HALAL (to 2027-08-31: 6 of 12 months)");
  });
});

describe("lapsingCertificates: what an IKM must renew soon", () => {
  const T = day("2027-01-01");
  const c = (type: string, from: string, until: string | null) => ({ type, validFrom: day(from), validUntil: until ? day(until) : null });

  it("lists lapses within the window, through renewals, and those before a partnership requiring them ends; not lapsed or open-ended ones", async () => {
    const { lapsingCertificates } = await import("../../src/core/matching/certificates.js");
    const held = [
      c("ISO_9001", "2024-01-01", "2027-03-31"), // 89 days
      c("SNI", "2024-01-01", "2027-04-01"), // 90 days: on the window's edge
      c("TKDN", "2024-01-01", "2027-04-02"), // 91 days
      c("HALAL", "2024-01-01", "2027-02-01"), c("HALAL", "2027-02-02", "2029-01-01"), // renewed without a gap
      c("OTHER", "2024-01-01", "2026-12-31"), // lapsed yesterday
      c("IATF_16949", "2024-01-01", null),
      c("ISO_14001", "2024-01-01", "2027-12-31"),
    ];
    const partnerships = [
      { id: "p1", requiredTypes: ["ISO_14001"], endDay: day("2028-01-01") },
      { id: "p2", requiredTypes: ["ISO_14001"], endDay: day("2027-12-31") },
      { id: "p3", requiredTypes: ["IATF_16949", "ISO_9001"], endDay: null },
    ];
    expect(lapsingCertificates(held, T, 90, partnerships)).toEqual([
      { type: "ISO_9001", lapsesOn: day("2027-03-31"), daysLeft: 89, partnershipIds: ["p3"] },
      { type: "SNI", lapsesOn: day("2027-04-01"), daysLeft: 90, partnershipIds: [] },
      { type: "ISO_14001", lapsesOn: day("2027-12-31"), daysLeft: 364, partnershipIds: ["p1"] },
    ]);
  });
});
