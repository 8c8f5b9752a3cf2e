import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../src/domain/ids.js";
import { makeIkm } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";

let t: TestApp;
let own: Awaited<ReturnType<typeof makeIkm>>;
let other: Awaited<ReturnType<typeof makeIkm>>;
let ownToken: string;
let otherToken: string;

beforeAll(async () => {
  t = await startTestApp();
  own = await makeIkm(t.prisma, { name: "CV Milik Sendiri", stage: "PRAMANDIRI", processes: ["CASTING"], regionCode: "33.10" });
  other = await makeIkm(t.prisma, { name: "CV Tetangga", stage: "PEMULA", processes: ["STAMPING"], regionCode: "35.15" });
  ownToken = (await t.user("IKM", { ikmId: own.id })).token;
  otherToken = (await t.user("IKM", { ikmId: other.id })).token;
});
afterAll(() => t.stop());

const SET_CAPS = `mutation($id: ID!, $caps: [CapabilityInput!]!) { setCapabilities(ikmId: $id, capabilities: $caps) { capabilities { process monthlyCapacity toleranceMm } } }`;

describe("IKM profile writes", () => {
  it("registers an IKM with its member and KBLI codes", async () => {
    const r = await t.gql(`mutation($input: RegisterIkmInput!) { registerIkm(input: $input) { token } }`, {
      input: {
        ikm: { legalName: "CV Baru Cor", nib: "1234567890123", regionCode: "33.10", workers: 7, latitude: -7.66, longitude: 110.68, kbliCodes: [{ code: "24310", version: "KBLI_2020" }] },
        account: { name: "Bu Ani", email: "ani@barucor.example", password: "long-enough-pw" },
      },
    });
    expect(r.errors).toBeUndefined();
    const me = await t.prisma.user.findUniqueOrThrow({ where: { email: "ani@barucor.example" }, include: { ikm: { include: { kbliCodes: true } } } });
    expect(me.ikm?.kbliCodes.map((k) => k.code)).toEqual(["24310"]);
    const dup = await t.gql(`mutation($input: RegisterIkmInput!) { registerIkm(input: $input) { token } }`, {
      input: { ikm: { legalName: "CV Kembar", nib: "1234567890123", regionCode: "33.10", workers: 3 }, account: { name: "X", email: "x@kembar.example", password: "long-enough-pw" } },
    });
    expect(codes(dup)).toEqual(["CONFLICT"]);
    expect(await t.prisma.user.count({ where: { email: "x@kembar.example" } })).toBe(0);
  });

  it("replaces capabilities as a whole, and an invalid list writes nothing", async () => {
    const good = await t.gql(SET_CAPS, { id: own.gid, caps: [
      { process: "CASTING", materials: ["FC250"], monthlyCapacity: 120, capacityUnit: "PCS", toleranceMm: 0.8 },
      { process: "MACHINING_MANUAL", monthlyCapacity: 300, capacityUnit: "PCS" },
    ] }, ownToken);
    expect(good.errors).toBeUndefined();
    expect(good.data.setCapabilities.capabilities).toHaveLength(2);

    const bad = await t.gql(SET_CAPS, { id: own.gid, caps: [
      { process: "FORGING", monthlyCapacity: 50, capacityUnit: "PCS" },
      { process: "WELDING_FABRICATION", monthlyCapacity: -1, capacityUnit: "PCS" },
    ] }, ownToken);
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors![0].extensions!.fields).toEqual([{ path: "capabilities.1.monthlyCapacity", message: "must not be negative" }]);
    const rows = await t.prisma.capability.findMany({ where: { ikmId: own.id }, orderBy: { process: "asc" } });
    expect(rows.map((c) => c.process)).toEqual(["CASTING", "MACHINING_MANUAL"]);
  });

  it("lets only the IKM itself (or its mentor, or an admin) edit it", async () => {
    const caps = [{ process: "STAMPING", monthlyCapacity: 1, capacityUnit: "PCS" }];
    expect(codes(await t.gql(SET_CAPS, { id: own.gid, caps }, otherToken))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(SET_CAPS, { id: own.gid, caps }))).toEqual(["UNAUTHENTICATED"]);
    const firmToken = (await t.user("FIRM", { firmId: (await t.prisma.firm.create({ data: { name: "PT F", sector: "OTHER", tier: "OEM", regionCode: "31" } })).id })).token;
    expect(codes(await t.gql(SET_CAPS, { id: own.gid, caps }, firmToken))).toEqual(["FORBIDDEN"]);
    const foundation = await t.prisma.foundation.create({ data: { name: "Yayasan Uji" } });
    await t.prisma.mentorship.create({ data: { foundationId: foundation.id, ikmId: own.id, startedOn: new Date("2025-01-01") } });
    const mentorToken = (await t.user("FOUNDATION", { foundationId: foundation.id })).token;
    const updated = await t.gql(`mutation($id: ID!) { updateIkm(id: $id, input: { workers: 15 }) { workers financials { investmentIdr } } }`, { id: own.gid }, mentorToken);
    expect(updated.data.updateIkm).toEqual({ workers: 15, financials: { investmentIdr: 500_000_000 } });
  });

  it("shows financial figures only to those allowed", async () => {
    const q = `query($id: ID!) { ikm(id: $id) { legalName financials { investmentIdr } } }`;
    expect((await t.gql(q, { id: own.gid }, ownToken)).data.ikm.financials).toEqual({ investmentIdr: 500_000_000 });
    expect((await t.gql(q, { id: own.gid }, otherToken)).data.ikm.financials).toBeNull();
    expect((await t.gql(q, { id: own.gid })).data.ikm.financials).toBeNull();
  });

  it("records certifications and filters by those valid today", async () => {
    const add = `mutation($id: ID!, $input: CertificationInput!) { addCertification(ikmId: $id, input: $input) { id type } }`;
    const r = await t.gql(add, { id: own.gid, input: { type: "ISO_9001", number: "Q-1", issuer: "Body", validFrom: "2024-01-01", validUntil: "2099-01-01" } }, ownToken);
    expect(r.errors).toBeUndefined();
    await t.gql(add, { id: other.gid, input: { type: "ISO_9001", number: "Q-2", issuer: "Body", validFrom: "2019-01-01", validUntil: "2022-01-01" } }, otherToken);
    const backwards = await t.gql(add, { id: own.gid, input: { type: "SNI", number: "S", issuer: "B", validFrom: "2024-01-01", validUntil: "2023-01-01" } }, ownToken);
    expect(backwards.errors![0].extensions!.fields![0].path).toBe("input.validUntil");
    const list = await t.gql(`{ ikms(filter: { certification: ISO_9001 }) { nodes { legalName } } }`);
    expect(list.data.ikms.nodes.map((n: { legalName: string }) => n.legalName)).toEqual(["CV Milik Sendiri"]);
  });
});

