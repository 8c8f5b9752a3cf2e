import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client.js";
import { PipelinedLanes } from "./pipelined-lanes.js";
import { Database } from "./repositories/index.js";
import { SqlReader } from "./sql-reader.js";

/**
 * Pipelined connections for the short reads (pipelined-lanes.ts). Two: on the 2-core machine the
 * nested read (bench-nested, 50 connections, 2026-12-07) made 500-573 req/s through the pool alone,
 * 703-826 with two lanes and 728-733 with four.
 */
export const PIPELINED_LANES = 2;

/** The pg pool, which also ends the pipelined lanes when it ends (Prisma's $disconnect ends it). */
class PoolWithLanes extends pg.Pool {
  constructor(config: pg.PoolConfig, readonly lanes: PipelinedLanes | null) {
    super(config);
  }

  override end(): Promise<void>;
  override end(callback: () => void): void;
  override end(callback?: () => void): Promise<void> | void {
    const ended = (this.lanes?.close() ?? Promise.resolve()).then(() => super.end());
    if (!callback) return ended;
    ended.then(callback, callback);
  }
}

/** Counts the SQL statements a Prisma client sends; the N+1 tests and the benchmark read it. */
class StatementCounter {
  count = 0;
  readonly statements: string[] = [];
  record(sql: string): void {
    this.count += 1;
    if (this.statements.length < 1000) this.statements.push(sql);
  }
  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }
}

export interface DbHandle {
  prisma: PrismaClient;
  /** The same client behind the repositories: what the server and the services are given. */
  database: Database;
  statements: StatementCounter;
  /** The pipelined connections of the short reads; null when made with `lanes: 0`. */
  lanes: PipelinedLanes | null;
}

/** One PrismaClient per process, over the pg driver adapter (no query-engine binary). */
export function createDb(connectionString: string, options: { poolSize?: number; lanes?: number } = {}): DbHandle {
  // The pool is made here, not by the adapter, so its counters can be read (Database.pool, for the
  // pool metrics); $disconnect ends it, and the lanes with it. `lanes: 0`: every read takes the pool.
  const laneCount = options.lanes ?? PIPELINED_LANES;
  const lanes = laneCount > 0 ? new PipelinedLanes(connectionString, laneCount) : null;
  const pool = new PoolWithLanes({ connectionString, max: options.poolSize ?? 10 }, lanes);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  const statements = new StatementCounter();
  prisma.$on("query", (event) => statements.record(event.query));
  const sql = new SqlReader(pool, (text) => statements.record(text), lanes);
  return { prisma, statements, lanes, database: new Database(prisma, pool, sql, lanes) };
}

