/**
 * The shortlist over HTTP and graphql-ws (issue 16): a firm shortlists an IKM that responded or is
 * an eligible match, or a consortium whose shares add up; the first candidate moves the need to
 * SHORTLISTED; candidates are removed with a reason (their open samples cancelled); transitionNeed
 * leaves awarding to awardNeed and passes the shortlist over on reopen or cancel; members hear every
 * change live (resumable), and nobody else sees the shortlist. Bad input writes nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import type { Process } from "../../src/domain/enums.js";
import { makeFirm, makeFoundation, makeIkm } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";
import { closeSubscriptions, subscribe } from "../helpers/subscriptions.js";

const SHORTLIST = `mutation($input: ShortlistCandidateInput!) { shortlistCandidate(input: $input) {
  id kind status note reason members { quantityPerMonth ikm { id } } koperasi { id } response { id } match { band } need { id status version } } }`;
const REMOVE = `mutation($id: ID!, $reason: String!) { removeCandidate(id: $id, reason: $reason) { id status reason decidedAt } }`;
const TRANSITION = `mutation($id: ID!, $to: NeedStatus!, $reason: String, $v: Int) { transitionNeed(id: $id, to: $to, reason: $reason, expectedVersion: $v) { id status version } }`;
const NEED_SHORTLIST = `query($id: ID!, $all: Boolean) { need(id: $id) { status shortlist(includeDecided: $all) { id status reason members { ikm { id } } } } }`;
const CANDIDACIES = `query($id: ID!) { ikm(id: $id) { candidacies { id status need { id } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on ShortlistCandidate { status kind } } }`;
const HEARD = `subscription($i: ID!, $after: ID) { candidacyChanged(ikmId: $i, after: $after) { eventId change sampleId candidate { id status } need { id } } }`;

let t: TestApp;
let firm: Awaited<ReturnType<typeof makeFirm>>;
let firmToken: string;
let otherFirmToken: string;
let adminToken: string;

const paths = (r: { errors?: { extensions?: { fields?: { path: string }[] } }[] }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => f.path).sort();
const uuid = (gid: string) => fromGlobalId(gid)!.id;

async function needOf(firmId: string, options: { status?: "DRAFT" | "OPEN" | "SHORTLISTED"; quantityPerMonth?: number; processes?: Process[] } = {}) {
  const row = await t.prisma.componentNeed.create({
    data: {
      firmId, title: `Need ${randomUUID().slice(0, 8)}`, description: "Test need.", processes: options.processes ?? ["MACHINING_MANUAL"], quantityPerMonth: options.quantityPerMonth ?? 500,
      unit: "PCS", startDate: new Date("2027-01-01"), status: options.status ?? "OPEN", version: 1, publishedAt: new Date(),
    },
  });
  return toGlobalId("ComponentNeed", row.id);
}

/** An IKM in the match index, with a member's token. */
async function supplier(processes: Process[] = ["MACHINING_MANUAL"]) {
  const ikm = await makeIkm(t.prisma, { processes });
  await t.app.matchIndex.sync();
  return { ...ikm, token: (await t.user("IKM", { ikmId: ikm.id })).token };
}

async function shortlist(input: Record<string, unknown>, token = firmToken) {
  const r = await t.gql(SHORTLIST, { input }, token);
  expect(r.errors).toBeUndefined();
  return r.data.shortlistCandidate;
}

/** Candidates, members, status records and the loop's events: a refused request adds none. */
const rowCounts = async () => [
  await t.prisma.shortlistCandidate.count(), await t.prisma.shortlistMember.count(), await t.prisma.needStatusChange.count(),
  await t.prisma.eventLog.count({ where: { topic: { in: ["CANDIDACY_CHANGED", "NEED_CHANGED"] } } }),
];

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t.prisma, "PT Pemilih");
  const otherFirm = await makeFirm(t.prisma, "PT Lain");
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  otherFirmToken = (await t.user("FIRM", { firmId: otherFirm.id })).token;
  adminToken = (await t.user("ADMIN")).token;
});
afterEach(() => closeSubscriptions(t.app));
afterAll(() => t?.stop());

