/**
 * Worker threads that scan the shared columns in parallel, so ranking never blocks the event loop
 * that serves HTTP and WebSocket traffic. A query that arrives while no other scan runs is split
 * across all workers and merged (the lowest latency alone); one that arrives while others run goes
 * whole to the least busy worker: the workers are occupied anyway, and one message and reply
 * instead of one per worker spares the main thread (the `matches` benchmark under load).
 */
import { Worker } from "node:worker_threads";
import { type Columns, compareWords } from "../../core/matching/index/columns.js";
import type { CompiledQuery, ScanResult } from "../../core/matching/index/engine.js";
import type { WorkerRequest, WorkerResponse } from "./worker.js";

const WORKER_URL = new URL(`./worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url).href;

/** TypeScript sources run through tsx in the worker too (npm start and vitest run the .ts files). */
const BOOT = WORKER_URL.endsWith(".ts")
  ? `import { register } from "tsx/esm/api"; register(); await import(${JSON.stringify(WORKER_URL)});`
  : `await import(${JSON.stringify(WORKER_URL)});`;

interface Pending {
  worker: Worker;
  resolve: (r: ScanResult) => void;
  reject: (e: Error) => void;
}

/** A column set the workers hold, by generation. */
export interface LoadedColumns {
  generation: number;
  columns: Columns;
}

export class ScanPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private generation = 0;
  /** The newest loaded set: a worker that had to be restarted gets it again. */
  private newest: LoadedColumns | null = null;
  private closed = false;
  /** Scans split across every worker, and scans sent whole to one. */
  readonly scans = { split: 0, whole: 0 };

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn(i));
  }

  /** Hands new columns to every worker; resolves with their generation when all hold them. */
  async load(columns: Columns): Promise<LoadedColumns> {
    const generation = ++this.generation;
    await Promise.all(this.workers.map((w) => this.init(w, generation, columns)));
    this.newest = { generation, columns };
    return this.newest;
  }

  /** The best `query.k` rows of a loaded column set, best first, and how many rows pass. */
  async scan(loaded: LoadedColumns, query: CompiledQuery): Promise<ScanResult> {
    if (this.closed) throw new Error("the scan pool is closed");
    const send = (worker: Worker, part: number, parts: number) =>
      new Promise<ScanResult>((resolve, reject) => {
        const id = this.nextId++;
        this.pending.set(id, { worker, resolve, reject });
        worker.postMessage({ type: "scan", id, generation: loaded.generation, query, part, parts } satisfies WorkerRequest);
      });
    const alone = this.pending.size === 0;
    this.scans[alone ? "split" : "whole"]++;
    const parts = alone
      ? await Promise.all(this.workers.map((worker, part) => send(worker, part, this.workers.length)))
      : [await send(this.leastBusy(), 0, 1)];
    return mergeTop(loaded.columns, parts, query.k);
  }

  /** The worker with the fewest scans waiting on it. */
  private leastBusy(): Worker {
    const waiting = new Map<Worker, number>(this.workers.map((w) => [w, 0]));
    for (const p of this.pending.values()) waiting.set(p.worker, (waiting.get(p.worker) ?? 0) + 1);
    let best = this.workers[0];
    for (const w of this.workers) if (waiting.get(w)! < waiting.get(best)!) best = w;
    return best;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [id, p] of this.pending) {
      p.reject(new Error("the scan pool was closed"));
      this.pending.delete(id);
    }
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private init(worker: Worker, generation: number, columns: Columns): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onMessage = (msg: WorkerResponse) => {
        if (msg.type === "ready" && msg.generation === generation) {
          worker.off("message", onMessage);
          worker.off("exit", onExit);
          resolve();
        }
      };
      const onExit = () => {
        worker.off("message", onMessage);
        reject(new Error("a scan worker stopped while loading columns"));
      };
      worker.on("message", onMessage);
      worker.once("exit", onExit);
      worker.postMessage({ type: "init", generation, columns } satisfies WorkerRequest);
    });
  }

  private spawn(slot: number): Worker {
    const worker = new Worker(BOOT, { eval: true, name: `jalin-match-${slot}` });
    worker.on("message", (msg: WorkerResponse) => this.onMessage(msg));
    worker.on("error", () => undefined); // followed by "exit", handled there
    worker.once("exit", () => {
      // Scans waiting on this worker fail; a crashed worker is replaced and given the newest columns.
      for (const [id, p] of this.pending) {
        if (p.worker !== worker) continue;
        p.reject(new Error("a scan worker stopped; try again"));
        this.pending.delete(id);
      }
      if (this.closed) return;
      const replacement = this.spawn(slot);
      this.workers[slot] = replacement;
      if (this.newest) void this.init(replacement, this.newest.generation, this.newest.columns).catch(() => undefined);
    });
    worker.unref();
    return worker;
  }

  private onMessage(msg: WorkerResponse): void {
    if (msg.type === "ready") return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === "error") p.reject(new Error(msg.message));
    else p.resolve({ rows: msg.rows, totals: msg.totals, count: msg.count });
  }
}

/** Merges per-part best lists into one (total desc, id asc). */
function mergeTop(columns: Columns, parts: ScanResult[], k: number): ScanResult {
  const all: Array<{ row: number; total: number }> = [];
  let count = 0;
  for (const p of parts) {
    count += p.count;
    for (let i = 0; i < p.rows.length; i++) all.push({ row: p.rows[i], total: p.totals[i] });
  }
  all.sort((a, b) => b.total - a.total || compareWords(columns.ids, a.row * 4, columns.ids, b.row * 4));
  const top = all.slice(0, k);
  return { rows: top.map((t) => t.row), totals: top.map((t) => t.total), count: parts.some((p) => p.count < 0) ? -1 : count };
}
