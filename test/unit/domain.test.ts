import { describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId, expectId } from "../../src/domain/ids.js";
import { NEED_TRANSITIONS, canTransition } from "../../src/domain/need-status.js";
import { regionCodeProblem, regionName } from "../../src/domain/regions.js";
import { sizeClass } from "../../src/domain/size-class.js";
import { stagesAtLeast } from "../../src/domain/stages.js";
import { pageOf } from "../../src/domain/pagination.js";

describe("need lifecycle", () => {
  it.each([
    ["DRAFT", "OPEN", true], ["DRAFT", "SHORTLISTED", false], ["DRAFT", "CANCELLED", true],
    ["OPEN", "SHORTLISTED", true], ["OPEN", "AWARDED", false], ["SHORTLISTED", "AWARDED", true],
    ["SHORTLISTED", "OPEN", true], ["AWARDED", "CLOSED", true], ["AWARDED", "CANCELLED", false],
    ["CLOSED", "OPEN", false], ["CANCELLED", "OPEN", false],
  ] as const)("%s -> %s allowed: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
  it("has final states with no way out", () => {
    expect(NEED_TRANSITIONS.CLOSED).toEqual([]);
    expect(NEED_TRANSITIONS.CANCELLED).toEqual([]);
  });
});

describe("size class", () => {
  it.each([
    ["BPS", 4, null, "MICRO"], ["BPS", 5, null, "SMALL"], ["BPS", 19, null, "SMALL"], ["BPS", 20, null, "MEDIUM"],
    ["BPS", 99, null, "MEDIUM"], ["BPS", 100, null, "LARGE"],
    ["KEMENPERIN", 19, 999_999_999n, "SMALL"], ["KEMENPERIN", 19, 1_000_000_000n, "MEDIUM"],
    ["KEMENPERIN", 20, 0n, "MEDIUM"], ["KEMENPERIN", 99, 15_000_000_000n, "MEDIUM"], ["KEMENPERIN", 100, 0n, "LARGE"],
  ] as const)("%s with %i workers and investment %s is %s", (scheme, workers, investment, expected) => {
    expect(sizeClass(scheme, workers, investment)).toBe(expected);
  });
});

describe("region codes", () => {
  it("accepts provinces and regencies of known provinces", () => {
    expect(regionCodeProblem("33")).toBeNull();
    expect(regionCodeProblem("33.10")).toBeNull();
    expect(regionCodeProblem("96.01")).toBeNull();
    // "33.00" is no regency; it would also be indistinguishable from the province "33" in the match index.
    expect(regionCodeProblem("33.00")).toMatch(/names no regency/);
    expect(regionName("33.10")).toBe("Kabupaten Klaten");
  });
  it.each(["3", "33.1", "33-10", "99", "00.01", "Klaten"])("refuses %s with a reason", (code) => {
    expect(regionCodeProblem(code)).toMatch(/province|region code/);
  });
});

describe("global ids", () => {
  it("round-trips and names the type", () => {
    const id = "0b7f3f4e-5d1c-4a8b-9c2d-1e2f3a4b5c6d";
    expect(fromGlobalId(toGlobalId("Ikm", id))).toEqual({ type: "Ikm", id });
    expect(() => expectId(toGlobalId("Firm", id), "Ikm", "ikmId")).toThrow(/ikmId must be the id of a Ikm/);
    expect(fromGlobalId("not-an-id")).toBeNull();
  });
});

describe("stages", () => {
  it("orders pemula < madya < pramandiri < mandiri", () => {
    expect(stagesAtLeast("MADYA")).toEqual(["MADYA", "PRAMANDIRI", "MANDIRI"]);
    expect(stagesAtLeast("MANDIRI")).toEqual(["MANDIRI"]);
  });
});

describe("pageOf", () => {
  it("makes cursors only when read: none for nodes, the last for endCursor, every one for edges", () => {
    const encoded: number[] = [];
    const cursorOf = (n: number) => (encoded.push(n), `c${n}`);
    const page = pageOf([1, 2, 3], cursorOf, true, 3);
    expect(page.nodes).toEqual([1, 2, 3]);
    expect(encoded).toEqual([]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const endCursor = page.pageInfo.endCursor;
    expect(endCursor).toBe("c3");
    expect(encoded).toEqual([3]);
    expect(page.edges).toEqual([{ node: 1, cursor: "c1" }, { node: 2, cursor: "c2" }, { node: 3, cursor: "c3" }]);
    expect(page.edges).toBe(page.edges);
    expect(page.pageInfo.endCursor).toBe("c3");
    expect(encoded).toEqual([3, 1, 2, 3]);
    expect(pageOf([], cursorOf, false, 0).pageInfo.endCursor).toBeNull();
  });
});
