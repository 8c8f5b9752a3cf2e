/**
 * Start to ready (issue 17): how long the match index takes to answer after a start, loading every
 * IKM from PostgreSQL (no snapshot file) or restoring the columns' snapshot file and catching up the
 * IKMs changed since; then the bundled server, spawn to /readyz, both ways. On npm run bench's population (--data-dir, grown to --size with npm run seed's
 * generator when smaller), or BENCH_DATABASE_URL.
 *   npx tsx scripts/bench-start.ts [--size 100k] [--changes 1000] [--data-dir .data/bench]
 */
import "reflect-metadata";
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import pino from "pino";
import { seedPopulation } from "../prisma/seed/population.js";
import { startEmbeddedPostgres } from "../src/infra/db/embedded.js";
import { migrate } from "../src/infra/db/migrate.js";
import { MATCH_INDEX } from "../src/domain/limits.js";
import { MatchIndex } from "../src/infra/match-index/match-index.js";
import { parseSize, startServerProcess, usage } from "./bench-server.js";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100k" },
    changes: { type: "string", default: "1000" },
    "data-dir": { type: "string", default: ".data/bench" },
  },
});
const log = pino({ level: process.env.LOG_LEVEL ?? "warn" });
const seconds = (ms: number) => Math.round(ms) / 1000;

/** Changes `n` random IKMs' capabilities, at most 200 IKMs a statement (more is a bulk change, "*"). */
async function change(client: pg.Client, n: number): Promise<number> {
  const started = performance.now();
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Ikm" ORDER BY random() LIMIT $1`, [n]);
  for (let i = 0; i < rows.length; i += 200) {
    await client.query(`UPDATE "Capability" SET "monthlyCapacity" = "monthlyCapacity" + 1 WHERE "ikmId" = ANY($1::uuid[])`, [rows.slice(i, i + 200).map((r) => r.id)]);
  }
  return performance.now() - started;
}

/**
 * The bundled server as `npm start` runs it, from spawn to its first 200 from /readyz (it listens once
 * the match index answers), and its RSS then. No demo seeding: only the start is timed.
 */
async function serverStart(url: string, snapshotDir: string): Promise<{ readyS: number; rssMb: number }> {
  const t0 = performance.now();
  const { url: graphql, child } = await startServerProcess(url, { SEED_DEMO: "false", MATCH_INDEX_SNAPSHOT_DIR: snapshotDir });
  try {
    const readyz = new URL("/readyz", graphql);
    while ((await fetch(readyz)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 10));
    const readyS = seconds(performance.now() - t0);
    return { readyS, rssMb: Math.round(usage(child.pid!).rssMb) };
  } finally {
    child.kill("SIGTERM");
    if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
  }
}

async function main() {
  let url = process.env.BENCH_DATABASE_URL;
  let stopDb = async () => undefined as void;
  if (!url) {
    const db = await startEmbeddedPostgres({ dir: path.resolve(values["data-dir"], "pg"), port: 54339, database: "jalin_bench" });
    url = db.url;
    stopDb = db.stop;
  }
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const snapshotDir = path.resolve(values["data-dir"], "match-index");
  try {
    const size = parseSize(values.size);
    const have = Number((await client.query(`SELECT count(*) AS n FROM "Ikm"`)).rows[0].n);
    if (have < size) {
      process.stderr.write(`seeding ${size - have} IKMs to reach ${size}...\n`);
      await seedPopulation(url, { ikms: size - have, seed: 1 + have });
    }
    const rows = Number((await client.query(`SELECT count(*) AS n FROM "Ikm"`)).rows[0].n);
    rmSync(path.join(snapshotDir, MATCH_INDEX.snapshotFile), { force: true });

    let t0 = performance.now();
    const full = await MatchIndex.start(url, log, { snapshotDir });
    const fullMs = performance.now() - t0;
    t0 = performance.now();
    await full.snapshotWritten();
    const writeMs = performance.now() - t0;
    await full.close();

    const changes = parseSize(values.changes);
    const changeMs = await change(client, changes);
    t0 = performance.now();
    const restored = await MatchIndex.start(url, log, { snapshotDir });
    const restoreMs = performance.now() - t0;
    const stats = restored.stats();
    await restored.close();
    if (stats.snapshot !== 1) throw new Error("the second start did not use the snapshot file");
    const result = {
      bench: "match-index-start", rows, fullLoadS: seconds(fullMs), snapshotWriteS: seconds(writeMs),
      changed: changes, changeWritesS: seconds(changeMs), caughtUp: stats.caughtUp, fromSnapshotS: seconds(restoreMs), ratio: Math.round((fullMs / restoreMs) * 10) / 10,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    // The whole server, spawn to /readyz: loading every IKM, then from the file (same changes to catch up).
    const full2 = await serverStart(url, "off");
    const fromFile = await serverStart(url, snapshotDir);
    process.stdout.write(`${JSON.stringify({
      bench: "server-start-to-ready", rows, fullLoadReadyS: full2.readyS, fullLoadRssMb: full2.rssMb,
      fromSnapshotReadyS: fromFile.readyS, fromSnapshotRssMb: fromFile.rssMb, ratio: Math.round((full2.readyS / fromFile.readyS) * 10) / 10,
    })}\n`);
  } finally {
    await client.end();
    await stopDb();
  }
}

await main();
