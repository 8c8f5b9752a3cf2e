/**
 * Partnerships over HTTP: a firm records what an IKM supplies it, within the capacity the IKM
 * states less its other active partnerships (checked under the IKM's row lock, so concurrent
 * records cannot overbook it), ends them, and allocation and consortia see the capacity taken.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import type { Process } from "../../src/generated/prisma/enums.js";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";

const RECORD = `mutation($input: PartnershipInput!) { recordPartnership(input: $input) {
  id component processes quantityPerMonth unit startDate endDate status createdAt
  firm { id name } ikm { id legalName } need { id title } koperasi { id name } } }`;
const END = `mutation($id: ID!, $on: Date) { endPartnership(id: $id, endDate: $on) { id status endDate startDate } }`;

let t: TestApp;
let firmA: Awaited<ReturnType<typeof makeFirm>>;
let firmB: Awaited<ReturnType<typeof makeFirm>>;
let tokenA: string;
let tokenB: string;
let adminToken: string;

const today = new Date().toISOString().slice(0, 10);
const uuid = (gid: string) => fromGlobalId(gid)!.id;
const paths = (r: { errors?: { extensions?: { fields?: { path: string }[] } }[] }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => f.path).sort();

/** An IKM with 1000 PCS a month in each process. */
const supplier = (processes: Process[] = ["CASTING", "MACHINING_MANUAL"]) => makeIkm(t.prisma, { processes });

const input = (ikmGid: string, overrides: Record<string, unknown> = {}) => ({
  ikmId: ikmGid,
  component: "Brake drum housing",
  processes: ["CASTING"],
  quantityPerMonth: 100,
  unit: "PCS",
  startDate: "2027-01-01",
  ...overrides,
});

async function record(ikmGid: string, overrides: Record<string, unknown> = {}, token = tokenA) {
  const r = await t.gql(RECORD, { input: input(ikmGid, overrides) }, token);
  expect(r.errors).toBeUndefined();
  return r.data.recordPartnership as { id: string; status: string; quantityPerMonth: number };
}

/** A need of `firmId` in `status`, written directly (the lifecycle is needs.test.ts's). */
async function needOf(firmId: string, status: "OPEN" | "AWARDED" | "CLOSED" = "AWARDED") {
  const row = await t.prisma.componentNeed.create({
    data: { firmId, title: `Need ${randomUUID().slice(0, 8)}`, description: "Test need.", processes: ["CASTING"], quantityPerMonth: 100, unit: "PCS", startDate: new Date("2027-01-01"), status },
  });
  return toGlobalId("ComponentNeed", row.id);
}

beforeAll(async () => {
  t = await startTestApp();
  firmA = await makeFirm(t.prisma, "PT Mitra A");
  firmB = await makeFirm(t.prisma, "PT Mitra B");
  tokenA = (await t.user("FIRM", { firmId: firmA.id })).token;
  tokenB = (await t.user("FIRM", { firmId: firmB.id })).token;
  adminToken = (await t.user("ADMIN")).token;
});
afterAll(() => t?.stop());

