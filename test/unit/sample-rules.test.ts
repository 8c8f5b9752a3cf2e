/** The pure rules of samples: the catalogue, what a request, a submission and a decision must carry, dates, and who may act and see. */
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import type { Viewer } from "../../src/access/viewer.js";
import {
  assertMayManageSamples, assertMaySubmitSamples, ikmSamplesSight, mayManageSamplesOf, maySeeNeedSamples, maySubmitSample, sampleSight,
} from "../../src/access/samples.js";
import { DEFAULT_CHECKLIST, PPAP_ELEMENTS, PPAP_SOURCE, SAMPLES } from "../../src/features/samples/sample.config.js";
import {
  buildChecklist, decisionSchema, isLate, isOverdue, missingDocuments, notAccepted, requestSchema, submissionSchema, todayUtc, unknownCodes,
} from "../../src/features/samples/sample.rules.js";

const TODAY = new Date("2026-12-03T00:00:00.000Z");
const days = (n: number) => new Date(TODAY.getTime() + n * 86_400_000);
const problems = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? [] : r.error!.issues.map((i) => i.path.join(".")).sort();
};
const request = (over: Record<string, unknown> = {}) => ({ pieces: 10, dueDate: days(7), ...over });
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
const PSW = "PPAP-18 PART_SUBMISSION_WARRANT";
const DIM = "PPAP-09 DIMENSIONAL_RESULTS";

describe("the catalogue", () => {
  it("has AIAG PPAP's 18 elements in order, unique codes, both titles; the default picks from them", () => {
    expect(PPAP_ELEMENTS).toHaveLength(18);
    expect(PPAP_ELEMENTS.map((e) => e.code.slice(0, 7))).toEqual(Array.from({ length: 18 }, (_, i) => `PPAP-${String(i + 1).padStart(2, "0")}`));
    expect(new Set(PPAP_ELEMENTS.map((e) => e.code)).size).toBe(18);
    expect(PPAP_ELEMENTS.every((e) => e.title && e.titleId && e.title !== e.titleId)).toBe(true);
    expect(DEFAULT_CHECKLIST.every((c) => PPAP_ELEMENTS.some((e) => e.code === c))).toBe(true);
    expect(PPAP_SOURCE).toContain("4th edition (2006)");
  });
});

describe("a request", () => {
  it("with no checklist asks Jalin's default, in catalogue order, all required, under the catalogue's source", () => {
    const r = requestSchema(TODAY).parse(request());
    expect(r.checklistSource).toBe(PPAP_SOURCE);
    expect(r.items.map((i) => i.code)).toEqual(PPAP_ELEMENTS.filter((e) => DEFAULT_CHECKLIST.includes(e.code)).map((e) => e.code));
    expect(r.items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.items.every((i) => i.required)).toBe(true);
  });

  it("puts catalogue codes first, then the firm's own in the order given", () => {
    expect(buildChecklist([PSW, DIM], [{ code: "X", title: "x", required: false }]).map((i) => `${i.position}:${i.code}:${i.required}`)).toEqual([
      `0:${DIM}:true`, `1:${PSW}:true`, "2:X:false",
    ]);
  });

  it("due today up to the maximum days ahead; pieces 1 to the maximum", () => {
    expect(problems(requestSchema(TODAY), request({ dueDate: TODAY }))).toEqual([]);
    expect(problems(requestSchema(TODAY), request({ dueDate: days(SAMPLES.maxDueDays) }))).toEqual([]);
    expect(problems(requestSchema(TODAY), request({ dueDate: days(SAMPLES.maxDueDays + 1) }))).toEqual(["dueDate"]);
    expect(problems(requestSchema(TODAY), request({ dueDate: days(-1) }))).toEqual(["dueDate"]);
    expect(problems(requestSchema(TODAY), request({ pieces: SAMPLES.maxPieces }))).toEqual([]);
    expect(problems(requestSchema(TODAY), request({ pieces: SAMPLES.maxPieces + 1 }))).toEqual(["pieces"]);
    expect(problems(requestSchema(TODAY), request({ pieces: 2.5 }))).toEqual(["pieces"]);
  });

  it("refuses unknown and repeated codes, catalogue codes as custom ones, custom items without a source, an empty checklist, too many items", () => {
    expect(problems(requestSchema(TODAY), request({ checklist: ["PPAP-19 NOPE"] }))).toEqual(["checklist.0"]);
    expect(problems(requestSchema(TODAY), request({ checklist: [PSW, PSW] }))).toEqual(["checklist"]);
    expect(problems(requestSchema(TODAY), request({ customItems: [{ code: PSW, title: "again" }], checklistSource: "Own" }))).toEqual(["customItems.0.code"]);
    expect(problems(requestSchema(TODAY), request({ customItems: [{ code: "SALT_SPRAY", title: "Salt spray" }] }))).toEqual(["checklistSource"]);
    expect(problems(requestSchema(TODAY), request({ customItems: [{ code: "salt", title: "Salt spray" }], checklistSource: "Own" }))).toEqual(["customItems.0.code"]);
    expect(problems(requestSchema(TODAY), request({ checklist: [], customItems: [] }))).toEqual(["checklist"]);
    const many = Array.from({ length: SAMPLES.maxItems - 17 }, (_, i) => ({ code: `OWN_${i}`, title: `Own ${i}` }));
    expect(problems(requestSchema(TODAY), request({ checklist: PPAP_ELEMENTS.map((e) => e.code), customItems: many, checklistSource: "Own" }))).toEqual(["checklist"]);
    expect(problems(requestSchema(TODAY), request({ checklist: PPAP_ELEMENTS.map((e) => e.code), customItems: many.slice(1), checklistSource: "Own" }))).toEqual([]);
  });
});

