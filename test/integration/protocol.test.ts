import type { IncomingMessage } from "node:http";
import { type Client, CloseCode, type ExecutionResult } from "graphql-ws";
import { SignJWT } from "jose";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TRANSPORT_LIMITS } from "../../src/domain/limits.js";

const WS_INIT_TIMEOUT_MS = TRANSPORT_LIMITS.wsInitTimeoutMs;
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { lazyClient, listening, until, WAIT_MS, watch } from "../helpers/subscriptions.js";

/**
 * The graphql-transport-ws protocol (graphql-ws's PROTOCOL.md) as this server speaks it: raw frames
 * through `ws` where a conforming client could never send them, the real graphql-ws client otherwise.
 */
const PROTOCOL = "graphql-transport-ws";

let t: TestApp;
let firmToken: string;
let ikmToken: string;
const sockets: WebSocket[] = [];
const clients: Client[] = [];

/** The server's subscription streams graphql-ws is reading (these tests follow needPublished only). */
const liveNeedStreams = () => listening(t.app);

beforeAll(async () => {
  t = await startTestApp();
  firmToken = (await t.user("FIRM", { firmId: (await makeFirm(t.prisma)).id })).token;
  ikmToken = (await t.user("IKM", { ikmId: (await makeIkm(t.prisma)).id })).token;

  // Watch the subscriptions' source streams, so a test can wait until the server listens before it
  // publishes, and see the server let go of a stream, instead of sleeping and hoping.
  watch(t.app);
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.stop();
});


type Frame = { type: string; id?: string; payload?: any };

/** A socket that sends exactly the frames it is told to and records every frame and the close. */
class RawSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private read = 0;
  private wake: (() => void) | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      this.wake?.();
    });
    this.closed = new Promise((resolve) => ws.once("close", (code, reason) => {
      resolve({ code, reason: reason.toString() });
      this.wake?.();
    }));
  }

  static open(protocols: string[] = [PROTOCOL]): Promise<RawSocket> {
    const ws = new WebSocket(t.app.wsUrl, protocols);
    sockets.push(ws);
    const raw = new RawSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(raw));
      ws.once("error", reject);
    });
  }

  /** Opens a connection and completes connection_init / connection_ack. */
  static async acknowledged(token?: string): Promise<RawSocket> {
    const raw = await RawSocket.open();
    raw.send({ type: "connection_init", payload: token ? { authorization: `Bearer ${token}` } : {} });
    expect(await raw.next()).toEqual({ type: "connection_ack" });
    return raw;
  }

  send(frame: Frame | string | Buffer): void {
    this.ws.send(typeof frame === "string" || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /** The next frame not yet read; fails if the socket closes first. */
  async next(): Promise<Frame> {
    while (this.read >= this.frames.length) {
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`socket closed while a frame was awaited`);
      await new Promise<void>((r) => { this.wake = r; });
      this.wake = null;
    }
    return this.frames[this.read++];
  }

  /**
   * Pings with a unique payload and returns the frames read before its pong. The server handles
   * messages concurrently, so this proves the connection is open and answering, not that every
   * frame of an operation still running has arrived.
   */
  async pingPong(): Promise<Frame[]> {
    const marker = Math.random().toString(36).slice(2);
    this.send({ type: "ping", payload: { marker } });
    const before: Frame[] = [];
    for (let frame = await this.next(); !(frame.type === "pong" && frame.payload?.marker === marker); frame = await this.next()) {
      before.push(frame);
    }
    return before;
  }
}

function client(token?: string, onClosed?: (event: unknown) => void): Client {
  const c = lazyClient(t.app.wsUrl, token, onClosed);
  clients.push(c);
  return c;
}

async function openNeed(title: string): Promise<void> {
  const draft = await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input: needInput({ title }) }, firmToken);
  expect(draft.errors).toBeUndefined();
  const opened = await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: draft.data.createNeed.id }, firmToken);
  expect(opened.data?.transitionNeed.status).toBe("OPEN");
}