describe("recording a partnership", () => {
  it("a firm member records one of their firm, for its awarded need and through a koperasi the IKM belongs to", async () => {
    const x = await supplier();
    const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Mitra", regionCode: "33.72" } });
    await t.prisma.koperasiMembership.create({ data: { koperasiId: koperasi.id, ikmId: x.id } });
    const need = await needOf(firmA.id);
    const r = await t.gql(RECORD, {
      input: input(x.gid, { needId: need, koperasiId: toGlobalId("Koperasi", koperasi.id), processes: ["CASTING", "MACHINING_MANUAL"], quantityPerMonth: 250, endDate: "2027-12-31", component: "  Pulley FC200 " }),
    }, tokenA);
    expect(r.errors).toBeUndefined();
    const p = r.data.recordPartnership;
    expect(fromGlobalId(p.id)?.type).toBe("Partnership");
    expect(p).toMatchObject({
      component: "Pulley FC200", processes: ["CASTING", "MACHINING_MANUAL"], quantityPerMonth: 250, unit: "PCS",
      startDate: "2027-01-01", endDate: "2027-12-31", status: "ACTIVE",
      firm: { id: firmA.gid, name: "PT Mitra A" }, ikm: { id: x.gid }, need: { id: need }, koperasi: { name: "Koperasi Mitra" },
    });

    // On both profiles, and by node id.
    const ikmToken = (await t.user("IKM", { ikmId: x.id })).token;
    const onIkm = await t.gql(`query($id: ID!) { ikm(id: $id) { partnerships { id firm { name } need { id } } } }`, { id: x.gid }, ikmToken);
    // The need is AWARDED: no longer published, so the IKM's people do not see it.
    expect(onIkm.data.ikm.partnerships).toEqual([{ id: p.id, firm: { name: "PT Mitra A" }, need: null }]);
    const onFirm = await t.gql(`query($id: ID!) { firm(id: $id) { partnerships { id ikm { id } } } }`, { id: firmA.gid }, tokenA);
    expect(onFirm.data.firm.partnerships.map((q: { id: string }) => q.id)).toContain(p.id);
    const node = await t.gql(`query($id: ID!) { node(id: $id) { id ... on Partnership { quantityPerMonth } } }`, { id: p.id }, tokenA);
    expect(node.data.node).toEqual({ id: p.id, quantityPerMonth: 250 });
  });

  it("shows a firm only its own firm's partnerships with an IKM, and another firm's profile not at all", async () => {
    const x = await supplier();
    const a = await record(x.gid, {}, tokenA);
    const b = await record(x.gid, {}, tokenB);
    const q = `query($id: ID!) { ikm(id: $id) { partnerships { id } } }`;
    expect((await t.gql(q, { id: x.gid }, tokenA)).data.ikm.partnerships).toEqual([{ id: a.id }]);
    expect((await t.gql(q, { id: x.gid }, tokenB)).data.ikm.partnerships).toEqual([{ id: b.id }]);
    const other = await supplier();
    expect((await t.gql(q, { id: other.gid }, tokenA)).data.ikm.partnerships).toEqual([]);
    expect((await t.gql(q, { id: x.gid }, adminToken)).data.ikm.partnerships.map((p: { id: string }) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect((await t.gql(q, { id: x.gid })).data.ikm.partnerships).toBeNull();
    expect((await t.gql(`query($id: ID!) { firm(id: $id) { partnerships { id } } }`, { id: firmA.gid }, tokenB)).data.firm.partnerships).toBeNull();
  });

  it("an administrator names the firm; a firm member may not name another firm", async () => {
    const x = await supplier();
    const noFirm = await t.gql(RECORD, { input: input(x.gid) }, adminToken);
    expect(codes(noFirm)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(noFirm)).toEqual(["input.firmId"]);
    const admin = await t.gql(RECORD, { input: input(x.gid, { firmId: firmB.gid }) }, adminToken);
    expect(admin.data.recordPartnership.firm.id).toBe(firmB.gid);
    const own = await t.gql(RECORD, { input: input(x.gid, { firmId: firmA.gid }) }, tokenA);
    expect(own.data.recordPartnership.firm.id).toBe(firmA.gid);
    expect(codes(await t.gql(RECORD, { input: input(x.gid, { firmId: firmB.gid }) }, tokenA))).toEqual(["FORBIDDEN"]);
  });

  it("refuses invalid input field by field and writes nothing", async () => {
    const x = await supplier();
    const before = await t.prisma.partnership.count();
    const r = await t.gql(RECORD, { input: input(x.gid, { component: " ", processes: [], quantityPerMonth: 0, endDate: "2026-12-31" }) }, tokenA);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(r)).toEqual(["input.component", "input.endDate", "input.processes", "input.quantityPerMonth"]);
    const twice = await t.gql(RECORD, { input: input(x.gid, { processes: ["CASTING", "CASTING"], quantityPerMonth: -5 }) }, tokenA);
    expect(twice.errors![0].extensions!.fields).toEqual([
      { path: "input.processes", message: "list each process once" },
      { path: "input.quantityPerMonth", message: "must be above 0" },
    ]);
    const wrongId = await t.gql(RECORD, { input: input(firmA.gid) }, tokenA);
    expect(codes(wrongId)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(wrongId)).toEqual(["input.ikmId"]);
    expect(await t.prisma.partnership.count()).toBe(before);
  });

  it("needs the firm's own awarded need: another firm's answers like a missing one", async () => {
    const x = await supplier();
    const open = await t.gql(RECORD, { input: input(x.gid, { needId: await needOf(firmA.id, "OPEN") }) }, tokenA);
    expect(codes(open)).toEqual(["BAD_USER_INPUT"]);
    expect(open.errors![0].extensions!.fields).toEqual([{ path: "input.needId", message: "is OPEN, not AWARDED" }]);
    expect(open.errors![0].message).toMatch(/is OPEN: a partnership is recorded for an awarded need/);
    const closed = await t.gql(RECORD, { input: input(x.gid, { needId: await needOf(firmA.id, "CLOSED") }) }, tokenA);
    expect(closed.errors).toBeUndefined();

    const foreign = await t.gql(RECORD, { input: input(x.gid, { needId: await needOf(firmB.id) }) }, tokenA);
    const missing = await t.gql(RECORD, { input: input(x.gid, { needId: toGlobalId("ComponentNeed", randomUUID()) }) }, tokenA);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);
    expect(foreign.errors![0].extensions).toEqual(missing.errors![0].extensions);
  });

  it("needs an IKM that exists, and a koperasi it belongs to", async () => {
    const x = await supplier();
    const noIkm = await t.gql(RECORD, { input: input(toGlobalId("Ikm", randomUUID())) }, tokenA);
    expect(codes(noIkm)).toEqual(["NOT_FOUND"]);
    const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Lain", regionCode: "33.72" } });
    const notMember = await t.gql(RECORD, { input: input(x.gid, { koperasiId: toGlobalId("Koperasi", koperasi.id) }) }, tokenA);
    expect(codes(notMember)).toEqual(["BAD_USER_INPUT"]);
    expect(notMember.errors![0].extensions!.fields).toEqual([{ path: "input.koperasiId", message: "the IKM is not a member" }]);
    expect(codes(await t.gql(RECORD, { input: input(x.gid, { koperasiId: toGlobalId("Koperasi", randomUUID()) }) }, tokenA))).toEqual(["NOT_FOUND"]);
  });

  it("only firm members and administrators record partnerships", async () => {
    const x = await supplier();
    const ikmToken = (await t.user("IKM", { ikmId: x.id })).token;
    expect(codes(await t.gql(RECORD, { input: input(x.gid) }, ikmToken))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(RECORD, { input: input(x.gid) }))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("capacity", () => {
  it("refuses a partnership beyond the IKM's capacity less its other active ones, naming the process and the numbers", async () => {
    const x = await supplier();
    await record(x.gid, { quantityPerMonth: 600 });
    const over = await t.gql(RECORD, { input: input(x.gid, { processes: ["MACHINING_MANUAL", "CASTING"], quantityPerMonth: 500 }) }, tokenB);
    expect(codes(over)).toEqual(["CONFLICT"]);
    expect(over.errors![0].message).toBe(
      `${x.legalName} can make 1000 PCS a month in CASTING; its other active partnerships take 600 (from 2027-01-01), so 500 more would exceed it by 100: at most 400 fit.`,
    );
    expect(over.errors![0].extensions).toMatchObject({ process: "CASTING", capacity: 1000, committed: 600, available: 400 });
    // Exactly what is left fits.
    await record(x.gid, { quantityPerMonth: 400 }, tokenB);
    expect(codes(await t.gql(RECORD, { input: input(x.gid, { quantityPerMonth: 1 }) }, tokenA))).toEqual(["CONFLICT"]);
  });

  it("refuses processes the IKM states no capacity for in that unit", async () => {
    const x = await supplier(["CASTING"]);
    const r = await t.gql(RECORD, { input: input(x.gid, { processes: ["CASTING", "FORGING"] }) }, tokenA);
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0].message).toBe(`${x.legalName} states no monthly capacity in PCS for FORGING (not stated); it cannot take on 100 PCS a month there.`);
    expect(paths(r)).toEqual(["input.processes.1"]);
    const kg = await t.gql(RECORD, { input: input(x.gid, { unit: "KG" }) }, tokenA);
    expect(codes(kg)).toEqual(["CONFLICT"]);
    expect(kg.errors![0].message).toContain("CASTING (stated in PCS, not KG)");
  });

  it("counts only partnerships whose dates overlap, at their busiest", async () => {
    const x = await supplier();
    await record(x.gid, { quantityPerMonth: 600, startDate: "2027-01-01", endDate: "2027-06-30" });
    // After the first ends, the whole capacity is there again.
    await record(x.gid, { quantityPerMonth: 800, startDate: "2027-07-01" });
    // Overlapping both: 600 from May, 800 from July; July is the busiest.
    const r = await t.gql(RECORD, { input: input(x.gid, { quantityPerMonth: 300, startDate: "2027-05-01" }) }, tokenA);
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0].message).toContain("take 800 (from 2027-07-01)");
    // Ending before July it fits beside the first.
    await record(x.gid, { quantityPerMonth: 300, startDate: "2027-05-01", endDate: "2027-06-30" });
  });

  it("an ended partnership frees its capacity", async () => {
    const x = await supplier();
    const p = await record(x.gid, { quantityPerMonth: 1000, startDate: "2026-01-01" });
    expect(codes(await t.gql(RECORD, { input: input(x.gid, { quantityPerMonth: 10 }) }, tokenA))).toEqual(["CONFLICT"]);
    expect((await t.gql(END, { id: p.id }, tokenA)).errors).toBeUndefined();
    await record(x.gid, { quantityPerMonth: 1000 });
  });

  it("of concurrent records for one IKM, only as many commit as fit", async () => {
    for (let round = 0; round < 3; round++) {
      const x = await supplier();
      const answers = await Promise.all(
        [tokenA, tokenB, tokenA, tokenB, tokenA].map((token) => t.gql(RECORD, { input: input(x.gid, { quantityPerMonth: 300 }) }, token)),
      );
      expect(answers.filter((r) => !r.errors).length).toBe(3);
      expect(answers.filter((r) => r.errors).map(codes)).toEqual([["CONFLICT"], ["CONFLICT"]]);
      const rows = await t.prisma.partnership.findMany({ where: { ikmId: x.id, status: "ACTIVE" } });
      expect(rows.reduce((s, p) => s + p.quantityPerMonth, 0)).toBe(900);
    }
    // Two that together exceed the capacity: exactly one commits.
    const y = await supplier();
    const pair = await Promise.all([tokenA, tokenB].map((token) => t.gql(RECORD, { input: input(y.gid, { quantityPerMonth: 600 }) }, token)));
    expect(pair.map((r) => (r.errors ? codes(r)[0] : "ok")).sort()).toEqual(["CONFLICT", "ok"]);
    expect(await t.prisma.partnership.count({ where: { ikmId: y.id } })).toBe(1);
  });
});

