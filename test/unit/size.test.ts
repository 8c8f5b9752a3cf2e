/**
 * Rooms stay small enough to read (README, "Layout"): no source file (.ts or .tsx) over 500 lines, no function
 * over 80 lines unless a comment right above it starts with "Kept whole:" and says why (e.g. a hot
 * loop that a split would slow down).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    // The console's components (src/web/**/*.tsx) too; graphql-env.d.ts is written by gql.tada, not by hand.
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const FILES = sourceFiles(path.join(ROOT, "src")).map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, "utf8") }));

/** Functions longer than the limit in `text` that carry no "Kept whole:" reason. */
export function longFunctions(file: string, text: string, max = MAX_FUNCTION_LINES): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const lines = lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
      if (lines > max) {
        // The reason may sit above the function itself or above the statement that holds it.
        let holder: ts.Node = node;
        while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isClassLike(holder.parent) && !ts.isBlock(holder.parent)) holder = holder.parent;
        const comments = [node, holder].flatMap((n) => ts.getLeadingCommentRanges(text, n.getFullStart()) ?? []);
        const reasoned = comments.some((c) => /Kept whole:/.test(text.slice(c.pos, c.end)));
        if (!reasoned) {
          const declared = ts.isVariableDeclaration(node.parent) ? node.parent.name : undefined;
          const name = ((node as ts.FunctionLikeDeclaration).name ?? declared)?.getText(source) ?? "(anonymous)";
          found.push(`${file}:${lineOf(node.getStart(source)) + 1} ${name}: ${lines} lines`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("size", () => {
  it(`no source file in src/ is over ${MAX_FILE_LINES} lines`, () => {
    expect(FILES.length).toBeGreaterThan(50);
    const long = FILES.map(({ file, text }) => ({ file, lines: text.split("\n").length })).filter((f) => f.lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`no function in src/ is over ${MAX_FUNCTION_LINES} lines without a "Kept whole:" reason above it`, () => {
    expect(FILES.flatMap(({ file, text }) => longFunctions(file, text))).toEqual([]);
  });

  it("the function check sees a long function and accepts its written reason", () => {
    const body = Array.from({ length: 90 }, (_, i) => `  const v${i} = ${i};`).join("\n");
    expect(longFunctions("x.ts", `function big() {\n${body}\n}\n`)).toEqual(["x.ts:1 big: 92 lines"]);
    expect(longFunctions("x.ts", `class A {\n  method() {\n${body}\n  }\n}\n`)).toEqual(["x.ts:2 method: 92 lines"]);
    expect(longFunctions("x.ts", `export const f = async () => {\n${body}\n};\n`)).toEqual(["x.ts:1 f: 92 lines"]);
    expect(longFunctions("x.ts", `// Kept whole: the hot loop.\nfunction big() {\n${body}\n}\n`)).toEqual([]);
    expect(longFunctions("x.ts", `function small() {\n  return 1;\n}\n`)).toEqual([]);
  });
});