describe("IKM queries", () => {
  it("filters by process, region (province includes regencies), stage, sentra and koperasi", async () => {
    const sentra = await t.prisma.sentra.create({ data: { name: "Sentra Uji", regionCode: "33.10", product: "cor", process: "CASTING", rawMaterial: "besi" } });
    const kop = await t.prisma.koperasi.create({ data: { name: "Kop Uji", regionCode: "33.10" } });
    const admin = (await t.user("ADMIN")).token;
    for (const [mutation, arg, id] of [["joinSentra", "sentraId", toGlobalId("Sentra", sentra.id)], ["joinKoperasi", "koperasiId", toGlobalId("Koperasi", kop.id)]]) {
      const r = await t.gql(`mutation($c: ID!, $i: ID!) { ${mutation}(${arg}: $c, ikmId: $i) { memberCount } }`, { c: id, i: own.gid }, admin);
      expect(r.data[mutation].memberCount).toBe(1);
    }
    const names = async (filter: object) =>
      (await t.gql(`query($f: IkmFilter) { ikms(filter: $f) { nodes { legalName } } }`, { f: filter })).data.ikms.nodes.map((n: { legalName: string }) => n.legalName);
    expect(await names({ processes: ["CASTING"] })).toEqual(["CV Milik Sendiri"]);
    expect(await names({ regionCode: "35" })).toEqual(["CV Tetangga"]);
    expect(await names({ minimumStage: "PRAMANDIRI", regionCode: "33" })).toEqual(["CV Milik Sendiri"]);
    expect(await names({ sentraId: toGlobalId("Sentra", sentra.id) })).toEqual(["CV Milik Sendiri"]);
    expect(await names({ koperasiId: toGlobalId("Koperasi", kop.id) })).toEqual(["CV Milik Sendiri"]);
    const bad = await t.gql(`{ ikms(filter: { sentraId: "nope" }) { totalCount } }`);
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
  });

  it("pages through every IKM once, in name order, with stable cursors", async () => {
    for (let i = 0; i < 23; i++) await makeIkm(t.prisma, { name: `PD Halaman ${String(i).padStart(2, "0")}` });
    const total = await t.prisma.ikm.count();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await t.gql(`query($after: String) { ikms(first: 7, after: $after) { totalCount edges { cursor node { id legalName } } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(r.data.ikms.totalCount).toBe(total);
      seen.push(...r.data.ikms.edges.map((e: { node: { legalName: string } }) => e.node.legalName));
      if (!r.data.ikms.pageInfo.hasNextPage) break;
      after = r.data.ikms.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("refuses page sizes over the cap and cursors it did not issue", async () => {
    expect(codes(await t.gql(`{ ikms(first: 101) { totalCount } }`))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await t.gql(`{ ikms(first: 0) { totalCount } }`))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await t.gql(`{ ikms(after: "garbage") { totalCount } }`))).toEqual(["BAD_USER_INPUT"]);
  });

  it("resolves any object by global id through node()", async () => {
    const r = await t.gql(`query($id: ID!) { node(id: $id) { __typename id ... on Ikm { legalName } } }`, { id: own.gid });
    expect(r.data.node).toEqual({ __typename: "Ikm", id: own.gid, legalName: "CV Milik Sendiri" });
    expect((await t.gql(`{ node(id: "bm90aGluZw") { id } }`)).data.node).toBeNull();
  });
});
