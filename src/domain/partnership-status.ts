import type { PartnershipStatus } from "./enums.js";

/**
 * Which partnerships hold an IKM's capacity: THE rule every capacity count reads (matches,
 * explainMatch, opportunities and the match index; consortia and allocate; recordPartnership,
 * acceptPartnership and awardNeed), so a supplier the matcher shows as free can be awarded, and one
 * that cannot be awarded no longer looks free.
 *
 * - ACTIVE: the IKM supplies; it holds its quantity until it ends.
 * - PENDING written by an award (awardNeed, `candidateId` set): holds from the award on, until the
 *   IKM accepts it (ACTIVE) or declines it (endPartnership, ENDED). The firm that awarded is owed
 *   the capacity while the IKM decides, and the IKM took part in getting there (it was shortlisted,
 *   its samples approved); if it held nothing, matches and consortia would offer the same capacity
 *   to the next firm, whose award would then be refused.
 * - PENDING recorded by a firm (recordPartnership, no award): holds nothing until the IKM accepts
 *   it. Any firm can record one with any IKM, unasked; if proposals held capacity, one firm could
 *   make an IKM look full to every other buyer without its consent. The IKM learns of a clash only
 *   when it accepts (CONFLICT: decline one), which is its own decision to make.
 * - ENDED: nothing.
 */
export const HOLDING_STATUSES: readonly PartnershipStatus[] = ["ACTIVE"];

/** Statuses that hold capacity only for a partnership an award wrote (candidateId set). */
export const AWARD_HOLDING_STATUSES: readonly PartnershipStatus[] = ["PENDING"];

/** Whether the partnership holds its IKM's capacity (see above). */
export const holdsCapacity = (p: { status: PartnershipStatus; candidateId: string | null }): boolean =>
  HOLDING_STATUSES.includes(p.status) || (AWARD_HOLDING_STATUSES.includes(p.status) && p.candidateId !== null);
