/**
 * The foundation's console in Debian's Chromium against a real server on the demo data: the YDBA
 * mentor signs in, sees the dashboard's charts (stage mix, sponsor firms, median months per stage,
 * share promoted) as labelled meters, opens a mentee due for reassessment from it, records an
 * assessment (first refused by the API for a score above 100, the field named), sees it in the
 * history and through the API, is refused a demotion without a reason and a promotion citing no
 * assessment (each refusing rule's words shown), then promotes the mentee citing the new assessment
 * and sees it in the stage history. Every screen passes axe-core and is saved as a screenshot
 * (f1-..., in dist/screenshots); no request leaves the machine. Waits are on the page, never sleeps.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/harness.js";
import { type OfflinePage, screenshot, seriousViolations } from "./browser.js";
import { demoToken, signIn, startConsole } from "./screens.js";

/** Failure guards only (2 shared, slow cores): every wait returns as soon as its condition holds. */
const WAIT_MS = 60_000;
const TEST_MS = 3 * WAIT_MS;
const MENTOR = "pendamping@ydba-soloraya.demo";

let t: TestApp;
let browser: Browser;
let mentor: OfflinePage;
let mentorToken: string;
/** The mentee opened from the dashboard, and the assessment recorded for it. */
let menteeId: string;
let menteeName: string;
let assessmentId: string;

