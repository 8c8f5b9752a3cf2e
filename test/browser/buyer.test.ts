/**
 * The buyer's need editor in Chromium against a real server on the demo data: a new need is named in
 * shop words through the vocabulary ("lapis krom" becomes chrome plating under plating and painting,
 * "bubud" offers "bubut", "kuningan" is a material), bad input is refused in words naming the field,
 * the draft is saved, published and then edited; an edit made meanwhile through the API is refused
 * as a conflict rather than overwritten; a need is cancelled with its reason. Every answer is checked
 * against the API too; every screen passes axe-core and is saved as a screenshot.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/harness.js";
import { type OfflinePage, screenshot, seriousViolations } from "./browser.js";
import { demoToken, signIn, startConsole } from "./screens.js";

/** Failure guards only (2 shared, slow cores): every wait returns as soon as its condition holds. */
const WAIT_MS = 60_000;
const TEST_MS = 3 * WAIT_MS;
const BUYER = "sourcing@presisi-komponen.demo";

let t: TestApp;
let browser: Browser;
let buyer: OfflinePage;
let buyerToken: string;

beforeAll(async () => {
  ({ t, browser, page: buyer } = await startConsole(WAIT_MS));
  buyerToken = await demoToken(t, BUYER);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const NEED_FIELDS = `id status version title processes specificProcesses materials quantityPerMonth unit toleranceMm requiredCertifications minimumStage latitude statusHistory { toStatus reason }`;

async function needById(id: string) {
  const answer = await t.gql(`query($id: ID!) { need(id: $id) { ${NEED_FIELDS} } }`, { id }, buyerToken);
  expect(answer.errors).toBeUndefined();
  return answer.data.need;
}

function needIdOf(url: string): string {
  const match = /\/needs\/([^/]+)$/.exec(new URL(url).pathname);
  if (!match) throw new Error(`not a need's page: ${url}`);
  return decodeURIComponent(match[1]);
}

describe("web console, the buyer's need editor", () => {
  let needId = "";

  it("drafts a need named in shop words, refusing bad input in words that name the field", async () => {
    const { page } = buyer;
    await signIn(page, t.app.webUrl, BUYER);
    await page.getByRole("link", { name: "Kebutuhan baru" }).click();
    await page.getByRole("heading", { name: "Kebutuhan baru" }).waitFor();

    await page.getByLabel("Nama komponen").fill("Stang kemudi berlapis krom");
    await page.getByLabel(/^Uraian/).fill("Pipa baja, bubut ujung, lapis krom mengkilap");
    const word = page.getByLabel(/^Proses atau bahan/);
    await word.fill("lapis krom");
    await page.getByRole("button", { name: "Tambahkan", exact: true }).click();
    const plating = page.locator('li.family[data-process="PLATING_PAINTING"]');
    await plating.waitFor();
    expect(await plating.getByLabel("Lapis krom").isChecked()).toBe(true);
    expect(await plating.getByLabel("Cat bubuk (powder coating)").isChecked()).toBe(false);

    // A misspelling offers the nearest known words; picking one adds its process ("bubut" is turning).
    await word.fill("bubud");
    await page.getByRole("button", { name: "Tambahkan", exact: true }).click();
    await page.getByText("“bubud” belum dikenal. Mungkin maksud Anda:").waitFor();
    await page.locator(".suggestions").getByRole("button", { name: /^bubut / }).click();
    await page.locator('li.family[data-process="MACHINING_MANUAL"]').waitFor();
    await word.fill("kuningan");
    await page.getByRole("button", { name: "Tambahkan", exact: true }).click();
    await page.getByRole("list", { name: "Bahan" }).getByText("kuningan").waitFor();

    await page.getByLabel("Jumlah per bulan").fill("400");
    await page.getByLabel("Toleransi (mm)").fill("0,05");
    await page.getByLabel("ISO 9001").check();
    await page.getByLabel("Tahap minimal").selectOption("MADYA");
    // A latitude without its longitude: the API refuses, and the page says which field.
    await page.getByLabel("Lintang").fill("-7.56");
    await page.getByRole("button", { name: "Simpan sebagai draf" }).click();
    const refusal = page.getByTestId("editor-error");
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe("Isian tidak valid. Bujur: give latitude and longitude together");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "b1-buyer-need-editor");

    await page.getByLabel("Bujur").fill("110.82");
    await page.getByLabel("Radius (km)").fill("150");
    await page.getByRole("button", { name: "Simpan sebagai draf" }).click();
    await page.getByRole("heading", { name: /Stang kemudi berlapis krom\s*Draf/ }).waitFor();
    needId = needIdOf(page.url());
    const saved = await needById(needId);
    expect(saved).toMatchObject({
      status: "DRAFT", processes: ["PLATING_PAINTING", "MACHINING_MANUAL"], specificProcesses: ["CHROME_PLATING", "TURNING"], materials: ["kuningan"],
      quantityPerMonth: 400, unit: "PCS", toleranceMm: 0.05, requiredCertifications: ["ISO_9001"], minimumStage: "MADYA", latitude: -7.56,
    });
    await page.locator(".facts").getByText("Lapis krom").waitFor();
  }, TEST_MS);

  it("publishes the draft, and refuses an edit someone else overtook", async () => {
    const { page } = buyer;
    await page.getByRole("button", { name: "Terbitkan ke pemasok" }).click();
    await page.getByRole("heading", { name: /Stang kemudi berlapis krom\s*Terbuka/ }).waitFor();
    expect((await needById(needId)).status).toBe("OPEN");

    await page.getByRole("link", { name: "Ubah", exact: true }).click();
    await page.getByRole("heading", { name: "Ubah: Stang kemudi berlapis krom" }).waitFor();
    expect(await page.getByLabel("Toleransi (mm)").inputValue()).toBe("0.05");
    // A colleague changes the need through the API while this form is open.
    const { version } = await needById(needId);
    const other = await t.gql(`mutation($id: ID!, $v: Int!) { updateNeed(id: $id, expectedVersion: $v, input: { quantityPerMonth: 450 }) { version } }`, { id: needId, v: version }, buyerToken);
    expect(other.errors).toBeUndefined();
    await page.getByLabel("Jumlah per bulan").fill("600");
    await page.getByRole("button", { name: "Simpan perubahan" }).click();
    await page.getByTestId("editor-error").getByText(/^Data ini diubah orang lain/).waitFor();
    expect((await needById(needId)).quantityPerMonth).toBe(450);

    // Read again, the form holds the colleague's change; this edit then lands, and only what changed is sent.
    await page.reload();
    await page.getByRole("heading", { name: "Ubah: Stang kemudi berlapis krom" }).waitFor();
    expect(await page.getByLabel("Jumlah per bulan").inputValue()).toBe("450");
    await page.getByLabel("Jumlah per bulan").fill("600");
    await page.locator('li.family[data-process="MACHINING_MANUAL"]').getByLabel("Frais", { exact: true }).check();
    await page.getByRole("button", { name: "Simpan perubahan" }).click();
    await page.getByRole("heading", { name: /Stang kemudi berlapis krom\s*Terbuka/ }).waitFor();
    const edited = await needById(needId);
    expect(edited).toMatchObject({ quantityPerMonth: 600, toleranceMm: 0.05, specificProcesses: ["CHROME_PLATING", "TURNING", "MILLING"], latitude: -7.56 });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "b2-buyer-need-published");
  }, TEST_MS);

  it("cancels the need with its reason, and then offers no edit", async () => {
    const { page } = buyer;
    await page.getByRole("button", { name: "Batalkan kebutuhan" }).click();
    await page.getByLabel("Alasan pembatalan").fill("Gambar teknik direvisi");
    await page.getByRole("button", { name: "Ya, batalkan" }).click();
    await page.getByRole("heading", { name: /Stang kemudi berlapis krom\s*Dibatalkan/ }).waitFor();
    const cancelled = await needById(needId);
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.statusHistory.at(-1)).toEqual({ toStatus: "CANCELLED", reason: "Gambar teknik direvisi" });
    expect(await page.getByRole("link", { name: "Ubah", exact: true }).count()).toBe(0);
    await page.goto(new URL(`/needs/${encodeURIComponent(needId)}/edit`, t.app.webUrl).toString());
    await page.getByRole("alert").getByText("Kebutuhan berstatus Dibatalkan tidak dapat diubah lagi.").waitFor();
    expect(buyer.external).toEqual([]);
  }, TEST_MS);
});

