/**
 * Who may answer a need and who sees the answers. An IKM's members answer for their own IKM (an
 * administrator names the IKM); the need's firm and administrators see every response to it; the
 * responding IKM sees its own; foundations see the responses of IKMs they actively mentor
 * (read-only, through the IKM's private side: IkmService.canSeePrivate); other IKMs and other
 * firms never see them, and a response they name answers like a missing one.
 */
import { badInput } from "../domain/errors.js";
import { type UserViewer, type Viewer, forbidden } from "./viewer.js";

/** The parties of a response: the need's firm and the responding IKM. */
export interface ResponseParties {
  firmId: string;
  ikmId: string;
}

/**
 * The IKM a response is submitted for: an IKM member's own (naming another IKM is FORBIDDEN); an
 * administrator must name one; nobody else responds (firms and foundations: FORBIDDEN).
 */
export function respondingIkm(user: UserViewer, ikmIdForAdmin?: string | null): { ikmId: string; namedByAdmin: boolean } {
  if (user.role === "IKM" && user.ikmId) {
    if (ikmIdForAdmin && ikmIdForAdmin !== user.ikmId) throw forbidden("respond for another IKM");
    return { ikmId: user.ikmId, namedByAdmin: false };
  }
  if (user.role === "ADMIN") {
    if (!ikmIdForAdmin) throw badInput("An administrator must name the IKM: input.ikmId.", [{ path: "input.ikmId", message: "required for administrators" }]);
    return { ikmId: ikmIdForAdmin, namedByAdmin: true };
  }
  throw forbidden("respond to component needs; only IKM members can");
}

/** Revising or withdrawing: the responding IKM's members, or an administrator. */
export function mayActOnResponse(user: UserViewer, response: Pick<ResponseParties, "ikmId">): boolean {
  return user.role === "ADMIN" || (user.role === "IKM" && user.ikmId === response.ikmId);
}

/** What decides whether a viewer sees a response: a plain answer, or whether it sees the IKM's private side (mentoring foundations). */
export type ResponseSight = boolean | "if-sees-ikm-private";

/**
 * Who sees one response: administrators; the need's firm's members; the responding IKM's members;
 * a foundation while it actively mentors the IKM (the caller asks the IKM rule); nobody else.
 */
export function responseSight(viewer: Viewer, response: ResponseParties): ResponseSight {
  if (viewer.kind !== "user") return false;
  switch (viewer.role) {
    case "ADMIN":
      return true;
    case "FIRM":
      return viewer.firmId === response.firmId;
    case "IKM":
      return viewer.ikmId === response.ikmId;
    default:
      return "if-sees-ikm-private";
  }
}

/**
 * Which responses of a need `ComponentNeed.responses` lists: all (the need's firm, administrators),
 * the viewer's own IKM's (its members), or none (everyone else; a foundation reads its mentees'
 * through `Ikm.responses`).
 */
export function needResponsesScope(viewer: Viewer, need: { firmId: string }): { kind: "all" } | { kind: "ikm"; ikmId: string } | { kind: "none" } {
  if (viewer.kind !== "user") return { kind: "none" };
  if (viewer.role === "ADMIN" || (viewer.role === "FIRM" && viewer.firmId === need.firmId)) return { kind: "all" };
  if (viewer.role === "IKM" && viewer.ikmId) return { kind: "ikm", ikmId: viewer.ikmId };
  return { kind: "none" };
}

/**
 * `Ikm.responses`: for whoever sees the IKM's private side (its members, foundations actively
 * mentoring it, administrators); firms and anonymous viewers get null (a firm reads the responses
 * to its own needs through the need).
 */
export function ikmResponsesSight(viewer: Viewer): false | "if-sees-ikm-private" {
  if (viewer.kind !== "user" || viewer.role === "FIRM") return false;
  return "if-sees-ikm-private";
}

/** `responseReceived`: the need's firm's members and administrators hear of responses to it. */
export function mayHearResponses(viewer: Viewer, need: { firmId: string }): boolean {
  if (viewer.kind !== "user") return false;
  return viewer.role === "ADMIN" || (viewer.role === "FIRM" && viewer.firmId === need.firmId);
}

/** Only firm members and administrators subscribe to responses at all (anyone else: FORBIDDEN, whatever the need). */
export function assertMaySubscribeToResponses(user: UserViewer): void {
  if (user.role !== "ADMIN" && user.role !== "FIRM") throw forbidden("follow responses; only the need's firm can");
}

/** The firm whose needs' responses a subscription without needId follows: a firm member's own; null for an administrator (all). */
export function responsesFirmScope(user: UserViewer): string | null {
  return user.role === "FIRM" ? (user.firmId ?? "00000000-0000-0000-0000-000000000000") : null;
}
