/**
 * The web console in Debian's Chromium against a real server on the demo data: the buyer signs in,
 * sees the needs by status, opens the open need and its ranked suppliers with factor bars; a
 * quotation and a change of the need's weights sent through the API meanwhile show on the open page
 * (the test waits on the page, never a sleep); the language switch turns the words, the Rupiah and the dates to English and survives a
 * reload; the demo IKM sees its opportunities and near misses with the paths that close each gap, and
 * hears a need published meanwhile; the foundation sees its stage mix and a promotion arrive live;
 * GraphiQL at /graphql runs a query. Every screen passes axe-core (no serious or critical
 * violations) and is saved as a screenshot in dist/screenshots; no request leaves the machine.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/demo.js";
import { WEB_DIST } from "../../scripts/web-build.js";
import { WEB_BUDGETS } from "../../src/web/budgets.js";
import type { TestApp } from "../helpers/harness.js";
import { listening, until, watch } from "../helpers/subscriptions.js";
import { type OfflinePage, offlinePage, screenshot, seriousViolations } from "./browser.js";
import { demoToken, signIn, startConsole } from "./screens.js";

/** Failure guards only (2 shared, slow cores): every wait returns as soon as its condition holds. */
const WAIT_MS = 60_000;
const TEST_MS = 3 * WAIT_MS;

let t: TestApp;
const token = (email: string) => demoToken(t, email);
let browser: Browser;
let buyer: OfflinePage;

beforeAll(async () => {
  ({ t, browser, page: buyer } = await startConsole(WAIT_MS));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});


describe("web console, buyer", () => {
  it("signs in, lists the needs by status, and shows a need's ranked suppliers with factor bars", async () => {
    const { page } = buyer;
    await page.goto(t.app.webUrl);
    await page.getByRole("heading", { name: "Masuk ke Jalin" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "1-sign-in");

    await page.getByLabel("Email").fill("sourcing@presisi-komponen.demo");
    await page.getByLabel("Kata sandi").fill("wrong-password");
    await page.getByRole("button", { name: "Masuk", exact: true }).click();
    await page.getByRole("alert").getByText("Email atau kata sandi salah").waitFor();

    await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Masuk", exact: true }).click();
    await page.getByRole("heading", { name: /Kebutuhan komponen/ }).waitFor();
    const open = page.locator('section[data-status="OPEN"]');
    await open.getByRole("link", { name: "Cylinder sleeve FC250" }).waitFor();
    expect(await page.locator("section[data-status] h2").allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Terbuka/), expect.stringMatching(/^Diberikan/)]));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "2-buyer-needs");
    // Measured, not asserted (shared, slow cores): the first screen from a warm server, signed in.
    const started = performance.now();
    await page.goto(t.app.webUrl);
    await open.getByRole("link", { name: "Cylinder sleeve FC250" }).waitFor();
    process.stdout.write(`web console first screen (needs list, warm server): ${Math.round(performance.now() - started)} ms (budget ${WEB_BUDGETS.firstScreenMs} ms)\n`);

    await open.getByRole("link", { name: "Cylinder sleeve FC250" }).click();
    await page.getByRole("heading", { name: /Cylinder sleeve FC250/ }).waitFor();
    const first = page.locator("li.match").first();
    await first.locator('[role="meter"]').first().waitFor();
    expect(await first.locator(".rank").textContent()).toBe("Peringkat 1");
    expect(await first.locator('[role="meter"]').count()).toBeGreaterThanOrEqual(3);
    expect(await first.locator('[role="meter"]').first().getAttribute("aria-label")).toMatch(/: \d+ dari 100 \(bobot \d+%\)$/);
    expect(await first.locator(".checks li").count()).toBeGreaterThan(0);
    // The top supplier meets every requirement, each said in the console's Indonesian, without the API's English.
    for (const text of await first.locator(".checks .requirement-text").allTextContents()) expect(text).toMatch(/^(Mengerjakan proses|Memiliki sertifikat|Memenuhi tahap minimum|Berada dalam radius|Mampu mencapai toleransi) /);
    expect(await first.locator(".checks .api-detail").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "3-buyer-need-matches");
  }, TEST_MS);

  it("shows a quotation and a changed ranking the moment they arrive, while the page is open", async () => {
    const { page } = buyer;
    watch(t.app);
    // The page's two subscriptions (ranking, responses) listen on the server before the quotation is sent.
    await page.reload();
    await page.locator('.live[data-live="on"]').waitFor();
    await until(() => listening(t.app) >= 2, WAIT_MS, "the page's subscriptions listen");
    expect(await page.locator("li.response").count()).toBe(0);

    const needId = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
    const today = new Date().toISOString().slice(0, 10);
    const quote = await t.gql(
      `mutation($needId: ID!, $until: Date!) { submitResponse(input: { needId: $needId, kind: QUOTATION, unitPriceIdr: 48500, quantityPerMonth: 200, leadTimeDays: 45, validUntil: $until }) { id } }`,
      { needId, until: today }, await token("pemilik@cor-batur.demo"));
    expect(quote.errors).toBeUndefined();

    await page.locator("li.response").getByText("Harga satuan Rp48.500").waitFor();
    await page.getByTestId("live-notice").getByText(/^Tanggapan baru dari /).waitFor();
    await screenshot(page, "4-buyer-live-response");

    // The buyer weighs proximity far above the rest (through the API): the ranking changes, the page hears it and reloads it.
    const buyerToken = await token("sourcing@presisi-komponen.demo");
    const { version } = (await t.gql(`query($id: ID!) { need(id: $id) { version } }`, { id: needId }, buyerToken)).data.need;
    const edited = await t.gql(`mutation($id: ID!, $v: Int!) { updateNeed(id: $id, expectedVersion: $v, input: { weights: { proximity: 10 } }) { version } }`, { id: needId, v: version }, buyerToken);
    expect(edited.errors).toBeUndefined();
    await page.getByTestId("live-notice").getByText(/^Peringkat diperbarui /).waitFor();
  }, TEST_MS);

  it("switches to English: words, Rupiah and dates, kept across a reload", async () => {
    const { page } = buyer;
    const periodId = await page.locator(".facts div", { hasText: "Periode" }).locator("dd").textContent();
    await page.getByLabel("Bahasa", { exact: true }).selectOption("en");
    await page.getByRole("heading", { name: "Ranked suppliers" }).waitFor();
    await page.locator("li.response").getByText("Unit price Rp48,500").waitFor();
    const checks = page.locator("li.match").first().locator(".checks li");
    await checks.first().locator(".requirement-text").getByText(/^(Works|Holds a|Meets the minimum stage|Lies within|Holds the critical) /).waitFor();
    expect(await checks.first().locator('.api-detail[lang="en"]').count()).toBe(1);
    const periodEn = await page.locator(".facts div", { hasText: "Period" }).locator("dd").textContent();
    expect(periodEn).not.toBe(periodId);
    expect(`${periodId} | ${periodEn}`).toMatch(/(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember).* \| .*(January|February|March|April|May|June|July|August|September|October|November|December)/);

    await page.reload();
    await page.getByRole("heading", { name: "Ranked suppliers" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "5-buyer-need-english");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Jalin" }).waitFor();
  }, TEST_MS);

  it("made no request to another host, and its JavaScript is within the budget", () => {
    expect(buyer.external).toEqual([]);
    const html = readFileSync(path.join(WEB_DIST, "index.html"), "utf8");
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((file) => file.includes("dev-runtime")), "a development build of React").toEqual([]);
    const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(WEB_DIST, file))).length, 0);
    process.stdout.write(`web console JavaScript: ${scripts.length} files, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${WEB_BUDGETS.consoleJsGzipBytes / 1024} KB)\n`);
    expect(gzipped).toBeLessThan(WEB_BUDGETS.consoleJsGzipBytes);
  });
});

