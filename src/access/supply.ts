/**
 * Who may ask joint supply. Consortia: firms (their own needs), administrators (any), and a
 * koperasi's managers (needs they see, drawn from their koperasi's members only). Allocations:
 * firms (their own needs) and administrators.
 */
import { type UserViewer, type Viewer, forbidden, requireUser } from "./viewer.js";

const firmOrAdmin = (user: UserViewer): boolean => user.role === "ADMIN" || user.role === "FIRM";

/** Firms and administrators; `what` names the refusal ("allocate needs; firms allocate their own"). */
export function assertMayPlanSupply(viewer: Viewer, what: string): UserViewer {
  const user = requireUser(viewer);
  if (!firmOrAdmin(user)) throw forbidden(what);
  return user;
}

/**
 * Whose IKMs a consortia answer draws its members from: every eligible IKM (a firm, for its own
 * needs, and administrators), or the members of one koperasi (its managers, implied by the
 * account: a manager names no koperasi and sees no other's). The need itself is checked as any
 * read of it is (needScope): a firm's own, for a koperasi's managers OPEN and SHORTLISTED ones.
 */
export type ConsortiaScope = { kind: "all" } | { kind: "koperasi"; koperasiId: string };

export function consortiaScope(viewer: Viewer): ConsortiaScope {
  const user = requireUser(viewer);
  if (firmOrAdmin(user)) return { kind: "all" };
  if (user.role === "KOPERASI" && user.koperasiId) return { kind: "koperasi", koperasiId: user.koperasiId };
  throw forbidden("propose consortia; firms ask for their own needs, a koperasi's managers for their members");
}

export function assertMayAllocate(viewer: Viewer): UserViewer {
  return assertMayPlanSupply(viewer, "allocate needs; firms allocate their own");
}

/**
 * Whose needs an allocation may place: null for an administrator (any firm's), else the firm's id
 * (a member without a firm matches no need). Others' needs answer as missing.
 */
export function allocatableFirmId(user: UserViewer): string | null {
  if (user.role === "ADMIN") return null;
  return user.firmId ?? "00000000-0000-0000-0000-000000000000";
}
