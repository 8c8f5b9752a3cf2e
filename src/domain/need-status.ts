import type { NeedStatus } from "../domain/enums.js";

/**
 * Lifecycle of a component need. A firm drafts it, opens it to suppliers, shortlists candidates,
 * awards it and closes it when the partnership runs; it may cancel any need not yet awarded or closed.
 * A shortlist can be reopened (OPEN) when no candidate works out.
 */
export const NEED_TRANSITIONS: Readonly<Record<NeedStatus, readonly NeedStatus[]>> = {
  DRAFT: ["OPEN", "CANCELLED"],
  OPEN: ["SHORTLISTED", "CANCELLED"],
  SHORTLISTED: ["AWARDED", "OPEN", "CANCELLED"],
  AWARDED: ["CLOSED"],
  CLOSED: [],
  CANCELLED: [],
};

export const canTransition = (from: NeedStatus, to: NeedStatus): boolean => NEED_TRANSITIONS[from].includes(to);

/** Needs suppliers may see: published and not yet decided. */
export const PUBLISHED_STATUSES: readonly NeedStatus[] = ["OPEN", "SHORTLISTED"];

/** Statuses in which the firm may still edit the need's terms. */
export const EDITABLE_STATUSES: readonly NeedStatus[] = ["DRAFT", "OPEN"];

/** Needs that can still be given to suppliers (consortia, allocation): not yet awarded, closed or cancelled. */
export const UNDECIDED_STATUSES: readonly NeedStatus[] = ["DRAFT", "OPEN", "SHORTLISTED"];

/** Needs a partnership may cite: awarded (CLOSED follows AWARDED only, when the partnership runs). */
export const AWARDED_STATUSES: readonly NeedStatus[] = ["AWARDED", "CLOSED"];

/**
 * Which needs a signed-in viewer sees, for a query to filter on: all (administrators), one firm's
 * (its members; `firmId` null for a firm account without a firm, which sees none), or the published
 * ones (everyone else). access/needs.ts (needScope) decides it; the needs repository filters by it.
 */
export type NeedScope = { kind: "all" } | { kind: "firm"; firmId: string | null } | { kind: "published" };
