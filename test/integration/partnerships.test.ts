/**
 * Partnerships over HTTP: a firm proposes what an IKM supplies it (PENDING), the IKM accepts it
 * (ACTIVE) or declines it, within the capacity the IKM states less its other active partnerships
 * (checked under the IKM's row lock, so concurrent records and accepts cannot overbook it); either
 * side ends them, and allocation and consortia see the capacity taken by ACTIVE ones only.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import type { Process } from "../../src/domain/enums.js";
import { makeFirm, makeFoundation, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";

const RECORD = `mutation($input: PartnershipInput!) { recordPartnership(input: $input) {
  id component processes quantityPerMonth unit startDate endDate status createdAt
  firm { id name } ikm { id legalName } need { id title } koperasi { id name } } }`;
const END = `mutation($id: ID!, $on: Date) { endPartnership(id: $id, endDate: $on) { id status endDate startDate } }`;
const ACCEPT = `mutation($id: ID!) { acceptPartnership(id: $id) { id status quantityPerMonth firm { id } } }`;

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

/** A firm's proposal: PENDING until the IKM accepts it. */
async function record(ikmGid: string, overrides: Record<string, unknown> = {}, token = tokenA) {
  const r = await t.gql(RECORD, { input: input(ikmGid, overrides) }, token);
  expect(r.errors).toBeUndefined();
  expect(r.data.recordPartnership.status).toBe("PENDING");
  return r.data.recordPartnership as { id: string; status: string; quantityPerMonth: number };
}

const ikmTokens = new Map<string, string>();
/** A member of the IKM (one per IKM, made on first use). */
async function ikmToken(ikmGid: string) {
  let token = ikmTokens.get(ikmGid);
  if (!token) {
    token = (await t.user("IKM", { ikmId: uuid(ikmGid) })).token;
    ikmTokens.set(ikmGid, token);
  }
  return token;
}

