/**
 * What subscribers of this server process hear, derived from shared events and from the match
 * index (each process keeps its own index, fed by PostgreSQL's change feed):
 *  - opportunity alerts: when a need opens, each IKM subscribed here that is eligible for it with
 *    a total of at least MATURITY.opportunityAlertMinScore hears of it (one SQL read per event for
 *    all of them, scored by the pure scorer);
 *  - watched rankings: each need with a `matchesChanged` subscriber here keeps its top
 *    LIVE.watchedTop; after the index changes (or the need does), it is ranked again and a
 *    difference is published;
 *  - resumed streams: a subscriber that gives `after` (the last eventId it saw) first hears the
 *    logged events after it that it may hear, read in one query, then live ones.
 */
import type { Logger } from "pino";
import { badInput } from "../../domain/errors.js";
import type { ComponentNeed, Ikm, StageChange, User } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import type { ReplayRoute } from "../../infra/db/repositories/live.repository.js";
import { MATURITY } from "../../core/maturity/config.js";
import { effectiveWeights, scoreMatch } from "../../core/matching/scorer.js";
import type { SupplierProfile } from "../../core/matching/types.js";
import {
  EVENT_LOG, type EventBus, type EventEnvelope, type Replay, type SharedTopics, type Topics, envelopeOf, parseEventId, replayThenLive, stream,
} from "../../infra/events/bus.js";
import type { MatchIndex } from "../../infra/match-index/match-index.js";
import { needProfile } from "../matching/match.service.js";

const LIVE = {
  /** Places of a need's ranking a `matchesChanged` subscriber watches (the first page). */
  watchedTop: 20,
  /** Index changes within this window are checked against watched rankings once. */
  recheckDebounceMs: 50,
  /** How long rows read for one event are shared by this process's subscribers. */
  sharedReadTtlMs: 10_000,
  /**
   * Entries of the shared reads at which adding one first sweeps out the expired ones. Below it an
   * addition costs one map write and expired entries wait to be replaced; from it on each addition
   * walks the map, which bounds what expired entries hold. An event adds one entry per row read
   * for it (its change and IKM, or its need) and one per foundation whose access it checks, each
   * kept sharedReadTtlMs: the map reaches 1,000 only in a process that heard many events within
   * ten seconds, so the sweep stays rare and the map small.
   */
  sharedReadsSweepAt: 1000,
} as const;

type StageEvent = Topics["STAGE_CHANGED"][0];
type NeedEvent = Topics["NEED_PUBLISHED"][0];
type OpportunityEvent = Topics["OPPORTUNITY"][1];
type ResponseEvent = Topics["RESPONSE_RECEIVED"][0];
type CandidacyEvent = Topics["CANDIDACY_CHANGED"][0];
type LapseEvent = Topics["CERTIFICATE_LAPSING"][0];

/** Where a stage-change subscription listens: one foundation's mentees (its centres' included), or one IKM. */
export type StageRoute = { foundationId: string } | { ikmId: string };

