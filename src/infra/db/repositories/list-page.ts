/**
 * One page of a list (firms, IKMs, needs) and its count, run either way the repositories can: as the
 * list's prepared statements (sql/lists.ts) through the SqlReader outside a transaction, or through
 * Prisma inside one. The two answer alike (test/integration/sql-lists.test.ts); a repository only
 * says what differs: its order, its statements and its Prisma where, findMany and count.
 */
import { type KeysetOrder, type Page, type PageArgs, type PageQuery, keysetPage, paginate } from "../../../domain/pagination.js";
import { type ListStatements, rowsOf } from "../sql/lists.js";
import type { SqlReader } from "../sql-reader.js";

/** A list as a repository declares it; `W` is its Prisma where input. */
export interface ListSource<T, W> {
  order: KeysetOrder<T>;
  /** The list's prepared statements, used when there is a SqlReader. */
  sql: () => ListStatements;
  /** The same conditions as a Prisma where, used otherwise. */
  where: () => W;
  findMany: (query: Omit<PageQuery, "where"> & { where: { AND: [W, object] } }) => Promise<T[]>;
  count: (query: { where: W }) => Promise<number>;
}

/** A keyset page of `list`: by prepared statements when `sql` is given, else through Prisma. */
export function listPage<T, W>(args: PageArgs, sql: SqlReader | null, list: ListSource<T, W>): Promise<Page<T>> {
  if (sql) {
    const statements = list.sql();
    return keysetPage<T>(args, list.order,
      (after, take) => rowsOf<T>(sql, statements.page(after, take)),
      async () => (await rowsOf<{ count: number }>(sql, statements.count()))[0].count);
  }
  const where = list.where();
  return paginate<T>(args, list.order,
    (q) => list.findMany({ ...q, where: { AND: [where, q.where] } }),
    () => list.count({ where }));
}
