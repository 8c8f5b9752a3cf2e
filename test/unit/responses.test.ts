/** The pure rules of responses: what a response's terms must carry, and who may answer, act on, see and hear them. */
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import type { Viewer } from "../../src/access/viewer.js";
import {
  assertMaySubscribeToResponses, ikmResponsesSight, mayActOnResponse, mayHearResponses, needResponsesScope, respondingIkm, responseSight, responsesFirmScope,
} from "../../src/access/responses.js";
import { ANSWERABLE, WITHDRAWABLE, documentUrl, termsSchema, todayUtc } from "../../src/features/responses/response.rules.js";
import { RESPONSES } from "../../src/features/responses/response.config.js";

const TODAY = new Date("2026-12-03T00:00:00.000Z");
const days = (n: number) => new Date(TODAY.getTime() + n * 86_400_000);
const parse = (v: unknown) => termsSchema(TODAY).safeParse(v);
const problems = (v: unknown) => {
  const r = parse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).sort();
};
const quotation = { kind: "QUOTATION", unitPriceIdr: 12_500, quantityPerMonth: 800, leadTimeDays: 30, validUntil: days(30) };

const user = (role: "ADMIN" | "FIRM" | "IKM" | "FOUNDATION", ids: { firmId?: string; ikmId?: string; foundationId?: string } = {}): Extract<Viewer, { kind: "user" }> => ({
  kind: "user", userId: "u", role, firmId: ids.firmId ?? null, ikmId: ids.ikmId ?? null, foundationId: ids.foundationId ?? null,
});
const code = (f: () => unknown) => {
  try {
    f();
    return "ok";
  } catch (e) {
    return e instanceof DomainError ? e.code : "other";
  }
};

describe("response terms", () => {
  it("a quotation needs price, quantity, lead time and validity; an interest needs none and takes no price or validity", () => {
    expect(problems(quotation)).toEqual([]);
    expect(problems({ kind: "QUOTATION" })).toEqual([
      "leadTimeDays: required for a QUOTATION", "quantityPerMonth: required for a QUOTATION", "unitPriceIdr: required for a QUOTATION", "validUntil: required for a QUOTATION",
    ]);
    expect(problems({ kind: "INTEREST" })).toEqual([]);
    expect(problems({ kind: "INTEREST", quantityPerMonth: 10, leadTimeDays: 0 })).toEqual([]);
    expect(problems({ kind: "INTEREST", unitPriceIdr: 1, validUntil: days(1) }).map((p) => p.split(":")[0])).toEqual(["unitPriceIdr", "validUntil"]);
  });

  it("prices are whole rupiah above 0, at most the configured bound (exact as a JavaScript number)", () => {
    expect(Number.isSafeInteger(RESPONSES.maxUnitPriceIdr)).toBe(true);
    expect(problems({ ...quotation, unitPriceIdr: RESPONSES.maxUnitPriceIdr })).toEqual([]);
    expect(problems({ ...quotation, unitPriceIdr: RESPONSES.maxUnitPriceIdr + 1 })).toHaveLength(1);
    expect(problems({ ...quotation, unitPriceIdr: 0.5 })).toEqual(["unitPriceIdr: must be whole rupiah"]);
    expect(problems({ ...quotation, unitPriceIdr: 0 })).toEqual(["unitPriceIdr: must be above 0"]);
  });

  it("quantities, lead times and validity stay in their bounds", () => {
    expect(problems({ ...quotation, quantityPerMonth: 0 })).toEqual(["quantityPerMonth: must be above 0"]);
    expect(problems({ ...quotation, leadTimeDays: -1 })).toEqual(["leadTimeDays: must not be negative"]);
    expect(problems({ ...quotation, leadTimeDays: RESPONSES.maxLeadTimeDays + 1 })).toHaveLength(1);
    expect(problems({ ...quotation, validUntil: TODAY })).toEqual([]);
    expect(problems({ ...quotation, validUntil: days(-1) })).toEqual(["validUntil: must be today (2026-12-03) or later"]);
    expect(problems({ ...quotation, validUntil: days(RESPONSES.maxValidityDays) })).toEqual([]);
    expect(problems({ ...quotation, validUntil: days(RESPONSES.maxValidityDays + 1) })).toHaveLength(1);
  });

  it("notes are trimmed (blank is none); document links are https, each once, a bounded list", () => {
    const r = parse({ ...quotation, notes: "   " });
    expect(r.success && r.data.notes).toBeNull();
    expect(r.success && r.data.documentUrls).toEqual([]);
    expect(documentUrl.safeParse("https://example.co.id/a.pdf").success).toBe(true);
    for (const bad of ["http://example.co.id/a.pdf", "javascript:alert(1)", "ftp://x.id/a", "https://u:p@x.id/a", "not a url", ""]) {
      expect(documentUrl.safeParse(bad).success, bad).toBe(false);
    }
    expect(problems({ ...quotation, documentUrls: ["https://a.id/x", "https://a.id/x"] })).toEqual(["documentUrls: list each link once"]);
    expect(problems({ ...quotation, documentUrls: Array.from({ length: RESPONSES.maxDocuments + 1 }, (_, i) => `https://a.id/${i}`) })).toHaveLength(1);
  });

  it("only OPEN needs take responses; OPEN and SHORTLISTED ones take withdrawals", () => {
    expect(ANSWERABLE).toEqual(["OPEN"]);
    expect(WITHDRAWABLE).toEqual(["OPEN", "SHORTLISTED"]);
    expect(todayUtc(new Date("2026-12-03T23:59:00+07:00")).toISOString()).toBe("2026-12-03T00:00:00.000Z");
  });
});

