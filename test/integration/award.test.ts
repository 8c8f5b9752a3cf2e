/**
 * awardNeed over HTTP (issue 16): one transaction that locks the need and each member IKM, checks
 * capacity counting ACTIVE partnerships and awards' PENDING ones (an award reserves), writes one PENDING
 * partnership per member, awards the need and the candidate, passes the others over and cancels
 * their open samples. Two firms awarding the last free capacity of one IKM at once: exactly one
 * wins. Every refusal (version, status, candidate, samples, capacity) writes nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { makeFirm, makeIkm } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";

const SHORTLIST = `mutation($input: ShortlistCandidateInput!) { shortlistCandidate(input: $input) { id } }`;
const AWARD = `mutation($input: AwardNeedInput!) { awardNeed(input: $input) {
  need { id status version statusHistory { toStatus reason } }
  candidate { id status reason partnerships { id } }
  partnerships { id status quantityPerMonth component processes unit startDate endDate need { id } ikm { id } } } }`;
const SHORTLIST_OF = `query($id: ID!) { need(id: $id) { shortlist(includeDecided: true) { id status reason partnerships { id status } } } }`;

let t: TestApp;
let firm: Awaited<ReturnType<typeof makeFirm>>;
let firmToken: string;
let otherFirmToken: string;

const uuid = (gid: string) => fromGlobalId(gid)!.id;
const paths = (r: { errors?: { extensions?: { fields?: { path: string }[] } }[] }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => f.path).sort();

async function needOf(firmId: string, quantityPerMonth = 500) {
  const row = await t.prisma.componentNeed.create({
    data: {
      firmId, title: `Pins ${randomUUID().slice(0, 8)}`, description: "Turned pins.", processes: ["MACHINING_MANUAL"], quantityPerMonth, unit: "PCS",
      startDate: new Date("2027-01-01"), status: "OPEN", version: 1, publishedAt: new Date(),
    },
  });
  return toGlobalId("ComponentNeed", row.id);
}

async function supplier() {
  const ikm = await makeIkm(t.prisma, { processes: ["MACHINING_MANUAL"] }); // 1000 PCS a month
  await t.app.matchIndex.sync();
  return ikm;
}

async function shortlist(needId: string, candidate: Record<string, unknown>, token = firmToken): Promise<string> {
  const r = await t.gql(SHORTLIST, { input: { needId, ...candidate } }, token);
  expect(r.errors).toBeUndefined();
  return r.data.shortlistCandidate.id;
}

const versionOf = async (need: string) => (await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuid(need) } })).version;
const award = async (need: string, candidateId: string, extra: Record<string, unknown> = {}, token = firmToken) =>
  t.gql(AWARD, { input: { needId: need, candidateId, startDate: "2027-01-01", expectedVersion: await versionOf(need), ...extra } }, token);

/** What an award writes: partnerships, candidates' statuses, samples' statuses, status records, events, the need. */
async function snapshot(need: string) {
  const needId = uuid(need);
  return {
    partnerships: await t.prisma.partnership.count(),
    candidates: (await t.prisma.shortlistCandidate.findMany({ where: { needId }, orderBy: { id: "asc" } })).map((c) => [c.id, c.status, c.reason]),
    samples: (await t.prisma.sampleRequest.findMany({ where: { needId }, orderBy: { id: "asc" } })).map((s) => [s.id, s.status]),
    changes: await t.prisma.needStatusChange.count({ where: { needId } }),
    events: await t.prisma.eventLog.count(),
    need: await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: needId }, select: { status: true, version: true } }),
  };
}

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t.prisma, "PT Pemberi");
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  otherFirmToken = (await t.user("FIRM", { firmId: (await makeFirm(t.prisma, "PT Lain")).id })).token;
});
afterAll(() => t?.stop());

