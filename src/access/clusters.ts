/** Who may register sentra and koperasi. Joining and leaving one follows who may edit the IKM. */
import { type Viewer, forbidden, requireUser } from "./viewer.js";

/** Sentra are registered by administrators and by mentoring foundations. */
export function assertMayCreateSentra(viewer: Viewer): void {
  const user = requireUser(viewer);
  if (user.role !== "ADMIN" && user.role !== "FOUNDATION") throw forbidden("register a sentra");
}

/** Koperasi are registered by administrators (a koperasi is a legal entity with a registration). */
export function assertMayCreateKoperasi(viewer: Viewer): void {
  const user = requireUser(viewer);
  if (user.role !== "ADMIN") throw forbidden("register a koperasi");
}
