import "reflect-metadata";
import type { Logger } from "pino";
import { type Config, ConfigError, loadConfig } from "./config/env.js";
import { createDb } from "./infra/db/client.js";
import { maskUrl, openDatabase } from "./infra/db/database.js";
import { EmbeddedPostgresError } from "./infra/db/embedded.js";
import { createLogger } from "./config/logger.js";
import { startServer } from "./http/server.js";
import { DEMO_PASSWORD, seedDemo } from "../prisma/seed/demo.js";

let log: Logger = createLogger("info");
let config: Config | undefined;
/**
 * What has been started, in order; a stop or a failed start undoes it in reverse. `abort` is the
 * part's way out when the process exits without a clean stop (the rest ends with the process).
 */
const started: Array<{ what: string; stop: () => Promise<unknown>; abort?: () => void }> = [];
/** Set once start() has finished: a signal before then aborts the start. */
let running = false;

async function start(): Promise<void> {
  config = loadConfig();
  log = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, log);
  started.push({ what: "database", stop: database.stop, abort: database.abort });
  const { prisma, database: db } = createDb(database.url);
  started.push({ what: "database pool", stop: () => prisma.$disconnect() });

  let demoUsers: Awaited<ReturnType<typeof seedDemo>>["users"] = [];
  if (config.SEED_DEMO === "true") {
    const seeded = await seedDemo(prisma);
    demoUsers = seeded.users;
    log.info(seeded.created ? "demo data loaded" : "demo data present already");
    if (config.NODE_ENV === "production") log.warn("SEED_DEMO=true in production: the demo users' password is published in the README; never on a reachable server");
  }
  const app = await startServer(
    { db, databaseUrl: database.url, log, jwt: { secret: config.jwtSecret, ttl: config.JWT_TTL }, introspection: config.NODE_ENV !== "production",
      rateLimits: { perUserPerMinute: config.RATE_LIMIT_PER_USER, perAddressPerMinute: config.RATE_LIMIT_PER_ADDRESS, signInPerAddressPerMinute: config.RATE_LIMIT_SIGN_IN_PER_ADDRESS, trustProxy: config.TRUST_PROXY },
      metrics: { token: config.METRICS_TOKEN, loopbackOnly: config.NODE_ENV === "production" },
      matchIndex: { snapshotDir: config.MATCH_INDEX_SNAPSHOT_DIR ?? `${config.dataDir}/match-index`, rememberedAnswers: config.MATCH_INDEX_REMEMBERED_ANSWERS, rememberedProfiles: config.MATCH_INDEX_REMEMBERED_PROFILES, answerRevisionBudget: config.MATCH_INDEX_ANSWER_REVISION_BUDGET } },
    { host: config.HOST, port: config.PORT },
  );
  started.push({ what: "server", stop: app.stop });

  const where = database.embedded
    ? `embedded PostgreSQL in ${config.dataDir}/pg, ${maskUrl(database.url)}${database.owned ? "" : " (shared with the Jalin process that started it)"}`
    : `DATABASE_URL ${maskUrl(database.url)}`;
  const lines = [
    "",
    `Jalin web console:  ${app.webUrl}  (GraphiQL: open ${app.url} in a browser)`,
    `Jalin GraphQL API:  ${app.url}  (POST or GET; subscriptions over graphql-ws at ${app.wsUrl})`,
    `Database:           ${where}`,
  ];
  if (demoUsers.length && config.PRINT_DEMO_TOKENS === "true") {
    lines.push("", `Demo users (password "${DEMO_PASSWORD}", or use the token as 'Authorization: Bearer <token>'):`);
    for (const u of demoUsers) {
      const user = await prisma.user.findUnique({ where: { email: u.email } });
      if (!user) continue;
      lines.push(`  ${u.role.padEnd(10)} ${u.email.padEnd(34)} ${u.tenant}`, `             token: ${await app.services.auth.issueToken(user)}`);
    }
  } else if (demoUsers.length) {
    lines.push("", `Demo users loaded (${demoUsers.length}); PRINT_DEMO_TOKENS=true prints their password and tokens.`);
  }
  lines.push("", "Stop with Ctrl-C.", "");
  running = true;
  process.stdout.write(lines.join("\n") + "\n");
}

/** Stops what was started, newest first; a failure to stop one part is logged and the rest still stop. */
async function stopAll(): Promise<void> {
  // A part leaves the list once stopped: a forced stop meanwhile aborts the one stopping and the rest.
  for (let part = started.at(-1); part; part = started.at(-1)) {
    try {
      log.debug(`stopping the ${part.what}`);
      await part.stop();
    } catch (error) {
      log.warn(`could not stop the ${part.what} cleanly: ${error instanceof Error ? error.message : String(error)}`);
    }
    const index = started.indexOf(part);
    if (index >= 0) started.splice(index, 1);
  }
}

