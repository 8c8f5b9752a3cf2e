/**
 * The loaders' prepared statements (src/infra/db/sql/loaders.ts through SqlReader) answer exactly
 * what the Prisma queries they replaced answer, on the same rows: the demo data, 500 generated IKMs
 * (random capabilities, machines, certificates, financial figures) and rows holding the edge values
 * (nulls, decimals, BigInts, enum arrays, dates). Each batch read is asked both ways, with the same
 * keys, and the answers must be deeply equal, types included (Date, Prisma.Decimal, BigInt).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed/demo.js";
import { seedPopulation } from "../../prisma/seed/population.js";
import type { NeedScope } from "../../src/domain/need-status.js";
import { type DbHandle, createDb } from "../../src/infra/db/client.js";
import { AccountRepository } from "../../src/infra/db/repositories/accounts.repository.js";
import { LoaderRepository } from "../../src/infra/db/repositories/loaders.repository.js";
import { MatchingRepository } from "../../src/infra/db/repositories/matching.repository.js";
import { NeedRepository } from "../../src/infra/db/repositories/needs.repository.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/harness.js";
import { makeFirm, makeIkm } from "../helpers/fixtures.js";

let url: string;
let db: DbHandle;
let viaSql: LoaderRepository;
let viaPrisma: LoaderRepository;

beforeAll(async () => {
  url = await createTestDatabase();
  await seedPopulation(url, { ikms: 500, seed: 7, connections: 1 });
  db = createDb(url);
  await seedDemo(db.prisma);
  // Edge values: an IKM with no coordinates or figures, a tolerance with four decimals, a certificate with no end.
  const firm = await makeFirm(db.prisma, "PT Tepi Nilai");
  const ikm = await makeIkm(db.prisma, { name: "UD Tepi Nilai", processes: ["MACHINING_MANUAL"] });
  await db.prisma.ikm.update({ where: { id: ikm.id }, data: { latitude: null, longitude: null, investmentIdr: 9_007_199_254_740_993n, capitalIdr: null } });
  await db.prisma.capability.create({ data: { ikmId: ikm.id, process: "PLATING_PAINTING", specificProcesses: ["CHROME_PLATING", "ELECTROPLATING"], materials: ["baja", "kuningan"], toleranceMm: "0.0125", monthlyCapacity: 1, capacityUnit: "KG" } });
  await db.prisma.certification.create({ data: { ikmId: ikm.id, type: "ISO_9001", number: "T-1", issuer: "Uji", validFrom: new Date("2024-02-29T00:00:00Z"), validUntil: null } });
  await db.prisma.componentNeed.create({ data: {
    firmId: firm.id, title: "Tepi", description: "edge values", processes: ["PLATING_PAINTING", "MACHINING_MANUAL"], specificProcesses: ["CHROME_PLATING"],
    materials: [], quantityPerMonth: 1, unit: "SET", toleranceMm: "0.0050", requiredCertifications: ["ISO_9001", "HALAL"], minimumStage: "MADYA",
    startDate: new Date("2027-01-01T00:00:00Z"), endDate: new Date("2027-12-31T00:00:00Z"), status: "OPEN", publishedAt: new Date("2026-12-04T01:02:03.456Z"),
  } as never });
  // A need written by SQL with NULL lists (Prisma reads them as []).
  await db.prisma.$executeRawUnsafe(`INSERT INTO "ComponentNeed" ("id", "firmId", "title", "description", "processes", "materials", "requiredCertifications",
    "quantityPerMonth", "unit", "minimumStage", "startDate", "endDate", "status", "updatedAt")
    VALUES (gen_random_uuid(), $1::uuid, 'Daftar kosong', 'NULL lists', '{STAMPING}', NULL, NULL, 5, 'PCS', 'PEMULA', '2027-01-01', '2027-06-30', 'OPEN', now())`, firm.id);
  viaSql = db.database.repos.loaders;
  viaPrisma = new LoaderRepository(db.prisma);
}, 300_000);

afterAll(async () => {
  await db?.prisma.$disconnect();
  if (url) await dropTestDatabase(url);
});

async function ids(table: string, column = "id"): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT DISTINCT "${column}"::text AS id FROM "${table}" ORDER BY 1`);
  return rows.map((r) => r.id);
}

describe("the loaders' prepared statements answer as Prisma does", () => {
  it("by id: firms, IKMs, needs, users (a missing id too)", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const [method, table] of [["firms", "Firm"], ["ikms", "Ikm"], ["needs", "ComponentNeed"], ["users", "User"]] as const) {
      const keys = [...(await ids(table)), missing];
      const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
      const sql = await viaSql[method](keys);
      expect(sql.length, table).toBeGreaterThan(2);
      expect(byId(sql), table).toEqual(byId(await viaPrisma[method](keys)));
    }
  });

  it("grouped and ordered: capabilities, machines, certificates, members, status changes", async () => {
    const ikmIds = await ids("Ikm");
    for (const method of ["capabilitiesOfIkms", "machinesOfIkms", "certificationsOfIkms"] as const) {
      const sql = await viaSql[method](ikmIds);
      expect(sql.length, method).toBeGreaterThan(100);
      expect(sql, method).toEqual(await viaPrisma[method](ikmIds));
    }
    const firmIds = await ids("Firm");
    expect(await viaSql.membersOfFirms(firmIds)).toEqual(await viaPrisma.membersOfFirms(firmIds));
    const needIds = await ids("ComponentNeed");
    const changes = await viaSql.statusChangesOfNeeds(needIds);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes).toEqual(await viaPrisma.statusChangesOfNeeds(needIds));
  });

  it("the needs of firms each viewer may see: everyone's, a firm's own, the published ones", async () => {
    const firmIds = await ids("Firm");
    const [someFirm] = await ids("ComponentNeed", "firmId");
    const scopes: NeedScope[] = [{ kind: "all" }, { kind: "firm", firmId: someFirm }, { kind: "firm", firmId: null }, { kind: "published" }];
    const counts: number[] = [];
    for (const scope of scopes) {
      const sql = await viaSql.visibleNeedsOfFirms(firmIds, scope);
      expect(sql, scope.kind).toEqual(await viaPrisma.visibleNeedsOfFirms(firmIds, scope));
      counts.push(sql.length);
    }
    expect(counts[0]).toBeGreaterThan(counts[3]); // drafts and awarded needs are not published
    expect(counts[1]).toBeGreaterThan(0);
    expect(counts[2]).toBe(0);
  });

  it("one need as each viewer may open it (NeedRepository.findVisibleNeed): everyone's, a firm's own, the published ones", async () => {
    const viaSqlNeeds = db.database.repos.needs;
    const viaPrismaNeeds = new NeedRepository(db.prisma);
    const needIds = [...(await ids("ComponentNeed")), "00000000-0000-4000-8000-000000000000"];
    const [someFirm, otherFirm] = await ids("ComponentNeed", "firmId");
    const scopes: NeedScope[] = [{ kind: "all" }, { kind: "firm", firmId: someFirm }, { kind: "firm", firmId: otherFirm }, { kind: "firm", firmId: null }, { kind: "published" }];
    const found = scopes.map(() => 0);
    for (const id of needIds) {
      for (const [i, scope] of scopes.entries()) {
        const sql = await viaSqlNeeds.findVisibleNeed(id, scope);
        expect(sql, `${id} ${JSON.stringify(scope)}`).toEqual(await viaPrismaNeeds.findVisibleNeed(id, scope));
        if (sql) found[i] += 1;
      }
    }
    expect(found[0]).toBe(needIds.length - 1); // every need but the missing id
    expect(found[1]).toBeGreaterThan(0);
    expect(found[0]).toBeGreaterThan(found[4]); // drafts are not published
    expect(found[3]).toBe(0);
  });

  it("every open need, which opportunities rank (MatchingRepository.listOpenNeeds)", async () => {
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const sql = await db.database.repos.matching.listOpenNeeds();
    expect(sql.length).toBeGreaterThan(2);
    expect(byId(sql)).toEqual(byId(await new MatchingRepository(db.prisma).listOpenNeeds()));
  });

  it("keeps the types Prisma gives: Decimal, BigInt, dates at midnight UTC, enum arrays", async () => {
    const [edge] = await db.prisma.ikm.findMany({ where: { legalName: "UD Tepi Nilai" }, select: { id: true } });
    const [ikm] = await viaSql.ikms([edge.id]);
    expect(ikm.investmentIdr).toBe(9_007_199_254_740_993n);
    expect(ikm.capitalIdr).toBeNull();
    const capability = (await viaSql.capabilitiesOfIkms([edge.id])).find((c) => c.process === "PLATING_PAINTING")!;
    expect(capability.toleranceMm?.toString()).toBe("0.0125");
    expect(capability.specificProcesses).toEqual(["CHROME_PLATING", "ELECTROPLATING"]);
    const [certificate] = await viaSql.certificationsOfIkms([edge.id]);
    expect(certificate.validFrom.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(certificate.validUntil).toBeNull();
    const [need] = (await viaSql.visibleNeedsOfFirms(await ids("Firm"), { kind: "all" })).filter((n) => n.title === "Tepi");
    expect(need.requiredCertifications).toEqual(["ISO_9001", "HALAL"]);
    expect(need.publishedAt?.toISOString()).toBe("2026-12-04T01:02:03.456Z");
    const [empty] = (await viaSql.visibleNeedsOfFirms(await ids("Firm"), { kind: "all" })).filter((n) => n.title === "Daftar kosong");
    expect([empty.materials, empty.requiredCertifications]).toEqual([[], []]);
  });

  it("the signed-in user's role and tenant, read on every request", async () => {
    const viaSqlAccounts = db.database.repos.accounts;
    const viaPrismaAccounts = new AccountRepository(db.prisma);
    const userIds = await ids("User");
    expect(userIds.length).toBeGreaterThan(3);
    for (const id of [...userIds, "00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      expect(await viaSqlAccounts.findFacts(id), id).toEqual(await viaPrismaAccounts.findFacts(id).catch(() => null));
    }
  });

  it("counts each prepared statement as one statement, as the N+1 tests read them", async () => {
    const ikmIds = await ids("Ikm");
    db.statements.reset();
    await viaSql.capabilitiesOfIkms(ikmIds);
    expect(db.statements.statements).toEqual([expect.stringMatching(/^SELECT "id", .* FROM "Capability" WHERE "ikmId" = ANY\(\$1::uuid\[\]\)/)]);
  });
});
