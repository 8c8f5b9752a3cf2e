/**
 * Events between server processes, through PostgreSQL LISTEN/NOTIFY.
 *
 * A service queues an event inside its transaction (`publish(tx, ...)`): PostgreSQL delivers it at
 * commit, never before, never when the transaction rolls back, and to every server process
 * listening, this one included. Each process republishes what arrives to its local pubsub, where
 * graphql-ws subscriptions wait. Payloads carry ids, not rows: each subscriber loads what it may
 * see through its own context, so one event never leaks data across tenants.
 */
import { randomUUID } from "node:crypto";
import { Repeater, SlidingBuffer } from "@graphql-yoga/subscription";
import type { Logger } from "pino";
import type { MaturityStage } from "../generated/prisma/enums.js";
import { PgListener } from "../db/listener.js";

/** The channel every server process listens on. */
export const EVENT_CHANNEL = "jalin_events";

/** Events that cross processes (sent through PostgreSQL). */
export type SharedTopics = {
  /** A need became OPEN (published to suppliers). */
  NEED_PUBLISHED: { needId: string; firmId: string; publishedAt: string };
  /** An OPEN need's terms changed: its ranked list may have too. */
  NEED_CHANGED: { needId: string; firmId: string };
  /** An IKM's stage changed; `foundationIds` are the foundations (and their parents) actively mentoring it then. */
  STAGE_CHANGED: {
    stageChangeId: string;
    ikmId: string;
    foundationIds: string[];
    fromStage: MaturityStage | null;
    toStage: MaturityStage;
    changedAt: string;
  };
};

/** Every event carries an id and the time it was queued. */
export type EventEnvelope<T> = T & { eventId: string; sentAt: string };

/** Local topics: the shared ones, plus per-subscriber streams derived in this process. */
export type Topics = {
  [K in keyof SharedTopics]: [payload: EventEnvelope<SharedTopics[K]>];
} & {
  /** STAGE_CHANGED again, keyed `foundation:<id>` for each foundation in its foundationIds and `ikm:<id>`. */
  STAGE_CHANGED_FOR: [key: string, payload: EventEnvelope<SharedTopics["STAGE_CHANGED"]>];
  /** A newly opened need this IKM is eligible for, at or above the alert threshold. */
  OPPORTUNITY: [ikmId: string, payload: { needId: string; ikmId: string; total: number; eventId: string }];
  /** The ranked list of a need changed. */
  MATCHES_CHANGED: [needId: string, payload: { needId: string; entered: string[]; left: string[]; moved: string[]; changedAt: string }];
};

/** The typed local pubsub; type-graphql's `topics` subscriptions and the live service use it. */
export interface PubSub {
  publish<K extends keyof Topics>(topic: K, ...args: Topics[K]): void;
  subscribe<K extends keyof Topics>(topic: K, ...id: Topics[K] extends [string, unknown] ? [id: string] : []): AsyncIterable<Topics[K] extends [string, infer P] ? P : Topics[K][0]>;
}

/**
 * Events a subscriber may have waiting before the oldest are dropped. A client that stops reading
 * (graphql-ws sends one event at a time and waits for the socket) must not hold memory without end,
 * nor overflow its queue and take the process down.
 */
export const SUBSCRIBER_BACKLOG = 256;

/**
 * In-process pubsub, the shape of @graphql-yoga/subscription's, with its own sliding buffer per
 * subscriber (that library shares one buffer instance between all subscribers, or throws past 1,024
 * waiting events inside the publisher). `topic` or `topic:id` routes to the subscribers of exactly
 * that key.
 */
export function createLocalPubSub(backlog = SUBSCRIBER_BACKLOG): PubSub {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    publish(topic: string, ...args: unknown[]) {
      const keyed = args.length > 1 && args[1] !== undefined;
      const key = keyed ? `${topic}:${String(args[0])}` : topic;
      const payload = keyed ? args[1] : args[0];
      for (const listener of listeners.get(key) ?? []) listener(payload);
    },
    subscribe(topic: string, ...id: Array<string | undefined>) {
      // type-graphql passes an undefined id for topics without one.
      const key = id[0] === undefined ? topic : `${topic}:${id[0]}`;
      return new Repeater<unknown>((push, stop) => {
        const listener = (payload: unknown) => void push(payload);
        let set = listeners.get(key);
        if (!set) listeners.set(key, (set = new Set()));
        set.add(listener);
        void stop.then(() => {
          set.delete(listener);
          if (set.size === 0 && listeners.get(key) === set) listeners.delete(key);
        });
      }, new SlidingBuffer(backlog));
    },
  } as PubSub;
}

/** Anything that can run a statement inside the caller's transaction (a Prisma transaction client). */
export interface Executor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** NOTIFY payloads must stay under 8000 bytes (PostgreSQL's limit). */
const MAX_PAYLOAD_BYTES = 7900;

export class EventBus {
  readonly pubsub: PubSub = createLocalPubSub();
  private listener: PgListener | null = null;

  constructor(private readonly log: Logger) {}

  /** Listens on EVENT_CHANNEL; without a database URL events stay in this process (unit use only). */
  async start(databaseUrl: string): Promise<void> {
    this.listener = new PgListener({
      databaseUrl,
      channels: [EVENT_CHANNEL],
      log: this.log,
      name: "event bus",
      onNotification: (_channel, payload) => this.deliver(payload),
    });
    await this.listener.start();
  }

  /**
   * Queues an event in the caller's transaction: delivered to every process at commit. Call it as
   * the transaction's last statement so nothing after it can still fail the commit for a reason
   * other than the database's own.
   */
  async publish<K extends keyof SharedTopics>(tx: Executor, topic: K, payload: SharedTopics[K]): Promise<void> {
    const envelope = { topic, payload: { ...payload, eventId: randomUUID(), sentAt: new Date().toISOString() } };
    const text = JSON.stringify(envelope);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`event ${topic} is too large for NOTIFY`);
    await tx.$executeRawUnsafe("SELECT pg_notify($1, $2)", EVENT_CHANNEL, text);
  }

  async close(): Promise<void> {
    await this.listener?.close();
  }

  private deliver(text: string): void {
    let envelope: { topic: keyof SharedTopics; payload: EventEnvelope<SharedTopics[keyof SharedTopics]> };
    try {
      envelope = JSON.parse(text);
    } catch {
      this.log.warn({ text: text.slice(0, 200) }, "event bus ignored a payload that is not JSON");
      return;
    }
    const publish = this.pubsub.publish as (topic: string, ...args: unknown[]) => void;
    publish(envelope.topic, envelope.payload);
    if (envelope.topic === "STAGE_CHANGED") {
      // Keyed copies: a subscriber queues only the changes it asked for.
      const event = envelope.payload as Topics["STAGE_CHANGED"][0];
      this.pubsub.publish("STAGE_CHANGED_FOR", `ikm:${event.ikmId}`, event);
      for (const id of event.foundationIds) this.pubsub.publish("STAGE_CHANGED_FOR", `foundation:${id}`, event);
    }
  }
}
