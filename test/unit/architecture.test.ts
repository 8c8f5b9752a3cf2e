/**
 * The import graph keeps the layout honest (README, "Layout"): the arrows .dependency-cruiser.cjs
 * forbids must not exist in src/. The second test proves each rule fires, on a small tree under
 * test/fixtures/arrows/ that draws every forbidden arrow once. The third keeps allow/deny decisions
 * in src/access/: no other file compares a viewer's role or ids.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const config = createRequire(import.meta.url)(path.join(ROOT, ".dependency-cruiser.cjs"));

async function violations(baseDir: string): Promise<{ rule: string; from: string; to: string }[]> {
  const result = await cruise(["src"], {
    ...config.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    tsConfig: { fileName: path.join(ROOT, "tsconfig.json") },
  });
  const output = result.output as ICruiseResult;
  expect(output.summary.totalCruised).toBeGreaterThan(0);
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe("import graph", () => {
  it("src/ has none of the forbidden arrows", async () => {
    const found = await violations(ROOT);
    expect(found, found.map((v) => `${v.rule}: ${v.from} -> ${v.to}`).join("\n")).toEqual([]);
  }, 120_000);

  it("every rule fires on a tree that breaks it", async () => {
    const found = await violations(path.join(ROOT, "test/fixtures/arrows"));
    const rules = new Set(found.map((v) => v.rule));
    expect([...rules].sort()).toEqual(
      ["access-imports-only-domain", "api-not-http", "core-imports-only-domain", "domain-is-pure", "features-not-http", "infra-serves-not-calls", "no-circular", "no-graphql-below-the-api", "only-infra-touches-the-orm", "server-not-web", "web-talks-graphql-only"].sort(),
    );
    expect(found).toContainEqual({ rule: "only-infra-touches-the-orm", from: "src/api/schema.ts", to: "src/generated/prisma/client.ts" });
    expect(found).not.toContainEqual(expect.objectContaining({ rule: "only-infra-touches-the-orm", from: "src/infra/db.ts" }));
  }, 120_000);

  it("only src/access/ compares who is asking (role, own firm, own IKM, own foundation, self)", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === "generated" || e.name === "access" ? [] : files(path.join(dir, e.name))) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []);
    const decision = /\b(?:viewer|user)\.(?:role|firmId|ikmId|foundationId|userId)\s*[!=]==|[!=]==\s*(?:ctx\.)?(?:viewer|user)\.(?:role|firmId|ikmId|foundationId|userId)\b|\brole\s*[!=]==\s*"/;
    const found = files(path.join(ROOT, "src")).flatMap((file) =>
      readFileSync(file, "utf8").split("\n").flatMap((line, i) => (decision.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])));
    expect(found).toEqual([]);
    expect(decision.test('if (viewer.role === "ADMIN") return;')).toBe(true);
    expect(decision.test("return need.firmId === user.firmId;")).toBe(true);
  });
});
