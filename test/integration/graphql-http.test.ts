import http from "node:http";
import type { IncomingMessage } from "node:http";
import net from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRANSPORT_LIMITS } from "../../src/domain/limits.js";
import { plainJsonBody } from "../../src/http/body.js";
import { makeFirm } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";

/**
 * POSTs of plain JSON to /graphql are served on node:http without express (src/http/graphql-http.ts),
 * everything else through express's chain. Both must answer alike: every request below is sent both
 * ways (a `Content-Encoding: identity` body takes express's path, which body-parser reads as is) and
 * the two answers compared: status, the headers a client acts on, the body, and the request log's line.
 */

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** Log lines by request id, and a wait for the one a request will write once its response closes. */
class LogSink {
  private readonly lines = new Map<string, any>();
  private readonly waiting = new Map<string, (line: any) => void>();
  readonly stream = {
    write: (text: string) => {
      const line = JSON.parse(text);
      if (typeof line.requestId !== "string" || line.transport !== "http") return;
      this.lines.set(line.requestId, line);
      this.waiting.get(line.requestId)?.(line);
    },
  };
  line(requestId: string): Promise<any> {
    const seen = this.lines.get(requestId);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => this.waiting.set(requestId, resolve));
  }
}

let t: TestApp;
let limited: TestApp;
let token: string;
let limitedToken: string;
const sink = new LogSink();
let sequence = 0;

beforeAll(async () => {
  t = await startTestApp({ log: pino({ level: "info" }, sink.stream) });
  token = (await t.user("FIRM", { firmId: (await makeFirm(t.prisma)).id })).token;
  limited = await startTestApp({ rateLimits: { perUserPerMinute: 1 } });
  limitedToken = (await limited.user("FIRM", { firmId: (await makeFirm(limited.prisma)).id })).token;
});
afterAll(async () => {
  await t?.stop();
  await limited?.stop();
});

/** One request with exactly these headers and bytes (a string is sent as UTF-8; chunks are sent chunked). */
function send(url: string, headers: Record<string, string>, body: string | Buffer | Buffer[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode!, headers: response.headers, body: text ? JSON.parse(text) : null });
      });
    });
    request.on("error", reject);
    if (Array.isArray(body)) {
      for (const chunk of body) request.write(chunk);
      request.end();
    } else {
      request.end(body);
    }
  });
}

/** The same request on the plain path and on express's; both answers and their log lines. */
async function bothWays(headers: Record<string, string>, body: string | Buffer | Buffer[], app: TestApp = t) {
  const id = `both-${++sequence}`;
  const plain = await send(app.app.url, { ...headers, "x-request-id": `${id}-plain` }, body);
  const viaExpress = await send(app.app.url, { ...headers, "content-encoding": "identity", "x-request-id": `${id}-express` }, body);
  return { plain, viaExpress, id };
}

/** What a client acts on: the status, the body, and these headers. */
const seen = (a: Answer) => ({
  status: a.status,
  body: a.body,
  type: a.headers["content-type"],
  cache: a.headers["cache-control"],
  retryAfter: a.headers["retry-after"],
});

const JSON_TYPE = { "content-type": "application/json" };
const query = (text: string, variables?: unknown) => JSON.stringify({ query: text, variables });

