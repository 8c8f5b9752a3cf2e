/**
 * Who may change and audit the vocabulary (issue 23): administrators add words and read the list of
 * added words with who added them; every signed-in user looks words up (processTerms,
 * vocabularySuggestions) and everyone searches with them (ikms' processTerm).
 */
import { type UserViewer, type Viewer, forbidden, requireUser } from "./viewer.js";

export function mayChangeVocabulary(viewer: Viewer): boolean {
  return viewer.kind === "user" && viewer.role === "ADMIN";
}

/** Administrators only; anyone else signed in is FORBIDDEN, an anonymous viewer UNAUTHENTICATED. */
export function assertMayChangeVocabulary(viewer: Viewer): UserViewer {
  const user = requireUser(viewer);
  if (!mayChangeVocabulary(user)) throw forbidden("add words to the vocabulary; administrators do");
  return user;
}

/** The audit list (who added which word): administrators only. */
export function assertMayAuditVocabulary(viewer: Viewer): UserViewer {
  const user = requireUser(viewer);
  if (!mayChangeVocabulary(user)) throw forbidden("read who added which word; administrators do");
  return user;
}
