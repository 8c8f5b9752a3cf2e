/**
 * The in-memory supplier index. PostgreSQL stays the source of truth: the index loads every IKM at
 * start into shared columns scanned by worker threads, and stays fresh two ways:
 * - a LISTEN on "jalin_ikm_changed" (statement triggers, see the matching migration) brings every
 *   committed write, this process's and any other's. A bulk change ("*") rebuilds the columns in the
 *   background;
 * - the service's own writes call `refresh(ids)` after commit and wait until the index reflects
 *   them (read-your-writes), without reading the IKMs a second time: see `refresh`.
 * Changed IKMs live in an overlay (overlay.ts) with columns of its own; their base rows are marked dead.
 */
import pg from "pg";
import type { Logger } from "pino";
import { PgListener } from "../db/listener.js";
import { MATCH_INDEX } from "../../domain/limits.js";
import { type Columns, columnBytes, findRow, markDead } from "../../core/matching/index/columns.js";
import { compileQuery } from "../../core/matching/index/engine.js";
import { type LoadedColumns, ScanPool } from "./pool.js";
import type { MatchFilter, RankCursor } from "../../core/matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../../core/matching/types.js";
import { loadProfiles, withKoperasiPeers } from "../db/supplier-profiles.js";
import { IndexSnapshots, readColumns } from "./snapshot.js";
import { ChangeListeners } from "./change-listeners.js";
import { Markers } from "./markers.js";
import type { MonthIndex } from "../../core/matching/recency.js";
import { ReferenceMonth } from "./reference-month.js";
import { RememberedAnswers } from "./answers.js";
import { type Question, reviseFor } from "./revise.js";
import { type RankedIds, mergeRanked } from "./ranked.js";
import { Overlay } from "./overlay.js";
import { type RememberedProfiles, type RememberedRows, RememberedSuppliers } from "./profiles.js";
import type { Ikm } from "../db/models.js";
import { type MatchIndexOptions, type Settings, settingsOf } from "./settings.js";

export type { MatchIndexOptions } from "./settings.js";
export type { RankedIds } from "./ranked.js";

const CHANGE_CHANNEL = "jalin_ikm_changed";

/**
 * How long `refresh` waits for its marker notification before reading the IKMs itself (the
 * listener is reconnecting and the marker was lost). Only how soon such a refresh answers depends on
 * it, never whether it reads after the write.
 */
const MARKER_TIMEOUT_MS = 2_000;

/** A `refresh` waiting for its marker: the refreshes queued meanwhile, which read after it was called. */
interface Watcher {
  covered: Map<string, Promise<void>>;
}

interface Snapshot {
  loaded: LoadedColumns;
  familyIndex: Map<string, number>;
  clusterIndex: Map<string, number>;
}

/** snapshot: 1 while the columns in use came from the snapshot file; caughtUp: IKMs changed since the file, re-read at start; overlayFolded: rows in the overlay's own columns. */
export type IndexStats = Record<"rows" | "overlay" | "overlayFolded" | "bytes" | "loadMs" | "workers" | "generation" | "snapshot" | "caughtUp", number>;

export class MatchIndex {
  /** The columns in use with their dictionaries; replaced as one value, so a query never mixes two sets. */
  private current: Snapshot | null = null;
  private overlay: Overlay;
  private readonly pool: ScanPool;
  private readonly pg: pg.Pool;
  private listener: PgListener | null = null;
  private pendingIds = new Set<string>();
  /** Refreshes waiting for their marker (see `refresh`). */
  private readonly watchers = new Set<Watcher>();
  private flushTimer: NodeJS.Timeout | null = null;
  private rebuilding: Promise<void> | null = null;
  private rebuildAgain = false;
  private loadMs = 0;
  private generation = 0;
  /** The month delivery records are weighed from (reference-month.ts). */
  private readonly months: ReferenceMonth;
  private closed = false;
  /** Refreshes, applied in order. */
  private queue: Promise<void> = Promise.resolve();
  /** When each refresh or rebuild still to finish was asked for (performance.now()): the refresh lag. */
  private readonly unapplied = new Set<{ since: number }>();
  /** When the oldest id waiting in pendingIds arrived. */
  private pendingSince: number | null = null;

