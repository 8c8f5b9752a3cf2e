/**
 * Joint supply, allocation and gap paths (issue 7) over HTTP on the demo data: the Ceper casting
 * koperasi covers the cylinder-sleeve need no single member can, allocation never commits an IKM
 * beyond its capacity less its partnerships, and gap paths point to the koperasi's shared facility
 * and the machine-restructuring refund. A koperasi's manager gets the same consortia drawn from its
 * own members only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../prisma/seed/demo.js";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { MACHINE_RESTRUCTURING } from "../../src/core/supply/config.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";

let t: TestApp;
let pki: string; // PT Presisi Komponen Indonesia: owns the cylinder-sleeve need
let nmm: string; // PT Nusantara Motor Manufacturing
let admin: string;
let sri: string; // Bu Sri, UD Cor Logam Batur (a Ceper member)
let wiryo: string; // Pak Wiryo, manager of Koperasi Batur Jaya
let sleeve: string; // global id of "Cylinder sleeve FC250"
let pkiFirmId: string;

const login = async (email: string) => (await t.gql(`mutation { login(email: "${email}", password: "${DEMO_PASSWORD}") { token } }`)).data.login.token as string;
const uuid = (gid: string) => fromGlobalId(gid)!.id;
const ikmNamed = async (name: string) => (await t.prisma.ikm.findFirstOrThrow({ where: { legalName: name } })).id;

/** Monthly casting capacity left to each IKM: its capability less active partnerships (what the API must respect). */
async function freeCasting(): Promise<Map<string, number>> {
  const caps = await t.prisma.capability.findMany({ where: { process: "CASTING", capacityUnit: "PCS" } });
  const partnerships = await t.prisma.partnership.findMany({ where: { status: "ACTIVE", processes: { has: "CASTING" }, unit: "PCS" } });
  const free = new Map(caps.map((c) => [c.ikmId, c.monthlyCapacity]));
  for (const p of partnerships) free.set(p.ikmId, (free.get(p.ikmId) ?? 0) - p.quantityPerMonth);
  return free;
}

async function openNeed(firmId: string, data: { title: string; processes: any[]; quantityPerMonth: number; minimumStage?: any; requiredCertifications?: any[]; materials?: string[] }) {
  const need = await t.prisma.componentNeed.create({
    data: {
      firmId, description: "Test need.", materials: data.materials ?? ["besi cor fc250"], unit: "PCS", startDate: new Date(Date.now() + 60 * 86_400_000),
      status: "OPEN", publishedAt: new Date(), toleranceMm: 0.8, preferredRegionCode: "33", ...data,
    },
  });
  return toGlobalId("ComponentNeed", need.id);
}

const CONSORTIA = `query($n: ID!) { consortia(needId: $n) {
  need { title quantityPerMonth } eligibleSuppliers singleSuppliers { ikm { legalName } freeCapacity }
  proposals { cluster { kind name koperasi { name offtaker } sentra { name } } koperasiLed covered combinedScore rank optimal
    members { ikm { id legalName } share score freeCapacity } weakest { ikm { legalName } score } coordination { members spreadKm cost } } } }`;

beforeAll(async () => {
  t = await startTestApp();
  expect((await seedDemo(t.prisma)).created).toBe(true);
  await t.app.matchIndex.sync(); // the seed was written after the index loaded
  [pki, nmm, admin, sri, wiryo] = await Promise.all([
    login("sourcing@presisi-komponen.demo"), login("pengadaan@nusantara-motor.demo"), login("admin@jalin.demo"), login("pemilik@cor-batur.demo"),
    login("pengurus@batur-jaya.demo"),
  ]);
  const need = await t.prisma.componentNeed.findFirstOrThrow({ where: { title: "Cylinder sleeve FC250" } });
  sleeve = toGlobalId("ComponentNeed", need.id);
  pkiFirmId = need.firmId;
});
afterAll(() => t?.stop());

