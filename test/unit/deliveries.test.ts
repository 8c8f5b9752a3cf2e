import { describe, expect, it } from "vitest";
import { fiveRAuditNeeds, fiveRAuditor, mayRecordDelivery } from "../../src/access/deliveries.js";
import type { UserViewer } from "../../src/access/viewer.js";
import { DomainError } from "../../src/domain/errors.js";
import { assertDeliverable, deliveryWrite, figureProblems, fiveRTotals, monthProblem, monthStart } from "../../src/features/deliveries/delivery.rules.js";

const user = (role: UserViewer["role"], tenant: Partial<UserViewer> = {}): UserViewer => ({
  kind: "user", userId: "u", role, firmId: null, foundationId: null, ikmId: null, ...tenant,
});
const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return "ok";
};

describe("delivery figures", () => {
  it("on time at most the lots, rejected at most the pieces", () => {
    expect(figureProblems({ lotsDelivered: 5, lotsOnTime: 5, qtyDelivered: 10, qtyRejected: 10 })).toEqual([]);
    expect(figureProblems({ lotsDelivered: 0, lotsOnTime: 0, qtyDelivered: 0, qtyRejected: 0 })).toEqual([]);
    expect(figureProblems({ lotsDelivered: 5, lotsOnTime: 6, qtyDelivered: 10, qtyRejected: 11 }).map((p) => p.path)).toEqual(["input.lotsOnTime", "input.qtyRejected"]);
  });
});

describe("the month of a delivery record", () => {
  const now = d("2026-12-03");
  const active = { status: "ACTIVE" as const, startDate: d("2025-06-10"), endDate: null };
  it("is kept as its first day", () => {
    expect(monthStart(d("2025-06-30"))).toEqual(d("2025-06-01"));
    expect(monthStart(new Date("2025-06-30T23:59:59.999Z"))).toEqual(d("2025-06-01"));
  });
  it("from the month the partnership started to the current month", () => {
    expect(monthProblem(d("2025-06-01"), active, now)).toBeNull();
    expect(monthProblem(d("2026-12-01"), active, now)).toBeNull();
    expect(monthProblem(d("2025-05-01"), active, now)).toMatch(/before the partnership started \(2025-06-10\)/);
    expect(monthProblem(d("2027-01-01"), active, now)).toMatch(/2027-01 has not come yet/);
  });
  it("not after the month an ended partnership ended", () => {
    const ended = { status: "ENDED" as const, startDate: d("2025-01-01"), endDate: d("2025-05-20") };
    expect(monthProblem(d("2025-05-01"), ended, now)).toBeNull();
    expect(monthProblem(d("2025-06-01"), ended, now)).toMatch(/after the partnership ended \(2025-05-20\)/);
  });
  it("under an ACTIVE or ENDED partnership, not a PENDING one", () => {
    expect(codeOf(() => assertDeliverable({ status: "ACTIVE" }))).toBe("ok");
    expect(codeOf(() => assertDeliverable({ status: "ENDED" }))).toBe("ok");
    expect(codeOf(() => assertDeliverable({ status: "PENDING" }))).toBe("INVALID_TRANSITION");
  });
});

describe("one record per partnership and month", () => {
  const m = d("2025-03-01");
  it("the first needs no version; a second corrects the version it names", () => {
    expect(deliveryWrite(null, null, m)).toEqual({ kind: "create" });
    expect(deliveryWrite({ version: 2 }, 2, m)).toEqual({ kind: "correct", version: 2 });
  });
  it("CONFLICT otherwise, saying what to send", () => {
    expect(codeOf(() => deliveryWrite({ version: 0 }, null, m))).toBe("CONFLICT");
    expect(() => deliveryWrite({ version: 0 }, null, m)).toThrow(/expectedVersion: 0/);
    expect(codeOf(() => deliveryWrite({ version: 3 }, 2, m))).toBe("CONFLICT");
    expect(codeOf(() => deliveryWrite(null, 0, m))).toBe("CONFLICT");
  });
});

describe("5R totals", () => {
  it("roll the items up as an assessment's are", () => {
    expect(fiveRTotals([])).toBeNull();
    expect(fiveRTotals([
      { section: "RINGKAS", item: "a", score: 2 },
      { section: "RAPI", item: "b", score: 1 },
      { section: "RESIK", item: "c", score: 2 },
    ])).toEqual({ itemsScored: 3, pointsEarned: 5, scorePercent: 83.33 });
  });
});

describe("who records", () => {
  it("deliveries: the partnership's firm and administrators", () => {
    expect(mayRecordDelivery(user("ADMIN"), { firmId: "A" })).toBe(true);
    expect(mayRecordDelivery(user("FIRM", { firmId: "A" }), { firmId: "A" })).toBe(true);
    expect(mayRecordDelivery(user("FIRM", { firmId: "B" }), { firmId: "A" })).toBe(false);
    expect(mayRecordDelivery(user("FIRM"), { firmId: "A" })).toBe(false);
    expect(mayRecordDelivery(user("IKM", { ikmId: "X" }), { firmId: "A" })).toBe(false);
  });

  it("5R audits: administrators, a mentoring foundation (or one above), a firm with an ACTIVE partnership", () => {
    const facts = { ikmId: "X", mentoringFoundationIds: ["F", "L"], activeFirmIds: ["A"] };
    expect(fiveRAuditor(user("ADMIN"), facts)).toBe("admin");
    expect(fiveRAuditor(user("FOUNDATION", { foundationId: "F" }), facts)).toBe("foundation");
    expect(fiveRAuditor(user("FIRM", { firmId: "A" }), facts)).toBe("firm");
    for (const refused of [user("FOUNDATION", { foundationId: "G" }), user("FIRM", { firmId: "B" }), user("IKM", { ikmId: "X" }), user("FIRM")]) {
      expect(codeOf(() => fiveRAuditor(refused, facts))).toBe("FORBIDDEN");
    }
    expect(fiveRAuditNeeds(user("FIRM", { firmId: "A" }))).toBe("firms");
    expect(fiveRAuditNeeds(user("FOUNDATION", { foundationId: "F" }))).toBe("mentors");
    expect(fiveRAuditNeeds(user("ADMIN"))).toBe("nothing");
  });
});
