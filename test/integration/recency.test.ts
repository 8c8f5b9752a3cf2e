/**
 * Recency of the delivery record (issue 23) on a real PostgreSQL: two IKMs with the same totals
 * (240 lots, 120,000 pieces, 3,600 rejected) but opposite histories, one whose bad half-year was two
 * years ago and one whose bad half-year is now. matches, explainMatch, opportunities, consortia and allocate
 * all put the improving one first and warn of the other; a delivery recorded through the API
 * changes the verdict at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import pino from "pino";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { MatchIndex } from "../../src/infra/match-index/match-index.js";
import { needProfile } from "../../src/features/matching/match.service.js";
import { scoreMatch } from "../../src/core/matching/scorer.js";

let t: TestApp;
let firmToken: string;
let needId: string;
let up: Awaited<ReturnType<typeof makeIkm>>;
let down: Awaited<ReturnType<typeof makeIkm>>;
let upToken: string;
let downToken: string;
let upPartnership: string;

const now = new Date();
/** The first day of the month `age` months before this one (UTC). */
const monthAgo = (age: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - age, 1));

const EXPLAIN = `query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { score band capped factors { factor detail } gaps { kind hard message } } }`;
const MATCHES = `query($n: ID!) { matches(needId: $n, first: 10) { nodes { score band ikm { id } gaps { kind } } } }`;
const OPPORTUNITIES = `{ opportunities(first: 10) { nodes { score band need { title } gaps { kind } } } }`;
const CONSORTIA = `query($n: ID!) { consortia(needId: $n) { proposals { members { ikm { id } score } } } }`;

/** 24 months of 10 lots and 5,000 pieces; 600 rejected in each month whose age is listed. */
async function history(ikmId: string, badAges: number[]): Promise<void> {
  await t.prisma.deliveryRecord.createMany({
    data: Array.from({ length: 24 }, (_, age) => ({
      ikmId, month: monthAgo(age), lotsDelivered: 10, lotsOnTime: 10, qtyDelivered: 5000, qtyRejected: badAges.includes(age) ? 600 : 0,
    })),
  });
}

beforeAll(async () => {
  t = await startTestApp();
  const firm = await makeFirm(t.prisma);
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  up = await makeIkm(t.prisma, { name: "CV Membaik" });
  down = await makeIkm(t.prisma, { name: "CV Memburuk" });
  upToken = (await t.user("IKM", { ikmId: up.id })).token;
  downToken = (await t.user("IKM", { ikmId: down.id })).token;
  // One koperasi, so consortia can propose both (neither covers 1,500 a month alone).
  const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Uji Rekam", regionCode: "33.72" } });
  for (const ikm of [up, down]) {
    await t.prisma.koperasiMembership.create({ data: { koperasiId: koperasi.id, ikmId: ikm.id } });
    // A partnership to record deliveries under (it holds 1 piece a month of each, alike).
    const p = await t.prisma.partnership.create({
      data: { firmId: firm.id, ikmId: ikm.id, component: "Pins", processes: ["MACHINING_MANUAL"], quantityPerMonth: 1, unit: "PCS", startDate: monthAgo(30), status: "ACTIVE" },
    });
    if (ikm === up) upPartnership = toGlobalId("Partnership", p.id);
  }
  await history(up.id, [18, 19, 20, 21, 22, 23]);
  await history(down.id, [0, 1, 2, 3, 4, 5]);
  const input = needInput({ title: "Turned pins", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 1500 });
  needId = (await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input }, firmToken)).data.createNeed.id;
  expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: needId }, firmToken)).errors).toBeUndefined();
  await t.app.matchIndex.sync();
}, 120_000);
afterAll(() => t.stop());