/** The server still serves a new connection: init, ack, a query's next and complete. */
async function expectServerServes(): Promise<void> {
  const raw = await RawSocket.acknowledged();
  raw.send({ id: "q", type: "subscribe", payload: { query: "{ __typename }" } });
  expect(await raw.next()).toEqual({ id: "q", type: "next", payload: { data: { __typename: "Query" } } });
  expect(await raw.next()).toEqual({ id: "q", type: "complete" });
  raw.ws.close();
}

const NEED_PUBLISHED = "subscription { needPublished { title } }";

describe("graphql-transport-ws: connection", () => {
  it("closes a socket that never sends connection_init with 4408 after WS_INIT_TIMEOUT_MS", async () => {
    // The server runs in this process, so its timers are faked here: the test says when
    // WS_INIT_TIMEOUT_MS has passed, rather than timing a server that a loaded machine may delay.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const raw = await RawSocket.open();
      // A ping is answered before connection_init: the server handles the connection (its timer set).
      expect(await raw.pingPong()).toEqual([]);
      vi.advanceTimersByTime(WS_INIT_TIMEOUT_MS - 1);
      expect(await raw.pingPong(), "still open 1 ms before the timeout").toEqual([]);
      vi.advanceTimersByTime(1);
      expect(await raw.closed).toEqual({ code: CloseCode.ConnectionInitialisationTimeout, reason: "Connection initialisation timeout" });
      expect(raw.frames.map((f) => f.type)).toEqual(["pong", "pong"]); // nothing but the two pongs
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers ping with pong, echoing a payload when there is one", async () => {
    const raw = await RawSocket.acknowledged();
    raw.send({ type: "ping" });
    expect(await raw.next()).toEqual({ type: "pong" });
    raw.send({ type: "ping", payload: { sent: "2027-03-01T00:00:00Z", n: 7 } });
    expect(await raw.next()).toEqual({ type: "pong", payload: { sent: "2027-03-01T00:00:00Z", n: 7 } });
    raw.ws.close();
  });

  it("takes pong frames without answering them or closing", async () => {
    const raw = await RawSocket.acknowledged();
    raw.send({ type: "pong" });
    raw.send({ type: "pong", payload: { unsolicited: true } });
    expect(await raw.pingPong()).toEqual([]);
    expect(raw.ws.readyState).toBe(WebSocket.OPEN);
    raw.ws.close();
  });

  it("closes with 4429 on a second connection_init", async () => {
    const raw = await RawSocket.acknowledged();
    raw.send({ type: "connection_init", payload: {} });
    expect(await raw.closed).toEqual({ code: CloseCode.TooManyInitialisationRequests, reason: "Too many initialisation requests" });
  });

  it("closes with 4401 on a subscribe before connection_ack", async () => {
    const raw = await RawSocket.open();
    raw.send({ id: "early", type: "subscribe", payload: { query: "{ __typename }" } });
    expect(await raw.closed).toEqual({ code: CloseCode.Unauthorized, reason: "Unauthorized" });
    expect(raw.frames).toEqual([]);
  });
});