describe("the plain path and express's answer alike", () => {
  const cases: Array<[string, () => Record<string, string>, () => string | Buffer | Buffer[], number]> = [
    ["an anonymous query", () => (JSON_TYPE), () => query("{ viewer { id } }"), 200],
    ["a signed-in query with variables", () => ({ ...JSON_TYPE, authorization: `Bearer ${token}` }), () => query("query($n: Int) { viewer { role } firms(first: $n) { nodes { name } } }", { n: 3 }), 200],
    ["charset=utf-8 spelled in any case", () => ({ "content-type": "Application/JSON; Charset=UTF-8", authorization: `Bearer ${token}` }), () => query("{ viewer { role } }"), 200],
    ["a token that does not verify (401)", () => ({ ...JSON_TYPE, authorization: "Bearer not-a-token" }), () => query("{ viewer { id } }"), 401],
    ["JSON cut short (400)", () => (JSON_TYPE), () => '{"query": "{ viewer { id } }"', 400],
    ["JSON that is not an object or an array (400)", () => (JSON_TYPE), () => '"{ viewer { id } }"', 400],
    ["a batch while batching is off (400)", () => (JSON_TYPE), () => JSON.stringify([{ query: "{ viewer { id } }" }]), 400],
    ["an empty body (400)", () => ({ ...JSON_TYPE, "content-length": "0" }), () => "", 400],
    ["bytes that are not UTF-8 (400)", () => (JSON_TYPE), () => Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]), 400],
    ["a body over the limit (413)", () => (JSON_TYPE), () => query(`{ viewer { id } } # ${"x".repeat(TRANSPORT_LIMITS.bodyBytes)}`), 413],
    ["a body over the limit sent in chunks (413)", () => (JSON_TYPE), () => [Buffer.from('{"query": "{ viewer { id } }", "x": "'), Buffer.alloc(TRANSPORT_LIMITS.bodyBytes, 0x61), Buffer.from('"}')], 413],
    ["a body sent in chunks", () => (JSON_TYPE), () => [Buffer.from('{"query": "{ viewer'), Buffer.from(' { id } }"}')], 200],
    ["a byte-order mark before the JSON", () => (JSON_TYPE), () => `\uFEFF${query("{ viewer { id } }")}`, 200],
    ["a NUL in a variable (400)", () => ({ ...JSON_TYPE, authorization: `Bearer ${token}` }), () => query("query($n: [String!]!) { processTerms(terms: $n) { __typename } }", { n: ["a\u0000b"] }), 400],
    ["a query that does not validate (400)", () => (JSON_TYPE), () => query("{ viewer { noSuchField } }"), 400],
    ["a query that does not parse (400)", () => (JSON_TYPE), () => query("{ viewer { id }"), 400],
    ["an operation name that is not in the document (400)", () => (JSON_TYPE), () => JSON.stringify({ query: "query A { viewer { id } }", operationName: "B" }), 400],
  ];

  for (const [name, headers, body, status] of cases) {
    it(name, async () => {
      const { plain, viaExpress, id } = await bothWays(headers(), body());
      expect(plain.status).toBe(status);
      expect(seen(plain)).toEqual(seen(viaExpress));
      expect(plain.headers["x-request-id"]).toBe(`${id}-plain`);
      expect(plain.headers["cache-control"]).toBe("no-store");
      if (status >= 400) expect(plain.body.errors[0].extensions.code).toEqual(expect.any(String));
      const [plainLine, expressLine] = await Promise.all([sink.line(`${id}-plain`), sink.line(`${id}-express`)]);
      const logged = (line: any) => ({ ...line, requestId: undefined, durationMs: undefined, time: undefined, pid: undefined, hostname: undefined });
      expect(logged(plainLine)).toEqual(logged(expressLine));
      expect(plainLine).toMatchObject({ path: "/graphql", status, method: "POST" });
    });
  }

  it("a refusal by the rate limit (429 with Retry-After)", async () => {
    const headers = { ...JSON_TYPE, authorization: `Bearer ${limitedToken}` };
    const first = await send(limited.app.url, headers, query("{ viewer { id } }"));
    expect(first.status).toBe(200);
    const { plain, viaExpress } = await bothWays(headers, query("{ viewer { id } }"), limited);
    expect(plain.status).toBe(429);
    // The seconds to wait count down between the two requests: the same answer, give or take one.
    const waits = [plain, viaExpress].map((a) => Number(a.headers["retry-after"]));
    expect(waits[0]).toBeGreaterThan(0);
    expect(Math.abs(waits[0] - waits[1])).toBeLessThanOrEqual(1);
    const withoutWait = (a: Answer) => {
      const wait = a.headers["retry-after"];
      const { retryAfter: _r, ...rest } = seen(a);
      return JSON.parse(JSON.stringify(rest).replaceAll(`${wait} s`, "N s").replaceAll(`"retryAfter":${wait}`, `"retryAfter":"N"`));
    };
    expect(withoutWait(plain)).toEqual(withoutWait(viaExpress));
    expect(plain.body.errors[0]).toMatchObject({ message: `Too many requests; try again in ${waits[0]} s.`, extensions: { code: "RATE_LIMITED", retryAfter: waits[0] } });
  });
});

describe("a client that goes away mid-body", () => {
  it("is logged as aborted, and the server answers the next request", async () => {
    const url = new URL(t.app.url);
    const socket = net.connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const head = [
      "POST /graphql HTTP/1.1", `Host: ${url.host}`, "Content-Type: application/json", "Content-Length: 100",
      "X-Request-Id: gone-mid-body", "", '{"query": "{ vi',
    ].join("\r\n");
    // 15 of the 100 bytes promised, handed to the kernel, then the connection closed.
    await new Promise<void>((resolve, reject) => socket.write(head, (error) => (error ? reject(error) : resolve())));
    socket.destroy();
    const line = await sink.line("gone-mid-body");
    expect(line).toMatchObject({ path: "/graphql", method: "POST", msg: "request aborted" });
    const next = await send(t.app.url, JSON_TYPE, query("{ viewer { id } }"));
    expect(next.status).toBe(200);
  });
});

describe("which requests the plain path takes", () => {
  const request = (headers: Record<string, string>) => ({ method: "POST", url: "/graphql", headers }) as unknown as IncomingMessage;
  it("JSON in UTF-8 (or with no charset) with a body, and nothing else", () => {
    expect(plainJsonBody(request({ "content-type": "application/json", "content-length": "10" }))).toBe(true);
    expect(plainJsonBody(request({ "content-type": "application/json; charset=utf-8", "transfer-encoding": "chunked" }))).toBe(true);
    expect(plainJsonBody(request({ "content-type": 'application/json;charset="utf-8"', "content-length": "10" }))).toBe(true);
    // express's answers: another charset (415), compressed bodies, other types, no body at all
    expect(plainJsonBody(request({ "content-type": "application/json; charset=latin1", "content-length": "10" }))).toBe(false);
    expect(plainJsonBody(request({ "content-type": "application/json", "content-length": "10", "content-encoding": "gzip" }))).toBe(false);
    expect(plainJsonBody(request({ "content-type": "application/graphql", "content-length": "10" }))).toBe(false);
    expect(plainJsonBody(request({ "content-type": "text/plain", "content-length": "10" }))).toBe(false);
    expect(plainJsonBody(request({ "content-type": "application/json" }))).toBe(false);
    expect(plainJsonBody(request({ "content-length": "10" }))).toBe(false);
  });

  it("another charset is still refused, by express, as JSON in UTF-8 is asked for (415)", async () => {
    const answer = await send(t.app.url, { "content-type": "application/json; charset=latin1" }, query("{ viewer { id } }"));
    expect(answer.status).toBe(415);
    expect(answer.body.errors[0]).toMatchObject({ message: "The request body must be JSON in UTF-8.", extensions: { code: "BAD_REQUEST" } });
  });
});
