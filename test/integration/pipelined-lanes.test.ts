/**
 * The short reads go through a few connections in pg's pipeline mode (src/infra/db/pipelined-lanes.ts):
 * many statements written at once on one connection, answered in order. These tests hold what must
 * not change with it: every read answers what the pool answers, a statement that fails fails alone,
 * a lane whose connection is cut is replaced, the lanes end with the pool, and only reads that are
 * short by construction (by key, or an unfiltered keyset page) are sent there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, PIPELINED_LANES, createDb } from "../../src/infra/db/client.js";
import { LANE_APPLICATION_NAME } from "../../src/infra/db/pipelined-lanes.js";
import { SqlReader } from "../../src/infra/db/sql-reader.js";
import { LIST_SQL } from "../../src/infra/db/sql/lists.js";
import { LOADER_SQL } from "../../src/infra/db/sql/loaders.js";
import { makeFirm, makeIkm } from "../helpers/fixtures.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/harness.js";
import { until } from "../helpers/subscriptions.js";

let url: string;
let piped: DbHandle;
let plain: DbHandle;
let ikmIds: string[];
let firmIds: string[];

/** Connections of the lanes open on the test database now. */
async function laneConnections(): Promise<number> {
  const [row] = await plain.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, LANE_APPLICATION_NAME);
  return row.n;
}

beforeAll(async () => {
  url = await createTestDatabase();
  piped = createDb(url);
  plain = createDb(url, { lanes: 0 });
  await piped.prisma.firm.count(); // connected, so that $disconnect ends its pool (and lanes) in afterAll
  const ikms = await Promise.all(Array.from({ length: 12 }, (_, i) => makeIkm(plain.prisma, { name: `UD Jalur ${i}`, processes: i % 2 ? ["CASTING", "STAMPING"] : ["MACHINING_MANUAL"] })));
  ikmIds = ikms.map((i) => i.id);
  for (const [i, ikmId] of ikmIds.entries()) {
    await plain.prisma.certification.create({ data: { ikmId, type: i % 2 ? "ISO_9001" : "HALAL", number: `J-${i}`, issuer: "Uji", validFrom: new Date("2025-01-01T00:00:00Z"), validUntil: i % 3 ? null : new Date("2027-01-01T00:00:00Z") } });
  }
  firmIds = (await Promise.all([makeFirm(plain.prisma, "PT Jalur Satu"), makeFirm(plain.prisma, "PT Jalur Dua")])).map((f) => f.id);
}, 120_000);

afterAll(async () => {
  await piped?.prisma.$disconnect();
  await plain?.prisma.$disconnect();
  if (url) await dropTestDatabase(url);
});

/** 120 reads of every kind the lanes carry, all sent at once, each with its own keys. */
function manyReads(db: DbHandle) {
  const loaders = db.database.repos.loaders;
  return Promise.all(Array.from({ length: 120 }, (_, i) => {
    const some = ikmIds.filter((_, j) => (i + j) % 3 === 0);
    switch (i % 4) {
      case 0: return loaders.ikms(some);
      case 1: return loaders.capabilitiesOfIkms(some);
      case 2: return loaders.certificationsOfIkms(some);
      default: return loaders.firms(firmIds.slice(i % 2));
    }
  }));
}

describe("the pipelined lanes of the short reads", () => {
  it("answer many reads sent at once as the pool does, on at most PIPELINED_LANES connections", async () => {
    const [viaLanes, viaPool] = [await manyReads(piped), await manyReads(plain)];
    expect(viaLanes).toEqual(viaPool);
    expect(viaLanes.filter((rows) => rows.length > 0).length).toBeGreaterThan(100);
    expect(piped.lanes!.stats()).toEqual({ total: PIPELINED_LANES, idle: PIPELINED_LANES, waiting: 0 });
    expect(await laneConnections()).toBe(PIPELINED_LANES);
  });

  it("fail a statement alone: the reads written before and after it on the same lane are answered", async () => {
    const sql = new SqlReader(piped.database.pool!, () => undefined, piped.lanes);
    const before = piped.database.repos.loaders.ikms(ikmIds);
    const bad = sql.rows(LOADER_SQL.firms, [["not-a-uuid"]]);
    const after = piped.database.repos.loaders.firms(firmIds);
    await expect(bad).rejects.toMatchObject({ code: "22P02" }); // invalid input syntax for type uuid
    expect((await before).map((r) => r.id).sort()).toEqual([...ikmIds].sort());
    expect((await after).map((r) => r.id).sort()).toEqual([...firmIds].sort());
  });

  it("replace a lane whose connection is cut", async () => {
    await manyReads(piped);
    await plain.prisma.$queryRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, LANE_APPLICATION_NAME);
    await until(() => piped.lanes!.stats().total === 0); // each lane hears its connection end
    expect(await manyReads(piped)).toEqual(await manyReads(plain));
    expect(piped.lanes!.stats().total).toBeGreaterThan(0);
  });

  it("end with the pool, and refuse reads afterwards", async () => {
    const other = createDb(url);
    await other.prisma.firm.count(); // as the server does at start: Prisma's $disconnect ends the pool only once connected
    await other.database.repos.loaders.ikms(ikmIds);
    await until(async () => (await laneConnections()) === piped.lanes!.stats().total + 1);
    await other.prisma.$disconnect();
    await until(async () => (await laneConnections()) === piped.lanes!.stats().total);
    await expect(other.database.repos.loaders.ikms(ikmIds)).rejects.toThrow(/closed/);
  });

  it("carry only reads that are short by construction", () => {
    const kept = Object.entries(LOADER_SQL).filter(([, s]) => !s.pipelined).map(([name]) => name);
    expect(kept).toEqual(["openNeeds"]); // every open need: not a read by key
    const today = new Date("2026-12-07T00:00:00Z");
    expect(LIST_SQL.ikms({}, today).page(null, 20).statement.pipelined).toBe(true);
    expect(LIST_SQL.ikms({}, today).page(["UD A", ikmIds[0]], 20).statement.pipelined).toBe(true); // after a cursor
    expect(LIST_SQL.ikms({ search: "jalur" }, today).page(null, 20).statement.pipelined).toBe(false);
    expect(LIST_SQL.ikms({ regionCode: "32" }, today).page(null, 20).statement.pipelined).toBe(false);
    expect(LIST_SQL.ikms({}, today).count().statement.pipelined).toBe(false);
    expect(LIST_SQL.firms({}).page(null, 20).statement.pipelined).toBe(true);
    expect(LIST_SQL.needs({ kind: "published" }, {}).page(null, 20).statement.pipelined).toBe(false);
  });
});