/** The statement a resume reads the event log with (test/integration/resume.test.ts explains its plans). */
export { REPLAY_SQL } from "../../infra/db/repositories/live.repository.js";

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
  /** Opportunity alerts are worked out one event at a time, so they reach subscribers in event id order. */
  private alerting: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: Database,
    readonly events: EventBus,
    private readonly index: MatchIndex,
    private readonly log: Logger,
  ) {
    this.stops.push(index.onChanged(() => this.scheduleRecheck(null)));
    this.forEach("NEED_PUBLISHED", (e) => {
      this.alerting = this.alerting
        .then(() => this.alert(e.needId, e.eventId))
        .catch((error) => this.log.error({ err: error, needId: e.needId }, "opportunity alerts failed"));
      this.scheduleRecheck(e.needId);
    });
    this.forEach("NEED_CHANGED", (e) => this.scheduleRecheck(e.needId));
  }

  /**
   * The stream of stage changes on a route (the caller has checked the viewer may hear it); `keep`
   * re-checks each live change for the subscriber. With `after`, the logged changes after it come
   * first (checked as the subscription was: just now).
   */
  async stageChanges(route: StageRoute, after: string | null | undefined, keep?: (event: StageEvent) => Promise<boolean>): Promise<AsyncIterable<StageEvent>> {
    const key = "foundationId" in route ? `foundation:${route.foundationId}` : `ikm:${route.ikmId}`;
    const source = () => this.events.pubsub.subscribe("STAGE_CHANGED_FOR", key);
    if (after == null) return keep ? stream(source, { keep }) : source();
    const from = resumePoint(after);
    return replayThenLive(source, () => this.missedStageChanges(from, route), from, { keep });
  }

  /**
   * The stream of needs opened to suppliers. With `after`, first the logged ones after it whose
   * need the subscriber may still see (`visible`).
   */
  async needsPublished(after: string | null | undefined, visible: (need: ComponentNeed) => boolean): Promise<AsyncIterable<NeedEvent>> {
    const source = () => this.events.pubsub.subscribe("NEED_PUBLISHED");
    if (after == null) return source();
    const from = resumePoint(after);
    return replayThenLive(source, async () => {
      const { events, upTo } = await this.logged("NEED_PUBLISHED", from, {}, "the needs query");
      const needs = await this.eventNeeds(events);
      const seen = events.filter((e) => {
        const need = needs.get(e.needId);
        return !!need && visible(need);
      });
      return { events: seen, upTo };
    }, from);
  }

  /**
   * The stream of opportunity alerts for one IKM (the caller has checked the viewer may hear it);
   * `keep` re-checks each live alert for the subscriber. With `after`, the logged needs published
   * after it go through the same check as live ones first (open now, eligible, at or above the
   * threshold), each alert with its need's event id.
   */
  async opportunities(ikmId: string, keep?: (alert: OpportunityEvent) => Promise<boolean>, after?: string | null): Promise<AsyncIterable<OpportunityEvent>> {
    const source = () => this.events.pubsub.subscribe("OPPORTUNITY", ikmId);
    const start = () => void this.alertSubscribers.set(ikmId, (this.alertSubscribers.get(ikmId) ?? 0) + 1);
    const end = () => {
      const left = (this.alertSubscribers.get(ikmId) ?? 1) - 1;
      if (left > 0) this.alertSubscribers.set(ikmId, left);
      else this.alertSubscribers.delete(ikmId);
    };
    if (after == null) return stream(source, { start, end, keep });
    const from = resumePoint(after);
    // start runs before the log is read: alerts for this IKM are worked out from then on.
    return replayThenLive(source, () => this.missedOpportunities(ikmId, from), from, { start, end, keep });
  }

  /**
   * The stream of responses submitted, revised or withdrawn; `keep` decides for each event, live
   * and replayed alike, whether this subscriber hears it (its need, and the access rule). With
   * `after`, the logged ones after it that it keeps come first.
   */
  async responses(after: string | null | undefined, keep: (event: ResponseEvent) => boolean, firmId: string | null = null): Promise<AsyncIterable<ResponseEvent>> {
    const source = () => this.events.pubsub.subscribe("RESPONSE_RECEIVED");
    if (after == null) return stream(source, { keep });
    const from = resumePoint(after);
    return replayThenLive(source, async () => {
      // A firm's members replay their firm's route only (the log's [topic, firmId, id] index).
      const { events, upTo } = await this.logged("RESPONSE_RECEIVED", from, firmId ? { firmId } : {}, "the need's responses query");
      return { events: events.filter(keep), upTo };
    }, from, { keep });
  }

  /**
   * The stream of one IKM's candidacy changes (the caller has checked the viewer may hear it);
   * `keep` re-checks each event, live and replayed alike. With `after`, the logged ones of the IKM
   * after it come first (the log's [topic, ikmId, id] route).
   */
  async candidacies(ikmId: string, after: string | null | undefined, keep: (event: CandidacyEvent) => boolean | Promise<boolean>): Promise<AsyncIterable<CandidacyEvent>> {
    const source = () => this.events.pubsub.subscribe("CANDIDACY_CHANGED");
    const mine = async (e: CandidacyEvent) => e.ikmId === ikmId && (await keep(e));
    if (after == null) return stream(source, { keep: mine });
    const from = resumePoint(after);
    return replayThenLive(source, async () => {
      const { events, upTo } = await this.logged("CANDIDACY_CHANGED", from, { ikmId }, "the IKM's candidacies query");
      const kept: CandidacyEvent[] = [];
      for (const e of events) if (await mine(e)) kept.push(e);
      return { events: kept, upTo };
    }, from, { keep: mine });
  }

  /**
   * The stream of lapsing-certificate warnings on a route: one IKM's, or those naming a foundation
   * among the IKM's mentors (the caller has checked the viewer may hear it); `keep` re-checks each
   * event, live and replayed alike. With `after`, the logged ones on the route after it come first.
   */
  async certificateLapses(route: StageRoute, after: string | null | undefined, keep: (event: LapseEvent) => boolean | Promise<boolean>): Promise<AsyncIterable<LapseEvent>> {
    const source = () => this.events.pubsub.subscribe("CERTIFICATE_LAPSING");
    const onRoute = (e: LapseEvent) => ("ikmId" in route ? e.ikmId === route.ikmId : e.foundationIds.includes(route.foundationId));
    const mine = async (e: LapseEvent) => onRoute(e) && (await keep(e));
    if (after == null) return stream(source, { keep: mine });
    const from = resumePoint(after);
    return replayThenLive(source, async () => {
      const { events, upTo } = await this.logged("CERTIFICATE_LAPSING", from, route, "the lapsingCertificates query");
      const kept: LapseEvent[] = [];
      for (const e of events) if (await mine(e)) kept.push(e);
      return { events: kept, upTo };
    }, from, { keep: mine });
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

  /** The stage change an event names and its IKM, read once per event for this process's subscribers (unchecked). */
  stageChangeOf(event: StageEvent): Promise<[StageChange | null, Ikm | null]> {
    return Promise.all([
      this.shared(`${event.eventId}:change`, () => this.database.repos.live.findStageChange(event.stageChangeId)),
      this.shared(`${event.eventId}:ikm`, () => this.database.repos.live.findIkm(event.ikmId)),
    ]);
  }

  /**
   * Who made an event's stage change, read once per event for this process's subscribers, with the
   * columns of the by-id user loader. Whether a subscriber sees the email is the field's to decide.
   */
  changerOf(eventId: string, userId: string): Promise<User | null> {
    return this.shared(`${eventId}:changedBy`, async () => (await this.database.repos.loaders.users([userId]))[0] ?? null);
  }

  /** The need an event names, read once per event for this process's subscribers (unchecked: pair it with NeedService.isVisible). */
  needOf(eventId: string, needId: string): Promise<ComponentNeed | null> {
    return this.shared(`${eventId}:need`, () => this.database.repos.live.findNeed(needId));
  }

  /**
   * Reads what one event needs once for all of this process's subscribers (key it by the event):
   * 10,000 subscribers of one stage change cost one read, not 10,000. Only for rows every
   * subscriber that passed the subscription's checks may see. The row is handed to the waiting
   * subscribers in the pubsub's turns, so their selections do not hold the event loop all at once.
   */
  shared<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.sharedReads.get(key);
    if (hit && hit.expires > now) return this.events.pubsub.turns.take(hit.value as Promise<T>);
    if (this.sharedReads.size >= LIVE.sharedReadsSweepAt) for (const [k, v] of this.sharedReads) if (v.expires <= now) this.sharedReads.delete(k);
    const value = load();
    this.sharedReads.set(key, { value, expires: now + LIVE.sharedReadTtlMs });
    value.catch(() => this.sharedReads.delete(key));
    return this.events.pubsub.turns.take(value);
  }

  /** Fills `shared` with rows a replay read for many events at once. */
  private remember(key: string, value: unknown): void {
    void this.shared(key, () => Promise.resolve(value));
  }

  stats(): { alertSubscribers: number; watchedNeeds: number } {
    return { alertSubscribers: this.alertSubscribers.size, watchedNeeds: this.watched.size };
  }

  /** Resolves once every scheduled re-ranking has run (tests use it as a barrier). */
  async settled(): Promise<void> {
    while (this.recheckTimer) await new Promise((r) => setTimeout(r, 5));
    await this.checking;
    await this.alerting;
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
    const need = await this.database.repos.live.findNeed(needId);
    if (!need) return;
    const suppliers = await this.index.profiles([...this.alertSubscribers.keys()]);
    for (const alert of opportunitiesIn(need, suppliers, eventId)) this.events.pubsub.publish("OPPORTUNITY", alert.ikmId, alert);
  }

  /**
   * Logged events of `topic` after `after` on a route, oldest first, in one query, with the newest
   * id of the log in that query's snapshot (`upTo`: every event on the route up to it is among
   * them). Refuses an `after` the log cannot answer completely: newer than any event, older than
   * what the log keeps, or followed by more than EVENT_LOG.maxReplay events. The refusals name no
   * id but the client's own: the log's bounds say how busy the whole platform is.
   */
  private async logged<K extends keyof SharedTopics>(
    topic: K,
    after: bigint,
    route: ReplayRoute,
    refetch: string,
  ): Promise<Replay<EventEnvelope<SharedTopics[K]>>> {
    const rows = await this.database.repos.live.replayEvents(after, topic, route, EVENT_LOG.maxReplay + 1);
    const newest = rows[0].hi === null ? 0n : BigInt(rows[0].hi);
    // Every event after oldestKept - 1 is still logged (pruning deletes a prefix of ids).
    const oldestKept = rows[0].lo === null ? 1n : BigInt(rows[0].lo);
    const instead = `Refetch with ${refetch}, then subscribe without after (or with the newest eventId you then hold).`;
    if (after > newest) {
      throw badInput(`after: no event ${after} has been sent; give an eventId this API sent you. ${instead}`, [{ path: "after", message: "unknown event id" }]);
    }
    if (after < oldestKept - 1n) {
      throw badInput(
        `after: events after ${after} are no longer kept (events are kept ${EVENT_LOG.retentionDays} days). ${instead}`,
        [{ path: "after", message: "older than the events kept" }],
      );
    }
    const events = rows.filter((r) => r.id !== null);
    if (events.length > EVENT_LOG.maxReplay) {
      throw badInput(`after: more than ${EVENT_LOG.maxReplay} events followed ${after}, too many to replay. ${instead}`, [{ path: "after", message: "too far behind" }]);
    }
    return {
      events: events.map((r) => envelopeOf({ id: r.id!, topic, payload: JSON.parse(r.payload!), sentAt: r.sentAt! })),
      upTo: newest,
    };
  }

  /** Logged stage changes on the route, each with its change and IKM read in one query per table for all of them. */
  private async missedStageChanges(after: bigint, route: StageRoute): Promise<Replay<StageEvent>> {
    const { events, upTo } = await this.logged("STAGE_CHANGED", after, route, "the IKM's stageHistory (or the foundation's dashboard)");
    if (!events.length) return { events, upTo };
    const [changes, ikms] = await Promise.all([
      this.database.repos.live.stageChangesByIds(events.map((e) => e.stageChangeId)),
      this.database.repos.live.ikmsByIds([...new Set(events.map((e) => e.ikmId))]),
    ]);
    const changeById = new Map(changes.map((c) => [c.id, c]));
    const ikmById = new Map(ikms.map((i) => [i.id, i]));
    // A change deleted since (with its IKM) is left out, as it can no longer be shown.
    const kept = events.filter((e) => changeById.has(e.stageChangeId));
    for (const e of kept) {
      this.remember(`${e.eventId}:change`, changeById.get(e.stageChangeId));
      this.remember(`${e.eventId}:ikm`, ikmById.get(e.ikmId) ?? null);
    }
    return { events: kept, upTo };
  }

  /** Logged needs published, scored for one IKM as alert() scores live ones; needs read in one query. */
  private async missedOpportunities(ikmId: string, after: bigint): Promise<Replay<OpportunityEvent>> {
    const { events, upTo } = await this.logged("NEED_PUBLISHED", after, {}, "the needs or matches queries");
    if (!events.length) return { events: [], upTo };
    const needs = await this.eventNeeds(events);
    const suppliers = await this.index.profiles([ikmId]);
    const alerts = events.flatMap((e) => {
      const need = needs.get(e.needId);
      return need ? opportunitiesIn(need, suppliers, e.eventId) : [];
    });
    return { events: alerts, upTo };
  }

  /** The needs of NEED_PUBLISHED events, in one query, remembered per event for the subscribers' resolvers. */
  private async eventNeeds(events: NeedEvent[]): Promise<Map<string, ComponentNeed>> {
    if (!events.length) return new Map();
    const rows = await this.database.repos.live.needsByIds([...new Set(events.map((e) => e.needId))]);
    const byId = new Map(rows.map((n) => [n.id, n]));
    for (const e of events) if (byId.has(e.needId)) this.remember(`${e.eventId}:need`, byId.get(e.needId));
    return byId;
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
    const needs = await this.database.repos.live.needsByIds(needIds);
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

/** An `after` argument as an event id, or BAD_USER_INPUT. */
function resumePoint(after: string): bigint {
  const id = parseEventId(after);
  if (id === null) {
    throw badInput("after: give the eventId of the last event you received (digits, as this API sent it), or leave it out to hear live events only.", [
      { path: "after", message: "not an event id" },
    ]);
  }
  return id;
}

/** The alerts a need opened to suppliers raises: for each supplier eligible with a total of at least the alert threshold, while the need is open. */
function opportunitiesIn(need: ComponentNeed, suppliers: SupplierProfile[], eventId: string): OpportunityEvent[] {
  if (need.status !== "OPEN") return [];
  const profile = needProfile(need);
  const weights = effectiveWeights(profile);
  const alerts: OpportunityEvent[] = [];
  for (const supplier of suppliers) {
    const result = scoreMatch(profile, supplier, weights);
    if (result.eligible && result.total >= MATURITY.opportunityAlertMinScore) {
      alerts.push({ needId: need.id, ikmId: supplier.id, total: result.total, eventId });
    }
  }
  return alerts;
}
