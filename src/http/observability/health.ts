/**
 * Liveness and readiness, kept apart on purpose: /healthz says the process answers (nothing else,
 * so a database outage never gets the process restarted), /readyz says whether it can serve now
 * (PostgreSQL answers, every migration in prisma/migrations is applied, the match index is loaded),
 * so a balancer sends it traffic only then.
 */
import type { Logger } from "pino";
import { MIGRATIONS_DIR, listMigrations } from "../../infra/db/migrate.js";
import type { Database } from "../../infra/db/repositories/index.js";
import type { MatchIndex } from "../../infra/match-index/match-index.js";

/** A readiness query that gets no answer within this long counts as no answer (pg waits forever). */
const READINESS_TIMEOUT_MS = 2_000;

interface Check {
  status: "ok" | "failing" | "unknown";
  message?: string;
  [detail: string]: unknown;
}

export interface Readiness {
  ready: boolean;
  body: {
    status: "ready" | "not ready";
    /** The checks that are not "ok". */
    notReady?: string[];
    checks: { database: Check; migrations: Check; matchIndex: Check };
  };
}

export interface ReadinessDeps {
  db: Database;
  matchIndex: MatchIndex;
  log: Logger;
  migrationsDir?: string;
  timeoutMs?: number;
}

function withTimeout<T>(work: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([Promise.resolve(work), timeout]).finally(() => clearTimeout(timer));
}

export async function readiness(deps: ReadinessDeps): Promise<Readiness> {
  const { db, matchIndex, log } = deps;
  const timeoutMs = deps.timeoutMs ?? READINESS_TIMEOUT_MS;
  let database: Check;
  let migrations: Check;
  try {
    await withTimeout(db.repos.health.ping(), timeoutMs);
    database = { status: "ok" };
  } catch (err) {
    log.warn({ err }, "readiness: PostgreSQL did not answer");
    database = { status: "failing", message: "PostgreSQL did not answer (the cause is in the server's log)." };
  }
  if (database.status === "ok") {
    migrations = await migrationCheck(deps, timeoutMs);
  } else {
    migrations = { status: "unknown", message: "Not checked: the database did not answer." };
  }
  const matchIndexCheck: Check = matchIndex.loaded
    ? { status: "ok", rows: matchIndex.stats().rows }
    : { status: "failing", message: "The match index is still loading." };
  const checks = { database, migrations, matchIndex: matchIndexCheck };
  const notReady = Object.entries(checks).filter(([, c]) => c.status !== "ok").map(([name]) => name);
  return notReady.length
    ? { ready: false, body: { status: "not ready", notReady, checks } }
    : { ready: true, body: { status: "ready", checks } };
}

/** Every folder in prisma/migrations against the finished rows of `_prisma_migrations`. */
async function migrationCheck(deps: ReadinessDeps, timeoutMs: number): Promise<Check> {
  let expected: string[];
  try {
    expected = listMigrations(deps.migrationsDir ?? MIGRATIONS_DIR);
  } catch (err) {
    deps.log.warn({ err }, "readiness: the migrations folder cannot be read");
    return { status: "failing", message: "The migrations folder cannot be read (the cause is in the server's log)." };
  }
  let applied: Set<string>;
  try {
    applied = new Set(await withTimeout(deps.db.repos.health.appliedMigrations(), timeoutMs));
  } catch (err) {
    deps.log.warn({ err }, "readiness: _prisma_migrations cannot be read");
    return { status: "failing", message: "The _prisma_migrations table cannot be read (the cause is in the server's log)." };
  }
  const missing = expected.filter((name) => !applied.has(name));
  if (missing.length === 0) return { status: "ok", applied: expected.length };
  return {
    status: "failing",
    missing,
    message: `${missing.length} of ${expected.length} migrations are not applied; the server applies them as it starts, so restart it (or see why the last start could not).`,
  };
}