describe("same totals, opposite histories", () => {
  it("the two records have the same totals", async () => {
    for (const ikm of [up, down]) {
      const s = await t.prisma.deliveryRecord.aggregate({ where: { ikmId: ikm.id }, _sum: { lotsDelivered: true, qtyDelivered: true, qtyRejected: true } });
      expect(s._sum).toEqual({ lotsDelivered: 240, qtyDelivered: 120_000, qtyRejected: 3600 });
    }
  });

  it("explainMatch names the recent and earlier figures, the trend, and warns the worsening one in its band", async () => {
    const a = (await t.gql(EXPLAIN, { n: needId, i: up.gid }, firmToken)).data.explainMatch;
    const b = (await t.gql(EXPLAIN, { n: needId, i: down.gid }, firmToken)).data.explainMatch;
    const quality = (x: any) => x.factors.find((f: any) => f.factor === "quality").detail;
    expect(quality(a)).toContain("rejects 0.00% in the last 6 months, 4.00% before: improving");
    expect(quality(b)).toContain("rejects 12.00% in the last 6 months, 0.00% before: worsening: ask for a corrective action");
    expect(a.score).toBeGreaterThan(b.score);
    expect([a.capped, b.capped]).toEqual([false, true]);
    expect(b.gaps).toContainEqual({ kind: "TREND", hard: false, message: "rejects 12.00% in the last 6 months, 0.00% before: worsening: ask for a corrective action; band capped below EXCELLENT" });
  });

  it("matches, opportunities and consortia rank the improving one first, with explainMatch's scores", async () => {
    const explained = async (gid: string) => (await t.gql(EXPLAIN, { n: needId, i: gid }, firmToken)).data.explainMatch.score as number;
    const [sa, sb] = [await explained(up.gid), await explained(down.gid)];

    const m = await t.gql(MATCHES, { n: needId }, firmToken);
    expect(m.errors).toBeUndefined();
    expect(m.data.matches.nodes.map((n: any) => [n.ikm.id, n.score])).toEqual([[up.gid, sa], [down.gid, sb]]);
    expect(m.data.matches.nodes[1].gaps.map((g: any) => g.kind)).toContain("TREND");

    const oa = (await t.gql(OPPORTUNITIES, {}, upToken)).data.opportunities.nodes.find((n: any) => n.need.title === "Turned pins");
    const ob = (await t.gql(OPPORTUNITIES, {}, downToken)).data.opportunities.nodes.find((n: any) => n.need.title === "Turned pins");
    expect([oa.score, ob.score]).toEqual([sa, sb]);
    expect(ob.gaps.map((g: any) => g.kind)).toContain("TREND");

    const c = await t.gql(CONSORTIA, { n: needId }, firmToken);
    expect(c.errors).toBeUndefined();
    const members = c.data.consortia.proposals[0].members;
    // A member is scored for its share of the quantity (capacity differs), the record alike: the improving one higher.
    const score = Object.fromEntries(members.map((x: any) => [x.ikm.id, x.score]));
    expect(Object.keys(score).sort()).toEqual([up.gid, down.gid].sort());
    expect(score[up.gid]).toBeGreaterThan(score[down.gid]);
  });

  it("allocate gives the improving one the larger share and the higher score", async () => {
    const r = await t.gql(`query($ids: [ID!]!) { allocate(needIds: $ids) { needs { covered assignments { ikm { id } units score } } } }`, { ids: [needId] }, firmToken);
    expect(r.errors).toBeUndefined();
    const [n] = r.data.allocate.needs;
    const of = (gid: string) => n.assignments.find((a: any) => a.ikm.id === gid);
    expect(n.covered).toBe(1500);
    expect(of(up.gid).units).toBeGreaterThan(of(down.gid).units);
    expect(of(up.gid).score).toBeGreaterThan(of(down.gid).score);
  });

  it("a bad month recorded through the API turns the improving supplier into a worsening one at once", async () => {
    const r = await t.gql(
      `mutation($input: DeliveryInput!) { recordDelivery(input: $input) { month } }`,
      { input: { partnershipId: upPartnership, month: monthAgo(0).toISOString().slice(0, 10), lotsDelivered: 10, lotsOnTime: 3, qtyDelivered: 5000, qtyRejected: 2500 } },
      firmToken,
    );
    expect(r.errors).toBeUndefined();
    const a = (await t.gql(EXPLAIN, { n: needId, i: up.gid }, firmToken)).data.explainMatch;
    expect(a.capped).toBe(true);
    expect(a.gaps.find((g: any) => g.kind === "TREND").message).toMatch(/worsening: ask for a corrective action/);
    const m = await t.gql(MATCHES, { n: needId }, firmToken);
    expect(m.data.matches.nodes.map((n: any) => n.ikm.id)).toEqual([down.gid, up.gid]);
    expect(m.data.matches.nodes.find((n: any) => n.ikm.id === up.gid).score).toBe(a.score);
  });
});

describe("the index weighs from the month it was built in", () => {
  it("uses the same reference month as the pure path", () => {
    expect(t.app.matchIndex.month()).toBe((now.getUTCFullYear() - 1970) * 12 + now.getUTCMonth());
  });

  it("rebuilds in the background at the first query of a new month; every answer, before and after the swap, is the pure scorer's at the index's month", async () => {
    let clock = new Date(now);
    const index = await MatchIndex.start(t.databaseUrl, pino({ level: "silent" }), { workers: 1, clock: () => clock });
    try {
      const need = needProfile(await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: fromGlobalId(needId)!.id } }));
      const totals = async () => Object.fromEntries((await index.rank(need, { first: 10 })).ranked.map((r) => [r.id, r.total]));
      const pure = async () => Object.fromEntries((await index.profiles([up.id, down.id])).map((p) => [p.id, scoreMatch(need, p).total]));
      expect(await totals()).toEqual(await pure());
      const generation = index.stats().generation;
      // Two years on: every month has aged 24 months (weights a quarter), the recent window is empty.
      const before = await totals();
      clock = new Date(Date.UTC(now.getUTCFullYear() + 2, now.getUTCMonth(), 15));
      // The first query of the new month answers at once from the columns' month (the explanation
      // too), and starts the rebuild.
      expect(await totals()).toEqual(before);
      expect(await pure()).toEqual(before);
      await index.settled();
      expect(index.stats().generation).toBe(generation + 1);
      expect(index.referenceMonth()).toBe(index.month());
      const later = await totals();
      expect(later).toEqual(await pure());
      expect(later).not.toEqual(before);
    } finally {
      await index.close();
    }
  }, 60_000);
});
