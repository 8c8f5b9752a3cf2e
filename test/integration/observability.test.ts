import { Writable } from "node:stream";
import { type Client, createClient } from "graphql-ws";
import pg from "pg";
import pino from "pino";
import WebSocket from "ws";
import express from "express";
import { parse } from "graphql";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { createDb } from "../../src/infra/db/client.js";
import { isLoopback, metricsRefusal } from "../../src/http/observability/access.js";
import { createObservability } from "../../src/http/observability/index.js";
import { MAX_LABELLED_ROOT_FIELDS, rootFieldsLabel } from "../../src/http/observability/metrics.js";
import { singleFlight } from "../../src/http/observability/single-flight.js";
import { startServer } from "../../src/http/server.js";
import { hashPassword } from "../../src/features/accounts/auth.service.js";
import { makeIkm } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { closeSubscriptions, lazyClient, subscribe, until } from "../helpers/subscriptions.js";

/**
 * Observability over a real server: the request log (one line per HTTP request and per graphql-ws
 * operation, refusals included, secrets never), Prometheus metrics at /metrics, and the /healthz
 * and /readyz probes. Every wait is on an event (a log line arriving), never on time.
 */

type Line = Record<string, any>;

/** The server's log, line by line, with a way to wait for a line. */
class LogSink {
  readonly lines: Line[] = [];
  readonly raw: string[] = [];
  private waiters: Array<{ match: (line: Line) => boolean; what: string; resolve: (line: Line) => void }> = [];
  readonly stream = new Writable({
    write: (chunk, _encoding, done) => {
      const text = String(chunk);
      this.raw.push(text);
      const line = JSON.parse(text) as Line;
      this.lines.push(line);
      this.waiters = this.waiters.filter((w) => (w.match(line) ? (w.resolve(line), false) : true));
      done();
    },
  });

  /**
   * The first line (already written or still to come) that matches. No timer of its own: a line
   * that never comes is caught by vitest's test timeout, which names the test; `what` says which
   * lines are still awaited (pending()).
   */
  line(match: (line: Line) => boolean, what: string): Promise<Line> {
    const found = this.lines.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, what, resolve }));
  }

  /** What the unanswered waits waited for (a test that timed out left them), forgotten now. */
  abandon(): string[] {
    return this.waiters.splice(0).map((w) => w.what);
  }

  text(): string {
    return this.raw.join("");
  }
}

const INFO = 30;
const DEBUG = 20;

