/**
 * Who may do what with maturity records: mentorships, assessments, stage changes, dashboards, and
 * the live streams of maturity.subscription.ts. Pure decisions over the viewer and the facts the
 * caller read (a foundation's scope: it and its regional centres; the foundations mentoring an IKM).
 * A foundation's people act for their foundation and every regional centre below it.
 */
import { notFound } from "../domain/errors.js";
import { type UserViewer, type Viewer, forbidden, isAdmin, requireUser } from "./viewer.js";

/** The foundation a viewer belongs to as one of its people, whose scope they act for; null for anyone else. */
export const homeFoundation = (viewer: Viewer): string | null =>
  viewer.kind === "user" && viewer.role === "FOUNDATION" && viewer.foundationId ? viewer.foundationId : null;

/** The IKM a viewer belongs to as one of its members; null for anyone else. */
export const ownIkm = (viewer: Viewer): string | null => (viewer.kind === "user" && viewer.role === "IKM" ? viewer.ikmId : null);

/**
 * A foundation's dashboard: for its own people, those of the foundations above it (`ownScope`
 * holds the foundation: the scope of the viewer's home foundation) and administrators. Anyone else
 * is refused alike, whether the foundation exists or not. Answers how the viewer may see it.
 */
export function assertMaySeeDashboard(viewer: Viewer, foundationId: string, ownScope: readonly string[] | null): "own" | "admin" {
  const user = requireUser(viewer);
  if (ownScope?.includes(foundationId)) return "own";
  if (user.role !== "ADMIN") throw forbidden("see another foundation's dashboard");
  return "admin";
}

/** A foundation's mentee list: the same people as its dashboard; false (a null list) for anyone else. */
export function mayListMentees(viewer: Viewer, foundationId: string, ownScope: readonly string[] | null): boolean {
  if (viewer.kind !== "user") return false;
  return isAdmin(viewer) || !!ownScope?.includes(foundationId);
}

/**
 * Assessing and grading an IKM: administrators act for any mentoring foundation ("admin"); a
 * foundation's people for their home foundation's scope (its id). Anyone else: FORBIDDEN.
 */
export function assessorOf(user: UserViewer): { admin: true } | { admin: false; home: string } {
  if (user.role === "ADMIN") return { admin: true };
  const home = homeFoundation(user);
  if (!home) throw forbidden("assess or grade IKMs; foundation members do");
  return { admin: false, home };
}

/**
 * The foundations of the viewer's scope that actively mentor the IKM (`active`, longest-standing
 * first): not one, FORBIDDEN, whether the IKM exists or not.
 */
export function assertMentorsIkm(active: readonly string[], scope: readonly string[]): string[] {
  const mine = active.filter((f) => scope.includes(f));
  if (mine.length === 0) throw forbidden("assess or grade an IKM your foundation does not mentor");
  return mine;
}

/**
 * Who may start a mentorship: a foundation's people (proposing it, PENDING until the IKM accepts)
 * and administrators (ACTIVE at once). Anyone else: FORBIDDEN.
 */
export function mentorshipStarter(viewer: Viewer): { admin: true; status: "ACTIVE" } | { admin: false; home: string; status: "PENDING" } {
  const user = requireUser(viewer);
  const home = homeFoundation(user);
  if (home) return { admin: false, home, status: "PENDING" };
  if (user.role === "ADMIN") return { admin: true, status: "ACTIVE" };
  throw forbidden("start mentorships; foundation members do");
}

/** Accepting a proposed mentorship: the IKM it is for, and administrators. */
export const mayAcceptMentorship = (user: UserViewer, mentorship: { ikmId: string }): boolean =>
  user.role === "ADMIN" || ownIkm(user) === mentorship.ikmId;

/**
 * Who ends a mentorship, and as whom: an administrator, the mentored IKM, or the people of the
 * mentoring foundation (`homeScope`: the scope of the viewer's home foundation); null for anyone else.
 */
export function mentorshipEnder(user: UserViewer, mentorship: { ikmId: string; foundationId: string }, homeScope: readonly string[] | null): "admin" | "ikm" | "foundation" | null {
  if (ownIkm(user) === mentorship.ikmId) return "ikm";
  if (homeScope?.includes(mentorship.foundationId)) return "foundation";
  return user.role === "ADMIN" ? "admin" : null;
}

// ---- live streams -------------------------------------------------------------------------------

/** Following an IKM's stage changes: whoever sees its maturity records (`sees`). */
export function assertMayFollowStageChanges(sees: boolean): void {
  if (!sees) throw forbidden("follow another IKM's stage changes");
}

/** Hearing an IKM's opportunities: whoever sees its private side (`sees`). */
export function assertMayHearOpportunities(sees: boolean): void {
  if (!sees) throw forbidden("hear another IKM's opportunities");
}

/** Whether the viewer asks of an IKM's stream only while its foundation mentors the IKM: checked again per event. */
export const seesWhileMentoring = (viewer: Viewer): boolean => viewer.kind === "user" && viewer.role === "FOUNDATION";

/** Following the suppliers matched to a need: its firm's people and administrators (role first, for any need id). */
export function assertMayFollowMatches(user: UserViewer): void {
  if (user.role !== "FIRM" && user.role !== "ADMIN") throw forbidden("follow the suppliers matched to a need; its firm does");
}

/** Another firm's need answers like a missing one. */
export function assertNeedOfViewer(user: UserViewer, need: { id: string; firmId: string }): void {
  if (user.role === "FIRM" && user.firmId !== need.firmId) throw notFound("Component need", need.id);
}