  private constructor(databaseUrl: string, private readonly log: Logger, private readonly settings: Settings) {
    this.answers = new RememberedAnswers<Question>(settings.rememberedAnswers);
    this.remembered = new RememberedSuppliers(settings.rememberedProfiles);
    this.overlay = this.newOverlay();
    this.months = new ReferenceMonth(settings.clock);
    this.pg = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // An idle connection dropped by the server (restart, failover) must not take the process down;
    // the pool opens a new one on the next query.
    this.pg.on("error", (error) => this.log.warn({ err: error }, "match index lost an idle database connection"));
    this.pool = new ScanPool(settings.workers);
    this.changeListeners = new ChangeListeners(log);
    this.markers = new Markers(this.pg, CHANGE_CHANNEL);
    this.snapshots = settings.snapshotDir && settings.snapshotDir !== "off" ? new IndexSnapshots(settings.snapshotDir, this.pg, log) : null;
  }

  /**
   * Listens for changes, then loads every IKM; ready to rank when the promise resolves.
   * `notifyDebounceMs` (MATCH_INDEX's unless given): how long notified ids wait to be read together;
   * the SQL-snapshot test sets it beyond any run, so its statements never depend on scheduling.
   */
  static async start(databaseUrl: string, log: Logger, options: MatchIndexOptions = {}): Promise<MatchIndex> {
    const index = new MatchIndex(databaseUrl, log, settingsOf(options));
    try {
      await index.listen(databaseUrl);
      await index.rebuild(true);
    } catch (error) {
      await index.close();
      throw error;
    }
    return index;
  }

  stats(): IndexStats {
    return {
      rows: this.current?.loaded.columns.n ?? 0,
      overlay: this.overlay.size,
      overlayFolded: this.overlay.stats().folded,
      bytes: this.current ? columnBytes(this.current.loaded.columns) : 0,
      loadMs: this.loadMs,
      workers: this.pool.size,
      generation: this.generation,
      snapshot: this.restored ? 1 : 0,
      caughtUp: this.caughtUp,
    };
  }

  /** How many scans were split across the workers (none other running) and sent whole to one (ScanPool). */
  scanCounts(): { split: number; whole: number } { return { ...this.pool.scans }; }

  /** Rankings and counts answered from memory (hits) and by a scan (misses), and kept, updated or forgotten by changes: answers.ts. */
  answerCounts(): RememberedAnswers["counts"] { return { ...this.answers.counts }; }

  /** Whether columns are loaded (rank and count can answer). */
  get loaded(): boolean {
    return this.current !== null;
  }

  /**
   * Milliseconds since the oldest change not yet applied reached the index (a notification, a
   * refresh or a rebuild asked for); 0 when every change it has heard of is applied.
   */
  refreshLagMs(now = performance.now()): number {
    let oldest = this.pendingSince ?? now;
    for (const { since } of this.unapplied) oldest = Math.min(oldest, since);
    return now - oldest;
  }

