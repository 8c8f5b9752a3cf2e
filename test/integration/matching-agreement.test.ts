/**
 * Matching agrees with itself (issue 16): matches, explainMatch and opportunities rank on free
 * capacity (stated less what ACTIVE partnerships hold over the need's period), as consortia does.
 * Real PostgreSQL and HTTP; partnerships arrive through the API (read-your-writes) and through
 * direct writes (the Partnership change trigger).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../src/domain/ids.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { makeFirm, makeIkm } from "../helpers/fixtures.js";

let t: TestApp;
let buyer: { id: string; token: string };
let admin: string;
let otherFirm: { id: string; gid: string; name: string };
let big: { id: string; gid: string }; // 30,000 a month, MANDIRI: first on everything but capacity
let small: { id: string; gid: string }; // 15,000 a month, MADYA
let needGid: string;
let needId: string;

const MATCHES = `query($n: ID!) { matches(needId: $n, first: 10) { nodes { ikm { id } score band factors { factor value detail } gaps { kind message shortfall } } } }`;
const EXPLAIN = `query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { score factors { factor value detail } gaps { kind message shortfall } } }`;

async function stamping(name: string, stage: "MADYA" | "MANDIRI", capacity: number) {
  const ikm = await makeIkm(t.prisma, { name, stage, processes: ["STAMPING"] });
  await t.prisma.capability.updateMany({ where: { ikmId: ikm.id }, data: { monthlyCapacity: capacity } });
  return ikm;
}

const ranking = async () => {
  const r = await t.gql(MATCHES, { n: needGid }, buyer.token);
  expect(r.errors).toBeUndefined();
  return r.data.matches.nodes as Array<{ ikm: { id: string }; score: number; factors: Array<{ factor: string; value: number; detail: string }>; gaps: Array<{ kind: string; message: string }> }>;
};
const capacityOf = (node: { factors: Array<{ factor: string; value: number; detail: string }> }) => node.factors.find((f) => f.factor === "capacity")!;

beforeAll(async () => {
  t = await startTestApp();
  const firm = await makeFirm(t.prisma, "PT Pembeli Rem");
  const other = await makeFirm(t.prisma, "PT Pesaing Rahasia");
  otherFirm = { id: other.id, gid: toGlobalId("Firm", other.id), name: other.name };
  buyer = await t.user("FIRM", { firmId: firm.id });
  admin = (await t.user("ADMIN")).token;
  big = await stamping("CV Besar Stamping", "MANDIRI", 30_000);
  small = await stamping("CV Kecil Stamping", "MADYA", 15_000);
  const need = await t.prisma.componentNeed.create({
    data: {
      firmId: firm.id, title: "Brake bracket", description: "Stamped brake bracket.", processes: ["STAMPING"], materials: ["baja"],
      quantityPerMonth: 12_000, unit: "PCS", startDate: new Date("2027-03-01"), status: "OPEN", publishedAt: new Date(),
    },
  });
  needId = need.id;
  needGid = toGlobalId("ComponentNeed", need.id);
  await t.app.matchIndex.sync(); // rows written directly reach the index through the change feed
});
afterAll(() => t?.stop());

describe("free capacity: one rule for matches, explainMatch and opportunities", () => {
  it("ranks the 30,000-a-month supplier first while nothing is committed", async () => {
    const nodes = await ranking();
    expect(nodes.map((n) => n.ikm.id)).toEqual([big.gid, small.gid]);
    expect(capacityOf(nodes[0]).detail).toBe("30,000 of 12,000 PCS a month");
  });

  it("with 24,000 of its 30,000 committed to another buyer it no longer ranks first, and says how much is committed", async () => {
    const r = await t.gql(
      `mutation($input: PartnershipInput!) { recordPartnership(input: $input) { status } }`,
      { input: { ikmId: big.gid, firmId: otherFirm.gid, component: "Secret part", processes: ["STAMPING"], quantityPerMonth: 24_000, unit: "PCS", startDate: "2027-01-01" } },
      admin,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.recordPartnership.status).toBe("ACTIVE");
    // No sync: the partnership's own write refreshed the index before answering (read-your-writes).
    const nodes = await ranking();
    expect(nodes.map((n) => n.ikm.id)).toEqual([small.gid, big.gid]);
    const bigNode = nodes[1];
    expect(capacityOf(bigNode).detail).toBe("capacity 6,000 free of 30,000 PCS a month; 24,000 committed or reserved; the need asks 12,000");
    expect(capacityOf(bigNode).value).toBe(50);
    expect(bigNode.gaps.find((g) => g.kind === "CAPACITY")?.message).toBe("makes 6,000 of 12,000 PCS a month; 6,000 short (24,000 of its 30,000 committed or reserved elsewhere)");
    // The other buyer stays unnamed.
    expect(JSON.stringify(bigNode)).not.toContain(otherFirm.name);
    expect(JSON.stringify(bigNode)).not.toContain("Secret part");

    const explained = await t.gql(EXPLAIN, { n: needGid, i: big.gid }, buyer.token);
    expect(explained.errors).toBeUndefined();
    expect(explained.data.explainMatch.score).toBe(bigNode.score);
    expect(capacityOf(explained.data.explainMatch).detail).toBe(capacityOf(bigNode).detail);

    const ikmMember = await t.user("IKM", { ikmId: big.id });
    const opp = await t.gql(`query { opportunities(first: 5) { nodes { need { id } score factors { factor detail } } } }`, {}, ikmMember.token);
    expect(opp.errors).toBeUndefined();
    const mine = opp.data.opportunities.nodes.find((n: { need: { id: string } }) => n.need.id === needGid);
    expect(mine.score).toBe(bigNode.score);
    expect(capacityOf(mine).detail).toContain("24,000 committed or reserved");
  });

  it("counts a partnership ending on the start date, and not one ending the day before (direct writes, through the change feed)", async () => {
    await t.prisma.partnership.updateMany({ where: { ikmId: big.id }, data: { endDate: new Date("2027-02-28") } });
    await t.app.matchIndex.sync();
    let nodes = await ranking();
    expect(nodes[0].ikm.id).toBe(big.gid);
    expect(capacityOf(nodes[0]).detail).toBe("30,000 of 12,000 PCS a month");

    await t.prisma.partnership.updateMany({ where: { ikmId: big.id }, data: { endDate: new Date("2027-03-01") } });
    await t.app.matchIndex.sync();
    nodes = await ranking();
    expect(nodes.map((n) => n.ikm.id)).toEqual([small.gid, big.gid]);
    expect(capacityOf(nodes[1]).detail).toContain("24,000 committed or reserved");
  });

  it("a need's own partnership takes nothing from its ranking; a PENDING one takes nothing at all", async () => {
    await t.prisma.partnership.updateMany({ where: { ikmId: big.id }, data: { needId } });
    await t.app.matchIndex.sync();
    expect((await ranking())[0].ikm.id).toBe(big.gid);
    await t.prisma.partnership.updateMany({ where: { ikmId: big.id }, data: { needId: null, status: "PENDING" } });
    await t.app.matchIndex.sync();
    expect((await ranking())[0].ikm.id).toBe(big.gid);
    // Back to ACTIVE for what follows.
    await t.prisma.partnership.updateMany({ where: { ikmId: big.id }, data: { status: "ACTIVE" } });
    await t.app.matchIndex.sync();
    expect((await ranking())[0].ikm.id).toBe(small.gid);
  });
});

describe("a need's critical tolerance and reject-rate limit, through the API", () => {
  const CREATE = `mutation($input: NeedInput!) { createNeed(input: $input) { id toleranceMm toleranceCritical maxRejectPpm } }`;
  const input = (overrides: Record<string, unknown> = {}) => ({
    title: "Brake caliper bracket", description: "Critical brake part.", processes: ["STAMPING"], materials: ["baja"],
    quantityPerMonth: 1000, unit: "PCS", startDate: "2027-03-01", toleranceMm: 0.02, ...overrides,
  });

  it("stores and returns them; defaults are not critical and no limit", async () => {
    const r = await t.gql(CREATE, { input: input({ toleranceCritical: true, maxRejectPpm: 1000 }) }, buyer.token);
    expect(r.errors).toBeUndefined();
    expect(r.data.createNeed).toMatchObject({ toleranceMm: 0.02, toleranceCritical: true, maxRejectPpm: 1000 });
    const plain = await t.gql(CREATE, { input: input() }, buyer.token);
    expect(plain.data.createNeed).toMatchObject({ toleranceCritical: false, maxRejectPpm: null });
  });

  it("refuses a critical tolerance without a tolerance and a negative limit, writing nothing", async () => {
    const before = await t.prisma.componentNeed.count();
    const noTolerance = await t.gql(CREATE, { input: input({ toleranceMm: null, toleranceCritical: true }) }, buyer.token);
    expect(noTolerance.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(noTolerance.errors?.[0].extensions?.fields?.map((f) => f.path)).toEqual(["input.toleranceCritical"]);
    const negative = await t.gql(CREATE, { input: input({ maxRejectPpm: -1 }) }, buyer.token);
    expect(negative.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(negative.errors?.[0].extensions?.fields?.map((f) => f.path)).toEqual(["input.maxRejectPpm"]);
    expect(await t.prisma.componentNeed.count()).toBe(before);
  });

  it("a critical tolerance leaves a looser supplier out (a near miss naming the gap); a reject rate above the limit caps the band", async () => {
    const loose = await stamping("CV Longgar Stamping", "MANDIRI", 20_000);
    await t.prisma.capability.updateMany({ where: { ikmId: loose.id }, data: { toleranceMm: 0.1 } });
    await t.prisma.capability.updateMany({ where: { ikmId: { in: [big.id, small.id] } }, data: { toleranceMm: 0.02 } });
    await t.prisma.deliveryRecord.create({ data: { ikmId: small.id, month: new Date("2026-06-01"), lotsDelivered: 40, lotsOnTime: 40, qtyDelivered: 10_000, qtyRejected: 450 } });
    const row = await t.prisma.componentNeed.create({
      data: {
        firmId: (await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: needId } })).firmId, title: "Brake part", description: "Critical.", processes: ["STAMPING"],
        materials: ["baja"], quantityPerMonth: 1000, unit: "PCS", startDate: new Date("2027-03-01"), status: "OPEN", publishedAt: new Date(),
        toleranceMm: 0.02, toleranceCritical: true, maxRejectPpm: 1000,
      },
    });
    await t.app.matchIndex.sync();
    const gid = toGlobalId("ComponentNeed", row.id);
    const q = `query($n: ID!, $f: MatchFilterInput) { matches(needId: $n, first: 10, filter: $f) { totalCount nodes { ikm { id } band capped gaps { kind hard message } } } }`;
    const eligible = await t.gql(q, { n: gid }, buyer.token);
    expect(eligible.errors).toBeUndefined();
    const ids = eligible.data.matches.nodes.map((n: { ikm: { id: string } }) => n.ikm.id);
    expect(ids).not.toContain(loose.gid);
    const rejects = eligible.data.matches.nodes.find((n: { ikm: { id: string } }) => n.ikm.id === small.gid);
    expect(rejects.capped).toBe(true);
    expect(rejects.band).not.toBe("EXCELLENT");
    expect(rejects.gaps.find((g: { kind: string }) => g.kind === "REJECT_RATE").message).toContain("45,000 ppm");
    const near = await t.gql(q, { n: gid, f: { eligibility: "NEAR_MISS" } }, buyer.token);
    const miss = near.data.matches.nodes.find((n: { ikm: { id: string } }) => n.ikm.id === loose.gid);
    expect(miss.gaps).toEqual([{ kind: "TOLERANCE", hard: true, message: "holds ±0.1 mm; the part needs ±0.02 mm (critical): 0.08 mm too loose" }]);
  });
});

describe("gap paths never propose a machine the IKM owns", () => {
  it("a ±0.1 mm press shop with a power press, for a soft ±0.02 mm need: OWNED_MACHINE, not a press to buy, on gapPaths and on the match list", async () => {
    const shop = await stamping("CV Press Longgar", "MANDIRI", 20_000);
    await t.prisma.capability.updateMany({ where: { ikmId: shop.id }, data: { toleranceMm: 0.1 } });
    await t.prisma.machine.create({ data: { ikmId: shop.id, type: "Power press 110 t", count: 2, cnc: false } });
    const row = await t.prisma.componentNeed.create({
      data: {
        firmId: (await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: needId } })).firmId, title: "Precise bracket", description: "Soft tolerance.",
        processes: ["STAMPING"], materials: ["baja"], quantityPerMonth: 1000, unit: "PCS", startDate: new Date("2027-03-01"), status: "OPEN", publishedAt: new Date(), toleranceMm: 0.02,
      },
    });
    await t.app.matchIndex.sync();
    const gid = toGlobalId("ComponentNeed", row.id);
    const r = await t.gql(`query($n: ID!, $i: ID!) { gapPaths(needId: $n, ikmId: $i) { match { band capped } paths { kind process machine message gap { kind } } } }`, { n: gid, i: shop.gid }, buyer.token);
    expect(r.errors).toBeUndefined();
    expect(r.data.gapPaths.match.capped).toBe(true);
    expect(r.data.gapPaths.paths).toEqual([{
      kind: "OWNED_MACHINE", process: "STAMPING", machine: "Power press 110 t", gap: { kind: "TOLERANCE" },
      message: "owns Power press 110 t for STAMPING already: holding ±0.02 mm is closed by tooling, fixturing, machine condition and measurement (ask the mentoring foundation), not by another machine of the same kind",
    }]);
    const list = await t.gql(`query($n: ID!) { matches(needId: $n, first: 20) { nodes { ikm { id } gapPaths { kind machine } } } }`, { n: gid }, buyer.token);
    expect(list.errors).toBeUndefined();
    const mine = list.data.matches.nodes.find((n: { ikm: { id: string } }) => n.ikm.id === shop.gid);
    expect(mine.gapPaths).toEqual([{ kind: "OWNED_MACHINE", machine: "Power press 110 t" }]);
  });
});

describe("consortia with no proposal says why", () => {
  const CONSORTIA = `query($n: ID!) { consortia(needId: $n) { eligibleSuppliers singleSuppliers { freeCapacity } proposals { covered } reason { kind message } } }`;
  const forgingNeed = async (quantityPerMonth: number) => {
    const row = await t.prisma.componentNeed.create({
      data: {
        firmId: (await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: needId } })).firmId, title: `Forged yoke ${quantityPerMonth}`, description: "Forged.",
        processes: ["FORGING"], materials: [], quantityPerMonth, unit: "PCS", startDate: new Date("2027-03-01"), status: "OPEN", publishedAt: new Date(),
      },
    });
    return toGlobalId("ComponentNeed", row.id);
  };

  it("no cluster: two eligible forges in no common koperasi or sentra", async () => {
    const a = await makeIkm(t.prisma, { processes: ["FORGING"] });
    const b = await makeIkm(t.prisma, { processes: ["FORGING"] });
    await t.prisma.capability.updateMany({ where: { ikmId: { in: [a.id, b.id] } }, data: { monthlyCapacity: 5_000 } });
    await t.app.matchIndex.sync();
    const r = await t.gql(CONSORTIA, { n: await forgingNeed(12_000) }, buyer.token);
    expect(r.errors).toBeUndefined();
    expect(r.data.consortia.proposals).toEqual([]);
    expect(r.data.consortia.reason).toEqual({
      kind: "NO_CLUSTER",
      message: "no koperasi, sentra or foundation has two or more eligible members working FORGING with at least 600 PCS a month free (2 eligible IKMs, 2 with that much free)",
    });

    // In one koperasi, with 4,000 of one forge's 9,000 held by an ACTIVE partnership: 5,000 + 4,000 free of 12,000.
    const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Tempa Uji", regionCode: "33.72" } });
    await t.prisma.koperasiMembership.createMany({ data: [{ koperasiId: koperasi.id, ikmId: a.id }, { koperasiId: koperasi.id, ikmId: b.id }] });
    await t.prisma.capability.updateMany({ where: { ikmId: a.id }, data: { monthlyCapacity: 9_000 } });
    await t.prisma.capability.updateMany({ where: { ikmId: b.id }, data: { monthlyCapacity: 4_000 } });
    await t.prisma.partnership.create({
      data: { firmId: otherFirm.id, ikmId: a.id, component: "Other yoke", processes: ["FORGING"], quantityPerMonth: 4_000, unit: "PCS", startDate: new Date("2027-01-01"), status: "ACTIVE" },
    });
    await t.app.matchIndex.sync();
    const short = await t.gql(CONSORTIA, { n: await forgingNeed(12_000) }, buyer.token);
    expect(short.errors).toBeUndefined();
    expect(short.data.consortia.proposals).toEqual([]);
    expect(short.data.consortia.reason).toEqual({
      kind: "TOO_LITTLE_CAPACITY",
      message: "the eligible members' free capacity adds up to 9,000 of 12,000 PCS a month at most (in the best cluster, up to 6 members, after what their partnerships hold)",
    });
    expect(JSON.stringify(short.data)).not.toContain(otherFirm.name);

    const enough = await t.gql(CONSORTIA, { n: await forgingNeed(9_000) }, buyer.token);
    expect(enough.data.consortia.proposals).toEqual([{ covered: 9_000 }]);
    expect(enough.data.consortia.reason).toBeNull();
  });
});
