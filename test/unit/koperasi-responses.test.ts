/**
 * The pure rules of a koperasi's consortium response: who answers for whom (responderFor), who acts
 * on and sees it, and what its members must be (sharesSchema, checkConsortium, membersShapeIssue).
 */
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import type { Viewer } from "../../src/access/viewer.js";
import { ikmResponsesSight, mayActOnResponse, maySeeKoperasiResponses, needResponsesScope, responderFor, responseSight } from "../../src/access/responses.js";
import { maySeeIkmPrivate } from "../../src/access/ikms.js";
import { mayViewNeed, needScope } from "../../src/access/needs.js";
import { checkConsortium, membersShapeIssue, sharesSchema } from "../../src/features/responses/response.rules.js";
import { RESPONSES } from "../../src/features/responses/response.config.js";

type Role = "ADMIN" | "FIRM" | "IKM" | "FOUNDATION" | "KOPERASI";
const user = (role: Role, ids: { firmId?: string; ikmId?: string; foundationId?: string; koperasiId?: string } = {}): Extract<Viewer, { kind: "user" }> => ({
  kind: "user", userId: "u", role, firmId: ids.firmId ?? null, ikmId: ids.ikmId ?? null, foundationId: ids.foundationId ?? null, koperasiId: ids.koperasiId ?? null,
});
const code = (f: () => unknown) => {
  try {
    f();
    return "ok";
  } catch (e) {
    return e instanceof DomainError ? e.code : "other";
  }
};
const manager = user("KOPERASI", { koperasiId: "k" });
const consortium = { firmId: "a", ikmId: null, koperasiId: "k", memberIkmIds: ["x", "z"] };

describe("responderFor", () => {
  it("a koperasi manager answers for their own koperasi, never for an IKM or another koperasi", () => {
    expect(responderFor(manager, {})).toEqual({ kind: "koperasi", koperasiId: "k", namedByAdmin: false });
    expect(responderFor(manager, { koperasiId: "k" })).toEqual({ kind: "koperasi", koperasiId: "k", namedByAdmin: false });
    expect(code(() => responderFor(manager, { koperasiId: "other" }))).toBe("FORBIDDEN");
    expect(code(() => responderFor(manager, { ikmId: "x" }))).toBe("FORBIDDEN");
    // A KOPERASI account without a koperasi answers for nobody.
    expect(code(() => responderFor(user("KOPERASI"), {}))).toBe("FORBIDDEN");
  });

  it("an IKM member answers for their IKM, never for a koperasi", () => {
    expect(responderFor(user("IKM", { ikmId: "x" }), {})).toEqual({ kind: "ikm", ikmId: "x", namedByAdmin: false });
    expect(code(() => responderFor(user("IKM", { ikmId: "x" }), { koperasiId: "k" }))).toBe("FORBIDDEN");
  });

  it("an administrator names exactly one of the IKM and the koperasi; firms and foundations answer for nobody", () => {
    expect(responderFor(user("ADMIN"), { koperasiId: "k" })).toEqual({ kind: "koperasi", koperasiId: "k", namedByAdmin: true });
    expect(responderFor(user("ADMIN"), { ikmId: "x" })).toEqual({ kind: "ikm", ikmId: "x", namedByAdmin: true });
    expect(code(() => responderFor(user("ADMIN"), { ikmId: "x", koperasiId: "k" }))).toBe("BAD_USER_INPUT");
    expect(code(() => responderFor(user("ADMIN"), {}))).toBe("BAD_USER_INPUT");
    expect(code(() => responderFor(user("FIRM", { firmId: "a" }), { koperasiId: "k" }))).toBe("FORBIDDEN");
    expect(code(() => responderFor(user("FOUNDATION", { foundationId: "f" }), { koperasiId: "k" }))).toBe("FORBIDDEN");
  });
});

