/**
 * The console's words: Bahasa Indonesia and English have the same keys, and each error code the API
 * can send (src/domain/errors.ts, the one list) has words in both, so no reader sees a bare code.
 */
import { readFileSync, readdirSync } from "node:fs";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { CertificationType, Process } from "../../src/domain/enums.js";
import { ErrorCode } from "../../src/domain/errors.js";
import en from "../../src/web/locales/en.json" with { type: "json" };
import id from "../../src/web/locales/id.json" with { type: "json" };
import enMatch from "../../src/web/locales/en/match.json" with { type: "json" };
import idMatch from "../../src/web/locales/id/match.json" with { type: "json" };
import { type Format, gapSentence, requirementSentence } from "../../src/web/components/matchWords.js";

/** An enum's values as schema.graphql lists them (GapKind and RequirementKind are types only in src/core). */
function schemaEnum(name: string): string[] {
  const schema = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1] ?? "";
  return body.replace(/"""[\s\S]*?"""/g, "").split(/\s+/).filter(Boolean).sort();
}

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("console words", () => {
  it("Bahasa Indonesia and English have the same keys, in every area's file (a new area's file too)", () => {
    expect(keys(en)).toEqual(keys(id));
    const dir = (lang: string) => new URL(`../../src/web/locales/${lang}/`, import.meta.url);
    const areas = readdirSync(dir("en")).sort();
    expect(readdirSync(dir("id")).sort()).toEqual(areas);
    expect(areas).toEqual(expect.arrayContaining(["admin.json", "buyer.json", "foundation.json", "koperasi.json", "match.json", "supplier.json"]));
    const read = (lang: string, file: string) => JSON.parse(readFileSync(new URL(file, dir(lang)), "utf8"));
    for (const file of areas) expect(keys(read("en", file)), file).toEqual(keys(read("id", file)));
  });

  it("every API error code has words in both languages, besides the console's own network and unknown", () => {
    const codes = Object.values(ErrorCode).sort();
    for (const words of [id.errors, en.errors]) {
      expect(Object.keys(words).filter((k) => k !== "network" && k !== "unknown").sort()).toEqual(codes);
    }
  });

  it("every process family and certificate type has a name in both languages", () => {
    for (const words of [id, en]) {
      expect(Object.keys(words.processes).sort()).toEqual(Object.values(Process).sort());
      expect(Object.keys(words.certifications).sort()).toEqual(Object.values(CertificationType).sort());
    }
  });

  it("every gap kind and requirement kind of the schema has a sentence in both languages, met and not", () => {
    const gapKinds = schemaEnum("GapKind");
    const requirementKinds = schemaEnum("RequirementKind");
    expect(gapKinds).toContain("UNCONFIRMED_PROCESS");
    expect(requirementKinds).toContain("TOLERANCE");
    // Besides one sentence per kind: capacity without a parsable subject, a lapsing certificate, a critical tolerance.
    const variants = ["CAPACITY_plain", "CERTIFICATION_lapses", "TOLERANCE_hard"];
    const checks = [...requirementKinds.flatMap((k) => [`${k}_met`, `${k}_unmet`]), "PROCESS_unconfirmed"].sort();
    for (const words of [idMatch, enMatch]) {
      expect(Object.keys(words.gap).filter((k) => !variants.includes(k)).sort()).toEqual(gapKinds);
      expect(Object.keys(words.gap)).toEqual(expect.arrayContaining(variants));
      expect(Object.keys(words.requirement).sort()).toEqual(checks);
    }
  });

  it("says each gap and requirement check in a whole sentence in both languages, names and numbers in that language", async () => {
    const words = i18next.createInstance();
    await words.init({ resources: { id: { translation: { ...id, match: idMatch } }, en: { translation: { ...en, match: enMatch } } }, lng: "id", interpolation: { escapeValue: false } });
    const say = (language: "id" | "en") => {
      const t = words.getFixedT(language);
      // As format.ts does (not imported: its React hook would bring React's global types into the server's check).
      const locale = language === "en" ? "en-GB" : "id-ID";
      const f: Format = {
        number: (value, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
        date: (value) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`)),
      };
      const subject = { CAPACITY: "150 PCS/month", CERTIFICATION: "ISO_9001", MATERIAL: "kuningan", RADIUS: "50 km", REJECT_RATE: "500 ppm", STAGE: "MADYA", TOLERANCE: "0.05 mm" } as Record<string, string>;
      const of = (kind: string) => subject[kind] ?? "CASTING";
      const gap = (kind: string, more = {}) => gapSentence({ kind, hard: true, subject: of(kind), message: "API", shortfall: 110, ...more }, t, f, t("processes.CASTING"));
      const check = (kind: string, met: boolean, unconfirmed = false) => requirementSentence({ kind, met, unconfirmed, subject: of(kind), message: "API" }, t, f, t("processes.CASTING"));
      const all = [
        ...schemaEnum("GapKind").flatMap((kind) => [gap(kind), gap(kind, { hard: false, renewBy: "2027-06-30" })]),
        ...schemaEnum("RequirementKind").flatMap((kind) => [check(kind, true), check(kind, false)]),
        check("PROCESS", false, true),
      ];
      for (const sentence of all) expect(sentence).toMatch(/^[A-Z][^{}]+[a-z0-9)]$/);
      return { gap, check };
    };
    const inId = say("id");
    expect(inId.gap("CERTIFICATION")).toBe("Belum memiliki sertifikat ISO 9001 yang berlaku saat pasokan dimulai");
    expect(inId.gap("CAPACITY", { hard: false })).toBe("Kapasitas per bulan kurang 110 pcs dari 150 pcs yang diminta");
    expect(inId.gap("TOLERANCE")).toBe("Belum mampu mencapai toleransi kritis ±0,05 mm");
    expect(inId.check("STAGE", false)).toBe("Tahapnya masih di bawah tahap minimum Madya");
    expect(inId.check("PROCESS", true)).toBe(`Mengerjakan proses ${id.processes.CASTING}`);
    const inEn = say("en");
    expect(inEn.gap("CERTIFICATION", { hard: false, renewBy: "2027-06-30" })).toBe("The ISO 9001 certificate is valid only until 30 June 2027, before the need ends: renew it before then");
    expect(inEn.gap("CAPACITY", { hard: false, shortfall: 1250 })).toBe("Makes 1,250 pcs a month less than the 150 pcs asked for");
    expect(inEn.check("RADIUS", false)).toBe("Lies outside the need's 50 km radius, or its location is unknown");
  });
});