describe("shortlisting", () => {
  it("an eligible match: the first candidate moves the OPEN need to SHORTLISTED (status record, version, events)", async () => {
    const need = await needOf(firm.id);
    const x = await supplier();
    const c = await shortlist({ needId: need, ikmId: x.gid, note: "Best machining", expectedVersion: 1 });
    expect(fromGlobalId(c.id)?.type).toBe("ShortlistCandidate");
    expect(c).toMatchObject({ kind: "IKM", status: "SHORTLISTED", note: "Best machining", members: [{ quantityPerMonth: 500, ikm: { id: x.gid } }], koperasi: null, response: null, need: { status: "SHORTLISTED", version: 2 } });
    expect(c.match.band).toBeTruthy();
    const history = await t.prisma.needStatusChange.findMany({ where: { needId: uuid(need) } });
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([["OPEN", "SHORTLISTED"]]);
    const events = await t.prisma.eventLog.findMany({ where: { topic: { in: ["CANDIDACY_CHANGED", "NEED_CHANGED"] }, payload: { path: ["needId"], equals: uuid(need) } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.topic, (e.payload as { change?: string }).change ?? null])).toEqual([["NEED_CHANGED", null], ["CANDIDACY_CHANGED", "SHORTLISTED"]]);
    // A second candidate leaves the need as it is.
    const y = await supplier();
    const second = await shortlist({ needId: need, ikmId: y.gid });
    expect(second.need).toMatchObject({ status: "SHORTLISTED", version: 2 });
  });

  it("an IKM that answered is shortlisted from its ACTIVE response even when it fails a requirement; without one it is refused naming the failure", async () => {
    const need = await needOf(firm.id);
    const forger = await supplier(["FORGING"]);
    const before = await rowCounts();
    const refused = await t.gql(SHORTLIST, { input: { needId: need, ikmId: forger.gid } }, firmToken);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors![0].message).toMatch(/fails its hard requirements: .*MACHINING_MANUAL/);
    expect(paths(refused)).toEqual(["input.ikmId"]);
    expect(await rowCounts()).toEqual(before);

    const response = await t.app.services.responses.submit({ kind: "user", userId: randomUUID(), role: "ADMIN", firmId: null, foundationId: null, ikmId: null }, { needId: uuid(need), ikmId: forger.id, terms: { kind: "INTEREST" } });
    const c = await shortlist({ needId: need, ikmId: forger.gid });
    expect(c.response).toEqual({ id: toGlobalId("NeedResponse", response.id) });
    // A response of another IKM, or one withdrawn, is refused.
    const other = await supplier();
    const wrong = await t.gql(SHORTLIST, { input: { needId: need, ikmId: other.gid, responseId: c.response.id } }, firmToken);
    expect(codes(wrong)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(wrong)).toEqual(["input.responseId"]);
  });

  it("the same IKM twice on one need is CONFLICT; after its removal it may be shortlisted again", async () => {
    const need = await needOf(firm.id);
    const x = await supplier();
    const c = await shortlist({ needId: need, ikmId: x.gid });
    const again = await t.gql(SHORTLIST, { input: { needId: need, ikmId: x.gid } }, firmToken);
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(again.errors![0].message).toContain(c.id);
    // Two at once: the need's row lock lets exactly one in.
    const y = await supplier();
    const both = await Promise.all([1, 2].map(() => t.gql(SHORTLIST, { input: { needId: need, ikmId: y.gid } }, firmToken)));
    expect(both.flatMap(codes).sort()).toEqual(["CONFLICT"]);
    expect((await t.gql(REMOVE, { id: c.id, reason: "Too far" }, firmToken)).errors).toBeUndefined();
    expect((await shortlist({ needId: need, ikmId: x.gid })).status).toBe("SHORTLISTED");
  });

  it("a consortium: 2+ distinct IKMs, shares adding up to the need's quantity, all members of the koperasi named", async () => {
    const need = await needOf(firm.id, { quantityPerMonth: 900 });
    const [a, b, c] = [await supplier(), await supplier(), await supplier()];
    const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Logam Uji", regionCode: "33.72" } });
    await t.prisma.koperasiMembership.createMany({ data: [a, b].map((m) => ({ koperasiId: koperasi.id, ikmId: m.id })) });
    const kid = toGlobalId("Koperasi", koperasi.id);
    const before = await rowCounts();
    const bad = async (input: Record<string, unknown>) => {
      const r = await t.gql(SHORTLIST, { input: { needId: need, ...input } }, firmToken);
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
      return { paths: paths(r), message: r.errors![0].message };
    };
    expect((await bad({ members: [{ ikmId: a.gid, quantityPerMonth: 400 }, { ikmId: b.gid, quantityPerMonth: 400 }] }))).toEqual({
      paths: ["input.members"], message: "A consortium's shares must add up to the need's 900 PCS a month; the shares add up to 800 PCS a month, not the need's 900.",
    });
    expect((await bad({ members: [{ ikmId: a.gid, quantityPerMonth: 900 }] })).paths).toEqual(["input.members"]);
    expect((await bad({ members: [{ ikmId: a.gid, quantityPerMonth: 450 }, { ikmId: a.gid, quantityPerMonth: 450 }] })).paths).toEqual(["input.members"]);
    expect((await bad({ members: [{ ikmId: a.gid, quantityPerMonth: 900 }, { ikmId: b.gid, quantityPerMonth: 0 }] })).paths).toEqual(["input.members.1.quantityPerMonth"]);
    expect((await bad({ ikmId: a.gid, members: [{ ikmId: a.gid, quantityPerMonth: 450 }, { ikmId: b.gid, quantityPerMonth: 450 }] })).paths).toEqual(["input.members"]);
    expect((await bad({})).paths).toEqual(["input.ikmId"]);
    const outside = await bad({ koperasiId: kid, members: [{ ikmId: a.gid, quantityPerMonth: 300 }, { ikmId: c.gid, quantityPerMonth: 600 }] });
    expect(outside.paths).toEqual(["input.members.1.ikmId"]);
    expect(outside.message).toContain("Koperasi Logam Uji");
    expect(await rowCounts()).toEqual(before);

    const made = await shortlist({ needId: need, koperasiId: kid, members: [{ ikmId: b.gid, quantityPerMonth: 600 }, { ikmId: a.gid, quantityPerMonth: 300 }] });
    expect(made).toMatchObject({ kind: "CONSORTIUM", koperasi: { id: kid }, match: null });
    expect(made.members.map((m: { ikm: { id: string }; quantityPerMonth: number }) => [m.ikm.id, m.quantityPerMonth]).sort()).toEqual([[a.gid, 300], [b.gid, 600]].sort());
  });

  it("refuses needs not OPEN or SHORTLISTED, stale versions, other firms (NOT_FOUND like a missing need) and other roles", async () => {
    const x = await supplier();
    const draft = await needOf(firm.id, { status: "DRAFT" });
    const r = await t.gql(SHORTLIST, { input: { needId: draft, ikmId: x.gid } }, firmToken);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].message).toContain("is DRAFT");
    const open = await needOf(firm.id);
    expect(codes(await t.gql(SHORTLIST, { input: { needId: open, ikmId: x.gid, expectedVersion: 0 } }, firmToken))).toEqual(["CONFLICT"]);
    const foreign = await t.gql(SHORTLIST, { input: { needId: open, ikmId: x.gid } }, otherFirmToken);
    const missing = await t.gql(SHORTLIST, { input: { needId: toGlobalId("ComponentNeed", randomUUID()), ikmId: x.gid } }, otherFirmToken);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);
    expect(codes(await t.gql(SHORTLIST, { input: { needId: open, ikmId: x.gid } }, x.token))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(SHORTLIST, { input: { needId: open, ikmId: toGlobalId("Ikm", randomUUID()) } }, adminToken))).toEqual(["NOT_FOUND"]);
  });
});

