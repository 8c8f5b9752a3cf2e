import path from "node:path";
import type { Logger } from "pino";
import type { DatabaseConfig } from "../../config/env.js";
import { startEmbeddedPostgres } from "./embedded.js";
import { migrate } from "./migrate.js";

export interface Database {
  url: string;
  embedded: boolean;
  /** False when this process shares an embedded PostgreSQL another live Jalin process started. */
  owned: boolean;
  stop: () => Promise<void>;
  /** Leaves at once for a process about to exit without a clean stop (see EmbeddedDatabase.abort). */
  abort: () => void;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL in the data folder, shared with any other
 * Jalin process (server, seed) using it, and recovered after a crash. Migrated either way; a failed
 * migration stops what this started.
 */
export async function openDatabase(config: Pick<DatabaseConfig, "DATABASE_URL" | "dataDir" | "EMBEDDED_PG_PORT">, log: Logger): Promise<Database> {
  let database: Database;
  if (config.DATABASE_URL) {
    database = { url: config.DATABASE_URL, embedded: false, owned: false, stop: async () => undefined, abort: () => undefined };
  } else {
    const dir = path.join(config.dataDir, "pg");
    log.info({ dir }, "starting embedded PostgreSQL");
    const pg = await startEmbeddedPostgres({
      dir,
      port: config.EMBEDDED_PG_PORT,
      database: "jalin",
      log: (m) => log.debug({ postgres: m }),
      notice: (m, level) => log[level](m),
    });
    database = { url: pg.url, embedded: true, owned: pg.owned, stop: pg.stop, abort: pg.abort };
  }
  try {
    const result = await migrate(database.url);
    log.info({ applied: result.applied, alreadyApplied: result.alreadyApplied }, "migrations");
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

/** A connection string fit to print: the password replaced by `***`. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(a connection string that is not a URL)";
  }
}
