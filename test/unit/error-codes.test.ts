import { readFileSync, readdirSync, statSync } from "node:fs";
import * as dns from "node:dns";
import { constants } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainErrorCode, ErrorCode } from "../../src/domain/errors.js";

/**
 * One list of error codes: every `extensions.code` Jalin can send is a value of ErrorCode
 * (src/domain/errors.ts), and code refers to it instead of writing the text again.
 */
const root = path.resolve(import.meta.dirname, "../..");
const CODES = new Set<string>(Object.values(ErrorCode));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated") return [];
    return statSync(full).isDirectory() ? sources(full) : full.endsWith(".ts") ? [full] : [];
  });
}

/** Node's system and DNS error codes (EADDRINUSE, ENOTFOUND, ...): src compares them with `error.code`; they are no API codes. */
const SYSTEM = new Set([...Object.keys(constants.errno), ...Object.values(dns as Record<string, unknown>).filter((v): v is string => typeof v === "string")]);

/** Error codes written as text: `code: "X"`, `code === "X"`, `code !== "X"` (X in capitals, as the API's codes are). */
function codeLiterals(text: string): string[] {
  return [...text.matchAll(/\bcode\??\s*(?::|===|!==)\s*["'`]([A-Z][A-Z_]*)["'`]/g)].map((m) => m[1]!).filter((code) => !SYSTEM.has(code));
}

describe("error codes", () => {
  it("finds a code written as text (the check below can fail)", () => {
    expect(codeLiterals(`x = { extensions: { code: "RATE_LIMITED" } }; if (e.code === 'NOT_FOUND') y(); z({ code: "custom" }); w.code === "P2002"; e.code === "EADDRINUSE"`))
      .toEqual(["RATE_LIMITED", "NOT_FOUND"]);
  });

  it("no source file outside src/domain/errors.ts writes a code as text: it refers to ErrorCode", () => {
    const files = sources(path.join(root, "src")).filter((f) => f !== path.join(root, "src/domain/errors.ts"));
    expect(files.length).toBeGreaterThan(50);
    const written = files.flatMap((f) => codeLiterals(readFileSync(f, "utf8")).map((code) => `${path.relative(root, f)}: ${code}`));
    expect(written).toEqual([]);
  });

  it("each name of ErrorCode is its value, and the domain's codes are among them", () => {
    for (const [name, value] of Object.entries(ErrorCode)) expect(value).toBe(name);
    for (const code of Object.values(DomainErrorCode)) expect(CODES.has(code), code).toBe(true);
  });

  it("every code README's Errors section names is in ErrorCode", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const start = readme.indexOf("\n## Errors\n");
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
    const named = new Set([...section.matchAll(/`([A-Z][A-Z_]{3,})`/g)].map((m) => m[1]!));
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((code) => !CODES.has(code))).toEqual([]);
  });
});
