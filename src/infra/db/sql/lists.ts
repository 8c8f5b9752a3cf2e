/**
 * The lists' pages (`firms`, `ikms`, `needs`) as prepared statements for SqlReader (issue 17): the
 * same rows, order and count as the Prisma queries of FirmRepository, IkmRepository and
 * NeedRepository, whose filters (repositories/filters.ts) they restate condition by condition. A
 * list's text depends only on which conditions a filter holds and whether the page starts after a
 * cursor: one text per combination (a few in practice, at most some hundreds for the IKM list's nine
 * conditions), each named by a hash of its text and prepared once per connection on first use.
 * test/integration/sql-lists.test.ts asks both ways on random filters and compares every page.
 */
import { createHash } from "node:crypto";
import { stagesAtLeast } from "../../../domain/stages.js";
import { type NeedScope, PUBLISHED_STATUSES } from "../../../domain/need-status.js";
import type { KeysetAfter } from "../../../domain/pagination.js";
import { type FirmListFilter, type IkmFilter, type NeedListFilter, likeLiteral } from "../repositories/filters.js";
import type { SqlReader, Statement } from "../sql-reader.js";
import { COLUMNS, type Projection, columnList } from "./loaders.js";

/** A statement and the values of its parameters. */
export interface BoundStatement {
  statement: Statement;
  values: unknown[];
}

/**
 * Conditions on one table's rows, aliased `t`, with their parameters. An enum is compared as its
 * own type (`$1::"NeedStatus"`), never by casting the column to text, so its indexes still serve.
 */
class Conditions {
  readonly clauses: string[] = [];
  readonly values: unknown[] = [];

  /** `$n::cast` for `value`, n its place among the parameters. */
  arg(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }

  add(clause: string): void {
    this.clauses.push(clause);
  }

  /** The `WHERE` part ("" when there is none). */
  where(): string {
    return this.clauses.length ? ` WHERE ${this.clauses.join(" AND ")}` : "";
  }
}

function region(c: Conditions, code: string): void {
  const trimmed = code.trim();
  c.add(`(t."regionCode" = ${c.arg(trimmed, "text")} OR t."regionCode" LIKE ${c.arg(`${likeLiteral(trimmed)}.%`, "text")})`);
}

function contains(c: Conditions, column: string, text: string): void {
  c.add(`t."${column}" ILIKE ${c.arg(`%${likeLiteral(text.trim())}%`, "text")}`);
}

/** Statements by text: one per combination of conditions, so the map stays small. */
const statements = new Map<string, Statement>();

/** The named statement for `text`; `pipelined`: an unfiltered keyset page (pipelined-lanes.ts). */
function named(text: string, pipelined = false): Statement {
  let statement = statements.get(text);
  if (!statement) {
    statement = { name: `jalin_list_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`, text, pipelined };
    statements.set(text, statement);
  }
  return statement;
}

/** How a list is sorted: by a text column ascending (names), or a timestamp descending (newest first); ties by id alike. */
type Sort = { column: string; newestFirst?: false } | { column: string; newestFirst: true };

/** A page in `sort`'s order after `after`, `take` rows long. */
function page(table: string, columns: string, sort: Sort, c: Conditions, after: KeysetAfter, take: number): BoundStatement {
  const [op, direction] = sort.newestFirst ? ["<", "DESC"] : [">", "ASC"];
  // With no filter, a page is its order's index read from the cursor: short, so it may be pipelined.
  const unfiltered = c.clauses.length === 0;
  if (after) {
    // A timestamp cursor is a Date in UTC, as Prisma stores a DateTime (a timestamp without zone).
    const value = after[0] instanceof Date ? c.arg(after[0].toISOString().slice(0, -1), "timestamp") : c.arg(after[0], "text");
    c.add(`(t."${sort.column}", t."id") ${op} (${value}, ${c.arg(after[1], "uuid")})`);
  }
  const text = `SELECT ${columns.replace(/"(\w+)"/g, 't."$1"')} FROM "${table}" t${c.where()} ORDER BY t."${sort.column}" ${direction}, t."id" ${direction} LIMIT ${c.arg(take, "int")}`;
  return { statement: named(text, unfiltered), values: c.values };
}

function count(table: string, c: Conditions): BoundStatement {
  return { statement: named(`SELECT count(*)::int AS "count" FROM "${table}" t${c.where()}`), values: c.values };
}

function firmConditions(filter: FirmListFilter): Conditions {
  const c = new Conditions();
  if (filter.sector) c.add(`t."sector" = ${c.arg(filter.sector, `"FirmSector"`)}`);
  if (filter.tier) c.add(`t."tier" = ${c.arg(filter.tier, `"FirmTier"`)}`);
  if (filter.regionCode) region(c, filter.regionCode);
  if (filter.search) contains(c, "name", filter.search);
  return c;
}

