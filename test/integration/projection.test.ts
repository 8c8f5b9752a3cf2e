/**
 * Narrowed reads (src/api/projection.ts, issue 17): a list of IKMs, and the capabilities and
 * certificates under them, read only the columns the selection needs. These tests hold that the
 * answers stay those of whole rows:
 * - random selections of the narrowed fields are answered as the same fields of an answer read with
 *   whole IKM rows (a field projection.ts does not list, `financials`, forces them) and every listed
 *   field of the children;
 * - narrowed rows never reach the by-id loader: an IKM of a narrowed page asked for again in the same
 *   request is read whole.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rng as random } from "../../prisma/seed/random.js";
import { makeFirm, needInput } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";

let t: TestApp;
let admin: string;

const IKM_FIELDS = ["id", "legalName", "nib", "regionCode", "regionName", "address", "latitude", "longitude", "workers", "foundedYear",
  "description", "currentStage", "stageVersion", "synthetic", "sizeClass", "kemenperin: sizeClass(scheme: KEMENPERIN)", "__typename"];
const CAPABILITY_FIELDS = ["process", "specificProcesses", "materials", "toleranceMm", "monthlyCapacity", "capacityUnit", "notes", "__typename"];
const CERTIFICATION_FIELDS = ["id", "type", "number", "issuer", "validFrom", "validUntil", "__typename"];

const pick = (next: () => number, from: string[]): string[] => {
  const chosen = from.filter(() => next() < 0.4);
  return chosen.length ? chosen : [from[Math.floor(next() * from.length)]!];
};
/** The answer key of a selected field: `kemenperin: sizeClass(...)` answers under `kemenperin`. */
const keyOf = (field: string) => field.replace(/:.*$/, "");

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user("ADMIN")).token;
  const next = random(17);
  const processes = ["STAMPING", "MACHINING_CNC", "CASTING", "WELDING_FABRICATION"] as const;
  for (let i = 0; i < 12; i++) {
    await t.prisma.ikm.create({
      data: {
        legalName: `CV Proyeksi ${String(i).padStart(2, "0")}`,
        nib: next() < 0.7 ? String(9_100_000_000_000 + i) : null,
        regionCode: next() < 0.5 ? "33.72" : "32",
        address: next() < 0.6 ? `Jl. Uji ${i}` : null,
        latitude: next() < 0.5 ? -7.5 + next() : null,
        longitude: next() < 0.5 ? 110 + next() : null,
        workers: Math.floor(next() * 120) + 1,
        investmentIdr: next() < 0.7 ? BigInt(Math.floor(next() * 5e9)) : null,
        foundedYear: next() < 0.5 ? 1990 + i : null,
        description: next() < 0.6 ? `Bengkel ${i}` : null,
        currentStage: (["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"] as const)[i % 4],
        stageVersion: i % 3,
        synthetic: next() < 0.5,
        capabilities: {
          create: processes.filter(() => next() < 0.6).map((process) => ({
            process,
            specificProcesses: process === "MACHINING_CNC" && next() < 0.5 ? ["CNC_TURNING" as const] : [],
            materials: next() < 0.5 ? ["baja", "aluminium"] : ["baja"],
            toleranceMm: next() < 0.5 ? 0.05 : null,
            monthlyCapacity: Math.floor(next() * 10_000),
            capacityUnit: "PCS" as const,
            notes: next() < 0.5 ? "dua shift" : null,
          })),
        },
        certifications: {
          create: (["ISO_9001", "SNI", "HALAL"] as const).filter(() => next() < 0.5).map((type, k) => ({
            type, number: `N-${i}-${k}`, issuer: "Lembaga Uji", validFrom: new Date("2024-01-01"),
            validUntil: next() < 0.5 ? new Date(`202${5 + k}-06-30`) : null,
          })),
        },
      },
    });
  }
});
afterAll(() => t.stop());

/** The IKM page under `ikmFields`, with capabilities and certifications under their own selections. */
const pageQuery = (ikmFields: string[], capabilities: string[] | null, certifications: string[] | null, validOn: string | null) =>
  `{ ikms(first: 20, filter: { search: "Proyeksi" }) { nodes { ${ikmFields.join(" ")}
    ${capabilities ? `capabilities { ${capabilities.join(" ")} }` : ""}
    ${certifications ? `certifications${validOn ? `(validOn: "${validOn}")` : ""} { ${certifications.join(" ")} }` : ""} } } }`;