/** A start failure as a person can act on it: what went wrong, and what to do. */
function explain(error: unknown): { cause: string; fix: string } {
  const e = error as NodeJS.ErrnoException & { port?: number; address?: string; fix?: string };
  if (error instanceof ConfigError) return { cause: error.message, fix: "Set the variables named above and start again." };
  if (error instanceof EmbeddedPostgresError) return { cause: error.message, fix: error.fix };
  if (e?.syscall === "listen" && e.code === "EADDRINUSE") {
    return {
      cause: `port ${e.port} is in use by another process (on ${e.address})`,
      fix: `stop it or set PORT=... (for example PORT=${(e.port ?? 4000) + 1}; PORT=0 picks a free port).`,
    };
  }
  if (e?.syscall === "listen" && e.code === "EACCES") {
    return { cause: `this user may not listen on port ${e.port}`, fix: "set PORT to 1024 or above, or run behind a reverse proxy." };
  }
  if (e?.syscall === "listen" && e.code === "EADDRNOTAVAIL") {
    return { cause: `address ${e.address} is not one of this machine's`, fix: "set HOST to one of its addresses (127.0.0.1, or 0.0.0.0 for all)." };
  }
  const database = config?.DATABASE_URL ? `DATABASE_URL (${maskUrl(config.DATABASE_URL)})` : "the embedded PostgreSQL";
  if (e?.code === "ECONNREFUSED" || e?.code === "ENOTFOUND" || e?.code === "ETIMEDOUT") {
    return { cause: `cannot reach the database at ${database}: ${e.message}`, fix: "start that PostgreSQL or correct DATABASE_URL." };
  }
  if (e?.code === "28P01" || e?.code === "28000" || e?.code === "3D000") {
    return { cause: `the database at ${database} refused: ${e.message}`, fix: "correct the user, password or database name in DATABASE_URL." };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { cause: message || "an error without a message", fix: "LOG_LEVEL=debug shows where it happened; report it with that output if it persists." };
}

/** Leaves without a clean stop: each part's abort (the embedded PostgreSQL gets its shutdown signal), then exit. */
function abortAll(code: number): never {
  for (const part of started.splice(0).reverse()) {
    try {
      part.abort?.();
    } catch (error) {
      log.debug({ err: error }, `could not abort the ${part.what}`);
    }
  }
  process.exit(code);
}

/**
 * A repeat of a signal within this time is the same request: under `npm start` a Ctrl-C reaches
 * this process twice (from the terminal and forwarded by npm). After it, a repeat forces the stop.
 */
const SAME_REQUEST_MS = 1000;

let stopping = false;
let forceable = false;
/** After SAME_REQUEST_MS of stopping, a repeated signal forces the stop. */
function allowForce(): void {
  setTimeout(() => {
    forceable = true;
    log.info(`still stopping; ${process.stdin.isTTY ? "Ctrl-C" : "SIGINT, SIGTERM or SIGHUP"} again forces the stop`);
  }, SAME_REQUEST_MS).unref();
}
const starting = start();

starting.catch(async (error: unknown) => {
  if (stopping) return; // a signal came first; it decides the exit
  stopping = true;
  const { cause, fix } = explain(error);
  log.debug({ err: error }, "start failed");
  log.fatal({ cause, fix }, `Jalin could not start: ${cause.replace(/\.$/, "")}. Fix: ${fix}`);
  allowForce();
  await stopAll();
  process.exit(1);
});

/**
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP (the terminal closed) stop the server (draining HTTP and
 * WebSocket connections), then the database pool, then the embedded PostgreSQL if no other Jalin
 * process uses it, and exit 0.
 * - During start: the start is cut short (an index load may take minutes): what was started is
 *   aborted, the embedded PostgreSQL (unless shared) gets its fast shutdown, and the exit is 1:
 *   Jalin did not start.
 * - During a stop that takes longer than SAME_REQUEST_MS, another signal forces it: the embedded
 *   PostgreSQL this process alone uses gets its fast shutdown (immediate when a fast one is already
 *   under way), and the exit is 130 without waiting for connections to drain.
 */
function shutdown(signal: NodeJS.Signals): void {
  if (signal === "SIGHUP") {
    // The terminal is gone: writing to it fails (EIO), which must not end the stop with a crash.
    for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
  }
  if (stopping) {
    if (!forceable) return;
    log.warn({ signal }, "forced stop: not waiting for connections to drain");
    abortAll(130);
  }
  stopping = true;
  if (!running) {
    log.info({ signal }, "start aborted by a signal: stopping what was started");
    abortAll(1);
  }
  log.info({ signal }, "shutting down");
  allowForce();
  void stopAll().then(() => {
    log.info("stopped");
    process.exit(0);
  });
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
process.on("SIGHUP", shutdown);
