/**
 * Who records a partnership's monthly deliveries and an IKM's 5R audits. Pure decisions over the
 * viewer and the facts the caller read (the partnership's parties; the foundations mentoring the
 * IKM, with those above them; the firms holding an ACTIVE partnership with it).
 */
import { type IkmPrivacyFacts, maySeeIkmPrivate } from "./ikms.js";
import type { UserViewer } from "./viewer.js";
import { forbidden } from "./viewer.js";

/**
 * Deliveries under a partnership are recorded by the buying firm's members and administrators.
 * False for anyone else: the caller answers NOT_FOUND, as for a missing partnership (another firm's
 * partnership is not theirs to know of). Other roles never get here (@Authorized("FIRM", "ADMIN")).
 */
export function mayRecordDelivery(user: UserViewer, partnership: { firmId: string }): boolean {
  return user.role === "ADMIN" || (user.role === "FIRM" && !!user.firmId && user.firmId === partnership.firmId);
}

/** What deciding a 5R auditor needs to know of the IKM. */
export interface FiveRAuditFacts extends IkmPrivacyFacts {
  /** The firms with an ACTIVE partnership with the IKM. Needed only for a firm's members; otherwise []. */
  activeFirmIds: readonly string[];
}

/** Whether fiveRAuditor needs the IKM's firms (a firm's member asks) or its mentors (a foundation's). */
export function fiveRAuditNeeds(user: UserViewer): "firms" | "mentors" | "nothing" {
  if (user.role === "FIRM") return "firms";
  if (user.role === "FOUNDATION" && user.foundationId) return "mentors";
  return "nothing";
}

/**
 * A 5R audit of an IKM is recorded by an administrator, the people of a foundation that mentors it
 * now (or one above that foundation: the IKM private-side rule, maySeeIkmPrivate), or the members of
 * a firm with an ACTIVE partnership with it (a buyer audits its supplier's shop floor). The IKM
 * itself does not audit itself. Anyone else: FORBIDDEN, whether the IKM exists or not (a missing
 * IKM has no mentors and no partnerships). Answers as whom the audit is recorded.
 */
export function fiveRAuditor(user: UserViewer, facts: FiveRAuditFacts): "admin" | "foundation" | "firm" {
  if (user.role === "ADMIN") return "admin";
  if (user.role === "FOUNDATION" && maySeeIkmPrivate(user, facts)) return "foundation";
  if (user.role === "FIRM" && user.firmId && facts.activeFirmIds.includes(user.firmId)) return "firm";
  throw forbidden(
    user.role === "IKM"
      ? "record 5R audits; a mentoring foundation or a buying firm audits an IKM"
      : "record a 5R audit of an IKM your foundation does not mentor, or your firm has no active partnership with",
  );
}