describe("a submission and a decision", () => {
  const checklist = [{ code: PSW, required: true }, { code: DIM, required: true }, { code: "PHOTO", required: false }];

  it("names required items without a document and codes not on the checklist", () => {
    expect(missingDocuments(checklist, [{ code: DIM }, { code: "PHOTO" }])).toEqual([PSW]);
    expect(missingDocuments(checklist, [{ code: DIM }, { code: PSW }])).toEqual([]);
    expect(unknownCodes([{ code: DIM }, { code: "NOPE" }], checklist)).toEqual([1]);
  });

  it("takes https links only, each item once", () => {
    expect(problems(submissionSchema, { items: [{ code: PSW, documentUrl: "http://e.co.id/a" }] })).toEqual(["items.0.documentUrl"]);
    expect(problems(submissionSchema, { items: [{ code: PSW, documentUrl: "https://e.co.id/a" }, { code: PSW, documentUrl: "https://e.co.id/b" }] })).toEqual(["items"]);
  });

  it("an approval needs every required item accepted; a rejection needs a reason", () => {
    expect(notAccepted(checklist, [{ code: PSW, accepted: true }, { code: DIM, accepted: false }])).toEqual([DIM]);
    expect(notAccepted(checklist, [{ code: PSW, accepted: true }, { code: DIM, accepted: true }])).toEqual([]);
    expect(problems(decisionSchema, { approve: false, items: [{ code: PSW, accepted: false }] })).toEqual(["reason"]);
    expect(problems(decisionSchema, { approve: false, reason: "Burrs." })).toEqual([]);
    expect(problems(decisionSchema, { approve: true })).toEqual([]);
  });
});

describe("dates", () => {
  it("overdue while REQUESTED after the due day; late when submitted after it", () => {
    expect(isOverdue({ status: "REQUESTED", dueDate: days(-1) }, TODAY)).toBe(true);
    expect(isOverdue({ status: "REQUESTED", dueDate: TODAY }, new Date("2026-12-03T23:59:00Z"))).toBe(false);
    expect(isOverdue({ status: "SUBMITTED", dueDate: days(-1) }, TODAY)).toBe(false);
    expect(isLate({ submittedAt: new Date("2026-12-03T23:59:00Z"), dueDate: TODAY })).toBe(false);
    expect(isLate({ submittedAt: new Date("2026-12-04T00:00:01Z"), dueDate: TODAY })).toBe(true);
    expect(isLate({ submittedAt: null, dueDate: days(-5) })).toBe(false);
    expect(todayUtc(new Date("2026-12-03T22:00:00Z"))).toEqual(TODAY);
  });
});

describe("access", () => {
  const parties = { firmId: "A", ikmId: "X" };
  it("the need's firm and administrators manage samples; IKMs and foundations may not", () => {
    expect(code(() => assertMayManageSamples(user("FIRM", { firmId: "B" })))).toBe("ok");
    expect(code(() => assertMayManageSamples(user("IKM", { ikmId: "X" })))).toBe("FORBIDDEN");
    expect(code(() => assertMayManageSamples(user("FOUNDATION")))).toBe("FORBIDDEN");
    expect(mayManageSamplesOf(user("FIRM", { firmId: "A" }), parties)).toBe(true);
    expect(mayManageSamplesOf(user("FIRM", { firmId: "B" }), parties)).toBe(false);
    expect(mayManageSamplesOf(user("ADMIN"), parties)).toBe(true);
  });

  it("the sampled IKM's members and administrators submit", () => {
    expect(code(() => assertMaySubmitSamples(user("FIRM", { firmId: "A" })))).toBe("FORBIDDEN");
    expect(maySubmitSample(user("IKM", { ikmId: "X" }), parties)).toBe(true);
    expect(maySubmitSample(user("IKM", { ikmId: "Y" }), parties)).toBe(false);
    expect(maySubmitSample(user("ADMIN"), parties)).toBe(true);
  });

  it("sees a sample: admin, the need's firm, the IKM's members; foundations by the IKM's private side; anonymous never", () => {
    expect(sampleSight({ kind: "anonymous" }, parties)).toBe(false);
    expect(sampleSight(user("ADMIN"), parties)).toBe(true);
    expect(sampleSight(user("FIRM", { firmId: "A" }), parties)).toBe(true);
    expect(sampleSight(user("FIRM", { firmId: "B" }), parties)).toBe(false);
    expect(sampleSight(user("IKM", { ikmId: "X" }), parties)).toBe(true);
    expect(sampleSight(user("IKM", { ikmId: "Y" }), parties)).toBe(false);
    expect(sampleSight(user("FOUNDATION", { foundationId: "F" }), parties)).toBe("if-sees-ikm-private");
    expect(maySeeNeedSamples(user("FIRM", { firmId: "A" }), parties)).toBe(true);
    expect(maySeeNeedSamples(user("IKM", { ikmId: "X" }), parties)).toBe(false);
    expect(ikmSamplesSight(user("FIRM", { firmId: "A" }))).toBe(false);
    expect(ikmSamplesSight(user("IKM", { ikmId: "X" }))).toBe("if-sees-ikm-private");
    expect(ikmSamplesSight({ kind: "anonymous" })).toBe(false);
  });
});
