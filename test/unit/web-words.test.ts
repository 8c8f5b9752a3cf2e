/**
 * The console's words: Bahasa Indonesia and English have the same keys, and each error code the API
 * can send (src/domain/errors.ts, the one list) has words in both, so no reader sees a bare code.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CertificationType, Process } from "../../src/domain/enums.js";
import { ErrorCode } from "../../src/domain/errors.js";
import en from "../../src/web/locales/en.json" with { type: "json" };
import id from "../../src/web/locales/id.json" with { type: "json" };

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
    expect(areas).toEqual(expect.arrayContaining(["admin.json", "buyer.json", "foundation.json", "koperasi.json", "supplier.json"]));
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
});
