/**
 * Worker threads that scan the shared columns in parallel, so ranking never blocks the event loop
 * that serves HTTP and WebSocket traffic. Each query is split across all workers and merged.
 */
import { Worker } from "node:worker_threads";
import { type Columns, compareWords } from "./columns.js";
import type { CompiledQuery, ScanResult } from "./engine.js";
import type { WorkerRequest, WorkerResponse } from "./worker.js";

const WORKER_URL = new URL(`./worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url).href;

/** TypeScript sources run through tsx in the worker too (npm start and vitest run the .ts files). */
const BOOT = WORKER_URL.endsWith(".ts")
  ? `import { register } from "tsx/esm/api"; register(); await import(${JSON.stringify(WORKER_URL)});`
  : `await import(${JSON.stringify(WORKER_URL)});`;

interface Pending {
  resolve: (r: ScanResult) => void;
  reject: (e: Error) => void;
}

export class ScanPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private generation = 0;
  private columns: Columns | null = null;
  private closed = false;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(BOOT, { eval: true, name: `jalin-match-${i}` });
      worker.on("message", (msg: WorkerResponse) => this.onMessage(msg));
      worker.on("error", (error) => this.failAll(error));
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Hands new columns to every worker; resolves when all hold them. */
  async load(columns: Columns): Promise<void> {
    this.generation++;
    const generation = this.generation;
    const ready = this.workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          const onMessage = (msg: WorkerResponse) => {
            if (msg.type === "ready" && msg.generation === generation) {
              w.off("message", onMessage);
              resolve();
            }
          };
          w.on("message", onMessage);
        }),
    );
    for (const w of this.workers) w.postMessage({ type: "init", generation, columns } satisfies WorkerRequest);
    await Promise.all(ready);
    this.columns = columns;
  }

  /** The best `query.k` rows of the whole column set, best first, and how many rows pass. */
  async scan(query: CompiledQuery): Promise<ScanResult> {
    const columns = this.columns;
    if (!columns || this.closed) throw new Error("the scan pool has no columns loaded");
    const parts = await Promise.all(
      this.workers.map(
        (w, part) =>
          new Promise<ScanResult>((resolve, reject) => {
            const id = this.nextId++;
            this.pending.set(id, { resolve, reject });
            w.postMessage({ type: "scan", id, generation: this.generation, query, part, parts: this.workers.length } satisfies WorkerRequest);
          }),
      ),
    );
    return mergeTop(columns, parts, query.k);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.failAll(new Error("the scan pool was closed"));
  }

  private onMessage(msg: WorkerResponse): void {
    if (msg.type === "ready") return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === "error") p.reject(new Error(msg.message));
    else p.resolve({ rows: msg.rows, totals: msg.totals, count: msg.count });
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

/** Merges per-part best lists into one (total desc, id asc). */
export function mergeTop(columns: Columns, parts: ScanResult[], k: number): ScanResult {
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
