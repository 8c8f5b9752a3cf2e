/**
 * Responses over HTTP and graphql-ws: an IKM answers an OPEN need (interest or a quotation),
 * revises it (every state kept), withdraws and resubmits it; the need's firm sees the responses
 * with each responder's match and hears of them live; nobody else sees them; bad input and a need
 * that is not OPEN write nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { makeFirm, makeFoundation, makeIkm } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";
import { closeSubscriptions, subscribe } from "../helpers/subscriptions.js";

const SUBMIT = `mutation($input: SubmitResponseInput!) { submitResponse(input: $input) {
  id kind status version unitPriceIdr quantityPerMonth leadTimeDays validUntil notes documentUrls
  need { id } ikm { id } revisions { number status kind unitPriceIdr } } }`;
const REVISE = `mutation($id: ID!, $input: ResponseTermsInput!, $v: Int) { reviseResponse(id: $id, input: $input, expectedVersion: $v) {
  id kind status version unitPriceIdr quantityPerMonth revisions { number status kind unitPriceIdr quantityPerMonth } } }`;
const WITHDRAW = `mutation($id: ID!, $v: Int) { withdrawResponse(id: $id, expectedVersion: $v) { id status version } }`;
const NEED_RESPONSES = `query($id: ID!, $w: Boolean) { need(id: $id) { responses(includeWithdrawn: $w) { totalCount nodes {
  id status unitPriceIdr ikm { id } match { score band } } } } }`;
const RECEIVED = `subscription($n: ID, $after: ID) { responseReceived(needId: $n, after: $after) { change version eventId response { id status unitPriceIdr } } }`;

let t: TestApp;
let firm: Awaited<ReturnType<typeof makeFirm>>;
let otherFirm: Awaited<ReturnType<typeof makeFirm>>;
let firmToken: string;
let otherFirmToken: string;
let adminToken: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const paths = (r: { errors?: { extensions?: { fields?: { path: string }[] } }[] }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => f.path).sort();
const quotation = (overrides: Record<string, unknown> = {}) => ({
  kind: "QUOTATION", unitPriceIdr: 12_500, quantityPerMonth: 800, leadTimeDays: 30, validUntil: day(60),
  notes: "FC250, machined.", documentUrls: ["https://example.co.id/drawing.pdf"], ...overrides,
});

async function needOf(firmId: string, status: "DRAFT" | "OPEN" | "SHORTLISTED" | "AWARDED" = "OPEN") {
  const row = await t.prisma.componentNeed.create({
    data: { firmId, title: `Need ${randomUUID().slice(0, 8)}`, description: "Test need.", processes: ["MACHINING_MANUAL"], quantityPerMonth: 500, unit: "PCS", startDate: new Date("2027-01-01"), status },
  });
  return toGlobalId("ComponentNeed", row.id);
}

/** An IKM in the match index, with a member's token. */
async function responder() {
  const ikm = await makeIkm(t.prisma, { processes: ["MACHINING_MANUAL"] });
  await t.app.matchIndex.sync();
  return { ...ikm, token: (await t.user("IKM", { ikmId: ikm.id })).token };
}

async function submit(needId: string, token: string, terms: Record<string, unknown> = quotation()) {
  const r = await t.gql(SUBMIT, { input: { needId, ...terms } }, token);
  expect(r.errors).toBeUndefined();
  return r.data.submitResponse;
}

/** Responses, revisions and logged events: a refused request adds none of them. */
const rowCounts = async () => [await t.prisma.needResponse.count(), await t.prisma.needResponseRevision.count(), await t.prisma.eventLog.count({ where: { topic: "RESPONSE_RECEIVED" } })];

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t.prisma, "PT Pembeli");
  otherFirm = await makeFirm(t.prisma, "PT Lain");
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  otherFirmToken = (await t.user("FIRM", { firmId: otherFirm.id })).token;
  adminToken = (await t.user("ADMIN")).token;
});
afterEach(() => closeSubscriptions(t.app));
afterAll(() => t?.stop());

