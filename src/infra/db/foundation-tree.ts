/**
 * The foundation tree (a foundation and its regional centres, linked by parentId), walked in SQL:
 * one recursive query each way, used by every reader of the tree. `anchor` is a SQL condition on
 * "Foundation" choosing where the walk starts (its parameters are the caller's).
 */

/**
 * `lineage(id, ancestor)`: each foundation the anchor chooses (all without one), with itself and
 * every foundation above it. A regional centre's mentees are its parent's too.
 */
export const lineageCte = (anchor?: string): string => `lineage(id, ancestor) AS (
  SELECT id, id FROM "Foundation"${anchor ? ` WHERE ${anchor}` : ""}
  UNION
  SELECT l.id, f."parentId" FROM lineage l JOIN "Foundation" f ON f.id = l.ancestor WHERE f."parentId" IS NOT NULL
)`;

/** `scope(root, id)`: each foundation the anchor chooses (root), with itself and every centre below it. */
export const scopeCte = (anchor: string): string => `scope(root, id) AS (
  SELECT id, id FROM "Foundation" WHERE ${anchor}
  UNION
  SELECT s.root, f.id FROM "Foundation" f JOIN scope s ON f."parentId" = s.id
)`;