async function post(app: TestApp, query: string, options: { variables?: object; token?: string; requestId?: string } = {}) {
  const response = await fetch(app.app.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.requestId ? { "x-request-id": options.requestId } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { status: response.status, requestId: response.headers.get("x-request-id"), body: (await response.json()) as any };
}

const base = (app: TestApp) => new URL(app.app.url).origin;

async function scrape(app: TestApp): Promise<string> {
  const response = await fetch(`${base(app)}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  return response.text();
}

/** The sum of a metric's samples whose labels include `labels` (undefined when none). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let sum: number | undefined;
  for (const row of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(row);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) sum = (sum ?? 0) + Number(m[3]);
  }
  return sum;
}

/** One operation on an open graphql-ws client: the last `next` payload, or the errors of an `error` message. */
function wsOperation(client: Client, query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }> {
  return new Promise((resolve, reject) => {
    let answer: { data?: any; errors?: any[] } | null = null;
    client.subscribe({ query, variables }, {
      next: (value) => { answer = value as typeof answer; },
      error: (errors) => (Array.isArray(errors) ? resolve({ errors }) : reject(errors)),
      complete: () => (answer ? resolve(answer) : reject(new Error("completed without a result"))),
    });
  });
}

const sink = new LogSink();
let t: TestApp;
let admin: { id: string; token: string };

beforeAll(async () => {
  t = await startTestApp({ log: pino({ level: "debug" }, sink.stream) });
  admin = await t.user("ADMIN");
});

afterAll(async () => {
  await closeSubscriptions(t.app);
  await t.stop();
});

// A test that timed out waiting for a log line says which.
afterEach(() => {
  expect(sink.abandon(), "log lines awaited when the test ended").toEqual([]);
});

describe("the request log", () => {
  it("writes one info line per HTTP request: request id, operation, user, status, duration", async () => {
    const answer = await post(t, "query Me { viewer { role } }", { token: admin.token, requestId: "obs-me-1" });
    expect(answer.status).toBe(200);
    expect(answer.requestId).toBe("obs-me-1");
    const line = await sink.line((l) => l.requestId === "obs-me-1", "for obs-me-1");
    expect(line).toMatchObject({
      level: INFO, msg: "request completed", transport: "http", method: "POST", path: "/graphql",
      operation: "Me", operationType: "query", userId: admin.id, status: 200,
    });
    expect(line.durationMs).toBeTypeOf("number");
    expect(line.errors).toBeUndefined();

    // Anonymous, over GET, with an id the server makes (a client's id that is not a plain token is replaced).
    const get = await fetch(`${t.app.url}?${new URLSearchParams({ query: "{ viewer { role } }" })}`, { headers: { "x-request-id": "no spaces allowed" } });
    const id = get.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const anonymous = await sink.line((l) => l.requestId === id, "for the GET");
    expect(anonymous).toMatchObject({ method: "GET", operation: null, operationType: "query", userId: "anonymous", status: 200 });

    // A later request's line is written after the first's: still only one line for obs-me-1.
    await post(t, "{ __typename }", { requestId: "obs-me-2" });
    await sink.line((l) => l.requestId === "obs-me-2", "for obs-me-2");
    expect(sink.lines.filter((l) => l.requestId === "obs-me-1")).toHaveLength(1);
  });

  it("logs GraphQL errors by code, and the probes and scrapes at debug level", async () => {
    const typo = await post(t, "query Typo { viewerz { role } }", { requestId: "obs-typo" });
    expect(typo.status).toBe(400);
    const line = await sink.line((l) => l.requestId === "obs-typo", "for obs-typo");
    expect(line).toMatchObject({ level: INFO, operation: null, status: 400, errors: ["GRAPHQL_VALIDATION_FAILED"] });

    const health = await fetch(`${base(t)}/healthz`, { headers: { "x-request-id": "obs-healthz" } });
    expect(health.status).toBe(200);
    const probe = await sink.line((l) => l.requestId === "obs-healthz", "for /healthz");
    expect(probe).toMatchObject({ level: DEBUG, path: "/healthz", status: 200, userId: "anonymous" });
    expect(probe.operation).toBeUndefined();
  });

  it("writes one line per graphql-ws operation and one per connection, with the user and the outcome", async () => {
    const client = createClient({ url: t.app.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${admin.token}` } });
    try {
      const ok = await wsOperation(client, "query WsMe { viewer { role } }");
      expect(ok.data?.viewer?.role).toBe("ADMIN");
      const line = await sink.line((l) => l.transport === "ws" && l.operation === "WsMe", "for WsMe");
      expect(line).toMatchObject({ level: INFO, msg: "ws operation completed", operationType: "query", userId: admin.id, status: "ok" });
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.connectionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.durationMs).toBeTypeOf("number");

      const refused = await wsOperation(client, "query WsTypo { viewerz { role } }");
      expect(refused.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      const refusedLine = await sink.line((l) => l.transport === "ws" && l.status === "GRAPHQL_VALIDATION_FAILED", "for the refused ws operation");
      expect(refusedLine).toMatchObject({ level: INFO, userId: admin.id, errors: ["GRAPHQL_VALIDATION_FAILED"], connectionId: line.connectionId });
      expect(sink.lines.filter((l) => l.connectionId === line.connectionId && l.msg === "ws operation completed")).toHaveLength(2);
    } finally {
      await client.dispose();
    }
    const closed = await sink.line((l) => l.msg === "ws connection closed" && l.userId === admin.id, "for the closed connection");
    expect(closed).toMatchObject({ level: INFO, transport: "ws", operations: 2 });

    // A forged token: the connection is refused (4403), and that is logged too.
    const forged = lazyClient(t.app.wsUrl, "forged.token.value");
    await expect(wsOperation(forged, "{ __typename }")).rejects.toBeDefined();
    await forged.dispose();
    const refusedConnection = await sink.line((l) => l.msg === "ws connection closed" && l.code === 4403, "for the forged token's connection");
    expect(refusedConnection).toMatchObject({ level: INFO, userId: "unverified", operations: 0 });
  });

  it("logs refused sign-ins, 401s and 429s below error level, and never a password or token", async () => {
    const limited = await startTestApp({
      log: pino({ level: "info" }, sink.stream),
      rateLimits: { signInPerAddressPerMinute: 3, perAddressPerMinute: 12 },
    });
    try {
      const email = "obs-sign-in@test.jalin";
      const password = "correct-horse-battery-1";
      await limited.prisma.user.create({ data: { email, name: "Sign-in tester", passwordHash: await hashPassword(password), role: "ADMIN" } });
      const signIn = "mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { token } }";
      const secrets = [password];
      const answers = [];
      for (const [n, attempt] of [password, "wrong-password-1", "wrong-password-2", "wrong-password-3", "wrong-password-4"].entries()) {
        secrets.push(attempt);
        answers.push(await post(limited, signIn, { variables: { email, password: attempt }, requestId: `obs-login-${n}` }));
      }
      const issued = answers[0].body.data.login.token as string;
      secrets.push(issued);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
      const loginLines = await Promise.all(answers.map((_, n) => sink.line((l) => l.requestId === `obs-login-${n}`, `for login ${n}`)));
      expect(loginLines.map((l) => [l.operation, l.status, l.errors, l.userId])).toEqual([
        ["SignIn", 200, undefined, "anonymous"],
        ["SignIn", 200, ["UNAUTHENTICATED"], "anonymous"],
        ["SignIn", 200, ["UNAUTHENTICATED"], "anonymous"],
        ["SignIn", 429, ["RATE_LIMITED"], "anonymous"],
        ["SignIn", 429, ["RATE_LIMITED"], "anonymous"],
      ]);
      for (const l of loginLines) expect(l.level).toBe(INFO);

      // A token that is not ours: 401, logged with a user id that says so.
      const forged = `${issued.slice(0, -4)}AAAA`;
      secrets.push(forged);
      const unauthorized = await post(limited, "{ __typename }", { token: forged, requestId: "obs-forged" });
      expect(unauthorized.status).toBe(401);
      expect(await sink.line((l) => l.requestId === "obs-forged", "for the forged token")).toMatchObject({
        level: INFO, status: 401, userId: "unverified", errors: ["UNAUTHENTICATED"],
      });

      // The address's budget, used up: refused before the body is read (no operation known).
      let refused: Awaited<ReturnType<typeof post>> | null = null;
      for (let n = 0; n < 20 && !refused; n++) {
        const answer = await post(limited, "{ __typename }", { requestId: `obs-address-${n}` });
        if (answer.status === 429) refused = answer;
      }
      expect(refused?.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      expect(await sink.line((l) => l.requestId === refused?.requestId, "for the address's 429")).toMatchObject({
        level: INFO, status: 429, operation: null, errors: ["RATE_LIMITED"],
      });

      const metrics = await scrape(limited);
      expect(sample(metrics, "jalin_rate_limit_refusals_total", { kind: "sign_in" })).toBe(2);
      expect(sample(metrics, "jalin_rate_limit_refusals_total", { kind: "address" })).toBe(1);
      expect(sample(metrics, "jalin_rate_limit_refusals_total", { kind: "user" })).toBe(0);
      const login = { operation_type: "mutation", root_fields: "login", transport: "http" };
      expect(sample(metrics, "jalin_graphql_requests_total", { ...login, outcome: "UNAUTHENTICATED" })).toBe(2);
      expect(sample(metrics, "jalin_graphql_requests_total", { ...login, outcome: "RATE_LIMITED" })).toBe(2);
      expect(sample(metrics, "jalin_graphql_requests_total", { operation_type: "unknown", root_fields: "unknown", transport: "http", outcome: "RATE_LIMITED" })).toBe(1);
      expect(metrics).not.toContain("SignIn"); // the client's name for it is in the log only

      // Nothing secret anywhere in what either server logged, at any level.
      const text = sink.text();
      for (const secret of [...secrets, admin.token]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/"(authorization|headers|variables|query|password)":/i);
      expect(sink.lines.filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      await limited.stop();
    }
  });
});