describe("web console, IKM", () => {
  it("shows the needs it qualifies for and its near misses, and a newly published one live", async () => {
    const { page, external, context } = await offlinePage(browser);
    page.setDefaultTimeout(WAIT_MS);
    watch(t.app);
    const before = listening(t.app); // what earlier pages left listening, if anything
    await signIn(page, t.app.webUrl, "pemilik@cor-batur.demo");
    await page.getByRole("heading", { name: /^Peluang/ }).waitFor();
    await page.locator("li.opportunity").getByRole("heading", { name: "Cylinder sleeve FC250" }).waitFor();
    await page.getByRole("heading", { name: /^Hampir cocok/ }).waitFor();

    // The buyer publishes a second need like the sleeve this IKM fits; the open page hears of it.
    await page.locator('.live[data-live="on"]').waitFor();
    await until(() => listening(t.app) > before, WAIT_MS, "the page's subscription listens");
    const buyerToken = await token("sourcing@presisi-komponen.demo");
    const sleeves = await t.gql(`{ needs(filter: { statuses: [OPEN] }) { nodes { title processes materials quantityPerMonth unit toleranceMm requiredCertifications minimumStage startDate latitude longitude radiusKm } } }`, {}, buyerToken);
    const { title: _title, ...sleeve } = sleeves.data.needs.nodes.find((n: { title: string }) => n.title === "Cylinder sleeve FC250");
    const draft = await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`,
      { input: { ...sleeve, title: "Cylinder sleeve FC250, second line", description: "A second line, same part" } }, buyerToken);
    expect(draft.errors).toBeUndefined();
    const opened = await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN, expectedVersion: 0) { status } }`, { id: draft.data.createNeed.id }, buyerToken);
    expect(opened.errors).toBeUndefined();
    await page.getByTestId("live-notice").getByText("Kebutuhan baru yang cocok: Cylinder sleeve FC250, second line.").waitFor();
    await page.locator("li.opportunity").getByRole("heading", { name: "Cylinder sleeve FC250, second line" }).waitFor();

    // README's brake drum wants IATF 16949, which this IKM lacks: a near miss, with what closes the gap.
    const drum = await t.gql(`mutation { createNeed(input: { title: "Brake drum FC250", description: "Cast, rough machined; IATF 16949 plants only", processes: [CASTING],
      materials: ["besi cor fc250"], quantityPerMonth: 150, unit: PCS, toleranceMm: 0.8, requiredCertifications: [IATF_16949], minimumStage: PRAMANDIRI, startDate: "2027-03-01" }) { id } }`, {}, buyerToken);
    expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN, expectedVersion: 0) { status } }`, { id: drum.data.createNeed.id }, buyerToken)).errors).toBeUndefined();
    await page.reload();
    const miss = page.locator("li.near-miss", { has: page.getByRole("heading", { name: "Brake drum FC250" }) });
    await miss.waitFor();
    // The gap in the console's own Indonesian, the certificate by its name; no English API message beside it.
    const gap = miss.locator(".gaps li", { hasText: "IATF 16949" });
    expect(await gap.locator(".gap-text").textContent()).toBe("Belum memiliki sertifikat IATF 16949 yang berlaku saat pasokan dimulai");
    expect(await gap.locator(".api-detail").count()).toBe(0);
    expect(await miss.locator(".paths li").count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "7-ikm-opportunities");
    // In English, the same sentence in English, and the API's own message as a detail marked lang="en".
    await page.getByLabel("Bahasa", { exact: true }).selectOption("en");
    await gap.locator(".gap-text").getByText("Holds no IATF 16949 certificate valid when supply starts", { exact: true }).waitFor();
    expect(await gap.locator(".api-detail").getAttribute("lang")).toBe("en");
    expect(await gap.locator(".api-detail").textContent()).toMatch(/IATF_16949/);
    expect(external).toEqual([]);
    await context.close();
  }, TEST_MS);
});

describe("web console, foundation", () => {
  it("shows the stage mix and hears a mentee's promotion live", async () => {
    const { page, external, context } = await offlinePage(browser);
    page.setDefaultTimeout(WAIT_MS);
    watch(t.app);
    const before = listening(t.app);
    await signIn(page, t.app.webUrl, "pendamping@ydba-soloraya.demo");
    await page.getByRole("heading", { name: /^Dasbor yayasan/ }).waitFor();
    const mix = page.locator(".stage-mix [role=meter]");
    await mix.first().waitFor();
    expect(await mix.count()).toBe(4);
    await page.locator('.live[data-live="on"]').waitFor();
    await until(() => listening(t.app) > before, WAIT_MS, "the page's subscription listens");

    // README's maturity steps: an assessment proposing PRAMANDIRI for the MADYA mentee, then the promotion.
    const mentor = await token("pendamping@ydba-soloraya.demo");
    const madya = (await t.gql(`{ viewer { foundation { mentees(filter: { stages: [MADYA] }) { nodes { id legalName stageVersion } } } } }`, {}, mentor)).data.viewer.foundation.mentees.nodes[0];
    const assessment = await t.gql(`mutation($ikmId: ID!, $on: Date!) { recordAssessment(input: { ikmId: $ikmId, assessedOn: $on, assessor: "Agus",
      pillarScores: { production: 62, marketing: 51, finance: 55, hr: 58, ehs: 60 } }) { id proposedStage } }`, { ikmId: madya.id, on: new Date().toISOString().slice(0, 10) }, mentor);
    expect(assessment.data?.recordAssessment.proposedStage, JSON.stringify(assessment.errors)).toBe("PRAMANDIRI");
    const promoted = await t.gql(`mutation($ikmId: ID!, $v: Int!, $a: ID!) { changeStage(input: { ikmId: $ikmId, toStage: PRAMANDIRI, expectedVersion: $v, assessmentId: $a }) { toStage } }`,
      { ikmId: madya.id, v: madya.stageVersion, a: assessment.data.recordAssessment.id }, mentor);
    expect(promoted.errors).toBeUndefined();
    await page.locator("li.stage-change", { hasText: madya.legalName }).getByText("Madya → Pramandiri").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "8-foundation-dashboard");
    expect(external).toEqual([]);
    await context.close();
  }, TEST_MS);
});

describe("GraphiQL at /graphql", () => {
  it("loads from this server only and runs a query", async () => {
    const { page, external, context } = await offlinePage(browser, { width: 1280, height: 800 });
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(t.app.url);
    await page.locator(".graphiql-container").waitFor();
    // The run button does nothing until the editor (Monaco, loaded after the page) holds the query.
    await page.locator(".graphiql-query-editor .view-lines").getByText("query Me").waitFor();
    await page.locator(".graphiql-execute-button").click();
    await page.locator(".graphiql-response").getByText('"viewer"').waitFor();
    await screenshot(page, "6-graphiql");
    expect(external).toEqual([]);
    await context.close();
  }, TEST_MS);

  it("still answers GraphQL over GET and POST at the same path", async () => {
    const get = await fetch(`${t.app.url}?query=${encodeURIComponent("{ __typename }")}`);
    expect(await get.json()).toEqual({ data: { __typename: "Query" } });
    const post = await t.gql("{ __typename }");
    expect(post.data).toEqual({ __typename: "Query" });
  });
});
