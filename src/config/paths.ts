/**
 * The project's folder (the one holding package.json), found from this file wherever it runs: from
 * src/ (tsx, vitest) or bundled into dist/server/ (`npm start`, scripts/server-build.ts). Files the
 * server reads at run time (migrations, the console's build) are named from here, never relative to
 * the module that reads them, which moves when it is bundled.
 */
import { existsSync } from "node:fs";
import path from "node:path";

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}: run Jalin from its project folder`);
  }
}

export const PROJECT_ROOT = projectRoot(import.meta.dirname);