describe("awarding", () => {
  it("awards one IKM: a PENDING partnership with the need's terms, the need and candidate AWARDED, the others passed over and their open samples cancelled", async () => {
    const need = await needOf(firm.id);
    const [x, y] = [await supplier(), await supplier()];
    const winner = await shortlist(need, { ikmId: toGlobalId("Ikm", x.id) });
    const loser = await shortlist(need, { ikmId: toGlobalId("Ikm", y.id) });
    const open = await t.prisma.sampleRequest.create({ data: { needId: uuid(need), candidateId: uuid(loser), ikmId: y.id, pieces: 5, dueDate: new Date("2027-01-01"), checklistSource: "AIAG PPAP" } });
    const r = await award(need, winner, { endDate: "2027-12-31", reason: "Best samples" });
    expect(r.errors).toBeUndefined();
    const title = (await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuid(need) } })).title;
    const { need: n, candidate, partnerships } = r.data.awardNeed;
    expect(n).toMatchObject({ id: need, status: "AWARDED", version: 3 });
    expect(n.statusHistory.at(-1)).toEqual({ toStatus: "AWARDED", reason: "Best samples" });
    expect(partnerships).toEqual([{
      id: expect.any(String), status: "PENDING", quantityPerMonth: 500, component: title, processes: ["MACHINING_MANUAL"], unit: "PCS",
      startDate: "2027-01-01", endDate: "2027-12-31", need: { id: need }, ikm: { id: toGlobalId("Ikm", x.id) },
    }]);
    expect(candidate).toEqual({ id: winner, status: "AWARDED", reason: "Best samples", partnerships: [{ id: partnerships[0].id }] });
    const list = (await t.gql(SHORTLIST_OF, { id: need }, firmToken)).data.need.shortlist;
    expect(list.find((c: { id: string }) => c.id === loser)).toEqual({ id: loser, status: "NOT_AWARDED", reason: "The need was awarded to another candidate.", partnerships: [] });
    expect((await t.prisma.sampleRequest.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("CANCELLED");
    const told = await t.prisma.eventLog.findMany({ where: { topic: "CANDIDACY_CHANGED", payload: { path: ["needId"], equals: uuid(need) } }, orderBy: { id: "asc" } });
    expect(told.map((e) => [(e.payload as { ikmId: string }).ikmId, (e.payload as { change: string }).change])).toEqual([
      [x.id, "SHORTLISTED"], [y.id, "SHORTLISTED"], [x.id, "AWARDED"], [y.id, "NOT_AWARDED"],
    ]);
  });

  it("without dates, the partnerships run over the need's period (its start and end)", async () => {
    const x = await supplier();
    const need = await needOf(firm.id);
    await t.gql(`mutation($id: ID!, $v: Int) { updateNeed(id: $id, expectedVersion: $v, input: { termMonths: 6 }) { id } }`, { id: need, v: await versionOf(need) }, firmToken);
    const winner = await shortlist(need, { ikmId: toGlobalId("Ikm", x.id) });
    const r = await t.gql(AWARD, { input: { needId: need, candidateId: winner, expectedVersion: await versionOf(need) } }, firmToken);
    expect(r.errors).toBeUndefined();
    expect(r.data.awardNeed.partnerships.map((p: { startDate: string; endDate: string }) => [p.startDate, p.endDate])).toEqual([["2027-01-01", "2027-06-30"]]);
  });

  it("refuses, writing nothing: a stale version, a need not SHORTLISTED, another need's or a removed candidate, unapproved samples, bad dates, another firm", async () => {
    const need = await needOf(firm.id);
    const [x, y] = [await supplier(), await supplier()];
    const c = await shortlist(need, { ikmId: toGlobalId("Ikm", x.id) });
    const removed = await shortlist(need, { ikmId: toGlobalId("Ikm", y.id) });
    await t.gql(`mutation($id: ID!) { removeCandidate(id: $id, reason: "No") { id } }`, { id: removed }, firmToken);
    const elsewhere = await needOf(firm.id);
    const foreignCandidate = await shortlist(elsewhere, { ikmId: toGlobalId("Ikm", y.id) });
    await t.prisma.sampleRequest.create({ data: { needId: uuid(need), candidateId: uuid(c), ikmId: x.id, status: "APPROVED", pieces: 5, dueDate: new Date("2027-01-01"), checklistSource: "AIAG PPAP", createdAt: new Date("2026-01-01") } });
    await t.prisma.sampleRequest.create({ data: { needId: uuid(need), candidateId: uuid(c), ikmId: x.id, status: "REJECTED", pieces: 5, dueDate: new Date("2027-01-01"), checklistSource: "AIAG PPAP", createdAt: new Date("2026-02-01") } });
    const before = await snapshot(need);
    const version = await versionOf(need);

    const stale = await award(need, c, { expectedVersion: version - 1 });
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(stale.errors![0].message).toContain(`version ${version}`);
    const notYours = await award(need, foreignCandidate);
    expect(codes(notYours)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(notYours)).toEqual(["input.candidateId"]);
    const gone = await award(need, removed);
    expect(codes(gone)).toEqual(["BAD_USER_INPUT"]);
    expect(gone.errors![0].message).toContain("REMOVED");
    const samples = await award(need, c);
    expect(codes(samples)).toEqual(["BAD_USER_INPUT"]);
    expect(samples.errors![0].message).toContain(`${x.legalName}'s newest sample is REJECTED`);
    const dates = await award(need, c, { startDate: "2027-02-01", endDate: "2027-01-01" });
    expect(paths(dates)).toEqual(["input.endDate"]);
    expect(codes(await award(need, c, {}, otherFirmToken))).toEqual(["NOT_FOUND"]);
    expect(await snapshot(need)).toEqual(before);

    // A need not SHORTLISTED: INVALID_TRANSITION with the moves it allows.
    const open = await needOf(firm.id);
    const cand = await t.prisma.shortlistCandidate.create({ data: { needId: uuid(open), kind: "IKM", members: { create: [{ ikmId: x.id, quantityPerMonth: 500 }] } } });
    const wrong = await award(open, toGlobalId("ShortlistCandidate", cand.id));
    expect(codes(wrong)).toEqual(["INVALID_TRANSITION"]);
    expect(wrong.errors![0].extensions).toMatchObject({ from: "OPEN", to: "AWARDED", allowed: ["SHORTLISTED", "CANCELLED"] });
  });

  it("an award reserves capacity: another award's PENDING partnership counts against it, a firm's PENDING proposal does not", async () => {
    const need = await needOf(firm.id, 500);
    const x = await supplier();
    const c = await shortlist(need, { ikmId: toGlobalId("Ikm", x.id) });
    // Another need's award (its candidate wrote the row) holds 600; a firm's proposal of 300 holds nothing.
    const other = await t.prisma.shortlistCandidate.create({ data: { needId: uuid(await needOf(firm.id, 600)), kind: "IKM", status: "AWARDED" } });
    const held = { firmId: firm.id, ikmId: x.id, component: "Other", processes: ["MACHINING_MANUAL" as const], unit: "PCS" as const, startDate: new Date("2026-06-01"), status: "PENDING" as const };
    await t.prisma.partnership.create({ data: { ...held, quantityPerMonth: 600, candidateId: other.id, needId: other.needId } });
    await t.prisma.partnership.create({ data: { ...held, quantityPerMonth: 300 } });
    const before = await snapshot(need);
    const r = await award(need, c);
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0].message).toBe(`${x.legalName} can take at most 400 more PCS a month in MACHINING_MANUAL from 2027-01-01 to 2027-12-31: not the 500 this award asks (awards reserve capacity: ACTIVE partnerships and other awards' PENDING ones count). Nothing was awarded.`);
    expect(r.errors![0].extensions).toMatchObject({ process: "MACHINING_MANUAL", available: 400 });
    expect(await snapshot(need)).toEqual(before);
  });
});

