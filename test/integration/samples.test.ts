/**
 * Samples over HTTP: a need's firm asks a shortlisted candidate (one IKM, or a consortium of two)
 * for samples with a PPAP checklist, the IKM sends them, the firm rejects with reasons, asks again
 * and approves; every bad input is a typed error that writes nothing (a consortium with one member
 * still sampling gets nothing new for the other either); a stale version is CONFLICT; the IKMs'
 * CANDIDACY_CHANGED events are in the event log; others see nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { DEFAULT_CHECKLIST, PPAP_SOURCE } from "../../src/features/samples/sample.config.js";
import { makeFirm, makeFoundation, makeIkm } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";

const FIELDS = `id status pieces dueDate overdue late checklistSource instructions version submittedAt submissionNote decidedAt decisionReason
  items { code title required documentUrl accepted remark } ikm { id } need { id } candidate { kind status }`;
const REQUEST = `mutation($input: RequestSamplesInput!) { requestSamples(input: $input) { ${FIELDS} } }`;
const SUBMIT = `mutation($id: ID!, $input: SubmitSampleInput!, $v: Int) { submitSample(id: $id, input: $input, expectedVersion: $v) { ${FIELDS} } }`;
const DECIDE = `mutation($id: ID!, $input: DecideSampleInput!, $v: Int) { decideSample(id: $id, input: $input, expectedVersion: $v) { ${FIELDS} } }`;
const CANCEL = `mutation($id: ID!, $reason: String!, $v: Int) { cancelSampleRequest(id: $id, reason: $reason, expectedVersion: $v) { id status version decisionReason decidedAt } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on SampleRequest { id status candidate { samples { id ikm { id } } } } } }`;

const PSW = "PPAP-18 PART_SUBMISSION_WARRANT";
const DIM = "PPAP-09 DIMENSIONAL_RESULTS";
const MAT = "PPAP-10 MATERIAL_PERFORMANCE_TESTS";

let t: TestApp;
let firm: Awaited<ReturnType<typeof makeFirm>>;
let firmToken: string;
let otherFirmToken: string;
let adminToken: string;

type Ikm = Awaited<ReturnType<typeof makeIkm>> & { token: string };

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const paths = (r: { errors?: { extensions?: { fields?: { path: string }[] } }[] }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => f.path).sort();
const fieldMessages = (r: { errors?: { extensions?: { fields?: { message: string }[] } }[] }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => f.message).sort();
const docs = (codes: readonly string[]) => codes.map((code) => ({ code, documentUrl: `https://ikm.example.co.id/${encodeURIComponent(code)}.pdf` }));

async function ikm(): Promise<Ikm> {
  const row = await makeIkm(t.prisma);
  return { ...row, token: (await t.user("IKM", { ikmId: row.id })).token };
}

async function needOf(firmId: string, status: "OPEN" | "SHORTLISTED" | "AWARDED" = "SHORTLISTED") {
  return t.prisma.componentNeed.create({
    data: { firmId, title: `Bracket ${randomUUID().slice(0, 8)}`, description: "Stamped bracket.", processes: ["STAMPING"], quantityPerMonth: 2000, unit: "PCS", startDate: new Date("2027-01-01"), status, publishedAt: new Date() },
  });
}

/** A candidate on the shortlist of `needId`, as the shortlist service would write it (not on this branch). */
async function candidateOf(needId: string, members: Ikm[], status: "SHORTLISTED" | "REMOVED" = "SHORTLISTED"): Promise<string> {
  const row = await t.prisma.shortlistCandidate.create({
    data: {
      needId, kind: members.length > 1 ? "CONSORTIUM" : "IKM", status,
      members: { create: members.map((m) => ({ ikmId: m.id, quantityPerMonth: Math.floor(2000 / members.length) })) },
    },
  });
  return toGlobalId("ShortlistCandidate", row.id);
}

async function ok<T = any>(query: string, vars: Record<string, unknown>, token: string): Promise<T> {
  const r = await t.gql(query, vars, token);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return Object.values(r.data as object)[0] as T;
}

/** Samples, items and sample events: a refused request adds none of them. */
const rowCounts = async () => [
  await t.prisma.sampleRequest.count(), await t.prisma.sampleChecklistItem.count(), await t.prisma.eventLog.count({ where: { topic: "CANDIDACY_CHANGED" } }),
];

