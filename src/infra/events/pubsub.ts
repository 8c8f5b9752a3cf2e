/**
 * The in-process pubsub every subscription of this server process listens on, with its per-subscriber
 * backlog (a subscriber too far behind is ended with RESUME_REQUIRED).
 */
import { Repeater } from "@graphql-yoga/subscription";
import { DomainError, ErrorCode } from "../../domain/errors.js";
import type { Topics } from "./topics.js";

/** The typed local pubsub; type-graphql's `topics` subscriptions and the live service use it. */
export interface PubSub {
  publish<K extends keyof Topics>(topic: K, ...args: Topics[K]): void;
  subscribe<K extends keyof Topics>(topic: K, ...id: Topics[K] extends [string, unknown] ? [id: string] : []): AsyncIterable<Topics[K] extends [string, infer P] ? P : Topics[K][0]>;
}

/** The local pubsub, with a count of its subscribers (tests wait on it). */
export interface LocalPubSub extends PubSub {
  /** The turns its deliveries take; fan-out work elsewhere (rows read once for every subscriber) takes them too. */
  readonly turns: Turns;
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

/**
 * Deliveries (one event to one subscriber) made in one turn of the event loop before I/O may run
 * (issue 17). One event to 10,000 subscribers used to be delivered in one go: every subscriber's
 * selection ran before the mutation that caused the event could send its own answer (about 2 s
 * behind at 10k). In turns of this many, the loop serves sockets and queries between turns. Fewer
 * than this many subscribers, when nothing waits, are served at once as before (see Turns).
 */
export const DELIVERIES_PER_TURN = 256;

/** @repeaterjs/repeater throws inside the publisher past this many pending pushes on one stream. */
const REPEATER_MAX_PUSHES = 1024;

/** What a subscriber that fell more than the backlog behind gets, after the events it had. */
function fellBehind(backlog = SUBSCRIBER_BACKLOG): DomainError {
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
export function createLocalPubSub(backlog = SUBSCRIBER_BACKLOG, perTurn = DELIVERIES_PER_TURN): LocalPubSub {
  if (!(backlog >= 1 && backlog < REPEATER_MAX_PUSHES)) throw new Error(`a subscriber backlog must be 1 to ${REPEATER_MAX_PUSHES - 1}`);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const turns = new Turns(perTurn);
  return {
    publish(topic: string, ...args: unknown[]) {
      const keyed = args.length > 1 && args[1] !== undefined;
      const key = keyed ? `${topic}:${String(args[0])}` : topic;
      const payload = keyed ? args[1] : args[0];
      for (const listener of listeners.get(key) ?? []) turns.run(() => listener(payload));
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
    turns,
    listening(key?: string) {
      if (key !== undefined) return listeners.get(key)?.size ?? 0;
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },
  } as LocalPubSub;
}

/**
 * Fan-out work in turns: at most `perTurn` pieces of work (one event to one subscriber, or one
 * subscriber resumed with a row read for all) run in one turn of the event loop; the rest wait, in
 * the order they came, for the next turns (setImmediate, so I/O runs in between). What a piece
 * starts in microtasks runs within its turn.
 */
export class Turns {
  private readonly waiting: Array<() => void> = [];
  private head = 0;
  private used = 0;
  private scheduled = false;

  constructor(private readonly perTurn = DELIVERIES_PER_TURN) {}

  /** Runs `work` now if this turn has room and nothing waits; else in a later turn, in order. */
  run(work: () => void): void {
    this.schedule();
    if (this.head === this.waiting.length && this.used < this.perTurn) {
      this.used++;
      work();
    } else {
      this.waiting.push(work);
    }
  }

  /** `value`, handed over in this caller's turn (a rejection at once). */
  take<T>(value: Promise<T>): Promise<T> {
    return value.then((settled) => new Promise<T>((resolve) => this.run(() => resolve(settled))));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    this.used = 0;
    const end = Math.min(this.waiting.length, this.head + this.perTurn);
    while (this.head < end) {
      const work = this.waiting[this.head];
      this.waiting[this.head++] = undefined as never;
      this.used++;
      work();
    }
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    }
    if (this.used > 0) this.schedule(); // a new turn, with room again
  }
}