/** A firm's proposal the IKM has accepted: ACTIVE, taking capacity. */
async function agreed(ikmGid: string, overrides: Record<string, unknown> = {}, token = tokenA) {
  const p = await record(ikmGid, overrides, token);
  const r = await t.gql(ACCEPT, { id: p.id }, await ikmToken(ikmGid));
  expect(r.errors).toBeUndefined();
  expect(r.data.acceptPartnership.status).toBe("ACTIVE");
  return r.data.acceptPartnership as { id: string; status: string; quantityPerMonth: number };
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
      startDate: "2027-01-01", endDate: "2027-12-31", status: "PENDING",
      firm: { id: firmA.gid, name: "PT Mitra A" }, ikm: { id: x.gid }, need: { id: need }, koperasi: { name: "Koperasi Mitra" },
    });

    // On both profiles (the IKM's people see the proposal waiting for them), and by node id.
    const onIkm = await t.gql(`query($id: ID!) { ikm(id: $id) { partnerships { id status firm { name } need { id } } } }`, { id: x.gid }, await ikmToken(x.gid));
    // The need is AWARDED: no longer published, so the IKM's people do not see it.
    expect(onIkm.data.ikm.partnerships).toEqual([{ id: p.id, status: "PENDING", firm: { name: "PT Mitra A" }, need: null }]);
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
    // An administrator records an agreed partnership: ACTIVE at once.
    const admin = await t.gql(RECORD, { input: input(x.gid, { firmId: firmB.gid }) }, adminToken);
    expect(admin.data.recordPartnership).toMatchObject({ firm: { id: firmB.gid }, status: "ACTIVE" });
    const own = await t.gql(RECORD, { input: input(x.gid, { firmId: firmA.gid }) }, tokenA);
    expect(own.data.recordPartnership).toMatchObject({ firm: { id: firmA.gid }, status: "PENDING" });
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
  it("refuses a partnership beyond the IKM's capacity less its active ones, naming the process and the room left, not the other firms' terms", async () => {
    const x = await supplier();
    await agreed(x.gid, { quantityPerMonth: 600, startDate: "2026-12-01" });
    const over = await t.gql(RECORD, { input: input(x.gid, { processes: ["MACHINING_MANUAL", "CASTING"], quantityPerMonth: 500, endDate: "2027-12-31" }) }, tokenB);
    expect(codes(over)).toEqual(["CONFLICT"]);
    expect(over.errors![0].message).toBe(`${x.legalName} can take at most 400 more PCS a month in CASTING from 2027-01-01 to 2027-12-31: not the 500 asked.`);
    // Only the aggregate room: no other partnership's quantity or dates.
    expect(over.errors![0].extensions).toEqual({
      code: "CONFLICT", process: "CASTING", available: 400, fields: [{ path: "input.quantityPerMonth", message: "at most 400 fit in CASTING" }],
    });
    expect(JSON.stringify(over.errors)).not.toMatch(/600|2026-12-01/);
    // Exactly what is left fits.
    await agreed(x.gid, { quantityPerMonth: 400 }, tokenB);
    const full = await t.gql(RECORD, { input: input(x.gid, { quantityPerMonth: 1 }) }, tokenA);
    expect(codes(full)).toEqual(["CONFLICT"]);
    expect(full.errors![0].message).toBe(`${x.legalName} can take no more PCS a month in CASTING from 2027-01-01: not the 1 asked.`);
  });

  it("a PENDING partnership takes no capacity: a firm cannot fill an IKM unasked", async () => {
    const x = await supplier();
    // Two firms each propose the whole capacity: both wait for the IKM, and neither blocks the other.
    const a = await record(x.gid, { quantityPerMonth: 1000 }, tokenA);
    const b = await record(x.gid, { quantityPerMonth: 1000 }, tokenB);
    // The IKM accepts one; the other no longer fits and cannot be accepted.
    expect((await t.gql(ACCEPT, { id: a.id }, await ikmToken(x.gid))).data.acceptPartnership.status).toBe("ACTIVE");
    const late = await t.gql(ACCEPT, { id: b.id }, await ikmToken(x.gid));
    expect(codes(late)).toEqual(["CONFLICT"]);
    expect(late.errors![0].message).toBe(`${x.legalName} can take no more PCS a month in CASTING from 2027-01-01: not this partnership's 1000 any more; end it to decline.`);
    expect(late.errors![0].extensions).toEqual({ code: "CONFLICT", process: "CASTING", available: 0 });
    expect((await t.prisma.partnership.findUniqueOrThrow({ where: { id: uuid(b.id) } })).status).toBe("PENDING");
    // A new proposal is refused at once now that the capacity is taken.
    expect(codes(await t.gql(RECORD, { input: input(x.gid, { quantityPerMonth: 1 }) }, tokenB))).toEqual(["CONFLICT"]);
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

  it("counts only active partnerships whose dates overlap, at their busiest", async () => {
    const x = await supplier();
    // Neither a proposal waiting for the IKM nor a declined one counts.
    await record(x.gid, { quantityPerMonth: 1000, startDate: "2027-01-01" }, tokenB);
    const declined = await record(x.gid, { quantityPerMonth: 1000, startDate: "2027-01-01" }, tokenB);
    expect((await t.gql(END, { id: declined.id }, await ikmToken(x.gid))).data.endPartnership.status).toBe("ENDED");
    await agreed(x.gid, { quantityPerMonth: 600, startDate: "2027-01-01", endDate: "2027-06-30" });
    // After the first ends, the whole capacity is there again.
    await agreed(x.gid, { quantityPerMonth: 800, startDate: "2027-07-01" });
    // Overlapping both: 600 from May, 800 from July; July is the busiest, and the answer is the room left over May on.
    const r = await t.gql(RECORD, { input: input(x.gid, { quantityPerMonth: 300, startDate: "2027-05-01" }) }, tokenA);
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0].message).toBe(`${x.legalName} can take at most 200 more PCS a month in CASTING from 2027-05-01: not the 300 asked.`);
    // Ending before July it fits beside the first.
    await agreed(x.gid, { quantityPerMonth: 300, startDate: "2027-05-01", endDate: "2027-06-30" });
  });

  it("an ended partnership frees its capacity, and one whose end date has passed takes none after it", async () => {
    const x = await supplier();
    const p = await agreed(x.gid, { quantityPerMonth: 1000, startDate: "2026-01-01" });
    expect(codes(await t.gql(RECORD, { input: input(x.gid, { quantityPerMonth: 10 }) }, tokenA))).toEqual(["CONFLICT"]);
    expect((await t.gql(END, { id: p.id }, tokenA)).errors).toBeUndefined();
    await agreed(x.gid, { quantityPerMonth: 1000 });

    const y = await supplier();
    await agreed(y.gid, { quantityPerMonth: 1000, startDate: "2025-01-01", endDate: "2025-12-31" }, tokenB);
    await agreed(y.gid, { quantityPerMonth: 1000, startDate: "2026-01-01" });
  });

  it("of concurrent records for one IKM, only as many commit as fit", async () => {
    // An administrator's records are ACTIVE at once, so they compete for the capacity.
    for (let round = 0; round < 3; round++) {
      const x = await supplier();
      const answers = await Promise.all(
        [firmA, firmB, firmA, firmB, firmA].map((firm) => t.gql(RECORD, { input: input(x.gid, { firmId: firm.gid, quantityPerMonth: 300 }) }, adminToken)),
      );
      expect(answers.filter((r) => !r.errors).length).toBe(3);
      expect(answers.filter((r) => r.errors).map(codes)).toEqual([["CONFLICT"], ["CONFLICT"]]);
      const rows = await t.prisma.partnership.findMany({ where: { ikmId: x.id, status: "ACTIVE" } });
      expect(rows.reduce((s, p) => s + p.quantityPerMonth, 0)).toBe(900);
    }
    // Two that together exceed the capacity: exactly one commits.
    const y = await supplier();
    const pair = await Promise.all([firmA, firmB].map((firm) => t.gql(RECORD, { input: input(y.gid, { firmId: firm.gid, quantityPerMonth: 600 }) }, adminToken)));
    expect(pair.map((r) => (r.errors ? codes(r)[0] : "ok")).sort()).toEqual(["CONFLICT", "ok"]);
    expect(await t.prisma.partnership.count({ where: { ikmId: y.id } })).toBe(1);
  });

  it("of concurrent accepts for one IKM, exactly the ones that fit succeed", async () => {
    for (let round = 0; round < 3; round++) {
      const x = await supplier();
      // Firms' proposals take nothing: all five are recorded.
      const proposals = await Promise.all([tokenA, tokenB, tokenA, tokenB, tokenA].map((token) => record(x.gid, { quantityPerMonth: 300 }, token)));
      const ikm = await ikmToken(x.gid);
      const answers = await Promise.all(proposals.map((p, i) => t.gql(ACCEPT, { id: p.id }, i % 2 ? adminToken : ikm)));
      expect(answers.filter((r) => !r.errors).length).toBe(3);
      expect(answers.filter((r) => r.errors).map(codes)).toEqual([["CONFLICT"], ["CONFLICT"]]);
      const rows = await t.prisma.partnership.findMany({ where: { ikmId: x.id } });
      expect(rows.filter((p) => p.status === "ACTIVE").reduce((s, p) => s + p.quantityPerMonth, 0)).toBe(900);
      expect(rows.filter((p) => p.status === "PENDING")).toHaveLength(2);
    }
    const y = await supplier();
    const [a, b] = [await record(y.gid, { quantityPerMonth: 600 }, tokenA), await record(y.gid, { quantityPerMonth: 600 }, tokenB)];
    const ikm = await ikmToken(y.gid);
    const pair = await Promise.all([a, b].map((p) => t.gql(ACCEPT, { id: p.id }, ikm)));
    expect(pair.map((r) => (r.errors ? codes(r)[0] : "ok")).sort()).toEqual(["CONFLICT", "ok"]);
    expect(await t.prisma.partnership.count({ where: { ikmId: y.id, status: "ACTIVE" } })).toBe(1);
  });
});

