/**
 * Issue 17, start to ready: the match index's columns kept on disk (src/infra/match-index/snapshot.ts)
 * and caught up from the "IkmChange" log at start. Real PostgreSQL and schema. A restored index must
 * answer exactly as a freshly loaded one and the pure scorer; a file it cannot trust is rebuilt from
 * PostgreSQL, and the log says why. No test waits on time: only on promises.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { crc32 } from "node:zlib";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { MatchIndex, type MatchIndexOptions } from "../../src/infra/match-index/match-index.js";
import { createDb } from "../../src/infra/db/client.js";
import { MATCH_INDEX } from "../../src/domain/limits.js";
import { needProfile } from "../../src/features/matching/match.service.js";
import { rankSuppliers } from "../../src/core/matching/scorer.js";
import type { NeedProfile } from "../../src/core/matching/types.js";
import type { Process } from "../../src/domain/enums.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/harness.js";
import { makeFirm, makeFoundation, makeIkm } from "../helpers/fixtures.js";
import { referenceProfiles } from "../helpers/profiles.js";
import { monthOfDate } from "../../src/core/matching/recency.js";

const PROCESSES: Process[] = ["STAMPING", "MACHINING_MANUAL", "WELDING_FABRICATION"];
let databaseUrl: string;
let prisma: PrismaClient;
let stopDb: () => Promise<void>;
let dir: string;
let file: string;
let baseline: Buffer;
const ikms: string[] = [];
const needs: NeedProfile[] = [];
let koperasiId: string;

/** A logger whose lines the test reads. */
function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({ write(chunk, _e, done) { for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l)); done(); } });
  return { log: pino({ level: "info" }, stream), lines };
}

async function start(options: MatchIndexOptions = {}) {
  const { log, lines } = capture();
  const index = await MatchIndex.start(databaseUrl, log, { workers: 1, snapshotDir: dir, ...options });
  return { index, lines };
}

/** Everything the index answers for the needs: each ranking and count. */
async function answers(index: MatchIndex) {
  const out = [];
  for (const need of needs) out.push({ ranked: (await index.rank(need, { first: 1000 })).ranked, count: await index.count(need) });
  return out;
}

/** The pure scorer's answers over profiles read from PostgreSQL now. */
async function pureAnswers(month = monthOfDate(new Date())) {
  const profiles = await referenceProfiles(prisma, month);
  return needs.map((need) => {
    const r = rankSuppliers(need, profiles, { first: 1000 });
    return { ranked: r.results.map((x) => ({ id: x.supplierId, total: x.total })), count: r.totalCount };
  });
}

async function freshAnswers(options: MatchIndexOptions = {}) {
  const fresh = await MatchIndex.start(databaseUrl, pino({ level: "silent" }), { workers: 1, ...options, snapshotDir: "off" });
  try {
    return await answers(fresh);
  } finally {
    await fresh.close();
  }
}

/** Rewrites the file's header JSON (and its crc), e.g. to claim another format or database. */
function withHeader(bytes: Buffer, change: (h: Record<string, unknown>) => void): Buffer {
  const length = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.subarray(16, 16 + length).toString("utf8"));
  change(header);
  const json = Buffer.from(JSON.stringify(header));
  const bodyAt = Math.ceil((16 + length) / 8) * 8;
  const head = Buffer.alloc(Math.ceil((16 + json.length) / 8) * 8);
  bytes.copy(head, 0, 0, 8);
  head.writeUInt32LE(json.length, 8);
  head.writeUInt32LE(crc32(json), 12);
  json.copy(head, 16);
  return Buffer.concat([head, bytes.subarray(bodyAt)]);
}

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  const db = createDb(databaseUrl);
  prisma = db.prisma;
  stopDb = async () => {
    await prisma.$disconnect();
    await dropTestDatabase(databaseUrl);
  };
  dir = mkdtempSync(path.join(os.tmpdir(), "jalin-snapshot-"));
  file = path.join(dir, MATCH_INDEX.snapshotFile);
  const firm = await makeFirm(prisma);
  for (let i = 0; i < 24; i++) {
    const ikm = await makeIkm(prisma, { stage: (["PEMULA", "MADYA", "MANDIRI"] as const)[i % 3], processes: [PROCESSES[i % 3], PROCESSES[(i + 1) % 3]] });
    await prisma.capability.updateMany({ where: { ikmId: ikm.id }, data: { monthlyCapacity: 500 + i * 97, toleranceMm: 0.02 + (i % 5) / 100 } });
    ikms.push(ikm.id);
  }
  koperasiId = (await prisma.koperasi.create({ data: { name: "Koperasi Uji", regionCode: "33.72" } })).id;
  await prisma.koperasiMembership.create({ data: { koperasiId, ikmId: ikms[5] } });
  for (const [i, process] of PROCESSES.entries()) {
    const need = await prisma.componentNeed.create({
      data: {
        firmId: firm.id, title: `Uji ${i}`, description: "Uji", status: "OPEN", processes: [process], materials: ["baja"],
        quantityPerMonth: 800 + i * 300, unit: "PCS", toleranceMm: i === 1 ? 0.04 : null, requiredCertifications: i === 2 ? ["ISO_9001"] : [],
        startDate: new Date("2027-03-01"),
      },
    });
    needs.push(needProfile(need));
  }
  // The baseline file: written in the background after a full load.
  const first = await start();
  expect(first.index.stats().snapshot).toBe(0);
  await first.index.snapshotWritten();
  await first.index.close();
  baseline = readFileSync(file);
}, 120_000);