/** The CANDIDACY_CHANGED events logged for a candidate, oldest first. */
async function eventsOf(candidateGid: string) {
  const rows = await t.prisma.eventLog.findMany({ where: { topic: "CANDIDACY_CHANGED" }, orderBy: { id: "asc" } });
  const candidateId = fromGlobalId(candidateGid)!.id;
  return rows.map((r) => r.payload as { candidateId: string; ikmId: string; change: string; sampleId: string; firmId: string }).filter((p) => p.candidateId === candidateId);
}

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t.prisma, "PT Perakit");
  const other = await makeFirm(t.prisma, "PT Lain");
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  otherFirmToken = (await t.user("FIRM", { firmId: other.id })).token;
  adminToken = (await t.user("ADMIN")).token;
});
afterAll(() => t?.stop());

describe("the checklist catalogue", () => {
  it("lists AIAG PPAP's 18 elements with codes, English and Indonesian titles, Jalin's default and the bounds; any signed-in user", async () => {
    const x = await ikm();
    const c = await ok(`{ sampleChecklist { source defaultCodes maxPieces maxDueDays maxItems elements { code title titleId inDefault } } }`, {}, x.token);
    expect(c.source).toBe(PPAP_SOURCE);
    expect(c.elements).toHaveLength(18);
    expect(c.elements[8]).toEqual({ code: DIM, title: "Dimensional results", titleId: "Hasil pengukuran dimensi", inDefault: true });
    expect(c.elements.filter((e: { inDefault: boolean }) => e.inDefault).map((e: { code: string }) => e.code).sort()).toEqual([...DEFAULT_CHECKLIST].sort());
    expect(codes(await t.gql(`{ sampleChecklist { source } }`))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("the loop", () => {
  it("one IKM: asked with Jalin's default checklist, submits, is rejected with reasons, asked again, approved; it hears each step", async () => {
    const x = await ikm();
    const need = await needOf(firm.id);
    const cand = await candidateOf(need.id, [x]);
    const [asked] = await ok(REQUEST, { input: { candidateId: cand, pieces: 30, dueDate: day(14), instructions: "Mark each piece with its cavity." } }, firmToken);
    expect(asked).toMatchObject({
      status: "REQUESTED", pieces: 30, dueDate: day(14), overdue: false, late: false, checklistSource: PPAP_SOURCE, version: 1,
      ikm: { id: x.gid }, need: { id: toGlobalId("ComponentNeed", need.id) }, candidate: { kind: "IKM", status: "SHORTLISTED" },
    });
    expect(asked.items.map((i: { code: string }) => i.code)).toEqual([
      "PPAP-05 PROCESS_FLOW_DIAGRAM", "PPAP-07 CONTROL_PLAN", DIM, MAT, "PPAP-14 SAMPLE_PRODUCTION_PARTS", PSW,
    ]);
    expect(asked.items.every((i: { required: boolean; documentUrl: null }) => i.required && i.documentUrl === null)).toBe(true);

    const sent = await ok(SUBMIT, { id: asked.id, v: 1, input: { note: "30 pieces by courier.", items: docs(DEFAULT_CHECKLIST) } }, x.token);
    expect(sent).toMatchObject({ status: "SUBMITTED", version: 2, late: false, submissionNote: "30 pieces by courier." });
    expect(sent.items.find((i: { code: string }) => i.code === DIM).documentUrl).toMatch(/^https:/);

    const rejected = await ok(DECIDE, {
      id: asked.id, v: 2,
      input: { approve: false, reason: "Hole position out of tolerance on 4 of 30.", items: [{ code: DIM, accepted: false, remark: "Ø8 hole 0.15 off" }, { code: MAT, accepted: true }] },
    }, firmToken);
    expect(rejected).toMatchObject({ status: "REJECTED", version: 3, decisionReason: "Hole position out of tolerance on 4 of 30." });
    expect(rejected.decidedAt).toBeTruthy();
    expect(rejected.items.find((i: { code: string }) => i.code === DIM)).toMatchObject({ accepted: false, remark: "Ø8 hole 0.15 off" });
    const stored = await t.prisma.sampleRequest.findUniqueOrThrow({ where: { id: fromGlobalId(asked.id)!.id } });
    expect(stored.decidedById).toBeTruthy();

    const [again] = await ok(REQUEST, { input: { candidateId: cand, pieces: 30, dueDate: day(21), checklist: [DIM, PSW] } }, firmToken);
    expect(again).toMatchObject({ status: "REQUESTED", version: 1 });
    expect(again.items.map((i: { code: string }) => i.code)).toEqual([DIM, PSW]);
    await ok(SUBMIT, { id: again.id, input: { items: docs([DIM, PSW]) } }, x.token);
    const refused = await t.gql(DECIDE, { id: again.id, input: { approve: true, items: [{ code: DIM, accepted: true }, { code: PSW, accepted: false }] } }, firmToken);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors![0]!.message).toContain(PSW);
    expect(fieldMessages(refused)).toEqual([`${PSW}: required, not accepted`]);
    const approved = await ok(DECIDE, { id: again.id, input: { approve: true, reason: "Good.", items: [{ code: DIM, accepted: true }, { code: PSW, accepted: true }] } }, firmToken);
    expect(approved).toMatchObject({ status: "APPROVED", decisionReason: "Good." });

    expect((await eventsOf(cand)).map((e) => [e.change, e.ikmId, e.sampleId, e.firmId])).toEqual([
      ["SAMPLE_REQUESTED", x.id, fromGlobalId(asked.id)!.id, firm.id],
      ["SAMPLE_REJECTED", x.id, fromGlobalId(asked.id)!.id, firm.id],
      ["SAMPLE_REQUESTED", x.id, fromGlobalId(again.id)!.id, firm.id],
      ["SAMPLE_APPROVED", x.id, fromGlobalId(again.id)!.id, firm.id],
    ]);
  });

  it("a consortium of two: one sample per member with the firm's own items; each member sees and sends only its own", async () => {
    const [a, b] = [await ikm(), await ikm()];
    const need = await needOf(firm.id);
    const cand = await candidateOf(need.id, [a, b]);
    const samples = await ok(REQUEST, {
      input: {
        candidateId: cand, pieces: 10, dueDate: day(0), checklist: [PSW, DIM], checklistSource: "PT Perakit supplier quality manual rev. 4",
        customItems: [{ code: "SALT_SPRAY_TEST", title: "Salt spray test, 96 h" }, { code: "PACKING PHOTO", title: "Photo of the packing", required: false }],
      },
    }, adminToken);
    expect(samples.map((s: { ikm: { id: string } }) => s.ikm.id).sort()).toEqual([a.gid, b.gid].sort());
    expect(samples[0].candidate.kind).toBe("CONSORTIUM");
    expect(samples[0].checklistSource).toBe("PT Perakit supplier quality manual rev. 4");
    expect(samples[0].items.map((i: { code: string; required: boolean }) => `${i.code}:${i.required}`)).toEqual([`${DIM}:true`, `${PSW}:true`, "SALT_SPRAY_TEST:true", "PACKING PHOTO:false"]);
    expect((await eventsOf(cand)).map((e) => `${e.change}:${e.ikmId}`).sort()).toEqual([`SAMPLE_REQUESTED:${a.id}`, `SAMPLE_REQUESTED:${b.id}`].sort());

    const ofA = samples.find((s: { ikm: { id: string } }) => s.ikm.id === a.gid);
    const ofB = samples.find((s: { ikm: { id: string } }) => s.ikm.id === b.gid);
    // A member reads its own sample, and through it only its own of the candidate's.
    const seen = await ok(NODE, { id: ofA.id }, a.token);
    expect(seen.candidate.samples.map((s: { id: string }) => s.id)).toEqual([ofA.id]);
    expect(await ok(NODE, { id: ofB.id }, a.token)).toBeNull();
    // The firm sees both.
    expect((await ok(NODE, { id: ofA.id }, firmToken)).candidate.samples).toHaveLength(2);
    // B may not send A's sample: answered as a missing one.
    const foreign = await t.gql(SUBMIT, { id: ofA.id, input: { items: docs([PSW, DIM, "SALT_SPRAY_TEST"]) } }, b.token);
    const missing = await t.gql(SUBMIT, { id: toGlobalId("SampleRequest", randomUUID()), input: { items: docs([PSW, DIM, "SALT_SPRAY_TEST"]) } }, b.token);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0]!.message).toBe(missing.errors![0]!.message);
    // The optional item may be left out.
    expect(await ok(SUBMIT, { id: ofA.id, input: { items: docs([PSW, DIM, "SALT_SPRAY_TEST"]) } }, a.token)).toMatchObject({ status: "SUBMITTED" });
  });
});

describe("refusals write nothing", () => {
  it("bad request input: every field named", async () => {
    const x = await ikm();
    const need = await needOf(firm.id);
    const cand = await candidateOf(need.id, [x]);
    const before = await rowCounts();
    const r = await t.gql(REQUEST, { input: { candidateId: cand, pieces: 0, dueDate: day(-1), checklist: ["PPAP-99 NOTHING", DIM, DIM] } }, firmToken);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(r)).toEqual(["input.checklist", "input.checklist.0", "input.dueDate", "input.pieces"]);
    expect(r.errors![0]!.message).toContain("see sampleChecklist for the codes");
    const far = await t.gql(REQUEST, { input: { candidateId: cand, pieces: 1001, dueDate: day(400), customItems: [{ code: DIM, title: "x" }, { code: "lower case", title: "y" }] } }, firmToken);
    expect(paths(far)).toEqual(["input.checklistSource", "input.customItems.0.code", "input.customItems.1.code", "input.dueDate", "input.pieces"]);
    const empty = await t.gql(REQUEST, { input: { candidateId: cand, pieces: 1, dueDate: day(1), checklist: [], customItems: [] } }, firmToken);
    expect(paths(empty)).toEqual(["input.checklist"]);
    const wrongId = await t.gql(REQUEST, { input: { candidateId: toGlobalId("Ikm", x.id), pieces: 1, dueDate: day(1) } }, firmToken);
    expect(paths(wrongId)).toEqual(["input.candidateId"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a candidate or need not SHORTLISTED: BAD_USER_INPUT naming the status; another firm's candidate: NOT_FOUND as a missing one", async () => {
    const x = await ikm();
    const removed = await candidateOf((await needOf(firm.id)).id, [x], "REMOVED");
    const open = await candidateOf((await needOf(firm.id, "OPEN")).id, [x]);
    const before = await rowCounts();
    const r1 = await t.gql(REQUEST, { input: { candidateId: removed, pieces: 5, dueDate: day(3) } }, firmToken);
    expect(codes(r1)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldMessages(r1)).toEqual(["is REMOVED, not SHORTLISTED"]);
    const r2 = await t.gql(REQUEST, { input: { candidateId: open, pieces: 5, dueDate: day(3) } }, firmToken);
    expect(fieldMessages(r2)).toEqual(["its need is OPEN, not SHORTLISTED"]);
    const foreign = await t.gql(REQUEST, { input: { candidateId: open, pieces: 5, dueDate: day(3) } }, otherFirmToken);
    const missing = await t.gql(REQUEST, { input: { candidateId: toGlobalId("ShortlistCandidate", randomUUID()), pieces: 5, dueDate: day(3) } }, otherFirmToken);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0]!.message).toBe(missing.errors![0]!.message);
    expect(codes(await t.gql(REQUEST, { input: { candidateId: open, pieces: 5, dueDate: day(3) } }, x.token))).toEqual(["FORBIDDEN"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a consortium with one member still sampling: CONFLICT naming it, and nothing new for the other member either", async () => {
    const [a, b] = [await ikm(), await ikm()];
    const cand = await candidateOf((await needOf(firm.id)).id, [a, b]);
    const samples = await ok(REQUEST, { input: { candidateId: cand, pieces: 5, dueDate: day(7), checklist: [PSW] } }, firmToken);
    const ofA = samples.find((s: { ikm: { id: string } }) => s.ikm.id === a.gid);
    const ofB = samples.find((s: { ikm: { id: string } }) => s.ikm.id === b.gid);
    await ok(SUBMIT, { id: ofA.id, input: { items: docs([PSW]) } }, a.token);
    await ok(DECIDE, { id: ofA.id, input: { approve: false, reason: "Warrant unsigned." } }, firmToken);
    const before = await rowCounts();
    const r = await t.gql(REQUEST, { input: { candidateId: cand, pieces: 5, dueDate: day(7), checklist: [PSW] } }, firmToken);
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0]!.message).toContain(b.legalName);
    expect(r.errors![0]!.message).toContain("Nothing was requested");
    expect((r.errors![0]!.extensions as { sampleIds?: string[] }).sampleIds).toEqual([ofB.id]);
    expect(await rowCounts()).toEqual(before);
    // Once B's is called off, both are asked again.
    expect(await ok(CANCEL, { id: ofB.id, reason: "Asking both again.", v: 1 }, firmToken)).toMatchObject({ status: "CANCELLED", decisionReason: "Asking both again." });
    expect(await ok(REQUEST, { input: { candidateId: cand, pieces: 5, dueDate: day(7), checklist: [PSW] } }, firmToken)).toHaveLength(2);
  });

  it("two requests for one candidate at once: one asks, the other is CONFLICT (the candidate's row is locked)", async () => {
    const [a, b] = [await ikm(), await ikm()];
    const cand = await candidateOf((await needOf(firm.id)).id, [a, b]);
    const input = { candidateId: cand, pieces: 5, dueDate: day(7), checklist: [PSW] };
    const answers = await Promise.all([t.gql(REQUEST, { input }, firmToken), t.gql(REQUEST, { input }, adminToken)]);
    expect(answers.map((r) => (r.errors ? codes(r).join() : "ok")).sort()).toEqual(["CONFLICT", "ok"]);
    expect(await t.prisma.sampleRequest.count({ where: { candidateId: fromGlobalId(cand)!.id } })).toBe(2);
  });

  it("submissions: missing documents named by code, unknown codes, http links; a stale version and a wrong status", async () => {
    const x = await ikm();
    const cand = await candidateOf((await needOf(firm.id)).id, [x]);
    const [s] = await ok(REQUEST, { input: { candidateId: cand, pieces: 5, dueDate: day(7), checklist: [PSW, DIM, MAT] } }, firmToken);
    const before = await rowCounts();
    const missing = await t.gql(SUBMIT, { id: s.id, input: { items: docs([DIM]) } }, x.token);
    expect(codes(missing)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldMessages(missing)).toEqual([`${MAT}: required, give its documentUrl`, `${PSW}: required, give its documentUrl`]);
    const unknown = await t.gql(SUBMIT, { id: s.id, input: { items: [...docs([PSW, DIM, MAT]), ...docs(["PPAP-15 MASTER_SAMPLE"])] } }, x.token);
    expect(paths(unknown)).toEqual(["input.items.3.code"]);
    const http = await t.gql(SUBMIT, { id: s.id, input: { items: [{ code: PSW, documentUrl: "http://ikm.example.co.id/psw.pdf" }] } }, x.token);
    expect(paths(http)).toEqual(["input.items.0.documentUrl"]);
    const stale = await t.gql(SUBMIT, { id: s.id, v: 7, input: { items: docs([PSW, DIM, MAT]) } }, x.token);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    const early = await t.gql(DECIDE, { id: s.id, input: { approve: true } }, firmToken);
    expect(codes(early)).toEqual(["INVALID_TRANSITION"]);
    expect(early.errors![0]!.extensions).toMatchObject({ from: "REQUESTED", to: "APPROVED", allowed: ["SUBMITTED"] });
    expect(await t.prisma.sampleRequest.findUniqueOrThrow({ where: { id: fromGlobalId(s.id)!.id } })).toMatchObject({ status: "REQUESTED", version: 1, submittedAt: null });
    expect(await t.prisma.sampleChecklistItem.count({ where: { sampleId: fromGlobalId(s.id)!.id, documentUrl: { not: null } } })).toBe(0);
    expect(await rowCounts()).toEqual(before);
    await ok(SUBMIT, { id: s.id, v: 1, input: { items: docs([PSW, DIM, MAT]) } }, x.token);
    expect(codes(await t.gql(SUBMIT, { id: s.id, input: { items: docs([PSW, DIM, MAT]) } }, x.token))).toEqual(["INVALID_TRANSITION"]);
  });

  it("decisions: a rejection needs a reason, a stale version is CONFLICT, a decided sample cannot be cancelled", async () => {
    const x = await ikm();
    const cand = await candidateOf((await needOf(firm.id)).id, [x]);
    const [s] = await ok(REQUEST, { input: { candidateId: cand, pieces: 5, dueDate: day(7), checklist: [PSW] } }, firmToken);
    await ok(SUBMIT, { id: s.id, input: { items: docs([PSW]) } }, x.token);
    const before = await rowCounts();
    const noReason = await t.gql(DECIDE, { id: s.id, input: { approve: false, items: [{ code: PSW, accepted: false }] } }, firmToken);
    expect(paths(noReason)).toEqual(["input.reason"]);
    const stale = await t.gql(DECIDE, { id: s.id, v: 1, input: { approve: true, items: [{ code: PSW, accepted: true }] } }, firmToken);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(codes(await t.gql(DECIDE, { id: s.id, input: { approve: true, items: [{ code: PSW, accepted: true }] } }, otherFirmToken))).toEqual(["NOT_FOUND"]);
    expect(codes(await t.gql(CANCEL, { id: s.id, reason: "  " }, firmToken))).toEqual(["BAD_USER_INPUT"]);
    expect(await rowCounts()).toEqual(before);
    await ok(DECIDE, { id: s.id, v: 2, input: { approve: true, items: [{ code: PSW, accepted: true }] } }, firmToken);
    expect(codes(await t.gql(CANCEL, { id: s.id, reason: "Too late." }, firmToken))).toEqual(["INVALID_TRANSITION"]);
  });
});

describe("dates and reading", () => {
  it("past its due date a REQUESTED sample is overdue; sent then, it is accepted and marked late", async () => {
    const x = await ikm();
    const cand = await candidateOf((await needOf(firm.id)).id, [x]);
    const [s] = await ok(REQUEST, { input: { candidateId: cand, pieces: 5, dueDate: day(1), checklist: [PSW] } }, firmToken);
    await t.prisma.sampleRequest.update({ where: { id: fromGlobalId(s.id)!.id }, data: { dueDate: new Date(`${day(-2)}T00:00:00.000Z`) } });
    expect(await ok(`query($id: ID!) { node(id: $id) { ... on SampleRequest { overdue late } } }`, { id: s.id }, x.token)).toEqual({ overdue: true, late: false });
    expect(await ok(SUBMIT, { id: s.id, input: { items: docs([PSW]) } }, x.token)).toMatchObject({ status: "SUBMITTED", overdue: false, late: true });
  });

  it("Ikm.sampleRequests for its members and mentoring foundation (by status), null for firms; ComponentNeed.samples for the firm, null for the IKM", async () => {
    const x = await ikm();
    const need = await needOf(firm.id);
    const cand = await candidateOf(need.id, [x]);
    const [s] = await ok(REQUEST, { input: { candidateId: cand, pieces: 5, dueDate: day(7), checklist: [PSW] } }, firmToken);
    const foundation = await makeFoundation(t.prisma, `Mentor ${randomUUID().slice(0, 6)}`);
    await t.prisma.mentorship.create({ data: { foundationId: foundation.id, ikmId: x.id, startedOn: new Date("2024-01-01") } });
    const fdnToken = (await t.user("FOUNDATION", { foundationId: foundation.id })).token;
    const IKM_SAMPLES = `query($id: ID!, $s: SampleStatus) { ikm(id: $id) { sampleRequests(status: $s) { id status } } }`;
    expect((await ok(IKM_SAMPLES, { id: x.gid }, x.token)).sampleRequests).toEqual([{ id: s.id, status: "REQUESTED" }]);
    expect((await ok(IKM_SAMPLES, { id: x.gid, s: "APPROVED" }, fdnToken)).sampleRequests).toEqual([]);
    expect((await ok(IKM_SAMPLES, { id: x.gid, s: "REQUESTED" }, fdnToken)).sampleRequests).toHaveLength(1);
    expect((await ok(IKM_SAMPLES, { id: x.gid }, firmToken)).sampleRequests).toBeNull();
    const NEED_SAMPLES = `query($id: ID!) { need(id: $id) { samples { id ikm { id } } } }`;
    const needGid = toGlobalId("ComponentNeed", need.id);
    expect((await ok(NEED_SAMPLES, { id: needGid }, firmToken)).samples).toEqual([{ id: s.id, ikm: { id: x.gid } }]);
    expect((await ok(NEED_SAMPLES, { id: needGid }, x.token)).samples).toBeNull();
    expect(await ok(NODE, { id: s.id }, fdnToken)).toMatchObject({ id: s.id });
    expect(await ok(NODE, { id: s.id }, otherFirmToken)).toBeNull();
  });
});
