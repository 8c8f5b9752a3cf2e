/**
 * Issue 22 on a real PostgreSQL over HTTP: a required certificate is judged over the need's period,
 * and every query (matches, explainMatch, opportunities, consortia, allocate, gapPaths) gives the
 * same verdict for the same supplier and need. The demo's engine bracket shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../prisma/seed/demo.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { makeFirm, makeIkm } from "../helpers/fixtures.js";

let t: TestApp;
let buyer: string;
let needGid: string;
const ikms: Record<string, { id: string; gid: string; token: string }> = {};

/** name: [ISO 9001 validities, monthly capacity]. The need runs 2027-03-01..2028-02-29 and asks 1,000 a month. */
const PLAN: Record<string, [Array<[string, string | null]>, number]> = {
  lapsing: [[["2024-01-01", "2027-08-31"]], 1000],
  full: [[["2024-01-01", null]], 600],
  renewed: [[["2024-07-01", "2027-06-30"], ["2027-07-01", "2030-06-30"]], 500],
  dayGap: [[["2024-07-01", "2027-06-30"], ["2027-07-02", "2030-07-01"]], 500],
  expired: [[["2024-01-01", "2027-02-28"]], 2000],
};

const FIELDS = "score band capped eligible nearMiss gaps { kind hard subject message } requirements { kind met message }";
type Verdict = { score: number; band: string; capped: boolean; eligible: boolean; nearMiss: boolean; gaps: Array<{ kind: string; hard: boolean; message: string }>; requirements: Array<{ kind: string; met: boolean; message: string }> };