describe("consortia: the Ceper koperasi covers 200 cylinder sleeves a month", () => {
  it("proposes Koperasi Batur Jaya's members when no eligible IKM has the free capacity alone", async () => {
    const r = await t.gql(CONSORTIA, { n: sleeve }, pki);
    expect(r.errors).toBeUndefined();
    const c = r.data.consortia;
    expect(c.need).toEqual({ title: "Cylinder sleeve FC250", quantityPerMonth: 200 });
    expect(c.singleSuppliers).toEqual([]);
    const best = c.proposals[0];
    expect(best.cluster).toMatchObject({ kind: "KOPERASI", name: "Koperasi Batur Jaya", koperasi: { name: "Koperasi Batur Jaya", offtaker: true }, sentra: null });
    expect(best.koperasiLed).toBe(true);
    expect(best.optimal).toBe(true);
    // The sentra's best set is the same IKMs: proposed once, under the koperasi.
    const sets = c.proposals.map((p: any) => p.members.map((m: any) => m.ikm.id).sort().join());
    expect(new Set(sets).size).toBe(sets.length);

    const members = await t.prisma.koperasiMembership.findMany({ where: { koperasi: { name: "Koperasi Batur Jaya" } } });
    const memberIds = new Set(members.map((m) => m.ikmId));
    const free = await freeCasting();
    expect(best.members.length).toBeGreaterThanOrEqual(2);
    expect(best.members.reduce((s: number, m: any) => s + m.share, 0)).toBe(200);
    expect(best.covered).toBe(200);
    for (const m of best.members) {
      const id = uuid(m.ikm.id);
      expect(memberIds.has(id), m.ikm.legalName).toBe(true);
      expect(m.freeCapacity).toBe(Math.min(200, free.get(id)!));
      expect(m.share).toBeLessThanOrEqual(m.freeCapacity);
      expect(free.get(id)!, "no member covers it alone").toBeLessThan(200);
      // Each member is eligible for the need on its own.
      const e = await t.gql(`query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { eligible } }`, { n: sleeve, i: m.ikm.id }, pki);
      expect(e.data.explainMatch.eligible, m.ikm.legalName).toBe(true);
    }
    const weighted = best.members.reduce((s: number, m: any) => s + m.share * m.score, 0) / 200;
    expect(best.combinedScore).toBeCloseTo(weighted, 6);
    expect(best.weakest.score).toBe(Math.min(...best.members.map((m: any) => m.score)));
    expect(best.coordination.members).toBe(best.members.length);
    expect(best.rank).toBeCloseTo(best.combinedScore - best.coordination.cost, 6);
    for (let i = 1; i < c.proposals.length; i++) expect(c.proposals[i - 1].rank).toBeGreaterThanOrEqual(c.proposals[i].rank);
  });

  it("counts partnerships: the Solo foundry's brake-drum contract leaves it 120 of its 3,000 castings; once the contract ends it covers the need alone", async () => {
    const jebres = await ikmNamed("UD Logam Mulya Jebres");
    const contract = await t.prisma.partnership.findFirstOrThrow({ where: { ikmId: jebres, status: "ACTIVE" } });
    try {
      await t.prisma.partnership.update({ where: { id: contract.id }, data: { status: "ENDED", endDate: new Date() } });
      const after = (await t.gql(CONSORTIA, { n: sleeve }, pki)).data.consortia;
      expect(after.singleSuppliers).toEqual([{ ikm: { legalName: "UD Logam Mulya Jebres" }, freeCapacity: 3000 }]);
      expect(after.proposals).toEqual([]);
    } finally {
      await t.prisma.partnership.update({ where: { id: contract.id }, data: { status: "ACTIVE", endDate: null } });
    }
  });

  it("answers a need nobody is eligible for with no proposals and no single supplier", async () => {
    const n = await openNeed(pkiFirmId, { title: "Forged crankshaft", processes: ["FORGING"], quantityPerMonth: 500, requiredCertifications: ["IATF_16949"] });
    const c = (await t.gql(CONSORTIA, { n }, pki)).data.consortia;
    expect(c).toMatchObject({ eligibleSuppliers: 0, singleSuppliers: [], proposals: [] });
  });

  it("refuses another firm's need like a missing one, and IKMs", async () => {
    const foreign = await t.gql(CONSORTIA, { n: sleeve }, nmm);
    const missing = await t.gql(CONSORTIA, { n: toGlobalId("ComponentNeed", "00000000-0000-4000-8000-000000000000") }, nmm);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);
    expect(codes(await t.gql(CONSORTIA, { n: sleeve }, sri))).toEqual(["FORBIDDEN"]);
    // An awarded need has its suppliers: no consortia.
    const awarded = toGlobalId("ComponentNeed", (await t.prisma.componentNeed.findFirstOrThrow({ where: { title: "Welded seat frame" } })).id);
    const r = await t.gql(CONSORTIA, { n: awarded }, pki);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].message).toContain("AWARDED");
  });
});

