import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe("the project stands alone", () => {
  // Notes kept beside the repository while it was built are not shipped with it: nothing a user
  // reads (code, README, API answers from config) may point at them.
  const outside = [["..", "shared"].join("/"), ...["DOMAIN", "BENCH", "TOOLCHAIN", "STYLE"].map((n) => `${n}.md`)];

  it("no source, script, seed, test or README points at files outside the repository", () => {
    const checked = [...files(path.join(root, "src")), ...files(path.join(root, "scripts")), ...files(path.join(root, "prisma")),
      ...files(path.join(root, "test")), path.join(root, "README.md")];
    expect(checked.length).toBeGreaterThan(100);
    const offenders = checked.filter((file) => outside.some((needle) => readFileSync(file, "utf8").includes(needle)));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it("README has the Sources section the code's comments point to", () => {
    expect(readFileSync(path.join(root, "README.md"), "utf8")).toMatch(/^## Sources$/m);
  });
});

describe("Node version", () => {
  // npm warns on install when a dependency wants a newer Node than the project says it runs on.
  it("engines.node is within what every locked dependency accepts", () => {
    const wanted = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const narrower = Object.entries(lock.packages)
      .map(([name, meta]) => [name, !Array.isArray(meta.engines) ? meta.engines?.node : undefined] as const)
      .filter(([, range]) => range && !semver.subset(wanted, range));
    expect(Object.keys(lock.packages).length).toBeGreaterThan(100);
    expect(narrower).toEqual([]);
    expect(semver.satisfies(process.version, wanted)).toBe(true);
  });
});

describe("the server's Node flags", () => {
  it("npm start runs the bundle with the same flags as the benchmarks' servers (SERVER_NODE_FLAGS)", async () => {
    const { SERVER_NODE_FLAGS } = await import("../../scripts/server-build.js");
    const start = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
    const node = /exec node (.*?)\s*dist\/server\/main\.js/.exec(start);
    expect(node, "the start script execs node on dist/server/main.js").not.toBeNull();
    expect(node![1].split(/\s+/).filter(Boolean)).toEqual([...SERVER_NODE_FLAGS]);
  });
});
