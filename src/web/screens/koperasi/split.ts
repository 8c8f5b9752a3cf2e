/**
 * Which members could take part in a need, and a starting split of its monthly quantity among them.
 * The API proposes consortia to buyers only (`consortia` is for firms and administrators), so the
 * console starts the koperasi from what it can read: members who work every process the need asks
 * for (capacity stated in the need's unit), at or above its minimum stage, holding its required
 * certificates on its first day; the largest stated capacity fills first, at most 6 members, at
 * least 2 when 2 qualify. Stated capacity, not free capacity: a member's running contracts are not
 * visible to the koperasi. The koperasi edits the split before sending; the API checks the rules.
 */
import { STAGES } from "../../enums";
import type { Member, Need } from "./queries";

/** The most members a consortium may have (README, "A koperasi answers for a consortium of its members"). */
export const MAX_MEMBERS = 6;

export interface Share { ikmId: string; quantityPerMonth: number }

/** The member's monthly capacity for the need: its smallest over the need's processes, in the need's unit (0 when it lacks one). */
export function capacityFor(member: Member, need: Pick<Need, "processes" | "unit">): number {
  const per = need.processes.map((p) => member.capabilities.find((c) => c.process === p && c.capacityUnit === need.unit)?.monthlyCapacity ?? 0);
  return per.length ? Math.min(...per) : 0;
}

/** What keeps a member out of a need: processes it does not work, too low a stage, certificates it lacks. */
export type Shortfall =
  | { kind: "processes"; processes: Need["processes"] }
  | { kind: "stage" }
  | { kind: "certificates"; certificates: Need["requiredCertifications"] };

/** Why a member cannot take part; empty when it can. */
export function shortfalls(member: Member, need: Need): Shortfall[] {
  const out: Shortfall[] = [];
  const missing = need.processes.filter((p) => !member.capabilities.some((c) => c.process === p && c.capacityUnit === need.unit && c.monthlyCapacity > 0));
  if (missing.length) out.push({ kind: "processes", processes: missing });
  if (STAGES.indexOf(member.currentStage) < STAGES.indexOf(need.minimumStage)) out.push({ kind: "stage" });
  const valid = (type: string) => member.certifications.some((c) => c.type === type && c.validFrom <= need.startDate && (!c.validUntil || c.validUntil >= need.startDate));
  const lacking = need.requiredCertifications.filter((c) => !valid(c));
  if (lacking.length) out.push({ kind: "certificates", certificates: lacking });
  return out;
}

/** Members who meet the need's processes, stage and certificates, largest capacity first (then by name). */
export function qualifying(members: readonly Member[], need: Need): Member[] {
  return members
    .filter((m) => shortfalls(m, need).length === 0)
    .sort((a, b) => capacityFor(b, need) - capacityFor(a, need) || a.legalName.localeCompare(b.legalName));
}

/** A starting split: largest capacity first up to the need's quantity, at most 6 members, 2 when one alone would cover it. */
export function draftSplit(members: readonly Member[], need: Need): Share[] {
  const ranked = qualifying(members, need);
  const shares: Share[] = [];
  let left = need.quantityPerMonth;
  for (const m of ranked) {
    if (left <= 0 || shares.length === MAX_MEMBERS) break;
    const share = Math.min(capacityFor(m, need), left);
    shares.push({ ikmId: m.id, quantityPerMonth: share });
    left -= share;
  }
  if (shares.length === 1 && ranked.length > 1 && need.quantityPerMonth > 1) {
    // A consortium has two members at least: the second takes up to half.
    const second = Math.min(capacityFor(ranked[1], need), Math.floor(need.quantityPerMonth / 2));
    shares[0].quantityPerMonth = need.quantityPerMonth - second;
    shares.push({ ikmId: ranked[1].id, quantityPerMonth: second });
  }
  return shares;
}

/** The sum of the shares. */
export const total = (shares: readonly Share[]): number => shares.reduce((sum, s) => sum + s.quantityPerMonth, 0);
