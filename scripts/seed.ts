/**
 * npm run seed                      load the demo data into DATABASE_URL or the embedded database (idempotent);
 *                                   with NODE_ENV=production only when SEED_DEMO=true (its ADMIN's password is published)
 * npm run seed -- --ikms N [--seed S] [--chunk-size C]
 *                                   add N synthetic IKMs and their children with COPY (prisma/seed/population.ts);
 *                                   N may be written 1000000, 1_000_000, 1e6, 1,000,000, 100k or 4.4M.
 */
import "reflect-metadata";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { ConfigError, loadDatabaseConfig } from "../src/config/env.js";
import { createDb } from "../src/infra/db/client.js";
import { type Database, openDatabase } from "../src/infra/db/database.js";
import { EmbeddedPostgresError } from "../src/infra/db/embedded.js";
import { createLogger } from "../src/config/logger.js";
import { seedDemo } from "../prisma/seed/demo.js";
import { seedPopulation } from "../prisma/seed/population.js";

/** "1e6", "1_000_000", "1,000,000", "100k", "4.4M" -> a whole number, or an error message. */
function parseCount(text: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(text.trim().replace(/[_,]/g, ""));
  const value = match ? Number(match[1]) * (match[2] === "" ? 1 : /k/i.test(match[2]) ? 1e3 : 1e6) : Number.NaN;
  const rounded = Math.round(value);
  if (!Number.isSafeInteger(rounded) || rounded < 0 || Math.abs(value - rounded) > 1e-6) {
    throw new Error(`--${name} must be a whole number such as 100000, 1_000_000, 1e6 or 4.4M, not "${text}"`);
  }
  return rounded;
}

let ikms: number | undefined;
let seed = 1;
let chunkSize: number | undefined;
try {
  const { values } = parseArgs({
    options: { ikms: { type: "string" }, seed: { type: "string" }, "chunk-size": { type: "string" } },
    strict: true,
  });
  if (values.ikms === undefined && (values.seed !== undefined || values["chunk-size"] !== undefined)) {
    throw new Error("--seed and --chunk-size go with --ikms N");
  }
  if (values.ikms !== undefined) ikms = parseCount(values.ikms, "ikms");
  if (values.seed !== undefined) seed = parseCount(values.seed, "seed");
  if (values["chunk-size"] !== undefined) chunkSize = parseCount(values["chunk-size"], "chunk-size");
  if (chunkSize === 0) throw new Error("--chunk-size must be at least 1");
} catch (error) {
  process.stderr.write(`seed: ${(error as Error).message}\nusage: npm run seed [-- --ikms N [--seed S] [--chunk-size C]]\n`);
  process.exit(2);
}

/** A seed this script will not run as configured, with what to do. */
class SeedRefused extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

let log = createLogger("info");
let database: Database | undefined;
try {
  // Signs no tokens: JWT_SECRET is not asked for.
  const config = loadDatabaseConfig();
  log = createLogger(config.LOG_LEVEL);
  if (ikms === undefined && config.NODE_ENV === "production") {
    if (config.SEED_DEMO !== "true") {
      throw new SeedRefused(
        "NODE_ENV=production: refusing to load the demo data (its users, an ADMIN among them, have the password published in the README)",
        "load it only where no one else can reach the server, with SEED_DEMO=true npm run seed; or unset NODE_ENV=production",
      );
    }
    log.warn("SEED_DEMO=true in production: the demo users' password is published in the README; never on a reachable server");
  }
  // Shares the embedded PostgreSQL when a server runs on the same JALIN_DATA_DIR.
  database = await openDatabase(config, log);
  if (ikms === undefined) {
    const { prisma } = createDb(database.url);
    try {
      const { created } = await seedDemo(prisma);
      log.info(created ? "demo data loaded" : "demo data present already; nothing to do");
    } finally {
      await prisma.$disconnect();
    }
  } else {
    const progress = progressReporter(ikms);
    let summary;
    try {
      summary = await seedPopulation(database.url, { ikms, seed, chunkSize, onProgress: progress.update });
    } finally {
      progress.stop();
    }
    const seconds = summary.ms / 1000;
    const rate = seconds > 0 ? Math.round(summary.ikms / seconds) : summary.ikms;
    log.info({ ...summary, seconds, ikmsPerSecond: rate, seed }, "synthetic IKMs added");
    process.stderr.write(
      `Added ${summary.ikms} IKMs (seed ${seed}): ${summary.capabilities} capabilities, ${summary.machines} machines, ` +
        `${summary.kbliCodes} KBLI codes, ${summary.certifications} certifications, ${summary.fiveRAudits} 5R audits, ` +
        `${summary.deliveries} delivery records, ${summary.sentra} sentra (${summary.sentraMemberships} members), ` +
        `${summary.koperasi} koperasi (${summary.koperasiMemberships} members) in ${seconds.toFixed(1)} s, ${rate} IKMs/s\n`,
    );
  }
} catch (error) {
  const fix =
    error instanceof EmbeddedPostgresError || error instanceof SeedRefused ? ` Fix: ${error.fix}.`.replace(/\.\.$/, ".")
    : error instanceof ConfigError ? " Fix: set the variables named above." : "";
  log.debug({ err: error }, "seed failed");
  log.fatal(`seed failed: ${(error instanceof Error ? error.message : String(error)).replace(/\.$/, "")}.${fix}`);
  process.exitCode = 1;
} finally {
  await database?.stop();
}

/** A progress bar on a terminal; elsewhere (CI, logs) a plain line every ~5%. */
function progressReporter(total: number) {
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: "IKMs {bar} {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}", stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: 0 });
    return {
      update: (done: number) => {
        if (done > 0) bar.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) });
      },
      stop: () => bar.stop(),
    };
  }
  let lastStep = -1;
  return {
    update: (done: number, all: number) => {
      const step = all === 0 ? 20 : Math.floor((done / all) * 20);
      if (step === lastStep) return;
      lastStep = step;
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(`seed: ${done}/${all} IKMs (${step * 5}%) after ${seconds.toFixed(1)} s\n`);
    },
    stop: () => undefined,
  };
}
