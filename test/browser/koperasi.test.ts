/**
 * The koperasi area of the web console in Debian's Chromium against a real server on the demo data,
 * as Koperasi Batur Jaya's manager (pengurus@batur-jaya.demo): it sees its members (stage, processes,
 * capacity) and the open cylinder-sleeve need with Jalin's consortium proposal from its members (the
 * members, shares and free capacity `consortia` answers the manager, read through the API here too),
 * answers it as a consortium starting from that proposal (a negative price and a negative share are
 * each refused in words naming the field, and write nothing), and the buyer reads the quotation
 * through the API with the koperasi and each member's share; the koperasi's responses list shows it, in Indonesian and English.
 * The manager then withdraws it after a confirmation (a version revised meanwhile through the API is
 * refused in words and changes nothing; the retry acts on the version the page read again): the API
 * reads it WITHDRAWN, the buyer no longer counts it, the list says so; sent again from the old terms
 * it is ACTIVE, and a withdrawal made meanwhile through the API is refused in words too. Every
 * screen passes axe-core (no serious or critical violations), fits a phone and is saved as a
 * screenshot (k1-… to k7-…) in dist/screenshots; the test waits on the page, never a sleep; no request
 * leaves the machine.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/harness.js";
import { type OfflinePage, seriousViolations } from "./browser.js";
import { checkScreen, demoToken, expectSound, signIn, startConsole } from "./screens.js";

/** Failure guards only (2 shared, slow cores): every wait returns as soon as its condition holds. */
const WAIT_MS = 60_000;
const TEST_MS = 3 * WAIT_MS;
const KOPERASI_EMAIL = "pengurus@batur-jaya.demo";
const BUYER_EMAIL = "sourcing@presisi-komponen.demo";
const SLEEVE = "Cylinder sleeve FC250";

let t: TestApp;
const token = (email: string) => demoToken(t, email);
let browser: Browser;
let koperasi: OfflinePage;
let koperasiToken: string;
let buyerToken: string;
let sleeveId: string;
let bracketId: string;


/** The sleeve's responses as its buyer reads them. */
async function sleeveResponses() {
  const answer = await t.gql(`query($id: ID!) { need(id: $id) { responses(first: 20) { totalCount nodes {
    kind unitPriceIdr quantityPerMonth leadTimeDays validUntil version ikm { legalName } koperasi { name } members { quantityPerMonth ikm { legalName } } } } } }`,
  { id: sleeveId }, buyerToken);
  expect(answer.errors).toBeUndefined();
  return answer.data.need.responses;
}

/** The koperasi's own response to the sleeves, withdrawn or not, as its manager reads it. */
async function ownResponse() {
  const answer = await t.gql(`query($id: ID!) { need(id: $id) { responses(first: 10, includeWithdrawn: true) { nodes {
    id status version unitPriceIdr members { quantityPerMonth ikm { id } } } } } }`, { id: sleeveId }, koperasiToken);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.need.responses.nodes).toHaveLength(1);
  return answer.data.need.responses.nodes[0];
}

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface Proposed { share: number; freeCapacity: number; ikm: { legalName: string } }

/** Jalin's answer for a need as the koperasi's manager reads it through the API. */
async function consortiaOf(needId: string) {
  const answer = await t.gql(`query($n: ID!) { consortia(needId: $n) { eligibleSuppliers proposals { covered members { share freeCapacity ikm { legalName } } } reason { kind } } }`,
    { n: needId }, koperasiToken);
  expect(answer.errors).toBeUndefined();
  return answer.data.consortia as { eligibleSuppliers: number; proposals: { covered: number; members: Proposed[] }[]; reason: { kind: string } | null };
}

/** The sleeve's proposal, read once the test has a token. */
let proposed: Proposed[];



