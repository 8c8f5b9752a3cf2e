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
