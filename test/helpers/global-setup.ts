import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { type EmbeddedDatabase, ensureDatabase, startEmbeddedPostgres } from "../../src/infra/db/embedded.js";
import { migrate } from "../../src/infra/db/migrate.js";

export const TEMPLATE_DB = "jalin_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** postgresql:// URL of the test server's `postgres` database; tests clone TEMPLATE_DB from it. */
    pgAdminUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run: TEST_DATABASE_ADMIN_URL (a server where the tests may
 * create databases) or an embedded one in a temporary folder. The migrated template database is
 * cloned for each test file, so every file owns its data.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(os.tmpdir(), "jalin-test-"));
    chmodSync(dir, 0o755); // the embedded server runs as the postgres user
    embedded = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), port: 0, database: "postgres", persistent: false });
    adminUrl = embedded.serverUrl("postgres");
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  await ensureDatabase(adminUrl, TEMPLATE_DB);
  await migrate(templateUrl.toString());
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
