/**
 * The lists' prepared statements (src/infra/db/sql/lists.ts) answer exactly what the Prisma
 * queries of FirmRepository, IkmRepository and NeedRepository answer: on the demo data, 500 generated IKMs and rows
 * at the edges (a certificate valid from or until today, names holding LIKE's wildcards), random
 * filters of every kind and their combinations are paged through both ways, page by page, with
 * random page sizes; every page (rows, cursors, hasNextPage) and every totalCount must be equal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed/demo.js";
import { seedPopulation } from "../../prisma/seed/population.js";
import { rng } from "../../prisma/seed/random.js";
import { CertificationType, FirmSector, FirmTier, MaturityStage, NeedStatus, Process } from "../../src/domain/enums.js";
import type { Page } from "../../src/domain/pagination.js";
import { type DbHandle, createDb } from "../../src/infra/db/client.js";
import type { FirmListFilter, IkmFilter, NeedListFilter } from "../../src/infra/db/repositories/filters.js";
import { NeedRepository } from "../../src/infra/db/repositories/needs.repository.js";
import type { NeedScope } from "../../src/domain/need-status.js";
import { FirmRepository } from "../../src/infra/db/repositories/firms.repository.js";
import { IkmRepository } from "../../src/infra/db/repositories/ikms.repository.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/harness.js";
import { makeFirm, makeIkm } from "../helpers/fixtures.js";

let url: string;
let db: DbHandle;
const pool = { regions: [] as string[], names: [] as string[], firmNames: [] as string[], sentras: [] as string[], koperasis: [] as string[], ikmIds: [] as string[] };

beforeAll(async () => {
  url = await createTestDatabase();
  await seedPopulation(url, { ikms: 500, seed: 11, connections: 1 });
  db = createDb(url);
  await seedDemo(db.prisma);
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  await makeFirm(db.prisma, "PT 100%_Tepi\\Nama");
  const until = await makeIkm(db.prisma, { name: "UD Sertifikat_Habis 50%", processes: ["STAMPING"] });
  const from = await makeIkm(db.prisma, { name: "UD Sertifikat Baru", processes: ["STAMPING", "WELDING_FABRICATION"] });
  await db.prisma.certification.create({ data: { ikmId: until.id, type: "ISO_9001", number: "E-1", issuer: "Uji", validFrom: new Date("2020-01-01T00:00:00Z"), validUntil: today } });
  await db.prisma.certification.create({ data: { ikmId: from.id, type: "ISO_9001", number: "E-2", issuer: "Uji", validFrom: today, validUntil: null } });
  const read = async (text: string) => (await db.prisma.$queryRawUnsafe<{ v: string }[]>(text)).map((r) => r.v);
  pool.regions = await read(`SELECT DISTINCT "regionCode" AS v FROM "Ikm" UNION SELECT DISTINCT "regionCode" FROM "Firm"`);
  pool.names = await read(`SELECT "legalName" AS v FROM "Ikm"`);
  pool.firmNames = await read(`SELECT "name" AS v FROM "Firm"`);
  pool.sentras = await read(`SELECT DISTINCT "sentraId"::text AS v FROM "SentraMembership"`);
  pool.koperasis = await read(`SELECT DISTINCT "koperasiId"::text AS v FROM "KoperasiMembership"`);
  pool.ikmIds = await read(`SELECT "id"::text AS v FROM "Ikm" ORDER BY random() LIMIT 120`);
}, 300_000);

afterAll(async () => {
  await db?.prisma.$disconnect();
  if (url) await dropTestDatabase(url);
});

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const some = <T>(r: () => number, list: readonly T[], most: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(r() * most) }, () => pick(r, list)))];

/** Text to search for: part of a name, a case change, a wildcard character, or something no name holds. */
function searchText(r: () => number, names: string[]): string {
  const name = pick(r, names);
  const start = Math.floor(r() * Math.max(1, name.length - 3));
  return pick(r, [name.slice(start, start + 3), name.slice(start, start + 5).toUpperCase(), "%", "_", "\\", "50%", ` ${name.slice(0, 4)} `, "tidak ada nama ini"]);
}

/** A region: one that exists, its province (everything inside it), or one with LIKE's wildcards. */
const regionCode = (r: () => number) => pick(r, [pick(r, pool.regions), pick(r, pool.regions).split(".")[0], "3_", "%"]);

function ikmFilter(r: () => number): IkmFilter {
  const filter: IkmFilter = {};
  if (r() < 0.3) filter.processes = some(r, Object.values(Process), 2);
  if (r() < 0.3) filter.regionCode = regionCode(r);
  if (r() < 0.2) filter.minimumStage = pick(r, Object.values(MaturityStage));
  if (r() < 0.2) filter.stages = some(r, Object.values(MaturityStage), 2);
  if (r() < 0.25) filter.certification = pick(r, Object.values(CertificationType));
  if (r() < 0.15 && pool.sentras.length) filter.sentraId = pick(r, pool.sentras);
  if (r() < 0.15 && pool.koperasis.length) filter.koperasiId = pick(r, pool.koperasis);
  if (r() < 0.15) filter.ids = some(r, pool.ikmIds, 60);
  if (r() < 0.3) filter.search = searchText(r, pool.names);
  return filter;
}

function firmFilter(r: () => number): FirmListFilter {
  const filter: FirmListFilter = {};
  if (r() < 0.4) filter.sector = pick(r, Object.values(FirmSector));
  if (r() < 0.4) filter.tier = pick(r, Object.values(FirmTier));
  if (r() < 0.4) filter.regionCode = regionCode(r);
  if (r() < 0.4) filter.search = searchText(r, pool.firmNames);
  return filter;
}

