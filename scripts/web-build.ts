/**
 * Builds the web console (src/web: Vite + React) into dist/web when that build is missing or older
 * than its sources, so `npm start` serves a current console without a command of its own.
 * `npm start` runs this first; the browser tests call ensureWebBuild(). `--force` rebuilds anyway.
 * Vite's settings are here (no vite.config.ts): two pages, the console (index.html) and GraphiQL
 * (graphiql.html, served at GET /graphql by src/http/web.ts), every file bundled: nothing from a CDN.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
export const WEB_SOURCES = path.join(ROOT, "src/web");
export const WEB_DIST = path.join(ROOT, "dist/web");
/** Written last by a build that finished: a build stopped half way is not taken for a current one. */
const STAMP = path.join(WEB_DIST, ".built");
/** What the build depends on besides src/web: the versions of the packages it bundles. */
const INPUTS = [path.join(ROOT, "package-lock.json"), import.meta.filename];

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
}

/** True when dist/web was built after the last change to its sources. */
export function webBuildIsCurrent(): boolean {
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  return [WEB_SOURCES, ...INPUTS].every((input) => !existsSync(input) || newestChange(input) <= built);
}

/** Vite's build of both pages into dist/web (Vite and its plugin are devDependencies: loaded only to build). */
export async function buildWeb(): Promise<void> {
  const [{ build }, { default: react }] = await Promise.all([import("vite"), import("@vitejs/plugin-react")]);
  // A production build whoever calls it: under vitest NODE_ENV is "test", and Vite and the React
  // plugin would then bundle React's development builds (twice the size, and slower).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await viteBuild(build, react);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

type Vite = typeof import("vite");
type ReactPlugin = typeof import("@vitejs/plugin-react").default;

async function viteBuild(build: Vite["build"], react: ReactPlugin): Promise<void> {
  await build({
    mode: "production",
    configFile: false,
    root: WEB_SOURCES,
    base: "/",
    logLevel: "warn",
    plugins: [react()],
    worker: { format: "es" },
    build: {
      outDir: WEB_DIST,
      emptyOutDir: true,
      // GraphiQL's editor (Monaco) is large and only loads on /graphql; the console's own budget is checked by its test.
      chunkSizeWarningLimit: 4096,
      rollupOptions: {
        input: { index: path.join(WEB_SOURCES, "index.html"), graphiql: path.join(WEB_SOURCES, "graphiql.html") },
        // GraphiQL's packages start modules with React Compiler's "use no memo", which bundling drops harmlessly.
        onwarn(warning, warn) {
          if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
        },
      },
    },
  });
}

/** Builds unless the build is current; says so when it builds (the first start takes a while longer). */
export async function ensureWebBuild(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && webBuildIsCurrent()) return false;
  const say = (line: string) => { if (!options.quiet) process.stdout.write(`${line}\n`); };
  say("Building the web console into dist/web (its sources changed or it was never built)...");
  const started = performance.now();
  await buildWeb();
  say(`Built the web console in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureWebBuild({ force: process.argv.includes("--force") }).catch((error: unknown) => {
    const missing = (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND";
    const why = error instanceof Error ? error.message : String(error);
    if (missing && !process.argv.includes("--force")) {
      // Installed without devDependencies (npm ci --omit=dev): the API starts, the console's pages answer 503.
      process.stderr.write(`The web console cannot be built here (${why}); install with devDependencies to build it. Starting the API without it.\n`);
      return;
    }
    process.stderr.write(`The web console could not be built: ${why}\n`);
    process.exit(1);
  });
}