describe("graphql-transport-ws: authentication", () => {
  it("closes with 4403 when connection_init carries a token that is not valid", async () => {
    const raw = await RawSocket.open();
    raw.send({ type: "connection_init", payload: { authorization: "Bearer not-a-token" } });
    expect(await raw.closed).toEqual({ code: CloseCode.Forbidden, reason: "Forbidden" });
    expect(raw.frames).toEqual([]);
  });

  it("closes with 4403 when connection_init carries an expired token (the real client sees the close)", async () => {
    const user = await t.user("IKM", { ikmId: (await makeIkm(t.prisma)).id });
    // Signed with the harness's secret, so the token is refused for its age and nothing else.
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setIssuer("jalin")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode("test-secret-test-secret-test-secret!"));
    await expect(t.app.services.auth.viewerFromAuthorization(`Bearer ${expired}`)).rejects.toThrow(/expired/);

    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      client(expired, (event) => resolve(event as { code: number; reason: string }))
        .subscribe({ query: "{ __typename }" }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect(await closed).toMatchObject({ code: CloseCode.Forbidden, reason: "Forbidden" });
  });

  it("answers a subscription that needs a signed-in user, on an anonymous connection, with a result coded UNAUTHENTICATED, then complete", async () => {
    // The check runs in the field's subscribe resolver (type-graphql's @Authorized), so graphql-js
    // returns it as the operation's result with errors: graphql-ws sends it as `next`, then `complete`.
    const raw = await RawSocket.acknowledged();
    raw.send({ id: "anon", type: "subscribe", payload: { query: NEED_PUBLISHED } });
    const frame = await raw.next();
    expect(frame).toMatchObject({ id: "anon", type: "next" });
    expect(frame.payload.data).toBeUndefined();
    expect(frame.payload.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(["UNAUTHENTICATED"]);
    expect(frame.payload.errors[0].path).toEqual(["needPublished"]);
    expect(await raw.next()).toEqual({ id: "anon", type: "complete" });
    expect(await raw.pingPong()).toEqual([]);
    raw.ws.close();
  });

  it("answers a signed-in user without the role with a result coded FORBIDDEN, then complete (real client)", async () => {
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      client(firmToken).subscribe(
        { query: NEED_PUBLISHED },
        { next: (r) => seen.push(...(r.errors ?? []).map((e) => String(e.extensions?.code))), error: reject, complete: resolve },
      );
    });
    expect(seen).toEqual(["FORBIDDEN"]);
  });
});

describe("graphql-transport-ws: operations", () => {
  it("closes with 4409 when a second subscribe reuses the id of a running subscription, and lets go of the first", async () => {
    const raw = await RawSocket.acknowledged(ikmToken);
    const before = liveNeedStreams();
    raw.send({ id: "same", type: "subscribe", payload: { query: NEED_PUBLISHED } });
    await until(() => liveNeedStreams() === before + 1, WAIT_MS, "the first subscription listens");
    raw.send({ id: "same", type: "subscribe", payload: { query: "{ __typename }" } });
    expect(await raw.closed).toEqual({ code: CloseCode.SubscriberAlreadyExists, reason: "Subscriber for same already exists" });
    expect(raw.frames).toEqual([{ type: "connection_ack" }]);
    await until(() => liveNeedStreams() === before, WAIT_MS, "the server stops the first subscription");
  });

  it.each([
    ["a document that does not parse", "subscription {", "GRAPHQL_PARSE_FAILED"],
    ["a document that does not validate", "subscription { noSuchEvent }", "GRAPHQL_VALIDATION_FAILED"],
  ])("answers %s with an error frame and no complete; the connection stays open", async (_name, query, code) => {
    const raw = await RawSocket.acknowledged(ikmToken);
    raw.send({ id: "bad", type: "subscribe", payload: { query } });
    const frame = await raw.next();
    expect(frame).toMatchObject({ id: "bad", type: "error" });
    expect(frame.payload.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([code]);
    // Error ends the operation (PROTOCOL.md): the server forgets the id, so it may be used again.
    raw.send({ id: "bad", type: "subscribe", payload: { query: "{ __typename }" } });
    expect(await raw.next()).toEqual({ id: "bad", type: "next", payload: { data: { __typename: "Query" } } });
    expect(await raw.next()).toEqual({ id: "bad", type: "complete" });
    raw.ws.close();
  });

  it("ends a query over the socket with next, then complete", async () => {
    const raw = await RawSocket.acknowledged(firmToken);
    raw.send({ id: "firms", type: "subscribe", payload: { query: "query Firms { firms { totalCount } }", operationName: "Firms" } });
    const next = await raw.next();
    expect(next).toMatchObject({ id: "firms", type: "next" });
    expect(next.payload.data.firms.totalCount).toBeGreaterThan(0);
    expect(await raw.next()).toEqual({ id: "firms", type: "complete" });
    expect(await raw.pingPong()).toEqual([]);
    raw.ws.close();
  });

  it("stops a running subscription when the client completes it: no next after complete (real client)", async () => {
    const ws = client(ikmToken);
    const stopped: string[] = [];
    const witness: string[] = [];
    const subscribe = (into: string[]) =>
      ws.subscribe<{ needPublished: { title: string } }>(
        { query: NEED_PUBLISHED },
        { next: (r: ExecutionResult<{ needPublished: { title: string } }>) => into.push(r.data!.needPublished.title), error: (e) => { throw e; }, complete: () => undefined },
      );
    const before = liveNeedStreams();
    const unsubscribe = subscribe(stopped);
    subscribe(witness);
    await until(() => liveNeedStreams() === before + 2, WAIT_MS, "both subscriptions listen");

    await openNeed("Before complete");
    await until(() => stopped.length === 1 && witness.length === 1, WAIT_MS, "both receive the first need");
    unsubscribe(); // sends { type: "complete", id }
    await until(() => liveNeedStreams() === before + 1, WAIT_MS, "the server stops that subscription's stream");

    await openNeed("After complete");
    await until(() => witness.length === 2, WAIT_MS, "the witness receives the second need");
    expect(witness).toEqual(["Before complete", "After complete"]);
    expect(stopped).toEqual(["Before complete"]);
  });
});

describe("graphql-transport-ws: malformed messages", () => {
  const cases: [string, string | Buffer | Frame][] = [
    ["text that is not JSON", "this is not json"],
    ["JSON without a type", JSON.stringify({ id: "1", payload: { query: "{ __typename }" } })],
    ["an unknown type", { type: "start", id: "1", payload: { query: "{ __typename }" } }],
    ["a subscribe without payload.query", { id: "1", type: "subscribe", payload: { variables: {} } }],
    ["a subscribe without an id", { type: "subscribe", payload: { query: "{ __typename }" } }],
    ["a binary frame that is not JSON", Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00])],
  ];
  it.each(cases)("closes with 4400 on %s, and the server serves the next connection", async (_name, frame) => {
    const raw = await RawSocket.acknowledged();
    raw.send(frame);
    expect(await raw.closed).toEqual({ code: CloseCode.BadRequest, reason: "Invalid message received" });
    expect(raw.frames).toEqual([{ type: "connection_ack" }]);
    await expectServerServes();
  });
});

