/**
 * Hot reads as plain SQL through the pg pool, answered in the shapes Prisma gives (issue 17): the
 * GraphQL loaders' batch reads run here instead of through Prisma's query compiler, which took
 * about 40% of the main thread on nested reads. Each statement is named, so PostgreSQL parses and
 * plans it once per connection (a prepared statement); the text lives in ./sql/ and the statement
 * snapshots (test/integration/sql-snapshots) show every change to it.
 *
 * Rows come back as Prisma returns them (test/integration/sql-reader.test.ts compares the two on
 * the same data): `date` and `timestamp` columns as Dates in UTC (Prisma stores DateTime as UTC
 * without a zone), `numeric` as Prisma.Decimal, `bigint` as BigInt, and arrays of Jalin's enums as
 * string arrays (their type ids are read once per process, on first use); a NULL list is [], as
 * Prisma reads it.
 */
import pg from "pg";
import { Prisma } from "../../generated/prisma/client.js";
import type { PipelinedLanes } from "./pipelined-lanes.js";

export interface Statement {
  /** The prepared statement's name: unique per text. */
  readonly name: string;
  readonly text: string;
  /**
   * Sent on the pipelined lanes (pipelined-lanes.ts), not the pool: only for statements that read
   * by key through an index, a bounded batch, or an unfiltered keyset page.
   */
  readonly pipelined?: boolean;
}

const textArray = pg.types.getTypeParser(1009 as never, "text");

/**
 * An array of enum labels: `{A,B}` split by hand (postgres-array's parser was ~2% of the main thread
 * on nested reads). Labels that need quoting or escapes, and NULL elements, take the general parser.
 */
export function parseEnumArray(text: string): unknown {
  if (text === "{}") return [];
  if (text.charCodeAt(0) !== 123 || text.indexOf('"') !== -1 || text.indexOf("\\") !== -1 || text.indexOf("{", 1) !== -1) return textArray(text);
  const inner = text.slice(1, -1);
  return /(?:^|,)null(?:,|$)/i.test(inner) ? textArray(text) : inner.split(",");
}

/** The digits of `text` from `from` to `to` as a number, or NaN when any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * PostgreSQL's text for a `date` (YYYY-MM-DD) or `timestamp` (YYYY-MM-DD HH:MM:SS[.ffffff]) as a
 * Date in UTC, read by hand: parsing it as a date string cost ~3% of the main thread on nested reads.
 * Anything else (years before 1000 or after 9999, BC, infinity) goes to Date's own parser.
 */
export function parseUtcTimestamp(text: string): Date {
  const year = digits(text, 0, 4);
  const plain = text.length === 10 || (text.length >= 19 && text.length <= 26 && text[10] === " " && text[13] === ":" && text[16] === ":");
  if (plain && year >= 1000 && text[4] === "-" && text[7] === "-") {
    let ms = 0;
    if (text.length > 20 && text[19] === ".") ms = Math.floor(digits(text, 20, text.length) / 10 ** (text.length - 23));
    else if (text.length !== 10 && text.length !== 19) ms = Number.NaN;
    const time = text.length === 10 ? Date.UTC(year, digits(text, 5, 7) - 1, digits(text, 8, 10))
      : Date.UTC(year, digits(text, 5, 7) - 1, digits(text, 8, 10), digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), ms);
    if (!Number.isNaN(time)) return new Date(time);
  }
  return text.length === 10 ? new Date(`${text}T00:00:00.000Z`) : new Date(`${text.replace(" ", "T")}Z`);
}

/** Parsers by PostgreSQL type id, where Prisma's values differ from pg's defaults. */
const PARSERS = new Map<number, (value: string) => unknown>([
  [1082, parseUtcTimestamp], // date: midnight UTC, as Prisma
  [1114, parseUtcTimestamp], // timestamp (no zone): stored as UTC
  [1700, (value) => new Prisma.Decimal(value)], // numeric
  [20, (value) => BigInt(value)], // bigint
]);

interface Types {
  parsers: pg.CustomTypesConfig;
  /** Type ids of every array type: a NULL list reads as [], as Prisma reads it. */
  arrays: Set<number>;
}

export class SqlReader {
  private types: Promise<Types> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    /** Called with each statement's text before it is sent (the statement counters). */
    private readonly onStatement: (text: string) => void = () => undefined,
    /** Where pipelined statements go; none: every statement takes the pool. */
    private readonly lanes: PipelinedLanes | null = null,
  ) {}

  /** The rows of one prepared statement. */
  async rows<T>(statement: Statement, values: unknown[]): Promise<T[]> {
    const { parsers, arrays } = await (this.types ??= this.loadTypes());
    this.onStatement(statement.text);
    const config = { name: statement.name, text: statement.text, values, types: parsers };
    const result = statement.pipelined && this.lanes ? await this.lanes.query(config) : await this.pool.query(config);
    const lists = result.fields.filter((f) => arrays.has(f.dataTypeID)).map((f) => f.name);
    if (lists.length) {
      for (const row of result.rows) for (const name of lists) row[name] ??= [];
    }
    return result.rows as T[];
  }

  /** The type parsers and the array types, with this database's own enum arrays (read once). */
  private async loadTypes(): Promise<Types> {
    const { rows } = await this.pool.query<{ oid: number; enum: boolean }>(
      `SELECT a.oid::int AS oid, e.typtype = 'e' AS enum FROM pg_type a JOIN pg_type e ON e.oid = a.typelem WHERE a.typcategory = 'A'`,
    ).catch((error: unknown) => {
      this.types = null; // retried on the next read
      throw error;
    });
    const parsers = new Map(PARSERS);
    for (const row of rows) if (row.enum) parsers.set(row.oid, parseEnumArray);
    return {
      parsers: {
        getTypeParser: ((oid: number, format?: string) => parsers.get(oid) ?? pg.types.getTypeParser(oid, format as never)) as pg.CustomTypesConfig["getTypeParser"],
      },
      arrays: new Set(rows.map((r) => r.oid)),
    };
  }
}
