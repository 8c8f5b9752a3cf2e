import pino from "pino";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { toGlobalId } from "../../src/domain/ids.js";
import { QUERY_LIMITS } from "../../src/domain/limits.js";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";

/**
 * Bad input never reaches an internal error, on any transport. Each case goes over HTTP POST, HTTP
 * GET and graphql-ws; each must be refused with a typed code (4xx over HTTP, an `error` message or
 * result errors on the socket), never INTERNAL_SERVER_ERROR, and the server must log nothing at
 * error level for it: a client's mistake is not the operator's emergency.
 */

type Transport = "POST" | "GET" | "WS";
const TRANSPORTS: Transport[] = ["POST", "GET", "WS"];

interface Answer {
  status: number; // HTTP status; 0 for graphql-ws
  errors?: { message: string; extensions?: Record<string, any> }[];
  data?: any;
}

/** Percent-encodes for a URL's query, leaving brackets and braces as they are (a deep value then fits in a GET). */
const enc = (text: string) => encodeURIComponent(text).replace(/%5B/g, "[").replace(/%5D/g, "]").replace(/%7B/g, "{").replace(/%7D/g, "}");

/**
 * Variables as JSON text: JSON.stringify (and so graphql-ws's client) overflows the stack on values
 * a few thousand levels deep, which the server must still refuse cleanly.
 */
class RawJson {
  constructor(readonly text: string) {}
}
const json = (variables: object | RawJson | undefined) => (variables instanceof RawJson ? variables.text : JSON.stringify(variables));

async function http(url: string, transport: "GET" | "POST", query: string, variables?: object | RawJson, token?: string): Promise<Answer> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = transport === "GET"
    ? await fetch(`${url}?query=${enc(query)}${variables ? `&variables=${enc(json(variables))}` : ""}`, { headers })
    : await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: `{"query":${JSON.stringify(query)}${variables ? `,"variables":${json(variables)}` : ""}}` });
  const text = await response.text();
  return { status: response.status, ...(text.startsWith("{") ? JSON.parse(text) : { errors: [{ message: text }] }) };
}

/** One operation on a graphql-ws connection of its own: its result, or the errors of an `error` message. */
async function ws(wsUrl: string, query: string, variables?: object, token?: string): Promise<Answer> {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: token ? { authorization: `Bearer ${token}` } : {} });
  try {
    return await new Promise<Answer>((resolve, reject) => {
      let answer: Answer | null = null;
      client.subscribe({ query, variables: variables as Record<string, unknown> }, {
        next: (value) => { answer = { status: 0, ...(value as object) }; },
        error: (errors) => (Array.isArray(errors) ? resolve({ status: 0, errors }) : reject(errors)),
        complete: () => (answer ? resolve(answer) : reject(new Error("completed without a result"))),
      });
    });
  } finally {
    await client.dispose();
  }
}

/**
 * One operation over the graphql-transport-ws protocol spoken directly on a socket, for variables
 * given as JSON text (graphql-ws's client would stringify them).
 */
async function rawWs(wsUrl: string, query: string, variables: RawJson): Promise<Answer> {
  const socket = new WebSocket(wsUrl, "graphql-transport-ws");
  try {
    return await new Promise<Answer>((resolve, reject) => {
      let answer: Answer | null = null;
      socket.once("error", reject);
      socket.once("close", (code) => reject(new Error(`closed with ${code}`)));
      socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: {} })));
      socket.on("message", (data) => {
        const message = JSON.parse(String(data));
        if (message.type === "connection_ack") socket.send(`{"id":"1","type":"subscribe","payload":{"query":${JSON.stringify(query)},"variables":${variables.text}}}`);
        else if (message.type === "next") answer = { status: 0, ...message.payload };
        else if (message.type === "error") resolve({ status: 0, errors: message.payload });
        else if (message.type === "complete") (answer ? resolve(answer) : reject(new Error("completed without a result")));
      });
    });
  } finally {
    socket.close();
  }
}

