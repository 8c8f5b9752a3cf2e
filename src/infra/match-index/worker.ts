/** Worker thread: holds the shared column sets and answers scans of its share of the candidates. */
import { parentPort } from "node:worker_threads";
import type { Columns } from "../../core/matching/index/columns.js";
import { type CompiledQuery, scan } from "../../core/matching/index/engine.js";

export type WorkerRequest =
  | { type: "init"; generation: number; columns: Columns }
  | { type: "scan"; id: number; generation: number; query: CompiledQuery; part: number; parts: number };

export type WorkerResponse =
  | { type: "ready"; generation: number }
  | { type: "result"; id: number; rows: number[]; totals: number[]; count: number }
  | { type: "error"; id: number; message: string };

/**
 * The newest column sets by generation. The previous one is kept while a rebuild swaps in the next,
 * so a query compiled against it is still answered from it.
 */
const held = new Map<number, Columns>();

parentPort?.on("message", (msg: WorkerRequest) => {
  if (msg.type === "init") {
    held.set(msg.generation, msg.columns);
    for (const generation of held.keys()) if (generation < msg.generation - 1) held.delete(generation);
    parentPort?.postMessage({ type: "ready", generation: msg.generation } satisfies WorkerResponse);
    return;
  }
  try {
    const columns = held.get(msg.generation);
    if (!columns) throw new Error(`worker no longer holds column generation ${msg.generation}`);
    const r = scan(columns, msg.query, msg.part, msg.parts);
    parentPort?.postMessage({ type: "result", id: msg.id, rows: r.rows, totals: r.totals, count: r.count } satisfies WorkerResponse);
  } catch (error) {
    parentPort?.postMessage({ type: "error", id: msg.id, message: (error as Error).message } satisfies WorkerResponse);
  }
});