describe("removing and the need's own moves", () => {
  it("removeCandidate: a reason is required; REMOVED, its open samples CANCELLED (approved ones kept), members told; only once", async () => {
    const need = await needOf(firm.id);
    const x = await supplier();
    const c = await shortlist({ needId: need, ikmId: x.gid });
    const sample = (status: "REQUESTED" | "APPROVED") => t.prisma.sampleRequest.create({
      data: { needId: uuid(need), candidateId: uuid(c.id), ikmId: x.id, status, pieces: 5, dueDate: new Date("2027-01-01"), checklistSource: "AIAG PPAP, 4th edition (2006)" },
    });
    const [open, approved] = [await sample("REQUESTED"), await sample("APPROVED")];
    const noReason = await t.gql(REMOVE, { id: c.id, reason: "  " }, firmToken);
    expect(codes(noReason)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(noReason)).toEqual(["reason"]);
    expect(codes(await t.gql(REMOVE, { id: c.id, reason: "x" }, otherFirmToken))).toEqual(["NOT_FOUND"]);
    const r = await t.gql(REMOVE, { id: c.id, reason: "Lead time too long" }, firmToken);
    expect(r.data.removeCandidate).toMatchObject({ status: "REMOVED", reason: "Lead time too long" });
    expect(r.data.removeCandidate.decidedAt).toBeTruthy();
    expect((await t.prisma.sampleRequest.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("CANCELLED");
    expect((await t.prisma.sampleRequest.findUniqueOrThrow({ where: { id: approved.id } })).status).toBe("APPROVED");
    const twice = await t.gql(REMOVE, { id: c.id, reason: "again" }, firmToken);
    expect(codes(twice)).toEqual(["INVALID_TRANSITION"]);
    const told = await t.prisma.eventLog.findMany({ where: { topic: "CANDIDACY_CHANGED", ikmId: x.id }, orderBy: { id: "asc" } });
    expect(told.map((e) => (e.payload as { change: string }).change)).toEqual(["SHORTLISTED", "REMOVED"]);
  });

  it("transitionNeed: AWARDED only through awardNeed; SHORTLISTED only with a candidate; reopening passes the shortlist over", async () => {
    const need = await needOf(firm.id);
    const toShortlist = await t.gql(TRANSITION, { id: need, to: "SHORTLISTED" }, firmToken);
    expect(codes(toShortlist)).toEqual(["INVALID_TRANSITION"]);
    expect(toShortlist.errors![0].message).toContain("shortlistCandidate");
    const x = await supplier();
    const c = await shortlist({ needId: need, ikmId: x.gid });
    const award = await t.gql(TRANSITION, { id: need, to: "AWARDED" }, firmToken);
    expect(codes(award)).toEqual(["INVALID_TRANSITION"]);
    expect(award.errors![0].message).toContain("awardNeed");
    expect(award.errors![0].extensions).toMatchObject({ from: "SHORTLISTED", to: "AWARDED", allowed: ["OPEN", "CANCELLED"] });
    await t.prisma.sampleRequest.create({ data: { needId: uuid(need), candidateId: uuid(c.id), ikmId: x.id, pieces: 5, dueDate: new Date("2027-01-01"), checklistSource: "AIAG PPAP" } });
    const reopened = await t.gql(TRANSITION, { id: need, to: "OPEN", reason: "Nobody fits" }, firmToken);
    expect(reopened.data.transitionNeed.status).toBe("OPEN");
    const row = await t.prisma.shortlistCandidate.findUniqueOrThrow({ where: { id: uuid(c.id) } });
    expect({ status: row.status, reason: row.reason }).toEqual({ status: "NOT_AWARDED", reason: "The shortlist was reopened: Nobody fits" });
    expect((await t.prisma.sampleRequest.findFirstOrThrow({ where: { candidateId: row.id } })).status).toBe("CANCELLED");
    // Cancelling a SHORTLISTED need passes its candidates over too.
    const y = await supplier();
    const d = await shortlist({ needId: need, ikmId: y.gid });
    expect((await t.gql(TRANSITION, { id: need, to: "CANCELLED", reason: "Budget cut" }, firmToken)).data.transitionNeed.status).toBe("CANCELLED");
    expect((await t.prisma.shortlistCandidate.findUniqueOrThrow({ where: { id: uuid(d.id) } })).reason).toBe("The need was cancelled: Budget cut");
  });
});

describe("reading", () => {
  it("the firm reads the shortlist (decided ones on request), the IKM its candidacies, node the candidate; others see nothing", async () => {
    const need = await needOf(firm.id);
    const [x, y] = [await supplier(), await supplier()];
    const c = await shortlist({ needId: need, ikmId: x.gid });
    const d = await shortlist({ needId: need, ikmId: y.gid });
    await t.gql(REMOVE, { id: d.id, reason: "Duplicate" }, firmToken);
    const live = (await t.gql(NEED_SHORTLIST, { id: need }, firmToken)).data.need.shortlist;
    expect(live.map((n: { id: string }) => n.id)).toEqual([c.id]);
    const all = (await t.gql(NEED_SHORTLIST, { id: need, all: true }, firmToken)).data.need.shortlist;
    expect(all.map((n: { id: string; status: string }) => [n.id, n.status])).toEqual([[c.id, "SHORTLISTED"], [d.id, "REMOVED"]]);
    expect((await t.gql(NEED_SHORTLIST, { id: need }, x.token)).data.need.shortlist).toBeNull();

    expect((await t.gql(CANDIDACIES, { id: x.gid }, x.token)).data.ikm.candidacies).toEqual([{ id: c.id, status: "SHORTLISTED", need: { id: need } }]);
    expect((await t.gql(CANDIDACIES, { id: x.gid }, y.token)).data.ikm.candidacies).toBeNull();
    expect((await t.gql(CANDIDACIES, { id: x.gid }, firmToken)).data.ikm.candidacies).toBeNull();
    const fdn = await makeFoundation(t.prisma, "Yayasan Uji Shortlist");
    await t.prisma.mentorship.create({ data: { foundationId: fdn.id, ikmId: x.id, startedOn: new Date("2025-01-01") } });
    const mentor = (await t.user("FOUNDATION", { foundationId: fdn.id })).token;
    expect((await t.gql(CANDIDACIES, { id: x.gid }, mentor)).data.ikm.candidacies).toHaveLength(1);

    expect((await t.gql(NODE, { id: c.id }, firmToken)).data.node).toEqual({ id: c.id, status: "SHORTLISTED", kind: "IKM" });
    expect((await t.gql(NODE, { id: c.id }, x.token)).data.node).toEqual({ id: c.id, status: "SHORTLISTED", kind: "IKM" });
    expect((await t.gql(NODE, { id: c.id }, mentor)).data.node?.id).toBe(c.id);
    expect((await t.gql(NODE, { id: c.id }, y.token)).data.node).toBeNull();
    expect((await t.gql(NODE, { id: c.id }, otherFirmToken)).data.node).toBeNull();
    expect((await t.gql(NODE, { id: c.id })).data.node).toBeNull();
  });
});

describe("candidacyChanged", () => {
  it("members hear SHORTLISTED, then AWARDED or NOT_AWARDED; a resume replays what followed; another IKM and a firm are refused", async () => {
    const need = await needOf(firm.id);
    const [x, y] = [await supplier(), await supplier()];
    const hearsX = await subscribe(t.app, x.token, HEARD, { i: x.gid });
    const hearsY = await subscribe(t.app, adminToken, HEARD, { i: y.gid });
    const c = await shortlist({ needId: need, ikmId: x.gid });
    const d = await shortlist({ needId: need, ikmId: y.gid });
    await hearsX.received(1);
    await hearsY.received(1);
    expect(hearsX.events[0].candidacyChanged).toMatchObject({ change: "SHORTLISTED", sampleId: null, candidate: { id: c.id, status: "SHORTLISTED" }, need: { id: need } });
    const version = (await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuid(need) } })).version;
    const award = await t.gql(`mutation($input: AwardNeedInput!) { awardNeed(input: $input) { need { status } } }`, { input: { needId: need, candidateId: c.id, startDate: "2027-01-01", expectedVersion: version } }, firmToken);
    expect(award.errors).toBeUndefined();
    await hearsX.received(2);
    await hearsY.received(2);
    expect(hearsX.events[1].candidacyChanged).toMatchObject({ change: "AWARDED", candidate: { id: c.id, status: "AWARDED" } });
    expect(hearsY.events[1].candidacyChanged).toMatchObject({ change: "NOT_AWARDED", candidate: { id: d.id, status: "NOT_AWARDED" } });

    const resumed = await subscribe(t.app, x.token, HEARD, { i: x.gid, after: hearsX.events[0].candidacyChanged.eventId });
    await resumed.received(1);
    expect(resumed.events.map((e) => e.candidacyChanged.change)).toEqual(["AWARDED"]);

    const foreign = await subscribe(t.app, y.token, HEARD, { i: x.gid });
    expect(foreign.errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    const missing = await subscribe(t.app, y.token, HEARD, { i: toGlobalId("Ikm", randomUUID()) });
    expect(missing.errors.map((e) => e.message)).toEqual(foreign.errors.map((e) => e.message));
    const byFirm = await subscribe(t.app, firmToken, HEARD, { i: x.gid });
    expect(byFirm.errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});
