/** Who may ask joint supply: consortia and allocations are for firms (their own needs) and administrators. */
import { type UserViewer, type Viewer, forbidden, requireUser } from "./viewer.js";

const firmOrAdmin = (user: UserViewer): boolean => user.role === "ADMIN" || user.role === "FIRM";

/** Firms and administrators; `what` names the refusal ("propose consortia for another firm's need"). */
export function assertMayPlanSupply(viewer: Viewer, what: string): UserViewer {
  const user = requireUser(viewer);
  if (!firmOrAdmin(user)) throw forbidden(what);
  return user;
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