describe("who acts on and sees a consortium response", () => {
  it("its koperasi's managers and administrators revise and withdraw it; its members do not", () => {
    expect(mayActOnResponse(manager, consortium)).toBe(true);
    expect(mayActOnResponse(user("ADMIN"), consortium)).toBe(true);
    expect(mayActOnResponse(user("KOPERASI", { koperasiId: "other" }), consortium)).toBe(false);
    expect(mayActOnResponse(user("IKM", { ikmId: "x" }), consortium)).toBe(false);
    // A koperasi's manager never acts on an IKM's own response, even of a member.
    expect(mayActOnResponse(manager, { ikmId: "x", koperasiId: null })).toBe(false);
  });

  it("is seen by the firm, the koperasi's managers, its members, foundations through a member's private side", () => {
    expect(responseSight(user("FIRM", { firmId: "a" }), consortium)).toBe(true);
    expect(responseSight(user("FIRM", { firmId: "b" }), consortium)).toBe(false);
    expect(responseSight(manager, consortium)).toBe(true);
    expect(responseSight(user("KOPERASI", { koperasiId: "other" }), consortium)).toBe(false);
    expect(responseSight(user("IKM", { ikmId: "z" }), consortium)).toBe(true);
    expect(responseSight(user("IKM", { ikmId: "y" }), consortium)).toBe(false);
    expect(responseSight(user("FOUNDATION", { foundationId: "f" }), consortium)).toBe("if-sees-ikm-private");
    expect(responseSight({ kind: "anonymous" }, consortium)).toBe(false);
    // A koperasi's manager does not see an IKM's own response, even a member's.
    expect(responseSight(manager, { firmId: "a", ikmId: "x", koperasiId: null })).toBe(false);
  });

  it("need.responses lists a manager's koperasi's; Koperasi.responses is for its managers and administrators", () => {
    expect(needResponsesScope(manager, { firmId: "a" })).toEqual({ kind: "koperasi", koperasiId: "k" });
    expect(needResponsesScope(user("KOPERASI"), { firmId: "a" })).toEqual({ kind: "none" });
    expect(maySeeKoperasiResponses(manager, "k")).toBe(true);
    expect(maySeeKoperasiResponses(user("ADMIN"), "k")).toBe(true);
    expect(maySeeKoperasiResponses(user("KOPERASI", { koperasiId: "other" }), "k")).toBe(false);
    expect(maySeeKoperasiResponses(user("IKM", { ikmId: "x" }), "k")).toBe(false);
    expect(maySeeKoperasiResponses({ kind: "anonymous" }, "k")).toBe(false);
  });

  it("a koperasi manager sees published needs as any supplier, and never an IKM's private side", () => {
    expect(needScope(manager)).toEqual({ kind: "published" });
    expect(mayViewNeed(manager, { firmId: "a", status: "OPEN" })).toBe(true);
    expect(mayViewNeed(manager, { firmId: "a", status: "DRAFT" })).toBe(false);
    expect(maySeeIkmPrivate(manager, { ikmId: "x", mentoringFoundationIds: [] })).toBe(false);
    // Ikm.responses then asks the private side: null for a manager.
    expect(ikmResponsesSight(manager)).toBe("if-sees-ikm-private");
  });
});

describe("a consortium's members", () => {
  const names = (id: string) => `CV ${id.toUpperCase()}`;
  const members = new Set(["x", "z", "w"]);

  it("are 2 to 50 shares, each a whole positive quantity a month", () => {
    expect(sharesSchema.safeParse([{ ikmId: "x", quantityPerMonth: 10 }, { ikmId: "z", quantityPerMonth: 5 }]).success).toBe(true);
    const one = sharesSchema.safeParse([{ ikmId: "x", quantityPerMonth: 10 }]);
    expect(one.success ? [] : one.error.issues.map((i) => i.message)).toEqual([`give at least ${RESPONSES.minConsortiumMembers} members (an IKM alone answers for itself)`]);
    const many = Array.from({ length: RESPONSES.maxConsortiumMembers + 1 }, (_, i) => ({ ikmId: String(i), quantityPerMonth: 1 }));
    expect(sharesSchema.safeParse(many).success).toBe(false);
    const bad = sharesSchema.safeParse([{ ikmId: "x", quantityPerMonth: 0 }, { ikmId: "z", quantityPerMonth: 1.5 }]);
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["0.quantityPerMonth", "1.quantityPerMonth"]);
  });

  it("must each be a member of the koperasi, once, naming the IKM that is not", () => {
    const ok = checkConsortium([{ ikmId: "x", quantityPerMonth: 300 }, { ikmId: "z", quantityPerMonth: 200 }], members, null, names);
    expect(ok).toEqual({ issues: [], quantityPerMonth: 500 });
    const outsider = checkConsortium([{ ikmId: "x", quantityPerMonth: 1 }, { ikmId: "y", quantityPerMonth: 1 }], members, null, names);
    expect(outsider.issues).toEqual([{ path: "input.members.1.ikmId", message: "CV Y is not a member of this koperasi" }]);
    const twice = checkConsortium([{ ikmId: "x", quantityPerMonth: 1 }, { ikmId: "x", quantityPerMonth: 2 }], members, null, names);
    expect(twice.issues).toEqual([{ path: "input.members.1.ikmId", message: "CV X is listed twice; give each member once with its whole share" }]);
  });

  it("add up to the response's monthly quantity: given, it must equal the sum; left out, it is the sum", () => {
    const shares = [{ ikmId: "x", quantityPerMonth: 120 }, { ikmId: "w", quantityPerMonth: 80 }];
    expect(checkConsortium(shares, members, 200, names).issues).toEqual([]);
    expect(checkConsortium(shares, members, undefined, names).quantityPerMonth).toBe(200);
    expect(checkConsortium(shares, members, 250, names).issues).toEqual([
      { path: "input.quantityPerMonth", message: "must equal the sum of the members' shares (200); leave it out to offer that sum" },
    ]);
    const huge = [{ ikmId: "x", quantityPerMonth: RESPONSES.maxQuantityPerMonth }, { ikmId: "z", quantityPerMonth: 1 }];
    expect(checkConsortium(huge, members, null, names).issues.map((i) => i.path)).toEqual(["input.members"]);
  });

  it("belong to a koperasi's response only, and are required there", () => {
    expect(membersShapeIssue("ikm", null)).toBeNull();
    expect(membersShapeIssue("ikm", undefined)).toBeNull();
    expect(membersShapeIssue("ikm", [])?.path).toBe("input.members");
    expect(membersShapeIssue("koperasi", null)?.path).toBe("input.members");
    expect(membersShapeIssue("koperasi", [{}])).toBeNull();
  });
});
