/**
 * A subscriber's stream around a pubsub source: live only (`stream`), or resumed from the event log
 * first (`replayThenLive`), with one lifecycle for both.
 */

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
