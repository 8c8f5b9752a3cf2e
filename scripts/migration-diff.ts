/**
 * Writes a new migration with `prisma migrate diff`. The WebAssembly schema engine refuses shadow
 * databases and --from-url when an adapter is configured, and needs a live connection even for a
 * datamodel-to-datamodel diff, so this script starts the embedded PostgreSQL in a temporary folder
 * for that connection and diffs the schema of the last commit that touched prisma/migrations
 * (schema and migration are committed together) against prisma/schema.prisma.
 *   npm run migration:new -- <name_in_snake_case>
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../src/infra/db/embedded.js";
import { MIGRATIONS_DIR } from "../src/infra/db/migrate.js";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run migration:new -- <name_in_snake_case>");
  process.exit(2);
}
const dir = mkdtempSync(path.join(os.tmpdir(), "jalin-migration-"));
chmodSync(dir, 0o755); // the embedded server runs as the postgres user
const hasMigrations = readdirSync(MIGRATIONS_DIR).some((e) => existsSync(path.join(MIGRATIONS_DIR, e, "migration.sql")));
const from = ["--from-empty"];
if (hasMigrations) {
  const commit = execFileSync("git", ["log", "-1", "--format=%H", "--", "prisma/migrations"], { encoding: "utf8" }).trim();
  const previous = path.join(dir, "previous.prisma");
  writeFileSync(previous, execFileSync("git", ["show", `${commit}:prisma/schema.prisma`], { encoding: "utf8" }));
  from.splice(0, 1, "--from-schema-datamodel", previous);
}
const db = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), port: 0, database: "diff", persistent: false });
try {
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: db.url } },
  );
  if (!sql.trim() || sql.includes("This is an empty migration")) {
    console.log("prisma/schema.prisma matches the migrations; nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const target = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(process.cwd(), target)}/migration.sql`);
  }
} finally {
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
