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
 *
 * The parts live beside this file: topics.ts (what events exist), log.ts (the log's statements),
 * pubsub.ts (the in-process pubsub), streams.ts (subscriber streams and resumes). This file is the
 * bus: LISTEN, catching up after a lost connection, and handing each event to the local pubsub once.
 */
import pg from "pg";
import type { Logger } from "pino";
import { PgListener } from "../db/listener.js";
import { type Executor, type LoggedEvent, envelopeOf, eventsAfter, logEnd, pruneEvents, writeEvent } from "./log.js";
import { type LocalPubSub, createLocalPubSub } from "./pubsub.js";
import { EVENT_CHANNEL, EVENT_LOG, type SharedTopics, type Topics, parseEventId } from "./topics.js";

export { EVENT_LOG, type EventEnvelope, type SharedTopics, type Topics, parseEventId } from "./topics.js";
export { type LocalPubSub, type PubSub, SUBSCRIBER_BACKLOG, Turns, createLocalPubSub } from "./pubsub.js";
export { type Replay, replayThenLive, stream } from "./streams.js";
export { type Executor, type LoggedEvent, envelopeOf } from "./log.js";

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
   * until the commit (see PUBLISH_SQL in log.ts).
   */
  async publish<K extends keyof SharedTopics>(tx: Executor, topic: K, payload: SharedTopics[K]): Promise<void> {
    await writeEvent(tx, topic, payload);
  }

  /** Deletes events older than EVENT_LOG.retentionDays (see PRUNE_SQL in log.ts); returns how many. */
  async prune(): Promise<number> {
    if (!this.pool) return 0;
    return pruneEvents(this.pool);
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
        this.delivered = await logEnd(pool);
      } else {
        for (;;) {
          const events = await eventsAfter(pool, this.delivered);
          for (const event of events) this.deliver(event);
          if (events.length) this.log.info({ events: events.length, upTo: events.at(-1)!.id }, "event bus delivered events it missed");
          if (events.length < EVENT_LOG.catchUpBatch) break;
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