describe("metrics at /metrics", () => {
  it("exposes every metric, the default process metrics among them", async () => {
    const text = await scrape(t);
    for (const name of [
      "jalin_graphql_requests_total", "jalin_graphql_request_duration_seconds_bucket",
      "jalin_graphql_ws_connections", "jalin_graphql_ws_subscriptions",
      "jalin_db_pool_connections", "jalin_db_pool_idle_connections", "jalin_db_pool_waiting_clients",
      "jalin_match_index_rows", "jalin_match_index_overlay_rows", "jalin_match_index_overlay_folded_rows", "jalin_match_index_refresh_lag_seconds",
      "jalin_match_index_answers_total", "jalin_match_index_answer_revisions_total", "jalin_rate_limit_refusals_total", "process_cpu_user_seconds_total", "nodejs_eventloop_lag_seconds", "nodejs_heap_size_used_bytes",
    ]) {
      expect(text, name).toMatch(new RegExp(`^${name}[{ ]`, "m"));
    }
    for (const pool of ["prisma", "pipelined", "match_index"]) expect(sample(text, "jalin_db_pool_connections", { pool }), pool).toBeTypeOf("number");
  });

  it("counts each operation by type, root fields, transport and outcome, and times it by all but the outcome", async () => {
    const series = { operation_type: "query", root_fields: "viewer", transport: "http" };
    const ok = { ...series, outcome: "ok" };
    const before = await scrape(t);
    await post(t, "query Counted { me: viewer { role } }", { token: admin.token, requestId: "obs-counted" });
    expect(await sink.line((l) => l.requestId === "obs-counted", "for obs-counted")).toMatchObject({ operation: "Counted" });
    const after = await scrape(t);
    expect(sample(after, "jalin_graphql_requests_total", ok)).toBe((sample(before, "jalin_graphql_requests_total", ok) ?? 0) + 1);
    expect(sample(after, "jalin_graphql_request_duration_seconds_count", series)).toBe((sample(before, "jalin_graphql_request_duration_seconds_count", series) ?? 0) + 1);
    expect(after).not.toMatch(/^jalin_graphql_request_duration_seconds_count\{[^}]*outcome=/m);
    expect(after).not.toContain("Counted"); // neither the client's operation name nor its alias
    expect(after).not.toMatch(/root_fields="me"/);

    // Over graphql-ws, the same series with transport="ws".
    const wsSeries = { operation_type: "query", root_fields: "__typename", transport: "ws", outcome: "ok" };
    const client = createClient({ url: t.app.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      await wsOperation(client, "query Counted { __typename }");
      await sink.line((l) => l.transport === "ws" && l.operation === "Counted", "for the ws Counted");
    } finally {
      await client.dispose();
    }
    expect(sample(await scrape(t), "jalin_graphql_requests_total", wsSeries)).toBe((sample(before, "jalin_graphql_requests_total", wsSeries) ?? 0) + 1);
  });

  it("labels by root fields, never by the client's names: fragments followed, aliases ignored, a few then +more", () => {
    const label = (source: string) => {
      const document = parse(source);
      const operation = document.definitions.find((d) => d.kind === "OperationDefinition");
      if (operation?.kind !== "OperationDefinition") throw new Error("no operation");
      return rootFieldsLabel(operation, document);
    };
    expect(MAX_LABELLED_ROOT_FIELDS).toBe(1);
    expect(label("query Mine { viewer { role } }")).toBe("viewer");
    expect(label("{ a: viewer { role } b: viewer { role } }")).toBe("viewer");
    expect(label("query Q { ...Root } fragment Root on Query { needs(first: 1) { totalCount } ... on Query { viewer { role } } }")).toBe("needs+more");
    expect(label("query Q { viewer { role } needs { totalCount } __typename }")).toBe("__typename+more");
    expect(label("query Q { ...A } fragment A on Query { ...B viewer { role } } fragment B on Query { ...A }")).toBe("viewer");
  });

  it("300 distinct client operation names make no new series, and the log still names each", async () => {
    const count = (text: string) => text.split("\n").filter((row) => row.startsWith("jalin_graphql_requests_total{")).length;
    const typename = { operation_type: "query", root_fields: "__typename", transport: "http", outcome: "ok" };
    const before = await scrape(t);
    const names = Array.from({ length: 300 }, (_, n) => `Flood${n}`);
    for (let n = 0; n < names.length; n += 25) {
      await Promise.all(names.slice(n, n + 25).map((name) => post(t, `query ${name} { __typename }`, { requestId: `obs-${name}` })));
    }
    await Promise.all(names.map((name) => sink.line((l) => l.requestId === `obs-${name}`, `for ${name}`)));
    expect(sink.lines.find((l) => l.requestId === "obs-Flood299")).toMatchObject({ operation: "Flood299", status: 200 });
    const after = await scrape(t);
    expect(sample(after, "jalin_graphql_requests_total", typename)).toBe((sample(before, "jalin_graphql_requests_total", typename) ?? 0) + 300);
    expect(count(after) - count(before)).toBeLessThanOrEqual(1);
    expect(after).not.toContain("Flood");
  });

  it("counts open graphql-ws connections and streaming subscriptions", async () => {
    const gauges = async () => {
      const text = await scrape(t);
      return { connections: sample(text, "jalin_graphql_ws_connections"), subscriptions: sample(text, "jalin_graphql_ws_subscriptions") };
    };
    const before = await gauges();
    const s = await subscribe(t.app, admin.token, "subscription Watch { needPublished { id } }");
    expect(await gauges()).toEqual({ connections: before.connections! + 1, subscriptions: before.subscriptions! + 1 });
    s.unsubscribe();
    const line = await sink.line((l) => l.transport === "ws" && l.operation === "Watch", "for the subscription's end");
    expect(line).toMatchObject({ operationType: "subscription", status: "ok", events: 0, userId: admin.id });
    expect((await gauges()).subscriptions).toBe(before.subscriptions);
    await s.leave();
    await sink.line((l) => l.msg === "ws connection closed" && l.connectionId === line.connectionId, "for the subscriber's connection");
    expect((await gauges()).connections).toBe(before.connections);
  });

  it("shows the database pool at work", async () => {
    await t.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      const text = await scrape(t);
      const total = sample(text, "jalin_db_pool_connections", { pool: "prisma" })!;
      const idle = sample(text, "jalin_db_pool_idle_connections", { pool: "prisma" })!;
      expect(total - idle).toBeGreaterThanOrEqual(1); // this transaction's connection
      expect(sample(text, "jalin_db_pool_waiting_clients", { pool: "prisma" })).toBe(0);
    });
  });

  it("shows the match index's rows and its refresh lag while a refresh waits", async () => {
    const ikm = await makeIkm(t.prisma);
    await t.app.matchIndex.sync();
    let text = await scrape(t);
    expect(sample(text, "jalin_match_index_rows")).toBe(t.app.matchIndex.stats().rows);
    expect(sample(text, "jalin_match_index_overlay_rows")).toBeGreaterThanOrEqual(1); // the new IKM
    expect(sample(text, "jalin_match_index_refresh_lag_seconds")).toBe(0);

    // A refresh that cannot read its IKM until this transaction ends: the lag shows it.
    const blocker = new pg.Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    let refreshed: Promise<void> | null = null;
    try {
      await blocker.query("BEGIN");
      await blocker.query(`LOCK TABLE "Ikm" IN ACCESS EXCLUSIVE MODE`);
      refreshed = t.app.matchIndex.refresh([ikm.id]);
      text = await scrape(t);
      expect(sample(text, "jalin_match_index_refresh_lag_seconds")).toBeGreaterThan(0);
    } finally {
      await blocker.query("COMMIT");
      await blocker.end();
    }
    await refreshed;
    expect(sample(await scrape(t), "jalin_match_index_refresh_lag_seconds")).toBe(0);
  });
});

