/** Who may change a firm and see its private side. A firm's profile itself is public. */
import { type Viewer, forbidden, isAdmin, requireUser } from "./viewer.js";

/** Firm members manage their own firm; administrators manage any. */
export function assertMayManageFirm(viewer: Viewer, firmId: string): void {
  const user = requireUser(viewer);
  if (user.role === "ADMIN") return;
  if (user.role === "FIRM" && user.firmId === firmId) return;
  // Another tenant's firm is public, so saying FORBIDDEN here leaks nothing.
  throw forbidden("change another firm");
}

/** A firm's people: its own members and administrators. */
export function maySeeFirmMembers(viewer: Viewer, firmId: string): boolean {
  return isAdmin(viewer) || (viewer.kind === "user" && viewer.firmId === firmId);
}
