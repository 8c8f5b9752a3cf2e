import { randomUUID } from "node:crypto";
import pg from "pg";
import pino, { type Logger } from "pino";
import { inject } from "vitest";
import { createDb } from "../../src/infra/db/client.js";
import { ensureDatabase } from "../../src/infra/db/embedded.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import type { Database } from "../../src/infra/db/repositories/index.js";
import type { MatchIndexOptions } from "../../src/infra/match-index/match-index.js";
import type { RateLimitSettings } from "../../src/http/rate-limit.js";
import { type RunningApp, startServer } from "../../src/http/server.js";
import { hashPassword } from "../../src/features/accounts/auth.service.js";
import type { UserRole } from "../../src/domain/enums.js";
import { TEMPLATE_DB } from "./global-setup.js";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; fields?: { path: string; message: string }[] } }[];
}

export interface TestApp {
  app: RunningApp;
  prisma: PrismaClient;
  /** The same client behind the repositories, as the server is given it. */
  database: Database;
  statements: ReturnType<typeof createDb>["statements"];
  databaseUrl: string;
  gql: <T = any>(query: string, variables?: Record<string, unknown>, token?: string) => Promise<GraphQLResponse<T>>;
  user: (role: UserRole, tenant?: { firmId?: string; ikmId?: string; foundationId?: string; koperasiId?: string }) => Promise<{ id: string; token: string }>;
  stop: () => Promise<void>;
}

/** A fresh database cloned from the migrated template, and a real server on a free port. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const name = `jalin_t_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await ensureDatabase(adminUrl, name, TEMPLATE_DB);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await client.end();
}

/**
 * Tests run thousands of requests from one address, so rate limits are off unless a test sets them
 * (test/integration/limits.test.ts does); everything else is as in production unless asked.
 */
export interface TestAppOptions {
  rateLimits?: Partial<RateLimitSettings>;
  introspection?: boolean;
  /** Where the server logs (silent, or TEST_LOG_LEVEL, unless given). */
  log?: Logger;
  matchIndex?: MatchIndexOptions;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  const { prisma, statements, database } = createDb(databaseUrl);
  const secret = new TextEncoder().encode("test-secret-test-secret-test-secret!");
  const app = await startServer(
    { db: database, databaseUrl, log: options.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), jwt: { secret, ttl: "1h" },
      introspection: options.introspection ?? true, matchIndex: options.matchIndex, rateLimits: { perUserPerMinute: 0, perAddressPerMinute: 0, signInPerAddressPerMinute: 0, ...options.rateLimits } },
    { host: "127.0.0.1", port: 0 },
  );
  const gql: TestApp["gql"] = async (query, variables, token) => {
    const response = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
  const passwordHash = await hashPassword("test-password-1");
  const user: TestApp["user"] = async (role, tenant = {}) => {
    const row = await prisma.user.create({
      data: { email: `${randomUUID()}@test.jalin`, name: `${role} tester`, passwordHash, role, ...tenant },
    });
    return { id: row.id, token: await app.services.auth.issueToken(row) };
  };
  return {
    app, prisma, database, statements, databaseUrl, gql, user,
    stop: async () => {
      await app.stop();
      await prisma.$disconnect();
      await dropTestDatabase(databaseUrl);
    },
  };
}

/** The error codes of a response, in order. */
export const codes = (r: GraphQLResponse) => (r.errors ?? []).map((e) => e.extensions?.code);