describe("at once and together", () => {
  it("two firms award the last free capacity of one IKM at once: exactly one wins, the other's need stays SHORTLISTED with no partnership", async () => {
    for (let round = 0; round < 3; round++) {
      const x = await supplier();
      const other = await makeFirm(t.prisma);
      const otherToken = (await t.user("FIRM", { firmId: other.id })).token;
      const needs = [await needOf(firm.id, 600), await needOf(other.id, 600)];
      const tokens = [firmToken, otherToken];
      const candidates = [await shortlist(needs[0], { ikmId: toGlobalId("Ikm", x.id) }, tokens[0]), await shortlist(needs[1], { ikmId: toGlobalId("Ikm", x.id) }, tokens[1])];
      const versions = await Promise.all(needs.map(versionOf));
      const results = await Promise.all([0, 1].map((i) =>
        t.gql(AWARD, { input: { needId: needs[i], candidateId: candidates[i], startDate: "2027-01-01", expectedVersion: versions[i] } }, tokens[i])));
      const won = results.findIndex((r) => r.errors === undefined);
      expect(won).toBeGreaterThanOrEqual(0);
      const lost = 1 - won;
      expect(codes(results[lost])).toEqual(["CONFLICT"]);
      expect(results[lost].errors![0].message).toContain("can take at most 400 more PCS a month in MACHINING_MANUAL");
      const lostNeed = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuid(needs[lost]) } });
      expect({ status: lostNeed.status, version: lostNeed.version }).toEqual({ status: "SHORTLISTED", version: versions[lost] });
      expect(await t.prisma.partnership.count({ where: { needId: uuid(needs[lost]) } })).toBe(0);
      expect((await t.prisma.shortlistCandidate.findUniqueOrThrow({ where: { id: uuid(candidates[lost]) } })).status).toBe("SHORTLISTED");
      expect(await t.prisma.partnership.count({ where: { ikmId: x.id } })).toBe(1);
    }
  });

  it("a consortium award creates every member's partnership in one transaction, and none when one member lacks the capacity", async () => {
    const [a, b] = [await supplier(), await supplier()];
    const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Bersama Uji", regionCode: "33.72" } });
    await t.prisma.koperasiMembership.createMany({ data: [a, b].map((m) => ({ koperasiId: koperasi.id, ikmId: m.id })) });
    const members = [{ ikmId: toGlobalId("Ikm", a.id), quantityPerMonth: 700 }, { ikmId: toGlobalId("Ikm", b.id), quantityPerMonth: 500 }];
    const need = await needOf(firm.id, 1200);
    const c = await shortlist(need, { koperasiId: toGlobalId("Koperasi", koperasi.id), members });
    const r = await award(need, c);
    expect(r.errors).toBeUndefined();
    const made = await t.prisma.partnership.findMany({ where: { needId: uuid(need) }, orderBy: { ikmId: "asc" } });
    expect(made.map((p) => [p.ikmId, p.quantityPerMonth, p.koperasiId, p.status])).toEqual(
      [[a.id, 700, koperasi.id, "PENDING"], [b.id, 500, koperasi.id, "PENDING"]].sort((p, q) => String(p[0]).localeCompare(String(q[0]))),
    );

    // Now a holds 700 PENDING: a second consortium asking a for 400 more fails on a alone, and b's share is rolled back too.
    const second = await needOf(firm.id, 900);
    const c2 = await shortlist(second, { members: [{ ikmId: toGlobalId("Ikm", a.id), quantityPerMonth: 400 }, { ikmId: toGlobalId("Ikm", b.id), quantityPerMonth: 500 }] });
    const before = await snapshot(second);
    const refused = await award(second, c2);
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors![0].message).toContain(`${a.legalName} can take at most 300 more`);
    expect(await snapshot(second)).toEqual(before);
    expect(await t.prisma.partnership.count({ where: { needId: uuid(second) } })).toBe(0);
  });
});
