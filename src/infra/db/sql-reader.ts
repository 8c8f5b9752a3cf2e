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

export interface Statement {
  /** The prepared statement's name: unique per text. */
  readonly name: string;
  readonly text: string;
}

const textArray = pg.types.getTypeParser(1009 as never, "text");

/** Parsers by PostgreSQL type id, where Prisma's values differ from pg's defaults. */
const PARSERS = new Map<number, (value: string) => unknown>([
  [1082, (value) => new Date(`${value}T00:00:00.000Z`)], // date: midnight UTC, as Prisma
  [1114, (value) => new Date(`${value.replace(" ", "T")}Z`)], // timestamp (no zone): stored as UTC
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
  ) {}

  /** The rows of one prepared statement. */
  async rows<T>(statement: Statement, values: unknown[]): Promise<T[]> {
    const { parsers, arrays } = await (this.types ??= this.loadTypes());
    this.onStatement(statement.text);
    const result = await this.pool.query({ name: statement.name, text: statement.text, values, types: parsers });
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
    for (const row of rows) if (row.enum) parsers.set(row.oid, textArray);
    return {
      parsers: {
        getTypeParser: ((oid: number, format?: string) => parsers.get(oid) ?? pg.types.getTypeParser(oid, format as never)) as pg.CustomTypesConfig["getTypeParser"],
      },
      arrays: new Set(rows.map((r) => r.oid)),
    };
  }
}
