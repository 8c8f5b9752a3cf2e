/**
 * One capacity rule (issue 16, "Matching must agree with itself"): an award's PENDING partnership
 * holds the member's capacity from the award until the IKM declines it, in matches, explainMatch,
 * consortia and allocate alike, and in the next award's capacity check; a firm's own PENDING
 * proposal (recordPartnership) holds nothing. Real PostgreSQL and HTTP; every read right after
 * the write that changed it (awardNeed and endPartnership refresh the match index before answering).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { makeFirm, makeIkm } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";

const SHORTLIST = `mutation($input: ShortlistCandidateInput!) { shortlistCandidate(input: $input) { id } }`;
const AWARD = `mutation($input: AwardNeedInput!) { awardNeed(input: $input) { partnerships { id status ikm { id } } } }`;
const END = `mutation($id: ID!) { endPartnership(id: $id) { status } }`;
const RECORD = `mutation($input: PartnershipInput!) { recordPartnership(input: $input) { id status } }`;
const MATCHES = `query($n: ID!) { matches(needId: $n, first: 20) { nodes { ikm { id } score factors { factor detail } gaps { kind message } } } }`;
const EXPLAIN = `query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { score factors { factor detail } } }`;
const CONSORTIA = `query($n: ID!) { consortia(needId: $n) { singleSuppliers { ikm { id } freeCapacity } proposals { members { ikm { id } freeCapacity } } } }`;
const ALLOCATE = `query($ids: [ID!]!) { allocate(needIds: $ids) { loads { ikm { id } process free } } }`;

type Factors = { factors: Array<{ factor: string; detail: string }> };

let t: TestApp;
let firmA: Awaited<ReturnType<typeof makeFirm>>;
let firmB: Awaited<ReturnType<typeof makeFirm>>;
const tokens = {} as Record<"a" | "b", string>;
const uuid = (gid: string) => fromGlobalId(gid)!.id;
const capacityDetail = (node: Factors) => node.factors.find((f) => f.factor === "capacity")!.detail;

async function needOf(firmId: string, quantityPerMonth: number): Promise<string> {
  const row = await t.prisma.componentNeed.create({
    data: {
      firmId, title: `Pins ${randomUUID().slice(0, 8)}`, description: "Turned pins.", processes: ["MACHINING_MANUAL"], quantityPerMonth, unit: "PCS",
      startDate: new Date("2027-01-01"), status: "OPEN", version: 1, publishedAt: new Date(),
    },
  });
  return toGlobalId("ComponentNeed", row.id);
}

async function shortlist(needId: string, candidate: Record<string, unknown>, token: string): Promise<string> {
  const r = await t.gql(SHORTLIST, { input: { needId, ...candidate } }, token);
  expect(r.errors).toBeUndefined();
  return r.data.shortlistCandidate.id;
}

const versionOf = async (need: string) => (await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuid(need) } })).version;
const award = async (need: string, candidateId: string, token: string) =>
  t.gql(AWARD, { input: { needId: need, candidateId, startDate: "2027-01-01", expectedVersion: await versionOf(need) } }, token);

/** What every query says of the IKM's free capacity for the need, read right away. */
async function freeEverywhere(need: string, ikmGid: string, token: string) {
  const m = await t.gql(MATCHES, { n: need }, token);
  expect(m.errors).toBeUndefined();
  const node = m.data.matches.nodes.find((n: { ikm: { id: string } }) => n.ikm.id === ikmGid);
  const e = await t.gql(EXPLAIN, { n: need, i: ikmGid }, token);
  expect(e.errors).toBeUndefined();
  const c = await t.gql(CONSORTIA, { n: need }, token);
  expect(c.errors).toBeUndefined();
  const members = c.data.consortia.proposals.flatMap((p: { members: Array<{ ikm: { id: string }; freeCapacity: number }> }) => p.members);
  const a = await t.gql(ALLOCATE, { ids: [need] }, token);
  expect(a.errors).toBeUndefined();
  return {
    matches: capacityDetail(node),
    explain: capacityDetail(e.data.explainMatch),
    sameScore: node.score === e.data.explainMatch.score,
    consortia: [...new Set(members.filter((x: { ikm: { id: string } }) => x.ikm.id === ikmGid).map((x: { freeCapacity: number }) => x.freeCapacity))],
    allocate: a.data.allocate.loads.filter((l: { ikm: { id: string } }) => l.ikm.id === ikmGid).map((l: { free: number }) => l.free),
  };
}

beforeAll(async () => {
  t = await startTestApp();
  firmA = await makeFirm(t.prisma, "PT Pemberi Pertama");
  firmB = await makeFirm(t.prisma, "PT Pemberi Kedua");
  tokens.a = (await t.user("FIRM", { firmId: firmA.id })).token;
  tokens.b = (await t.user("FIRM", { firmId: firmB.id })).token;
});
afterAll(() => t?.stop());