describe("graphql-transport-ws: frame types", () => {
  it("reads a binary frame that holds a JSON message like a text frame (graphql-ws's ws adapter decodes both)", async () => {
    const raw = await RawSocket.acknowledged();
    raw.send(Buffer.from(JSON.stringify({ id: "bin", type: "subscribe", payload: { query: "{ __typename }" } })));
    expect(await raw.next()).toEqual({ id: "bin", type: "next", payload: { data: { __typename: "Query" } } });
    expect(await raw.next()).toEqual({ id: "bin", type: "complete" });
    raw.ws.close();
  });
});

describe("graphql-transport-ws: subprotocol", () => {
  it("refuses the legacy 'graphql-ws' subprotocol in the handshake: 101 without Sec-WebSocket-Protocol, which the client must reject", async () => {
    const ws = new WebSocket(t.app.wsUrl, ["graphql-ws"]);
    sockets.push(ws);
    const upgrade = new Promise<IncomingMessage>((resolve) => ws.once("upgrade", resolve));
    const error = new Promise<Error>((resolve) => ws.once("error", resolve));
    const closed = new Promise<number>((resolve) => ws.once("close", resolve));
    const response = await upgrade;
    expect(response.statusCode).toBe(101);
    expect(response.headers["sec-websocket-protocol"]).toBeUndefined();
    expect((await error).message).toBe("Server sent no subprotocol");
    expect(await closed).toBe(1006);
  });

  it("closes a connection that agreed on no subprotocol with 4406", async () => {
    const raw = await RawSocket.open([]);
    expect(raw.ws.protocol).toBe("");
    expect(await raw.closed).toEqual({ code: CloseCode.SubprotocolNotAcceptable, reason: "Subprotocol not acceptable" });
  });

  it("agrees on graphql-transport-ws when a client offers it among others", async () => {
    const raw = await RawSocket.open(["graphql-ws", PROTOCOL]);
    expect(raw.ws.protocol).toBe(PROTOCOL);
    raw.ws.close();
  });
});
