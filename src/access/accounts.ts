/** Who may see what of a user account. */
import { type Viewer, isAdmin } from "./viewer.js";

/** A user's own account (their email, looking them up by id): the user themself and administrators. */
export function mayReadAccount(viewer: Viewer, userId: string): boolean {
  const self = viewer.kind === "user" && viewer.userId === userId;
  return self || isAdmin(viewer);
}
