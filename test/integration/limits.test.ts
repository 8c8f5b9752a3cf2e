import { Writable } from "node:stream";
import { getIntrospectionQuery } from "graphql";
import { type Client, createClient } from "graphql-ws";
import { SignJWT } from "jose";
import pino from "pino";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { QUERY_LIMITS, TRANSPORT_LIMITS } from "../../src/domain/limits.js";
import { addressKey } from "../../src/http/rate-limit.js";
import { startServer, type RunningApp } from "../../src/http/server.js";
import { makeFirm, makeFoundation } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { WAIT_MS, listening, until, watch } from "../helpers/subscriptions.js";

/**
 * Every limit holds on every transport: HTTP GET, HTTP POST and graphql-ws. Each case sends the same
 * operation three ways and expects the same refusal (4xx over HTTP, an `error` message on the
 * socket), never a 5xx, a stack, SQL text or a suggestion.
 */

type Transport = "GET" | "POST" | "WS";
const TRANSPORTS: Transport[] = ["GET", "POST", "WS"];

interface Answer {
  status: number; // HTTP status; 0 for a graphql-ws message
  errors?: { message: string; extensions?: Record<string, any> }[];
  data?: any;
  headers?: Headers;
}

async function http(url: string, transport: "GET" | "POST", query: string, variables?: object, headers: Record<string, string> = {}): Promise<Answer> {
  const response = transport === "GET"
    ? await fetch(`${url}?${new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) })}`, { headers })
    : await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, ...(text.startsWith("{") ? JSON.parse(text) : { errors: [{ message: text }] }) };
}

/** One operation on an open graphql-ws client: its result, or the errors of an `error` message. */
function operation(client: Client, query: string, variables?: object): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    let answer: Answer | null = null;
    client.subscribe({ query, variables: variables as Record<string, unknown> }, {
      next: (value) => { answer = { status: 0, ...(value as object) }; },
      error: (errors) => (Array.isArray(errors) ? resolve({ status: 0, errors }) : reject(errors)),
      complete: () => (answer ? resolve(answer) : reject(new Error("completed without a result"))),
    });
  });
}

