/**
 * The shortlist's and the award's pure rules (issue 16): a candidate's input, a consortium's shares,
 * which members' samples block an award, a match's unmet requirements, when a need can be awarded,
 * and who sees and manages what (access/shortlist.ts).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../../src/access/viewer.js";
import {
  assertMayFollowCandidacy, assertMaySubscribeToCandidacy, candidateSight, ikmCandidaciesSight, mayManageShortlist, maySeeShortlist,
} from "../../src/access/shortlist.js";
import { DomainError } from "../../src/domain/errors.js";
import { parseInput } from "../../src/features/common/validation.js";
import { assertAwardable } from "../../src/features/shortlist/award.service.js";
import { SHORTLISTABLE, awardSchema, candidateSchema, reasonSchema, shareProblems, unapprovedSamples, unmetRequirements } from "../../src/features/shortlist/shortlist.rules.js";

const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
const paths = (f: () => unknown): string[] => {
  try {
    f();
    return [];
  } catch (e) {
    return ((e as DomainError).details.fields ?? []).map((x) => x.path).sort();
  }
};
const user = (role: "ADMIN" | "FIRM" | "IKM" | "FOUNDATION", ids: { firmId?: string; ikmId?: string; foundationId?: string } = {}): Viewer => ({
  kind: "user", userId: randomUUID(), role, firmId: ids.firmId ?? null, ikmId: ids.ikmId ?? null, foundationId: ids.foundationId ?? null,
});

describe("a candidate's input", () => {
  it("is one IKM or a consortium of 2+ distinct IKMs, never both or neither", () => {
    expect(paths(() => parseInput(candidateSchema, { ikmId: a }))).toEqual([]);
    expect(paths(() => parseInput(candidateSchema, { members: [{ ikmId: a, quantityPerMonth: 1 }, { ikmId: b, quantityPerMonth: 1 }] }))).toEqual([]);
    expect(paths(() => parseInput(candidateSchema, {}))).toEqual(["input.ikmId"]);
    expect(paths(() => parseInput(candidateSchema, { ikmId: a, members: [{ ikmId: a, quantityPerMonth: 1 }, { ikmId: b, quantityPerMonth: 1 }] }))).toEqual(["input.members"]);
    expect(paths(() => parseInput(candidateSchema, { members: [{ ikmId: a, quantityPerMonth: 1 }] }))).toEqual(["input.members"]);
    expect(paths(() => parseInput(candidateSchema, { members: [{ ikmId: a, quantityPerMonth: 1 }, { ikmId: a, quantityPerMonth: 1 }] }))).toEqual(["input.members"]);
    expect(paths(() => parseInput(candidateSchema, { members: [{ ikmId: a, quantityPerMonth: 0 }, { ikmId: b, quantityPerMonth: 1 }] }))).toEqual(["input.members.0.quantityPerMonth"]);
    expect(paths(() => parseInput(candidateSchema, { ikmId: a, koperasiId: c }))).toEqual(["input.koperasiId"]);
    expect(paths(() => parseInput(candidateSchema, { members: [{ ikmId: a, quantityPerMonth: 1 }, { ikmId: b, quantityPerMonth: 1 }], responseId: c }))).toEqual(["input.responseId"]);
    const seven = Array.from({ length: 7 }, () => ({ ikmId: randomUUID(), quantityPerMonth: 1 }));
    expect(paths(() => parseInput(candidateSchema, { members: seven }))).toEqual(["input.members"]);
  });

  it("a consortium's shares add up to the need's quantity", () => {
    expect(shareProblems(900, "PCS", [{ quantityPerMonth: 300 }, { quantityPerMonth: 600 }])).toEqual([]);
    expect(shareProblems(900, "PCS", [{ quantityPerMonth: 300 }, { quantityPerMonth: 500 }])).toEqual([
      { path: "input.members", message: "the shares add up to 800 PCS a month, not the need's 900" },
    ]);
    expect(shareProblems(900, "PCS", [{ quantityPerMonth: 600 }, { quantityPerMonth: 600 }])).toHaveLength(1);
  });

  it("a removal needs a reason; an award's end is not before its start and names a version", () => {
    expect(paths(() => parseInput(reasonSchema, "   ", "reason"))).toEqual(["reason"]);
    expect(parseInput(reasonSchema, "  Too far ", "reason")).toBe("Too far");
    const award = { needId: a, candidateId: b, startDate: new Date("2027-02-01"), expectedVersion: 2 };
    expect(paths(() => parseInput(awardSchema, award))).toEqual([]);
    expect(paths(() => parseInput(awardSchema, { ...award, endDate: new Date("2027-01-31") }))).toEqual(["input.endDate"]);
    expect(paths(() => parseInput(awardSchema, { ...award, expectedVersion: undefined }))).toEqual(["input.expectedVersion"]);
  });

  it("OPEN and SHORTLISTED needs take candidates", () => {
    expect(SHORTLISTABLE).toEqual(["OPEN", "SHORTLISTED"]);
  });
});

describe("what blocks an award", () => {
  const at = (day: number) => new Date(Date.UTC(2026, 0, day));
  it("each member's newest sample must be APPROVED; a member asked for none is no obstacle", () => {
    expect(unapprovedSamples([a, b], [])).toEqual([]);
    expect(unapprovedSamples([a, b], [{ ikmId: a, status: "REJECTED", createdAt: at(1) }, { ikmId: a, status: "APPROVED", createdAt: at(2) }])).toEqual([]);
    expect(unapprovedSamples([a, b], [{ ikmId: a, status: "APPROVED", createdAt: at(1) }, { ikmId: a, status: "REJECTED", createdAt: at(2) }, { ikmId: b, status: "SUBMITTED", createdAt: at(1) }])).toEqual([
      { ikmId: a, status: "REJECTED" }, { ikmId: b, status: "SUBMITTED" },
    ]);
    expect(unapprovedSamples([a], [{ ikmId: a, status: "CANCELLED", createdAt: at(3) }, { ikmId: a, status: "APPROVED", createdAt: at(1) }])).toEqual([{ ikmId: a, status: "CANCELLED" }]);
  });

  it("a match's unmet hard requirements, as sentences", () => {
    expect(unmetRequirements({ requirements: [{ met: true, message: "ok" }, { met: false, message: "No MACHINING_CNC capability" }] })).toEqual(["No MACHINING_CNC capability"]);
  });

  it("only a SHORTLISTED need at the version the firm saw is awarded", () => {
    const codeOf = (f: () => void) => {
      try {
        f();
        return "ok";
      } catch (e) {
        return (e as DomainError).code;
      }
    };
    expect(codeOf(() => assertAwardable({ id: a, status: "SHORTLISTED", version: 3 }, 3))).toBe("ok");
    expect(codeOf(() => assertAwardable({ id: a, status: "SHORTLISTED", version: 4 }, 3))).toBe("CONFLICT");
    expect(codeOf(() => assertAwardable({ id: a, status: "OPEN", version: 3 }, 3))).toBe("INVALID_TRANSITION");
    expect(codeOf(() => assertAwardable({ id: a, status: "AWARDED", version: 3 }, 3))).toBe("INVALID_TRANSITION");
  });
});

describe("access/shortlist.ts", () => {
  const parties = { firmId: a, ikmIds: [b, c] };
  it("the need's firm and administrators manage and see the shortlist", () => {
    expect(mayManageShortlist(user("FIRM", { firmId: a }) as never, { firmId: a })).toBe(true);
    expect(mayManageShortlist(user("FIRM", { firmId: b }) as never, { firmId: a })).toBe(false);
    expect(mayManageShortlist(user("ADMIN") as never, { firmId: a })).toBe(true);
    expect(mayManageShortlist(user("IKM", { ikmId: b }) as never, { firmId: a })).toBe(false);
    expect(maySeeShortlist({ kind: "anonymous" }, { firmId: a })).toBe(false);
    expect(maySeeShortlist(user("IKM", { ikmId: b }), { firmId: a })).toBe(false);
    expect(maySeeShortlist(user("FIRM", { firmId: a }), { firmId: a })).toBe(true);
  });

  it("a candidate: its firm, its members, mentoring foundations (asked), administrators", () => {
    expect(candidateSight({ kind: "anonymous" }, parties)).toBe(false);
    expect(candidateSight(user("ADMIN"), parties)).toBe(true);
    expect(candidateSight(user("FIRM", { firmId: a }), parties)).toBe(true);
    expect(candidateSight(user("FIRM", { firmId: b }), parties)).toBe(false);
    expect(candidateSight(user("IKM", { ikmId: c }), parties)).toBe(true);
    expect(candidateSight(user("IKM", { ikmId: a }), parties)).toBe(false);
    expect(candidateSight(user("FOUNDATION", { foundationId: a }), parties)).toBe("if-sees-a-member-private");
  });

  it("candidacies and their subscription: the IKM's private side; firms never", () => {
    expect(ikmCandidaciesSight(user("FIRM", { firmId: a }))).toBe(false);
    expect(ikmCandidaciesSight({ kind: "anonymous" })).toBe(false);
    expect(ikmCandidaciesSight(user("IKM", { ikmId: a }))).toBe("if-sees-ikm-private");
    expect(() => assertMayFollowCandidacy(false)).toThrow(DomainError);
    expect(() => assertMayFollowCandidacy(true)).not.toThrow();
    expect(() => assertMaySubscribeToCandidacy(user("FIRM", { firmId: a }) as never)).toThrow(/may not follow/);
    expect(() => assertMaySubscribeToCandidacy(user("IKM", { ikmId: a }) as never)).not.toThrow();
  });
});