describe("an award's PENDING partnership holds capacity everywhere, until the IKM declines it", () => {
  it("matches, explainMatch, consortia and allocate show the reservation at once; a second award that only fits without it is refused; declining frees it", async () => {
    // Two members of one koperasi, 1,000 PCS a month each; the second need (1,200) needs both.
    const [x, y] = [await makeIkm(t.prisma), await makeIkm(t.prisma)];
    const koperasi = await t.prisma.koperasi.create({ data: { name: `Koperasi ${randomUUID().slice(0, 6)}`, regionCode: "33.72" } });
    await t.prisma.koperasiMembership.createMany({ data: [x, y].map((m) => ({ koperasiId: koperasi.id, ikmId: m.id })) });
    await t.app.services.matching.ikmsChanged([x.id, y.id]);
    const first = await needOf(firmA.id, 600);
    const second = await needOf(firmB.id, 1200);
    const both = await shortlist(second, { members: [{ ikmId: x.gid, quantityPerMonth: 600 }, { ikmId: y.gid, quantityPerMonth: 600 }] }, tokens.b);

    expect(await freeEverywhere(second, x.gid, tokens.b)).toEqual({
      matches: "1,000 of 1,200 PCS a month", explain: "1,000 of 1,200 PCS a month", sameScore: true, consortia: [1000], allocate: [1000],
    });

    // Firm A awards its 600 to X: PENDING, and reserved from this answer on.
    const won = await award(first, await shortlist(first, { ikmId: x.gid }, tokens.a), tokens.a);
    expect(won.errors).toBeUndefined();
    const [pending] = won.data.awardNeed.partnerships;
    expect(pending.status).toBe("PENDING");
    const reserved = "capacity 400 free of 1,000 PCS a month; 600 committed or reserved; the need asks 1,200";
    expect(await freeEverywhere(second, x.gid, tokens.b)).toEqual({ matches: reserved, explain: reserved, sameScore: true, consortia: [400], allocate: [400] });

    // Firm B's award asks X for 600, which fits only if A's reservation were ignored: refused, nothing written.
    const refused = await award(second, both, tokens.b);
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors![0].message).toContain(`${x.legalName} can take at most 400 more PCS a month in MACHINING_MANUAL from 2027-01-01`);
    expect(refused.errors![0].extensions).toMatchObject({ process: "MACHINING_MANUAL", available: 400 });
    expect(await t.prisma.partnership.count({ where: { needId: uuid(second) } })).toBe(0);

    // X declines A's award: the capacity is free again everywhere, and B's award now fits.
    const ikmToken = (await t.user("IKM", { ikmId: x.id })).token;
    const declined = await t.gql(END, { id: pending.id }, ikmToken);
    expect(declined.data?.endPartnership.status).toBe("ENDED");
    expect(await freeEverywhere(second, x.gid, tokens.b)).toEqual({
      matches: "1,000 of 1,200 PCS a month", explain: "1,000 of 1,200 PCS a month", sameScore: true, consortia: [1000], allocate: [1000],
    });
    const retried = await award(second, both, tokens.b);
    expect(retried.errors).toBeUndefined();
    expect(retried.data.awardNeed.partnerships.map((p: { status: string }) => p.status)).toEqual(["PENDING", "PENDING"]);
  });

  it("a firm's own PENDING proposal (recordPartnership) holds nothing until the IKM accepts it, and then it does", async () => {
    const x = await makeIkm(t.prisma);
    await t.app.services.matching.ikmsChanged([x.id]);
    const need = await needOf(firmB.id, 600);
    const proposal = await t.gql(RECORD, {
      input: { ikmId: x.gid, component: "Bushing", processes: ["MACHINING_MANUAL"], quantityPerMonth: 700, unit: "PCS", startDate: "2027-01-01" },
    }, tokens.a);
    expect(proposal.data?.recordPartnership.status).toBe("PENDING");
    const explain = async () => capacityDetail((await t.gql(EXPLAIN, { n: need, i: x.gid }, tokens.b)).data.explainMatch);
    expect(await explain()).toBe("1,000 of 600 PCS a month");
    // Firm B may still award X its 600: a proposal reserves nothing.
    const won = await award(need, await shortlist(need, { ikmId: x.gid }, tokens.b), tokens.b);
    expect(won.errors).toBeUndefined();
    // B's award now holds 600: X accepting A's 700 no longer fits (the IKM decides: decline one).
    const ikmToken = (await t.user("IKM", { ikmId: x.id })).token;
    const accept = await t.gql(`mutation($id: ID!) { acceptPartnership(id: $id) { status } }`, { id: proposal.data.recordPartnership.id }, ikmToken);
    expect(codes(accept)).toEqual(["CONFLICT"]);
    expect(accept.errors![0].message).toContain("can take at most 400 more PCS a month in MACHINING_MANUAL");
  });
});
