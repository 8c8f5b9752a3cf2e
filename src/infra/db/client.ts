import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client.js";
import { Database } from "./repositories/index.js";
import { SqlReader } from "./sql-reader.js";

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
}

/** One PrismaClient per process, over the pg driver adapter (no query-engine binary). */
export function createDb(connectionString: string, options: { poolSize?: number } = {}): DbHandle {
  // The pool is made here, not by the adapter, so its counters can be read (Database.pool, for the
  // pool metrics); $disconnect ends it.
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10 });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  const statements = new StatementCounter();
  prisma.$on("query", (event) => statements.record(event.query));
  const sql = new SqlReader(pool, (text) => statements.record(text));
  return { prisma, statements, database: new Database(prisma, pool, sql) };
}

