/**
 * Subscriptions whose subscribers ask the same thing, as the same viewer, of the same event share
 * one execution of their selection (issue 17). One stage change heard by 10,000 subscribers of one
 * foundation used to run graphql-js, type-graphql and the resolvers 10,000 times for the same
 * answer; now it runs once per distinct (viewer, document, operation name, variables) and each
 * subscriber is sent that result.
 *
 * Why the answer is the same: an event's selection is resolved from the event (the same object for
 * every subscriber of this process: the local pubsub hands each the one it was published with), the
 * database, and the context, whose only input to an answer is the viewer (the per-request loaders
 * cache what the viewer may read; the request id only labels errors, which graphql-ws's onNext
 * formats per subscriber). The key holds the whole viewer, user id included, so no answer is ever
 * shared between two accounts, even of the same role and organisation. Whatever each subscriber's
 * stream filters (`keep`: access checked again per event, a resumed stream's skipped ids) runs
 * before this, per subscriber. Replayed events are read per subscriber, so they are never shared.
 */
import {
  type DocumentNode, type ExecutionArgs, type ExecutionResult, createSourceEventStream, execute, print,
} from "graphql";
import type { Context } from "./context.js";

type Executions = Map<string, Promise<ExecutionResult> | ExecutionResult>;

/** graphql-js's `subscribe`, sharing each event's execution among subscribers with the same key. */
export function createSharedSubscribe(): (args: ExecutionArgs) => Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  /** Per event object (collected with it once every subscriber is done with it): key to answer. */
  const byEvent = new WeakMap<object, Executions>();
  const printed = new WeakMap<DocumentNode, string>();

  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source; // errors before the stream started: answered as they are
    const key = sharingKey(args, printed);
    const run = (event: unknown) => execute({ ...args, rootValue: event });
    return mapEvents(source, (event) => {
      if (key === null || typeof event !== "object" || event === null) return run(event);
      let executions = byEvent.get(event);
      if (!executions) byEvent.set(event, (executions = new Map()));
      let answer = executions.get(key);
      if (!answer) executions.set(key, (answer = run(event)));
      return answer;
    });
  };
}

/** What decides a subscriber's answer besides the event; null: not shared (no signed-in viewer). */
function sharingKey(args: ExecutionArgs, printed: WeakMap<DocumentNode, string>): string | null {
  const viewer = (args.contextValue as Context | undefined)?.viewer;
  if (!viewer || viewer.kind !== "user") return null;
  let text = printed.get(args.document);
  if (text === undefined) printed.set(args.document, (text = print(args.document)));
  return JSON.stringify([viewer, args.operationName ?? null, args.variableValues ?? null, text]);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === "function";
}

/**
 * The source's events mapped through `map`, as graphql-js maps them (its mapAsyncIterator):
 * return() and throw() reach the source at once, even while a next() waits on it, so a subscriber
 * that leaves stops listening without waiting for another event.
 */
function mapEvents<T>(source: AsyncIterable<unknown>, map: (event: unknown) => T | Promise<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const close = async () => {
    try {
      await iterator.return?.();
    } catch {
      // the source failing as it closes changes nothing for a subscriber that is leaving
    }
  };
  const mapped = async (result: IteratorResult<unknown>): Promise<IteratorResult<T>> => {
    if (result.done) return result;
    try {
      return { value: await map(result.value), done: false };
    } catch (error) {
      await close();
      throw error;
    }
  };
  return {
    next: async () => mapped(await iterator.next()),
    return: async () => (iterator.return ? mapped(await iterator.return()) : { value: undefined, done: true }),
    throw: async (error?: unknown) => {
      if (iterator.throw) return mapped(await iterator.throw(error));
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<T>;
}
