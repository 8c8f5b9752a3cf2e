import { badInput } from "../domain/errors.js";
import { LIMITS } from "../domain/limits.js";

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client asks for it. */
  totalCount: () => Promise<number>;
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

/**
 * Relay-style keyset pagination: the cursor holds the sort value and id of the last row, so pages
 * stay correct while rows are inserted or deleted (no OFFSET). Fetches one row more than asked to
 * know whether a next page exists.
 */
export async function paginate<T>(
  args: PageArgs,
  order: KeysetOrder<T>,
  fetch: (query: { where: object; orderBy: object[]; take: number }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const first = pageSize(args);
  let where: object = {};
  if (args.after) {
    const [value, id] = decodeCursor(args.after, order.kind);
    const op = order.direction === "asc" ? "gt" : "lt";
    where = { OR: [{ [order.field]: { [op]: value } }, { [order.field]: value, id: { [op]: id } }] };
  }
  const rows = await fetch({
    where,
    orderBy: [{ [order.field]: order.direction }, { id: order.direction }],
    take: first + 1,
  });
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(order.valueOf(node), order.idOf(node)) }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => (counted ??= count()),
  };
}

function encodeCursor(value: string | Date, id: string): string {
  const v = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([v, id])).toString("base64url");
}

function decodeCursor(cursor: string, kind: KeysetOrder<unknown>["kind"]): [string | Date, string] {
  const invalid = () => badInput("after is not a cursor from this list; pass an endCursor you received.", [
    { path: "after", message: "not a valid cursor" },
  ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== "string" || typeof parsed[1] !== "string"
    || !/^[0-9a-f-]{36}$/.test(parsed[1])) {
    throw invalid();
  }
  if (kind === "date") {
    const date = new Date(parsed[0]);
    if (Number.isNaN(date.getTime())) throw invalid();
    return [date, parsed[1]];
  }
  return [parsed[0], parsed[1]];
}
