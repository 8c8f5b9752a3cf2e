import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { startEmbeddedPostgres } from "./embedded.js";
import { migrate } from "./migrate.js";

export interface Database {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in the data folder. Migrated either way. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  let database: Database;
  if (config.DATABASE_URL) {
    database = { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  } else {
    const dir = path.join(config.dataDir, "pg");
    log.info({ dir }, "starting embedded PostgreSQL");
    const pg = await startEmbeddedPostgres({
      dir,
      port: config.EMBEDDED_PG_PORT,
      database: "jalin",
      log: (m) => log.debug({ postgres: m }),
    });
    database = { url: pg.url, embedded: true, stop: pg.stop };
  }
  const result = await migrate(database.url);
  log.info({ applied: result.applied, alreadyApplied: result.alreadyApplied }, "migrations");
  return database;
}
