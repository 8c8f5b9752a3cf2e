/**
 * What every console screen is held to in the browser tests, and the demo sign-in they share:
 * no serious or critical axe-core violations, nothing wider than the phone-width viewport, a
 * screenshot saved (dist/screenshots/<name>.png). Kept apart from browser.ts, which the web bench
 * (scripts/bench-web.ts) imports outside vitest.
 */
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../prisma/seed/demo.js";
import { ensureWebBuild } from "../../scripts/web-build.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { type OfflinePage, launch, offlinePage, screenshot, seriousViolations } from "./browser.js";

/** How many CSS pixels the page is wider than its viewport (0 when it fits). */
export async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const inPage = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
    return Math.max(0, inPage.document.documentElement.scrollWidth - inPage.innerWidth);
  });
}

/** The screen passes axe (no serious or critical violations) and fits the viewport. */
export async function expectSound(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await overflow(page)).toBe(0);
}

/** expectSound, then a screenshot named `name`. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await expectSound(page);
  await screenshot(page, name);
}

/** A demo account's token (password DEMO_PASSWORD), for what a test sends through the API. */
export async function demoToken(t: TestApp, email: string): Promise<string> {
  const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: DEMO_PASSWORD });
  expect(login.errors).toBeUndefined();
  return login.data.login.token;
}

/**
 * Signs in through the sign-in form as a demo account (password DEMO_PASSWORD), from the console's
 * first page; the caller waits for the screen its role lands on.
 */
export async function signIn(page: Page, webUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(webUrl);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
}

/**
 * What every browser test starts from: the console built, a real server on the demo data, Chromium,
 * and one page kept off the network whose waits give up after `waitMs` (a hang guard, not a timing claim).
 */
export async function startConsole(waitMs: number): Promise<{ t: TestApp; browser: Browser; page: OfflinePage }> {
  await ensureWebBuild({ quiet: true });
  const t = await startTestApp();
  await seedDemo(t.prisma);
  const browser = await launch();
  const page = await offlinePage(browser);
  page.page.setDefaultTimeout(waitMs);
  return { t, browser, page };
}
