/**
 * Decisions by role alone: the `@Authorized(...roles)` check every guarded field passes (api/auth-checker.ts
 * calls it), the firm a firm member's shared reads are narrowed to, and who may look a user up by id.
 * Tenant rules (own firm, own IKM, mentored IKM) live in the other files of access/, next to the facts they need.
 */
import { DomainError, ErrorCode } from "../domain/errors.js";
import { type Viewer, requireUser } from "./viewer.js";

/** No firm has this id: a firm account without a firm sees no firm's rows. */
const NO_FIRM = "00000000-0000-0000-0000-000000000000";

/**
 * A signed-in user passes when `roles` is empty or names their role; an anonymous viewer is
 * UNAUTHENTICATED, a user of another role FORBIDDEN (naming the roles that pass).
 */
export function assertHasRole(viewer: Viewer, roles: readonly string[]): true {
  const user = requireUser(viewer);
  if (roles.length === 0 || roles.includes(user.role)) return true;
  throw new DomainError(ErrorCode.FORBIDDEN, `This needs one of the roles ${roles.join(", ")}; you are ${user.role}.`);
}

/**
 * The firm whose rows a firm member reads of a relation several firms share (an IKM's partnerships):
 * their own (a firm account without a firm: none). Null for every other viewer: they read all rows,
 * for the field to decide.
 */
export function ownFirmOnly(viewer: Viewer): string | null {
  return viewer.kind === "user" && viewer.role === "FIRM" ? (viewer.firmId ?? NO_FIRM) : null;
}

/** A user account by its global id (Query.node): the user themself and administrators; anyone else gets null. */
export function mayLookUpUser(viewer: Viewer, userId: string): boolean {
  return viewer.kind === "user" && (viewer.userId === userId || viewer.role === "ADMIN");
}