describe("submitting", () => {
  it("an IKM member quotes on an OPEN need; the quotation is revision 1 and its global id is a NeedResponse", async () => {
    const need = await needOf(firm.id);
    const x = await responder();
    const r = await submit(need, x.token, quotation({ unitPriceIdr: 999_999_999_999_999, notes: "  machined  " }));
    expect(fromGlobalId(r.id)?.type).toBe("NeedResponse");
    expect(r).toMatchObject({
      kind: "QUOTATION", status: "ACTIVE", version: 1, unitPriceIdr: 999_999_999_999_999, quantityPerMonth: 800, leadTimeDays: 30,
      validUntil: day(60), notes: "machined", documentUrls: ["https://example.co.id/drawing.pdf"], need: { id: need }, ikm: { id: x.gid },
      revisions: [{ number: 1, status: "ACTIVE", kind: "QUOTATION", unitPriceIdr: 999_999_999_999_999 }],
    });
    // Stored exactly, as a bigint.
    const row = await t.prisma.needResponse.findUniqueOrThrow({ where: { id: fromGlobalId(r.id)!.id } });
    expect(row.unitPriceIdr).toBe(999_999_999_999_999n);
  });

  it("an INTEREST carries no price; an administrator names the IKM", async () => {
    const need = await needOf(firm.id);
    const x = await responder();
    const r = await t.gql(SUBMIT, { input: { needId: need, ikmId: x.gid, kind: "INTEREST", quantityPerMonth: 300 } }, adminToken);
    expect(r.errors).toBeUndefined();
    expect(r.data.submitResponse).toMatchObject({ kind: "INTEREST", unitPriceIdr: null, validUntil: null, quantityPerMonth: 300, documentUrls: [] });
    const missing = await t.gql(SUBMIT, { input: { needId: need, kind: "INTEREST" } }, adminToken);
    expect(codes(missing)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(missing)).toEqual(["input.ikmId"]);
  });

  it("refuses bad terms with every field named, and writes nothing", async () => {
    const need = await needOf(firm.id);
    const x = await responder();
    const before = await rowCounts();
    const r = await t.gql(SUBMIT, {
      input: {
        needId: need, kind: "QUOTATION", unitPriceIdr: 12.5, quantityPerMonth: 0, leadTimeDays: -1, validUntil: day(-2),
        documentUrls: ["http://example.co.id/a.pdf", "javascript:alert(1)", "https://user:pw@example.co.id/x"],
      },
    }, x.token);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(r)).toEqual([
      "input.documentUrls.0", "input.documentUrls.1", "input.documentUrls.2", "input.leadTimeDays", "input.quantityPerMonth", "input.unitPriceIdr", "input.validUntil",
    ]);
    const missing = await t.gql(SUBMIT, { input: { needId: need, kind: "QUOTATION" } }, x.token);
    expect(paths(missing)).toEqual(["input.leadTimeDays", "input.quantityPerMonth", "input.unitPriceIdr", "input.validUntil"]);
    const priced = await t.gql(SUBMIT, { input: { needId: need, kind: "INTEREST", unitPriceIdr: 5, validUntil: day(3) } }, x.token);
    expect(paths(priced)).toEqual(["input.unitPriceIdr", "input.validUntil"]);
    const tooMany = await t.gql(SUBMIT, { input: { needId: need, ...quotation({ documentUrls: Array.from({ length: 11 }, (_, i) => `https://e.co.id/${i}`), validUntil: day(400) }) } }, x.token);
    expect(paths(tooMany)).toEqual(["input.documentUrls", "input.validUntil"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers only OPEN needs: a SHORTLISTED one is refused naming its status; an unpublished one (draft, awarded) is NOT_FOUND", async () => {
    const x = await responder();
    const before = await rowCounts();
    for (const status of ["SHORTLISTED"] as const) {
      const r = await t.gql(SUBMIT, { input: { needId: await needOf(firm.id, status), ...quotation() } }, x.token);
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors![0].message).toContain(`is ${status}`);
      expect(r.errors![0].extensions!.fields).toEqual([{ path: "input.needId", message: `is ${status}, not OPEN` }]);
    }
    const draft = await t.gql(SUBMIT, { input: { needId: await needOf(firm.id, "DRAFT"), ...quotation() } }, x.token);
    const awarded = await t.gql(SUBMIT, { input: { needId: await needOf(firm.id, "AWARDED"), ...quotation() } }, x.token);
    expect(codes(awarded)).toEqual(["NOT_FOUND"]);
    const missing = await t.gql(SUBMIT, { input: { needId: toGlobalId("ComponentNeed", randomUUID()), ...quotation() } }, x.token);
    expect(codes(draft)).toEqual(["NOT_FOUND"]);
    expect(draft.errors![0].message.replace(/\S+ was not found/, "")).toBe(missing.errors![0].message.replace(/\S+ was not found/, ""));
    expect(await rowCounts()).toEqual(before);
  });

  it("keeps one live response per IKM and need: a second submit is CONFLICT, also when two arrive at once", async () => {
    const need = await needOf(firm.id);
    const x = await responder();
    const both = await Promise.all([t.gql(SUBMIT, { input: { needId: need, ...quotation() } }, x.token), t.gql(SUBMIT, { input: { needId: need, ...quotation() } }, x.token)]);
    expect(both.map((r) => codes(r)[0] ?? "OK").sort()).toEqual(["CONFLICT", "OK"]);
    expect(await t.prisma.needResponse.count({ where: { needId: fromGlobalId(need)!.id } })).toBe(1);
  });

  it("firms and foundations may not respond", async () => {
    const need = await needOf(firm.id);
    const foundation = await makeFoundation(t.prisma, `Yayasan ${randomUUID().slice(0, 6)}`);
    const foundationToken = (await t.user("FOUNDATION", { foundationId: foundation.id })).token;
    for (const token of [firmToken, foundationToken]) expect(codes(await t.gql(SUBMIT, { input: { needId: need, ...quotation() } }, token))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(SUBMIT, { input: { needId: need, ...quotation() } }))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("revising, withdrawing, resubmitting", () => {
  it("keeps every state as a revision; a stale expectedVersion is CONFLICT and writes nothing", async () => {
    const need = await needOf(firm.id);
    const x = await responder();
    const first = await submit(need, x.token);
    const revised = await t.gql(REVISE, { id: first.id, input: quotation({ unitPriceIdr: 11_000, quantityPerMonth: 900 }), v: 1 }, x.token);
    expect(revised.errors).toBeUndefined();
    expect(revised.data.reviseResponse).toMatchObject({
      version: 2, unitPriceIdr: 11_000, quantityPerMonth: 900,
      revisions: [{ number: 1, unitPriceIdr: 12_500, quantityPerMonth: 800 }, { number: 2, unitPriceIdr: 11_000, quantityPerMonth: 900 }],
    });
    const before = await rowCounts();
    const stale = await t.gql(REVISE, { id: first.id, input: quotation({ unitPriceIdr: 1 }), v: 1 }, x.token);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(stale.errors![0].message).toContain(first.id);
    const bad = await t.gql(REVISE, { id: first.id, input: quotation({ leadTimeDays: 9999 }), v: 2 }, x.token);
    expect(paths(bad)).toEqual(["input.leadTimeDays"]);
    expect(await rowCounts()).toEqual(before);
    // To an INTEREST: the price goes.
    const interest = await t.gql(REVISE, { id: first.id, input: { kind: "INTEREST" } }, x.token);
    expect(interest.data.reviseResponse).toMatchObject({ kind: "INTEREST", unitPriceIdr: null, version: 3 });
  });

  it("withdraws, then submitting again revives the same response with its history; revising a withdrawn one is INVALID_TRANSITION", async () => {
    const need = await needOf(firm.id);
    const x = await responder();
    const first = await submit(need, x.token);
    expect(codes(await t.gql(WITHDRAW, { id: first.id, v: 5 }, x.token))).toEqual(["CONFLICT"]);
    const w = await t.gql(WITHDRAW, { id: first.id, v: 1 }, x.token);
    expect(w.data.withdrawResponse).toEqual({ id: first.id, status: "WITHDRAWN", version: 2 });
    expect(codes(await t.gql(WITHDRAW, { id: first.id }, x.token))).toEqual(["INVALID_TRANSITION"]);
    expect(codes(await t.gql(REVISE, { id: first.id, input: quotation() }, x.token))).toEqual(["INVALID_TRANSITION"]);
    // The firm no longer lists it by default.
    const listed = await t.gql(NEED_RESPONSES, { id: need }, firmToken);
    expect(listed.data.need.responses.totalCount).toBe(0);
    const again = await submit(need, x.token, { kind: "INTEREST" });
    expect(again).toMatchObject({ id: first.id, status: "ACTIVE", version: 3, kind: "INTEREST" });
    expect(again.revisions.map((r: { number: number; status: string }) => `${r.number}:${r.status}`)).toEqual(["1:ACTIVE", "2:WITHDRAWN", "3:ACTIVE"]);
  });

  it("another IKM, the firm and a missing id cannot revise or withdraw (NOT_FOUND alike); revising needs the need OPEN, withdrawing OPEN or SHORTLISTED", async () => {
    const need = await needOf(firm.id);
    const x = await responder();
    const y = await responder();
    const r = await submit(need, x.token);
    const missing = toGlobalId("NeedResponse", randomUUID());
    for (const [id, token] of [[r.id, y.token], [missing, x.token]] as const) {
      expect(codes(await t.gql(REVISE, { id, input: quotation() }, token))).toEqual(["NOT_FOUND"]);
      expect(codes(await t.gql(WITHDRAW, { id }, token))).toEqual(["NOT_FOUND"]);
    }
    expect(codes(await t.gql(WITHDRAW, { id: r.id }, firmToken))).toEqual(["FORBIDDEN"]);
    await t.prisma.componentNeed.update({ where: { id: fromGlobalId(need)!.id }, data: { status: "SHORTLISTED" } });
    const late = await t.gql(REVISE, { id: r.id, input: quotation() }, x.token);
    expect(codes(late)).toEqual(["BAD_USER_INPUT"]);
    expect(late.errors![0].message).toContain("SHORTLISTED");
    expect((await t.gql(WITHDRAW, { id: r.id }, x.token)).data.withdrawResponse.status).toBe("WITHDRAWN");
    // Awarded: its history stays, and nothing changes any more (the status named).
    await t.prisma.componentNeed.update({ where: { id: fromGlobalId(need)!.id }, data: { status: "AWARDED" } });
    const resubmit = await t.gql(SUBMIT, { input: { needId: need, ...quotation() } }, x.token);
    expect(codes(resubmit)).toEqual(["NOT_FOUND"]);
  });
});

describe("who sees responses", () => {
  it("the firm sees every response with each responder's match; an IKM its own; other firms none; foundations their mentees' through Ikm.responses", async () => {
    const need = await needOf(firm.id);
    const x = await responder();
    const y = await responder();
    const rx = await submit(need, x.token);
    const ry = await submit(need, y.token, { kind: "INTEREST" });

    const own = await t.gql(NEED_RESPONSES, { id: need }, firmToken);
    expect(own.errors).toBeUndefined();
    expect(own.data.need.responses.totalCount).toBe(2);
    const nodes = own.data.need.responses.nodes;
    expect(nodes.map((n: { id: string }) => n.id)).toEqual([ry.id, rx.id]);
    const explained = await t.gql(`query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { score band } }`, { n: need, i: x.gid }, firmToken);
    expect(nodes[1].match).toEqual(explained.data.explainMatch);

    // Pages: the first (read in batches) and the next (after its cursor) continue one order.
    const page = `query($id: ID!, $after: String) { need(id: $id) { responses(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`;
    const p1 = (await t.gql(page, { id: need }, firmToken)).data.need.responses;
    expect(p1).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ id: ry.id }] });
    const p2 = (await t.gql(page, { id: need, after: p1.pageInfo.endCursor }, firmToken)).data.need.responses;
    expect(p2).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ id: rx.id }] });

    const mine = await t.gql(NEED_RESPONSES, { id: need }, x.token);
    expect(mine.data.need.responses.nodes.map((n: { id: string }) => n.id)).toEqual([rx.id]);
    expect(codes(await t.gql(NEED_RESPONSES, { id: need }, otherFirmToken))).toEqual(["NOT_FOUND"]);

    const node = `query($id: ID!) { node(id: $id) { id ... on NeedResponse { status } } }`;
    expect((await t.gql(node, { id: rx.id }, firmToken)).data.node).toEqual({ id: rx.id, status: "ACTIVE" });
    expect((await t.gql(node, { id: rx.id }, x.token)).data.node).toEqual({ id: rx.id, status: "ACTIVE" });
    for (const token of [y.token, otherFirmToken]) expect((await t.gql(node, { id: rx.id }, token)).data.node).toBeNull();

    const onIkm = `query($id: ID!) { ikm(id: $id) { responses { totalCount nodes { id } } } }`;
    expect((await t.gql(onIkm, { id: x.gid }, x.token)).data.ikm.responses.nodes).toEqual([{ id: rx.id }]);
    expect((await t.gql(onIkm, { id: x.gid }, y.token)).data.ikm.responses).toBeNull();
    expect((await t.gql(onIkm, { id: x.gid }, firmToken)).data.ikm.responses).toBeNull();
    const foundation = await makeFoundation(t.prisma, `Yayasan ${randomUUID().slice(0, 6)}`);
    const foundationToken = (await t.user("FOUNDATION", { foundationId: foundation.id })).token;
    expect((await t.gql(onIkm, { id: x.gid }, foundationToken)).data.ikm.responses).toBeNull();
    await t.prisma.mentorship.create({ data: { foundationId: foundation.id, ikmId: x.id, status: "ACTIVE", startedOn: new Date("2026-01-01") } });
    expect((await t.gql(onIkm, { id: x.gid }, foundationToken)).data.ikm.responses.nodes).toEqual([{ id: rx.id }]);
    expect((await t.gql(node, { id: rx.id }, foundationToken)).data.node).toEqual({ id: rx.id, status: "ACTIVE" });
  });
});