describe("consortia for a koperasi's manager: its own members only", () => {
  const baturMembers = async () =>
    new Set((await t.prisma.koperasiMembership.findMany({ where: { koperasi: { name: "Koperasi Batur Jaya" } } })).map((m) => toGlobalId("Ikm", m.ikmId)));
  const setOf = (p: any) => p.members.map((m: any) => `${m.ikm.id}:${m.share}`).join();

  it("proposes Batur Jaya's members with the shares and scores the buyer sees for the koperasi, and counts nobody else", async () => {
    const r = await t.gql(CONSORTIA, { n: sleeve }, wiryo);
    expect(r.errors).toBeUndefined();
    const mine = r.data.consortia;
    const members = await baturMembers();
    expect(mine.proposals.length).toBe(1);
    const [p] = mine.proposals;
    expect(p.cluster).toMatchObject({ kind: "KOPERASI", name: "Koperasi Batur Jaya" });
    expect(p.koperasiLed).toBe(true);
    for (const m of p.members) expect(members.has(m.ikm.id), m.ikm.legalName).toBe(true);
    // The buyer's proposal under the same koperasi is the same set, shares and scores.
    const buyers = (await t.gql(CONSORTIA, { n: sleeve }, pki)).data.consortia;
    const same = buyers.proposals.find((b: any) => b.cluster.kind === "KOPERASI" && b.cluster.name === "Koperasi Batur Jaya");
    expect(same).toBeDefined();
    expect(setOf(p)).toBe(setOf(same));
    expect(p.combinedScore).toBeCloseTo(same.combinedScore, 9);
    // Counted over the members only: the eligible Ceper members, not the other eligible foundries.
    const eligibleMembers = await Promise.all([...members].map(async (i) =>
      (await t.gql(`query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { eligible } }`, { n: sleeve, i }, pki)).data.explainMatch.eligible));
    expect(mine.eligibleSuppliers).toBe(eligibleMembers.filter(Boolean).length);
    expect(mine.eligibleSuppliers).toBeLessThan(buyers.eligibleSuppliers);
  });

  it("says why there is none in its own members' terms, and never shows another koperasi's members", async () => {
    // A second koperasi with one member of Batur Jaya's proposal (eligible, also in Batur Jaya) and one IKM that does not cast.
    const proposed = (await t.gql(CONSORTIA, { n: sleeve }, wiryo)).data.consortia.proposals[0].members[0].ikm.id;
    const ceper = { ikmId: uuid(proposed) };
    const other = await t.prisma.koperasi.create({ data: { name: "Koperasi Lain Klaten", regionCode: "33.10" } });
    const stranger = await t.prisma.ikm.findFirstOrThrow({ where: { capabilities: { none: { process: "CASTING" } } } });
    await t.prisma.koperasiMembership.createMany({ data: [{ koperasiId: other.id, ikmId: ceper.ikmId }, { koperasiId: other.id, ikmId: stranger.id }] });
    await t.app.services.matching.ikmsChanged([ceper.ikmId, stranger.id]);
    await t.app.matchIndex.sync();
    try {
      const manager = (await t.user("KOPERASI", { koperasiId: other.id })).token;
      const r = await t.gql(`query($n: ID!) { consortia(needId: $n) { eligibleSuppliers singleSuppliers { freeCapacity } proposals { rank } reason { kind message } } }`, { n: sleeve }, manager);
      expect(r.errors).toBeUndefined();
      expect(r.data.consortia).toMatchObject({ eligibleSuppliers: 1, singleSuppliers: [], proposals: [], reason: { kind: "NO_CLUSTER" } });
      // Batur Jaya's own answer is unchanged by its member being in another koperasi too.
      const batur = (await t.gql(CONSORTIA, { n: sleeve }, wiryo)).data.consortia;
      expect(batur.proposals.map((p: any) => p.cluster.name)).toEqual(["Koperasi Batur Jaya"]);
    } finally {
      await t.prisma.koperasiMembership.deleteMany({ where: { koperasiId: other.id } });
      await t.prisma.koperasi.delete({ where: { id: other.id } });
      await t.app.services.matching.ikmsChanged([ceper.ikmId, stranger.id]);
      await t.app.matchIndex.sync();
    }
  });

  it("answers a need it cannot see (draft, awarded) like a missing one, and still may not allocate", async () => {
    const missing = await t.gql(CONSORTIA, { n: toGlobalId("ComponentNeed", "00000000-0000-4000-8000-000000000000") }, wiryo);
    expect(codes(missing)).toEqual(["NOT_FOUND"]);
    const draft = await t.prisma.componentNeed.create({
      data: { firmId: pkiFirmId, title: "Draft sleeve", description: "Test need.", processes: ["CASTING"], materials: ["besi cor fc250"], quantityPerMonth: 200, unit: "PCS", startDate: new Date(Date.now() + 60 * 86_400_000) },
    });
    const awarded = await t.prisma.componentNeed.findFirstOrThrow({ where: { title: "Welded seat frame" } });
    for (const id of [draft.id, awarded.id]) {
      const r = await t.gql(CONSORTIA, { n: toGlobalId("ComponentNeed", id) }, wiryo);
      expect(codes(r)).toEqual(["NOT_FOUND"]);
      expect(r.errors![0].message.replace(id, "<id>")).toBe(missing.errors![0].message.replace("00000000-0000-4000-8000-000000000000", "<id>"));
    }
    expect(codes(await t.gql(`query($ids: [ID!]!) { allocate(needIds: $ids) { coverage } }`, { ids: [sleeve] }, wiryo))).toEqual(["FORBIDDEN"]);
  });
});