function ikmConditions(filter: IkmFilter, today: Date): Conditions {
  const c = new Conditions();
  if (filter.processes?.length) {
    c.add(`${c.arg(filter.processes, `"Process"[]`)} <@ ARRAY(SELECT k."process" FROM "Capability" k WHERE k."ikmId" = t."id")`);
  }
  if (filter.regionCode) region(c, filter.regionCode);
  if (filter.minimumStage) c.add(`t."currentStage" = ANY(${c.arg(stagesAtLeast(filter.minimumStage), `"MaturityStage"[]`)})`);
  if (filter.stages?.length) c.add(`t."currentStage" = ANY(${c.arg(filter.stages, `"MaturityStage"[]`)})`);
  if (filter.certification) {
    const day = c.arg(today.toISOString().slice(0, 10), "date"); // its UTC day, as Prisma compares a date column
    c.add(`EXISTS (SELECT 1 FROM "Certification" k WHERE k."ikmId" = t."id" AND k."type" = ${c.arg(filter.certification, `"CertificationType"`)}` +
      ` AND k."validFrom" <= ${day} AND (k."validUntil" IS NULL OR k."validUntil" >= ${day}))`);
  }
  if (filter.sentraId) c.add(`EXISTS (SELECT 1 FROM "SentraMembership" k WHERE k."ikmId" = t."id" AND k."sentraId" = ${c.arg(filter.sentraId, "uuid")})`);
  if (filter.koperasiId) c.add(`EXISTS (SELECT 1 FROM "KoperasiMembership" k WHERE k."ikmId" = t."id" AND k."koperasiId" = ${c.arg(filter.koperasiId, "uuid")})`);
  if (filter.ids) c.add(`t."id" = ANY(${c.arg(filter.ids, "uuid[]")})`);
  if (filter.search) contains(c, "legalName", filter.search);
  return c;
}

/** The needs `scope` lets a viewer see (repositories/needs.repository.ts visibleNeedsWhere), filtered. */
function needConditions(scope: NeedScope, filter: NeedListFilter): Conditions {
  const c = new Conditions();
  if (scope.kind === "firm") {
    if (!scope.firmId) c.add("false"); // a firm account without a firm sees no needs
    else c.add(`t."firmId" = ${c.arg(scope.firmId, "uuid")}`);
  }
  if (scope.kind === "published") c.add(`t."status" = ANY(${c.arg([...PUBLISHED_STATUSES], `"NeedStatus"[]`)})`);
  if (filter.statuses?.length) c.add(`t."status" = ANY(${c.arg(filter.statuses, `"NeedStatus"[]`)})`);
  if (filter.process) c.add(`${c.arg(filter.process, `"Process"`)} = ANY(t."processes")`);
  if (filter.firmId) c.add(`t."firmId" = ${c.arg(filter.firmId, "uuid")}`);
  return c;
}

const NEWEST = { column: "createdAt", newestFirst: true } as const;

/** A list's two statements: a page after a cursor, and the count; both of the same conditions. */
export interface ListStatements {
  page: (after: KeysetAfter, take: number) => BoundStatement;
  count: () => BoundStatement;
}

/** The statements of `table`'s list in `sort`'s order; `conditions` builds them afresh for each statement. */
function list(table: string, columns: string, sort: Sort, conditions: () => Conditions): ListStatements {
  return {
    page: (after, take) => page(table, columns, sort, conditions(), after, take),
    count: () => count(table, conditions()),
  };
}

export const LIST_SQL = {
  firms: (filter: FirmListFilter) => list("Firm", COLUMNS.Firm, { column: "name" }, () => firmConditions(filter)),
  /**
   * `today`: a certificate must be valid on its UTC day, first and last days included. `projection`:
   * only those columns (they must hold the page's order, legalName and id); null: every column.
   */
  ikms: (filter: IkmFilter, today: Date, projection: Projection | null = null) =>
    list("Ikm", projection ? columnList(projection) : COLUMNS.Ikm, { column: "legalName" }, () => ikmConditions(filter, today)),
  /** Needs newest first (created), as `scope` lets the viewer see them. */
  needs: (scope: NeedScope, filter: NeedListFilter) => list("ComponentNeed", COLUMNS.ComponentNeed, NEWEST, () => needConditions(scope, filter)),
};

/** The rows of a bound statement. */
export const rowsOf = <T>(sql: SqlReader, bound: BoundStatement): Promise<T[]> => sql.rows<T>(bound.statement, bound.values);