describe("ending a partnership", () => {
  it("the owning firm ends it, today by default; it cannot end twice", async () => {
    const x = await supplier();
    const p = await record(x.gid, { startDate: "2026-01-01" });
    const r = await t.gql(END, { id: p.id }, tokenA);
    expect(r.errors).toBeUndefined();
    expect(r.data.endPartnership).toEqual({ id: p.id, status: "ENDED", endDate: today, startDate: "2026-01-01" });
    const again = await t.gql(END, { id: p.id }, tokenA);
    expect(codes(again)).toEqual(["INVALID_TRANSITION"]);
    expect(again.errors![0].message).toBe("This partnership has ENDED already; only an ACTIVE one can end.");
  });

  it("takes a given end date, not before the start nor in the future; one that had not started ends on its start date", async () => {
    const x = await supplier();
    const p = await record(x.gid, { startDate: "2026-01-01" });
    const early = await t.gql(END, { id: p.id, on: "2025-12-31" }, tokenA);
    expect(codes(early)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(early)).toEqual(["endDate"]);
    const future = await t.gql(END, { id: p.id, on: "2099-01-01" }, tokenA);
    expect(codes(future)).toEqual(["BAD_USER_INPUT"]);
    expect(future.errors![0].extensions!.fields).toEqual([{ path: "endDate", message: "must not be in the future" }]);
    expect((await t.gql(END, { id: p.id, on: "2026-06-30" }, tokenA)).data.endPartnership).toMatchObject({ status: "ENDED", endDate: "2026-06-30" });

    const later = await record(x.gid, { startDate: "2027-01-01" });
    expect((await t.gql(END, { id: later.id }, tokenA)).data.endPartnership).toMatchObject({ status: "ENDED", endDate: "2027-01-01" });
  });

  it("another firm's partnership answers like a missing one; an administrator ends any", async () => {
    const x = await supplier();
    const p = await record(x.gid);
    const foreign = await t.gql(END, { id: p.id }, tokenB);
    const missing = await t.gql(END, { id: toGlobalId("Partnership", randomUUID()) }, tokenB);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);
    expect((await t.prisma.partnership.findUniqueOrThrow({ where: { id: uuid(p.id) } })).status).toBe("ACTIVE");
    expect((await t.gql(END, { id: p.id }, adminToken)).data.endPartnership.status).toBe("ENDED");
  });
});