const ALLOCATE = `query($ids: [ID!]!, $m: AllocationMethod) { allocate(needIds: $ids, method: $m) {
  method status provenOptimal unsolvedGroups objective totalScore coverage
  needs { need { id title } quantity unit covered uncovered scoreCoverage eligibleIkms candidates
    cluster { kind name } assignments { ikm { id legalName } units score } shortfalls { reason units message needs { title } } }
  loads { ikm { id } process unit free allocated } } }`;

describe("allocate: several needs within the IKMs' free capacity", () => {
  it("gives the cylinder sleeves to a Batur Jaya consortium with the optimal method", async () => {
    const r = await t.gql(ALLOCATE, { ids: [sleeve] }, pki);
    expect(r.errors).toBeUndefined();
    const a = r.data.allocate;
    expect(a).toMatchObject({ method: "OPTIMAL", status: "Optimal", provenOptimal: true, unsolvedGroups: 0 });
    const [n] = a.needs;
    expect(n).toMatchObject({ quantity: 200, unit: "PCS", covered: 200, uncovered: 0, shortfalls: [], cluster: { kind: "KOPERASI", name: "Koperasi Batur Jaya" } });
    expect(n.assignments.length).toBeGreaterThanOrEqual(2);
    expect(a.coverage).toBe(1);
  });

  it("never commits an IKM beyond its capacity less partnerships, across needs that compete for the same furnaces, and says why units stay uncovered", async () => {
    const free = await freeCasting();
    const a1 = await openNeed(pkiFirmId, { title: "Brake drum FC250", processes: ["CASTING"], quantityPerMonth: 600 });
    const a2 = await openNeed(pkiFirmId, { title: "Flywheel housing FC250", processes: ["CASTING"], quantityPerMonth: 600 });
    for (const method of ["OPTIMAL", "GREEDY"]) {
      const r = await t.gql(ALLOCATE, { ids: [sleeve, a1, a2], m: method }, pki);
      expect(r.errors, method).toBeUndefined();
      const a = r.data.allocate;
      expect(a.method).toBe(method);
      expect(a.needs.map((n: any) => n.need.title)).toEqual(["Cylinder sleeve FC250", "Brake drum FC250", "Flywheel housing FC250"]);
      const used = new Map<string, number>();
      for (const n of a.needs) {
        expect(n.covered + n.uncovered).toBe(n.quantity);
        expect(n.assignments.reduce((s: number, x: any) => s + x.units, 0)).toBe(n.covered);
        expect(n.shortfalls.reduce((s: number, x: any) => s + x.units, 0)).toBe(n.uncovered);
        for (const x of n.assignments) used.set(uuid(x.ikm.id), (used.get(uuid(x.ikm.id)) ?? 0) + x.units);
      }
      for (const [ikm, units] of used) expect(units, `${method}: ${ikm}`).toBeLessThanOrEqual(free.get(ikm)!);
      for (const l of a.loads) {
        expect(l.allocated).toBeLessThanOrEqual(l.free);
        if (l.process === "CASTING") expect(l.free).toBe(free.get(uuid(l.ikm.id)));
      }
      // Demand exceeds supply, so the member supplying pulleys through the koperasi is used too, with only what is left (70 - 30).
      const mekar = await ikmNamed("CV Mekar Cor Ceper");
      if (method === "OPTIMAL") expect(a.loads.find((l: any) => uuid(l.ikm.id) === mekar)).toMatchObject({ process: "CASTING", free: 40, allocated: 40 });
      // 1,400 castings asked; every casting IKM together has less free (about 1,230 after partnerships).
      const uncovered = a.needs.reduce((s: number, n: any) => s + n.uncovered, 0);
      const totalFree = [...free.values()].reduce((s, x) => s + Math.max(0, x), 0);
      expect(totalFree).toBeLessThan(1400);
      expect(uncovered, method).toBeGreaterThanOrEqual(1400 - totalFree);
      for (const n of a.needs) for (const s of n.shortfalls) expect(s.message.length).toBeGreaterThan(10);
    }
    const optimal = (await t.gql(ALLOCATE, { ids: [sleeve, a1, a2] }, pki)).data.allocate;
    const greedy = (await t.gql(ALLOCATE, { ids: [sleeve, a1, a2], m: "GREEDY" }, pki)).data.allocate;
    expect(optimal.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-6);
    expect(greedy.provenOptimal).toBe(false);
    // Every uncovered unit has a reason: with all casting capacity taken it is short, or taken by the other needs named.
    for (const n of optimal.needs) {
      for (const sf of n.shortfalls) {
        expect(["CAPACITY_SHORT", "TAKEN_BY_OTHER_NEEDS", "CONSORTIUM_RULES", "LEFT_UNALLOCATED"]).toContain(sf.reason);
        if (sf.reason === "TAKEN_BY_OTHER_NEEDS") {
          expect(sf.needs.length).toBeGreaterThan(0);
          expect(sf.needs.map((x: any) => x.title)).not.toContain(n.need.title);
        }
      }
    }
  });

  it("lets an administrator allocate across firms, and says NO_ELIGIBLE_IKM for a need nobody qualifies for", async () => {
    const bracket = toGlobalId("ComponentNeed", (await t.prisma.componentNeed.findFirstOrThrow({ where: { title: "Engine mounting bracket" } })).id);
    const forged = await openNeed(pkiFirmId, { title: "Forged yoke", processes: ["FORGING"], quantityPerMonth: 300, requiredCertifications: ["IATF_16949"] });
    const r = await t.gql(ALLOCATE, { ids: [bracket, sleeve, forged] }, admin);
    expect(r.errors).toBeUndefined();
    const [b, s, f] = r.data.allocate.needs;
    expect(b).toMatchObject({ covered: 12000, cluster: null });
    expect(b.assignments).toHaveLength(1);
    expect(s.covered).toBe(200);
    expect(f).toMatchObject({ covered: 0, uncovered: 300, eligibleIkms: 0, assignments: [] });
    expect(f.shortfalls.map((x: any) => [x.reason, x.units])).toEqual([["NO_ELIGIBLE_IKM", 300]]);
    // The firm may not allocate another firm's need: it answers like a missing one.
    const foreign = await t.gql(ALLOCATE, { ids: [sleeve, bracket] }, pki);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
  });

  it("refuses bad requests with a code and a message a person can act on", async () => {
    const awarded = toGlobalId("ComponentNeed", (await t.prisma.componentNeed.findFirstOrThrow({ where: { title: "Welded seat frame" } })).id);
    const cases: Array<[unknown[], string]> = [
      [[], "between 1 and 50"],
      [[sleeve, sleeve], "named once"],
      [Array.from({ length: 51 }, () => sleeve), "between 1 and 50"],
      [[awarded], "AWARDED"],
      [[toGlobalId("Ikm", "00000000-0000-4000-8000-000000000000")], "needIds.0 must be the id of a ComponentNeed"],
    ];
    for (const [ids, text] of cases) {
      const r = await t.gql(ALLOCATE, { ids }, pki);
      expect(codes(r), text).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors![0].message).toContain(text);
    }
  });
});