describe("narrowed reads (issue 17)", () => {
  // First: the random rounds below use up most of PROJECTION.maxColumnSetsPerModel's column sets.
  it("read only the selected columns, and every column when a field is not listed", async () => {
    t.statements.reset();
    expect((await t.gql(pageQuery(["legalName"], ["process"], ["type"], null), {}, admin)).errors).toBeUndefined();
    const narrow = [...t.statements.statements];
    expect(narrow.find((s) => s.includes(`FROM "Ikm" t`))).toMatch(/^SELECT t\."id", t\."legalName" FROM/);
    expect(narrow.find((s) => s.includes(`FROM "Capability"`))).toMatch(/^SELECT "ikmId", "process" FROM/);
    expect(narrow.find((s) => s.includes(`FROM "Certification"`))).toMatch(/^SELECT "ikmId", "type", "validFrom", "validUntil" FROM/);

    t.statements.reset();
    expect((await t.gql(pageQuery(["legalName", "financials { capitalIdr }"], ["process"], null, null), {}, admin)).errors).toBeUndefined();
    expect([...t.statements.statements].find((s) => s.includes(`FROM "Ikm" t`))).toContain(`t."annualSalesIdr"`);
  });

  it("answer random selections as whole rows do", async () => {
    // Whole IKM rows (financials is not listed in projection.ts), every listed child field.
    for (const validOn of [null, "2025-12-31"]) {
      const whole = await t.gql(pageQuery([...IKM_FIELDS, "financials { investmentIdr }"], CAPABILITY_FIELDS, CERTIFICATION_FIELDS, validOn), {}, admin);
      expect(whole.errors).toBeUndefined();
      const wholeNodes = whole.data.ikms.nodes as Record<string, unknown>[];
      expect(wholeNodes).toHaveLength(12);
      // Something to compare: the random data holds values and nulls in each kind of column.
      expect(wholeNodes.some((n) => n.nib === null) && wholeNodes.some((n) => n.nib !== null)).toBe(true);
      expect(wholeNodes.flatMap((n) => n.certifications as unknown[]).length).toBeGreaterThan(0);

      const next = random(validOn ? 2 : 1);
      for (let round = 0; round < 40; round++) {
        const ikmFields = pick(next, IKM_FIELDS);
        const capabilities = next() < 0.6 ? pick(next, CAPABILITY_FIELDS) : null;
        const certifications = next() < 0.6 ? pick(next, CERTIFICATION_FIELDS) : null;
        const narrow = await t.gql(pageQuery(ikmFields, capabilities, certifications, validOn), {}, admin);
        expect(narrow.errors, JSON.stringify({ ikmFields, capabilities, certifications })).toBeUndefined();
        const expected = wholeNodes.map((node) => {
          const out: Record<string, unknown> = {};
          for (const f of ikmFields) out[keyOf(f)] = node[keyOf(f)];
          const only = (rows: unknown, fields: string[]) => (rows as Record<string, unknown>[]).map((r) => Object.fromEntries(fields.map((f) => [f, r[f]])));
          if (capabilities) out.capabilities = only(node.capabilities, capabilities);
          if (certifications) out.certifications = only(node.certifications, certifications);
          return out;
        });
        expect(narrow.data.ikms.nodes, JSON.stringify({ ikmFields, capabilities, certifications })).toEqual(expected);
      }
    }
  });

  it("never hand narrowed rows to the by-id loader: an IKM of the page asked for again is read whole", async () => {
    const page = await t.gql(`{ ikms(first: 3, filter: { search: "Proyeksi" }) { nodes { id legalName } } }`, {}, admin);
    const first = page.data.ikms.nodes[0] as { id: string; legalName: string };
    const alone = await t.gql(`query($id: ID!) { ikm(id: $id) { legalName nib workers description address synthetic } }`, { id: first.id }, admin);
    const together = await t.gql(`query($id: ID!) { ikms(first: 3, filter: { search: "Proyeksi" }) { nodes { id legalName } }
      ikm(id: $id) { legalName nib workers description address synthetic } }`, { id: first.id }, admin);
    expect(together.errors).toBeUndefined();
    expect(together.data.ikm).toEqual(alone.data.ikm);
    expect(together.data.ikm.workers).toBeGreaterThan(0);
  });

  it("answer a match's IKM as whole rows do", async () => {
    const firm = await makeFirm(t.prisma, "PT Proyeksi");
    const buyer = (await t.user("FIRM", { firmId: firm.id })).token;
    const created = await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`,
      { input: needInput({ processes: ["STAMPING"], materials: ["baja"], quantityPerMonth: 10 }) }, buyer);
    const needId = created.data.createNeed.id as string;
    expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: needId }, buyer)).errors).toBeUndefined();
    await t.app.matchIndex.sync();
    const whole = await t.gql(pageQuery([...IKM_FIELDS, "financials { investmentIdr }"], null, null, null), {}, admin);
    const byId = new Map((whole.data.ikms.nodes as Record<string, unknown>[]).map((n) => [n.id, n]));
    const next = random(3);
    for (let round = 0; round < 15; round++) {
      const fields = pick(next, IKM_FIELDS);
      const ranked = await t.gql(`query($n: ID!) { matches(needId: $n, first: 20) { nodes { score ikm { id ${fields.join(" ")} } } } }`, { n: needId }, buyer);
      expect(ranked.errors, fields.join(" ")).toBeUndefined();
      const nodes = ranked.data.matches.nodes as { ikm: Record<string, unknown> }[];
      expect(nodes.length).toBeGreaterThan(0);
      for (const { ikm } of nodes) {
        const row = byId.get(ikm.id)!;
        expect(ikm, fields.join(" ")).toEqual({ id: ikm.id, ...Object.fromEntries(fields.map((f) => [keyOf(f), row[keyOf(f)]])) });
      }
    }
  });
});
