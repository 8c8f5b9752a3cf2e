/**
 * Who may see and change an IKM's private side (financials, assessments, stage history, its
 * profile's edits): the one rule, over facts the caller fetched.
 */
import { type Viewer, forbidden, requireUser } from "./viewer.js";

/** What the rule needs to know of one IKM. */
export interface IkmPrivacyFacts {
  ikmId: string;
  /**
   * The foundations actively mentoring it, with every foundation above them. Needed only when
   * `ikmPrivacyNeedsMentors(viewer)`; otherwise pass [] (and spare the query).
   */
  mentoringFoundationIds: readonly string[];
}

/** Whether maySeeIkmPrivate decides this viewer by the IKM's mentoring foundations (a foundation's people). */
export function ikmPrivacyNeedsMentors(viewer: Viewer): boolean {
  return viewer.kind === "user" && viewer.role === "FOUNDATION" && !!viewer.foundationId;
}

/**
 * Owners, administrators and the people of a foundation (or one above it) that mentors the IKM
 * now see its private side; nobody else, anonymous viewers included.
 */
export function maySeeIkmPrivate(viewer: Viewer, facts: IkmPrivacyFacts): boolean {
  if (viewer.kind !== "user") return false;
  if (viewer.role === "ADMIN") return true;
  if (viewer.role === "IKM") return viewer.ikmId === facts.ikmId;
  if (viewer.role === "FOUNDATION" && viewer.foundationId) return facts.mentoringFoundationIds.includes(viewer.foundationId);
  return false;
}

/**
 * Who may edit an IKM profile (its capabilities, machines, certifications): exactly those who see
 * its private side. UNAUTHENTICATED for anonymous viewers, FORBIDDEN for everyone else.
 */
export function assertMayEditIkm(viewer: Viewer, facts: IkmPrivacyFacts): void {
  const user = requireUser(viewer);
  if (!maySeeIkmPrivate(viewer, facts)) {
    throw forbidden(user.role === "IKM" ? "change another IKM's profile" : "change this IKM's profile");
  }
}
