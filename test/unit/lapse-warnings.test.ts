/** Issue 22: the warnings a lapsing certificate raises, their keys, and what the IKM is told to do. */
import { describe, expect, it } from "vitest";
import { lapsingCertificates } from "../../src/core/matching/certificates.js";
import { lapseAdvice, lapseWarningKey, lapseWarnings } from "../../src/core/matching/lapse-warnings.js";

const today = 20_000;

describe("lapseWarnings", () => {
  it("warns LAPSING_SOON from the day the certificate enters the window to its last day, not the day before", () => {
    const at = (daysLeft: number) => lapseWarnings([{ type: "HALAL", lapsesOn: today + daysLeft, daysLeft, partnershipIds: [] }], 90);
    expect(at(91)).toEqual([]);
    expect(at(90)).toEqual([{ type: "HALAL", kind: "LAPSING_SOON", lapsesOn: today + 90, daysLeft: 90, partnershipId: null }]);
    expect(at(0).map((w) => w.kind)).toEqual(["LAPSING_SOON"]);
  });

  it("warns once per partnership at risk, also beyond the window, after LAPSING_SOON when both hold", () => {
    expect(lapseWarnings([{ type: "SNI", lapsesOn: today + 200, daysLeft: 200, partnershipIds: ["p2", "p1"] }], 90).map((w) => [w.kind, w.partnershipId]))
      .toEqual([["LAPSES_DURING_PARTNERSHIP", "p1"], ["LAPSES_DURING_PARTNERSHIP", "p2"]]);
    expect(lapseWarnings([{ type: "SNI", lapsesOn: today + 10, daysLeft: 10, partnershipIds: ["p1"] }], 90).map((w) => w.kind))
      .toEqual(["LAPSING_SOON", "LAPSES_DURING_PARTNERSHIP"]);
  });

  it("raises nothing for a certificate renewed without a gap, and warns for one renewed a day late (through the core rule)", () => {
    const held = (renewalFrom: number) => [
      { type: "HALAL", validFrom: today - 300, validUntil: today + 30 },
      { type: "HALAL", validFrom: today + renewalFrom, validUntil: today + 800 },
    ];
    expect(lapseWarnings(lapsingCertificates(held(31), today, 90, []), 90)).toEqual([]);
    expect(lapseWarnings(lapsingCertificates(held(32), today, 90, []), 90).map((w) => [w.kind, w.daysLeft])).toEqual([["LAPSING_SOON", 30]]);
  });
});

describe("lapseWarningKey and lapseAdvice", () => {
  it("keys a warning by certificate, kind and partnership", () => {
    expect(lapseWarningKey("c", { kind: "LAPSING_SOON", partnershipId: null })).toBe("c:LAPSING_SOON:");
    expect(lapseWarningKey("c", { kind: "LAPSES_DURING_PARTNERSHIP", partnershipId: "p" })).toBe("c:LAPSES_DURING_PARTNERSHIP:p");
  });

  it("names the date, the days left and what to do", () => {
    const lapsesOn = Date.UTC(2027, 2, 1) / 86_400_000;
    expect(lapseAdvice({ type: "HALAL", kind: "LAPSING_SOON", lapsesOn, daysLeft: 30 })).toMatch(/^HALAL ends 2027-03-01 \(in 30 days\): apply for its renewal now/);
    expect(lapseAdvice({ type: "SNI", kind: "LAPSES_DURING_PARTNERSHIP", lapsesOn, daysLeft: 1 })).toMatch(/^SNI ends 2027-03-01 \(in 1 day\), before this partnership ends.*renew it before 2027-03-01/);
    expect(lapseAdvice({ type: "SNI", kind: "LAPSING_SOON", lapsesOn, daysLeft: 0 })).toContain("(today)");
  });
});