describe("accepting a partnership", () => {
  it("the IKM's member accepts a PENDING one: ACTIVE, and it takes capacity; not twice", async () => {
    const x = await supplier();
    const p = await record(x.gid, { quantityPerMonth: 700 });
    const r = await t.gql(ACCEPT, { id: p.id }, await ikmToken(x.gid));
    expect(r.errors).toBeUndefined();
    expect(r.data.acceptPartnership).toEqual({ id: p.id, status: "ACTIVE", quantityPerMonth: 700, firm: { id: firmA.gid } });
    expect(codes(await t.gql(RECORD, { input: input(x.gid, { quantityPerMonth: 301 }) }, tokenB))).toEqual(["CONFLICT"]);
    const again = await t.gql(ACCEPT, { id: p.id }, await ikmToken(x.gid));
    expect(codes(again)).toEqual(["INVALID_TRANSITION"]);
    expect(again.errors![0].message).toBe("This partnership is ACTIVE; only a PENDING one can be accepted.");
  });

  it("the IKM declines one by ending it: ENDED, taking nothing, and it can no longer be accepted", async () => {
    const x = await supplier();
    const p = await record(x.gid, { quantityPerMonth: 1000 });
    const r = await t.gql(END, { id: p.id }, await ikmToken(x.gid));
    expect(r.data.endPartnership).toMatchObject({ id: p.id, status: "ENDED", endDate: "2027-01-01" });
    const late = await t.gql(ACCEPT, { id: p.id }, await ikmToken(x.gid));
    expect(codes(late)).toEqual(["INVALID_TRANSITION"]);
    expect(late.errors![0].message).toBe("This partnership is ENDED; only a PENDING one can be accepted.");
    await agreed(x.gid, { quantityPerMonth: 1000 }, tokenB);
  });

  it("only the IKM's members and administrators accept: the firm cannot, another IKM's answer is as for a missing one", async () => {
    const x = await supplier();
    const p = await record(x.gid);
    expect(codes(await t.gql(ACCEPT, { id: p.id }, tokenA))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(ACCEPT, { id: p.id }))).toEqual(["UNAUTHENTICATED"]);
    const fdnToken = (await t.user("FOUNDATION", { foundationId: (await makeFoundation(t.prisma, "Yayasan Uji")).id })).token;
    expect(codes(await t.gql(ACCEPT, { id: p.id }, fdnToken))).toEqual(["FORBIDDEN"]);

    const other = await ikmToken((await supplier()).gid);
    const foreign = await t.gql(ACCEPT, { id: p.id }, other);
    const missing = await t.gql(ACCEPT, { id: toGlobalId("Partnership", randomUUID()) }, other);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);
    expect(foreign.errors![0].extensions).toEqual(missing.errors![0].extensions);
    expect((await t.prisma.partnership.findUniqueOrThrow({ where: { id: uuid(p.id) } })).status).toBe("PENDING");

    expect((await t.gql(ACCEPT, { id: p.id }, adminToken)).data.acceptPartnership.status).toBe("ACTIVE");
  });
});