beforeAll(async () => {
  t = await startTestApp();
  const firm = await makeFirm(t.prisma, "PT Pembeli Periode");
  buyer = (await t.user("FIRM", { firmId: firm.id })).token;
  for (const [name, [certs, capacity]] of Object.entries(PLAN)) {
    const ikm = await makeIkm(t.prisma, { name: `CV ${name}`, stage: "MANDIRI", processes: ["STAMPING"] });
    await t.prisma.capability.updateMany({ where: { ikmId: ikm.id }, data: { monthlyCapacity: capacity } });
    await t.prisma.certification.createMany({
      data: certs.map(([from, until], i) => ({ ikmId: ikm.id, type: "ISO_9001" as const, number: `ISO-${name}-${i}`, issuer: "Test body", validFrom: new Date(from), validUntil: until ? new Date(until) : null })),
    });
    ikms[name] = { id: ikm.id, gid: ikm.gid, token: (await t.user("IKM", { ikmId: ikm.id })).token };
  }
  const created = await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id endDate termMonths } }`, {
    input: { title: "Bracket for a year", description: "d", processes: ["STAMPING"], materials: ["baja"], quantityPerMonth: 1000, unit: "PCS",
      startDate: "2027-03-01", endDate: "2028-02-29", requiredCertifications: ["ISO_9001"] },
  }, buyer);
  expect(created.errors).toBeUndefined();
  needGid = created.data.createNeed.id;
  const opened = await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: needGid }, buyer);
  expect(opened.errors).toBeUndefined();
  await t.app.matchIndex.sync();
}, 120_000);
afterAll(() => t?.stop());

async function ranked(eligibility: "ELIGIBLE" | "NEAR_MISS"): Promise<Map<string, Verdict>> {
  const r = await t.gql(`query($n: ID!, $e: Eligibility) { matches(needId: $n, first: 20, filter: { eligibility: $e }) { nodes { ikm { id } ${FIELDS} } } }`, { n: needGid, e: eligibility }, buyer);
  expect(r.errors).toBeUndefined();
  return new Map(r.data.matches.nodes.map(({ ikm, ...verdict }: Verdict & { ikm: { id: string } }) => [ikm.id, verdict]));
}

describe("certificates over the need's period: one verdict in every query", () => {
  it("matches: lapsing inside the period or a day's gap between renewals is a capped candidate; a renewal from the next day is continuous; expired before the start is a near miss", async () => {
    const eligible = await ranked("ELIGIBLE");
    const nearMiss = await ranked("NEAR_MISS");
    expect([...eligible.keys()].sort()).toEqual(["lapsing", "full", "renewed", "dayGap"].map((n) => ikms[n].gid).sort());
    expect([...nearMiss.keys()]).toEqual([ikms.expired.gid]);
    for (const name of ["lapsing", "dayGap"]) {
      const v = eligible.get(ikms[name].gid)!;
      expect(v.capped, name).toBe(true);
      expect(v.band).not.toBe("EXCELLENT");
      expect(v.requirements.find((q) => q.kind === "CERTIFICATION")!.met).toBe(true);
    }
    expect(eligible.get(ikms.lapsing.gid)!.gaps).toContainEqual({ kind: "CERTIFICATION", hard: false, subject: "ISO_9001",
      message: "ISO_9001 ends 2027-08-31, 6 of 12 months before the need ends on 2028-02-29: renew before 2027-08-31; band capped below EXCELLENT" });
    expect(eligible.get(ikms.dayGap.gid)!.gaps.find((g) => g.kind === "CERTIFICATION")!.message).toMatch(/^ISO_9001 ends 2027-06-30, 4 of 12 months/);
    const renew = await t.gql(`{ opportunities(first: 5) { nodes { need { id } gaps { kind hard renewBy } } } }`, {}, ikms.lapsing.token);
    expect(renew.data.opportunities.nodes.find((n: { need: { id: string } }) => n.need.id === needGid).gaps).toEqual([{ kind: "CERTIFICATION", hard: false, renewBy: "2027-08-31" }]);
    for (const name of ["full", "renewed"]) expect(eligible.get(ikms[name].gid)!.gaps.filter((g) => g.kind === "CERTIFICATION"), name).toEqual([]);
    expect(nearMiss.get(ikms.expired.gid)!.gaps).toContainEqual(expect.objectContaining({ kind: "CERTIFICATION", hard: true, message: "ISO_9001 certificate expires on 2027-02-28, before supply starts on 2027-03-01" }));
  });

  it("explainMatch and opportunities give each supplier the same score and gaps as matches", async () => {
    const all = new Map([...(await ranked("ELIGIBLE")), ...(await ranked("NEAR_MISS"))]);
    for (const name of Object.keys(PLAN)) {
      const fromMatches = all.get(ikms[name].gid)!;
      const explained = await t.gql(`query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { ${FIELDS} } }`, { n: needGid, i: ikms[name].gid }, buyer);
      expect(explained.data.explainMatch, name).toEqual(fromMatches);
      const eligibility = fromMatches.eligible ? "ELIGIBLE" : "NEAR_MISS";
      const opp = await t.gql(`query($e: Eligibility) { opportunities(first: 10, eligibility: $e) { nodes { need { id } ${FIELDS} } } }`, { e: eligibility }, ikms[name].token);
      expect(opp.errors).toBeUndefined();
      const mine = opp.data.opportunities.nodes.find((n: { need: { id: string } }) => n.need.id === needGid);
      const { need: _n, ...verdict } = mine;
      expect(verdict, name).toEqual(fromMatches);
    }
  });

  it("consortia, allocate and gapPaths: the same suppliers eligible, the same score, and the renewal named", async () => {
    const eligible = await ranked("ELIGIBLE");
    const consortia = await t.gql(`query($n: ID!) { consortia(needId: $n) { eligibleSuppliers singleSuppliers { ikm { id } freeCapacity } } }`, { n: needGid }, buyer);
    expect(consortia.errors).toBeUndefined();
    expect(consortia.data.consortia.eligibleSuppliers).toBe(4);
    // Only the lapsing supplier has the 1,000 a month alone: still a candidate.
    expect(consortia.data.consortia.singleSuppliers).toEqual([{ ikm: { id: ikms.lapsing.gid }, freeCapacity: 1000 }]);
    const allocation = await t.gql(`query($ids: [ID!]!) { allocate(needIds: $ids, method: GREEDY) { needs { covered assignments { ikm { id } units score } } } }`, { ids: [needGid] }, buyer);
    expect(allocation.errors).toBeUndefined();
    for (const a of allocation.data.allocate.needs[0].assignments) expect(a.score).toBe(eligible.get(a.ikm.id)!.score);
    const paths = await t.gql(`query($n: ID!, $i: ID!) { gapPaths(needId: $n, ikmId: $i) { paths { kind message } } }`, { n: needGid, i: ikms.lapsing.gid }, buyer);
    expect(paths.errors).toBeUndefined();
    expect(paths.data.gapPaths.paths).toContainEqual({ kind: "CERTIFY", message: "renew ISO_9001 before 2027-08-31: a renewal valid from 2027-09-01 at the latest keeps it unbroken to the need's end" });
    const missing = await t.gql(`query($n: ID!, $i: ID!) { gapPaths(needId: $n, ikmId: $i) { paths { kind message } } }`, { n: needGid, i: ikms.expired.gid }, buyer);
    expect(missing.data.gapPaths.paths).toContainEqual({ kind: "CERTIFY", message: "obtain ISO_9001, valid when supply starts" });
  });

  it("follows an edit of the period: a shorter need ending before the certificate does is met in full", async () => {
    const before = (await ranked("ELIGIBLE")).get(ikms.lapsing.gid)!;
    const edited = await t.gql(`mutation($id: ID!) { updateNeed(id: $id, input: { endDate: "2027-08-31" }) { termMonths } }`, { id: needGid }, buyer);
    expect(edited.data.updateNeed.termMonths).toBe(6);
    const after = (await ranked("ELIGIBLE")).get(ikms.lapsing.gid)!;
    expect(before.capped).toBe(true);
    expect(after.capped).toBe(false);
    expect(after.score).toBeGreaterThan(before.score);
    await t.gql(`mutation($id: ID!) { updateNeed(id: $id, input: { endDate: "2028-02-29" }) { termMonths } }`, { id: needGid }, buyer);
  });
});

describe("capacity over the need's period", () => {
  it("counts another buyer's partnership from the month it starts, in matches, explainMatch and opportunities alike, naming neither buyer nor part", async () => {
    const rival = await makeFirm(t.prisma, "PT Pesaing Rahasia");
    const data = { firmId: rival.id, ikmId: ikms.full.id, component: "Secret part", processes: ["STAMPING" as const], quantityPerMonth: 500, unit: "PCS" as const, status: "ACTIVE" as const };
    // One starting the day after the need ends holds nothing; one starting in June holds 500 from then.
    await t.prisma.partnership.create({ data: { ...data, startDate: new Date("2028-03-01") } });
    await t.prisma.partnership.create({ data: { ...data, startDate: new Date("2027-06-01"), endDate: new Date("2027-12-31") } });
    await t.app.matchIndex.sync();
    const fromMatches = (await ranked("ELIGIBLE")).get(ikms.full.gid)!;
    const expected = "makes 100 of 1,000 PCS a month; 900 short (500 of its 600 committed or reserved elsewhere from 2027-06-01, the busiest part of the need's period)";
    expect(fromMatches.gaps).toContainEqual({ kind: "CAPACITY", hard: false, subject: "1000 PCS/month", message: expected });
    const explained = await t.gql(`query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { ${FIELDS} factors { detail } } }`, { n: needGid, i: ikms.full.gid }, buyer);
    const { factors, ...verdict } = explained.data.explainMatch;
    expect(verdict).toEqual(fromMatches);
    const opp = await t.gql(`{ opportunities(first: 10) { nodes { need { id } ${FIELDS} } } }`, {}, ikms.full.token);
    const { need: _n, ...mine } = opp.data.opportunities.nodes.find((n: { need: { id: string } }) => n.need.id === needGid);
    expect(mine).toEqual(fromMatches);
    const words = JSON.stringify([factors, verdict]);
    expect(words).not.toContain("Pesaing");
    expect(words).not.toContain("Secret part");
    const consortia = await t.gql(`query($n: ID!) { consortia(needId: $n) { singleSuppliers { ikm { id } } proposals { members { ikm { id } freeCapacity } } } }`, { n: needGid }, buyer);
    expect(consortia.errors).toBeUndefined();
  });
});

describe("the demo's engine bracket", () => {
  it("ranks the supplier certified throughout first, and says the nearer one's ISO 9001 lapses mid-period", async () => {
    const demo = await startTestApp();
    try {
      await seedDemo(demo.prisma);
      const login = await demo.gql(`mutation { login(email: "pengadaan@nusantara-motor.demo", password: "${DEMO_PASSWORD}") { token } }`);
      const token = login.data.login.token;
      const needs = await demo.gql(`{ needs(filter: { statuses: [OPEN] }) { nodes { id title termMonths } } }`, {}, token);
      const bracket = needs.data.needs.nodes.find((n: { title: string }) => n.title === "Engine mounting bracket");
      expect(bracket.termMonths).toBe(12);
      const m = await demo.gql(`query($n: ID!) { matches(needId: $n, first: 5) { nodes { ikm { legalName } band capped gaps { kind message } } } }`, { n: bracket.id }, token);
      const [first, second] = m.data.matches.nodes;
      expect(first).toMatchObject({ ikm: { legalName: "CV Mitra Press Palur" }, band: "EXCELLENT", capped: false });
      expect(second).toMatchObject({ ikm: { legalName: "CV Baja Sentosa Jaten" }, band: "GOOD", capped: true });
      expect(second.gaps[0].message).toMatch(/^ISO_9001 ends \d{4}-\d{2}-\d{2}, 6 of 12 months before the need ends on \d{4}-\d{2}-\d{2}: renew before/);
    } finally {
      await demo.stop();
    }
  }, 120_000);
});
