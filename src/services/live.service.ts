/**
 * What subscribers of this server process hear, derived from shared events and from the match
 * index (each process keeps its own index, fed by PostgreSQL's change feed):
 *  - opportunity alerts: when a need opens, each IKM subscribed here that is eligible for it with
 *    a total of at least MATURITY.opportunityAlertMinScore hears of it (one SQL read per event for
 *    all of them, scored by the pure scorer);
 *  - watched rankings: each need with a `matchesChanged` subscriber here keeps its top
 *    LIVE.watchedTop; after the index changes (or the need does), it is ranked again and a
 *    difference is published.
 */
import { Repeater } from "@graphql-yoga/subscription";
import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.js";
import { MATURITY } from "../maturity/config.js";
import { effectiveWeights, scoreMatch } from "../matching/scorer.js";
import type { EventBus, Topics } from "../pubsub/index.js";
import type { MatchIndex } from "./match-index.js";
import { needProfile } from "./match.service.js";

export const LIVE = {
  /** Places of a need's ranking a `matchesChanged` subscriber watches (the first page). */
  watchedTop: 20,
  /** Index changes within this window are checked against watched rankings once. */
  recheckDebounceMs: 50,
  /** How long rows read for one event are shared by this process's subscribers. */
  sharedReadTtlMs: 10_000,
} as const;

/**
 * `source` as a subscription stream: `start` runs when the subscriber first reads (graphql-ws may
 * end a subscription before that, and then nothing ran and nothing needs undoing), `end` runs once
 * when it ends, whoever ends it, and events failing `keep` are skipped.
 */
export function stream<T>(
  source: () => AsyncIterable<T>,
  hooks: { start?: () => void | Promise<void>; end?: () => void; keep?: (value: T) => boolean | Promise<boolean> } = {},
): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      hooks.end?.();
    };
    let iterator: AsyncIterator<T> | null = null;
    void stop.then(() => {
      finish();
      void iterator?.return?.(); // resolves a pending next() as done
    });
    try {
      await hooks.start?.();
      iterator = source()[Symbol.asyncIterator]();
      while (!ended) {
        const next = await iterator.next();
        if (next.done) break;
        if (!hooks.keep || (await hooks.keep(next.value))) await push(next.value);
      }
    } finally {
      finish();
      stop();
    }
  });
}

interface Watched {
  subscribers: number;
  /** The top places (IKM id to total), best first; null until first ranked. */
  top: Map<string, number> | null;
}

export class LiveService {
  private readonly alertSubscribers = new Map<string, number>();
  private readonly watched = new Map<string, Watched>();
  private recheckTimer: NodeJS.Timeout | null = null;
  private recheckAll = false;
  private readonly recheckNeeds = new Set<string>();
  private checking: Promise<void> = Promise.resolve();
  private readonly stops: Array<() => void> = [];
  private readonly sharedReads = new Map<string, { value: Promise<unknown>; expires: number }>();

  constructor(
    private readonly db: PrismaClient,
    readonly events: EventBus,
    private readonly index: MatchIndex,
    private readonly log: Logger,
  ) {
    this.stops.push(index.onChanged(() => this.scheduleRecheck(null)));
    this.forEach("NEED_PUBLISHED", (e) => {
      void this.alert(e.needId, e.eventId).catch((error) => this.log.error({ err: error, needId: e.needId }, "opportunity alerts failed"));
      this.scheduleRecheck(e.needId);
    });
    this.forEach("NEED_CHANGED", (e) => this.scheduleRecheck(e.needId));
  }

  /**
   * The stream of opportunity alerts for one IKM (the caller has checked the viewer may hear it);
   * `keep` re-checks each alert for the subscriber.
   */
  opportunities(ikmId: string, keep?: (alert: Topics["OPPORTUNITY"][1]) => Promise<boolean>): AsyncIterable<Topics["OPPORTUNITY"][1]> {
    return stream(() => this.events.pubsub.subscribe("OPPORTUNITY", ikmId), {
      start: () => void this.alertSubscribers.set(ikmId, (this.alertSubscribers.get(ikmId) ?? 0) + 1),
      end: () => {
        const left = (this.alertSubscribers.get(ikmId) ?? 1) - 1;
        if (left > 0) this.alertSubscribers.set(ikmId, left);
        else this.alertSubscribers.delete(ikmId);
      },
      keep,
    });
  }

  /** The stream of ranking changes of one need (the caller has checked the viewer may see it). */
  matchesChanged(needId: string): AsyncIterable<Topics["MATCHES_CHANGED"][1]> {
    return stream(() => this.events.pubsub.subscribe("MATCHES_CHANGED", needId), {
      start: async () => {
        let watched = this.watched.get(needId);
        if (!watched) this.watched.set(needId, (watched = { subscribers: 0, top: null }));
        watched.subscribers++;
        if (!watched.top) await this.recheck([needId], false).catch((error) => this.log.error({ err: error, needId }, "ranking a watched need failed"));
      },
      end: () => {
        const w = this.watched.get(needId);
        if (w && --w.subscribers <= 0) this.watched.delete(needId);
      },
    });
  }

