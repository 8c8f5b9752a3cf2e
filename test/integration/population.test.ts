import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../src/domain/ids.js";
import { regionCodeProblem } from "../../src/domain/regions.js";
import { sizeClass } from "../../src/domain/size-class.js";
import { Process } from "../../src/domain/enums.js";
import {
  type PopulationSummary, copyArray, copyText, generateChunk, populationIkmId, seedPopulation,
} from "../../prisma/seed/population.js";
import { makeIkm } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";

const N = 3000;
const REFERENCE = new Date("2026-11-22T00:00:00Z");
const AUTOMOTIVE = ["CASTING", "FORGING", "STAMPING", "MACHINING_MANUAL", "MACHINING_CNC", "WELDING_FABRICATION", "SHEET_METAL",
  "PLASTIC_INJECTION", "RUBBER_MOULDING", "HEAT_TREATMENT", "PLATING_PAINTING", "MOULDS_DIES", "WIRING_HARNESS", "ASSEMBLY"];

let t: TestApp;
let sql: pg.Client;
let first: PopulationSummary;
let second: PopulationSummary;
let firstRunSample: { id: string; legalName: string; nib: string | null }[];
const progress: [number, number][] = [];

const rows = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await sql.query(text, values)).rows as T[];
const one = async (text: string, values: unknown[] = []) => Number(Object.values((await sql.query(text, values)).rows[0])[0]);

beforeAll(async () => {
  t = await startTestApp();
  sql = new pg.Client({ connectionString: t.databaseUrl });
  await sql.connect();
  // First run: three chunks over two connections, foreign keys trusted when the role may.
  first = await seedPopulation(t.databaseUrl, { ikms: N, seed: 11, chunkSize: 1000, onProgress: (done, total) => progress.push([done, total]) });
  firstRunSample = await rows(`SELECT id::text, "legalName", nib FROM "Ikm" ORDER BY id LIMIT 50`);
  // Second run: another seed, one chunk, every foreign key checked by PostgreSQL.
  second = await seedPopulation(t.databaseUrl, { ikms: N, seed: 12, checkReferences: true, connections: 1 });
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await t?.stop();
});

