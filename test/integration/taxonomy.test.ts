/**
 * The process taxonomy over HTTP on a real PostgreSQL (issue 23): the ProcessTaxonomy table holds
 * exactly the reviewed file; triggers refuse specific processes outside their family; the API
 * refuses them with BAD_USER_INPUT naming the field; a need for chrome plating ranks the shop that
 * confirms it and the one whose machine does it, and shows the powder-coating and family-only
 * shops as near misses that say what to confirm, alike in matches, explainMatch and opportunities.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPECIFIC_PROCESSES, TAXONOMY_SOURCES } from "../../src/core/matching/taxonomy.js";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";

let t: TestApp;
let admin: string;
let firmToken: string;
let needGid: string;
const shops: Record<"chrome" | "machine" | "powder" | "family", { id: string; gid: string }> = {} as never;

const fromGid = (gid: string) => Buffer.from(gid, "base64url").toString().split(":")[1];

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user("ADMIN")).token;
  const firm = await makeFirm(t.prisma);
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  for (const [key, name] of [["chrome", "CV Krom Uji"], ["machine", "UD Mesin Krom Uji"], ["powder", "CV Powder Uji"], ["family", "CV Plating Lama Uji"]] as const) {
    shops[key] = await makeIkm(t.prisma, { name, processes: ["PLATING_PAINTING"] });
  }
  const set = (key: keyof typeof shops, specificProcesses: string[]) => t.gql(
    `mutation($id: ID!, $c: [CapabilityInput!]!) { setCapabilities(ikmId: $id, capabilities: $c) { capabilities { process specificProcesses } } }`,
    { id: shops[key].gid, c: [{ process: "PLATING_PAINTING", specificProcesses, materials: ["baja"], monthlyCapacity: 20_000, capacityUnit: "PCS" }] }, admin);
  expect((await set("chrome", ["CHROME_PLATING", "ELECTROPLATING"])).data.setCapabilities.capabilities).toEqual([{ process: "PLATING_PAINTING", specificProcesses: ["CHROME_PLATING", "ELECTROPLATING"] }]);
  expect((await set("powder", ["POWDER_COATING"])).errors).toBeUndefined();
  expect((await set("machine", [])).errors).toBeUndefined(); // the family alone: its tank (below) shows the process
  const machines = await t.gql(`mutation($id: ID!, $m: [MachineInput!]!) { setMachines(ikmId: $id, machines: $m) { id } }`,
    { id: shops.machine.gid, m: [{ type: "Tangki krom 2000 L", count: 2, cnc: false }] }, admin);
  expect(machines.errors).toBeUndefined();
  const created = await t.gql(`mutation($i: NeedInput!) { createNeed(input: $i) { id processes specificProcesses } }`,
    { i: needInput({ title: "Stang kemudi, lapis krom", processes: ["PLATING_PAINTING"], specificProcesses: ["CHROME_PLATING"], materials: ["baja"] }) }, firmToken);
  expect(created.errors).toBeUndefined();
  needGid = created.data.createNeed.id;
  expect(created.data.createNeed.specificProcesses).toEqual(["CHROME_PLATING"]);
  expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: needGid }, firmToken)).errors).toBeUndefined();
});

afterAll(async () => {
  await t?.stop();
});

describe("the ProcessTaxonomy table", () => {
  it("holds exactly the reviewed file's rows", async () => {
    // In the enum's order, which is the file's (test/unit/process-taxonomy.test.ts).
    const rows = await t.prisma.processTaxonomy.findMany({ orderBy: { code: "asc" } });
    const file = SPECIFIC_PROCESSES.map((e) => ({ code: e.code, family: e.family, nameId: e.nameId, nameEn: e.nameEn, kbli: e.kbli, sources: e.sources.map((k) => TAXONOMY_SOURCES[k]) }));
    expect(rows).toEqual(file);
  });

  it("refuses, in SQL, a capability's specific process of another family and a need's outside its processes", async () => {
    await expect(t.prisma.$executeRaw`UPDATE "Capability" SET "specificProcesses" = ARRAY['TURNING']::"SpecificProcess"[] WHERE "ikmId" = ${shops.family.id}::uuid`)
      .rejects.toThrow(/TURNING are not PLATING_PAINTING processes/);
    await expect(t.prisma.$executeRaw`UPDATE "ComponentNeed" SET "specificProcesses" = ARRAY['LASER_CUTTING']::"SpecificProcess"[] WHERE id = ${fromGid(needGid)}::uuid`)
      .rejects.toThrow(/LASER_CUTTING are under no process of the need/);
  });
});

describe("bad input", () => {
  it("names the field when a capability's specific process belongs to another family, and writes nothing", async () => {
    const r = await t.gql(`mutation($id: ID!, $c: [CapabilityInput!]!) { setCapabilities(ikmId: $id, capabilities: $c) { id } }`, {
      id: shops.family.gid,
      c: [{ process: "STAMPING", monthlyCapacity: 10, capacityUnit: "PCS" }, { process: "PLATING_PAINTING", specificProcesses: ["TURNING"], monthlyCapacity: 10, capacityUnit: "PCS" }],
    }, admin);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions!.fields).toEqual([{ path: "capabilities.1.specificProcesses.0", message: "TURNING is a MACHINING_MANUAL process, not PLATING_PAINTING: list it under the MACHINING_MANUAL capability" }]);
    expect(await t.prisma.capability.findMany({ where: { ikmId: shops.family.id }, select: { process: true, specificProcesses: true } })).toEqual([{ process: "PLATING_PAINTING", specificProcesses: [] }]);
  });

  it("names the field when a need's specific process is under none of its processes, on create and on edit", async () => {
    const create = await t.gql(`mutation($i: NeedInput!) { createNeed(input: $i) { id } }`, { i: needInput({ specificProcesses: ["CHROME_PLATING"] }) }, firmToken);
    expect(codes(create)).toEqual(["BAD_USER_INPUT"]);
    expect(create.errors![0].extensions!.fields).toEqual([{ path: "input.specificProcesses.0", message: "CHROME_PLATING is a PLATING_PAINTING process: add PLATING_PAINTING to processes, or remove CHROME_PLATING" }]);
    const edit = await t.gql(`mutation($id: ID!, $i: NeedUpdateInput!) { updateNeed(id: $id, input: $i) { id } }`, { id: needGid, i: { processes: ["STAMPING"] } }, firmToken);
    expect(codes(edit)).toEqual(["BAD_USER_INPUT"]);
    expect((await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: fromGid(needGid) } })).processes).toEqual(["PLATING_PAINTING"]);
  });
});

describe("a need for chrome plating", () => {
  const MATCHES = `query($id: ID!, $f: MatchFilterInput) { matches(needId: $id, first: 20, filter: $f) { nodes { ikm { id } eligible gaps { kind subject message } requirements { kind subject met unconfirmed message } } } }`;
  const subset = (nodes: Array<{ ikm: { id: string } }>) => nodes.filter((n) => Object.values(shops).some((s) => s.gid === n.ikm.id));
  const name = (gid: string) => Object.entries(shops).find(([, s]) => s.gid === gid)![0];

  it("ranks the shop that confirms it and the one whose machine does it, citing the machine", async () => {
    const r = await t.gql(MATCHES, { id: needGid }, firmToken);
    expect(r.errors).toBeUndefined();
    const eligible = subset(r.data.matches.nodes);
    expect(eligible.map((n: any) => name(n.ikm.id)).sort()).toEqual(["chrome", "machine"]);
    const byMachine = eligible.find((n: any) => n.ikm.id === shops.machine.gid) as any;
    expect(byMachine.requirements[0]).toEqual({
      kind: "PROCESS", subject: "CHROME_PLATING", met: true, unconfirmed: false,
      message: 'works chromium plating (CHROME_PLATING): not named on its PLATING_PAINTING capability, but machines on file: "Tangki krom 2000 L" x 2',
    });
  });

  it("shows the powder-coating and family-only shops as near misses that say what to confirm", async () => {
    const r = await t.gql(MATCHES, { id: needGid, f: { eligibility: "NEAR_MISS" } }, firmToken);
    const near = subset(r.data.matches.nodes) as any[];
    expect(near.map((n) => name(n.ikm.id)).sort()).toEqual(["family", "powder"]);
    for (const n of near) {
      expect(n.gaps[0]).toMatchObject({ kind: "UNCONFIRMED_PROCESS", subject: "CHROME_PLATING" });
      expect(n.gaps[0].message).toMatch(/confirm chromium plating \(CHROME_PLATING\) \(name it on the PLATING_PAINTING capability, or record the machine that does it\)$/);
      expect(n.requirements[0]).toMatchObject({ met: false, unconfirmed: true });
    }
  });

  it("gives the same verdict in explainMatch and in the powder shop's opportunities", async () => {
    const explain = await t.gql(`query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { eligible gaps { kind } } }`, { n: needGid, i: shops.powder.gid }, firmToken);
    expect(explain.data.explainMatch).toEqual({ eligible: false, gaps: [{ kind: "UNCONFIRMED_PROCESS" }] });
    const owner = (await t.user("IKM", { ikmId: shops.powder.id })).token;
    const opp = await t.gql(`query($i: ID!) { opportunities(ikmId: $i, first: 20, eligibility: NEAR_MISS) { nodes { need { id } gaps { kind message } gapPaths { kind process message } } } }`, { i: shops.powder.gid }, owner);
    expect(opp.errors).toBeUndefined();
    const mine = opp.data.opportunities.nodes.find((n: any) => n.need.id === needGid);
    expect(mine.gaps.map((g: any) => g.kind)).toEqual(["UNCONFIRMED_PROCESS"]);
    // Confirming closes it: no machine to buy, no facility that states the family alone.
    expect(mine.gapPaths).toEqual([{ kind: "CONFIRM", process: "PLATING_PAINTING", message: expect.stringMatching(/^if it does chromium plating \(CHROME_PLATING\), name CHROME_PLATING on its PLATING_PAINTING capability/) }]);
  });

  it("consortia and allocate place the volume only with shops that do chrome plating", async () => {
    const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Pelapis Logam Uji", regionCode: "33.72" } });
    await t.prisma.koperasiMembership.createMany({ data: Object.values(shops).map((s) => ({ koperasiId: koperasi.id, ikmId: s.id })) });
    const edit = await t.gql(`mutation($id: ID!, $i: NeedUpdateInput!) { updateNeed(id: $id, input: $i) { quantityPerMonth } }`, { id: needGid, i: { quantityPerMonth: 30_000 } }, firmToken);
    expect(edit.errors).toBeUndefined();
    const consortia = await t.gql(`query($n: ID!) { consortia(needId: $n) { eligibleSuppliers proposals { members { ikm { id } share } } } }`, { n: needGid }, firmToken);
    expect(consortia.errors).toBeUndefined();
    expect(consortia.data.consortia.eligibleSuppliers).toBe(2);
    expect(consortia.data.consortia.proposals.map((p: any) => p.members.map((m: any) => name(m.ikm.id)).sort())).toEqual([["chrome", "machine"]]);
    const allocation = await t.gql(`query($ids: [ID!]!) { allocate(needIds: $ids, method: GREEDY) { needs { eligibleIkms assignments { ikm { id } units } } } }`, { ids: [needGid] }, firmToken);
    expect(allocation.errors).toBeUndefined();
    const [placed] = allocation.data.allocate.needs;
    expect(placed.eligibleIkms).toBe(2);
    expect(placed.assignments.map((a: any) => name(a.ikm.id)).sort()).toEqual(["chrome", "machine"]);
  });

  it("ranks the powder shop as soon as it confirms chrome plating", async () => {
    const r = await t.gql(`mutation($id: ID!, $c: [CapabilityInput!]!) { setCapabilities(ikmId: $id, capabilities: $c) { id } }`, {
      id: shops.powder.gid, c: [{ process: "PLATING_PAINTING", specificProcesses: ["POWDER_COATING", "CHROME_PLATING"], materials: ["baja"], monthlyCapacity: 20_000, capacityUnit: "PCS" }],
    }, admin);
    expect(r.errors).toBeUndefined();
    const after = await t.gql(MATCHES, { id: needGid }, firmToken);
    expect(subset(after.data.matches.nodes).map((n: any) => name(n.ikm.id)).sort()).toEqual(["chrome", "machine", "powder"]);
  });
});

describe("Query.processTaxonomy and processTerms", () => {
  it("lists each family with its specific processes, names, KBLI class, sources and words", async () => {
    const r = await t.gql(`{ processTaxonomy { process specifics { code family nameId nameEn kbli sources words } } }`, {}, firmToken);
    expect(r.errors).toBeUndefined();
    const plating = r.data.processTaxonomy.find((f: any) => f.process === "PLATING_PAINTING");
    const chrome = plating.specifics.find((s: any) => s.code === "CHROME_PLATING");
    expect(chrome).toMatchObject({ family: "PLATING_PAINTING", nameId: "Lapis krom", nameEn: "Chromium plating", kbli: "25920" });
    expect(chrome.words).toEqual(expect.arrayContaining(["krom", "lapis krom", "chrome plating"]));
    expect(chrome.sources[0]).toMatch(/^ISO 2080:2008/);
    expect(r.data.processTaxonomy.find((f: any) => f.process === "ASSEMBLY").specifics).toEqual([]);
  });

  it("reads shop words as specific processes", async () => {
    const r = await t.gql(`{ processTerms(terms: ["cat semprot", "tangki krom", "plating"]) { term process specificProcess } }`, {}, firmToken);
    expect(r.data.processTerms).toEqual([
      { term: "cat semprot", process: "PLATING_PAINTING", specificProcess: "SPRAY_PAINTING" },
      { term: "tangki krom", process: "PLATING_PAINTING", specificProcess: "CHROME_PLATING" },
      { term: "plating", process: "PLATING_PAINTING", specificProcess: null },
    ]);
  });
});

describe("a word added for a specific process", () => {
  it("names it at once, and a machine whose type holds it becomes evidence: the shop moves from near miss to eligible", async () => {
    const shop = await makeIkm(t.prisma, { name: "UD Nekel Uji", processes: ["PLATING_PAINTING"] });
    await t.prisma.capability.updateMany({ where: { ikmId: shop.id }, data: { monthlyCapacity: 20_000 } });
    const machines = await t.gql(`mutation($id: ID!, $m: [MachineInput!]!) { setMachines(ikmId: $id, machines: $m) { machines { type specificProcess } } }`,
      { id: shop.gid, m: [{ type: "Bak lapis nékel", count: 3, cnc: false }] }, admin); // accents do not count
    expect(machines.data.setMachines.machines).toEqual([{ type: "Bak lapis nékel", specificProcess: null }]);
    const need = await t.gql(`mutation($i: NeedInput!) { createNeed(input: $i) { id } }`,
      { i: needInput({ title: "Baut, lapis nikel", processes: ["PLATING_PAINTING"], specificProcesses: ["ELECTROPLATING"], materials: ["baja"] }) }, firmToken);
    const id = need.data.createNeed.id;
    const verdict = async () => (await t.gql(`query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { eligible requirements { met message } } }`, { n: id, i: shop.gid }, firmToken)).data.explainMatch;
    expect((await verdict()).eligible).toBe(false);

    const wrong = await t.gql(`mutation($i: AddSynonymInput!) { addSynonym(input: $i) { id } }`,
      { i: { word: "lapis nekel", process: "CASTING", specificProcess: "ELECTROPLATING", source: "Observed in shop usage, 2026" } }, admin);
    expect(codes(wrong)).toEqual(["BAD_USER_INPUT"]);
    const added = await t.gql(`mutation($i: AddSynonymInput!) { addSynonym(input: $i) { word process specificProcess } }`,
      { i: { word: "lapis nekel", specificProcess: "ELECTROPLATING", source: "Observed in shop usage, 2026" } }, admin);
    expect(added.data.addSynonym).toEqual({ word: "lapis nekel", process: "PLATING_PAINTING", specificProcess: "ELECTROPLATING" });
    const terms = await t.gql(`{ processTerms(terms: ["jasa lapis nekel"]) { process specificProcess } }`, {}, firmToken);
    expect(terms.data.processTerms).toEqual([{ process: "PLATING_PAINTING", specificProcess: "ELECTROPLATING" }]);
    const after = await verdict();
    expect(after.eligible).toBe(true);
    expect(after.requirements[0].message).toMatch(/machines on file: "Bak lapis nékel" x 3$/);
    // ... and in the index's ranking, not only in the one-pair explanation.
    const ranked = await t.gql(`query($n: ID!) { matches(needId: $n, first: 20) { nodes { ikm { id } } } }`, { n: id }, firmToken);
    expect(ranked.data.matches.nodes.map((n: any) => n.ikm.id)).toContain(shop.gid);
  });
});