beforeAll(async () => {
  ({ t, browser, page: mentor } = await startConsole(WAIT_MS));
  mentorToken = await demoToken(t, MENTOR);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** The mentee as the API has it now. */
async function menteeNow() {
  const answer = await t.gql(`query($id: ID!) { ikm(id: $id) {
    currentStage stageVersion
    assessments { id assessor proposedStage pillarAverage pillarScores { production marketing finance hr ehs } itemScores { qualityControl } fiveRItems { section item score } }
    stageHistory { fromStage toStage reason assessment { id } } } }`, { id: menteeId }, mentorToken);
  expect(answer.errors).toBeUndefined();
  return answer.data.ikm;
}

async function meterLabels(page: Page, selector: string): Promise<string[]> {
  const meters = page.locator(`${selector} [role=meter]`);
  await meters.first().waitFor();
  return Promise.all((await meters.all()).map((m) => m.getAttribute("aria-label").then((l) => l ?? "")));
}

describe("web console, foundation: dashboard and a mentee", () => {
  it("signs in and shows the dashboard's charts as labelled meters, with due mentees linked", async () => {
    const { page } = mentor;
    await signIn(page, t.app.webUrl, MENTOR);
    await page.getByRole("heading", { name: /^Dasbor yayasan/ }).waitFor();

    expect(await meterLabels(page, ".stage-mix")).toHaveLength(4);
    // The demo's Solo Raya mentees all have PT Presisi Komponen Indonesia as their sponsor firm.
    const sponsors = await meterLabels(page, ".sponsor-bars");
    expect(sponsors.length).toBeGreaterThan(0);
    expect(sponsors[0]).toMatch(/^.+: \d+ binaan, [\d,]+% dari semua binaan aktif$/);
    // Every demo mentee climbed from PEMULA, so PEMULA has completed stays and a median.
    const medians = await meterLabels(page, ".progression-bars");
    expect(medians[0]).toMatch(/^Pemula: median [\d,]+ bulan di tahap ini, dari \d+ masa tinggal yang selesai; \d+ binaan di tahap ini sekarang$/);
    expect(await meterLabels(page, ".promoted-bar")).toEqual([expect.stringMatching(/^Naik tahap dalam 12 bulan terakhir: \d+ dari \d+ binaan aktif, [\d,]+%$/)]);
    await page.getByRole("link", { name: /^Semua binaan \(\d+\)$/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "f1-foundation-dashboard");

    // Each mentee due for reassessment links to its page.
    const dueLinks = await Promise.all((await page.locator("ul.due li a").all()).map((a) => a.getAttribute("href")));
    expect(dueLinks.length).toBeGreaterThan(0);
    for (const href of dueLinks) expect(href).toMatch(/^\/mentees\/[^/]+$/);

    // A PRAMANDIRI mentee due for reassessment (assessed 14 months ago in the demo data).
    const due = page.locator("ul.due li", { hasText: "Pramandiri" }).first().getByRole("link");
    menteeName = (await due.textContent())!;
    await due.click();
    await page.getByRole("heading", { name: menteeName }).waitFor();
    menteeId = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
    expect(new URL(page.url()).pathname).toMatch(/^\/mentees\/[^/]+$/);
    await page.getByTestId("current-stage").getByText("Pramandiri", { exact: true }).waitFor();
    expect(await page.locator("li.stage-step").count()).toBe((await menteeNow()).stageHistory.length);
  }, TEST_MS);

  it("records an assessment: the API's refusal names the field, then it lands in the history and the API", async () => {
    const { page } = mentor;
    const before = (await menteeNow()).assessments.length;
    await page.locator("li.assessment").first().waitFor();
    expect(await page.locator("li.assessment").count()).toBe(before);

    const form = page.locator("form.assessment-form");
    // The five pillar scores are required: the form says so before sending anything.
    await form.getByRole("button", { name: "Simpan penilaian" }).click();
    await form.getByRole("alert").getByText("5 isian wajib masih kosong.").waitFor();
    expect(await form.getByLabel("Keuangan", { exact: true }).getAttribute("aria-invalid")).toBe("true");

    await form.getByLabel("Penilai", { exact: true }).fill("Agus (uji peramban)");
    const pillars: [string, string][] = [["Produksi", "150"], ["Pemasaran", "78"], ["Keuangan", "80"], ["SDM", "76"], ["K3L (keselamatan, kesehatan kerja, lingkungan)", "81"]];
    for (const [label, value] of pillars) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByLabel("Pengendalian mutu", { exact: true }).fill("84");
    await form.getByRole("button", { name: "Tambah butir 5R" }).click();
    await form.getByLabel("Bagian butir 1").selectOption("RAPI");
    await form.getByLabel("Butir 1", { exact: true }).fill("Setiap alat punya tempat bertanda");
    await form.getByLabel("Nilai butir 1").fill("2");
    await form.getByRole("button", { name: "Simpan penilaian" }).click();

    // 150 is above the pillar's 100: the API refuses with BAD_USER_INPUT naming the field.
    await form.getByRole("alert").getByText("Isian tidak valid. input.pillarScores.production: must be 0 to 100").waitFor();
    expect(await form.getByLabel("Produksi", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect((await menteeNow()).assessments.length).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "f2-mentee-assessment-refused");

    await form.getByLabel("Produksi", { exact: true }).fill("82");
    await form.getByRole("button", { name: "Simpan penilaian" }).click();
    await page.getByTestId("mentee-notice").getByText("Penilaian tersimpan (rata-rata pilar 79,4, usulan tahap Mandiri). Riwayat dimuat ulang.").waitFor();
    const newest = page.locator("li.assessment").first();
    await newest.getByRole("heading", { name: /Agus \(uji peramban\)$/ }).waitFor();
    expect(await page.locator("li.assessment").count()).toBe(before + 1);
    expect(await newest.locator(".meta").textContent()).toMatch(/^Usulan tahap: Mandiri · rata-rata pilar 79,4 · dicatat oleh /);

    const now = await menteeNow();
    expect(now.assessments).toHaveLength(before + 1);
    const recorded = now.assessments[0];
    expect(recorded).toMatchObject({
      assessor: "Agus (uji peramban)", proposedStage: "MANDIRI", pillarAverage: 79.4,
      pillarScores: { production: 82, marketing: 78, finance: 80, hr: 76, ehs: 81 }, itemScores: { qualityControl: 84 },
      fiveRItems: [{ section: "RAPI", item: "Setiap alat punya tempat bertanda", score: 2 }],
    });
    assessmentId = recorded.id;
    await newest.getByText("Rincian nilai").click();
    await newest.getByText("Audit 5R: 100%").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "f3-mentee-assessment-recorded");
  }, TEST_MS);

  it("shows the rule that refuses a stage change, and changes nothing", async () => {
    const { page } = mentor;
    const form = page.locator("form.stage-form");
    const { stageVersion } = await menteeNow();

    // A demotion without a reason.
    await form.getByLabel("Tahap baru").selectOption("MADYA");
    await form.getByRole("button", { name: "Ubah tahap" }).click();
    const refusal = form.getByRole("alert");
    await refusal.getByText("A demotion from PRAMANDIRI to MADYA needs a reason of at least 10 characters.").waitFor();
    expect(await refusal.textContent()).toMatch(/^Perubahan tahap ditolak oleh aturan tahap\./);

    // A promotion that cites no assessment.
    await form.getByLabel("Tahap baru").selectOption("MANDIRI");
    await form.getByLabel("Penilaian yang dirujuk").selectOption("");
    await form.getByRole("button", { name: "Ubah tahap" }).click();
    await refusal.getByText("A promotion to MANDIRI cites an assessment proposing at least MANDIRI (assessmentId), or is an override with a reason.").waitFor();

    const now = await menteeNow();
    expect(now).toMatchObject({ currentStage: "PRAMANDIRI", stageVersion });
    await page.getByTestId("current-stage").getByText("Pramandiri", { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "f4-mentee-stage-refused");
  }, TEST_MS);

  it("promotes the mentee citing the new assessment, and shows it in the stage history", async () => {
    const { page } = mentor;
    const form = page.locator("form.stage-form");
    const before = (await menteeNow()).stageHistory.length;
    await form.getByLabel("Tahap baru").selectOption("MANDIRI");
    await form.getByLabel("Penilaian yang dirujuk").selectOption(assessmentId);
    await form.getByRole("button", { name: "Ubah tahap" }).click();

    await page.getByTestId("mentee-notice").getByText("Tahap diubah menjadi Mandiri. Riwayat dimuat ulang.").waitFor();
    await page.getByTestId("current-stage").getByText("Mandiri", { exact: true }).waitFor();
    const latest = page.locator("li.stage-step").first();
    await latest.getByText("Pramandiri → Mandiri").waitFor();
    expect(await page.locator("li.stage-step").count()).toBe(before + 1);
    expect(await latest.locator(".meta").textContent()).toMatch(/merujuk penilaian .+ \(usulan Mandiri\)$/);

    const now = await menteeNow();
    expect(now.currentStage).toBe("MANDIRI");
    expect(now.stageHistory.at(-1)).toMatchObject({ fromStage: "PRAMANDIRI", toStage: "MANDIRI", assessment: { id: assessmentId } });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "f5-mentee-promoted");
  }, TEST_MS);

  it("lists the mentees, the promoted one at its new stage, and made no request to another host", async () => {
    const { page, external } = mentor;
    await page.getByRole("link", { name: "Binaan", exact: true }).click();
    await page.getByRole("heading", { name: "Binaan", exact: true }).waitFor();
    await page.getByLabel("Cari nama usaha").fill(menteeName);
    await page.getByRole("button", { name: "Terapkan" }).click();
    const row = page.locator("li.mentee-row", { has: page.getByRole("link", { name: menteeName, exact: true }) });
    await row.locator(".meta").getByText(/^Mandiri( ·|$)/).waitFor();
    await page.getByText("1 binaan", { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "f6-mentees");
    expect(external).toEqual([]);
  }, TEST_MS);
});
