/**
 * Bundles the server for `npm start`: src/main.ts and the two worker entry points (the match index's
 * scan workers, the allocation solver's worker) into dist/server/{main,worker,allocation-worker}.js,
 * one file each, packages from node_modules left as imports. The server then runs on plain Node:
 * no TypeScript loader in the main thread or in any worker. Against `node --import tsx src/main.ts`
 * that is about 80 MB less resident memory and a faster start (README, Performance), with the same
 * code: tsx compiles with the same esbuild and the same tsconfig.json.
 *
 * It takes about half a second, so `npm start` runs it every time rather than deciding whether the
 * bundle is current. Each file is written whole and renamed into place, and only when it changed, so
 * servers starting at the same moment (the tests start several) never read a half-written one; files
 * no entry point writes any more are removed.
 * Source maps are written beside them: NODE_OPTIONS=--enable-source-maps makes stack traces name
 * the TypeScript lines.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
export const SERVER_DIST = path.join(ROOT, "dist/server");

/**
 * Node flags the server runs with (package.json's start script, and the benchmarks' server
 * processes; test/unit/project.test.ts keeps them equal). A young generation of 24 MB semi-spaces
 * instead of Node 20's 16 MB: a request's objects mostly die young, and with more room fewer survive
 * a scavenge to be copied and promoted. 24 MB keeps the server under issue 17's 400 MB at 50
 * connections. On the nested-read load at 50 connections (2026-12-05, demo data, 10 s runs,
 * interleaved): 16 MB 4.6-5.7 ms of CPU a request, RSS 311-341 MB; 24 MB 3.8-4.4 ms, 351-366 MB;
 * 32 MB 3.8 ms, 382-410 MB; 40 MB 3.6-3.7 ms, 379-418 MB. Larger gained no more (64 MB: up to 440 MB).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=24"] as const;

/** The bundle's entry points: the worker names are the ones src/infra/*\/pool.ts load beside main.js. */
const ENTRIES = {
  main: "src/main.ts",
  worker: "src/infra/match-index/worker.ts",
  "allocation-worker": "src/infra/solver/allocation-worker.ts",
};

/** Builds dist/server (or `outdir`); resolves with the files it changed. */
export async function buildServer(outdir = SERVER_DIST): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    sourcemap: "linked",
    write: false,
    logLevel: "warning",
  });
  mkdirSync(outdir, { recursive: true });
  const changed: string[] = [];
  for (const file of result.outputFiles) {
    if (existsSync(file.path) && readFileSync(file.path).equals(file.contents)) continue;
    const temporary = `${file.path}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    changed.push(file.path);
  }
  // A file no entry point writes any more (a renamed worker) must not be loaded by mistake.
  const written = new Set(result.outputFiles.map((file) => path.basename(file.path)));
  for (const name of readdirSync(outdir)) {
    if (!written.has(name) && !name.endsWith(".tmp")) rmSync(path.join(outdir, name), { force: true });
  }
  return changed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await buildServer();
}
