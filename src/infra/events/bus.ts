/**
 * Events between server processes: a durable log in PostgreSQL, announced by LISTEN/NOTIFY.
 *
 * A service writes an event inside its transaction (`publish(tx, ...)`): a row in "EventLog" and a
 * NOTIFY, both visible at commit, never before, never when the transaction rolls back. Every server
 * process listening, this one included, republishes what arrives to its local pubsub, where
 * graphql-ws subscriptions wait. Event ids grow in commit order, so the log answers "everything
 * after id N" without gaps: a subscriber resumes from the last id it saw, and a process whose
 * LISTEN connection was down reads what it missed. Payloads carry ids, not rows: each subscriber
 * loads what it may see through its own context, so one event never leaks data across tenants.
 */
import { Repeater } from "@graphql-yoga/subscription";
import pg from "pg";
import type { Logger } from "pino";
import { DomainError, ErrorCode } from "../../domain/errors.js";
import type { MaturityStage } from "../../domain/enums.js";
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

/**
 * Every event carries its id in the log (a decimal string: ids grow in commit order) and the time
 * it was written.
 */
export type EventEnvelope<T> = T & { eventId: string; sentAt: string };

/** The durable event log's numbers. */
export const EVENT_LOG = {
  /**
   * Days an event stays in the log, so a subscriber away that long can resume. A week bridges a
   * phone switched off over a long weekend or a holiday; a client away longer refetches with
   * queries, which is cheaper than replaying a week of a foundation's events. A week of events is
   * small: one row per stage change, need published or need edited.
   */
  retentionDays: 7,
  /** How often each server deletes events older than the retention (and once when it starts). */
  pruneEveryMs: 60 * 60 * 1000,
  /** Most events one resume replays; a subscriber further behind refetches with a query. */
  maxReplay: 1000,
  /** Rows read at a time when a server catches up after its LISTEN connection came back. */
  catchUpBatch: 500,
  /**
   * pg_advisory_xact_lock key that orders event-writing transactions (see EventBus.publish). Any
   * constant no other lock uses: the migrations use Prisma's own, 72707369.
   */
  lockKey: 7_246_580_317,
} as const;

/** An event id a client sent back (`after`), or null when it is not one: digits that fit a bigint. */
export function parseEventId(text: string): bigint | null {
  if (!/^\d{1,19}$/.test(text)) return null;
  const id = BigInt(text);
  return id <= 9_223_372_036_854_775_807n ? id : null;
}

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

/** The local pubsub, with a count of its subscribers (tests wait on it). */
export interface LocalPubSub extends PubSub {
  /** Subscribers listening on `key` (`topic` or `topic:id`), or on any key when none is given. */
  listening(key?: string): number;
}

/**
 * Events a subscriber may have waiting (pushed to its stream, not yet taken) before its stream is
 * ended with RESUME_REQUIRED. A client that stops reading (graphql-ws sends one event at a time and
 * waits for the socket) must not hold memory without end, and must not lose events silently either:
 * it learns it fell behind and resumes from the last eventId it received. A client that reads has
 * one event waiting while its socket writes; 256 leaves room for bursts (a catch-up after a LISTEN
 * outage delivers up to EVENT_LOG.catchUpBatch at once, and a subscriber that gets more than 256 of
 * them resumes from the log), and 256 envelopes of a few hundred bytes are under 100 kB a subscriber.
 * It must stay below the Repeater's own limit of pending pushes (REPEATER_MAX_PUSHES).
 */
export const SUBSCRIBER_BACKLOG = 256;

/** @repeaterjs/repeater throws inside the publisher past this many pending pushes on one stream. */
const REPEATER_MAX_PUSHES = 1024;

/** What a subscriber that fell more than the backlog behind gets, after the events it had. */
export function fellBehind(backlog = SUBSCRIBER_BACKLOG): DomainError {
  return new DomainError(
    ErrorCode.RESUME_REQUIRED,
    `You fell more than ${backlog} events behind, so this subscription was ended: subscribe again with after set to the last eventId you received (or refetch with a query where the subscription takes no after).`,
  );
}

