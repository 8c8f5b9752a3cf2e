/**
 * Debian's Chromium driven by playwright-core, kept to this machine: launched without its background
 * services (updates, sync, time, accounts), host names other than localhost resolving nowhere, and
 * every request to another host aborted and counted (a console that works offline makes none).
 * CHROMIUM_PATH overrides /usr/bin/chromium (`.ci/run` installs it with apt when missing).
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../dist/screenshots");

/** The flags that keep Chromium off the network (Debian's build turns Google services on: update, time, account checks). */
const OFFLINE_FLAGS = [
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pings",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.*",
];

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  // Chromium's sandbox refuses to run as root (CI runs as root).
  const sandbox = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  return chromium.launch({ executablePath: CHROMIUM, args: [...OFFLINE_FLAGS, ...sandbox] });
}

export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** Requests to any host but this machine, each aborted. */
  external: string[];
}

/** A fresh context (its own storage) whose requests leave the machine only to be aborted and counted. */
export async function offlinePage(browser: Browser, viewport = { width: 412, height: 915 }): Promise<OfflinePage> {
  // bypassCSP: the pages' Content-Security-Policy forbids inline scripts, and axe-core is injected as one.
  const context = await browser.newContext({ viewport, serviceWorkers: "block", bypassCSP: true });
  const external: string[] = [];
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "127.0.0.1" || host === "localhost" || host === "[::1]") return route.continue();
    external.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  return { context, page, external };
}

/** axe-core's serious and critical violations on the page as it is now (rule id and the first target of each). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    // Runs in the page (this file's tsconfig has no DOM types): the page's axe and document.
    const inPage = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    const result = await inPage.axe.run(inPage.document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => String(n.target)) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.targets.join(" | ")}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