describe("seedPopulation", () => {
  it("writes exactly the rows its summaries report, and reports progress per committed chunk", async () => {
    const sum = (key: keyof PopulationSummary) => Number(first[key]) + Number(second[key]);
    expect(first.ikms).toBe(N);
    expect(second.ikms).toBe(N);
    expect(await one(`SELECT count(*) FROM "Ikm"`)).toBe(2 * N);
    expect(await one(`SELECT count(*) FROM "Capability"`)).toBe(sum("capabilities"));
    expect(await one(`SELECT count(*) FROM "Machine"`)).toBe(sum("machines"));
    expect(await one(`SELECT count(*) FROM "IkmKbli"`)).toBe(sum("kbliCodes"));
    expect(await one(`SELECT count(*) FROM "Certification"`)).toBe(sum("certifications"));
    expect(await one(`SELECT count(*) FROM "FiveRAudit"`)).toBe(sum("fiveRAudits"));
    expect(await one(`SELECT count(*) FROM "DeliveryRecord"`)).toBe(sum("deliveries"));
    expect(await one(`SELECT count(*) FROM "Sentra"`)).toBe(sum("sentra"));
    expect(await one(`SELECT count(*) FROM "Koperasi"`)).toBe(sum("koperasi"));
    expect(await one(`SELECT count(*) FROM "SentraMembership"`)).toBe(sum("sentraMemberships"));
    expect(await one(`SELECT count(*) FROM "KoperasiMembership"`)).toBe(sum("koperasiMemberships"));
    expect(first.memberships).toBe(first.sentraMemberships + first.koperasiMemberships);
    for (const s of [first, second]) {
      for (const key of ["capabilities", "certifications", "fiveRAudits", "deliveries", "sentra", "koperasi", "memberships"] as const) {
        expect(s[key], key).toBeGreaterThan(0);
      }
    }
    expect(progress[0]).toEqual([0, N]);
    expect(progress.slice(1)).toEqual([[1000, N], [2000, N], [3000, N]]);
    expect(second.referencesChecked).toBe(true);
  });

  it("adds on a second run without touching or colliding with the first", async () => {
    expect(first.firstSerial).toBe(1);
    expect(second.firstSerial).toBe(N + 1);
    const again = await rows<{ id: string; legalName: string; nib: string | null }>(
      `SELECT id::text, "legalName", nib FROM "Ikm" ORDER BY id LIMIT 50`);
    expect(again).toEqual(firstRunSample);
    expect(await one(`SELECT count(DISTINCT nib) FROM "Ikm"`)).toBe(await one(`SELECT count(nib) FROM "Ikm"`));
    expect(await one(`SELECT count(*) FROM "Ikm" WHERE nib !~ '^[0-9]{13}$'`)).toBe(0);
    expect(await one(`SELECT count(*) FROM "Ikm" WHERE id = $1`, [populationIkmId(N + 1)])).toBe(1);
    // No child row points at a missing parent, though the first run may have skipped the per-row checks.
    for (const [table, column, parent] of [
      ["Capability", "ikmId", "Ikm"], ["Machine", "ikmId", "Ikm"], ["IkmKbli", "ikmId", "Ikm"], ["Certification", "ikmId", "Ikm"],
      ["FiveRAudit", "ikmId", "Ikm"], ["DeliveryRecord", "ikmId", "Ikm"], ["SentraMembership", "ikmId", "Ikm"],
      ["SentraMembership", "sentraId", "Sentra"], ["KoperasiMembership", "ikmId", "Ikm"], ["KoperasiMembership", "koperasiId", "Koperasi"],
    ]) {
      const orphans = await one(`SELECT count(*) FROM "${table}" c WHERE NOT EXISTS (SELECT 1 FROM "${parent}" p WHERE p.id = c."${column}")`);
      expect(orphans, `${table}.${column}`).toBe(0);
    }
  });

  it("is deterministic for a seed and a starting serial, and different for another seed", async () => {
    const a = await generateChunk(5, 1, 400);
    const b = await generateChunk(5, 1, 400);
    const c = await generateChunk(6, 1, 400);
    expect(a.tables.Ikm.pieces.join("")).toBe(b.tables.Ikm.pieces.join(""));
    expect(a.tables.Capability.pieces.join("")).toBe(b.tables.Capability.pieces.join(""));
    expect(a.tables.Ikm.pieces.join("")).not.toBe(c.tables.Ikm.pieces.join(""));
  });

  it("flags every IKM synthetic and follows the BPS size classes (mostly micro, ~2.4 workers)", async () => {
    expect(await one(`SELECT count(*) FROM "Ikm" WHERE NOT synthetic`)).toBe(0);
    const ikms = await rows<{ workers: number; investmentIdr: string | null; currentStage: string }>(
      `SELECT workers, "investmentIdr"::text AS "investmentIdr", "currentStage" FROM "Ikm"`);
    const classes = ikms.map((i) => sizeClass("BPS", i.workers, i.investmentIdr === null ? null : BigInt(i.investmentIdr)));
    const share = (c: string) => classes.filter((x) => x === c).length / classes.length;
    expect(share("MICRO")).toBeGreaterThan(0.9);
    expect(share("SMALL")).toBeGreaterThan(0.03);
    expect(share("SMALL")).toBeLessThan(0.08);
    expect(share("MEDIUM")).toBeGreaterThan(0);
    expect(share("MEDIUM")).toBeLessThan(0.015);
    expect(share("LARGE")).toBe(0);
    const avgWorkers = ikms.reduce((a, i) => a + i.workers, 0) / ikms.length;
    expect(avgWorkers).toBeGreaterThan(2.1);
    expect(avgWorkers).toBeLessThan(2.7);
    const stage = (s: string) => ikms.filter((i) => i.currentStage === s).length / ikms.length;
    expect(stage("PEMULA")).toBeGreaterThan(0.7);
    expect(stage("PEMULA")).toBeLessThan(0.9);
    expect(stage("MANDIRI")).toBeGreaterThan(0);
    expect(stage("MANDIRI")).toBeLessThan(stage("PRAMANDIRI"));
    expect(stage("PRAMANDIRI")).toBeLessThan(stage("MADYA"));
    expect(await one(`SELECT count(*) FROM "Ikm" WHERE "stageVersion" <> 0`)).toBe(0);
  });

  it("spreads IKMs like BPS 2020: Java the majority, Central Java the largest province", async () => {
    const byProvince = await rows<{ p: string; n: string }>(`SELECT left("regionCode", 2) AS p, count(*) AS n FROM "Ikm" GROUP BY 1 ORDER BY 2 DESC`);
    const total = 2 * N;
    const share = (p: string) => Number(byProvince.find((r) => r.p === p)?.n ?? 0) / total;
    expect(byProvince[0].p).toBe("33");
    expect(share("33")).toBeGreaterThan(0.16);
    expect(share("33")).toBeLessThan(0.27);
    expect(share("35")).toBeGreaterThan(0.13);
    expect(share("32")).toBeGreaterThan(0.1);
    const java = ["31", "32", "33", "34", "35", "36"].reduce((a, p) => a + share(p), 0);
    expect(java).toBeGreaterThan(0.55);
    expect(java).toBeLessThan(0.72);
    expect(byProvince.length).toBeGreaterThan(25); // the rest spread over the other provinces
    const codes = await rows<{ regionCode: string }>(`SELECT DISTINCT "regionCode" FROM "Ikm"`);
    for (const { regionCode } of codes) {
      expect(regionCode).toMatch(/^\d{2}\.\d{2}$/);
      expect(regionCodeProblem(regionCode)).toBeNull();
    }
    expect(await one(`SELECT count(*) FROM "Ikm" WHERE (latitude IS NULL) <> (longitude IS NULL)`)).toBe(0);
    expect(await one(`SELECT count(*) FROM "Ikm" WHERE latitude NOT BETWEEN -11.5 AND 6.5 OR longitude NOT BETWEEN 94.5 AND 141.5`)).toBe(0);
    const withoutCoordinates = await one(`SELECT avg((latitude IS NULL)::int) FROM "Ikm" WHERE workers < 5`);
    expect(withoutCoordinates).toBeGreaterThan(0.04);
    expect(withoutCoordinates).toBeLessThan(0.18);
    expect(await one(`SELECT count(*) FROM "Ikm" WHERE workers >= 5 AND (latitude IS NULL OR nib IS NULL)`)).toBe(0);
    // Regencies cluster: IKMs of one regency sit much closer together than the province's spread.
    const spread = await one(`SELECT avg(sd) FROM (SELECT stddev(latitude) AS sd FROM "Ikm" WHERE left("regionCode", 2) = '33'
      GROUP BY "regionCode" HAVING count(*) > 20) x`);
    const provinceSpread = await one(`SELECT stddev(latitude) FROM "Ikm" WHERE left("regionCode", 2) = '33'`);
    expect(spread).toBeLessThan(provinceSpread);
  });

  it("gives 1-3 capabilities per IKM over valid processes: food ~40%, automotive processes ~10%", async () => {
    expect(await one(`SELECT count(*) FROM "Ikm" i WHERE NOT EXISTS (SELECT 1 FROM "Capability" c WHERE c."ikmId" = i.id)`)).toBe(0);
    expect(await one(`SELECT max(n) FROM (SELECT count(*) AS n FROM "Capability" GROUP BY "ikmId") x`)).toBeLessThanOrEqual(3);
    const processes = await rows<{ process: string }>(`SELECT DISTINCT process::text AS process FROM "Capability"`);
    for (const { process } of processes) expect(Object.values(Process)).toContain(process);
    const total = 2 * N;
    const food = await one(`SELECT count(DISTINCT "ikmId") FROM "Capability" WHERE process = 'FOOD'`);
    expect(food / total).toBeGreaterThan(0.3);
    expect(food / total).toBeLessThan(0.5);
    const automotive = await one(`SELECT count(DISTINCT "ikmId") FROM "Capability" WHERE process::text = ANY($1)`, [AUTOMOTIVE]);
    expect(automotive / total).toBeGreaterThan(0.06);
    expect(automotive / total).toBeLessThan(0.18);
    // Materials: lower-case, trimmed, single-spaced, Indonesian and English mixed.
    const materials = (await rows<{ m: string }>(`SELECT DISTINCT unnest(materials) AS m FROM "Capability"`)).map((r) => r.m);
    for (const m of materials) expect(m).toBe(m.trim().toLowerCase().replace(/\s+/g, " "));
    expect(materials).toEqual(expect.arrayContaining(["besi cor", "cast iron", "baja", "steel", "kain katun"]));
    expect(await one(`SELECT count(*) FROM "Capability" WHERE cardinality(materials) = 0`)).toBe(0);
    // Tolerance where it means something, in plausible ranges.
    expect(await one(`SELECT count(*) FROM "Capability" WHERE process = 'FOOD' AND "toleranceMm" IS NOT NULL`)).toBe(0);
    expect(await one(`SELECT max("toleranceMm") FROM "Capability" WHERE process = 'MACHINING_CNC'`)).toBeLessThanOrEqual(0.05);
    expect(await one(`SELECT min("toleranceMm") FROM "Capability" WHERE process = 'CASTING'`)).toBeGreaterThanOrEqual(0.3);
    expect(await one(`SELECT count(*) FROM "Capability" WHERE "monthlyCapacity" < 1`)).toBe(0);
    expect(await one(`SELECT avg(("capacityUnit" IN ('KG', 'LITER'))::int) FROM "Capability" WHERE process IN ('FOOD', 'BEVERAGES')`)).toBeGreaterThan(0.5);
  });

  it("issues certifications with history: some expired, ISO 9001 rare overall but common for medium units", async () => {
    const certs = await rows<{ type: string; validFrom: Date; validUntil: Date | null; workers: number; process: string }>(
      `SELECT c.type::text AS type, c."validFrom", c."validUntil", i.workers,
        (SELECT process::text FROM "Capability" k WHERE k."ikmId" = i.id ORDER BY k.id LIMIT 1) AS process
       FROM "Certification" c JOIN "Ikm" i ON i.id = c."ikmId"`);
    const expired = certs.filter((c) => c.validUntil !== null && c.validUntil < REFERENCE).length / certs.length;
    expect(expired).toBeGreaterThan(0.1);
    expect(expired).toBeLessThan(0.35);
    expect(certs.filter((c) => c.validUntil !== null && c.validUntil <= c.validFrom)).toEqual([]);
    for (const c of certs.filter((x) => x.type === "HALAL")) expect(["FOOD", "BEVERAGES", "HERBAL", "COSMETICS"]).toContain(c.process);
    const isoShare = await one(`SELECT avg((EXISTS (SELECT 1 FROM "Certification" c WHERE c."ikmId" = i.id AND c.type = 'ISO_9001'))::int) FROM "Ikm" i`);
    expect(isoShare).toBeGreaterThan(0.003);
    expect(isoShare).toBeLessThan(0.04);
    const isoMedium = await one(`SELECT avg((EXISTS (SELECT 1 FROM "Certification" c WHERE c."ikmId" = i.id AND c.type = 'ISO_9001'))::int)
      FROM "Ikm" i WHERE workers >= 20`);
    expect(isoMedium).toBeGreaterThan(isoShare * 5);
    // A renewal keeps its expired predecessor: the same type twice for one IKM, one ended when the next began.
    expect(await one(`SELECT count(*) FROM "Certification" a JOIN "Certification" b
      ON a."ikmId" = b."ikmId" AND a.type = b.type AND a."validUntil" = b."validFrom"`)).toBeGreaterThan(0);
  });

  it("forms sentra of >= 5 members sharing the sentra's regency and process (PP 29/2018), ~11% of IKMs", async () => {
    const sentra = await rows<{ id: string; regionCode: string; process: string; members: string; sameRegion: string; sameProcess: string }>(
      `SELECT s.id, s."regionCode", s.process::text AS process, count(*) AS members,
        count(*) FILTER (WHERE i."regionCode" = s."regionCode") AS "sameRegion",
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Capability" c WHERE c."ikmId" = i.id AND c.process = s.process)) AS "sameProcess"
       FROM "Sentra" s JOIN "SentraMembership" m ON m."sentraId" = s.id JOIN "Ikm" i ON i.id = m."ikmId" GROUP BY s.id`);
    expect(sentra.length).toBe(first.sentra + second.sentra);
    for (const s of sentra) {
      expect(Number(s.members)).toBeGreaterThanOrEqual(5);
      expect(Number(s.members)).toBeLessThanOrEqual(200);
      expect(s.sameRegion).toBe(s.members);
      expect(s.sameProcess).toBe(s.members);
    }
    const share = (await one(`SELECT count(DISTINCT "ikmId") FROM "SentraMembership"`)) / (2 * N);
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.14);
  });

  it("forms koperasi of 20-150 members in one regency, ~3% of IKMs, with unique registration numbers", async () => {
    const koperasi = await rows<{ members: string; sameRegion: string; offtaker: boolean }>(
      `SELECT count(*) AS members, count(*) FILTER (WHERE i."regionCode" = k."regionCode") AS "sameRegion", k.offtaker
       FROM "Koperasi" k JOIN "KoperasiMembership" m ON m."koperasiId" = k.id JOIN "Ikm" i ON i.id = m."ikmId" GROUP BY k.id`);
    expect(koperasi.length).toBe(first.koperasi + second.koperasi);
    for (const k of koperasi) {
      expect(Number(k.members)).toBeGreaterThanOrEqual(20);
      expect(Number(k.members)).toBeLessThanOrEqual(150);
      expect(k.sameRegion).toBe(k.members);
    }
    const share = (await one(`SELECT count(DISTINCT "ikmId") FROM "KoperasiMembership"`)) / (2 * N);
    expect(share).toBeGreaterThan(0.015);
    expect(share).toBeLessThan(0.045);
  });

  it("keeps 5R audits and delivery records consistent", async () => {
    expect(await one(`SELECT count(*) FROM "FiveRAudit" WHERE "pointsEarned" > 2 * "itemsScored" OR "pointsEarned" < 0`)).toBe(0);
    expect(await one(`SELECT count(*) FROM "FiveRAudit"
      WHERE "scorePercent" <> round("pointsEarned"::numeric / (2 * "itemsScored") * 100, 2)`)).toBe(0);
    const audited = await one(`SELECT count(DISTINCT "ikmId") FROM "FiveRAudit"`) / (2 * N);
    expect(audited).toBeGreaterThan(0.02);
    expect(audited).toBeLessThan(0.09);
    expect(await one(`SELECT count(*) FROM "DeliveryRecord" WHERE "lotsOnTime" > "lotsDelivered" OR "qtyRejected" > "qtyDelivered"
      OR "firmId" IS NOT NULL OR extract(day FROM month) <> 1 OR month NOT BETWEEN '2024-12-01' AND '2026-10-01'`)).toBe(0);
    expect(await one(`SELECT min(n) FROM (SELECT count(*) AS n FROM "DeliveryRecord" GROUP BY "ikmId") x`)).toBeGreaterThanOrEqual(6);
    const onTime = await one(`SELECT sum("lotsOnTime")::float / sum("lotsDelivered") FROM "DeliveryRecord"`);
    expect(onTime).toBeGreaterThan(0.8);
    expect(onTime).toBeLessThan(1);
    // Delivery records are mostly the automotive suppliers'.
    const automotive = await one(`SELECT avg((EXISTS (SELECT 1 FROM "Capability" c WHERE c."ikmId" = d."ikmId" AND c.process::text = ANY($1)))::int)
      FROM (SELECT DISTINCT "ikmId" FROM "DeliveryRecord") d`, [AUTOMOTIVE]);
    expect(automotive).toBeGreaterThan(0.3);
  });

  it("produces IKMs the API reads: filters, nested lists and global ids", async () => {
    const r = await t.gql(`{ ikms(first: 5, filter: { processes: [CASTING] }) { totalCount edges { node { id legalName synthetic
      capabilities { process materials toleranceMm } certifications { type validUntil } sentras { name } koperasis { name } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.ikms.totalCount).toBe(await one(`SELECT count(DISTINCT "ikmId") FROM "Capability" WHERE process = 'CASTING'`));
    expect(r.data.ikms.edges.length).toBeGreaterThan(0);
    for (const { node } of r.data.ikms.edges) {
      expect(node.synthetic).toBe(true);
      expect(node.capabilities.map((c: { process: string }) => c.process)).toContain("CASTING");
    }
    const member = (await rows<{ id: string }>(`SELECT "ikmId"::text AS id FROM "SentraMembership" LIMIT 1`))[0].id;
    const byId = await t.gql(`query($id: ID!) { node(id: $id) { ... on Ikm { legalName sentras { name process } } } }`, { id: toGlobalId("Ikm", member) });
    expect(byId.errors).toBeUndefined();
    expect(byId.data.node.sentras).toHaveLength(1);
    expect(byId.data.node.sentras[0].name).toMatch(/^Sentra /);
  });

  it("escapes COPY text and array values the way PostgreSQL reads them", async () => {
    const ikm = await makeIkm(t.prisma, { processes: ["CASTING"] });
    const materials = ["tab\there", "back\\slash", "new\nline", 'quo"te', "com,ma", "{brace}", "NULL", "", "  spaced  ", "plain"];
    const notes = "a\tb\\c\nd\re \\N";
    const line = `00000000-0000-4000-8000-00000000e5c1\t${ikm.id}\tSTAMPING\t${copyArray(materials)}\t1\tPCS\t${copyText(notes)}\n`;
    const stream = sql.query(copyFrom(`COPY "Capability" (id, "ikmId", process, materials, "monthlyCapacity", "capacityUnit", notes) FROM STDIN`));
    await pipeline(Readable.from([line]), stream);
    const row = await t.prisma.capability.findUniqueOrThrow({ where: { id: "00000000-0000-4000-8000-00000000e5c1" } });
    expect(row.materials).toEqual(materials);
    expect(row.notes).toBe(notes);
    expect(copyText(null)).toBe("\\N");
    expect(copyArray(null)).toBe("\\N");
    await t.prisma.ikm.delete({ where: { id: ikm.id } });
  });

  it("rolls a failing chunk back whole and keeps the chunks committed before it", async () => {
    const before = await one(`SELECT count(*) FROM "Ikm"`);
    const beforeMembers = await one(`SELECT count(*) FROM "SentraMembership"`);
    // Fails the second chunk: its IKMs are in (same transaction) when its sentra memberships arrive.
    // ENABLE ALWAYS, so the trigger fires even where the loader switches the foreign-key triggers off.
    await sql.query(`CREATE FUNCTION fail_second_chunk() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF (SELECT count(*) FROM "Ikm") > ${before + 1000} THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NULL; END $$`);
    await sql.query(`CREATE TRIGGER fail_second_chunk AFTER INSERT ON "SentraMembership" FOR EACH STATEMENT EXECUTE FUNCTION fail_second_chunk()`);
    await sql.query(`ALTER TABLE "SentraMembership" ENABLE ALWAYS TRIGGER fail_second_chunk`);
    const seen: number[] = [];
    try {
      await expect(seedPopulation(t.databaseUrl, { ikms: 3000, seed: 13, chunkSize: 1000, connections: 1, onProgress: (done) => seen.push(done) }))
        .rejects.toThrow(/simulated failure/);
    } finally {
      await sql.query(`DROP TRIGGER fail_second_chunk ON "SentraMembership"; DROP FUNCTION fail_second_chunk()`);
    }
    expect(seen).toEqual([0, 1000]);
    expect(await one(`SELECT count(*) FROM "Ikm"`)).toBe(before + 1000);
    const chunkMembers = await one(`SELECT count(*) FROM "SentraMembership"`) - beforeMembers;
    expect(chunkMembers).toBeGreaterThan(0);
    // Nothing of the failed chunk remains: no IKM and no child row beyond the first chunk's serials.
    const lastCommitted = populationIkmId(2 * N + 1000);
    for (const [table, column] of [["Ikm", "id"], ["Capability", "ikmId"], ["Certification", "ikmId"], ["IkmKbli", "ikmId"],
      ["DeliveryRecord", "ikmId"], ["SentraMembership", "ikmId"], ["KoperasiMembership", "ikmId"]]) {
      expect(await one(`SELECT count(*) FROM "${table}" WHERE "${column}" > $1::uuid`, [lastCommitted]), table).toBe(0);
    }
    // The next run continues after the committed chunk.
    const resumed = await seedPopulation(t.databaseUrl, { ikms: 10, seed: 13 });
    expect(resumed.firstSerial).toBe(2 * N + 1001);
    expect(await one(`SELECT count(*) FROM "Ikm"`)).toBe(before + 1010);
  });
});
