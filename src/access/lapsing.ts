/**
 * Who may list (and hear of) an IKM's lapsing certificates (issue 22): for one IKM, those who see its
 * private side (its people, a foundation mentoring it, administrators); for a foundation, its own
 * people (and those of a foundation above it) and administrators, as its mentee list.
 */
import { type IkmPrivacyFacts, maySeeIkmPrivate } from "./ikms.js";
import { mayListMentees } from "./maturity.js";
import { type Viewer, forbidden, requireUser } from "./viewer.js";

export function assertMayWatchIkmCertificates(viewer: Viewer, facts: IkmPrivacyFacts): void {
  const user = requireUser(viewer);
  if (!maySeeIkmPrivate(viewer, facts)) throw forbidden(user.role === "IKM" ? "see another IKM's certificates" : "see the certificates of an IKM your foundation does not mentor");
}

export function assertMayWatchFoundationCertificates(viewer: Viewer, foundationId: string, ownScope: readonly string[] | null): void {
  requireUser(viewer);
  if (!mayListMentees(viewer, foundationId, ownScope)) throw forbidden("see another foundation's mentees' certificates");
}

/** One certificate event: who hears it (the IKM itself, any foundation above one mentoring it, administrators). */
export function mayHearCertificateLapse(viewer: Viewer, facts: IkmPrivacyFacts): boolean {
  return maySeeIkmPrivate(viewer, facts);
}
