/**
 * The match index's columns on disk (see snapshot.ts for when they are written and trusted).
 * Layout: MAGIC (8 bytes) | header length (u32 LE) | header crc32 (u32 LE) | header JSON | padding to
 * 8 | every typed array's bytes, each padded to 8. The header names each array (type, length), the
 * dictionaries, what the columns reflect (database, reference month, PostgreSQL snapshot) and the
 * body's crc32. Arrays are read straight into SharedArrayBuffers: no per-row objects.
 * `dead` and `deadCount` are not stored: a file's rows reflect its PostgreSQL snapshot exactly, so
 * they restore as all live (a row marked dead after that snapshot is caught up again).
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import type { Columns } from "../../core/matching/index/columns.js";
import { PROJECT_ROOT } from "../../config/paths.js";

const MAGIC = Buffer.from("JALINIX1");
/** Bump when the meaning of a column changes in a way the code hash below cannot see. */
const FORMAT_VERSION = 1;
const ALIGN = 8;
/** Bytes hashed and written per step, so a background write never holds the event loop long. */
const CHUNK = 8 << 20;

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
const CTORS = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float64Array } as unknown as Record<string, { new (b: SharedArrayBuffer, o: number, l: number): Typed; BYTES_PER_ELEMENT: number }>;
type CtorName = "Uint8Array" | "Uint16Array" | "Uint32Array" | "Int32Array" | "Float64Array";

/** What the columns reflect; a reader trusts a file only when all of it matches. */
export interface SnapshotIdentity {
  /** FORMAT_VERSION with a hash of the code that computes columns (formatVersion()). */
  format: string;
  database: string;
  month: number;
}

interface FileHeader extends SnapshotIdentity {
  pgSnapshot: string;
  rows: number;
  families: string[];
  clusters: string[];
  arrays: Array<{ name: string; type: CtorName; length: number }>;
  bodyCrc: number;
}

/** Every stored typed array of the columns, by name ("entry.row" for nested ones), in name order. */
function arraysOf(c: Columns): Array<[string, Typed]> {
  const out: Array<[string, Typed]> = [];
  const add = (prefix: string, o: object) => {
    for (const [k, v] of Object.entries(o)) if (ArrayBuffer.isView(v) && k !== "dead" && k !== "deadCount") out.push([prefix + k, v as Typed]);
  };
  add("", c);
  add("entry.", c.entry);
  add("certEntry.", c.certEntry);
  return out.sort(([a], [b]) => (a < b ? -1 : 1));
}

let format: string | null = null;
/**
 * FORMAT_VERSION, the column layout (names and types, from an empty ColumnBuilder's columns passed
 * in) and a hash of the sources that compute column values (core/matching, the profile reader), so
 * any change to them invalidates older files without anyone remembering to bump a number.
 */
export function formatVersion(empty: Columns): string {
  if (format) return format;
  const hash = createHash("sha256").update(JSON.stringify(arraysOf(empty).map(([n, a]) => [n, a.constructor.name])));
  // Named from the project folder, not this module: bundled (dist/server) it sits elsewhere.
  const here = path.join(PROJECT_ROOT, "src");
  const sources = [path.join(here, "core/matching"), path.join(here, "infra/db/supplier-profiles.ts"), path.join(here, "domain/enums.ts")];
  const files = (p: string): string[] => {
    try {
      return readdirSync(p, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(p, e.name)) : [path.join(p, e.name)]));
    } catch {
      return [p];
    }
  };
  for (const file of sources.flatMap(files).sort()) {
    try {
      hash.update(file.slice(here.length)).update(readFileSync(file));
    } catch {
      // Sources not readable (a copy without src/): this process trusts no file, not a stale one.
      hash.update(randomBytes(16));
    }
  }
  format = `${FORMAT_VERSION}:${hash.digest("hex").slice(0, 16)}`;
  return format;
}

