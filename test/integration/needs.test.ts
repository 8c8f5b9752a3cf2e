import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";
import { fromGlobalId } from "../../src/domain/ids.js";

const CREATE = `mutation($input: NeedInput!) { createNeed(input: $input) { id status version materials firm { name } } }`;
const TRANSITION = `mutation($id: ID!, $to: NeedStatus!, $reason: String, $v: Int) {
  transitionNeed(id: $id, to: $to, reason: $reason, expectedVersion: $v) { id status version publishedAt statusHistory { fromStatus toStatus reason } } }`;

let t: TestApp;
let firmA: Awaited<ReturnType<typeof makeFirm>>;
let tokenA: string;
let tokenB: string;
let ikmToken: string;

beforeAll(async () => {
  t = await startTestApp();
  firmA = await makeFirm(t.prisma, "PT Pembeli A");
  const firmB = await makeFirm(t.prisma, "PT Pembeli B");
  tokenA = (await t.user("FIRM", { firmId: firmA.id })).token;
  tokenB = (await t.user("FIRM", { firmId: firmB.id })).token;
  ikmToken = (await t.user("IKM", { ikmId: (await makeIkm(t.prisma)).id })).token;
});
afterAll(() => t.stop());

async function draftNeed(token = tokenA, overrides = {}) {
  const r = await t.gql(CREATE, { input: needInput(overrides) }, token);
  expect(r.errors).toBeUndefined();
  return r.data.createNeed as { id: string; status: string; version: number };
}

