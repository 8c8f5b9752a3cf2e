/**
 * Decisions by role alone: the `@Authorized(...roles)` check every guarded field passes (api/auth-checker.ts
 * calls it).
 * Tenant rules (own firm, own IKM, mentored IKM) live in the other files of access/, next to the facts they need.
 */
import { DomainError, ErrorCode } from "../domain/errors.js";
import { type Viewer, requireUser } from "./viewer.js";

/**
 * A signed-in user passes when `roles` is empty or names their role; an anonymous viewer is
 * UNAUTHENTICATED, a user of another role FORBIDDEN (naming the roles that pass).
 */
export function assertHasRole(viewer: Viewer, roles: readonly string[]): true {
  const user = requireUser(viewer);
  if (roles.length === 0 || roles.includes(user.role)) return true;
  throw new DomainError(ErrorCode.FORBIDDEN, `This needs one of the roles ${roles.join(", ")}; you are ${user.role}.`);
}