const pad = (n: number) => Math.ceil(n / ALIGN) * ALIGN;
const bytesOf = (a: Typed) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const yieldLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes the columns to `file` atomically (temporary file, fsync, rename), yielding between chunks. */
export async function writeSnapshotFile(file: string, c: Columns, id: SnapshotIdentity, pgSnapshot: string): Promise<number> {
  const arrays = arraysOf(c);
  let bodyCrc = 0;
  for (const [, a] of arrays) {
    const bytes = bytesOf(a);
    for (let at = 0; at < bytes.length; at += CHUNK) {
      bodyCrc = crc32(bytes.subarray(at, at + CHUNK), bodyCrc);
      await yieldLoop();
    }
  }
  const header: FileHeader = {
    ...id, pgSnapshot, rows: c.n, families: c.families, clusters: c.clusters, bodyCrc,
    arrays: arrays.map(([name, a]) => ({ name, type: a.constructor.name as CtorName, length: a.length })),
  };
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(pad(16 + json.length));
  MAGIC.copy(head, 0);
  head.writeUInt32LE(json.length, 8);
  head.writeUInt32LE(crc32(json), 12);
  json.copy(head, 16);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fh = await fs.open(temp, "w");
  let size = 0;
  try {
    await fh.write(head, 0, head.length, 0);
    let at = head.length;
    for (const [, a] of arrays) {
      const bytes = bytesOf(a);
      for (let i = 0; i < bytes.length; i += CHUNK) await fh.write(bytes, i, Math.min(CHUNK, bytes.length - i), at + i);
      at += pad(bytes.length);
    }
    size = at;
    await fh.truncate(at);
    await fh.sync();
  } catch (error) {
    await fh.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await fh.close();
  await fs.rename(temp, file);
  const dir = await fs.open(path.dirname(file), "r");
  await dir.sync().finally(() => dir.close());
  return size;
}

export type ReadResult =
  | { ok: true; columns: Columns; pgSnapshot: string }
  | { ok: false; missing: boolean; reason: string };

/** Reads a file written by writeSnapshotFile, if it is whole and matches `expect`; why not otherwise. */
export async function readSnapshotFile(file: string, expect: SnapshotIdentity): Promise<ReadResult> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(file, "r");
  } catch (error) {
    return { ok: false, missing: true, reason: `no snapshot file (${(error as NodeJS.ErrnoException).code})` };
  }
  try {
    return await readOpen(fh, expect);
  } finally {
    await fh.close();
  }
}

async function readExactly(fh: fs.FileHandle, into: Uint8Array, position: number): Promise<boolean> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await fh.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) return false;
    done += bytesRead;
  }
  return true;
}

async function readOpen(fh: fs.FileHandle, expect: SnapshotIdentity): Promise<ReadResult> {
  const fail = (reason: string): ReadResult => ({ ok: false, missing: false, reason });
  const start = Buffer.alloc(16);
  if (!(await readExactly(fh, start, 0)) || !start.subarray(0, 8).equals(MAGIC)) return fail("not a snapshot file (magic)");
  const json = Buffer.alloc(start.readUInt32LE(8));
  if (!(await readExactly(fh, json, 16)) || crc32(json) !== start.readUInt32LE(12)) return fail("corrupt header");
  const header = JSON.parse(json.toString("utf8")) as FileHeader;
  for (const key of ["format", "database", "month"] as const) {
    if (header[key] !== expect[key]) return fail(`other ${key}: file ${header[key]}, expected ${expect[key]}`);
  }
  const stored = new Map<string, Typed>();
  let at = pad(16 + json.length);
  let crc = 0;
  for (const { name, type, length } of header.arrays) {
    const Ctor = CTORS[type];
    if (!Ctor) return fail(`unknown array type ${type}`);
    const a = new Ctor(new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT), 0, length);
    const bytes = bytesOf(a);
    if (!(await readExactly(fh, bytes, at))) return fail("truncated file");
    crc = crc32(bytes, crc);
    at += pad(bytes.length);
    stored.set(name, a);
  }
  if (crc !== header.bodyCrc) return fail("checksum mismatch");
  const columns = assemble(header, stored);
  return columns ? { ok: true, columns, pgSnapshot: header.pgSnapshot } : fail("arrays missing");
}

function assemble(header: FileHeader, stored: Map<string, Typed>): Columns | null {
  const c: Record<string, unknown> = { n: header.rows, families: header.families, clusters: header.clusters, entry: {}, certEntry: {} };
  for (const [name, a] of stored) {
    const [outer, inner] = name.split(".");
    if (inner) (c[outer] as Record<string, unknown>)[inner] = a;
    else c[outer] = a;
  }
  c.dead = new Uint8Array(new SharedArrayBuffer(Math.max(1, header.rows)));
  c.deadCount = new Int32Array(new SharedArrayBuffer(4), 0, 1);
  return stored.has("ids") && stored.has("entry.row") ? (c as unknown as Columns) : null;
}
