/**
 * A koperasi's managers (role KOPERASI) answer an OPEN need for a consortium of the koperasi's
 * members, over HTTP and graphql-ws: submit, revise (members kept with every revision), withdraw
 * and resubmit; the need's firm sees the response with its koperasi and members and hears of it
 * live; the members' IKM users see it; another koperasi, a non-member, an IKM naming members and a
 * koperasi acting as an IKM are refused with typed errors, and a refused request writes nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { makeFirm, makeIkm } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";
import { closeSubscriptions, subscribe } from "../helpers/subscriptions.js";

const SUBMIT = `mutation($input: SubmitResponseInput!) { submitResponse(input: $input) {
  id kind status version quantityPerMonth unitPriceIdr ikm { id } koperasi { id name } match { score }
  members { quantityPerMonth ikm { id } match { score } } revisions { number status quantityPerMonth members { quantityPerMonth ikm { id } } } } }`;
const REVISE = `mutation($id: ID!, $input: ResponseTermsInput!, $v: Int) { reviseResponse(id: $id, input: $input, expectedVersion: $v) {
  id version quantityPerMonth members { quantityPerMonth ikm { id } } revisions { number status members { quantityPerMonth ikm { id } } } } }`;
const WITHDRAW = `mutation($id: ID!, $v: Int) { withdrawResponse(id: $id, expectedVersion: $v) { id status version members { ikm { id } } } }`;
const NEED_RESPONSES = `query($id: ID!) { need(id: $id) { responses { totalCount nodes {
  id ikm { id } koperasi { id } match { score } members { quantityPerMonth ikm { id } match { score band } } } } } }`;
const RECEIVED = `subscription($n: ID) { responseReceived(needId: $n) { change version response { id koperasi { id } ikm { id } members { quantityPerMonth } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on NeedResponse { status } } }`;
const KOPERASI_RESPONSES = `query($id: ID!) { koperasi(id: $id) { responses(includeWithdrawn: true) { totalCount nodes { id } } } }`;
const IKM_RESPONSES = `query($id: ID!) { ikm(id: $id) { responses { totalCount nodes { id koperasi { id } } } financials { capitalIdr } } }`;

let t: TestApp;
let firm: Awaited<ReturnType<typeof makeFirm>>;
let firmToken: string;
let adminToken: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const paths = (r: { errors?: { extensions?: { fields?: { path: string }[] } }[] }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => f.path).sort();
const quotation = (overrides: Record<string, unknown> = {}) => ({ kind: "QUOTATION", unitPriceIdr: 48_500, leadTimeDays: 45, validUntil: day(60), ...overrides });

async function needOf(firmId: string) {
  const row = await t.prisma.componentNeed.create({
    data: { firmId, title: `Need ${randomUUID().slice(0, 8)}`, description: "Test need.", processes: ["CASTING"], quantityPerMonth: 500, unit: "PCS", startDate: new Date("2027-01-01"), status: "OPEN" },
  });
  return toGlobalId("ComponentNeed", row.id);
}

/** A koperasi with `n` casting members (each with a member's token) and a manager's token. */
async function koperasi(n = 3) {
  const row = await t.prisma.koperasi.create({ data: { name: `Koperasi Uji ${randomUUID().slice(0, 6)}`, regionCode: "33.10", offtaker: true } });
  const members = [];
  for (let i = 0; i < n; i++) {
    const ikm = await makeIkm(t.prisma, { processes: ["CASTING"] });
    await t.prisma.koperasiMembership.create({ data: { koperasiId: row.id, ikmId: ikm.id } });
    members.push({ ...ikm, token: (await t.user("IKM", { ikmId: ikm.id })).token });
  }
  await t.app.matchIndex.sync();
  const manager = await t.user("KOPERASI", { koperasiId: row.id });
  return { ...row, gid: toGlobalId("Koperasi", row.id), members, token: manager.token, userId: manager.id };
}

