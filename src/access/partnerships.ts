/**
 * Who may record, accept, end and see partnerships. Where the answer is "whoever sees the IKM's
 * private side" (its members and the foundations mentoring it), the rule says so and the caller
 * asks the IKM rule (IkmService.canSeePrivate), which needs the mentoring foundations.
 */
import { badInput } from "../domain/errors.js";
import { maySeeFirmMembers } from "./firms.js";
import { type UserViewer, type Viewer, forbidden } from "./viewer.js";

/** The parties of a partnership. */
export interface PartnershipParties {
  firmId: string;
  ikmId: string;
}

/** The firm a partnership is recorded for, and whether an administrator named it (then it must exist, and starts ACTIVE). */
export interface RecordingFirm {
  firmId: string;
  namedByAdmin: boolean;
}

/**
 * A firm member records partnerships of their own firm (naming another firm is FORBIDDEN); an
 * administrator must name the firm; nobody else records one.
 */
export function recordingFirm(user: UserViewer, firmIdForAdmin?: string | null): RecordingFirm {
  if (user.role === "FIRM" && user.firmId) {
    if (firmIdForAdmin && firmIdForAdmin !== user.firmId) throw forbidden("record partnerships for another firm");
    return { firmId: user.firmId, namedByAdmin: false };
  }
  if (user.role === "ADMIN") {
    if (!firmIdForAdmin) throw badInput("An administrator must name the firm: input.firmId.", [{ path: "input.firmId", message: "required for administrators" }]);
    return { firmId: firmIdForAdmin, namedByAdmin: true };
  }
  throw forbidden("record partnerships; only firm members can");
}

/** A partnership names a need of the firm it is recorded for only: another firm's need answers like a missing one. */
export function mayRecordForNeed(recording: RecordingFirm, need: { firmId: string }): boolean {
  return need.firmId === recording.firmId;
}

/** The IKM's members (or an administrator) accept a partnership offered to it. */
export function mayAcceptPartnership(user: UserViewer, row: Pick<PartnershipParties, "ikmId">): boolean {
  return user.role === "ADMIN" || (user.role === "IKM" && user.ikmId === row.ikmId);
}

/** The owning firm, the IKM's members (or an administrator) end a partnership. */
export function mayEndPartnership(user: UserViewer, row: PartnershipParties): boolean {
  return user.role === "ADMIN" || (user.role === "FIRM" && user.firmId === row.firmId) || (user.role === "IKM" && user.ikmId === row.ikmId);
}

/** What decides whether a viewer sees a partnership: a plain answer, or the IKM's private side. */
export type PartnershipSight = boolean | "if-sees-ikm-private";

/**
 * Who sees a partnership: nobody anonymous; a firm's members their own firm's only; everyone else
 * (administrators too) as they see its IKM's private side.
 */
export function partnershipSight(viewer: Viewer, row: PartnershipParties): PartnershipSight {
  if (viewer.kind !== "user") return false;
  if (viewer.role === "FIRM") return viewer.firmId === row.firmId;
  return "if-sees-ikm-private";
}

/**
 * The partnerships on an IKM's profile: none for anonymous viewers, their own firm's for a firm's
 * members (the loader reads only those), and all of them for whoever sees the IKM's private side.
 */
export function ikmPartnershipsSight(viewer: Viewer): "none" | "own-firm" | "if-sees-ikm-private" {
  if (viewer.kind !== "user") return "none";
  if (viewer.role === "FIRM") return "own-firm";
  return "if-sees-ikm-private";
}

/** No firm has this id: a firm account without a firm sees no firm's rows. */
const NO_FIRM = "00000000-0000-0000-0000-000000000000";

/**
 * The firm whose partnerships of an IKM a viewer's loader reads: a firm member's own (a firm account
 * without a firm: none); null for everyone else, who read all of them for the field to decide.
 */
export function ownFirmOnly(viewer: Viewer): string | null {
  return viewer.kind === "user" && ikmPartnershipsSight(viewer) === "own-firm" ? (viewer.firmId ?? NO_FIRM) : null;
}

/** A firm's partnerships: its own members and administrators. */
export const maySeeFirmPartnerships = maySeeFirmMembers;