/** One operation on a connection of its own. */
async function ws(wsUrl: string, query: string, variables?: object, token?: string): Promise<Answer> {
  const client = createClient({
    url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  try {
    return await operation(client, query, variables);
  } finally {
    await client.dispose();
  }
}

function send(app: { url: string; wsUrl: string }, transport: Transport, query: string, variables?: object, token?: string): Promise<Answer> {
  if (transport === "WS") return ws(app.wsUrl, query, variables, token);
  return http(app.url, transport, query, variables, token ? { authorization: `Bearer ${token}` } : {});
}

const code = (a: Answer) => a.errors?.[0]?.extensions?.code;

/** What no refusal may show in any environment. */
function expectNoInternals(a: Answer) {
  const text = JSON.stringify(a);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|stacktrace|prisma|SELECT |INSERT |invalid `|P20\d\d/i);
}

let t: TestApp;
let firmToken: string;
let foundationId: string;

beforeAll(async () => {
  t = await startTestApp();
  const firm = await makeFirm(t.prisma);
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  const parent = await makeFoundation(t.prisma, "Yayasan Uji");
  foundationId = (await makeFoundation(t.prisma, "LPB Uji", parent.id)).gid;
});
afterAll(async () => {
  await t.stop();
});

describe("operation limits, on GET, POST and graphql-ws alike", () => {
  /** An operation `depth` fields deep: foundation, parent, parent, …, name. */
  const nest = (depth: number) => {
    let inner = "name";
    for (let i = 0; i < depth - 2; i++) inner = `parent { ${inner} }`;
    return `query($id: ID!) { foundation(id: $id) { ${inner} } }`;
  };

  for (const transport of TRANSPORTS) {
    it(`${transport}: refuses an operation deeper than ${QUERY_LIMITS.maxDepth}, and runs one at the limit`, async () => {
      const refused = await send(t.app, transport, nest(QUERY_LIMITS.maxDepth + 1), { id: foundationId });
      expect(transport === "WS" ? 0 : refused.status).toBe(transport === "WS" ? 0 : 400);
      expect(code(refused)).toBe("QUERY_TOO_COMPLEX");
      expect(refused.errors?.[0]?.extensions).toMatchObject({ limit: "depth", max: QUERY_LIMITS.maxDepth, found: QUERY_LIMITS.maxDepth + 1 });
      expect(refused.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded/i);
      expect(refused.data).toBeUndefined();

      const allowed = await send(t.app, transport, nest(QUERY_LIMITS.maxDepth), { id: foundationId });
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data.foundation).not.toBeNull();
    });

    it(`${transport}: refuses more than ${QUERY_LIMITS.maxAliases} aliases`, async () => {
      const fields = Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: defaultMatchWeights { stage }`).join(" ");
      const refused = await send(t.app, transport, `{ ${fields} }`, undefined, firmToken);
      expect(code(refused)).toBe("QUERY_TOO_COMPLEX");
      expect(refused.errors?.[0]?.extensions).toMatchObject({ limit: "aliases", max: QUERY_LIMITS.maxAliases, found: QUERY_LIMITS.maxAliases + 1 });
      if (transport !== "WS") expect(refused.status).toBe(400);
    });

    it(`${transport}: refuses more than ${QUERY_LIMITS.maxDirectives} directives`, async () => {
      const fields = Array.from({ length: QUERY_LIMITS.maxDirectives + 1 }, (_, i) => `f${i}: __typename @include(if: true)`).join(" ");
      const refused = await send(t.app, transport, `{ ${fields} }`);
      expect(code(refused)).toBe("QUERY_TOO_COMPLEX");
      expect(refused.errors?.[0]?.extensions).toMatchObject({ limit: "directives", max: QUERY_LIMITS.maxDirectives });
      if (transport !== "WS") expect(refused.status).toBe(400);
    });

    it(`${transport}: refuses a document of more than ${QUERY_LIMITS.maxTokens} tokens`, async () => {
      // Short tokens, so the document fits in a GET's URL too.
      const refused = await send(t.app, transport, `{ ${"a ".repeat(QUERY_LIMITS.maxTokens)} }`);
      expect(code(refused)).toBe("QUERY_TOO_COMPLEX");
      expect(refused.errors?.[0]?.extensions).toMatchObject({ limit: "tokens", max: QUERY_LIMITS.maxTokens });
      expect(refused.errors?.[0]?.message).toMatch(/more than 5000 tokens/);
      if (transport !== "WS") expect(refused.status).toBe(400);
    });

    it(`${transport}: refuses an operation whose estimated cost is above ${QUERY_LIMITS.maxCost}, counting the pages asked for`, async () => {
      const query = `query($n: Int) { firms(first: $n) { nodes { name needs { title firm { name needs { title firm { name } } } } } } }`;
      // 100 firms x 10 needs x 10 needs: the variable decides, so the cost is checked with it.
      const refused = await send(t.app, transport, query, { n: 100 }, firmToken);
      expect(code(refused)).toBe("QUERY_TOO_COMPLEX");
      expect(refused.errors?.[0]?.extensions?.limit).toBe("cost");
      expect(refused.errors?.[0]?.extensions?.found).toBeGreaterThan(QUERY_LIMITS.maxCost);
      expect(refused.errors?.[0]?.message).toMatch(/smaller pages/);
      if (transport !== "WS") expect(refused.status).toBe(400);

      const allowed = await send(t.app, transport, query, { n: 5 }, firmToken);
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data.firms.nodes.length).toBeGreaterThan(0);
      // Costs are remembered per document and variables (COST_CACHE): each set keeps its own answer.
      for (const [n, refuses] of [[100, true], [5, false], [100, true]] as const) {
        const again = await send(t.app, transport, query, { n }, firmToken);
        expect(code(again) === "QUERY_TOO_COMPLEX", `n = ${n}`).toBe(refuses);
      }
    });

    it(`${transport}: runs a GraphQL tool's full introspection query (development)`, async () => {
      const answer = await send(t.app, transport, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }));
      expect(answer.errors).toBeUndefined();
      expect(answer.data.__schema.types.length).toBeGreaterThan(50);
    });

    it(`${transport}: refuses a page larger than 100 as bad input, naming the argument`, async () => {
      const refused = await send(t.app, transport, `{ ikms(first: 101) { totalCount } }`);
      expect(code(refused)).toBe("BAD_USER_INPUT");
      expect(refused.errors?.[0]?.message).toMatch(/100/);
    });

    it(`${transport}: answers a syntax error and an unknown field with 4xx codes, and suggests names (development)`, async () => {
      const broken = await send(t.app, transport, `{ firms { `);
      expect(code(broken)).toBe("GRAPHQL_PARSE_FAILED");
      const unknown = await send(t.app, transport, `{ firmz { totalCount } }`);
      expect(code(unknown)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(unknown.errors?.[0]?.message).toMatch(/Did you mean "firms?"/);
      if (transport !== "WS") expect([broken.status, unknown.status]).toEqual([400, 400]);
    });
  }
});

