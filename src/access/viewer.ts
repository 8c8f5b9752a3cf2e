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

/**
 * Whether the viewer is this user. Ask this rather than compare `viewer.userId`: a subscription's
 * shared execution (src/api/shared-execution.ts) records the question and its answer, so its answer
 * can still go to every user of the same kind who would answer the question the same way.
 */
export function isUser(viewer: Viewer, userId: string): boolean {
  if (viewer.kind !== "user") return false;
  const watcher = identityWatchers.get(viewer);
  if (!watcher) return viewer.userId === userId;
  const answer = watcher.userId === userId;
  watcher.asked(userId, answer);
  return answer;
}

/** Who a watched viewer is, and what to tell of each question `isUser` answers of it. */
export interface IdentityWatcher {
  readonly userId: string;
  asked(userId: string, answer: boolean): void;
}

const identityWatchers = new WeakMap<object, IdentityWatcher>();

/** Has every `isUser` question of this viewer told to `watcher`, with its answer. */
export function watchIdentity(viewer: UserViewer, watcher: IdentityWatcher): void {
  identityWatchers.set(viewer, watcher);
}

/** Whether this user answers each question "is the viewer this user?" as it was answered. */
export function answersAlike(userId: string, asked: ReadonlyMap<string, boolean>): boolean {
  for (const [asking, answer] of asked) if ((asking === userId) !== answer) return false;
  return true;
}

export const isAdmin = (viewer: Viewer): boolean => viewer.kind === "user" && viewer.role === "ADMIN";

export const forbidden = (what: string) =>
  new DomainError(ErrorCode.FORBIDDEN, `Your account may not ${what}.`);
