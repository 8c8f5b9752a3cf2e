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
 * account's email). So an execution of an event for a kind of viewer runs with a viewer that watches
 * its id (`watchedViewer`, given to every graphql-ws context): reads of the id itself are counted,
 * and questions "is the viewer this user?" (`isUser`) are recorded with their answers. If the
 * execution never read the id, every branch it took was decided by what is in the key and by those
 * answers. Its answer then goes to every subscriber of that kind who answers each recorded question
 * the same way: the 10,000 people of one foundation get one execution, and when the answer shows
 * the changer's own email, two (the changer's, everyone else's). A subscriber no execution fits runs
 * one of its own, which others of the kind may then share. An execution that read the id itself is
 * that user's own, shared only with that user's other subscriptions. A context whose viewer is not
 * watched shares only with the same user.
 */
import {
  type DocumentNode, type ExecutionArgs, type ExecutionResult, createSourceEventStream, execute, print,
} from "graphql";
import { type UserViewer, type Viewer, answersAlike, watchIdentity } from "../access/viewer.js";
import type { Context } from "./context.js";

/** What an execution did with the viewer's identity: reads of its id, and questions asked of it. */
interface Watch {
  readonly viewer: UserViewer;
  reads: number;
  /** The questions "is the viewer this user?" of the execution running now, with their answers. */
  asked: Map<string, boolean> | null;
}

const watches = new WeakMap<object, Watch>();

/**
 * The viewer for a graphql-ws context: the same facts, with reads of the user id counted and
 * questions of identity recorded, so that a subscription's execution can be shared with the viewers
 * of the same kind that it would have answered alike.
 */
export function watchedViewer(viewer: Viewer): Viewer {
  if (viewer.kind !== "user") return viewer;
  const watch: Watch = { viewer, reads: 0, asked: null };
  const watched = { ...viewer };
  Object.defineProperty(watched, "userId", {
    enumerable: true,
    get: () => {
      watch.reads++;
      return viewer.userId;
    },
  });
  watchIdentity(watched, { userId: viewer.userId, asked: (userId, answer) => watch.asked?.set(userId, answer) });
  watches.set(watched, watch);
  return watched;
}

/**
 * One execution of an event's selection, and (as it ends) the questions of identity it asked with
 * their answers; null when it read the user id itself, so that its answer is that user's own.
 */
interface Execution {
  answer: Promise<ExecutionResult> | ExecutionResult;
  asked: Promise<ReadonlyMap<string, boolean> | null>;
}

/** An event's executions: by the whole viewer (and query), and by kind of viewer (watched executions). */
interface EventExecutions {
  own: Map<string, Execution>;
  kinds: Map<string, Execution[]>;
}

/** What decides a subscriber's answer besides the event: the whole viewer, and (watched) the kind of viewer. */
interface Keys {
  viewer: string;
  kind: string | null;
  watch: Watch | undefined;
}

const OWN = Promise.resolve(null);

/** graphql-js's `subscribe`, sharing each event's execution among subscribers with the same answer. */
export function createSharedSubscribe(): (args: ExecutionArgs) => Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  /** Per event object (collected with it once every subscriber is done with it). */
  const byEvent = new WeakMap<object, EventExecutions>();
  const printed = new WeakMap<DocumentNode, string>();

  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source; // errors before the stream started: answered as they are
    const keys = sharingKeys(args, printed);
    const run = (event: unknown) => execute({ ...args, rootValue: event });
    return mapEvents(source, (event) => {
      if (keys === null || typeof event !== "object" || event === null) return run(event);
      let executions = byEvent.get(event);
      if (!executions) byEvent.set(event, (executions = { own: new Map(), kinds: new Map() }));
      const { own, kinds } = executions;
      const { watch, kind } = keys;
      if (!watch || kind === null) {
        let mine = own.get(keys.viewer);
        if (!mine) own.set(keys.viewer, (mine = { answer: run(event), asked: OWN }));
        return mine.answer;
      }
      let ofKind = kinds.get(kind);
      if (!ofKind) kinds.set(kind, (ofKind = []));
      const variants = ofKind;
      const userId = watch.viewer.userId;
      // The first of the kind's executions whose questions this user answers alike, in the order they
      // began; none: one of this user's own, which the kind's later subscribers may share in turn.
      const choose = (i: number): Promise<ExecutionResult> | ExecutionResult => {
        const mine = own.get(keys.viewer);
        if (mine) return mine.answer;
        if (i === variants.length) {
          const fresh = watchedRun(watch, args.contextValue as Context, () => run(event));
          variants.push(fresh);
          own.set(keys.viewer, fresh);
          return fresh.answer;
        }
        const variant = variants[i];
        return variant.asked.then((asked) => (asked !== null && answersAlike(userId, asked) ? variant.answer : choose(i + 1)));
      };
      return choose(0);
    });
  };
}

/**
 * Runs an execution and learns what it did with the viewer's identity. The loaders are made anew
 * first, so everything they read of the viewer is read during it (each event starts with empty caches
 * anyway). One subscription's events run one at a time, so every read and question of this context's
 * viewer in between is this execution's; one from elsewhere could only keep an answer from being shared.
 */
function watchedRun(watch: Watch, context: Context, run: () => Promise<ExecutionResult> | ExecutionResult): Execution {
  const before = watch.reads;
  const asked = new Map<string, boolean>();
  watch.asked = asked;
  context.refreshLoaders();
  const answer = run();
  // Read as the execution ends (before anything else sees its answer), so no later read counts.
  const settle = (failed: boolean) => {
    if (watch.asked === asked) watch.asked = null;
    return !failed && watch.reads === before ? asked : null;
  };
  return { answer, asked: isPromise(answer) ? answer.then(() => settle(false), () => settle(true)) : Promise.resolve(settle(false)) };
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