describe("ending a partnership", () => {
  it("the owning firm ends it, today by default; it cannot end twice", async () => {
    const x = await supplier();
    const p = await agreed(x.gid, { startDate: "2026-01-01" });
    const r = await t.gql(END, { id: p.id }, tokenA);
    expect(r.errors).toBeUndefined();
    expect(r.data.endPartnership).toEqual({ id: p.id, status: "ENDED", endDate: today, startDate: "2026-01-01" });
    const again = await t.gql(END, { id: p.id }, tokenA);
    expect(codes(again)).toEqual(["INVALID_TRANSITION"]);
    expect(again.errors![0].message).toBe("This partnership has ENDED already; only a PENDING or ACTIVE one can end.");
  });

  it("the IKM's members end an active one too; the firm may withdraw its proposal", async () => {
    const x = await supplier();
    const p = await agreed(x.gid, { startDate: "2026-01-01" });
    expect((await t.gql(END, { id: p.id }, await ikmToken(x.gid))).data.endPartnership).toMatchObject({ status: "ENDED", endDate: today });
    const proposal = await record(x.gid);
    expect((await t.gql(END, { id: proposal.id }, tokenA)).data.endPartnership).toMatchObject({ status: "ENDED", endDate: "2027-01-01" });
  });

  it("takes a given end date, not before the start nor in the future; one that had not started ends on its start date", async () => {
    const x = await supplier();
    const p = await agreed(x.gid, { startDate: "2026-01-01" });
    const early = await t.gql(END, { id: p.id, on: "2025-12-31" }, tokenA);
    expect(codes(early)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(early)).toEqual(["endDate"]);
    const future = await t.gql(END, { id: p.id, on: "2099-01-01" }, tokenA);
    expect(codes(future)).toEqual(["BAD_USER_INPUT"]);
    expect(future.errors![0].extensions!.fields).toEqual([{ path: "endDate", message: "must not be in the future" }]);
    expect((await t.gql(END, { id: p.id, on: "2026-06-30" }, tokenA)).data.endPartnership).toMatchObject({ status: "ENDED", endDate: "2026-06-30" });

    const later = await agreed(x.gid, { startDate: "2027-01-01" });
    expect((await t.gql(END, { id: later.id }, tokenA)).data.endPartnership).toMatchObject({ status: "ENDED", endDate: "2027-01-01" });
  });

  it("another firm's or another IKM's partnership answers like a missing one; an administrator ends any", async () => {
    const x = await supplier();
    const p = await agreed(x.gid);
    const foreign = await t.gql(END, { id: p.id }, tokenB);
    const missing = await t.gql(END, { id: toGlobalId("Partnership", randomUUID()) }, tokenB);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);
    const otherIkm = await ikmToken((await supplier()).gid);
    const foreignToIkm = await t.gql(END, { id: p.id }, otherIkm);
    expect(codes(foreignToIkm)).toEqual(["NOT_FOUND"]);
    expect(foreignToIkm.errors).toEqual((await t.gql(END, { id: toGlobalId("Partnership", randomUUID()) }, otherIkm)).errors);
    expect((await t.prisma.partnership.findUniqueOrThrow({ where: { id: uuid(p.id) } })).status).toBe("ACTIVE");
    expect((await t.gql(END, { id: p.id }, adminToken)).data.endPartnership.status).toBe("ENDED");
  });
});

describe("allocation and consortia count what partnerships take", () => {
  it("an IKM's free capacity drops by what an accepted partnership takes (not while PENDING), and comes back when it ends", async () => {
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
    // Proposed, not agreed: the IKM's capacity is all still free.
    expect(await freeOfV()).toBe(1000);
    expect(await single()).toBe(1000);
    expect((await t.gql(ACCEPT, { id: p.id }, await ikmToken(v.gid))).errors).toBeUndefined();
    expect(await freeOfV()).toBe(700);
    expect(await single()).toBe(700);
    // 400 left: no longer enough for the 500 alone.
    await agreed(v.gid, { processes: ["FORGING"], quantityPerMonth: 300, startDate: "2026-11-01" }, tokenB);
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