  /**
   * Reads what one event needs once for all of this process's subscribers (key it by the event):
   * 10,000 subscribers of one stage change cost one read, not 10,000. Only for rows every
   * subscriber that passed the subscription's checks may see.
   */
  shared<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.sharedReads.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    if (this.sharedReads.size >= 1000) for (const [k, v] of this.sharedReads) if (v.expires <= now) this.sharedReads.delete(k);
    const value = load();
    this.sharedReads.set(key, { value, expires: now + LIVE.sharedReadTtlMs });
    value.catch(() => this.sharedReads.delete(key));
    return value;
  }

  stats(): { alertSubscribers: number; watchedNeeds: number } {
    return { alertSubscribers: this.alertSubscribers.size, watchedNeeds: this.watched.size };
  }

  /** Resolves once every scheduled re-ranking has run (tests use it as a barrier). */
  async settled(): Promise<void> {
    while (this.recheckTimer) await new Promise((r) => setTimeout(r, 5));
    await this.checking;
  }

  close(): void {
    for (const stop of this.stops) stop();
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = null;
  }

  private forEach<K extends "NEED_PUBLISHED" | "NEED_CHANGED">(topic: K, handle: (payload: Topics[K][0]) => void): void {
    const subscribe = this.events.pubsub.subscribe as (topic: K) => AsyncIterable<Topics[K][0]>;
    const iterator = subscribe(topic)[Symbol.asyncIterator]();
    let stopped = false;
    this.stops.push(() => {
      stopped = true;
      void iterator.return?.();
    });
    void (async () => {
      while (!stopped) {
        const next = await iterator.next();
        if (next.done) return;
        handle(next.value as Topics[K][0]);
      }
    })();
  }

  /** Scores the newly opened need against every IKM subscribed here; alerts those at or above the threshold. */
  private async alert(needId: string, eventId: string): Promise<void> {
    if (this.alertSubscribers.size === 0) return;
    const need = await this.db.componentNeed.findUnique({ where: { id: needId } });
    if (!need || need.status !== "OPEN") return;
    const profile = needProfile(need);
    const weights = effectiveWeights(profile);
    const suppliers = await this.index.profiles([...this.alertSubscribers.keys()]);
    for (const supplier of suppliers) {
      const result = scoreMatch(profile, supplier, weights);
      if (result.eligible && result.total >= MATURITY.opportunityAlertMinScore) {
        this.events.pubsub.publish("OPPORTUNITY", supplier.id, { needId, ikmId: supplier.id, total: result.total, eventId });
      }
    }
  }

  private scheduleRecheck(needId: string | null): void {
    if (this.watched.size === 0) return;
    if (needId === null) this.recheckAll = true;
    else if (this.watched.has(needId)) this.recheckNeeds.add(needId);
    else return;
    if (this.recheckTimer) return;
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = null;
      const ids = this.recheckAll ? [...this.watched.keys()] : [...this.recheckNeeds];
      this.recheckAll = false;
      this.recheckNeeds.clear();
      this.checking = this.checking.then(() => this.recheck(ids, true)).catch((error) => this.log.error({ err: error }, "re-ranking watched needs failed"));
    }, LIVE.recheckDebounceMs);
  }

  /** Ranks the needs again; publishes the difference from the last ranking when asked to. */
  private async recheck(needIds: string[], publish: boolean): Promise<void> {
    const needs = await this.db.componentNeed.findMany({ where: { id: { in: needIds } } });
    for (const need of needs) {
      const watched = this.watched.get(need.id);
      if (!watched) continue;
      const ranked = need.status === "OPEN" || need.status === "SHORTLISTED"
        ? (await this.index.rank(needProfile(need), { first: LIVE.watchedTop })).ranked
        : [];
      const top = new Map(ranked.map((r) => [r.id, r.total]));
      const before = watched.top;
      watched.top = top;
      if (!publish || !before) continue;
      const entered = [...top.keys()].filter((id) => !before.has(id));
      const left = [...before.keys()].filter((id) => !top.has(id));
      const beforeOrder = [...before.keys()].filter((id) => top.has(id));
      const afterOrder = [...top.keys()].filter((id) => before.has(id));
      const moved = afterOrder.filter((id, i) => beforeOrder[i] !== id || before.get(id) !== top.get(id));
      if (entered.length || left.length || moved.length) {
        this.events.pubsub.publish("MATCHES_CHANGED", need.id, { needId: need.id, entered, left, moved, changedAt: new Date().toISOString() });
      }
    }
  }
}