const send = (app: TestApp, transport: Transport, query: string, variables?: object | RawJson, token?: string) =>
  transport === "WS"
    ? variables instanceof RawJson ? rawWs(app.app.wsUrl, query, variables) : ws(app.app.wsUrl, query, variables, token)
    : http(app.app.url, transport, query, variables, token);

/** Log lines the server wrote, parsed. */
function logSink() {
  const lines: { level: number; msg: string }[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

const ERROR_LEVEL = 50; // pino: 50 error, 60 fatal

const NUL = "a\u0000b";
const LONE = "a\ud800b";
const DEEP = (depth: number) => new RawJson(`{"f":{"search":${"[".repeat(depth)}${"]".repeat(depth)}}}`);
const IKM_SEARCH = `query($f: IkmFilter) { ikms(filter: $f) { totalCount } }`;
const FIRM_SEARCH = `query($f: FirmFilter) { firms(filter: $f) { totalCount } }`;
const LOGIN = `mutation($e: String!) { login(email: $e, password: "whatever-password") { token } }`;
const CREATE_NEED = `mutation($input: NeedInput!) { createNeed(input: $input) { id } }`;
const CERTS = (validOn: string) => `{ ikms(first: 1) { nodes { certifications(validOn: ${validOn}) { type } } } }`;

interface Expected {
  /** HTTP status (ignored for graphql-ws). */
  status: number;
  code: string;
  message?: RegExp;
  /** extensions.fields, where the refusal names the input. */
  fields?: { path: string; message: string }[];
}

interface Case {
  name: string;
  query: string;
  variables?: (transport: Transport) => object | RawJson;
  /** Sent signed in as a firm's member. */
  firm?: boolean;
  expect: Expected;
  /** Where a transport answers otherwise (GET refuses mutations with 405 before reading them). */
  on?: Partial<Record<Transport, Partial<Expected> | { status: number; code?: undefined }>>;
}

const MUTATION_OVER_GET = { GET: { status: 405, code: undefined } };

const CASES: Case[] = [
  { name: "a NUL byte in the ikms search", query: IKM_SEARCH, variables: () => ({ f: { search: NUL } }),
    expect: { status: 400, code: "BAD_USER_INPUT", message: /\$f\.search.*NUL/, fields: [{ path: "f.search", message: expect.stringMatching(/NUL/) }] } },
  { name: "a lone surrogate in the ikms search", query: IKM_SEARCH, variables: () => ({ f: { search: LONE } }),
    expect: { status: 400, code: "BAD_USER_INPUT", message: /\$f\.search.*surrogate/, fields: [{ path: "f.search", message: expect.stringMatching(/surrogate/) }] } },
  { name: "a NUL byte in the firms search", query: FIRM_SEARCH, variables: () => ({ f: { search: NUL } }), firm: true,
    expect: { status: 400, code: "BAD_USER_INPUT" } },
  { name: "a lone surrogate in the firms search", query: FIRM_SEARCH, variables: () => ({ f: { search: LONE } }), firm: true,
    expect: { status: 400, code: "BAD_USER_INPUT" } },
  { name: "a NUL byte in the regionCode filter", query: IKM_SEARCH, variables: () => ({ f: { regionCode: `33${NUL}` } }),
    expect: { status: 400, code: "BAD_USER_INPUT", message: /\$f\.regionCode/ } },
  { name: "a lone surrogate in the regionCode filter", query: FIRM_SEARCH, variables: () => ({ f: { regionCode: LONE } }), firm: true,
    expect: { status: 400, code: "BAD_USER_INPUT" } },
  { name: "a NUL byte written in the document (\\u0000)", query: `{ ikms(filter: { search: "a\\u0000b" }) { totalCount } }`,
    expect: { status: 400, code: "BAD_USER_INPUT", message: /NUL/ } },
  { name: "a lone surrogate written in the document (\\uD800)", query: `{ ikms(filter: { search: "a\\uD800b" }) { totalCount } }`,
    expect: { status: 400, code: "GRAPHQL_PARSE_FAILED" } },
  { name: "a NUL byte in login's email", query: LOGIN, variables: () => ({ e: `x${NUL}@test.jalin` }),
    expect: { status: 400, code: "BAD_USER_INPUT", message: /\$e/ } },
  { name: "a lone surrogate in login's email", query: LOGIN, variables: () => ({ e: `x${LONE}@test.jalin` }),
    expect: { status: 400, code: "BAD_USER_INPUT" } },
  // graphql-js is patched to answer in plain objects (scripts/patches); on one, this key would set the prototype.
  { name: "a field answered under the alias __proto__", query: `{ __proto__: __typename }`,
    expect: { status: 400, code: "GRAPHQL_VALIDATION_FAILED", message: /"__proto__" cannot name a field.*another alias/ } },
  { name: "a nested field answered under the alias __proto__", query: `{ ikms(first: 1) { totalCount __proto__: nodes { id } } }`,
    expect: { status: 400, code: "GRAPHQL_VALIDATION_FAILED", message: /__proto__/ } },
  { name: "createNeed starting in year 0", query: CREATE_NEED, variables: () => ({ input: needInput({ startDate: "0000-01-01" }) }), firm: true,
    expect: { status: 400, code: "BAD_USER_INPUT", message: /input\.startDate.*1900.*2200/ }, on: MUTATION_OVER_GET },
  { name: "createNeed starting in 2201", query: CREATE_NEED, variables: () => ({ input: needInput({ startDate: "2201-01-01" }) }), firm: true,
    expect: { status: 400, code: "BAD_USER_INPUT", message: /1900.*2200/ }, on: MUTATION_OVER_GET },
  { name: "a Date argument in year 0, as a literal", query: CERTS(`"0000-01-01"`),
    expect: { status: 400, code: "GRAPHQL_VALIDATION_FAILED", message: /1900.*2200/ } },
  { name: "a Date argument in 1899, as a variable", query: `query($d: Date) { ikms(first: 1) { nodes { certifications(validOn: $d) { type } } } }`,
    variables: () => ({ d: "1899-12-31" }), expect: { status: 400, code: "BAD_USER_INPUT", message: /\$d.*1900.*2200/ } },
  { name: "an unknown enum value in the variables", query: IKM_SEARCH, variables: () => ({ f: { minimumStage: "MADYX" } }),
    expect: { status: 400, code: "BAD_USER_INPUT" } },
  { name: "an unknown input field in the variables", query: IKM_SEARCH, variables: () => ({ f: { serch: "baja" } }),
    expect: { status: 400, code: "BAD_USER_INPUT" } },
  { name: "deeply nested JSON variables", query: IKM_SEARCH,
    // 40,000 deep fits in a body (100 KB); a GET carries at most what fits in a request line (16 KB).
    variables: (transport) => DEEP(transport === "GET" ? 3_000 : 40_000),
    expect: { status: 400, code: "BAD_USER_INPUT", message: /nest/ } },
  { name: "a 20,000-deep list literal (40 KB)", query: `{ ikms(filter: { processes: ${"[".repeat(20_000)}${"]".repeat(20_000)} }) { totalCount } }`,
    expect: { status: 400, code: "QUERY_TOO_COMPLEX", message: /KB/ },
    on: { GET: { status: 431, code: undefined } } }, // over the request line's limit
  { name: "a 12,000-deep list literal (24 KB)", query: `{ ikms(filter: { processes: ${"[".repeat(12_000)}${"]".repeat(12_000)} }) { totalCount } }`,
    expect: { status: 400, code: "QUERY_TOO_COMPLEX", message: /nest/ },
    on: { GET: { status: 431, code: undefined } } },
  { name: "a deeply nested list literal that fits in a GET", query: `{ ikms(filter: { processes: ${"[".repeat(5_000)}${"]".repeat(5_000)} }) { totalCount } }`,
    expect: { status: 400, code: "QUERY_TOO_COMPLEX", message: /nest/ } },
  { name: "a deeply nested object literal", query: `{ ikms(filter: ${"{a:".repeat(2_000)}1${"}".repeat(2_000)}) { totalCount } }`,
    expect: { status: 400, code: "QUERY_TOO_COMPLEX", message: /nest/ } },
  { name: `a document over ${QUERY_LIMITS.maxDocumentBytes / 1024} KB of commas`, query: `{ __typename ${",".repeat(45_000)} }`,
    expect: { status: 400, code: "QUERY_TOO_COMPLEX", message: /KB/ },
    on: { GET: { status: 431, code: undefined } } },
  { name: "a document just over the byte cap, of whitespace", query: `{ __typename ${" ".repeat(QUERY_LIMITS.maxDocumentBytes)} }`,
    expect: { status: 400, code: "QUERY_TOO_COMPLEX" }, on: { GET: { status: 431, code: undefined } } },
];

let t: TestApp;
const log = logSink();
let firmToken: string;

beforeAll(async () => {
  t = await startTestApp({ log: pino({ level: "trace" }, log.destination) });
  const firm = await makeFirm(t.prisma);
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
});
afterAll(async () => {
  await t.stop();
});

describe("bad input is refused with a typed code on every transport, and logged below error level", () => {
  for (const c of CASES) {
    for (const transport of TRANSPORTS) {
      it(`${transport}: ${c.name}`, async () => {
        const from = log.lines.length;
        const answer = await send(t, transport, c.query, c.variables?.(transport), c.firm ? firmToken : undefined);
        const expected = { ...c.expect, ...c.on?.[transport] };
        if (transport !== "WS") expect(answer.status, JSON.stringify(answer)).toBe(expected.status);
        if (expected.code) {
          expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(answer).slice(0, 500)).toBe(expected.code);
          if (c.expect.message) expect(answer.errors?.[0]?.message).toMatch(c.expect.message);
        }
        if (expected.fields) expect(answer.errors?.[0]?.extensions?.fields).toEqual(expected.fields);
        expect(answer.data ?? null).toBeNull();
        expect(JSON.stringify(answer)).not.toMatch(/INTERNAL_SERVER_ERROR|RangeError|stack size|prisma|invalid byte sequence/i);
        expect(log.lines.slice(from).filter((l) => l.level >= ERROR_LEVEL)).toEqual([]);
      });
    }
  }
});

describe("a value only the database refuses", () => {
  // A cursor is base64 of JSON that graphql-js and the guard see only as an opaque string; one
  // crafted to hold a NUL reaches PostgreSQL, which refuses it (SQLSTATE 22021). The error formatter
  // answers any such data exception as bad input and logs it as a warning.
  const cursor = Buffer.from(JSON.stringify(["CV \u0000", "00000000-0000-4000-8000-000000000000"])).toString("base64url");
  for (const transport of TRANSPORTS) {
    it(`${transport}: a crafted cursor holding a NUL is BAD_USER_INPUT, logged as a warning`, async () => {
      const from = log.lines.length;
      const answer = await send(t, transport, `query($c: String) { ikms(after: $c) { totalCount nodes { id } } }`, { c: cursor });
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(answer)).toBe("BAD_USER_INPUT");
      expect(answer.errors?.[0]?.message).toMatch(/cannot be stored or compared/);
      expect(JSON.stringify(answer)).not.toMatch(/INTERNAL_SERVER_ERROR|invalid byte sequence|0x00/);
      const logged = log.lines.slice(from);
      expect(logged.filter((l) => l.level >= ERROR_LEVEL)).toEqual([]);
      expect(logged.some((l) => l.level === 40 && /database refused/.test(l.msg))).toBe(true);
    });
  }
});