const shares = (...pairs: [{ gid: string }, number][]) => pairs.map(([ikm, quantityPerMonth]) => ({ ikmId: ikm.gid, quantityPerMonth }));

/** Responses, their members, revisions, revision members and logged events: a refused request adds none. */
const rowCounts = async () => [
  await t.prisma.needResponse.count(), await t.prisma.needResponseMember.count(), await t.prisma.needResponseRevision.count(),
  await t.prisma.needResponseRevisionMember.count(), await t.prisma.eventLog.count({ where: { topic: "RESPONSE_RECEIVED" } }),
];

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t.prisma, "PT Pembeli Konsorsium");
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  adminToken = (await t.user("ADMIN")).token;
});
afterEach(() => closeSubscriptions(t.app));
afterAll(() => t?.stop());

describe("a koperasi manager", () => {
  it("signs in with role KOPERASI and sees their koperasi on viewer", async () => {
    const k = await koperasi(2);
    const email = (await t.prisma.user.findUniqueOrThrow({ where: { id: k.userId } })).email;
    const login = await t.gql(`mutation($e: String!) { login(email: $e, password: "test-password-1") { token user { role } } }`, { e: email });
    expect(login.errors).toBeUndefined();
    expect(login.data.login.user.role).toBe("KOPERASI");
    const me = await t.gql(`{ viewer { role email koperasi { id name } ikm { id } firm { id } foundation { id } } }`, {}, login.data.login.token);
    expect(me.data.viewer).toEqual({ role: "KOPERASI", email, koperasi: { id: k.gid, name: k.name }, ikm: null, firm: null, foundation: null });
  });

  it("the database keeps KOPERASI users to exactly one koperasi, and a response to one responder", async () => {
    const k = await koperasi(2);
    const bad = (data: object) => t.prisma.user.create({ data: { email: `${randomUUID()}@test.jalin`, name: "x", passwordHash: "x", ...data } as never });
    await expect(bad({ role: "KOPERASI" })).rejects.toThrow();
    await expect(bad({ role: "IKM", ikmId: k.members[0].id, koperasiId: k.id })).rejects.toThrow();
    const need = await needOf(firm.id);
    await expect(t.prisma.needResponse.create({ data: { needId: fromGlobalId(need)!.id, ikmId: k.members[0].id, koperasiId: k.id, kind: "INTEREST" } })).rejects.toThrow();
    await expect(t.prisma.needResponse.create({ data: { needId: fromGlobalId(need)!.id, kind: "INTEREST" } })).rejects.toThrow();
  });
});

