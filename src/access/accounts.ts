/** Who may see what of a user account. */
import { type Viewer, isAdmin, isUser } from "./viewer.js";

/** A user's own account (their email, looking them up by id): the user themself and administrators. */
export function mayReadAccount(viewer: Viewer, userId: string): boolean {
  return isAdmin(viewer) || isUser(viewer, userId);
}
