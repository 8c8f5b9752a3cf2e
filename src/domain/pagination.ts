import { badInput } from "./errors.js";
import { isUuid } from "./ids.js";
import { LIMITS } from "./limits.js";

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

interface Edge<T> {
  cursor: string;
  node: T;
}

/** One page of any list (keyset lists, rankings, mentees due): the shape of a GraphQL Connection. */
export interface Page<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** A number, or a function GraphQL calls only when a client selects totalCount. */
  totalCount: number | (() => Promise<number>);
}

/**
 * A page of `nodes` (already cut to the size asked for), each with its cursor. Cursors are made
 * when read: a page asked for `nodes` alone encodes none, one asked for `pageInfo` only the last.
 */
export function pageOf<T>(nodes: T[], cursorOf: (node: T) => string, hasNextPage: boolean, totalCount: Page<T>["totalCount"]): Page<T> {
  let edges: Edge<T>[] | undefined;
  return {
    get edges() {
      return (edges ??= nodes.map((node) => ({ node, cursor: cursorOf(node) })));
    },
    nodes,
    pageInfo: {
      hasNextPage,
      get endCursor() {
        return edges ? (edges.at(-1)?.cursor ?? null) : nodes.length ? cursorOf(nodes[nodes.length - 1]) : null;
      },
    },
    totalCount,
  };
}

/**
 * The one cursor codec: a cursor is base64url of the JSON pair [sort value, id] of the last row.
 * Opaque to clients; each list checks the value and id it gets back (decodeCursor only the shape).
 */
export function encodeCursor(value: string | number | null, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

/** The pair a cursor holds, or null when it is not one (not base64url JSON of a pair). */
export function decodeCursor(cursor: string): [unknown, unknown] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(parsed) && parsed.length === 2 ? [parsed[0], parsed[1]] : null;
  } catch {
    return null;
  }
}

export interface KeysetOrder<T> {
  /** Column the list is sorted by; `id` breaks ties so the order is total and stable. */
  field: string;
  direction: "asc" | "desc";
  kind: "string" | "date";
  valueOf: (row: T) => string | Date;
  idOf: (row: T) => string;
}

/** The page size asked for, or the default; out-of-range sizes are refused, not silently cut. */
export function pageSize(args: PageArgs): number {
  const first = args.first ?? LIMITS.defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > LIMITS.maxPageSize) {
    throw badInput(`first must be between 1 and ${LIMITS.maxPageSize}.`, [
      { path: "first", message: `must be between 1 and ${LIMITS.maxPageSize}` },
    ]);
  }
  return first;
}

/** The sort value and id of the row a page starts after (decoded from the cursor), or null for the first page. */
export type KeysetAfter = [string | Date, string] | null;

/**
 * Relay-style keyset pagination: the cursor holds the sort value and id of the last row, so pages
 * stay correct while rows are inserted or deleted (no OFFSET). Fetches one row more than asked to
 * know whether a next page exists; `fetch` gets the decoded cursor and how many rows to read, in
 * the order's sort value then id.
 */
export async function keysetPage<T>(
  args: PageArgs,
  order: KeysetOrder<T>,
  fetch: (after: KeysetAfter, take: number) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const first = pageSize(args);
  const rows = await fetch(args.after ? keysetAfter(args.after, order.kind) : null, first + 1);
  let counted: Promise<number> | undefined;
  return pageOf(
    rows.slice(0, first),
    (node) => {
      const value = order.valueOf(node);
      return encodeCursor(value instanceof Date ? value.toISOString() : value, order.idOf(node));
    },
    rows.length > first,
    () => (counted ??= count()),
  );
}

/** One page's query as `paginate` builds it for Prisma: the keyset condition, order and size. */
export interface PageQuery {
  where: object;
  orderBy: object[];
  take: number;
}

/** keysetPage for a Prisma query: the keyset condition, order and size as a findMany's arguments. */
export function paginate<T>(
  args: PageArgs,
  order: KeysetOrder<T>,
  fetch: (query: PageQuery) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const op = order.direction === "asc" ? "gt" : "lt";
  return keysetPage(args, order, (after, take) => fetch({
    where: after ? { OR: [{ [order.field]: { [op]: after[0] } }, { [order.field]: after[0], id: { [op]: after[1] } }] } : {},
    orderBy: [{ [order.field]: order.direction }, { id: order.direction }],
    take,
  }), count);
}

function keysetAfter(cursor: string, kind: KeysetOrder<unknown>["kind"]): [string | Date, string] {
  const invalid = () => badInput("after is not a cursor from this list; pass an endCursor you received.", [
    { path: "after", message: "not a valid cursor" },
  ]);
  const parsed = decodeCursor(cursor);
  if (!parsed || typeof parsed[0] !== "string" || typeof parsed[1] !== "string" || !isUuid(parsed[1])) {
    throw invalid();
  }
  if (kind === "date") {
    const date = new Date(parsed[0]);
    if (Number.isNaN(date.getTime())) throw invalid();
    return [date, parsed[1]];
  }
  return [parsed[0], parsed[1]];
}