/** Every page of a list both ways, `first` rows at a time (at most `most` pages), compared; the rows seen. */
async function compare<T>(label: string, first: number, most: number, list: (after: string | null) => [Promise<Page<T>>, Promise<Page<T>>]): Promise<number> {
  let after: string | null = null;
  let seen = 0;
  for (let n = 0; n < most; n++) {
    const [viaSql, viaPrisma]: [Page<T>, Page<T>] = await Promise.all(list(after));
    const shape = (p: Page<T>) => ({ edges: p.edges, pageInfo: p.pageInfo });
    expect(shape(viaSql), `${label}, page ${n + 1}`).toEqual(shape(viaPrisma));
    if (n === 0) {
      const total = (p: Page<T>) => (typeof p.totalCount === "number" ? p.totalCount : p.totalCount());
      expect(await total(viaSql), `${label}, totalCount`).toBe(await total(viaPrisma));
    }
    seen += viaSql.nodes.length;
    if (!viaSql.pageInfo.hasNextPage) break;
    after = viaSql.pageInfo.endCursor;
  }
  return seen;
}

describe("the firm and IKM lists' prepared statements answer as Prisma does", () => {
  it("IKMs: every filter, alone and combined, page by page", async () => {
    const viaSql = db.database.repos.ikms;
    const viaPrisma = new IkmRepository(db.prisma);
    const r = rng(2026_12_04);
    const filters: IkmFilter[] = [{}, { certification: "ISO_9001" }, { search: "_" }, { search: "50%" }, ...Array.from({ length: 70 }, () => ikmFilter(r))];
    let rows = 0;
    let empty = 0;
    for (const [i, filter] of filters.entries()) {
      const first = 1 + Math.floor(r() * 60);
      const seen = await compare(`IKM filter ${i} ${JSON.stringify(filter)}, first ${first}`, first, 4,
        (after) => [viaSql.pageOfIkms({ first, after }, filter), viaPrisma.pageOfIkms({ first, after }, filter)]);
      rows += seen;
      if (seen === 0) empty += 1;
    }
    expect(rows).toBeGreaterThan(1000); // the filters found rows, not only empty lists
    expect(filters.length - empty).toBeGreaterThan(25); // and many filters found some
  });

  it("firms: every filter, alone and combined, page by page", async () => {
    const viaSql = db.database.repos.firms;
    const viaPrisma = new FirmRepository(db.prisma);
    const r = rng(17);
    const filters: FirmListFilter[] = [{}, { search: "100%_" }, { search: "\\" }, ...Array.from({ length: 40 }, () => firmFilter(r))];
    let rows = 0;
    for (const [i, filter] of filters.entries()) {
      const first = 1 + Math.floor(r() * 5);
      rows += await compare(`firm filter ${i} ${JSON.stringify(filter)}, first ${first}`, first, 6,
        (after) => [viaSql.pageOfFirms({ first, after }, filter), viaPrisma.pageOfFirms({ first, after }, filter)]);
    }
    expect(rows).toBeGreaterThan(20);
  });

  it("needs: each viewer's scope with every filter, newest first, page by page", async () => {
    const viaSql = db.database.repos.needs;
    const viaPrisma = new NeedRepository(db.prisma);
    const firmIds = (await db.prisma.componentNeed.findMany({ select: { firmId: true }, distinct: ["firmId"] })).map((n) => n.firmId);
    const r = rng(5);
    const scopes: NeedScope[] = [{ kind: "all" }, { kind: "published" }, { kind: "firm", firmId: null }, ...firmIds.map((firmId) => ({ kind: "firm" as const, firmId }))];
    let rows = 0;
    for (let i = 0; i < 40; i++) {
      const scope = i < scopes.length ? scopes[i] : pick(r, scopes);
      const filter: NeedListFilter = {};
      if (r() < 0.4) filter.statuses = some(r, Object.values(NeedStatus), 2);
      if (r() < 0.3) filter.process = pick(r, Object.values(Process));
      if (r() < 0.3) filter.firmId = pick(r, firmIds);
      const first = 1 + Math.floor(r() * 4);
      rows += await compare(`needs ${JSON.stringify(scope)} ${JSON.stringify(filter)}, first ${first}`, first, 5,
        (after) => [viaSql.pageOfNeeds({ first, after }, scope, filter), viaPrisma.pageOfNeeds({ first, after }, scope, filter)]);
    }
    expect(rows).toBeGreaterThan(40);
  });

  it("a certificate is valid from its first day through its last, both ways", async () => {
    const page = await db.database.repos.ikms.pageOfIkms({ first: 100 }, { certification: "ISO_9001", search: "UD Sertifikat" });
    expect(page.nodes.map((i) => i.legalName).sort()).toEqual(["UD Sertifikat Baru", "UD Sertifikat_Habis 50%"]);
  });

  it("runs as prepared statements outside a transaction: one statement a page, one for the count", async () => {
    db.statements.reset();
    const page = await db.database.repos.ikms.pageOfIkms({ first: 5 }, { search: "a", processes: ["STAMPING"] });
    await (page.totalCount as () => Promise<number>)();
    expect(db.statements.statements).toEqual([
      expect.stringMatching(/^SELECT t\."id", .* FROM "Ikm" t WHERE .* ORDER BY t\."legalName" ASC, t\."id" ASC LIMIT \$3::int$/),
      expect.stringMatching(/^SELECT count\(\*\)::int AS "count" FROM "Ikm" t WHERE /),
    ]);
  });
});