describe("request size and shape over HTTP", () => {
  it("answers a body over the cap with 413 and a code, never reading it as GraphQL", async () => {
    const padding = "x".repeat(TRANSPORT_LIMITS.bodyBytes);
    const response = await fetch(t.app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }", variables: { padding } }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: "The request body is larger than 100 KB.", extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
  });

  it("answers a GET longer than the server's header limit with 431, not 5xx", async () => {
    const response = await fetch(`${t.app.url}?query=${"%7B".repeat(20_000)}`, {});
    expect(response.status).toBe(431);
  });

  it("refuses a batch (an array of operations): batching is off", async () => {
    const response = await fetch(t.app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]) });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
  });

  it("answers malformed JSON with 400 BAD_REQUEST", async () => {
    const response = await fetch(t.app.url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query": "{ __typename }"' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Answer;
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    expectNoInternals(body);
  });

  it("refuses a mutation over GET with 405", async () => {
    const response = await http(t.app.url, "GET", `mutation { login(email: "a@b.c", password: "xxxxxxxxxxxx") { token } }`);
    expect(response.status).toBe(405);
  });
});

describe("message size over graphql-ws", () => {
  it(`closes a socket that sends a frame over ${TRANSPORT_LIMITS.wsMessageBytes / 1024} KB with 1009, and the server goes on`, async () => {
    const socket = new WebSocket(t.app.wsUrl, "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.send(JSON.stringify({ type: "connection_init", payload: { padding: "x".repeat(TRANSPORT_LIMITS.wsMessageBytes) } }));
    expect(await closed).toBe(1009);
    const after = await ws(t.app.wsUrl, "{ __typename }");
    expect(after.data).toEqual({ __typename: "Query" });
  });
});

describe("production: no schema details for strangers", () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ introspection: false });
  });
  afterAll(async () => {
    await prod.stop();
  });

  for (const transport of TRANSPORTS) {
    it(`${transport}: refuses introspection and leaves out "Did you mean"`, async () => {
      const introspection = await send(prod.app, transport, `{ __schema { types { name } } }`);
      expect(code(introspection)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
      expect(introspection.data).toBeUndefined();

      const typo = await send(prod.app, transport, `{ firmz { totalCount } }`);
      expect(code(typo)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(typo.errors?.[0]?.message).toBe('Cannot query field "firmz" on type "Query".');
      const typoArg = await send(prod.app, transport, `{ firms(frist: 5) { totalCount } }`);
      expect(typoArg.errors?.[0]?.message).not.toMatch(/Did you mean/);
      if (transport !== "WS") expect([introspection.status, typo.status]).toEqual([400, 400]);
    });
  }
});