describe("allocation and consortia count what partnerships take", () => {
  it("an IKM's free capacity drops by what a recorded partnership takes, and comes back when it ends", async () => {
    // The only FORGING supplier of this database: the need's candidate.
    const v = await supplier(["FORGING"]);
    await t.app.services.matching.ikmsChanged([v.id]);
    const created = await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, {
      input: needInput({ title: "Forged yoke", processes: ["FORGING"], materials: ["baja"], quantityPerMonth: 500, startDate: "2027-03-01" }),
    }, tokenA);
    const need = created.data.createNeed.id as string;
    expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: need }, tokenA)).errors).toBeUndefined();

    const freeOfV = async () => {
      const r = await t.gql(`query($n: ID!) { allocate(needIds: [$n], method: GREEDY) { loads { ikm { id } process unit free allocated } } }`, { n: need }, tokenA);
      expect(r.errors).toBeUndefined();
      return r.data.allocate.loads.find((l: { ikm: { id: string }; process: string }) => l.ikm.id === v.gid && l.process === "FORGING")?.free as number;
    };
    const single = async () => {
      const r = await t.gql(`query($n: ID!) { consortia(needId: $n) { singleSuppliers { ikm { id } freeCapacity } } }`, { n: need }, tokenA);
      expect(r.errors).toBeUndefined();
      return r.data.consortia.singleSuppliers.find((s: { ikm: { id: string } }) => s.ikm.id === v.gid)?.freeCapacity ?? null;
    };

    expect(await freeOfV()).toBe(1000);
    expect(await single()).toBe(1000);
    const p = await record(v.gid, { processes: ["FORGING"], quantityPerMonth: 300, startDate: "2026-11-01" }, tokenB);
    expect(await freeOfV()).toBe(700);
    expect(await single()).toBe(700);
    // 400 left: no longer enough for the 500 alone.
    await record(v.gid, { processes: ["FORGING"], quantityPerMonth: 300, startDate: "2026-11-01" }, tokenB);
    expect(await freeOfV()).toBe(400);
    expect(await single()).toBeNull();

    expect((await t.gql(END, { id: p.id }, tokenB)).errors).toBeUndefined();
    expect(await freeOfV()).toBe(700);
  });
});

