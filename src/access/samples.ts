/**
 * Who may ask for samples, send them, decide on them and see them. The need's firm (and
 * administrators) asks a shortlisted candidate for samples, decides on them and cancels them, and
 * sees every sample of its need; the sampled IKM's members send its sample and see their IKM's;
 * foundations actively mentoring the IKM see its samples (read-only, through the IKM's private
 * side: IkmService.canSeePrivate). Anyone else is answered as for a missing sample.
 */
import { type UserViewer, type Viewer, forbidden } from "./viewer.js";

/** The parties of a sample: the need's firm and the sampled IKM. */
export interface SampleParties {
  firmId: string;
  ikmId: string;
}

/** Asking for, deciding on and cancelling samples: firm members and administrators (the need decides further). */
export function assertMayManageSamples(user: UserViewer): void {
  if (user.role !== "ADMIN" && user.role !== "FIRM") throw forbidden("ask for or decide on samples; only the need's firm can");
}

/** The need's firm's members and administrators act on the need's samples; another firm's answers like a missing one. */
export function mayManageSamplesOf(user: UserViewer, need: { firmId: string }): boolean {
  return user.role === "ADMIN" || (user.role === "FIRM" && user.firmId === need.firmId);
}

/** Sending samples: IKM members and administrators (the sample's IKM decides further). */
export function assertMaySubmitSamples(user: UserViewer): void {
  if (user.role !== "ADMIN" && user.role !== "IKM") throw forbidden("submit samples; only the sampled IKM's members can");
}

/** The sampled IKM's members and administrators send a sample; another IKM's answers like a missing one. */
export function maySubmitSample(user: UserViewer, sample: Pick<SampleParties, "ikmId">): boolean {
  return user.role === "ADMIN" || (user.role === "IKM" && user.ikmId === sample.ikmId);
}

/** What decides whether a viewer sees a sample: a plain answer, or whether it sees the IKM's private side (mentoring foundations). */
export type SampleSight = boolean | "if-sees-ikm-private";

/** Who sees one sample: administrators, the need's firm, the sampled IKM's members, its mentoring foundations. */
export function sampleSight(viewer: Viewer, sample: SampleParties): SampleSight {
  if (viewer.kind !== "user") return false;
  switch (viewer.role) {
    case "ADMIN":
      return true;
    case "FIRM":
      return viewer.firmId === sample.firmId;
    case "IKM":
      return viewer.ikmId === sample.ikmId;
    default:
      return "if-sees-ikm-private";
  }
}

/** `ComponentNeed.samples`: the need's firm's members and administrators; null for everyone else. */
export function maySeeNeedSamples(viewer: Viewer, need: { firmId: string }): boolean {
  return viewer.kind === "user" && (viewer.role === "ADMIN" || (viewer.role === "FIRM" && viewer.firmId === need.firmId));
}

/**
 * `Ikm.sampleRequests`: for whoever sees the IKM's private side (its members, foundations actively
 * mentoring it, administrators); firms and anonymous viewers get null (a firm reads its needs' samples
 * through the need or the candidate).
 */
export function ikmSamplesSight(viewer: Viewer): false | "if-sees-ikm-private" {
  if (viewer.kind !== "user" || viewer.role === "FIRM") return false;
  return "if-sees-ikm-private";
}
