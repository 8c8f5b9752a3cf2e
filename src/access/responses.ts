/**
 * Who may answer a need and who sees the answers. An IKM's members answer for their own IKM, a
 * koperasi's managers for a consortium of its members (an administrator names the IKM or the
 * koperasi); the need's firm and administrators see every response to it; the responding IKM sees
 * its own; a consortium response is seen by its koperasi's managers and its member IKMs' members;
 * foundations see the responses of IKMs they actively mentor, and the consortium responses those
 * IKMs are members of (read-only, through the IKM's private side: IkmService.canSeePrivate); other IKMs, other koperasi and other firms never see them, and a
 * response they name answers like a missing one.
 */
import { badInput } from "../domain/errors.js";
import { type UserViewer, type Viewer, forbidden } from "./viewer.js";

/**
 * The parties of a response: the need's firm and the responder, one IKM or one koperasi answering for
 * a consortium (`memberIkmIds`: its members now; [] for an IKM's own response).
 */
export interface ResponseParties {
  firmId: string;
  ikmId: string | null;
  koperasiId?: string | null;
  memberIkmIds?: readonly string[];
}

/** Who a new response answers for: one IKM, or one koperasi for a consortium of its members. */
export type Responder = { kind: "ikm"; ikmId: string; namedByAdmin: boolean } | { kind: "koperasi"; koperasiId: string; namedByAdmin: boolean };

/**
 * The responder of a new response: an IKM member's own IKM, a koperasi manager's own koperasi
 * (naming another IKM or koperasi is FORBIDDEN); an administrator names exactly one of the two;
 * nobody else responds (firms and foundations: FORBIDDEN).
 */
export function responderFor(user: UserViewer, named: { ikmId?: string | null; koperasiId?: string | null }): Responder {
  if (user.role === "IKM" && user.ikmId) {
    if (named.koperasiId) throw forbidden("respond for a koperasi; its managers answer for its consortia");
    if (named.ikmId && named.ikmId !== user.ikmId) throw forbidden("respond for another IKM");
    return { kind: "ikm", ikmId: user.ikmId, namedByAdmin: false };
  }
  if (user.role === "KOPERASI" && user.koperasiId) {
    if (named.ikmId) throw forbidden("respond for an IKM alone; a koperasi answers for a consortium of its members (input.members)");
    if (named.koperasiId && named.koperasiId !== user.koperasiId) throw forbidden("respond for another koperasi");
    return { kind: "koperasi", koperasiId: user.koperasiId, namedByAdmin: false };
  }
  if (user.role === "ADMIN") {
    if (named.ikmId && named.koperasiId) {
      throw badInput("Name the IKM or the koperasi answering, not both.", [{ path: "input.koperasiId", message: "give either input.ikmId or input.koperasiId" }]);
    }
    if (named.koperasiId) return { kind: "koperasi", koperasiId: named.koperasiId, namedByAdmin: true };
    if (!named.ikmId) throw badInput("An administrator must name the IKM (input.ikmId) or the koperasi (input.koperasiId).", [{ path: "input.ikmId", message: "required for administrators (or input.koperasiId)" }]);
    return { kind: "ikm", ikmId: named.ikmId, namedByAdmin: true };
  }
  throw forbidden("respond to component needs; only IKM members and koperasi managers can");
}

/** The IKM a response is submitted for (an IKM's own response only; see responderFor). */
export function respondingIkm(user: UserViewer, ikmIdForAdmin?: string | null): { ikmId: string; namedByAdmin: boolean } {
  const responder = responderFor(user, { ikmId: ikmIdForAdmin });
  if (responder.kind !== "ikm") throw forbidden("respond for an IKM alone");
  return { ikmId: responder.ikmId, namedByAdmin: responder.namedByAdmin };
}

/** Revising or withdrawing: the responding IKM's members, the answering koperasi's managers, or an administrator. */
export function mayActOnResponse(user: UserViewer, response: Pick<ResponseParties, "ikmId" | "koperasiId">): boolean {
  if (user.role === "ADMIN") return true;
  if (user.role === "IKM") return !!response.ikmId && user.ikmId === response.ikmId;
  if (user.role === "KOPERASI") return !!response.koperasiId && user.koperasiId === response.koperasiId;
  return false;
}

/** What decides whether a viewer sees a response: a plain answer, or whether it sees the IKM's private side (mentoring foundations). */
export type ResponseSight = boolean | "if-sees-ikm-private";

/**
 * Who sees one response: administrators; the need's firm's members; the responding IKM's members,
 * and for a consortium response the answering koperasi's managers and its member IKMs' members; a
 * foundation while it actively mentors the responding IKM, or a member of the consortium (the
 * caller asks the IKM rule, as Ikm.responses lists them); nobody else.
 */
export function responseSight(viewer: Viewer, response: ResponseParties): ResponseSight {
  if (viewer.kind !== "user") return false;
  switch (viewer.role) {
    case "ADMIN":
      return true;
    case "FIRM":
      return viewer.firmId === response.firmId;
    case "IKM":
      return !!viewer.ikmId && (viewer.ikmId === response.ikmId || (response.memberIkmIds ?? []).includes(viewer.ikmId));
    case "KOPERASI":
      return !!viewer.koperasiId && viewer.koperasiId === response.koperasiId;
    default:
      return response.ikmId || (response.memberIkmIds ?? []).length ? "if-sees-ikm-private" : false;
  }
}

/** Which responses of a need a viewer lists (see needResponsesScope). */
export type NeedResponsesScope = { kind: "all" } | { kind: "ikm"; ikmId: string } | { kind: "koperasi"; koperasiId: string } | { kind: "none" };

/**
 * Which responses of a need `ComponentNeed.responses` lists: all (the need's firm, administrators),
 * the viewer's own IKM's and the consortium responses it is a member of (IKM members), the viewer's
 * koperasi's (its managers), or none (everyone else; a foundation reads its mentees' through
 * `Ikm.responses`).
 */
export function needResponsesScope(viewer: Viewer, need: { firmId: string }): NeedResponsesScope {
  if (viewer.kind !== "user") return { kind: "none" };
  if (viewer.role === "ADMIN" || (viewer.role === "FIRM" && viewer.firmId === need.firmId)) return { kind: "all" };
  if (viewer.role === "IKM" && viewer.ikmId) return { kind: "ikm", ikmId: viewer.ikmId };
  if (viewer.role === "KOPERASI" && viewer.koperasiId) return { kind: "koperasi", koperasiId: viewer.koperasiId };
  return { kind: "none" };
}

/** `Koperasi.responses`: the koperasi's own managers and administrators; null for everyone else. */
export function maySeeKoperasiResponses(viewer: Viewer, koperasiId: string): boolean {
  if (viewer.kind !== "user") return false;
  return viewer.role === "ADMIN" || (viewer.role === "KOPERASI" && viewer.koperasiId === koperasiId);
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