afterAll(async () => {
  await stopDb?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("start from a snapshot", () => {
  it("catches up exactly the IKMs changed while no index ran, and answers as a fresh load and the pure scorer", async () => {
    writeFileSync(file, baseline);
    const cap = await prisma.capability.findFirstOrThrow({ where: { ikmId: ikms[0] } });
    await prisma.capability.update({ where: { id: cap.id }, data: { monthlyCapacity: 9_999, toleranceMm: 0.005 } });
    await prisma.certification.create({ data: { ikmId: ikms[1], type: "ISO_9001", number: "X-1", issuer: "Uji", validFrom: new Date("2025-01-01"), validUntil: new Date("2030-01-01") } });
    await prisma.deliveryRecord.create({ data: { ikmId: ikms[2], month: new Date("2026-09-01"), lotsDelivered: 5, lotsOnTime: 1, qtyDelivered: 500, qtyRejected: 90 } });
    await prisma.koperasiMembership.create({ data: { koperasiId, ikmId: ikms[4] } }); // ikms[5]'s peer processes change too
    const added = await makeIkm(prisma, { stage: "MANDIRI", processes: ["STAMPING"] });
    await prisma.ikm.delete({ where: { id: ikms[3] } });
    const { index, lines } = await start();
    try {
      expect(index.stats()).toMatchObject({ snapshot: 1, caughtUp: 7 });
      const loaded = lines.find((l) => l.msg === "match index loaded");
      expect(loaded).toMatchObject({ snapshot: true, caughtUp: 7 });
      const restored = await answers(index);
      expect(restored).toEqual(await freshAnswers());
      expect(restored).toEqual(await pureAnswers());
      expect(restored.some((a) => a.ranked.some((r) => r.id === added.id))).toBe(true);
      expect(restored.some((a) => a.ranked.some((r) => r.id === ikms[3]))).toBe(false);
    } finally {
      await index.close();
    }
  });

  it("catches up a change whose transaction was open while the columns were read and committed after", async () => {
    const writer = new pg.Client({ connectionString: databaseUrl });
    await writer.connect();
    try {
      await writer.query("BEGIN");
      await writer.query(`UPDATE "Capability" SET "monthlyCapacity" = 12345 WHERE "ikmId" = $1`, [ikms[6]]);
      rmSync(file, { force: true });
      const first = await start(); // full load: the update is not in its snapshot
      await first.index.snapshotWritten();
      await first.index.close();
      await writer.query("COMMIT");
    } finally {
      await writer.end();
    }
    const { index } = await start();
    try {
      expect(index.stats()).toMatchObject({ snapshot: 1, caughtUp: 1 });
      expect(await answers(index)).toEqual(await freshAnswers());
    } finally {
      await index.close();
    }
    baseline = readFileSync(file);
  });
});

describe("a snapshot that cannot be used is rebuilt from PostgreSQL", () => {
  /** Flips a byte of the first stored array (right after the header: never padding). */
  const flip = (b: Buffer) => {
    const c = Buffer.from(b);
    c[Math.ceil((16 + b.readUInt32LE(8)) / 8) * 8] ^= 0xff;
    return c;
  };
  const cases: Array<[string, (b: Buffer) => Buffer, RegExp]> = [
    ["a flipped byte", flip, /checksum/],
    ["a truncated file", (b) => b.subarray(0, b.length - 1000), /truncated/],
    ["another format version", (b) => withHeader(b, (h) => (h.format = "0:old")), /other format/],
    ["another database", (b) => withHeader(b, (h) => (h.database = "1:2:elsewhere")), /other database/],
  ];
  for (const [name, spoil, why] of cases) {
    it(`${name}`, async () => {
      writeFileSync(file, spoil(baseline));
      const { index, lines } = await start();
      try {
        expect(index.stats().snapshot).toBe(0);
        expect(lines.find((l) => l.msg === "match index snapshot not used; loading from PostgreSQL")?.reason).toMatch(why);
        expect(await answers(index)).toEqual(await freshAnswers());
        await index.snapshotWritten(); // the full load wrote a good file again
      } finally {
        await index.close();
      }
      expect(readFileSync(file).length).toBe(baseline.length);
    });
  }

  it("another reference month (the clock turned)", async () => {
    writeFileSync(file, baseline);
    const later = new Date();
    later.setUTCMonth(later.getUTCMonth() + 1);
    const clock = () => later;
    const { index, lines } = await start({ clock });
    try {
      expect(index.stats().snapshot).toBe(0);
      expect(lines.find((l) => l.msg === "match index snapshot not used; loading from PostgreSQL")?.reason).toMatch(/other month/);
      expect(await answers(index)).toEqual(await freshAnswers({ clock }));
      expect(await answers(index)).toEqual(await pureAnswers(monthOfDate(later)));
      await index.snapshotWritten();
    } finally {
      await index.close();
    }
  });

  it("a bulk change since the snapshot", async () => {
    writeFileSync(file, baseline);
    const top = await makeFoundation(prisma, "Yayasan Induk");
    const centre = await makeFoundation(prisma, "Pusat Regional");
    await prisma.foundation.update({ where: { id: centre.id }, data: { parentId: top.id } }); // "*": every mentee may change
    const { index, lines } = await start();
    try {
      expect(index.stats().snapshot).toBe(0);
      expect(lines.find((l) => l.msg === "match index snapshot not used; loading from PostgreSQL")?.reason).toMatch(/bulk/);
      expect(await answers(index)).toEqual(await freshAnswers());
      await index.snapshotWritten();
    } finally {
      await index.close();
    }
  });

  it("a TRUNCATE since the snapshot (no row trigger fires for it)", async () => {
    writeFileSync(file, baseline);
    const before = await freshAnswers();
    await prisma.$executeRawUnsafe(`TRUNCATE "Certification"`);
    const { index, lines } = await start();
    try {
      expect(index.stats().snapshot).toBe(0);
      expect(lines.find((l) => l.msg === "match index snapshot not used; loading from PostgreSQL")?.reason).toMatch(/bulk/);
      const after = await answers(index);
      expect(after).toEqual(await pureAnswers());
      expect(after).not.toEqual(before); // the certifications mattered: the file's answers would be wrong
      await index.snapshotWritten();
    } finally {
      await index.close();
    }
  });

  it("no file: loads from PostgreSQL and says so at info level", async () => {
    rmSync(file, { force: true });
    const { index, lines } = await start();
    try {
      expect(index.stats().snapshot).toBe(0);
      const line = lines.find((l) => l.msg === "match index snapshot not used; loading from PostgreSQL");
      expect(line).toMatchObject({ level: 30 });
      await index.snapshotWritten();
    } finally {
      await index.close();
    }
  });
});

describe("the IkmChange log", () => {
  it("records each IKM of a multi-row write once, with the writing transaction; a rollback records nothing", async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const mine = await prisma.$transaction(async (tx) => {
        await tx.deliveryRecord.createMany({
          data: [ikms[7], ikms[7], ikms[7], ikms[8], ikms[8]].map((ikmId, i) => ({
            ikmId, month: new Date(`2026-0${i + 1}-01`), lotsDelivered: 2, lotsOnTime: 2, qtyDelivered: 100, qtyRejected: 0,
          })),
        });
        return tx.$queryRaw<Array<{ ikmId: string }>>`SELECT "ikmId"::text AS "ikmId" FROM "IkmChange" WHERE xid = pg_current_xact_id()`;
      });
      expect(mine.map((r) => r.ikmId).sort()).toEqual([ikms[7], ikms[8]].sort());
      const before = await client.query(`SELECT xid::text FROM "IkmChange" WHERE "ikmId" = $1`, [ikms[9]]);
      await client.query("BEGIN");
      await client.query(`UPDATE "Ikm" SET workers = workers + 1 WHERE id = $1`, [ikms[9]]);
      await client.query("ROLLBACK");
      const after = await client.query(`SELECT xid::text FROM "IkmChange" WHERE "ikmId" = $1`, [ikms[9]]);
      expect(after.rows).toEqual(before.rows);
    } finally {
      await client.end();
    }
  });
});
