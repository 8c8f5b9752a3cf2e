/** Worker thread: holds the shared columns and answers scans of its share of the candidates. */
import { parentPort } from "node:worker_threads";
import type { Columns } from "./columns.js";
import { type CompiledQuery, scan } from "./engine.js";

export type WorkerRequest =
  | { type: "init"; generation: number; columns: Columns }
  | { type: "scan"; id: number; generation: number; query: CompiledQuery; part: number; parts: number };

export type WorkerResponse =
  | { type: "ready"; generation: number }
  | { type: "result"; id: number; rows: number[]; totals: number[]; count: number }
  | { type: "error"; id: number; message: string };

let columns: Columns | null = null;
let generation = -1;

parentPort?.on("message", (msg: WorkerRequest) => {
  if (msg.type === "init") {
    columns = msg.columns;
    generation = msg.generation;
    parentPort?.postMessage({ type: "ready", generation } satisfies WorkerResponse);
    return;
  }
  try {
    if (!columns || msg.generation !== generation) throw new Error(`worker holds generation ${generation}, asked for ${msg.generation}`);
    const r = scan(columns, msg.query, msg.part, msg.parts);
    parentPort?.postMessage({ type: "result", id: msg.id, rows: r.rows, totals: r.totals, count: r.count } satisfies WorkerResponse);
  } catch (error) {
    parentPort?.postMessage({ type: "error", id: msg.id, message: (error as Error).message } satisfies WorkerResponse);
  }
});