describe("/healthz and /readyz", () => {
  it("/healthz answers while the process runs; /readyz names each check", async () => {
    const health = await fetch(`${base(t)}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const ready = await fetch(`${base(t)}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as any;
    expect(body.status).toBe("ready");
    expect(body.notReady).toBeUndefined();
    expect(body.checks.database).toEqual({ status: "ok" });
    expect(body.checks.migrations.status).toBe("ok");
    expect(body.checks.migrations.applied).toBeGreaterThan(0);
    expect(body.checks.matchIndex).toEqual({ status: "ok", rows: t.app.matchIndex.stats().rows });
  });

  it("/readyz is 503 naming the migration that is not applied", async () => {
    const [last] = await t.prisma.$queryRaw<Array<Record<string, unknown>>>`
      SELECT * FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await t.prisma.$executeRaw`DELETE FROM "_prisma_migrations" WHERE id = ${last.id}`;
    try {
      const ready = await fetch(`${base(t)}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as any;
      expect(body).toMatchObject({ status: "not ready", notReady: ["migrations"] });
      expect(body.checks.migrations).toMatchObject({ status: "failing", missing: [last.migration_name] });
      expect(body.checks.migrations.message).toMatch(/not applied/);
      expect(body.checks.database.status).toBe("ok");
    } finally {
      await t.prisma.$executeRaw`
        INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
        VALUES (${last.id}, ${last.checksum}, ${last.finished_at}, ${last.migration_name}, ${last.logs}, ${last.rolled_back_at}, ${last.started_at}, ${last.applied_steps_count})`;
    }
    expect((await fetch(`${base(t)}/readyz`)).status).toBe(200);
  });

  it("/readyz is 503 while PostgreSQL refuses connections, and /healthz still answers", async () => {
    const outage = await startTestApp();
    try {
      const name = new URL(outage.databaseUrl).pathname.slice(1);
      // PostgreSQL will not disallow connections from a session in the same database.
      const control = new pg.Client({ connectionString: inject("pgAdminUrl") });
      await control.connect();
      try {
        await control.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS false`);
        await control.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
        const ready = await fetch(`${base(outage)}/readyz`);
        expect(ready.status).toBe(503);
        const body = (await ready.json()) as any;
        expect(body.notReady).toEqual(["database", "migrations"]);
        expect(body.checks.database).toMatchObject({ status: "failing" });
        expect(body.checks.migrations).toMatchObject({ status: "unknown" });
        expect(body.checks.matchIndex.status).toBe("ok");
        expect((await fetch(`${base(outage)}/healthz`)).status).toBe(200);
      } finally {
        await control.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS true`);
        await control.end();
      }
      expect((await fetch(`${base(outage)}/readyz`)).status).toBe(200);
    } finally {
      await outage.stop();
    }
  });
});

