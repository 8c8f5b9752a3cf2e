/**
 * npx tsx scripts/bench-web.ts [--rounds 9]   (also part of `npm run bench`; `--web none` skips it there)
 *
 * The web console's budgets (issue 18, src/web/budgets.ts): each role's first screen usable on the
 * demo data from a warm server, and the JavaScript the console loads, gzipped. The server runs as
 * `npm start` runs it (scripts/bench-server.ts: production, its own process, a fresh demo database);
 * Debian's Chromium (CHROMIUM_PATH) loads the console already signed in (the session in localStorage,
 * as after a sign-in), and the time runs from navigation to the screen's data on the page:
 * - cold: a new browser context each time (nothing cached: HTML, scripts, styles and data fetched);
 * - warm: a reload in the same context (hashed scripts from the browser's cache).
 * The floor, measured in the same run: the same bytes fetched by Node alone, one after another as the
 * browser must (the page, then its scripts and styles, then the screen's GraphQL query): what any
 * console would wait for before drawing, with no parsing, rendering or JavaScript run.
 * Rounds interleave the roles (buyer, IKM, foundation, buyer, ...); medians are reported. Prints a
 * table and one JSON line.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../prisma/seed/demo.js";
import { WEB_BUDGETS } from "../src/web/budgets.js";
import { launch, offlinePage } from "../test/browser/browser.js";
import { median, post, startBenchServer } from "./bench-server.js";
import { WEB_DIST, ensureWebBuild } from "./web-build.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "9" },
    "data-dir": { type: "string", default: ".data/bench-web" },
  },
});
const rounds = Number(values.rounds);

interface Role {
  name: string;
  email: string;
  /** The screen is usable once this locator shows (the screen's data, not a spinner). */
  ready: (page: Page) => Promise<unknown>;
  /** The GraphQL query the screen sends first, for the floor. */
  query: string;
}

const ROLES: Role[] = [
  {
    name: "buyer: needs by status", email: "sourcing@presisi-komponen.demo",
    ready: (page) => page.locator('section[data-status="OPEN"] a').first().waitFor(),
    query: `{ needs(first: 100) { totalCount nodes { id title status quantityPerMonth unit startDate version } } }`,
  },
  {
    name: "IKM: opportunities", email: "pemilik@cor-batur.demo",
    ready: (page) => page.locator("li.opportunity").first().waitFor(),
    query: `{ opportunities(first: 20) { totalCount nodes { score band need { title quantityPerMonth firm { name } } gaps { kind message } } } }`,
  },
  {
    name: "foundation: dashboard", email: "pendamping@ydba-soloraya.demo",
    ready: (page) => page.locator(".stage-mix [role=meter]").first().waitFor(),
    query: `{ foundationDashboard { stages { total byStage { stage count } } dueForReassessment(first: 10) { totalCount } } }`,
  },
];

/** The console's JavaScript as its page loads it: the scripts index.html names, gzipped. */
function consoleScripts(): { files: string[]; gzipBytes: number } {
  const html = readFileSync(path.join(WEB_DIST, "index.html"), "utf8");
  const named = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const files = named.length ? named : readdirSync(path.join(WEB_DIST, "assets")).filter((f) => f.endsWith(".js")).map((f) => `assets/${f}`);
  const gzipBytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(WEB_DIST, f))).length, 0);
  return { files, gzipBytes };
}

/** What a browser must fetch before the first screen, fetched by Node one after another (the floor). */
async function floor(webUrl: string, graphqlUrl: string, token: string, query: string): Promise<number> {
  const started = performance.now();
  const html = await (await fetch(webUrl)).text();
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) await (await fetch(new URL(m[1], webUrl))).arrayBuffer();
  await post(graphqlUrl, query, {}, token);
  return performance.now() - started;
}

async function measure(browser: Browser, webUrl: string, role: Role, session: object) {
  const { context, page, external } = await offlinePage(browser);
  try {
    // Runs in the page (no DOM types here): the console reads its session from localStorage.
    await context.addInitScript((value) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem("jalin.session", value), JSON.stringify(session));
    let started = performance.now();
    await page.goto(webUrl);
    await role.ready(page);
    const cold = performance.now() - started;
    started = performance.now();
    await page.reload();
    await role.ready(page);
    const warm = performance.now() - started;
    if (external.length) throw new Error(`the console asked another host: ${external.join(", ")}`);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

async function main() {
  await ensureWebBuild({ quiet: true });
  const scripts = consoleScripts();
  const server = await startBenchServer(values["data-dir"], "jalin_bench_web");
  const browser = await launch();
  try {
    const sessions = await Promise.all(ROLES.map(async (role) => {
      const login = (await post(server.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { name role } } }`, { e: role.email, p: DEMO_PASSWORD })).login;
      return { token: login.token as string, name: login.user.name as string, role: login.user.role as string };
    }));
    const samples = ROLES.map(() => ({ cold: [] as number[], warm: [] as number[], floor: [] as number[] }));
    // Warm the server (and the browser's own start-up) once per role, unmeasured.
    for (const [r, role] of ROLES.entries()) await measure(browser, server.webUrl, role, sessions[r]);
    for (let round = 0; round < rounds; round++) {
      for (const [r, role] of ROLES.entries()) {
        const { cold, warm } = await measure(browser, server.webUrl, role, sessions[r]);
        samples[r].cold.push(cold);
        samples[r].warm.push(warm);
        samples[r].floor.push(await floor(server.webUrl, server.url, sessions[r].token, role.query));
      }
    }
    const results = ROLES.map((role, r) => {
      const cold = median(samples[r].cold);
      const warm = median(samples[r].warm);
      const fetched = median(samples[r].floor);
      return { screen: role.name, cold_ms: cold, warm_ms: warm, floor_ms: fetched, cold_vs_floor: cold / fetched, cold_vs_budget: cold / WEB_BUDGETS.firstScreenMs };
    });
    console.log(`\nWeb console first screen (demo data, warm server, production build; medians of ${rounds} interleaved rounds; budget ${WEB_BUDGETS.firstScreenMs} ms)\n`);
    console.log("| screen | cold cache ms | warm cache ms | floor ms (bytes fetched by Node) | cold / floor | cold / budget |");
    console.log("|---|---|---|---|---|---|");
    for (const x of results) {
      console.log(`| ${x.screen} | ${x.cold_ms.toFixed(0)} | ${x.warm_ms.toFixed(0)} | ${x.floor_ms.toFixed(1)} | ${x.cold_vs_floor.toFixed(1)}x | ${x.cold_vs_budget.toFixed(2)} |`);
    }
    console.log(`\nConsole JavaScript: ${scripts.files.length} files, ${(scripts.gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${WEB_BUDGETS.consoleJsGzipBytes / 1024} KB, ${(scripts.gzipBytes / WEB_BUDGETS.consoleJsGzipBytes).toFixed(2)} of it)\n`);
    console.log(JSON.stringify({ bench: "web-console", rounds, budgets: WEB_BUDGETS, js_gzip_bytes: scripts.gzipBytes, results }));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