describe("web console, the buyer's shortlist, samples and award", () => {
  it("shortlists a ranked supplier, asks for samples, approves them and awards the need", async () => {
    const { page } = buyer;
    // A trial lot of the demo's cylinder sleeve, small enough for UD Cor Logam Batur alone.
    const sleeves = await t.gql(`{ needs(filter: { statuses: [OPEN] }) { nodes { title processes materials unit toleranceMm minimumStage startDate latitude longitude radiusKm } } }`, {}, buyerToken);
    const { title: _title, ...sleeve } = sleeves.data.needs.nodes.find((n: { title: string }) => n.title === "Cylinder sleeve FC250");
    const made = await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`,
      { input: { ...sleeve, title: "Cylinder sleeve FC250, trial lot", description: "30 pieces a month for a trial", quantityPerMonth: 30 } }, buyerToken);
    expect(made.errors).toBeUndefined();
    const trialId = made.data.createNeed.id;
    expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN, expectedVersion: 0) { status } }`, { id: trialId }, buyerToken)).errors).toBeUndefined();

    await page.goto(new URL(`/needs/${encodeURIComponent(trialId)}`, t.app.webUrl).toString());
    const batur = page.locator('li.match[data-ikm="UD Cor Logam Batur"]');
    await batur.getByRole("button", { name: "Masukkan daftar pendek: UD Cor Logam Batur" }).click();
    const candidate = page.locator('li.candidate[data-candidate="UD Cor Logam Batur"]');
    await candidate.getByText("Dalam daftar pendek").waitFor();
    await page.getByRole("heading", { name: /Cylinder sleeve FC250, trial lot\s*Daftar pendek/ }).waitFor();
    expect(await batur.getByRole("button", { name: /^Masukkan daftar pendek/ }).count()).toBe(0);

    await candidate.getByRole("button", { name: "Minta sampel" }).click();
    await candidate.getByLabel("Jumlah sampel (buah)").fill("5");
    await candidate.getByRole("button", { name: "Kirim permintaan sampel" }).click();
    await candidate.locator('li.sample[data-sample-status="REQUESTED"]').waitFor();
    // The award waits for approved samples: the API refuses, and the page says so.
    await candidate.getByRole("button", { name: "Berikan pesanan" }).click();
    await candidate.getByRole("button", { name: "Ya, berikan pesanan" }).click();
    await page.getByTestId("shortlist-error").getByText(/^Isian tidak valid\./).waitFor();
    await candidate.getByRole("button", { name: "Kembali" }).click();

    // The IKM sends its samples (through the API); the buyer reads them on the page and approves.
    const ikmToken = await demoToken(t, "pemilik@cor-batur.demo");
    const asked = await t.gql(`query($id: ID!) { need(id: $id) { samples { id version items { code required } } } }`, { id: trialId }, buyerToken);
    const [sample] = asked.data.need.samples;
    const sent = await t.gql(`mutation($id: ID!, $v: Int!, $items: [SampleItemDocumentInput!]!) { submitSample(id: $id, expectedVersion: $v, input: { items: $items }) { status } }`, {
      id: sample.id, v: sample.version,
      items: sample.items.filter((i: { required: boolean }) => i.required).map((i: { code: string }) => ({ code: i.code, documentUrl: `https://example.co.id/${encodeURIComponent(i.code)}.pdf` })),
    }, ikmToken);
    expect(sent.errors).toBeUndefined();
    await page.reload();
    await candidate.locator('li.sample[data-sample-status="SUBMITTED"]').getByRole("link", { name: "dokumen" }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "b3-buyer-shortlist-samples");
    await candidate.getByRole("button", { name: "Setujui sampel" }).click();
    await candidate.locator('li.sample[data-sample-status="APPROVED"]').waitFor();

    await candidate.getByRole("button", { name: "Berikan pesanan" }).click();
    await candidate.getByLabel("Alasan memilih kandidat ini").fill("Sampel lolos, harga sesuai");
    await candidate.getByRole("button", { name: "Ya, berikan pesanan" }).click();
    await page.getByRole("heading", { name: /Cylinder sleeve FC250, trial lot\s*Diberikan/ }).waitFor();
    await candidate.getByText("Menerima pesanan").waitFor();
    const awarded = await t.gql(`query($id: ID!) { need(id: $id) { status shortlist(includeDecided: true) { status reason partnerships { status quantityPerMonth ikm { legalName } } } } }`, { id: trialId }, buyerToken);
    expect(awarded.data.need).toEqual({ status: "AWARDED", shortlist: [{ status: "AWARDED", reason: "Sampel lolos, harga sesuai",
      partnerships: [{ status: "PENDING", quantityPerMonth: 30, ikm: { legalName: "UD Cor Logam Batur" } }] }] });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "b4-buyer-awarded");
    expect(buyer.external).toEqual([]);
  }, TEST_MS);
});
