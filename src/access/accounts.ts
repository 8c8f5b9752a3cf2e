/** Who may see what of a user account. */
import { type Viewer, isAdmin } from "./viewer.js";

/** A user's email address: the user themself and administrators. */
export function mayReadEmail(viewer: Viewer, userId: string): boolean {
  const self = viewer.kind === "user" && viewer.userId === userId;
  return self || isAdmin(viewer);
}