describe("a consortium response", () => {
  it("is submitted, revised, withdrawn and resubmitted by the koperasi's manager; the firm sees it with its members and hears each step", async () => {
    const k = await koperasi(3);
    const [a, b, c] = k.members;
    const need = await needOf(firm.id);
    const live = await subscribe(t.app, firmToken, RECEIVED, { n: need });

    const r = await t.gql(SUBMIT, { input: { needId: need, ...quotation(), members: shares([a, 200], [b, 300]) } }, k.token);
    expect(r.errors).toBeUndefined();
    const s = r.data.submitResponse;
    expect(s).toMatchObject({
      kind: "QUOTATION", status: "ACTIVE", version: 1, quantityPerMonth: 500, unitPriceIdr: 48_500, ikm: null, koperasi: { id: k.gid }, match: null,
      members: [{ quantityPerMonth: 300, ikm: { id: b.gid } }, { quantityPerMonth: 200, ikm: { id: a.gid } }],
      revisions: [{ number: 1, status: "ACTIVE", quantityPerMonth: 500, members: [{ quantityPerMonth: 300, ikm: { id: b.gid } }, { quantityPerMonth: 200, ikm: { id: a.gid } }] }],
    });
    // A member's fit for the need is what explainMatch would answer: not for the koperasi's manager,
    // nor for a fellow member; the member itself sees its own, the need's firm every member's.
    expect(s.members.map((m: { match: unknown }) => m.match)).toEqual([null, null]);
    const byMember = await t.gql(NEED_RESPONSES, { id: need }, a.token);
    const fits = Object.fromEntries(byMember.data.need.responses.nodes[0].members.map((m: { ikm: { id: string }; match: { score: number } | null }) => [m.ikm.id, m.match]));
    expect(fits[b.gid]).toBeNull();
    expect(fits[a.gid]).toEqual(expect.objectContaining({ score: expect.any(Number) }));
    const byFirm = await t.gql(NEED_RESPONSES, { id: need }, firmToken);
    expect(byFirm.data.need.responses.nodes[0].members.every((m: { match: { score: number } | null }) => m.match && m.match.score > 0)).toBe(true);

    const revised = await t.gql(REVISE, { id: s.id, v: 1, input: { ...quotation({ unitPriceIdr: 47_000 }), members: shares([a, 150], [b, 250], [c, 100]) } }, k.token);
    expect(revised.errors).toBeUndefined();
    expect(revised.data.reviseResponse).toMatchObject({ version: 2, quantityPerMonth: 500 });
    expect(revised.data.reviseResponse.members.map((m: { ikm: { id: string } }) => m.ikm.id)).toEqual([b.gid, a.gid, c.gid]);
    // The first revision keeps the members it had.
    expect(revised.data.reviseResponse.revisions.map((x: { members: unknown[] }) => x.members.length)).toEqual([2, 3]);

    const withdrawn = await t.gql(WITHDRAW, { id: s.id, v: 2 }, k.token);
    expect(withdrawn.data.withdrawResponse).toMatchObject({ status: "WITHDRAWN", version: 3 });
    expect(withdrawn.data.withdrawResponse.members).toHaveLength(3);
    const again = await t.gql(SUBMIT, { input: { needId: need, kind: "INTEREST", members: shares([c, 80], [a, 120]) } }, k.token);
    expect(again.errors).toBeUndefined();
    expect(again.data.submitResponse).toMatchObject({ id: s.id, version: 4, quantityPerMonth: 200, status: "ACTIVE" });
    expect(again.data.submitResponse.revisions.map((x: { members: unknown[]; status: string }) => [x.status, x.members.length])).toEqual([
      ["ACTIVE", 2], ["ACTIVE", 3], ["WITHDRAWN", 3], ["ACTIVE", 2],
    ]);

    await live.received(4);
    expect(live.events.map((e) => [e.responseReceived.change, e.responseReceived.version])).toEqual([["SUBMITTED", 1], ["REVISED", 2], ["WITHDRAWN", 3], ["SUBMITTED", 4]]);
    expect(live.events[0].responseReceived.response).toMatchObject({ id: s.id, koperasi: { id: k.gid }, ikm: null });
    // Routed by the firm: the logged event names no IKM.
    const logged = await t.prisma.eventLog.findFirstOrThrow({ where: { topic: "RESPONSE_RECEIVED", payload: { path: ["responseId"], equals: fromGlobalId(s.id)!.id } } });
    expect([logged.firmId, logged.ikmId]).toEqual([firm.id, null]);

    const seen = await t.gql(NEED_RESPONSES, { id: need }, firmToken);
    expect(seen.data.need.responses).toMatchObject({ totalCount: 1, nodes: [{ id: s.id, ikm: null, koperasi: { id: k.gid }, match: null }] });
    expect(seen.data.need.responses.nodes[0].members).toEqual([
      { quantityPerMonth: 120, ikm: { id: a.gid }, match: expect.objectContaining({ score: expect.any(Number) }) },
      { quantityPerMonth: 80, ikm: { id: c.gid }, match: expect.objectContaining({ score: expect.any(Number) }) },
    ]);
  });

  it("is shortlisted by the firm by its id alone: a CONSORTIUM candidate led by the koperasi with the response's members and shares", async () => {
    const k = await koperasi(2);
    const [a, b] = k.members;
    const need = await needOf(firm.id);
    const r = await t.gql(SUBMIT, { input: { needId: need, ...quotation(), members: shares([a, 200], [b, 300]) } }, k.token);
    const SHORTLIST = `mutation($input: ShortlistCandidateInput!) { shortlistCandidate(input: $input) {
      kind status koperasi { id } response { id } members { quantityPerMonth ikm { id } } need { status } } }`;
    const listed = await t.gql(SHORTLIST, { input: { needId: need, responseId: r.data.submitResponse.id } }, firmToken);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.shortlistCandidate).toMatchObject({ kind: "CONSORTIUM", status: "SHORTLISTED", koperasi: { id: k.gid }, response: { id: r.data.submitResponse.id }, need: { status: "SHORTLISTED" } });
    expect(listed.data.shortlistCandidate.members.map((m: { ikm: { id: string }; quantityPerMonth: number }) => [m.ikm.id, m.quantityPerMonth]).sort()).toEqual(
      [[a.gid, 200], [b.gid, 300]].sort(),
    );
    // The same response twice is one candidate: CONFLICT, nothing written.
    const twice = await t.gql(SHORTLIST, { input: { needId: need, responseId: r.data.submitResponse.id } }, firmToken);
    expect(codes(twice)).toEqual(["CONFLICT"]);
    expect(await t.prisma.shortlistCandidate.count({ where: { needId: fromGlobalId(need)!.id } })).toBe(1);
    // A withdrawn response names no candidate.
    const other = await needOf(firm.id);
    const w = await t.gql(SUBMIT, { input: { needId: other, kind: "INTEREST", members: shares([a, 250], [b, 250]) } }, k.token);
    await t.gql(WITHDRAW, { id: w.data.submitResponse.id }, k.token);
    const withdrawn = await t.gql(SHORTLIST, { input: { needId: other, responseId: w.data.submitResponse.id } }, firmToken);
    expect(codes(withdrawn)).toEqual(["BAD_USER_INPUT"]);
    expect(withdrawn.errors![0].message).toMatch(/withdrawn/);
  });

  it("split among more members than any consortium may have (CONSORTIUM.maxMembers, 6) is refused when submitted, nothing written", async () => {
    const k = await koperasi(7);
    const need = await needOf(firm.id);
    const before = await rowCounts();
    const many = k.members.map((m, i) => [m, i < 6 ? 70 : 80] as [{ gid: string }, number]);
    const r = await t.gql(SUBMIT, { input: { needId: need, kind: "INTEREST", members: shares(...many) } }, k.token);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(r)).toEqual(["input.members"]);
    expect(r.errors![0].message).toContain("at most 6");
    expect(await rowCounts()).toEqual(before);
  });

  it("is seen by its koperasi's managers, its members' IKM users and administrators; not by other IKMs, koperasi or firms", async () => {
    const k = await koperasi(3);
    const other = await koperasi(2);
    const [a, b, c] = k.members;
    const need = await needOf(firm.id);
    const otherFirmToken = (await t.user("FIRM", { firmId: (await makeFirm(t.prisma)).id })).token;
    const r = (await t.gql(SUBMIT, { input: { needId: need, kind: "INTEREST", members: shares([a, 100], [b, 100]) } }, k.token)).data.submitResponse;

    // The koperasi's responses: its managers and administrators.
    expect((await t.gql(KOPERASI_RESPONSES, { id: k.gid }, k.token)).data.koperasi.responses).toEqual({ totalCount: 1, nodes: [{ id: r.id }] });
    expect((await t.gql(KOPERASI_RESPONSES, { id: k.gid }, adminToken)).data.koperasi.responses.totalCount).toBe(1);
    for (const token of [other.token, firmToken, a.token, undefined]) {
      expect((await t.gql(KOPERASI_RESPONSES, { id: k.gid }, token)).data.koperasi.responses).toBeNull();
    }
    // A member's IKM user: on its IKM and on the need; a member left out of it (c) does not.
    const onA = (await t.gql(IKM_RESPONSES, { id: a.gid }, a.token)).data.ikm.responses;
    expect(onA).toEqual({ totalCount: 1, nodes: [{ id: r.id, koperasi: { id: k.gid } }] });
    expect((await t.gql(NEED_RESPONSES, { id: need }, a.token)).data.need.responses.nodes.map((n: { id: string }) => n.id)).toEqual([r.id]);
    expect((await t.gql(NEED_RESPONSES, { id: need }, c.token)).data.need.responses.totalCount).toBe(0);
    expect((await t.gql(NEED_RESPONSES, { id: need }, k.token)).data.need.responses.nodes.map((n: { id: string }) => n.id)).toEqual([r.id]);
    expect((await t.gql(NEED_RESPONSES, { id: need }, other.token)).data.need.responses.totalCount).toBe(0);
    // node(id): as the lists.
    for (const token of [k.token, a.token, b.token, firmToken, adminToken]) expect((await t.gql(NODE, { id: r.id }, token)).data.node).toEqual({ id: r.id, status: "ACTIVE" });
    for (const token of [c.token, other.token, otherFirmToken, undefined]) expect((await t.gql(NODE, { id: r.id }, token)).data.node).toBeNull();
  });

  it("an administrator answers for a named koperasi; naming both an IKM and a koperasi, or a missing koperasi, is refused", async () => {
    const k = await koperasi(2);
    const need = await needOf(firm.id);
    const ok = await t.gql(SUBMIT, { input: { needId: need, koperasiId: k.gid, kind: "INTEREST", members: shares([k.members[0], 10], [k.members[1], 20]) } }, adminToken);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.submitResponse).toMatchObject({ koperasi: { id: k.gid }, quantityPerMonth: 30 });
    const before = await rowCounts();
    const both = await t.gql(SUBMIT, { input: { needId: need, koperasiId: k.gid, ikmId: k.members[0].gid, kind: "INTEREST", members: shares([k.members[0], 1], [k.members[1], 1]) } }, adminToken);
    expect(codes(both)).toEqual(["BAD_USER_INPUT"]);
    const missing = await t.gql(SUBMIT, { input: { needId: need, koperasiId: toGlobalId("Koperasi", randomUUID()), kind: "INTEREST", members: shares([k.members[0], 1], [k.members[1], 1]) } }, adminToken);
    expect(codes(missing)).toEqual(["NOT_FOUND"]);
    const twice = await t.gql(SUBMIT, { input: { needId: need, kind: "INTEREST", members: shares([k.members[0], 1], [k.members[1], 1]) } }, k.token);
    expect(codes(twice)).toEqual(["CONFLICT"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("two managers of one koperasi answering one need at once: one response, the other CONFLICT, nothing half-written", async () => {
    const k = await koperasi(2);
    const second = (await t.user("KOPERASI", { koperasiId: k.id })).token;
    const need = await needOf(firm.id);
    const input = { needId: need, kind: "INTEREST", members: shares([k.members[0], 10], [k.members[1], 10]) };
    const answers = await Promise.all([t.gql(SUBMIT, { input }, k.token), t.gql(SUBMIT, { input }, second)]);
    expect(answers.map((a) => codes(a)[0] ?? "ok").sort()).toEqual(["CONFLICT", "ok"]);
    const needId = fromGlobalId(need)!.id;
    expect(await t.prisma.needResponse.count({ where: { needId } })).toBe(1);
    expect(await t.prisma.needResponseMember.count({ where: { response: { needId } } })).toBe(2);
    expect(await t.prisma.needResponseRevision.count({ where: { response: { needId } } })).toBe(1);
  });

  it("over graphql-ws: the manager submits and withdraws, another koperasi's manager is NOT_FOUND", async () => {
    const k = await koperasi(2);
    const other = await koperasi(2);
    const need = await needOf(firm.id);
    const sent = await subscribe(t.app, k.token, `mutation($input: SubmitResponseInput!) { submitResponse(input: $input) { id koperasi { id } } }`, {
      input: { needId: need, kind: "INTEREST", members: shares([k.members[0], 40], [k.members[1], 60]) },
    });
    await sent.received(1);
    const id = sent.events[0].submitResponse.id;
    const foreign = await subscribe(t.app, other.token, WITHDRAW, { id });
    expect(foreign.errors.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    const own = await subscribe(t.app, k.token, WITHDRAW, { id });
    await own.received(1);
    expect(own.events[0].withdrawResponse.status).toBe("WITHDRAWN");
  });
});

describe("refused, writing nothing", () => {
  it("a non-member IKM, a member twice, one member, a quantity that is not the shares' sum, bad shares, no members", async () => {
    const k = await koperasi(2);
    const [a, b] = k.members;
    const outsider = await makeIkm(t.prisma, { name: "CV Bukan Anggota", processes: ["CASTING"] });
    const need = await needOf(firm.id);
    const before = await rowCounts();
    const send = (members: unknown, extra: Record<string, unknown> = {}) => t.gql(SUBMIT, { input: { needId: need, ...quotation(), ...extra, members } }, k.token);

    const nonMember = await send(shares([a, 100], [outsider, 100]));
    expect(codes(nonMember)).toEqual(["BAD_USER_INPUT"]);
    expect(nonMember.errors![0].extensions!.fields).toEqual([{ path: "input.members.1.ikmId", message: `CV Bukan Anggota (${outsider.gid}) is not a member of this koperasi` }]);
    expect(nonMember.errors![0].message).toContain("CV Bukan Anggota");
    expect(paths(await send(shares([a, 100], [a, 100])))).toEqual(["input.members.1.ikmId"]);
    expect(paths(await send(shares([a, 100])))).toEqual(["input.members"]);
    expect(paths(await send(shares([a, 100], [b, 100]), { quantityPerMonth: 150 }))).toEqual(["input.quantityPerMonth"]);
    expect(paths(await send(shares([a, 0], [b, -5])))).toEqual(["input.members.0.quantityPerMonth", "input.members.1.quantityPerMonth"]);
    expect(codes(await send([{ ikmId: "not-an-id", quantityPerMonth: 5 }, { ikmId: b.gid, quantityPerMonth: 5 }]))).toEqual(["BAD_USER_INPUT"]);
    expect(paths(await send(undefined))).toEqual(["input.members"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("revising with a non-member or without members writes nothing; another koperasi's response is NOT_FOUND", async () => {
    const k = await koperasi(2);
    const other = await koperasi(2);
    const need = await needOf(firm.id);
    const r = (await t.gql(SUBMIT, { input: { needId: need, kind: "INTEREST", members: shares([k.members[0], 10], [k.members[1], 10]) } }, k.token)).data.submitResponse;
    const before = await rowCounts();
    const withOutsider = await t.gql(REVISE, { id: r.id, input: { kind: "INTEREST", members: shares([k.members[0], 10], [other.members[0], 10]) } }, k.token);
    expect(paths(withOutsider)).toEqual(["input.members.1.ikmId"]);
    expect(paths(await t.gql(REVISE, { id: r.id, input: { kind: "INTEREST" } }, k.token))).toEqual(["input.members"]);
    expect(codes(await t.gql(REVISE, { id: r.id, input: { kind: "INTEREST", members: shares([other.members[0], 1], [other.members[1], 1]) } }, other.token))).toEqual(["NOT_FOUND"]);
    expect(codes(await t.gql(WITHDRAW, { id: r.id }, other.token))).toEqual(["NOT_FOUND"]);
    expect(codes(await t.gql(WITHDRAW, { id: r.id }, k.members[0].token))).toEqual(["NOT_FOUND"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("an IKM member naming members is BAD_USER_INPUT; a koperasi manager naming an IKM or another koperasi is FORBIDDEN", async () => {
    const k = await koperasi(2);
    const other = await koperasi(2);
    const need = await needOf(firm.id);
    const before = await rowCounts();
    const ikm = await t.gql(SUBMIT, { input: { needId: need, ...quotation({ quantityPerMonth: 10 }), members: shares([k.members[0], 5], [k.members[1], 5]) } }, k.members[0].token);
    expect(codes(ikm)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(ikm)).toEqual(["input.members"]);
    const asIkm = await t.gql(SUBMIT, { input: { needId: need, ikmId: k.members[0].gid, ...quotation({ quantityPerMonth: 10 }) } }, k.token);
    expect(codes(asIkm)).toEqual(["FORBIDDEN"]);
    const forOther = await t.gql(SUBMIT, { input: { needId: need, koperasiId: other.gid, kind: "INTEREST", members: shares([other.members[0], 5], [other.members[1], 5]) } }, k.token);
    expect(codes(forOther)).toEqual(["FORBIDDEN"]);
    // A firm's member does not answer for a koperasi either.
    expect(codes(await t.gql(SUBMIT, { input: { needId: need, kind: "INTEREST", members: shares([k.members[0], 5], [k.members[1], 5]) } }, firmToken))).toEqual(["FORBIDDEN"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a koperasi manager never acts as an IKM nor sees an IKM's private side, and follows no firm's responses", async () => {
    const k = await koperasi(2);
    const [a] = k.members;
    const need = await needOf(firm.id);
    const edit = await t.gql(`mutation($id: ID!) { updateIkm(id: $id, input: { description: "x" }) { id } }`, { id: a.gid }, k.token);
    expect(codes(edit)).toEqual(["FORBIDDEN"]);
    const join = await t.gql(`mutation($i: ID!, $k: ID!) { joinKoperasi(ikmId: $i, koperasiId: $k) { id } }`, { i: (await makeIkm(t.prisma)).gid, k: k.gid }, k.token);
    expect(codes(join)).toEqual(["FORBIDDEN"]);
    const opportunities = await t.gql(`query($i: ID) { opportunities(ikmId: $i) { totalCount } }`, { i: a.gid }, k.token);
    expect(codes(opportunities)).toEqual(["FORBIDDEN"]);
    const createNeed = await t.gql(`mutation { createNeed(input: { title: "x", description: "x", processes: [CASTING], quantityPerMonth: 1, unit: PCS, startDate: "2027-01-01" }) { id } }`, {}, k.token);
    expect(codes(createNeed)).toEqual(["FORBIDDEN"]);
    const own = await t.gql(IKM_RESPONSES, { id: a.gid }, k.token);
    expect(own.errors).toBeUndefined();
    expect(own.data.ikm).toEqual({ responses: null, financials: null });
    // Published needs are visible (to answer them).
    expect((await t.gql(`query($id: ID!) { need(id: $id) { id statusHistory { toStatus } } }`, { id: need }, k.token)).data.need).toEqual({ id: need, statusHistory: null });
    const follow = await subscribe(t.app, k.token, RECEIVED, { n: need });
    expect(follow.errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });

  it("hears of needs opened to suppliers (needPublished), to answer them", async () => {
    const k = await koperasi(2);
    const heard = await subscribe(t.app, k.token, `subscription { needPublished { id title } }`);
    const draft = await t.prisma.componentNeed.create({
      data: { firmId: firm.id, title: "Heard by a koperasi", description: "d", processes: ["CASTING"], quantityPerMonth: 100, unit: "PCS", startDate: new Date("2027-01-01"), status: "DRAFT" },
    });
    const opened = await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: toGlobalId("ComponentNeed", draft.id) }, firmToken);
    expect(opened.errors).toBeUndefined();
    await heard.received(1);
    expect(heard.events[0].needPublished).toEqual({ id: toGlobalId("ComponentNeed", draft.id), title: "Heard by a koperasi" });
  });
});
