/**
 * Who may see and do what with component needs. A firm's members own their firm's needs (drafts
 * included); IKM and foundation members see published needs (OPEN, SHORTLISTED) of every firm;
 * administrators see and manage all. A need the viewer may not see answers like a missing one.
 */
import type { NeedStatus } from "../domain/enums.js";
import { badInput } from "../domain/errors.js";
import { type NeedScope, PUBLISHED_STATUSES } from "../domain/need-status.js";
import { type UserViewer, type Viewer, forbidden, isAdmin, requireUser } from "./viewer.js";

/** The facts of a need the decisions look at. */
export interface NeedFacts {
  firmId: string;
  status: NeedStatus;
}

/** The NeedScope (domain/need-status.ts) of a signed-in viewer; anonymous: UNAUTHENTICATED. */
export function needScope(viewer: Viewer): NeedScope {
  const user = requireUser(viewer);
  switch (user.role) {
    case "ADMIN":
      return { kind: "all" };
    case "FIRM":
      return { kind: "firm", firmId: user.firmId };
    default:
      return { kind: "published" };
  }
}

/** needScope, for a need in hand; anonymous viewers see none. */
export function mayViewNeed(viewer: Viewer, need: NeedFacts): boolean {
  if (viewer.kind !== "user") return false;
  if (viewer.role === "ADMIN") return true;
  if (viewer.role === "FIRM") return viewer.firmId === need.firmId;
  return PUBLISHED_STATUSES.includes(need.status);
}

/** May edit, publish, shortlist, cancel...: the need's own firm, or an administrator. */
export function mayManageNeed(user: UserViewer, need: Pick<NeedFacts, "firmId">): boolean {
  return user.role === "ADMIN" || (user.role === "FIRM" && user.firmId === need.firmId);
}

/**
 * The firm a new need is drafted for: a firm member's own (naming another firm is FORBIDDEN); an
 * administrator must name one (`firmIdChecked` false: the caller checks that it exists); anyone
 * else is FORBIDDEN.
 */
export function firmForNewNeed(user: UserViewer, firmIdForAdmin?: string | null): { firmId: string; firmIdChecked: boolean } {
  if (user.role === "FIRM" && user.firmId) {
    if (firmIdForAdmin && firmIdForAdmin !== user.firmId) throw forbidden("post needs for another firm");
    return { firmId: user.firmId, firmIdChecked: true };
  }
  if (user.role === "ADMIN") {
    if (!firmIdForAdmin) throw badInput("An administrator must name the firm: input.firmId.", [{ path: "input.firmId", message: "required for administrators" }]);
    return { firmId: firmIdForAdmin, firmIdChecked: false };
  }
  throw forbidden("post component needs; only firm members can");
}

/** A need's status history: for members of the owning firm and administrators. */
export function mayReadNeedHistory(viewer: Viewer, need: Pick<NeedFacts, "firmId">): boolean {
  const own = viewer.kind === "user" && viewer.firmId === need.firmId;
  return own || isAdmin(viewer);
}