describe("bytes that are not UTF-8", () => {
  afterEach(() => {
    expect(log.lines.filter((l) => l.level >= ERROR_LEVEL)).toEqual([]);
  });

  it("POST: a body with invalid UTF-8 is refused with 400 BAD_REQUEST, not executed", async () => {
    const body = Buffer.concat([Buffer.from('{"query":"{ ikms(filter: { search: \\"'), Buffer.from([0xff, 0xfe]), Buffer.from('\\" }) { totalCount } }"}')]);
    const response = await fetch(t.app.url, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as Answer;
    expect(answer.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    expect(answer.errors?.[0]?.message).toMatch(/UTF-8/);
    expect(answer.data).toBeUndefined();
  });

  it("GET: a query string with invalid UTF-8 is refused with 400 BAD_REQUEST, not executed", async () => {
    const response = await fetch(`${t.app.url}?query=${enc("{ ikms(filter: { search: \"")}%FF%FE${enc("\" }) { totalCount } }")}`);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as Answer;
    expect(answer.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    expect(answer.errors?.[0]?.message).toMatch(/UTF-8/);
  });

  it("WS: a text frame with invalid UTF-8 closes the socket with 1007 (invalid payload), and the server goes on", async () => {
    const printed = vi.spyOn(console, "error");
    const socket = new WebSocket(t.app.wsUrl, "graphql-transport-ws");
    await new Promise((resolve, reject) => { socket.once("open", resolve); socket.once("error", reject); });
    const closed = new Promise<number>((resolve) => socket.once("close", resolve));
    socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
    const after = await ws(t.app.wsUrl, "{ __typename }");
    expect(after.data).toEqual({ __typename: "Query" });
    // graphql-ws would print "Internal error emitted on a WebSocket socket" to stderr.
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
  });
});

describe("what still works", () => {
  it("a document at the byte cap runs on POST and graphql-ws", async () => {
    const query = `{ __typename }`.padEnd(QUERY_LIMITS.maxDocumentBytes, " ");
    for (const transport of ["POST", "WS"] as const) {
      const answer = await send(t, transport, query);
      expect(answer.errors, transport).toBeUndefined();
      expect(answer.data).toEqual({ __typename: "Query" });
    }
  });

  it("dates from 1900 to 2200 are taken", async () => {
    for (const d of ["1900-01-01", "2200-12-31"]) {
      const answer = await send(t, "POST", CERTS(`"${d}"`));
      expect(answer.errors, d).toBeUndefined();
    }
    const created = await send(t, "POST", CREATE_NEED, { input: needInput({ startDate: "2200-12-31" }) }, firmToken);
    expect(created.errors).toBeUndefined();
  });
});

describe("the ikms and firms searches take % and _ literally", () => {
  it("a search for % finds only names with a %, a search for _ only names with an _", async () => {
    const percent = await makeIkm(t.prisma, { name: "CV Logam 100% Presisi" });
    const underscore = await makeIkm(t.prisma, { name: "CV Baja_Las Mandiri" });
    await makeIkm(t.prisma, { name: "CV Biasa Saja" });
    await makeFirm(t.prisma, "PT 50% Plastik");
    await makeFirm(t.prisma, "PT Biasa");
    const ikms = async (search: string) => (await t.gql(`query($s: String) { ikms(filter: { search: $s }, first: 100) { nodes { id legalName } } }`, { s: search })).data.ikms.nodes as { id: string; legalName: string }[];

    const byPercent = await ikms("%");
    expect(byPercent.map((n) => n.id)).toContain(percent.gid);
    expect(byPercent.every((n) => n.legalName.includes("%"))).toBe(true);
    const byUnderscore = await ikms("_");
    expect(byUnderscore.map((n) => n.id)).toContain(underscore.gid);
    expect(byUnderscore.every((n) => n.legalName.includes("_"))).toBe(true);
    expect(await ikms("\\")).toEqual([]);
    expect((await ikms("0% p")).map((n) => n.id)).toEqual([percent.gid]);

    const firms = (await t.gql(`query($s: String) { firms(filter: { search: $s }, first: 100) { nodes { name } } }`, { s: "%" }, firmToken)).data.firms.nodes as { name: string }[];
    expect(firms.map((f) => f.name)).toContain("PT 50% Plastik");
    expect(firms.every((f) => f.name.includes("%"))).toBe(true);
  });
});

describe("errors name records by their global ids", () => {
  it("a stale update's CONFLICT names the need by the id the API gave, never a database UUID", async () => {
    const created = await t.gql(`mutation($i: NeedInput!) { createNeed(input: $i) { id version } }`, { i: needInput() }, firmToken);
    const { id, version } = created.data.createNeed as { id: string; version: number };
    const stale = await t.gql(`mutation($id: ID!, $v: Int) { updateNeed(id: $id, expectedVersion: $v, input: { title: "Bracket B" }) { id } }`, { id, v: version + 1 }, firmToken);
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(stale.errors?.[0]?.message).toContain(id);
    expect(stale.errors?.[0]?.message).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(id).toBe(toGlobalId("ComponentNeed", (await t.prisma.componentNeed.findFirstOrThrow({ where: { title: "Bracket" }, orderBy: { createdAt: "desc" } })).id));
  });
});

describe("production: no \"Did you mean\" on any transport", () => {
  let prod: TestApp;
  const prodLog = logSink();
  beforeAll(async () => {
    prod = await startTestApp({ introspection: false, log: pino({ level: "trace" }, prodLog.destination) });
  });
  afterAll(async () => {
    await prod?.stop();
  });

  const PROD_CASES: { name: string; query: string; variables?: object; code: string }[] = [
    { name: "an unknown enum value in the variables", query: IKM_SEARCH, variables: { f: { minimumStage: "MADYX" } }, code: "BAD_USER_INPUT" },
    { name: "an unknown input field in the variables", query: IKM_SEARCH, variables: { f: { serch: "baja" } }, code: "BAD_USER_INPUT" },
    { name: "an unknown enum value in the document", query: `{ ikms(filter: { minimumStage: MADYX }) { totalCount } }`, code: "GRAPHQL_VALIDATION_FAILED" },
    { name: "an unknown input field in the document", query: `{ ikms(filter: { serch: "baja" }) { totalCount } }`, code: "GRAPHQL_VALIDATION_FAILED" },
    { name: "an unknown field", query: `{ ikms { totalCont } }`, code: "GRAPHQL_VALIDATION_FAILED" },
    { name: "an unknown argument", query: `{ ikms(frist: 1) { totalCount } }`, code: "GRAPHQL_VALIDATION_FAILED" },
    { name: "a variable of an unknown type", query: `query($f: IkmFiltr) { ikms(filter: $f) { totalCount } }`, code: "GRAPHQL_VALIDATION_FAILED" },
  ];
  for (const c of PROD_CASES) {
    for (const transport of TRANSPORTS) {
      it(`${transport}: ${c.name}`, async () => {
        const from = prodLog.lines.length;
        const answer = await send(prod, transport, c.query, c.variables);
        if (transport !== "WS") expect(answer.status).toBe(400);
        expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(answer)).toBe(c.code);
        expect(JSON.stringify(answer)).not.toMatch(/did you mean/i);
        expect(prodLog.lines.slice(from).filter((l) => l.level >= ERROR_LEVEL)).toEqual([]);
      });
    }
  }

  it("the same mistakes in development do suggest names (so the check above can fail)", async () => {
    const answer = await send(t, "WS", IKM_SEARCH, { f: { minimumStage: "MADYX" } });
    expect(answer.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});
