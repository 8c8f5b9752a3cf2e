import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.js";

export type Db = PrismaClient;
/** A Prisma interactive-transaction client, passed to services that write several rows. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Counts the SQL statements a Prisma client sends; the N+1 tests and the benchmark read it. */
export class StatementCounter {
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
  statements: StatementCounter;
}

/** One PrismaClient per process, over the pg driver adapter (no query-engine binary). */
export function createDb(connectionString: string, options: { poolSize?: number } = {}): DbHandle {
  const adapter = new PrismaPg({ connectionString, max: options.poolSize ?? 10 });
  const prisma = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  const statements = new StatementCounter();
  prisma.$on("query", (event) => statements.record(event.query));
  return { prisma, statements };
}
