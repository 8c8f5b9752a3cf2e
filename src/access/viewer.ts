import type { UserRole } from "../domain/enums.js";
import { DomainError, ErrorCode } from "../domain/errors.js";

/** Who is asking: taken from a verified token, or anonymous. */
export type Viewer =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: string;
      role: UserRole;
      firmId: string | null;
      foundationId: string | null;
      ikmId: string | null;
      /** The koperasi a KOPERASI user manages (left out or null for every other role). */
      koperasiId?: string | null;
    };

export const ANONYMOUS: Viewer = { kind: "anonymous" };

export type UserViewer = Extract<Viewer, { kind: "user" }>;

export function requireUser(viewer: Viewer): UserViewer {
  if (viewer.kind !== "user") {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, "Sign in first: send an Authorization: Bearer <token> header.");
  }
  return viewer;
}

export const isAdmin = (viewer: Viewer): boolean => viewer.kind === "user" && viewer.role === "ADMIN";

export const forbidden = (what: string) =>
  new DomainError(ErrorCode.FORBIDDEN, `Your account may not ${what}.`);