beforeAll(async () => {
  ({ t, browser, page: koperasi } = await startConsole(WAIT_MS));
  [koperasiToken, buyerToken] = [await token(KOPERASI_EMAIL), await token(BUYER_EMAIL)];
  const needs = await t.gql(`{ needs(first: 50) { nodes { id title } } }`, {}, koperasiToken); // every published need
  sleeveId = needs.data.needs.nodes.find((n: { title: string }) => n.title === SLEEVE).id;
  bracketId = needs.data.needs.nodes.find((n: { title: string }) => n.title === "Engine mounting bracket").id;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe("web console, koperasi", () => {
  it("signs in and sees its members and the cylinder sleeves with Jalin's proposal from its members, as the API answers it", async () => {
    const { page } = koperasi;
    const own = await t.gql(`{ viewer { koperasi { name memberCount } } }`, {}, koperasiToken);
    expect(own.data.viewer.koperasi).toEqual({ name: "Koperasi Batur Jaya", memberCount: 12 });

    await signIn(page, t.app.webUrl, KOPERASI_EMAIL);
    await page.getByRole("heading", { name: "Anggota dan kebutuhan · Koperasi Batur Jaya" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Menu koperasi" });
    expect(await nav.getByRole("link", { name: "Anggota dan kebutuhan" }).getAttribute("aria-current")).toBe("page");

    const rows = page.locator("table.koperasi-members tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(12);
    const batur = page.locator('tr[data-member="UD Cor Logam Batur"]');
    expect(await batur.locator("th").textContent()).toBe("UD Cor Logam BaturKabupaten Klaten");
    expect(await batur.locator("td.stage").textContent()).toBe("Mandiri");
    expect(await batur.locator("li").allTextContents()).toEqual(["Pengecoran: 40 pcs/bulan", "Permesinan manual (bubut, frais): 150 pcs/bulan"]);

    // What the API proposes the manager, from Batur Jaya's members only.
    const api = await consortiaOf(sleeveId);
    expect(api.proposals).toHaveLength(1);
    expect(api.proposals[0].covered).toBe(200);
    proposed = api.proposals[0].members;
    const memberNames = (await t.gql(`{ viewer { koperasi { members { legalName } } } }`, {}, koperasiToken)).data.viewer.koperasi.members.map((m: { legalName: string }) => m.legalName);
    expect(proposed.length).toBeGreaterThanOrEqual(2);
    for (const m of proposed) expect(memberNames).toContain(m.ikm.legalName);

    const sleeve = page.locator(`li.koperasi-need[data-need="${SLEEVE}"]`);
    await sleeve.getByText(`Menurut Jalin, ${api.eligibleSuppliers} anggota memenuhi syarat kebutuhan ini.`).waitFor();
    expect(await sleeve.locator("ul.split li").allTextContents()).toEqual(
      proposed.map((m) => `${m.ikm.legalName}: ${m.share} pcs/bulan (sisa kapasitas ${m.freeCapacity} pcs/bulan)`),
    );
    await sleeve.getByText("Bersama 200 dari 200 pcs/bulan").waitFor();
    // The console no longer works out a split of its own: it says whose the proposal is.
    await page.getByText(/^Jalin menyusun usulan konsorsium dari anggota koperasi sendiri/).waitFor();
    // The stamped bracket is no need of these foundries: no member is eligible, so it is only counted.
    expect((await consortiaOf(bracketId)).eligibleSuppliers).toBe(0);
    expect(await page.locator('li.koperasi-need[data-need="Engine mounting bracket"]').count()).toBe(0);
    // The open needs no member is eligible for, as the API counts them, are what the page counts.
    const open = (await t.gql(`{ needs(first: 100, filter: { statuses: [OPEN] }) { nodes { id } } }`, {}, koperasiToken)).data.needs.nodes as { id: string }[];
    const answers = await Promise.all(open.map((n) => consortiaOf(n.id)));
    const others = answers.filter((a) => a.eligibleSuppliers === 0).length;
    expect(others).toBeGreaterThan(0);
    await page.getByText(`${others} kebutuhan terbuka lain belum bisa dipenuhi anggota mana pun.`).waitFor();
    expect(await page.locator("li.koperasi-need").count()).toBe(open.length - others);
    await checkScreen(page, "k1-koperasi-home");
  }, TEST_MS);

  it("answers the sleeves as a consortium from Jalin's proposal; a negative price and a negative share are refused in words and write nothing; the buyer reads the shares", async () => {
    const { page } = koperasi;
    await page.getByRole("link", { name: `Tanggapi sebagai konsorsium: ${SLEEVE}` }).click();
    await page.getByRole("heading", { name: `Tanggapi sebagai konsorsium · ${SLEEVE}` }).waitFor();
    expect(decodeURIComponent(new URL(page.url()).pathname.split("/")[2])).toBe(sleeveId);
    const share = (name: string) => page.getByLabel(`Bagian ${name} (pcs/bulan)`, { exact: true });
    // The form starts from the API's proposal: its members' shares, every other member's empty.
    for (const m of proposed) expect(await share(m.ikm.legalName).inputValue(), m.ikm.legalName).toBe(String(m.share));
    const values = await page.locator("fieldset.shares input").evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
    expect(values.filter((v) => v !== "")).toHaveLength(proposed.length);
    expect(values.length).toBe(12); // one field per member
    await page.getByTestId("shares-total").getByText("Bersama 200 dari 200 pcs/bulan").waitFor();
    expect((await sleeveResponses()).totalCount).toBe(0);
    await checkScreen(page, "k2-koperasi-respond-form");

    const price = page.getByLabel("Harga satuan (Rupiah)");
    await price.fill("-47500");
    await page.getByLabel(/^Waktu tunggu/).fill("60");
    await page.getByRole("button", { name: "Kirim penawaran" }).click();
    await page.getByTestId("respond-error").getByText(/^Isian tidak valid\. Harga satuan \(Rupiah\): must be above 0/).waitFor();
    expect(await price.getAttribute("aria-invalid")).toBe("true");
    expect((await sleeveResponses()).totalCount).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await price.fill("47.500");
    await page.getByText("Terbaca: Rp47.500 per satuan").waitFor();
    const first = proposed[0].ikm.legalName;
    await share(first).fill("-10");
    await page.getByRole("button", { name: "Kirim penawaran" }).click();
    await page.getByTestId("respond-error").getByText(new RegExp(`^Isian tidak valid\\. Bagian ${first} \\(pcs\\/bulan\\): `)).waitFor();
    expect(await share(first).getAttribute("aria-invalid")).toBe("true");
    expect(await price.getAttribute("aria-invalid")).toBeNull();
    expect((await sleeveResponses()).totalCount).toBe(0);

    // Sent as Jalin proposed it.
    await share(first).fill(String(proposed[0].share));
    await page.getByTestId("shares-total").getByText("Bersama 200 dari 200 pcs/bulan").waitFor();
    await page.getByRole("button", { name: "Kirim penawaran" }).click();
    await page.getByTestId("respond-status").getByText(`Penawaran konsorsium terkirim ke pembeli: 200 per bulan dari ${proposed.length} anggota.`).waitFor();
    const card = page.locator(".koperasi-response");
    await card.getByText("Harga satuan Rp47.500").waitFor();
    const byShare = [...proposed].sort((a, b) => b.share - a.share || a.ikm.legalName.localeCompare(b.ikm.legalName));
    expect([...await card.locator("ul.split li").allTextContents()].sort()).toEqual(byShare.map((m) => `${m.ikm.legalName}: ${m.share} pcs/bulan`).sort());
    expect(await page.getByTestId("respond-error").count()).toBe(0);

    const seen = await sleeveResponses();
    expect(seen.totalCount).toBe(1);
    expect({ ...seen.nodes[0], members: undefined }).toEqual({
      kind: "QUOTATION", unitPriceIdr: 47500, quantityPerMonth: 200, leadTimeDays: 60, validUntil: day(30), version: 1,
      ikm: null, koperasi: { name: "Koperasi Batur Jaya" }, members: undefined,
    });
    const sentShares = (list: { quantityPerMonth: number; ikm: { legalName: string } }[]) => list.map((m) => `${m.ikm.legalName}:${m.quantityPerMonth}`).sort();
    expect(sentShares(seen.nodes[0].members)).toEqual(sentShares(proposed.map((m) => ({ quantityPerMonth: m.share, ikm: m.ikm }))));
    // The form now revises the live quotation.
    await page.getByRole("heading", { name: "Ubah penawaran konsorsium" }).waitFor();
    await checkScreen(page, "k3-koperasi-quotation-sent");
  }, TEST_MS);

  it("lists its responses with their status and shares, in Indonesian and English", async () => {
    const { page } = koperasi;
    const listed = await t.gql(`{ viewer { koperasi { responses(includeWithdrawn: true) { totalCount } } } }`, {}, koperasiToken);
    expect(listed.data.viewer.koperasi.responses.totalCount).toBe(1);
    await page.getByRole("navigation", { name: "Menu koperasi" }).getByRole("link", { name: "Tanggapan" }).click();
    await page.getByRole("heading", { name: "Tanggapan koperasi · Koperasi Batur Jaya" }).waitFor();
    const card = page.locator(".koperasi-response", { has: page.getByRole("heading", { name: new RegExp(`^${SLEEVE}`) }) });
    await card.locator(".response-status").getByText("Berlaku", { exact: true }).waitFor();
    expect(await page.locator(".koperasi-response").count()).toBe(1);
    expect(await card.locator("ul.split li").count()).toBe(proposed.length);
    await checkScreen(page, "k4-koperasi-responses");

    await page.getByLabel("Bahasa", { exact: true }).selectOption("en");
    await page.getByRole("heading", { name: "The koperasi's responses · Koperasi Batur Jaya" }).waitFor();
    await card.locator(".response-status").getByText("Standing", { exact: true }).waitFor();
    await card.getByText("Unit price Rp47,500").waitFor();
    await checkScreen(page, "k5-koperasi-responses-english");

    // Home now says the need is answered, and links to the response.
    await page.getByRole("navigation", { name: "Koperasi menu" }).getByRole("link", { name: "Members and needs" }).click();
    await page.getByRole("link", { name: `See the koperasi's response: ${SLEEVE}` }).waitFor();
  }, TEST_MS);

  it("withdraws the consortium response after a confirmation (a stale version and a withdrawal made meanwhile refused in words) and sends it again", async () => {
    const { page } = koperasi;
    await page.getByLabel("Language", { exact: true }).selectOption("id");
    await page.getByRole("link", { name: `Lihat tanggapan koperasi: ${SLEEVE}` }).click();
    await page.getByRole("heading", { name: `Tanggapi sebagai konsorsium · ${SLEEVE}` }).waitFor();
    const before = await ownResponse();
    expect(before).toMatchObject({ status: "ACTIVE", version: 1, unitPriceIdr: 47500 });
    // Revised meanwhile (through the API): the page still shows version 1.
    const members = before.members.map((m: { quantityPerMonth: number; ikm: { id: string } }) => ({ ikmId: m.ikm.id, quantityPerMonth: m.quantityPerMonth }));
    const revised = await t.gql(`mutation($id: ID!, $input: ResponseTermsInput!) { reviseResponse(id: $id, expectedVersion: 1, input: $input) { version } }`,
      { id: before.id, input: { kind: "QUOTATION", unitPriceIdr: 46500, leadTimeDays: 60, validUntil: day(30), members } }, koperasiToken);
    expect(revised.data?.reviseResponse.version, JSON.stringify(revised.errors)).toBe(2);

    await page.getByRole("button", { name: "Tarik tanggapan", exact: true }).click();
    const stale = page.getByRole("group", { name: "Yakin menarik tanggapan koperasi (versi 1)?" });
    await stale.getByRole("button", { name: "Ya, tarik tanggapan" }).waitFor();
    await checkScreen(page, "k6-koperasi-withdraw-confirm");
    await stale.getByRole("button", { name: "Ya, tarik tanggapan" }).click();
    await page.getByTestId("withdraw-error").getByText("Data ini diubah orang lain atau sudah ada. Muat ulang lalu coba lagi.").waitFor();
    expect(await ownResponse()).toMatchObject({ status: "ACTIVE", version: 2, unitPriceIdr: 46500 });
    expect((await sleeveResponses()).totalCount).toBe(1);

    // The page has read the response again: the confirmation now names version 2, and acts on it.
    const card = page.locator(".koperasi-response");
    await card.getByText("Harga satuan Rp46.500").waitFor();
    await page.getByRole("group", { name: "Yakin menarik tanggapan koperasi (versi 2)?" }).getByRole("button", { name: "Ya, tarik tanggapan" }).click();
    await page.getByTestId("respond-status").getByText(/^Tanggapan koperasi ditarik \(pukul .+\)\. Pembeli tidak lagi melihatnya\.$/).waitFor();
    await page.locator('.koperasi-response[data-status="WITHDRAWN"]').locator(".response-status").getByText("Ditarik", { exact: true }).waitFor();
    await card.getByText(/^Tanggapan ini sudah ditarik: pembeli tidak lagi melihatnya\./).waitFor();
    expect(await page.getByTestId("withdraw-error").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Tarik tanggapan", exact: true }).count()).toBe(0);
    expect(await ownResponse()).toMatchObject({ id: before.id, status: "WITHDRAWN" });
    expect((await sleeveResponses()).totalCount).toBe(0); // the buyer no longer counts it
    // The form sends it again, starting from the withdrawn terms.
    await page.getByRole("heading", { name: "Kirim lagi penawaran konsorsium" }).waitFor();
    expect(await page.getByLabel("Harga satuan (Rupiah)").inputValue()).toBe("46500");
    await page.getByTestId("shares-total").getByText("Bersama 200 dari 200 pcs/bulan").waitFor();
    await checkScreen(page, "k7-koperasi-response-withdrawn");

    // The list reads it as withdrawn.
    await page.getByRole("navigation", { name: "Menu koperasi" }).getByRole("link", { name: "Tanggapan" }).click();
    const listed = page.locator(".koperasi-response", { has: page.getByRole("heading", { name: new RegExp(`^${SLEEVE}`) }) });
    await listed.locator(".response-status").getByText("Ditarik", { exact: true }).waitFor();
    await page.getByText("1 tanggapan, termasuk yang ditarik.").waitFor();
    await expectSound(page);

    await listed.getByRole("link", { name: `Buka kebutuhan: ${SLEEVE}` }).click();
    await page.getByRole("button", { name: "Kirim lagi penawaran", exact: true }).click();
    await page.getByTestId("respond-status").getByText(`Penawaran konsorsium dikirim lagi ke pembeli: 200 per bulan dari ${proposed.length} anggota.`).waitFor();
    await page.locator('.koperasi-response[data-status="ACTIVE"]').waitFor();
    await page.getByRole("heading", { name: "Ubah penawaran konsorsium" }).waitFor();
    expect(await ownResponse()).toMatchObject({ id: before.id, status: "ACTIVE", unitPriceIdr: 46500 });
    expect((await sleeveResponses()).totalCount).toBe(1);

    // Withdrawn meanwhile (through the API): the page's withdrawal is refused in words, and the page shows it withdrawn.
    const gone = await t.gql(`mutation($id: ID!) { withdrawResponse(id: $id) { status } }`, { id: before.id }, koperasiToken);
    expect(gone.data?.withdrawResponse.status, JSON.stringify(gone.errors)).toBe("WITHDRAWN");
    await page.getByRole("button", { name: "Tarik tanggapan", exact: true }).click();
    await page.getByRole("button", { name: "Ya, tarik tanggapan" }).click();
    await page.getByTestId("withdraw-error").getByText("Perubahan status ini tidak diizinkan.").waitFor();
    await page.locator('.koperasi-response[data-status="WITHDRAWN"]').waitFor();
    await expectSound(page);

    await page.getByRole("button", { name: "Kirim lagi penawaran", exact: true }).click();
    await page.getByTestId("respond-status").getByText(/^Penawaran konsorsium dikirim lagi ke pembeli/).waitFor();
    await page.locator('.koperasi-response[data-status="ACTIVE"]').waitFor();
    expect(await ownResponse()).toMatchObject({ id: before.id, status: "ACTIVE" });
    expect((await sleeveResponses()).totalCount).toBe(1);
  }, TEST_MS);

  it("made no request to another host", () => {
    expect(koperasi.external).toEqual([]);
  });
});