/**
 * In-process pubsub, the shape of @graphql-yoga/subscription's, without its shared buffer (that
 * library shares one buffer instance between all subscribers, or throws past 1,024 waiting events
 * inside the publisher). `topic` or `topic:id` routes to the subscribers of exactly that key. Each
 * subscriber's stream has no buffer: an event waits in its own push until the subscriber takes it,
 * so counting pushes not yet taken counts what waits. A subscriber with more than `backlog` waiting
 * is stopped with RESUME_REQUIRED: it still gets the events it had, then the error, and nothing is
 * dropped without it knowing.
 */
export function createLocalPubSub(backlog = SUBSCRIBER_BACKLOG): LocalPubSub {
  if (!(backlog >= 1 && backlog < REPEATER_MAX_PUSHES)) throw new Error(`a subscriber backlog must be 1 to ${REPEATER_MAX_PUSHES - 1}`);
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
        let set = listeners.get(key);
        if (!set) listeners.set(key, (set = new Set()));
        const subscribers = set;
        // A push resolves once the subscriber asks for the event after it.
        let waiting = 0;
        const taken = () => void waiting--;
        const leave = () => {
          subscribers.delete(listener);
          if (subscribers.size === 0 && listeners.get(key) === subscribers) listeners.delete(key);
        };
        const listener = (payload: unknown) => {
          if (waiting >= backlog) {
            leave(); // at once: the events published next are not even looked at
            stop(fellBehind(backlog));
            return;
          }
          waiting++;
          void push(payload).then(taken, taken);
        };
        subscribers.add(listener);
        void stop.then(leave);
      });
    },
    listening(key?: string) {
      if (key !== undefined) return listeners.get(key)?.size ?? 0;
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },
  } as LocalPubSub;
}

/**
 * What a subscriber's stream does around its source: `start` runs before it listens, `end` runs
 * once when it ends, whoever ends it (the subscriber leaving, the source ending or failing, a
 * `keep` that throws), and `keep` filters live events.
 */
export interface StreamHooks<T> {
  start?: () => void | Promise<void>;
  end?: () => void;
  keep?: (value: T) => boolean | Promise<boolean>;
}

/**
 * The one lifecycle of every subscriber's stream, live-only (`stream`) or resumed
 * (`replayThenLive`). Written by hand rather than as a Repeater so that a resumed stream can listen
 * and read the log before anyone reads from it (its refusals then answer the subscribe), and still
 * end when it is returned unread. Any throw (the source, `start`, `keep`) ends the stream before it
 * reaches the reader: graphql-js and graphql-ws never call return() after a rejected next().
 */
class SubscriberStream<T> implements AsyncIterableIterator<T> {
  private source: AsyncIterator<T> | null = null;
  private pending: Promise<IteratorResult<T>> | null = null;
  private opened: Promise<void> | null = null;
  private ended = false;
  private replayed: T[] = [];
  /** Live events with an id at or below this were in the replay's read; null when nothing was replayed. */
  private mark: bigint | null = null;

  constructor(
    private readonly listen: () => AsyncIterable<T>,
    private readonly hooks: StreamHooks<T>,
  ) {}

  /** Runs `start`, then listens (a local pubsub stream listens from its first next()); once. */
  open(): Promise<void> {
    this.opened ??= (async () => {
      await this.hooks.start?.();
      if (this.ended) return;
      this.source = this.listen()[Symbol.asyncIterator]();
      this.pending = this.source.next();
      this.pending.catch(() => undefined); // awaited by next(); a failure meanwhile is not unhandled
    })();
    return this.opened;
  }

  /** Events to deliver before live ones, and the log id they cover (see replayThenLive). */
  resume(events: T[], mark: bigint): void {
    this.replayed = events;
    this.mark = mark;
  }

