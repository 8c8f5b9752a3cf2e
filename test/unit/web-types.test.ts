/**
 * The console's GraphQL operations are typed from schema.graphql (gql.tada): `npm run typecheck`
 * writes src/web/graphql-env.d.ts from the schema, checks every operation against the schema
 * (`gql-tada check`), then compiles src/web with the result types. Proven here on two operations in
 * a scratch folder, checked with the console's settings: one the schema has passes, one asking for
 * a field the schema does not have fails, naming it; and code reading a field its operation did not
 * ask for fails the compiler.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
const gqlTada = path.join(ROOT, "node_modules/gql.tada/bin/cli.js");
// Inside the checkout (dist/ is git-ignored) so the scratch files resolve the console's packages.
mkdirSync(path.join(ROOT, "dist"), { recursive: true });
const scratch = mkdtempSync(path.join(ROOT, "dist", "web-types-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const graphqlModule = path.relative(scratch, path.join(ROOT, "src/web/graphql.ts")).split(path.sep).join("/");

function write(name: string, text: string): void {
  writeFileSync(path.join(scratch, name), text);
}

describe("typed operations", () => {
  it("fail the typecheck when an operation asks for what the schema does not have", async () => {
    await run(process.execPath, [gqlTada, "generate", "output", "--tsconfig", path.join(ROOT, "src/web/tsconfig.json")], { cwd: ROOT });
    write("good.ts", `import { graphql, type ResultOf } from "${graphqlModule}";
export const Good = graphql(\`query Good { needs(first: 1) { nodes { title status } } }\`);
export const title: string | undefined = ({} as ResultOf<typeof Good>).needs.nodes[0]?.title;
`);
    write("bad.ts", `import { graphql } from "${graphqlModule}";
export const Bad = graphql(\`query Bad { needs(first: 1) { nodes { title tonnageThatIsNotThere } } }\`);
`);
    write("misread.ts", `import { graphql, type ResultOf } from "${graphqlModule}";
export const Asked = graphql(\`query Asked { needs(first: 1) { nodes { title } } }\`);
export const status: string | undefined = ({} as ResultOf<typeof Asked>).needs.nodes[0]?.status;
`);
    const plugin = { name: "gql.tada/ts-plugin", schema: path.join(ROOT, "schema.graphql"), tadaOutputLocation: path.join(ROOT, "src/web/graphql-env.d.ts") };
    write("tsconfig.json", JSON.stringify({
      extends: path.join(ROOT, "src/web/tsconfig.json"),
      compilerOptions: { types: [], noUnusedLocals: false, plugins: [plugin] },
      include: [], files: ["good.ts", "bad.ts", "misread.ts"],
    }));
    const failed = (error: { code: number; stdout: string; stderr: string }) => ({ ...error, output: `${error.stdout}${error.stderr}` });
    const check = await run(process.execPath, [gqlTada, "check", "--tsconfig", path.join(scratch, "tsconfig.json")], { cwd: ROOT })
      .then(({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }), failed);
    expect(check.code, check.output).not.toBe(0);
    expect(check.output).toMatch(/bad\.ts[\s\S]*Cannot query field "tonnageThatIsNotThere" on type "ComponentNeed"/);
    expect(check.output).not.toMatch(/good\.ts|misread\.ts/);

    const compile = await run(process.execPath, [tsc, "-p", path.join(scratch, "tsconfig.json"), "--pretty", "false"], { cwd: ROOT })
      .then(() => ({ code: 0, output: "" }), failed);
    expect(compile.code).not.toBe(0);
    const errors = compile.output.split("\n").filter((line) => line.includes("error TS"));
    expect(errors.length, compile.output).toBeGreaterThan(0);
    expect(errors.every((line) => line.startsWith("misread.ts") || line.includes("/misread.ts")), compile.output).toBe(true);
    expect(compile.output).toMatch(/Property 'status' does not exist/);
  }, 240_000);
});
