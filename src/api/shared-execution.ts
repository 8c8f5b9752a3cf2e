/**
 * Subscriptions whose subscribers ask the same thing of the same event share one execution of their
 * selection (issue 17). One stage change heard by 10,000 subscribers of one foundation used to run
 * graphql-js, type-graphql and the resolvers 10,000 times for the same answer; now it runs once per
 * distinct (viewer, document, operation name, variables), and each subscriber is sent that result.
 *
 * Why the answer is the same: an event's selection is resolved from the event (the same object for
 * every subscriber of this process: the local pubsub hands each the one it was published with), the
 * database, and the context, whose only input to an answer is the viewer (the per-request loaders
 * cache what the viewer may read; the request id only labels errors, which graphql-ws's onNext
 * formats per subscriber). Whatever each subscriber's stream filters (`keep`: access checked again
 * per event, a resumed stream's skipped ids) runs before this, per subscriber. Replayed events are
 * read per subscriber, so they are never shared.
 *
 * Which viewers: the viewer is who the user is (their id) and what they are (role, firm, foundation,
 * IKM, koperasi). Access is decided almost only by what they are; their id decides little (their own
 * account's email). So the first execution of an event for a kind of viewer runs with a viewer whose
 * id counts its reads (`watchedViewer`, given to every graphql-ws context). If the execution never
 * read the id, nothing in it could have differed for another user of the same kind: every branch it
 * took was decided by what is in the key. Then its answer is shared with every subscriber of that
 * kind: the 10,000 people of one foundation get one execution. If it read the id, the answer is
 * that user's own, shared only with that user's other subscriptions, and every other user's
 * subscribers get an execution of their own. A context whose viewer is not watched shares only
 * with the same user.
 */
import {
  type DocumentNode, type ExecutionArgs, type ExecutionResult, createSourceEventStream, execute, print,
} from "graphql";
import type { UserViewer, Viewer } from "../access/viewer.js";
import type { Context } from "./context.js";

/** A viewer's id reads (of the object `watchedViewer` made) and the viewer as it was given. */
interface Watch {
  readonly viewer: UserViewer;
  reads: number;
}

const watches = new WeakMap<object, Watch>();

/**
 * The viewer for a graphql-ws context: the same facts, with reads of the user id counted, so that a
 * subscription's execution that never read it can be shared with the same kind of viewer.
 */
export function watchedViewer(viewer: Viewer): Viewer {
  if (viewer.kind !== "user") return viewer;
  const watch: Watch = { viewer, reads: 0 };
  const watched = { ...viewer };
  Object.defineProperty(watched, "userId", {
    enumerable: true,
    get: () => {
      watch.reads++;
      return viewer.userId;
    },
  });
  watches.set(watched, watch);
  return watched;
}

/** One execution of an event's selection, and whether it read the viewer's id (then: that user's own). */
interface Execution {
  answer: Promise<ExecutionResult> | ExecutionResult;
  personal: Promise<boolean>;
}

/** What decides a subscriber's answer besides the event: the whole viewer, and (watched) the kind of viewer. */
interface Keys {
  viewer: string;
  kind: string | null;
  watch: Watch | undefined;
}

const PERSONAL = Promise.resolve(true);

/** graphql-js's `subscribe`, sharing each event's execution among subscribers with the same answer. */
export function createSharedSubscribe(): (args: ExecutionArgs) => Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  /** Per event object (collected with it once every subscriber is done with it): key to execution. */
  const byEvent = new WeakMap<object, Map<string, Execution>>();
  const printed = new WeakMap<DocumentNode, string>();

  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source; // errors before the stream started: answered as they are
    const keys = sharingKeys(args, printed);
    const run = (event: unknown) => execute({ ...args, rootValue: event });
    return mapEvents(source, (event) => {
      if (keys === null || typeof event !== "object" || event === null) return run(event);
      let executions = byEvent.get(event);
      if (!executions) byEvent.set(event, (executions = new Map()));
      const own = executions.get(keys.viewer);
      if (own) return own.answer;
      const ofKind = keys.kind === null ? undefined : executions.get(keys.kind);
      if (ofKind) {
        const known = executions;
        return ofKind.personal.then((personal) => {
          if (!personal) return ofKind.answer;
          let mine = known.get(keys.viewer);
          if (!mine) known.set(keys.viewer, (mine = { answer: run(event), personal: PERSONAL }));
          return mine.answer;
        });
      }
      const first = keys.watch ? watchedRun(keys.watch, args.contextValue as Context, () => run(event)) : { answer: run(event), personal: PERSONAL };
      executions.set(keys.viewer, first);
      if (keys.kind !== null) executions.set(keys.kind, first);
      return first.answer;
    });
  };
}

/**
 * Runs an execution and learns whether it read the viewer's id. The loaders are made anew first, so
 * everything they read of the viewer is read during it (each event starts with empty caches anyway).
 * One subscription's events run one at a time, so every read of this context's viewer in between is
 * this execution's; a read from elsewhere could only keep an answer from being shared.
 */
function watchedRun(watch: Watch, context: Context, run: () => Promise<ExecutionResult> | ExecutionResult): Execution {
  const before = watch.reads;
  context.refreshLoaders();
  const answer = run();
  // Read as the execution ends (before anything else sees its answer), so no later read counts.
  const personal = isPromise(answer) ? answer.then(() => watch.reads !== before, () => true) : Promise.resolve(watch.reads !== before);
  return { answer, personal };
}

/** The keys of a subscriber's answers; null: not shared (no signed-in viewer). */
function sharingKeys(args: ExecutionArgs, printed: WeakMap<DocumentNode, string>): Keys | null {
  const viewer = (args.contextValue as Context | undefined)?.viewer;
  if (!viewer || viewer.kind !== "user") return null;
  const watch = watches.get(viewer);
  const given = watch?.viewer ?? viewer; // read as given: the key's own reads are not the execution's
  let text = printed.get(args.document);
  if (text === undefined) printed.set(args.document, (text = print(args.document)));
  const asked = [args.operationName ?? null, args.variableValues ?? null, text];
  return {
    viewer: JSON.stringify([given, ...asked]),
    kind: watch ? JSON.stringify([{ ...given, userId: null }, ...asked]) : null,
    watch,
  };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === "function";
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