  async next(): Promise<IteratorResult<T>> {
    try {
      await this.open();
      while (!this.ended) {
        const replayed = this.replayed.shift();
        if (replayed !== undefined) return { done: false, value: replayed };
        const result = await (this.pending ?? this.source!.next());
        this.pending = null;
        if (result.done || this.ended) break;
        if (this.mark !== null && BigInt((result.value as { eventId: string }).eventId) <= this.mark) continue;
        if (this.hooks.keep && !(await this.hooks.keep(result.value))) continue;
        if (!this.ended) return result;
      }
    } catch (error) {
      await this.finish();
      throw error;
    }
    await this.finish();
    return { done: true, value: undefined };
  }

  async return(): Promise<IteratorResult<T>> {
    await this.finish();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.finish();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private async finish(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.replayed = [];
    if (this.opened) this.hooks.end?.(); // returned unread, it never started: nothing to undo
    await this.source?.return?.(); // resolves a pending next() as done
  }
}

/**
 * `listen()` as a subscriber's stream: `start` and listening wait for the subscriber's first read
 * (graphql-ws may end a subscription before that, and then nothing ran and nothing needs undoing).
 */
export function stream<T>(listen: () => AsyncIterable<T>, hooks: StreamHooks<T> = {}): AsyncIterableIterator<T> {
  return new SubscriberStream(listen, hooks);
}

/** What a resume read from the log: the events to replay, and the highest log id its snapshot held. */
export interface Replay<T> {
  events: T[];
  /**
   * Every event on the route with an id up to this was read (and replayed, or left out because the
   * subscriber may not see it): live events up to it are skipped, not delivered a second time.
   */
  upTo: bigint;
}

/**
 * A resumed subscription: `start`, listening, then the logged events after `after` (`replay`, read
 * once), then live events newer than everything the replay read. Listening comes before the read,
 * so an event committed meanwhile waits in the stream instead of falling between the two; repeats
 * are skipped by id (ids grow in commit order, and the live stream delivers each once, in id
 * order), up to max(after, upTo) so that an event the replay left out is not delivered live either.
 * `keep` filters live events only: the caller checked access for the replay as it read it. A replay
 * that fails (a refused `after`) ends the stream and rejects. `end` runs once when the stream ends,
 * whoever ends it, even if nobody ever read from it.
 */
export async function replayThenLive<T extends { eventId: string }>(
  listen: () => AsyncIterable<T>,
  replay: () => Promise<Replay<T>>,
  after: bigint,
  hooks: StreamHooks<T> = {},
): Promise<AsyncIterableIterator<T>> {
  const resumed = new SubscriberStream(listen, hooks);
  try {
    await resumed.open();
    const { events, upTo } = await replay();
    resumed.resume(events, upTo > after ? upTo : after);
  } catch (error) {
    await resumed.return();
    throw error;
  }
  return resumed;
}

/** Anything that can run a statement inside the caller's transaction (a Prisma transaction client). */
export interface Executor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * NOTIFY payloads must stay under 8000 bytes (PostgreSQL's limit); the envelope (id, topic, time)
 * and jsonb's spacing add a little to the payload's own JSON.
 */
const MAX_PAYLOAD_BYTES = 7000;

/**
 * Lock, insert and NOTIFY in one statement: the caller's transaction sends as many statements as it
 * did with the bare NOTIFY.
 *
 * Why the advisory lock: ids come from a sequence in the order transactions ask for them, while
 * transactions commit in any order, so without it id 8 could become visible after id 9 and a reader
 * of "id > 7" that saw 9 would resume after 9 and never see 8. With it, a transaction takes the
 * lock, then its id, and keeps the lock until it commits or rolls back: ids become visible in order,
 * and "everything after N" read at any moment has no holes that fill later. The cost is that
 * event-writing transactions finish one at a time from this statement on; publish is their last
 * statement, so that is an insert and a commit each (the alternatives, a single writer process or
 * reading commit order from transaction ids and snapshots, need more parts than one lock).
 * `INSERT ... SELECT ... FROM locked` takes the lock before the row, and with it the id, is made.
 */
const PUBLISH_SQL = `WITH locked AS (SELECT pg_advisory_xact_lock(${EVENT_LOG.lockKey})),
logged AS (
  INSERT INTO "EventLog" ("topic", "ikmId", "firmId", "foundationIds", "payload")
  SELECT $1::text, $2::uuid, $3::uuid, $4::uuid[], $5::jsonb FROM locked
  RETURNING "id", "topic", "payload", "createdAt")
SELECT pg_notify('${EVENT_CHANNEL}', json_build_object('id', "id"::text, 'topic', "topic", 'payload', "payload", 'sentAt', "createdAt")::text)
  FROM logged`;

/**
 * Deletes events older than the retention, as a prefix of ids (everything below the first event
 * still young enough, or below the newest when all are old), so that "the log holds every event
 * after id N" holds for every N from the smallest id kept, less one. The newest event always stays:
 * it tells a resuming client whose id is the newest that it missed nothing.
 */
const PRUNE_SQL = `DELETE FROM "EventLog" WHERE "id" < COALESCE(
  (SELECT "id" FROM "EventLog" WHERE "createdAt" >= now() - make_interval(days => $1) ORDER BY "id" LIMIT 1),
  (SELECT max("id") FROM "EventLog"))`;

/** An event as the log and NOTIFY carry it. */
export interface LoggedEvent {
  id: string;
  topic: keyof SharedTopics;
  payload: SharedTopics[keyof SharedTopics];
  sentAt: string;
}

/** The routing keys of a payload, kept in their own columns for replays to filter on. */
function routeOf(payload: SharedTopics[keyof SharedTopics]): [ikmId: string | null, firmId: string | null, foundationIds: string[]] {
  return [
    "ikmId" in payload ? payload.ikmId : null,
    "firmId" in payload ? payload.firmId : null,
    "foundationIds" in payload ? payload.foundationIds : [],
  ];
}

/** The envelope subscribers see for a logged event. */
export function envelopeOf<K extends keyof SharedTopics>(event: LoggedEvent & { topic: K }): EventEnvelope<SharedTopics[K]> {
  return { ...(event.payload as SharedTopics[K]), eventId: event.id, sentAt: new Date(event.sentAt).toISOString() };
}

export class EventBus {
  readonly pubsub: LocalPubSub = createLocalPubSub();
  private listener: PgListener | null = null;
  /** Reads the log (catching up, pruning): apart from the LISTEN connection, and idle most of the time. */
  private pool: pg.Pool | null = null;
  /** The newest event id handed to the local pubsub; null until start() has read the log's end. */
  private delivered: bigint | null = null;
  /** Notifications that wait while the log is read (at start and after a reconnect); null when none wait. */
  private held: LoggedEvent[] | null = null;
  /** Counts lost LISTEN connections: a catch-up that saw one more loss leaves the rest to the next. */
  private losses = 0;
  private pruneTimer: NodeJS.Timeout | null = null;
  private pruning: Promise<unknown> = Promise.resolve();

  constructor(private readonly log: Logger) {}

  /**
   * Listens on EVENT_CHANNEL, then reads where the log ends: events from there on reach this
   * process's subscribers, each once and in id order, also those committed while its LISTEN
   * connection was down.
   */
  async start(databaseUrl: string): Promise<void> {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 1, idleTimeoutMillis: 10_000 });
    this.pool.on("error", (error) => this.log.warn({ err: error }, "event bus lost an idle log connection"));
    this.held = [];
    this.listener = new PgListener({
      databaseUrl,
      channels: [EVENT_CHANNEL],
      log: this.log,
      name: "event bus",
      onNotification: (_channel, payload) => this.receive(payload),
      // From the loss on, notifications wait until the log has been read from the last id delivered.
      onLost: () => {
        this.losses++;
        this.held = [];
      },
      onReconnected: () => this.catchUp(),
    });
    try {
      await this.listener.start();
      await this.catchUp();
    } catch (error) {
      await this.close();
      throw error;
    }
    this.pruning = this.prune().catch((error) => this.log.warn({ err: error }, "event log pruning failed"));
    this.pruneTimer = setInterval(() => {
      this.pruning = this.prune().catch((error) => this.log.warn({ err: error }, "event log pruning failed"));
    }, EVENT_LOG.pruneEveryMs);
    this.pruneTimer.unref();
  }

