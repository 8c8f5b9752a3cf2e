/**
 * The administrator's area of the web console in Debian's Chromium against a real server on the demo
 * data, as admin@jalin.demo: it reads "bubud" (unknown, "bubut" nearest), teaches it as bubut's
 * synonym from the suggestion (without a source first: refused in words naming the field, nothing
 * written), after which processTerms resolves it for a buyer; a word that already means something
 * else is refused in words. It registers a sentra and a koperasi (a bad region code and a short
 * registration number each refused first, naming the field by its label) and reads them back
 * through the API. The other four roles never see the admin area, nor download its code. Every admin
 * screen passes axe-core, fits a phone and is saved as a screenshot (a1-…a5-); the test waits on the
 * page, never a sleep; no request leaves the machine.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_DIST } from "../../scripts/web-build.js";
import type { TestApp } from "../helpers/harness.js";
import { type OfflinePage, offlinePage } from "./browser.js";
import { checkScreen, demoToken, signIn, startConsole } from "./screens.js";

/** Failure guards only (2 shared, slow cores): every wait returns as soon as its condition holds. */
const WAIT_MS = 60_000;
const TEST_MS = 3 * WAIT_MS;
const ADMIN_EMAIL = "admin@jalin.demo";
const OTHERS = ["sourcing@presisi-komponen.demo", "pemilik@cor-batur.demo", "pendamping@ydba-soloraya.demo", "pengurus@batur-jaya.demo"];

let t: TestApp;
let browser: Browser;
let admin: OfflinePage;
let adminToken: string;
let buyerToken: string;
/** Scripts the admin's page loaded (/assets/*.js). */
const adminScripts = new Set<string>();

async function gql(query: string, token: string, variables: Record<string, unknown> = {}) {
  const answer = await t.gql(query, variables, token);
  expect(answer.errors).toBeUndefined();
  return answer.data;
}

/** The console's scripts named in index.html: what every role loads up front. */
function upFrontScripts(): Set<string> {
  const html = readFileSync(path.join(WEB_DIST, "index.html"), "utf8");
  return new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => `/${m[1]}`));
}

function recordScripts(page: Page, into: Set<string>): void {
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/assets\/.*\.js$/.test(pathname)) into.add(pathname);
  });
}

/** Signs in and waits for the signed-in header. */
async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, t.app.webUrl, email);
  await page.getByRole("button", { name: "Keluar" }).waitFor();
}