describe("an unexpected failure", () => {
  it("is masked for the client, with the request id as its reference, and logged with the cause", async () => {
    const lines: any[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
    const app: RunningApp = await startServer(
      { db: t.database, databaseUrl: t.databaseUrl, log: pino({ level: "error" }, sink), jwt: { secret: new TextEncoder().encode("test-secret-test-secret-test-secret!"), ttl: "1h" }, introspection: true },
      { host: "127.0.0.1", port: 0 },
    );
    // A real fault in the real database: the table behind `sentras` is gone for a moment.
    await t.prisma.$executeRawUnsafe(`ALTER TABLE "Sentra" RENAME TO "Sentra_away"`);
    try {
      for (const transport of TRANSPORTS) {
        const answer = transport === "WS"
          ? await ws(app.wsUrl, "{ sentras { totalCount } }")
          : await http(app.url, transport, "{ sentras { totalCount } }", undefined, { "x-request-id": `req-${transport}` });
        expect(code(answer)).toBe("INTERNAL_SERVER_ERROR");
        const reference = answer.errors?.[0]?.extensions?.reference;
        expect(answer.errors?.[0]?.message).toBe(`Something went wrong on our side; it was logged under reference ${reference}.`);
        if (transport !== "WS") {
          expect(reference).toBe(`req-${transport}`);
          expect(answer.headers?.get("x-request-id")).toBe(`req-${transport}`);
        }
        expectNoInternals(answer);
        const logged = lines.find((l) => l.reference === reference);
        expect(logged?.err?.message).toMatch(/Sentra/);
      }
    } finally {
      await t.prisma.$executeRawUnsafe(`ALTER TABLE "Sentra_away" RENAME TO "Sentra"`);
      await app.stop();
    }
  });
});

describe("rate limits per token and per address", () => {
  let limited: TestApp;
  const perUser = 4;
  const perAddress = 7;
  beforeAll(async () => {
    limited = await startTestApp({ rateLimits: { perUserPerMinute: perUser, perAddressPerMinute: perAddress, trustProxy: 1 } });
  });
  afterAll(async () => {
    await limited.stop();
  });

  it("answers 429 with Retry-After once a token has used its minute, on every transport; others go on", async () => {
    const firm = await makeFirm(limited.prisma);
    const a = (await limited.user("FIRM", { firmId: firm.id })).token;
    const b = (await limited.user("FIRM", { firmId: firm.id })).token;
    const from = (address: string) => ({ "x-forwarded-for": address });
    const query = "{ viewer { role } }";
    // Token a, from four addresses (so only the token's limit is reached), over GET and POST.
    const answers = [
      await http(limited.app.url, "GET", query, undefined, { ...from("10.0.0.1"), authorization: `Bearer ${a}` }),
      await http(limited.app.url, "POST", query, undefined, { ...from("10.0.0.2"), authorization: `Bearer ${a}` }),
      await http(limited.app.url, "POST", query, undefined, { ...from("10.0.0.3"), authorization: `Bearer ${a}` }),
      await http(limited.app.url, "POST", query, undefined, { ...from("10.0.0.4"), authorization: `Bearer ${a}` }),
    ];
    expect(answers.map((r) => r.data?.viewer?.role)).toEqual(["FIRM", "FIRM", "FIRM", "FIRM"]);

    const refused = await http(limited.app.url, "POST", query, undefined, { ...from("10.0.0.5"), authorization: `Bearer ${a}` });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers?.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.errors?.[0]).toEqual({ message: `Too many requests; try again in ${wait} s.`, extensions: { code: "RATE_LIMITED", retryAfter: wait } });
    const refusedGet = await http(limited.app.url, "GET", query, undefined, { ...from("10.0.0.6"), authorization: `Bearer ${a}` });
    expect(refusedGet.status).toBe(429);

    // Token b is untouched.
    const other = await http(limited.app.url, "POST", query, undefined, { ...from("10.0.0.7"), authorization: `Bearer ${b}` });
    expect(other.data?.viewer?.role).toBe("FIRM");
  });

  it("answers 429 once an address has used its minute, whoever is asking", async () => {
    const address = { "x-forwarded-for": "10.9.9.9" };
    const statuses: number[] = [];
    for (let i = 0; i < perAddress + 1; i++) statuses.push((await http(limited.app.url, "POST", "{ __typename }", undefined, address)).status);
    expect(statuses).toEqual([...Array(perAddress).fill(200), 429]);
    // Another address is not affected.
    expect((await http(limited.app.url, "POST", "{ __typename }", undefined, { "x-forwarded-for": "10.9.9.8" })).status).toBe(200);
  });

  it("counts graphql-ws operations: over the limit an operation gets a RATE_LIMITED error with retryAfter", async () => {
    const firm = await makeFirm(limited.prisma);
    const token = (await limited.user("FIRM", { firmId: firm.id })).token;
    // graphql-ws connections come from 127.0.0.1 (no proxy header): the connection counts once.
    const client = createClient({ url: limited.app.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${token}` } });
    await new Promise((resolve) => client.on("connected", resolve));
    try {
      const run = () => operation(client, "{ viewer { role } }");
      const results: Answer[] = [];
      for (let i = 0; i < perUser; i++) results.push(await run());
      // connection_init took one of the token's four: three operations run, the fourth is refused.
      expect(results.slice(0, perUser - 1).map((r) => r.data?.viewer?.role)).toEqual(Array(perUser - 1).fill("FIRM"));
      const refusal = results[perUser - 1];
      expect(code(refusal)).toBe("RATE_LIMITED");
      expect(refusal.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    } finally {
      await client.dispose();
    }
  });

  it("closes a new graphql-ws connection over the address's limit with 1013 (try again later)", async () => {
    // 127.0.0.1 has used some of its minute above; use the rest, then one more.
    const codes: number[] = [];
    for (let i = 0; i < perAddress + 1; i++) {
      const socket = new WebSocket(limited.app.wsUrl, "graphql-transport-ws");
      await new Promise((resolve) => socket.once("open", resolve));
      const outcome = new Promise<number>((resolve) => {
        socket.once("message", () => { socket.close(1000); resolve(0); });
        socket.once("close", (c) => resolve(c));
      });
      socket.send(JSON.stringify({ type: "connection_init" }));
      codes.push(await outcome);
      if (codes.at(-1) === 1013) break;
    }
    expect(codes.at(-1)).toBe(1013);
    expect(codes.slice(0, -1).every((c) => c === 0)).toBe(true);
  });
});

describe("more rate limits", () => {
  let limited: TestApp;
  const perUser = 4;
  const perAddress = 7;
  const signIns = 3;
  beforeAll(async () => {
    limited = await startTestApp({ rateLimits: { perUserPerMinute: perUser, perAddressPerMinute: perAddress, signInPerAddressPerMinute: signIns, trustProxy: 1 } });
  });
  afterAll(async () => {
    await limited.stop();
  });
  const from = (address: string, token?: string) => ({ "x-forwarded-for": address, ...(token ? { authorization: `Bearer ${token}` } : {}) });

  it("takes nothing from the address's budget for a request its user's limit refused", async () => {
    const firm = await makeFirm(limited.prisma);
    const [a, b] = [(await limited.user("FIRM", { firmId: firm.id })).token, (await limited.user("FIRM", { firmId: firm.id })).token];
    const statuses = async (n: number, token: string) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await http(limited.app.url, "POST", "{ viewer { role } }", undefined, from("10.1.1.1", token))).status);
      return out;
    };
    // a: its 4, then 3 refusals that must not count against 10.1.1.1 (7 a minute).
    expect(await statuses(perUser + 3, a)).toEqual([200, 200, 200, 200, 429, 429, 429]);
    // b, behind the same address: the address has 3 left.
    expect(await statuses(4, b)).toEqual([200, 200, 200, 429]);
  });

  it("counts requests with bad tokens against their address", async () => {
    const answers: number[] = [];
    for (let i = 0; i < perAddress + 1; i++) answers.push((await http(limited.app.url, "POST", "{ __typename }", undefined, from("10.2.2.2", "not-a-token"))).status);
    expect(answers).toEqual([...Array(perAddress).fill(401), 429]);
  });

  it("limits sign-ins per address, counting every login in one document, over HTTP and graphql-ws", async () => {
    const login = (n: number) => `mutation { ${Array.from({ length: n }, (_, i) => `l${i}: login(email: "nobody${i}@x.test", password: "wrong-password-1") { token }`).join(" ")} }`;
    const first = await http(limited.app.url, "POST", login(2), undefined, from("10.3.3.3"));
    expect(first.status).toBe(200);
    // The first wrong password ends the (serial) mutation; both logins were counted all the same.
    expect(first.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    // 2 of 3 used: a document with two more logins is refused whole, before any password is checked.
    const refused = await http(limited.app.url, "POST", login(2), undefined, from("10.3.3.3"));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(code(refused)).toBe("RATE_LIMITED");
    expect(refused.data ?? null).toBeNull();
    // Another address signs in as usual.
    expect(code(await http(limited.app.url, "POST", login(1), undefined, from("10.3.3.4")))).toBe("UNAUTHENTICATED");
    // graphql-ws connections come from 127.0.0.1: three sign-ins, then RATE_LIMITED.
    const codes: unknown[] = [];
    for (let i = 0; i < signIns + 1; i++) codes.push(code(await ws(limited.app.wsUrl, login(1))));
    expect(codes).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
  });

  it("keys IPv6 clients by their /64 network and IPv4-mapped ones by their IPv4 address", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
    expect(addressKey("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(addressKey("10.0.0.1")).toBe("10.0.0.1");
  });
});

describe("a graphql-ws connection's token", () => {
  const secret = new TextEncoder().encode("test-secret-test-secret-test-secret!");
  const token = (userId: string, seconds: number) =>
    new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(userId).setIssuer("jalin").setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + seconds).sign(secret);

  it("closes the socket with 4403 when the token expires, ending its subscriptions", async () => {
    const { id } = await t.user("IKM");
    watch(t.app);
    const before = listening(t.app);
    // The server runs in this process: its clock and timers are faked here, so the token is
    // valid when the socket signs in and expires when the test says, however slow the machine.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const socket = new WebSocket(t.app.wsUrl, "graphql-transport-ws");
      await new Promise((resolve) => socket.once("open", resolve));
      const closed = new Promise<[number, string]>((resolve) => socket.once("close", (c, reason) => resolve([c, String(reason)])));
      const acked = new Promise((resolve) => socket.once("message", resolve));
      socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${await token(id, 60)}` } }));
      expect(JSON.parse(String(await acked))).toEqual({ type: "connection_ack" });
      socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "subscription { needPublished { id } }" } }));
      // Until the server listens for it (turns of the event loop: its timers are stopped).
      while (listening(t.app) === before) await new Promise((r) => setImmediate(r));
      vi.advanceTimersByTime(60_000);
      expect(await closed).toEqual([4403, "Your token has expired; sign in again."]);
    } finally {
      vi.useRealTimers();
    }
    await until(() => listening(t.app) === before, WAIT_MS, "the server ends the subscription");
  });

  it("refuses an HTTP token that was accepted before, once it has expired (a verified token is remembered, its expiry checked on every use)", async () => {
    const { id } = await t.user("IKM");
    const bearer = { authorization: `Bearer ${await token(id, 60)}` };
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      expect((await http(t.app.url, "POST", "{ viewer { role } }", undefined, bearer)).data).toEqual({ viewer: { role: "IKM" } });
      expect((await http(t.app.url, "GET", "{ viewer { role } }", undefined, bearer)).data).toEqual({ viewer: { role: "IKM" } }); // remembered
      vi.setSystemTime(Date.now() + 60_000);
      for (const transport of ["POST", "GET"] as const) {
        const refused = await http(t.app.url, transport, "{ viewer { role } }", undefined, bearer);
        expect(code(refused)).toBe("UNAUTHENTICATED");
        expect(refused.errors?.[0]?.message).toBe("Your token has expired; sign in again.");
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("asks who is asking on every operation: a user deleted after connecting is refused", async () => {
    const firm = await makeFirm(t.prisma);
    const user = await t.user("FIRM", { firmId: firm.id });
    const client = createClient({ url: t.app.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${user.token}` } });
    try {
      const run = () => operation(client, "{ viewer { role } }");
      expect((await run()).data?.viewer?.role).toBe("FIRM");
      await t.prisma.user.delete({ where: { id: user.id } });
      const refused = await run();
      expect(code(refused)).toBe("UNAUTHENTICATED");
      expect(refused.errors?.[0]?.message).toBe("Your account no longer exists.");
    } finally {
      await client.dispose();
    }
  });

  it(`refuses more than ${TRANSPORT_LIMITS.maxOperationsPerConnection} operations running at once on one connection`, async () => {
    const ikm = await t.user("IKM");
    const client = createClient({ url: t.app.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${ikm.token}` } });
    const stops: Array<() => void> = [];
    try {
      const max = TRANSPORT_LIMITS.maxOperationsPerConnection;
      const refusals: unknown[] = [];
      for (let i = 0; i < max + 1; i++) {
        stops.push(client.subscribe({ query: "subscription { needPublished { id } }" }, {
          next: () => undefined, complete: () => undefined,
          error: (e) => refusals.push(Array.isArray(e) ? e[0]?.extensions?.code : e),
        }));
      }
      await until(() => refusals.length > 0, WAIT_MS, "the server refuses one operation");
      expect(refusals).toEqual(["TOO_MANY_OPERATIONS"]);
    } finally {
      for (const stop of stops) stop();
      await client.dispose();
    }
  });
});