describe("/readyz under a flood", () => {
  it("singleFlight: callers while a run is in flight share it; the next call after it settles runs anew", async () => {
    let runs = 0;
    const pending: Array<{ resolve: (v: number) => void; reject: (e: Error) => void }> = [];
    const check = singleFlight(() => { runs += 1; return new Promise<number>((resolve, reject) => pending.push({ resolve, reject })); });
    const first = Array.from({ length: 10 }, () => check());
    expect(runs).toBe(1);
    pending[0].resolve(7);
    expect(await Promise.all(first)).toEqual(Array(10).fill(7));

    const second = [check(), check()];
    expect(runs).toBe(2);
    pending[1].reject(new Error("down"));
    for (const answer of second) await expect(answer).rejects.toThrow("down");
    const third = check();
    expect(runs).toBe(3); // a failed run is not kept either
    pending[2].resolve(9);
    expect(await third).toBe(9);
    expect(runs).toBe(3);
  });

  it("concurrent /readyz requests share one check: two SQL statements for all of them", async () => {
    // The observability router over its own pool (whose statements are counted) on a real HTTP server.
    const { prisma, statements, database } = createDb(t.databaseUrl, { poolSize: 4 });
    const observability = createObservability({
      db: database, matchIndex: t.app.matchIndex, log: pino({ level: "silent" }), graphqlPath: "/graphql",
      readinessTimeoutMs: 10 * 60_000, // held open by the test, not by a clock; vitest's timeout is the ceiling
    });
    let arrived = 0;
    const app = express();
    // The router dispatches synchronously: once next() returns, the /readyz handler has asked for its check.
    app.use((_req, _res, next) => { next(); arrived += 1; });
    app.use(observability.router);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}/readyz`;
    const blocker = new pg.Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await prisma.$queryRaw`SELECT 1`; // the pool's first connection, outside the count
      statements.reset();
      // The migrations check cannot read _prisma_migrations until this transaction ends.
      await blocker.query("BEGIN");
      await blocker.query(`LOCK TABLE "_prisma_migrations" IN ACCESS EXCLUSIVE MODE`);
      const answers = Array.from({ length: 20 }, () => fetch(url).then(async (r) => ({ status: r.status, body: await r.json() })));
      await until(() => arrived === 20, Number.POSITIVE_INFINITY); // vitest's timeout is the ceiling
      await blocker.query("COMMIT");
      const settled = await Promise.all(answers);
      expect(settled.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(new Set(settled.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(statements.count).toBe(2); // SELECT 1 and the migrations query, once

      // A finished check is not reused.
      expect((await fetch(url)).status).toBe(200);
      expect(statements.count).toBe(4);
    } finally {
      await blocker.query("ROLLBACK").catch(() => undefined);
      await blocker.end();
      await new Promise((resolve) => server.close(resolve));
      await prisma.$disconnect();
    }
  });
});

describe("who may read /metrics", () => {
  const token = "metrics-token-for-tests-0123456789abcdef";
  const secret = new TextEncoder().encode("test-secret-test-secret-test-secret!");
  const start = (metrics: { token?: string; loopbackOnly?: boolean }) =>
    startServer({ db: t.database, databaseUrl: t.databaseUrl, log: pino({ level: "silent" }), jwt: { secret, ttl: "1h" }, introspection: true, metrics },
      { host: "127.0.0.1", port: 0 });
  const metricsOf = (app: { url: string }) => `${new URL(app.url).origin}/metrics`;

  it("with METRICS_TOKEN, only a request bearing it: 401 with a code otherwise; the probes stay open", async () => {
    const app = await start({ token, loopbackOnly: true });
    try {
      const url = metricsOf(app);
      for (const authorization of [undefined, "Bearer wrong-token", `Basic ${token}`, `Bearer ${token}x`]) {
        const refused = await fetch(url, { headers: authorization ? { authorization } : {} });
        expect(refused.status, String(authorization)).toBe(401);
        expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
        const body = (await refused.json()) as any;
        expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
        expect(body.errors[0].message).toContain("METRICS_TOKEN");
        expect(JSON.stringify(body)).not.toContain("jalin_");
      }
      const allowed = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toMatch(/^# TYPE jalin_graphql_requests_total counter$/m);
      expect((await fetch(`${new URL(app.url).origin}/readyz`)).status).toBe(200);
      expect((await fetch(`${new URL(app.url).origin}/healthz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it("in production without a token, only requests from this machine: 403 naming METRICS_TOKEN otherwise", async () => {
    const app = await start({ loopbackOnly: true });
    try {
      const url = metricsOf(app);
      expect((await fetch(url)).status).toBe(200); // the test connects over 127.0.0.1
      // Through a proxy (even one on this machine) the request is someone else's.
      const proxied: Array<Record<string, string>> = [{ "x-forwarded-for": "203.0.113.9" }, { forwarded: "for=203.0.113.9" }];
      for (const headers of proxied) {
        const refused = await fetch(url, { headers });
        expect(refused.status).toBe(403);
        const body = (await refused.json()) as any;
        expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
        expect(body.errors[0].message).toMatch(/METRICS_TOKEN/);
      }
    } finally {
      await app.stop();
    }
    // A remote peer, as the check sees it.
    const from = (remoteAddress: string) => metricsRefusal({ loopbackOnly: true }, { header: () => undefined, socket: { remoteAddress } } as any);
    expect(from("203.0.113.9")).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect(from("10.0.0.5")).toMatchObject({ status: 403 });
    expect(from("::ffff:127.0.0.1")).toBeNull();
    expect(metricsRefusal({}, { header: () => undefined, socket: { remoteAddress: "203.0.113.9" } } as any)).toBeNull(); // development
    expect(["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"].map(isLoopback)).toEqual([true, true, true, true]);
    expect(["10.0.0.1", "::ffff:10.0.0.1", "::2", "128.0.0.1", "127.0.0.1.evil", "", undefined].map(isLoopback)).toEqual(Array(7).fill(false));
  });

  it("METRICS_TOKEN shorter than 32 characters is refused at start, naming the key", () => {
    const env = { JWT_SECRET: "a-long-enough-secret-with-many-chars-0123456789", JALIN_DATA_DIR: ".data" };
    expect(() => loadConfig({ ...env, METRICS_TOKEN: "too-short" })).toThrow(/METRICS_TOKEN: must be at least 32 characters/);
    expect(loadConfig({ ...env, METRICS_TOKEN: token }).METRICS_TOKEN).toBe(token);
  });
});