const PATHS = `query($n: ID!, $i: ID!, $p: [MachinePriceInput!], $r: Float) { gapPaths(needId: $n, ikmId: $i, machinePrices: $p, alreadyReimbursedIdr: $r) {
  match { eligible nearMiss gaps { kind subject hard } }
  paths { kind message process machine priceIdr origin gap { kind subject }
    restructuring { discountRate reimbursementIdr netCostIdr capped belowMinimum paidAfterVerification source asOf }
    financing { name rateMinPct rateMaxPct source asOf }
    facility { name processes monthlyCapacity capacityUnit cluster { kind name koperasi { name } } } source asOf } } }`;

describe("gap paths: what closes a near-miss and what helps pay for it", () => {
  let machined: string;
  let batur: string;
  beforeAll(async () => {
    machined = await openNeed(pkiFirmId, { title: "Cylinder sleeve, finish-machined", processes: ["CASTING", "MACHINING_CNC"], quantityPerMonth: 100 });
    batur = toGlobalId("Ikm", await ikmNamed("UD Cor Logam Batur"));
  });

  it("points a Ceper member without a CNC lathe to the koperasi's shared facility first (reachable, not its own), then the machine", async () => {
    const r = await t.gql(PATHS, { n: machined, i: batur }, sri);
    expect(r.errors).toBeUndefined();
    const g = r.data.gapPaths;
    expect(g.match).toMatchObject({ eligible: false, nearMiss: true });
    const cnc = g.paths.filter((p: any) => p.gap.kind === "PROCESS" && p.gap.subject === "MACHINING_CNC");
    expect(cnc.map((p: any) => p.kind)).toEqual(["SHARED_FACILITY", "MACHINE"]);
    expect(cnc[0].facility).toEqual({
      name: "Rumah Produksi Bersama Batur Jaya", processes: ["MACHINING_CNC", "HEAT_TREATMENT"], monthlyCapacity: 600, capacityUnit: "PCS",
      cluster: { kind: "KOPERASI", name: "Koperasi Batur Jaya", koperasi: { name: "Koperasi Batur Jaya" } },
    });
    expect(cnc[0].message).toContain("not the IKM's own");
    expect(cnc[0].source).toMatch(/factory sharing/i);
    expect(cnc[1]).toMatchObject({ process: "MACHINING_CNC", machine: expect.stringContaining("CNC"), priceIdr: null, restructuring: null, financing: null });
  });

  it("prices the machine: restructuring refund by origin within the per-company cap, net cost, and the KUR band for it, each figure with its source and date", async () => {
    const ask = async (priceIdr: number, origin: string, already?: number) => {
      const r = await t.gql(PATHS, { n: machined, i: batur, p: [{ process: "MACHINING_CNC", priceIdr, origin }], r: already }, sri);
      expect(r.errors).toBeUndefined();
      return r.data.gapPaths.paths.find((p: any) => p.kind === "MACHINE");
    };
    const imported = await ask(450_000_000, "IMPORTED");
    expect(imported.restructuring).toMatchObject({ discountRate: 0.25, reimbursementIdr: 112_500_000, netCostIdr: 337_500_000, capped: false, belowMinimum: false, paidAfterVerification: true, asOf: MACHINE_RESTRUCTURING.asOf });
    expect(imported.financing).toMatchObject({ name: "SMALL", rateMinPct: 6, rateMaxPct: 9, asOf: "2023" });
    expect(imported.message).toContain("337,500,000");
    const capped = await ask(450_000_000, "IMPORTED", 250_000_000);
    expect(capped.restructuring).toMatchObject({ reimbursementIdr: 50_000_000, netCostIdr: 400_000_000, capped: true });
    const domestic = await ask(30_000_000, "DOMESTIC");
    expect(domestic.restructuring).toMatchObject({ discountRate: 0.3, reimbursementIdr: 9_000_000, netCostIdr: 21_000_000 });
    expect(domestic.financing.name).toBe("MICRO");
    const small = await ask(10_000_000, "DOMESTIC");
    expect(small.restructuring).toMatchObject({ reimbursementIdr: 0, belowMinimum: true, netCostIdr: 10_000_000 });
    expect(small.financing.name).toBe("SUPER_MICRO");
  });

  it("lists the same paths on near-miss opportunities, in a constant number of SQL statements", async () => {
    const query = `{ opportunities(eligibility: NEAR_MISS, first: 20) { nodes { need { title } gapPaths { kind facility { name cluster { name } } } } } }`;
    t.statements.reset();
    const r = await t.gql(query, {}, sri);
    const statements = t.statements.count;
    expect(r.errors).toBeUndefined();
    const nodes = r.data.opportunities.nodes;
    const forMachined = nodes.find((n: any) => n.need.title === "Cylinder sleeve, finish-machined");
    expect(forMachined.gapPaths[0]).toEqual({ kind: "SHARED_FACILITY", facility: { name: "Rumah Produksi Bersama Batur Jaya", cluster: { name: "Koperasi Batur Jaya" } } });
    // More needs add nodes, not statements: facilities, needs and clusters load in batches.
    for (const title of ["Cylinder liner, CNC-bored", "Brake disc hub, machined", "Pulley, CNC-turned"]) {
      await openNeed(pkiFirmId, { title, processes: ["CASTING", "MACHINING_CNC"], quantityPerMonth: 80 });
    }
    t.statements.reset();
    const again = await t.gql(query, {}, sri);
    expect(again.data.opportunities.nodes.length).toBe(nodes.length + 3);
    expect(again.data.opportunities.nodes.every((n: any) => n.gapPaths[0].kind === "SHARED_FACILITY")).toBe(true);
    expect(t.statements.count).toBe(statements);
  });

  it("refuses bad prices with the field to fix", async () => {
    const r = await t.gql(PATHS, { n: machined, i: batur, p: [{ process: "MACHINING_CNC", priceIdr: 1, origin: "DOMESTIC" }, { process: "MACHINING_CNC", priceIdr: -5, origin: "DOMESTIC" }] }, sri);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    const fields = r.errors![0].extensions!.fields!.map((f) => f.path);
    expect(fields).toEqual(expect.arrayContaining(["machinePrices.1.priceIdr", "machinePrices.1.process"]));
  });
});