  /**
   * Writes an event in the caller's transaction: logged and announced to every process at commit.
   * Call it as the transaction's last statement: it takes the lock that orders event ids, held
   * until the commit (see PUBLISH_SQL).
   */
  async publish<K extends keyof SharedTopics>(tx: Executor, topic: K, payload: SharedTopics[K]): Promise<void> {
    const text = JSON.stringify(payload);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`event ${topic} is too large for NOTIFY`);
    await tx.$executeRawUnsafe(PUBLISH_SQL, topic, ...routeOf(payload), text);
  }

  /** Deletes events older than EVENT_LOG.retentionDays (see PRUNE_SQL); returns how many. */
  async prune(): Promise<number> {
    if (!this.pool) return 0;
    const result = await this.pool.query(PRUNE_SQL, [EVENT_LOG.retentionDays]);
    return result.rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    await this.listener?.close();
    this.listener = null;
    await this.pruning;
    const pool = this.pool;
    this.pool = null;
    await pool?.end().catch(() => undefined);
  }

  private receive(text: string): void {
    let event: LoggedEvent;
    try {
      event = JSON.parse(text);
      if (typeof event.id !== "string" || parseEventId(event.id) === null) throw new Error("no id");
    } catch {
      this.log.warn({ text: text.slice(0, 200) }, "event bus ignored a payload that is not an event");
      return;
    }
    if (this.held) this.held.push(event);
    else this.deliver(event);
  }

  /**
   * Reads the log after the last id delivered (at start: only where it ends) and delivers it, then
   * what waited meanwhile. If the connection was lost again meanwhile, what waits keeps waiting for
   * the next catch-up; if reading fails, the next attempt reads it all again from the log.
   */
  private async catchUp(): Promise<void> {
    const pool = this.pool;
    if (!pool) return;
    const losses = this.losses;
    this.held ??= [];
    try {
      if (this.delivered === null) {
        const { rows } = await pool.query<{ id: string }>(`SELECT COALESCE(max("id"), 0)::text AS id FROM "EventLog"`);
        this.delivered = BigInt(rows[0].id);
      } else {
        for (;;) {
          const { rows } = await pool.query<{ id: string; topic: keyof SharedTopics; payload: LoggedEvent["payload"]; sentAt: Date }>(
            // node-postgres reads bigint as a string; casting in SQL would make ORDER BY sort the text.
            `SELECT "id", "topic", "payload", "createdAt" AS "sentAt" FROM "EventLog" WHERE "id" > $1 ORDER BY "id" LIMIT $2`,
            [String(this.delivered), EVENT_LOG.catchUpBatch],
          );
          for (const row of rows) this.deliver({ ...row, sentAt: row.sentAt.toISOString() });
          if (rows.length) this.log.info({ events: rows.length, upTo: rows.at(-1)!.id }, "event bus delivered events it missed");
          if (rows.length < EVENT_LOG.catchUpBatch) break;
        }
      }
    } catch (error) {
      if (this.held) this.held = [];
      throw error;
    }
    if (losses !== this.losses) return;
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.deliver(event);
  }

  /** Hands an event to the local pubsub once: ids at or below the last delivered are repeats. */
  private deliver(event: LoggedEvent): void {
    const id = BigInt(event.id);
    if (this.delivered !== null && id <= this.delivered) return;
    this.delivered = id;
    const envelope = envelopeOf(event);
    const publish = this.pubsub.publish as (topic: string, ...args: unknown[]) => void;
    publish(event.topic, envelope);
    if (event.topic === "STAGE_CHANGED") {
      // Keyed copies: a subscriber queues only the changes it asked for.
      const change = envelope as Topics["STAGE_CHANGED"][0];
      this.pubsub.publish("STAGE_CHANGED_FOR", `ikm:${change.ikmId}`, change);
      for (const foundationId of change.foundationIds) this.pubsub.publish("STAGE_CHANGED_FOR", `foundation:${foundationId}`, change);
    }
  }
}
