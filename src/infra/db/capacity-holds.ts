/**
 * The capacity-holding rule (src/domain/partnership-status.ts) as the two query languages say it:
 * a Prisma filter and a SQL condition. Every read of partnerships that hold capacity uses one.
 */
import { AWARD_HOLDING_STATUSES, HOLDING_STATUSES } from "../../domain/partnership-status.js";

/** Prisma `where` for partnerships holding capacity: ACTIVE, or PENDING written by an award. */
export const HOLDS_CAPACITY = {
  OR: [{ status: { in: [...HOLDING_STATUSES] } }, { status: { in: [...AWARD_HOLDING_STATUSES] }, candidateId: { not: null } }],
};

const list = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(", ");

/** The same as a SQL condition on the "Partnership" row aliased `alias`. */
export const holdsCapacitySql = (alias: string): string =>
  `(${alias}.status IN (${list(HOLDING_STATUSES)}) OR (${alias}.status IN (${list(AWARD_HOLDING_STATUSES)}) AND ${alias}."candidateId" IS NOT NULL))`;