describe("who responds", () => {
  it("an IKM member for their own IKM; an administrator names one; nobody else", () => {
    expect(respondingIkm(user("IKM", { ikmId: "x" }))).toEqual({ ikmId: "x", namedByAdmin: false });
    expect(respondingIkm(user("IKM", { ikmId: "x" }), "x")).toEqual({ ikmId: "x", namedByAdmin: false });
    expect(code(() => respondingIkm(user("IKM", { ikmId: "x" }), "y"))).toBe("FORBIDDEN");
    expect(respondingIkm(user("ADMIN"), "y")).toEqual({ ikmId: "y", namedByAdmin: true });
    expect(code(() => respondingIkm(user("ADMIN")))).toBe("BAD_USER_INPUT");
    expect(code(() => respondingIkm(user("FIRM", { firmId: "a" }), "x"))).toBe("FORBIDDEN");
    expect(code(() => respondingIkm(user("FOUNDATION", { foundationId: "f" })))).toBe("FORBIDDEN");
    expect(code(() => respondingIkm(user("IKM")))).toBe("FORBIDDEN");
  });

  it("the responding IKM and administrators revise and withdraw", () => {
    expect(mayActOnResponse(user("IKM", { ikmId: "x" }), { ikmId: "x" })).toBe(true);
    expect(mayActOnResponse(user("IKM", { ikmId: "y" }), { ikmId: "x" })).toBe(false);
    expect(mayActOnResponse(user("ADMIN"), { ikmId: "x" })).toBe(true);
    expect(mayActOnResponse(user("FIRM", { firmId: "a" }), { ikmId: "x" })).toBe(false);
  });
});

describe("who sees and hears responses", () => {
  const parties = { firmId: "a", ikmId: "x" };
  it("one response: the need's firm, the IKM, administrators; foundations as they see the IKM's private side", () => {
    expect(responseSight({ kind: "anonymous" }, parties)).toBe(false);
    expect(responseSight(user("ADMIN"), parties)).toBe(true);
    expect(responseSight(user("FIRM", { firmId: "a" }), parties)).toBe(true);
    expect(responseSight(user("FIRM", { firmId: "b" }), parties)).toBe(false);
    expect(responseSight(user("IKM", { ikmId: "x" }), parties)).toBe(true);
    expect(responseSight(user("IKM", { ikmId: "y" }), parties)).toBe(false);
    expect(responseSight(user("FOUNDATION", { foundationId: "f" }), parties)).toBe("if-sees-ikm-private");
  });

  it("a need's list: all for its firm and administrators, own for an IKM, none for others", () => {
    expect(needResponsesScope(user("ADMIN"), { firmId: "a" })).toEqual({ kind: "all" });
    expect(needResponsesScope(user("FIRM", { firmId: "a" }), { firmId: "a" })).toEqual({ kind: "all" });
    expect(needResponsesScope(user("FIRM", { firmId: "b" }), { firmId: "a" })).toEqual({ kind: "none" });
    expect(needResponsesScope(user("IKM", { ikmId: "x" }), { firmId: "a" })).toEqual({ kind: "ikm", ikmId: "x" });
    expect(needResponsesScope(user("FOUNDATION", { foundationId: "f" }), { firmId: "a" })).toEqual({ kind: "none" });
    expect(needResponsesScope({ kind: "anonymous" }, { firmId: "a" })).toEqual({ kind: "none" });
  });

  it("an IKM's list: whoever sees its private side, never a firm", () => {
    expect(ikmResponsesSight({ kind: "anonymous" })).toBe(false);
    expect(ikmResponsesSight(user("FIRM", { firmId: "a" }))).toBe(false);
    for (const role of ["ADMIN", "IKM", "FOUNDATION"] as const) expect(ikmResponsesSight(user(role))).toBe("if-sees-ikm-private");
  });

  it("responseReceived: firm members of the need's firm and administrators; other roles refused outright", () => {
    expect(mayHearResponses(user("FIRM", { firmId: "a" }), { firmId: "a" })).toBe(true);
    expect(mayHearResponses(user("FIRM", { firmId: "b" }), { firmId: "a" })).toBe(false);
    expect(mayHearResponses(user("ADMIN"), { firmId: "a" })).toBe(true);
    expect(mayHearResponses(user("IKM", { ikmId: "x" }), { firmId: "a" })).toBe(false);
    expect(code(() => assertMaySubscribeToResponses(user("IKM", { ikmId: "x" })))).toBe("FORBIDDEN");
    expect(code(() => assertMaySubscribeToResponses(user("FOUNDATION")))).toBe("FORBIDDEN");
    expect(code(() => assertMaySubscribeToResponses(user("FIRM", { firmId: "a" })))).toBe("ok");
    expect(responsesFirmScope(user("FIRM", { firmId: "a" }))).toBe("a");
    expect(responsesFirmScope(user("FIRM"))).not.toBeNull();
    expect(responsesFirmScope(user("ADMIN"))).toBeNull();
  });
});