describe("reading partnerships in lists", () => {
  it("batches: the same number of SQL statements for 3 and 12 IKMs and firms", async () => {
    const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Batch", regionCode: "33.72" } });
    for (let i = 0; i < 12; i++) {
      const firm = await makeFirm(t.prisma, `PT Batch Mitra ${String(i).padStart(2, "0")}`);
      const ikm = await makeIkm(t.prisma, { name: `CV Batch Mitra ${String(i).padStart(2, "0")}`, processes: ["CASTING"] });
      await t.prisma.koperasiMembership.create({ data: { koperasiId: koperasi.id, ikmId: ikm.id } });
      const need = uuid(await needOf(firm.id));
      await t.prisma.partnership.create({
        data: { firmId: firm.id, ikmId: ikm.id, needId: need, koperasiId: koperasi.id, component: "Pulley", processes: ["CASTING"], quantityPerMonth: 10, unit: "PCS", startDate: new Date("2026-01-01") },
      });
    }
    const statements = async (query: string, first: number) => {
      t.statements.reset();
      const r = await t.gql(query, { first }, adminToken);
      expect(r.errors).toBeUndefined();
      return { count: t.statements.count, data: r.data };
    };
    const ikms = `query($first: Int) { ikms(first: $first, filter: { search: "Batch Mitra" }) { nodes {
      partnerships { id firm { name } ikm { legalName } need { title } koperasi { name } } } } }`;
    const small = await statements(ikms, 3);
    const large = await statements(ikms, 12);
    expect(large.data.ikms.nodes.every((n: { partnerships: unknown[] }) => n.partnerships.length === 1)).toBe(true);
    expect(large.count).toBe(small.count);

    const firms = `query($first: Int) { firms(first: $first, filter: { search: "Batch Mitra" }) { nodes {
      partnerships { id ikm { partnerships { id } } need { title } } } } }`;
    const smallFirms = await statements(firms, 3);
    const largeFirms = await statements(firms, 12);
    expect(largeFirms.data.firms.nodes.every((n: { partnerships: unknown[] }) => n.partnerships.length === 1)).toBe(true);
    expect(largeFirms.count).toBe(smallFirms.count);
  });
});
