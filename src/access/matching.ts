/** Who may see what of matching: a need's ranked suppliers, an IKM's opportunities, one pair explained. */
import { type UserViewer, type Viewer, forbidden, requireUser } from "./viewer.js";

/** The need's own firm and administrators: they see the suppliers matched to it. */
export function mayMatchForNeed(viewer: Viewer, need: { firmId: string }): boolean {
  if (viewer.kind !== "user") return false;
  return viewer.role === "ADMIN" || (viewer.role === "FIRM" && viewer.firmId === need.firmId);
}

export function assertMaySeeNeedMatches(viewer: Viewer, need: { firmId: string }): void {
  requireUser(viewer);
  if (!mayMatchForNeed(viewer, need)) throw forbidden("see the suppliers matched to another firm's need");
}

/** Whose opportunities are asked for: the IKM named, else the IKM member's own; null when neither. */
export function opportunitiesIkmId(user: UserViewer, named: string | null): string | null {
  return named ?? (user.role === "IKM" ? user.ikmId : null);
}

/**
 * An IKM's side of matching (its opportunities, a pair with a need of another firm): `maySeePrivate`
 * is whether the viewer may see the IKM's private side (its members, mentoring foundations,
 * administrators). Anyone else gets the same FORBIDDEN for another IKM and a missing one.
 */
export function assertMaySeeSupplierSide(viewer: Viewer, maySeePrivate: boolean): void {
  const user = requireUser(viewer);
  if (maySeePrivate) return;
  throw forbidden(user.role === "FIRM" ? "see an IKM's opportunities; firms see matches for their own needs" : "see another IKM's opportunities");
}
