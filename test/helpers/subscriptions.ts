/**
 * Subscriptions over the real graphql-ws client, and waiting on conditions instead of sleeping.
 *
 * `subscribe` returns once the server listens for the new subscription (its source stream on the
 * server's local pubsub has started) or has answered it (an error, or complete), so a test can
 * publish right after it. Negative checks ("nothing else arrived") need no sleep either: make one
 * more event the subscriber should get and check it is the next one received (events reach a
 * subscriber in id order, so anything wrongly sent before it would show first).
 */
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { expect } from "vitest";
import type { PubSub } from "../../src/infra/events/bus.js";

/**
 * How long `until` and `received` wait by default before they fail: a hang guard only, far above
 * what a condition needs even on a machine whose cores are all busy (a waiter that succeeds returns
 * as soon as its condition holds, so this costs nothing when it passes).
 */
export const WAIT_MS = 20_000;
/** How often `until` looks again. */
const POLL_MS = 10;

/** Resolves once `condition` holds; throws (naming `what`) if it does not within `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = WAIT_MS, what = String(condition)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** A server process as tests see it (RunningApp). */
export interface Server {
  wsUrl: string;
  events: { pubsub: PubSub };
}

interface SourceStream {
  seq: number;
  started: boolean;
  stopped: boolean;
  claimed: boolean;
}

/** The source streams subscriptions opened on each server's local pubsub since it was first watched. */
const watched = new WeakMap<PubSub, { seq: number; streams: SourceStream[] }>();

/**
 * Watches a server's source streams (idempotent): every stream opened on its local pubsub from now
 * on is recorded as started (first read) and stopped (returned, ended or failed). Call it before
 * the subscriptions it should see are made; `subscribe` calls it itself.
 */
export function watch(server: Server): { seq: number; streams: SourceStream[] } {
  const pubsub = server.events.pubsub;
  let state = watched.get(pubsub);
  if (state) return state;
  const record = (state = { seq: 0, streams: [] as SourceStream[] });
  watched.set(pubsub, record);
  const subscribe = pubsub.subscribe.bind(pubsub) as (topic: string, ...id: string[]) => AsyncIterable<unknown>;
  (pubsub as { subscribe: unknown }).subscribe = (topic: string, ...id: string[]) => {
    const source = subscribe(topic, ...id);
    const entry: SourceStream = { seq: record.seq++, started: false, stopped: false, claimed: false };
    record.streams.push(entry);
    return {
      [Symbol.asyncIterator]() {
        const it = source[Symbol.asyncIterator]();
        return {
          next: async () => {
            entry.started = true;
            try {
              const result = await it.next();
              if (result.done) entry.stopped = true;
              return result;
            } catch (error) {
              entry.stopped = true;
              throw error;
            }
          },
          return: async (value?: unknown) => {
            entry.stopped = true;
            return it.return ? it.return(value) : { done: true as const, value };
          },
        };
      },
    };
  };
  return record;
}

/** Subscriptions' source streams listening on the server now (started, not stopped). */
export function listening(server: Server): number {
  return watch(server).streams.filter((s) => s.started && !s.stopped).length;
}

export interface Subscription {
  events: any[];
  errors: any[];
  completed: boolean;
  client: Client;
  /** Ends this subscription (graphql-ws `complete`), the connection stays. */
  unsubscribe: () => void;
  /** Leaves as a client whose connection drops: the socket closes, the server ends the subscription. */
  leave: () => Promise<void>;
  /** Resolves when `n` events have arrived; fails after `timeoutMs`, naming the errors received. */
  received: (n: number, timeoutMs?: number) => Promise<void>;
  /**
   * Resolves with the error codes once an error has arrived; fails after `timeoutMs`. For a refusal
   * that comes after the server started listening (a resume whose `after` the log refuses).
   */
  failed: (timeoutMs?: number) => Promise<unknown[]>;
}

const clients: Client[] = [];

export interface SubscribeOptions {
  /** Reconnect and subscribe again when the connection drops (a server restart). */
  retry?: boolean;
}

/**
 * Subscribes through the server's graphql-ws endpoint; resolves once the server listens for this
 * subscription, or has answered it with an error or complete.
 */
export async function subscribe(
  server: Server,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  options: SubscribeOptions = {},
): Promise<Subscription> {
  const streams = watch(server);
  const from = streams.seq;
  const retry = options.retry ?? false;
  const client = createClient({
    url: server.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: retry ? 30 : 0,
    retryWait: async () => new Promise((r) => setTimeout(r, 200)),
    shouldRetry: () => retry,
    lazy: false,
  });
  clients.push(client);
  const s: Subscription = {
    events: [], errors: [], completed: false, client,
    unsubscribe: () => undefined,
    leave: () => client.dispose() as Promise<void>,
    received: async (n, timeoutMs = WAIT_MS) => {
      await until(() => s.events.length >= n, timeoutMs).catch(() => undefined);
      expect(s.events.length, `waiting for ${n} event(s); errors: ${JSON.stringify(s.errors)}`).toBeGreaterThanOrEqual(n);
    },
    failed: async (timeoutMs = WAIT_MS) => {
      await until(() => s.errors.length > 0, timeoutMs).catch(() => undefined);
      expect(s.errors.length, `waiting for an error; events: ${JSON.stringify(s.events)}`).toBeGreaterThan(0);
      return s.errors.map((e) => e.extensions?.code ?? e.code);
    },
  };
  s.unsubscribe = client.subscribe({ query, variables }, {
    next: (v) => (v.errors ? s.errors.push(...v.errors) : s.events.push(v.data)),
    error: (e) => s.errors.push(...(Array.isArray(e) ? e : [e])),
    complete: () => (s.completed = true),
  });
  // Concurrent subscribes each take one stream opened since they began, oldest first.
  await until(() => {
    const mine = streams.streams.find((x) => x.seq >= from && x.started && !x.stopped && !x.claimed);
    if (mine) mine.claimed = true;
    return !!mine || s.errors.length > 0 || s.completed;
  }, WAIT_MS, "the server listens for the subscription or answers it");
  return s;
}

/**
 * Disposes every client `subscribe` made, then waits until the servers have let go of every
 * subscription's source stream, so the next test starts with nothing listening.
 */
export async function closeSubscriptions(...servers: Server[]): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await until(() => servers.every((server) => listening(server) === 0), WAIT_MS, "the servers let go of every subscription");
}

/**
 * A lazy graphql-ws client of the real library against `wsUrl`, signed in with `token` when given,
 * never retrying, and told when it closes; the caller disposes of it.
 */
export function lazyClient(wsUrl: string, token?: string, onClosed?: (event: unknown) => void): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    on: onClosed ? { closed: onClosed } : undefined,
  });
}