beforeAll(async () => {
  ({ t, browser, page: admin } = await startConsole(WAIT_MS));
  [adminToken, buyerToken] = [await demoToken(t, ADMIN_EMAIL), await demoToken(t, OTHERS[0])];
  recordScripts(admin.page, adminScripts);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe("web console, administrator", () => {
  it("signs in to the admin area: vocabulary, sentra and koperasi, with GraphiQL linked", async () => {
    const { page } = admin;
    await signInAs(page, ADMIN_EMAIL);
    await page.getByRole("heading", { name: "Kosakata bengkel" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Menu administrator" });
    expect(await nav.getByRole("link", { name: "Kosakata" }).getAttribute("aria-current")).toBe("page");
    expect(await nav.getByRole("link", { name: "Sentra" }).getAttribute("href")).toBe("/sentra");
    expect(await nav.getByRole("link", { name: "Koperasi" }).getAttribute("href")).toBe("/koperasi");
    expect(await nav.getByRole("link", { name: "GraphiQL (untuk pengembang)" }).getAttribute("href")).toBe("/graphql");
    await page.getByText("Belum ada kata yang ditambahkan.").waitFor();
    // The admin area's code came after sign-in, not with the page.
    const upFront = upFrontScripts();
    expect([...adminScripts].filter((s) => !upFront.has(s)).length).toBeGreaterThan(0);
  }, TEST_MS);

  it("teaches that bubud means bubut: refused without a source, then processTerms resolves it", async () => {
    const { page } = admin;
    const before = await gql(`{ processTerms(terms: ["bubud"]) { process suggestions { word } } }`, buyerToken);
    expect(before.processTerms[0].process).toBeNull();
    expect(before.processTerms[0].suggestions[0].word).toBe("bubut");

    await page.getByLabel("Kata atau frasa").fill("bubud");
    await page.getByRole("button", { name: "Periksa", exact: true }).click();
    const reading = page.getByTestId("word-reading");
    await reading.getByText("Jalin belum mengenal “bubud”.").waitFor();
    await reading.getByText(/^“bubut”: Permesinan manual \(bubut, frais\) \(kemiripan \d+%\)/).waitFor();
    await checkScreen(page, "a1-admin-vocabulary-unknown-word");

    await page.getByRole("button", { name: "Ajarkan: “bubud” berarti sama dengan “bubut”" }).click();
    const source = page.getByLabel(/^Sumber \(wajib\)/);
    await expect.poll(() => source.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByLabel(/^Kata \(wajib\)/).inputValue()).toBe("bubud");
    expect(await page.getByLabel("keluarga proses", { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel(/^Keluarga proses \(wajib\)/).inputValue()).toBe("MACHINING_MANUAL");

    await page.getByRole("button", { name: "Tambahkan kata" }).click();
    await page.getByTestId("add-word-error").getByText(/^Isian tidak valid\. Sumber: /).waitFor();
    expect(await source.getAttribute("aria-invalid")).toBe("true");
    expect((await gql(`{ vocabulary { totalCount } }`, adminToken)).vocabulary.totalCount).toBe(0);

    await source.fill("dipakai di bengkel bubut Ceper, 2026");
    await page.getByRole("button", { name: "Tambahkan kata" }).click();
    await page.getByTestId("add-word-status")
      .getByText("“bubud” ditambahkan ke kosakata: Permesinan manual (bubut, frais). Berlaku segera di semua server.").waitFor();
    await reading.getByText("“bubud” dibaca sebagai: Permesinan manual (bubut, frais).").waitFor();
    const added = page.locator('li[data-word="bubud"]');
    await added.getByText("Sumber: dipakai di bengkel bubut Ceper, 2026").waitFor();
    await added.getByText(/^Ditambahkan oleh Admin Jalin, /).waitFor();

    const after = await gql(`{ processTerms(terms: ["bubud"]) { process specificProcess } }`, buyerToken);
    expect(after.processTerms[0]).toEqual({ process: "MACHINING_MANUAL", specificProcess: null });
    const words = await gql(`{ vocabulary { totalCount nodes { word process materialFamily source addedByName } } }`, adminToken);
    expect(words.vocabulary).toEqual({ totalCount: 1, nodes: [
      { word: "bubud", process: "MACHINING_MANUAL", materialFamily: null, source: "dipakai di bengkel bubut Ceper, 2026", addedByName: "Admin Jalin" },
    ] });
    await checkScreen(page, "a2-admin-word-added");
  }, TEST_MS);

  it("refuses a word that already means something else, in words naming the field", async () => {
    const { page } = admin;
    await page.getByLabel(/^Kata \(wajib\)/).fill("sepuh");
    await page.getByLabel(/^Keluarga proses \(wajib\)/).selectOption("PLATING_PAINTING");
    await page.getByRole("button", { name: "Tambahkan kata" }).click();
    await page.getByTestId("add-word-error").getByText(/^Data ini diubah orang lain atau sudah ada\. .*Kata: .*HEAT_TREATMENT/).waitFor();
    expect(await page.getByLabel(/^Kata \(wajib\)/).getAttribute("aria-invalid")).toBe("true");
    expect((await gql(`{ vocabulary { totalCount } }`, adminToken)).vocabulary.totalCount).toBe(1);
  }, TEST_MS);

  it("registers a sentra: a bad region code is refused naming the field; the API lists it", async () => {
    const { page } = admin;
    await page.getByRole("navigation", { name: "Menu administrator" }).getByRole("link", { name: "Sentra" }).click();
    await page.getByRole("heading", { name: "Sentra IKM" }).waitFor();
    const listed = await gql(`{ sentras(first: 100) { totalCount nodes { name } } }`, adminToken);
    const items = page.getByTestId("sentra-list").locator(":scope > li");
    await items.first().waitFor();
    expect(await items.evaluateAll((li) => li.map((l) => l.getAttribute("data-name")))).toEqual(listed.sentras.nodes.map((s: { name: string }) => s.name));
    await page.locator('li[data-name="Sentra Pengecoran Logam Ceper"]').getByText("Pengecoran · Komponen besi cor · bahan baku Besi cor (scrap, pig iron)").waitFor();

    const name = "Sentra Kerajinan Kuningan Juwana";
    await page.getByLabel(/^Nama sentra/).fill(name);
    const region = page.getByLabel(/^Kode wilayah/);
    await region.fill("99");
    await page.getByLabel(/^Proses bersama/).selectOption("METAL_PRODUCTS");
    await page.getByLabel(/^Produk/).fill("Kerajinan dan komponen kuningan");
    await page.getByLabel(/^Bahan baku/).fill("Kuningan");
    await page.getByRole("button", { name: "Daftarkan sentra" }).click();
    await page.getByTestId("sentra-error").getByText(/^Isian tidak valid\. Kode wilayah: "99" is not one of the 38 province codes/).waitFor();
    expect(await region.getAttribute("aria-invalid")).toBe("true");
    expect((await gql(`{ sentras { totalCount } }`, adminToken)).sentras.totalCount).toBe(listed.sentras.totalCount);

    await region.fill("33.18");
    await page.getByRole("button", { name: "Daftarkan sentra" }).click();
    await page.getByTestId("sentra-status").getByText(`Sentra “${name}” terdaftar di Kabupaten Pati.`).waitFor();
    const card = page.locator(`li[data-name="${name}"]`);
    await card.getByText("Belum 5 IKM").waitFor();
    const sentras = await gql(`{ sentras(first: 100) { totalCount nodes { name regionCode process product rawMaterial memberCount qualifies } } }`, adminToken);
    expect(sentras.sentras.totalCount).toBe(listed.sentras.totalCount + 1);
    expect(sentras.sentras.nodes.find((s: { name: string }) => s.name === name)).toEqual({
      name, regionCode: "33.18", process: "METAL_PRODUCTS", product: "Kerajinan dan komponen kuningan", rawMaterial: "Kuningan", memberCount: 0, qualifies: false,
    });
    await checkScreen(page, "a3-admin-sentra");
  }, TEST_MS);

  it("registers a koperasi: a short registration number is refused naming the field; the API lists it", async () => {
    const { page } = admin;
    await page.getByRole("navigation", { name: "Menu administrator" }).getByRole("link", { name: "Koperasi" }).click();
    await page.getByRole("heading", { name: "Koperasi", exact: true }).waitFor();
    await page.locator('li[data-name="Koperasi Batur Jaya"]').getByText("Penerima pesanan").waitFor();

    const name = "Koperasi Logam Tegal Makmur";
    await page.getByLabel(/^Nama koperasi/).fill(name);
    await page.getByLabel(/^Kode wilayah/).fill("33.28");
    const registration = page.getByLabel(/^Nomor badan hukum/);
    await registration.fill("AB");
    await page.getByLabel("Menerima pesanan perusahaan besar dan membaginya ke anggota").check();
    await page.getByRole("button", { name: "Daftarkan koperasi" }).click();
    await page.getByTestId("koperasi-error").getByText(/^Isian tidak valid\. Nomor badan hukum: /).waitFor();
    expect(await registration.getAttribute("aria-invalid")).toBe("true");
    const none = await gql(`{ koperasis(first: 100) { nodes { name } } }`, adminToken);
    expect(none.koperasis.nodes.map((k: { name: string }) => k.name)).not.toContain(name);

    await registration.fill("AHU-0001234.AH.01.26.2026");
    await page.getByRole("button", { name: "Daftarkan koperasi" }).click();
    await page.getByTestId("koperasi-status").getByText(`Koperasi “${name}” terdaftar di Kabupaten Tegal.`).waitFor();
    await page.locator(`li[data-name="${name}"]`).getByText("Nomor badan hukum AHU-0001234.AH.01.26.2026").waitFor();
    const koperasis = await gql(`{ koperasis(first: 100) { nodes { name regionCode registrationNumber offtaker sharedFacility memberCount } } }`, adminToken);
    expect(koperasis.koperasis.nodes.find((k: { name: string }) => k.name === name)).toEqual({
      name, regionCode: "33.28", registrationNumber: "AHU-0001234.AH.01.26.2026", offtaker: true, sharedFacility: false, memberCount: 0,
    });
    await checkScreen(page, "a4-admin-koperasi");
  }, TEST_MS);

  it("reads the vocabulary in English", async () => {
    const { page } = admin;
    await page.getByLabel("Bahasa", { exact: true }).selectOption("en");
    await page.getByRole("navigation", { name: "Administrator menu" }).getByRole("link", { name: "Vocabulary" }).click();
    await page.getByRole("heading", { name: "Shop vocabulary" }).waitFor();
    await page.locator('li[data-word="bubud"]').getByRole("heading", { name: "bubud: Manual machining" }).waitFor();
    await checkScreen(page, "a5-admin-vocabulary-english");
    await page.getByLabel("Language", { exact: true }).selectOption("id");
  }, TEST_MS);

  it("the other roles never see the admin area, nor load its code", async () => {
    const upFront = upFrontScripts();
    for (const email of OTHERS) {
      const other = await offlinePage(browser);
      const scripts = new Set<string>();
      recordScripts(other.page, scripts);
      await signInAs(other.page, email);
      for (const where of ["/sentra", "/koperasi", "/vocabulary"]) {
        await other.page.goto(new URL(where, t.app.webUrl).toString());
        await other.page.getByText("Halaman tidak ditemukan.").waitFor();
      }
      await other.page.goto(t.app.webUrl);
      await other.page.getByRole("button", { name: "Keluar" }).waitFor();
      expect(await other.page.getByRole("navigation", { name: "Menu administrator" }).count(), email).toBe(0);
      expect([...scripts].filter((s) => !upFront.has(s)), email).toEqual([]);
      expect(other.external).toEqual([]);
      await other.context.close();
    }
  }, 2 * TEST_MS);

  it("made no request to another host", () => {
    expect(admin.external).toEqual([]);
  });
});