  /** Connections of the index's own pg pool (bulk reads; the LISTEN connection is apart). */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pg.totalCount, idle: this.pg.idleCount, waiting: this.pg.waitingCount };
  }

  /**
   * After a committed write of these IKMs: resolves once the index reflects it (read-your-writes),
   * reading each changed IKM once. The write's statement triggers NOTIFY its ids at commit, and the
   * listener re-reads them; reading them here as well read them twice. So this sends a marker
   * NOTIFY and waits for it: PostgreSQL delivers notifications in commit order, so by then the
   * write's own has arrived, and either waits in `pendingIds` (applied here at once, not after the
   * debounce) or was queued since this call (awaited). An id of `ids` neither notified since this
   * call nor waiting is read here (a refresh no write announced, or one whose notification was
   * applied before this call: that read may have been an older write's, so it is not trusted), as
   * is every id if the marker is lost (listener reconnecting; MARKER_TIMEOUT_MS). Each read starts
   * after this call, so after the write's commit.
   */
  refresh(ids: string[], since = performance.now()): Promise<void> {
    if (ids.length === 0 || this.closed) return Promise.resolve();
    const done = this.refreshAfterMarker(ids, since);
    this.trackUntil(done, since);
    return done;
  }

  private async refreshAfterMarker(ids: string[], since: number): Promise<void> {
    const watcher: Watcher = { covered: new Map() };
    this.watchers.add(watcher);
    let arrived: boolean;
    try {
      arrived = await this.markers.send(MARKER_TIMEOUT_MS);
    } finally {
      this.watchers.delete(watcher);
    }
    if (this.closed) return;
    const pending = arrived ? this.takePending() : { ids: new Set<string>(), since: null };
    const read = [...pending.ids, ...ids.filter((id) => !pending.ids.has(id) && !(arrived && watcher.covered.has(id)))];
    const covering = new Set(ids.filter((id) => !read.includes(id)).map((id) => watcher.covered.get(id)));
    await Promise.all([...covering, read.length ? this.enqueue(read, Math.min(since, pending.since ?? since)) : undefined]);
  }

  /**
   * Re-reads these IKMs (and the koperasi peers whose profiles depend on them) from PostgreSQL.
   * Refreshes run one after another, so a later one never loses to an earlier, staler read.
   * `since`: when the change arrived (for the refresh lag), now unless it waited for a flush.
   */
  private enqueue(ids: string[], since = performance.now()): Promise<void> {
    if (ids.length === 0 || this.closed) return Promise.resolve();
    this.recordDuringLoad?.(ids);
    const run = this.queue.then(() => this.apply(ids));
    this.queue = run.catch((error) => this.log.error({ err: error }, "match index refresh failed"));
    this.trackUntil(this.queue, since);
    for (const watcher of this.watchers) for (const id of ids) watcher.covered.set(id, run);
    return run;
  }

  /** The notified ids waiting for the debounce, taken to apply now. */
  private takePending(): { ids: Set<string>; since: number | null } {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const taken = { ids: this.pendingIds, since: this.pendingSince };
    this.pendingIds = new Set();
    this.pendingSince = null;
    return taken;
  }

  /** Counts a change as unapplied from `since` until `done` settles. */
  private trackUntil(done: Promise<unknown>, since = performance.now()): void {
    const entry = { since };
    this.unapplied.add(entry);
    const applied = () => void this.unapplied.delete(entry);
    done.then(applied, applied);
  }

  private async apply(ids: string[]): Promise<void> {
    if (this.closed) return;
    const affected = await withKoperasiPeers(this.pg, ids);
    // Weighed from the columns' month, so the overlay and the columns agree (a new month rebuilds both).
    const profiles = await loadProfiles(this.pg, affected, this.referenceMonth());
    const found = new Map(profiles.map((p) => [p.id, p]));
    this.reviseAnswers(new Map(affected.map((id) => [id, found.get(id) ?? null])));
    this.remembered.changed(affected);
    for (const id of affected) {
      const columns = this.current?.loaded.columns;
      if (columns) {
        const row = findRow(columns, id);
        if (row >= 0) markDead(columns, row);
      }
      this.overlay.set(id, found.get(id) ?? null);
    }
    this.changeListeners.emit();
    const limit = Math.max(MATCH_INDEX.overlayMinRebuild, (this.current?.loaded.columns.n ?? 0) * MATCH_INDEX.overlayRebuildShare);
    if (this.overlay.size > limit) void this.rebuild().catch((error) => this.log.error({ err: error }, "match index rebuild failed"));
  }

  /** Before a change is applied: keeps the answers it does not reach, corrects counts, forgets the rest (revise.ts). */
  private reviseAnswers(changed: Map<string, SupplierProfile | null>): void {
    const current = this.current;
    const before = current && this.settings.answerRevisionBudget > 0 && { columns: current.loaded.columns, overlay: this.overlay, familyIndex: current.familyIndex, clusterIndex: current.clusterIndex };
    this.answers.changed(before ? reviseFor(before, changed, this.answers.questions(), this.settings.answerRevisionBudget) : null);
  }

  private newOverlay(): Overlay {
    return new Overlay(this.settings.overlayRecentMax, (error) => this.log.error({ err: error }, "match index overlay fold failed; changed IKMs are scored one by one until the next rebuild"));
  }

  /** Forgets every remembered ranking and count (the words a need's materials are read with changed). */
  forgetAnswers(): void { this.answers.changed(); }

  /** Rebuilds in the background (after a failed refresh); failures are logged. */
  rebuildSoon(): void {
    if (this.closed) return;
    void this.rebuild().catch((error) => this.log.error({ err: error }, "match index rebuild failed"));
  }

  /**
   * Profiles for exact explanations, in id order (missing IKMs are absent): read from PostgreSQL, or
   * remembered from such a read until the index applies a change to them (profiles.ts). Weighed from
   * the same month as the columns, and as fresh as they are, so an explanation always agrees with
   * the ranking it explains. Shared and frozen: callers must not change them.
   */
  async profiles(ids: string[]): Promise<SupplierProfile[]> {
    const month = this.referenceMonth();
    const profiles = await this.remembered.profiles.get(ids, (missing) => loadProfiles(this.pg, missing, month));
    return profiles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Profiles answered from memory (hits) and read from PostgreSQL (misses), for /metrics. */
  profileCounts(): RememberedProfiles["counts"] { return { ...this.remembered.profiles.counts }; }
  /**
   * Whole `Ikm` rows of matched suppliers (`Match.ikm`): `read` (committed rows) for those not
   * remembered, then remembered and forgotten as profiles are (profiles.ts). Shared and frozen.
   * `ikmRow`: one remembered row at once, reading nothing (undefined: not remembered).
   */
  ikmRows(ids: string[], read: (ids: string[]) => Promise<Ikm[]>): Promise<Ikm[]> { return this.remembered.ikmRows.get(ids, read); }
  ikmRow(id: string): Ikm | undefined { return this.remembered.ikmRows.peek(id); }
  /** IKM rows answered from memory (hits) and read from PostgreSQL (misses), for /metrics. */
  ikmRowCounts(): RememberedRows<Ikm>["counts"] { return { ...this.remembered.ikmRows.counts }; }

  /** The calendar month (UTC) of the index's clock. */
  month(): MonthIndex { return this.months.now(); }

  /** The month every answer and explanation weighs delivery records from (reference-month.ts). */
  referenceMonth(): MonthIndex { return this.months.reference(); }

  /**
   * At query time, when the calendar has turned since the columns were weighed: rebuild in the
   * background (once; seconds to a minute at millions of IKMs) and answer meanwhile from the columns'
   * month, explanations too, so every answer is the pure scorer's at that month until the swap.
   */
  private monthTurned(): void {
    if (this.current && this.months.turned() && !this.rebuilding && !this.closed) this.rebuildSoon();
  }

  /**
   * Resolves once every change committed before the call is applied. PostgreSQL delivers
   * notifications in commit order, so when our own marker arrives, every earlier change has too.
   */
  async sync(): Promise<void> {
    await this.markers.send();
    await this.settled();
  }

  /** Resolves once every change notified so far is applied (ids waiting for the debounce are read now). */
  async settled(): Promise<void> {
    if (this.flushTimer) this.flush();
    while (this.flushTimer || this.pendingIds.size) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await this.queue;
    if (this.rebuilding) await this.rebuilding;
  }

  /** Suppliers for a need, best first: the index's candidates and the overlay's, merged. */
  rank(need: NeedProfile, options: { first: number; after?: RankCursor | null; filter?: MatchFilter }): Promise<RankedIds> {
    this.monthTurned();
    const question: Question = { kind: "rank", need, first: options.first, after: options.after ?? null, filter: options.filter ?? {} };
    return this.answers.answer(question, () => this.rankNow(need, options));
  }

  private async rankNow(need: NeedProfile, options: { first: number; after?: RankCursor | null; filter?: MatchFilter }): Promise<RankedIds> {
    const current = this.current;
    if (!current) throw new Error("the match index is not loaded");
    const { columns } = current.loaded;
    const k = options.first + 1;
    const query = compileQuery(columns, need, {
      filter: options.filter,
      after: options.after,
      k,
      count: false,
      familyIndex: current.familyIndex,
      clusterIndex: current.clusterIndex,
    });
    const scan = await this.pool.scan(current.loaded, query);
    return mergeRanked(columns, scan, this.overlay.matches(need, options.filter ?? {}, k, options.after), options.first);
  }

  /** How many suppliers pass the need's requirements and the filter (a ranking's totalCount). */
  count(need: NeedProfile, filter: MatchFilter = {}): Promise<number> {
    this.monthTurned();
    return this.answers.answer({ kind: "count", need, filter }, () => this.countNow(need, filter));
  }

  private async countNow(need: NeedProfile, filter: MatchFilter): Promise<number> {
    const current = this.current;
    if (!current) throw new Error("the match index is not loaded");
    const query = compileQuery(current.loaded.columns, need, { filter, k: 0, count: true, familyIndex: current.familyIndex, clusterIndex: current.clusterIndex });
    return (await this.pool.scan(current.loaded, query)).count + this.overlay.count(need, filter);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.overlay.abandon();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.markers.releaseAll();
    await this.queue;
    await this.rebuilding?.catch(() => undefined);
    await this.snapshots?.flushed();
    await this.listener?.close();
    await this.pool.close();
    await this.pg.end();
  }

  /** Resolves when the snapshot files asked for so far are written (tests, benchmarks). */
  snapshotWritten(): Promise<void> {
    return this.snapshots?.flushed() ?? Promise.resolve();
  }

  /**
   * Builds fresh columns from PostgreSQL and swaps them in; overlay entries written meanwhile survive.
   * `restore` (at start): from the snapshot file if it can be trusted and caught up (snapshot.ts).
   */
  private rebuild(restore = false): Promise<void> {
    if (this.rebuilding) {
      this.rebuildAgain = true;
      this.trackUntil(this.rebuilding);
      return this.rebuilding;
    }
    this.rebuilding = (async () => {
      do {
        this.rebuildAgain = false;
        await this.buildOnce(restore);
        restore = false;
      } while (this.rebuildAgain && !this.closed);
    })().finally(() => {
      this.rebuilding = null;
    });
    this.trackUntil(this.rebuilding);
    return this.rebuilding;
  }

  private async buildOnce(restore: boolean): Promise<void> {
    const started = performance.now();
    // Changes that arrive while loading are re-read after the swap: the overlay recorded since now.
    const changedDuringLoad = new Set<string>();
    const record = (ids: string[]) => ids.forEach((id) => changedDuringLoad.add(id));
    this.recordDuringLoad = record;
    try {
      const month = this.month();
      const restored = restore && this.snapshots ? await this.snapshots.restore(month) : null;
      const built = restored ?? (await readColumns(this.pg, month, () => this.closed));
      if (!built) return;
      await this.install(built.columns, month, changedDuringLoad);
      this.restored = restored !== null;
      if (restore) this.caughtUp = restored?.changed.length ?? 0;
      for (const id of restored?.changed ?? []) changedDuringLoad.add(id);
      if (!restored) void this.snapshots?.save(built.columns, month, built.pgSnapshot);
      this.loadMs = performance.now() - started;
      const { columns } = built;
      this.log.info({ rows: columns.n, mb: Math.round(columnBytes(columns) / 1e6), ms: Math.round(this.loadMs), snapshot: this.restored, caughtUp: this.caughtUp }, "match index loaded");
    } finally {
      this.recordDuringLoad = null;
    }
    if (changedDuringLoad.size) await this.enqueue([...changedDuringLoad]);
  }

  /** Hands columns to the workers and swaps them in, keeping the overlay entries of IKMs refreshed while they loaded. */
  private async install(columns: Columns, month: MonthIndex, changedDuringLoad: Set<string>): Promise<void> {
    const loaded = await this.pool.load(columns);
    // Writes committed after the snapshot keep their overlay entries (read-your-writes) until the
    // re-read after the swap replaces them; their rows in the new columns are stale, so they are dead.
    const overlay = this.newOverlay();
    for (const id of changedDuringLoad) {
      if (!this.overlay.has(id)) continue;
      overlay.set(id, this.overlay.get(id) ?? null);
      const row = findRow(columns, id);
      if (row >= 0) markDead(columns, row);
    }
    this.current = {
      loaded,
      familyIndex: new Map(columns.families.map((f, i) => [f, i])),
      clusterIndex: new Map(columns.clusters.map((c, i) => [c, i])),
    };
    this.overlay.abandon();
    this.overlay = overlay;
    this.months.builtIn(month);
    this.generation++;
    this.answers.changed();
    this.remembered.changed();
    this.changeListeners.emit();
  }

  /** While columns load: notes the IKMs refreshed meanwhile (see buildOnce). */
  private recordDuringLoad: ((ids: string[]) => void) | null = null;
  private readonly snapshots: IndexSnapshots | null;
  private restored = false;
  private caughtUp = 0;
  private readonly changeListeners: ChangeListeners;
  private readonly markers: Markers;
  private readonly answers: RememberedAnswers<Question>;
  private readonly remembered: RememberedSuppliers;

  /** Calls `listener` after each applied refresh or rebuild (what rankings read may differ); returns an unsubscribe. */
  onChanged(listener: () => void): () => void {
    return this.changeListeners.add(listener);
  }

  /** LISTENs for the change feed; after a lost connection, listens again and rebuilds (notifications sent meanwhile are lost). */
  private async listen(databaseUrl: string): Promise<void> {
    const listener = new PgListener({
      databaseUrl,
      channels: [CHANGE_CHANNEL],
      log: this.log,
      name: "match index",
      maxDelayMs: MATCH_INDEX.relistenMaxDelayMs,
      onNotification: (_channel, payload) => this.onNotification(payload),
      onReconnected: () => this.rebuild(),
    });
    await listener.start();
    this.listener = listener;
  }

  private onNotification(payload: string): void {
    if (this.closed) return;
    if (this.markers.heard(payload)) return;
    if (payload === "*") {
      void this.rebuild().catch((error) => this.log.error({ err: error }, "match index rebuild failed"));
      return;
    }
    for (const id of payload.split(",")) if (id) this.pendingIds.add(id);
    this.pendingSince ??= performance.now();
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), this.settings.notifyDebounceMs);
  }

  private flush(): void {
    const { ids, since } = this.takePending();
    void this.enqueue([...ids], since ?? undefined).catch(() => undefined); // logged by the queue
  }
}
