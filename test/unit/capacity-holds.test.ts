/**
 * The one rule for which partnerships hold an IKM's capacity (src/domain/partnership-status.ts),
 * and its SQL form (src/infra/db/capacity-holds.ts) saying the same.
 */
import { describe, expect, it } from "vitest";
import { holdsCapacity } from "../../src/domain/partnership-status.js";
import { HOLDS_CAPACITY, holdsCapacitySql } from "../../src/infra/db/capacity-holds.js";

describe("which partnerships hold capacity", () => {
  it("ACTIVE ones, and PENDING ones an award wrote; not a firm's PENDING proposal, nor ENDED ones", () => {
    expect(holdsCapacity({ status: "ACTIVE", candidateId: null })).toBe(true);
    expect(holdsCapacity({ status: "ACTIVE", candidateId: "c" })).toBe(true);
    expect(holdsCapacity({ status: "PENDING", candidateId: "c" })).toBe(true);
    expect(holdsCapacity({ status: "PENDING", candidateId: null })).toBe(false);
    expect(holdsCapacity({ status: "ENDED", candidateId: "c" })).toBe(false);
    expect(holdsCapacity({ status: "ENDED", candidateId: null })).toBe(false);
  });

  it("says the same as a SQL condition and a Prisma filter", () => {
    expect(holdsCapacitySql("p")).toBe(`(p.status IN ('ACTIVE') OR (p.status IN ('PENDING') AND p."candidateId" IS NOT NULL))`);
    expect(HOLDS_CAPACITY).toEqual({ OR: [{ status: { in: ["ACTIVE"] } }, { status: { in: ["PENDING"] }, candidateId: { not: null } }] });
  });
});