describe("responseReceived", () => {
  it("the firm hears each submission, revision and withdrawal, resumes after an event id, and hears nothing of other firms' needs", async () => {
    const need = await needOf(firm.id);
    const other = await needOf(otherFirm.id);
    const x = await responder();
    const live = await subscribe(t.app, firmToken, RECEIVED, { n: need });
    const all = await subscribe(t.app, firmToken, RECEIVED, {});
    await submit(other, x.token);
    const r = await submit(need, x.token);
    await t.gql(REVISE, { id: r.id, input: quotation({ unitPriceIdr: 10_000 }) }, x.token);
    await t.gql(WITHDRAW, { id: r.id }, x.token);
    await submit(need, x.token, { kind: "INTEREST" });
    await live.received(4);
    await all.received(4);
    expect(live.events.map((e) => e.responseReceived.change)).toEqual(["SUBMITTED", "REVISED", "WITHDRAWN", "SUBMITTED"]);
    expect(live.events[0].responseReceived.response.id).toBe(r.id);
    expect(all.events.map((e) => e.responseReceived.response.id)).toEqual([r.id, r.id, r.id, r.id]);

    const resumed = await subscribe(t.app, firmToken, RECEIVED, { n: need, after: live.events[0].responseReceived.eventId });
    await resumed.received(3);
    expect(resumed.events.map((e) => e.responseReceived.version)).toEqual([2, 3, 4]);
    // A bad resume point is refused with what to do.
    const bad = await subscribe(t.app, firmToken, RECEIVED, { n: need, after: "not-an-id" });
    expect(bad.errors.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);

    const foreign = await subscribe(t.app, otherFirmToken, RECEIVED, { n: need });
    expect(foreign.errors.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    const ikm = await subscribe(t.app, x.token, RECEIVED, { n: need });
    expect(ikm.errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});