describe("registering a firm", () => {
  it("creates the firm and its member in one go and returns a working token", async () => {
    const r = await t.gql(
      `mutation($input: RegisterFirmInput!) { registerFirm(input: $input) { token user { role email } } }`,
      { input: { firm: { name: "PT Baru Motor", sector: "MOTORCYCLE", tier: "OEM", regionCode: "32.15" }, account: { name: "Dewi", email: "Dewi@Baru.example", password: "long-enough-pw" } } },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.registerFirm.user.role).toBe("FIRM");
    const me = await t.gql(`{ viewer { name role email } }`, {}, r.data.registerFirm.token);
    expect(me.data.viewer).toEqual({ name: "Dewi", role: "FIRM", email: "dewi@baru.example" });
    const login = await t.gql(`mutation { login(email: "dewi@baru.example", password: "long-enough-pw") { token } }`);
    expect(login.data.login.token).toBeTypeOf("string");
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const before = await t.prisma.firm.count();
    const r = await t.gql(
      `mutation($input: RegisterFirmInput!) { registerFirm(input: $input) { token } }`,
      { input: { firm: { name: " ", sector: "AUTOMOTIVE", tier: "OEM", regionCode: "99.01" }, account: { name: "X", email: "nope", password: "short" } } },
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    const paths = r.errors![0].extensions!.fields!.map((f) => f.path).sort();
    expect(paths).toEqual(["input.account.email", "input.account.password", "input.firm.name", "input.firm.regionCode"]);
    expect(await t.prisma.firm.count()).toBe(before);
  });

  it("refuses a second account with the same email as CONFLICT, leaving no orphan firm", async () => {
    const input = { firm: { name: "PT Dua", sector: "AUTOMOTIVE", tier: "TIER_2", regionCode: "33" }, account: { name: "Y", email: "same@example.id", password: "long-enough-pw" } };
    const q = `mutation($input: RegisterFirmInput!) { registerFirm(input: $input) { token } }`;
    expect((await t.gql(q, { input })).errors).toBeUndefined();
    const before = await t.prisma.firm.count();
    expect(codes(await t.gql(q, { input }))).toEqual(["CONFLICT"]);
    expect(await t.prisma.firm.count()).toBe(before);
  });

  it("rejects a wrong password without saying whether the email exists", async () => {
    const r = await t.gql(`mutation { login(email: "nobody@example.id", password: "whatever-123") { token } }`);
    expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
    expect(r.errors![0].message).toBe("Email or password is wrong.");
  });
});

describe("component needs", () => {
  it("a firm member drafts a need for their own firm, with materials normalised", async () => {
    const r = await t.gql(CREATE, { input: needInput() }, tokenA);
    expect(r.errors).toBeUndefined();
    expect(r.data.createNeed).toMatchObject({ status: "DRAFT", version: 0, materials: ["baja spcc"], firm: { name: "PT Pembeli A" } });
  });

  it("refuses invalid needs with the offending fields named", async () => {
    const r = await t.gql(CREATE, { input: needInput({ processes: [], quantityPerMonth: 0, radiusKm: 50 }) }, tokenA);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions!.fields!.map((f) => f.path).sort()).toEqual([
      "input.processes", "input.quantityPerMonth", "input.radiusKm",
    ]);
  });

  it("walks the lifecycle and records every step", async () => {
    const need = await draftNeed();
    let r = await t.gql(TRANSITION, { id: need.id, to: "OPEN" }, tokenA);
    expect(r.data.transitionNeed).toMatchObject({ status: "OPEN", version: 1 });
    expect(r.data.transitionNeed.publishedAt).toBeTruthy();
    // SHORTLISTED comes with the first candidate, AWARDED with awardNeed (issue 16).
    const supplier = await makeIkm(t.prisma, { processes: ["STAMPING"] });
    await t.prisma.capability.updateMany({ where: { ikmId: supplier.id }, data: { monthlyCapacity: 10_000 } });
    await t.app.matchIndex.sync();
    const shortlisted = await t.gql(`mutation($input: ShortlistCandidateInput!) { shortlistCandidate(input: $input) { id need { status version } } }`, { input: { needId: need.id, ikmId: supplier.gid } }, tokenA);
    expect(shortlisted.data.shortlistCandidate.need).toEqual({ status: "SHORTLISTED", version: 2 });
    const awarded = await t.gql(`mutation($input: AwardNeedInput!) { awardNeed(input: $input) { need { status version } } }`, {
      input: { needId: need.id, candidateId: shortlisted.data.shortlistCandidate.id, startDate: "2027-03-01", expectedVersion: 2 },
    }, tokenA);
    expect(awarded.data.awardNeed.need).toEqual({ status: "AWARDED", version: 3 });
    r = await t.gql(TRANSITION, { id: need.id, to: "CLOSED" }, tokenA);
    expect(r.data.transitionNeed.status).toBe("CLOSED");
    expect(r.data.transitionNeed.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      "OPEN", "SHORTLISTED", "AWARDED", "CLOSED",
    ]);
  });

  it("refuses transitions the lifecycle does not allow, saying which are", async () => {
    const need = await draftNeed();
    const r = await t.gql(TRANSITION, { id: need.id, to: "AWARDED" }, tokenA);
    expect(codes(r)).toEqual(["INVALID_TRANSITION"]);
    expect(r.errors![0].message).toBe("A DRAFT need cannot become AWARDED; it can become OPEN or CANCELLED.");
    const cancel = await t.gql(TRANSITION, { id: need.id, to: "CANCELLED" }, tokenA);
    expect(codes(cancel)).toEqual(["BAD_USER_INPUT"]);
    const row = await t.prisma.componentNeed.findFirstOrThrow({ where: { title: "Bracket", status: "DRAFT" } });
    expect(row.version).toBe(0);
  });

  it("refuses a change based on a stale version instead of overwriting it", async () => {
    const need = await draftNeed();
    const first = await t.gql(`mutation($id: ID!) { updateNeed(id: $id, input: { quantityPerMonth: 7000 }, expectedVersion: 0) { version quantityPerMonth } }`, { id: need.id }, tokenA);
    expect(first.data.updateNeed).toEqual({ version: 1, quantityPerMonth: 7000 });
    const stale = await t.gql(TRANSITION, { id: need.id, to: "OPEN", v: 0 }, tokenA);
    expect(codes(stale)).toEqual(["CONFLICT"]);
  });

  it("changes only the fields an edit names: materials, certificates and the minimum stage stay as they were", async () => {
    const need = await draftNeed(tokenA, { materials: ["baja s45c"], requiredCertifications: ["ISO_9001"], minimumStage: "MADYA" });
    const edit = await t.gql(`mutation($id: ID!) { updateNeed(id: $id, input: { title: "Bracket, revised" }, expectedVersion: 0) {
      title materials requiredCertifications minimumStage } }`, { id: need.id }, tokenA);
    expect(edit.errors).toBeUndefined();
    expect(edit.data.updateNeed).toEqual({ title: "Bracket, revised", materials: ["baja s45c"], requiredCertifications: ["ISO_9001"], minimumStage: "MADYA" });
    // A new need that leaves them out still gets the defaults.
    const bare = await t.gql(CREATE, { input: { ...needInput(), materials: undefined, requiredCertifications: undefined, minimumStage: undefined } }, tokenA);
    expect(bare.errors).toBeUndefined();
    const row = await t.prisma.componentNeed.findFirstOrThrow({ where: { id: fromGlobalId(bare.data.createNeed.id)!.id } });
    expect(row).toMatchObject({ materials: [], requiredCertifications: [], minimumStage: "PEMULA" });
  });

  it("lets exactly one of two concurrent changes of the same version win", async () => {
    const need = await draftNeed();
    const results = await Promise.all([
      t.gql(TRANSITION, { id: need.id, to: "OPEN", v: 0 }, tokenA),
      t.gql(TRANSITION, { id: need.id, to: "CANCELLED", reason: "budget cut", v: 0 }, tokenA),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(codes)).toEqual(["CONFLICT"]);
    const needId = Buffer.from(need.id, "base64url").toString().split(":")[1];
    expect(await t.prisma.needStatusChange.count({ where: { needId } })).toBe(1);
  });

  it("keeps each firm's needs private: another firm gets NOT_FOUND, exactly as for a missing need", async () => {
    const need = await draftNeed();
    const foreign = await t.gql(`query($id: ID!) { need(id: $id) { title } }`, { id: need.id }, tokenB);
    const missingId = Buffer.from("ComponentNeed:00000000-0000-4000-8000-000000000000").toString("base64url");
    const missing = await t.gql(`query($id: ID!) { need(id: $id) { title } }`, { id: missingId }, tokenB);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0].message.replace(need.id, "X")).toBe(missing.errors![0].message.replace(missingId, "X"));
    expect(codes(await t.gql(TRANSITION, { id: need.id, to: "OPEN" }, tokenB))).toEqual(["NOT_FOUND"]);
    const list = await t.gql(`{ needs(first: 100) { nodes { firm { name } } } }`, {}, tokenB);
    expect(list.data.needs.nodes.every((n: { firm: { name: string } }) => n.firm.name === "PT Pembeli B")).toBe(true);
  });

  it("shows suppliers published needs only, and anonymous callers none", async () => {
    const draft = await draftNeed(tokenA, { title: "Secret draft" });
    const open = await draftNeed(tokenA, { title: "Public need" });
    await t.gql(TRANSITION, { id: open.id, to: "OPEN" }, tokenA);
    const r = await t.gql(`{ needs(first: 100) { nodes { title status statusHistory { toStatus } } } }`, {}, ikmToken);
    const titles = r.data.needs.nodes.map((n: { title: string }) => n.title);
    expect(titles).toContain("Public need");
    expect(titles).not.toContain("Secret draft");
    expect(r.data.needs.nodes.every((n: { status: string; statusHistory: unknown }) => ["OPEN", "SHORTLISTED"].includes(n.status) && n.statusHistory === null)).toBe(true);
    expect(codes(await t.gql(`query($id: ID!) { need(id: $id) { title } }`, { id: draft.id }, ikmToken))).toEqual(["NOT_FOUND"]);
    expect(codes(await t.gql(`{ needs { totalCount } }`))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await t.gql(CREATE, { input: needInput() }, ikmToken))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(TRANSITION, { id: open.id, to: "CANCELLED", reason: "x" }, ikmToken))).toEqual(["FORBIDDEN"]);
  });

  it("refuses a forged or expired token with 401 rather than treating it as anonymous", async () => {
    const r = await t.gql(`{ firms { totalCount } }`, {}, tokenA.slice(0, -2) + "xx");
    expect(r.status).toBe(401);
    expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
  });

  it("lets only the firm's own members change the firm", async () => {
    const q = `mutation($id: ID!) { updateFirm(id: $id, input: { website: "https://pembeli-a.example" }) { website } }`;
    expect((await t.gql(q, { id: firmA.gid }, tokenA)).data.updateFirm.website).toBe("https://pembeli-a.example");
    expect(codes(await t.gql(q, { id: firmA.gid }, tokenB))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(q, { id: firmA.gid }))).toEqual(["UNAUTHENTICATED"]);
  });
});
