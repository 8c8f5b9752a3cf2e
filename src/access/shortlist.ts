/**
 * Who may shortlist, award and see shortlist candidates (issue 16). The need's firm and
 * administrators manage a need's shortlist and award it; a candidate is seen by them, by its member
 * IKMs' people and by the foundations actively mentoring a member (the caller asks the IKM rule,
 * IkmService.canSeePrivate, which needs the mentoring foundations); anyone else gets NOT_FOUND for a
 * candidate, null for a need's shortlist or an IKM's candidacies.
 */
import { type UserViewer, type Viewer, forbidden } from "./viewer.js";

/** The parties of a candidate: the need's firm and the member IKMs. */
export interface CandidateParties {
  firmId: string;
  ikmIds: readonly string[];
}

/** Shortlisting, removing and awarding: the need's firm's members and administrators. */
export function mayManageShortlist(user: UserViewer, need: { firmId: string }): boolean {
  return user.role === "ADMIN" || (user.role === "FIRM" && user.firmId === need.firmId);
}

/** Whether a viewer sees a candidate: a plain answer, or whether it sees a member IKM's private side (foundations). */
export type CandidateSight = boolean | "if-sees-a-member-private";

/**
 * Who sees one candidate: administrators; the need's firm's members; a member IKM's people; a
 * foundation while it actively mentors one of the members (the caller asks); nobody else.
 */
export function candidateSight(viewer: Viewer, candidate: CandidateParties): CandidateSight {
  if (viewer.kind !== "user") return false;
  switch (viewer.role) {
    case "ADMIN":
      return true;
    case "FIRM":
      return viewer.firmId === candidate.firmId;
    case "IKM":
      return !!viewer.ikmId && candidate.ikmIds.includes(viewer.ikmId);
    default:
      return "if-sees-a-member-private";
  }
}

/** `ComponentNeed.shortlist`: the need's firm and administrators; null for everyone else (as statusHistory). */
export function maySeeShortlist(viewer: Viewer, need: { firmId: string }): boolean {
  if (viewer.kind !== "user") return false;
  return viewer.role === "ADMIN" || (viewer.role === "FIRM" && viewer.firmId === need.firmId);
}

/**
 * `Ikm.candidacies`: for whoever sees the IKM's private side (its members, foundations actively
 * mentoring it, administrators); firms and anonymous viewers get null (a firm reads its own needs'
 * shortlists through the need).
 */
export function ikmCandidaciesSight(viewer: Viewer): false | "if-sees-ikm-private" {
  if (viewer.kind !== "user" || viewer.role === "FIRM") return false;
  return "if-sees-ikm-private";
}

/** `candidacyChanged(ikmId)`: refused (FORBIDDEN, alike for a missing IKM) unless the viewer sees the IKM's private side. */
export function assertMayFollowCandidacy(seesIkmPrivate: boolean): void {
  if (!seesIkmPrivate) throw forbidden("follow another IKM's candidacies");
}

/** The firms' role check for the subscription: a firm hears of its own needs through responseReceived and queries. */
export function assertMaySubscribeToCandidacy(user: UserViewer): void {
  if (user.role === "FIRM") throw forbidden("follow an IKM's candidacies; the IKM, its mentoring foundations and administrators can");
}
