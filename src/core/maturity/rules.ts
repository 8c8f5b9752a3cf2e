/**
 * Maturity rules, pure: the stage an assessment proposes, the 5R roll-up, and which stage changes
 * are allowed (one step at a time unless overridden with a reason; demotion only with a reason).
 */
import type { MaturityStage } from "../../domain/enums.js";
import { STAGE_ORDER, stageRank } from "../../domain/stages.js";
import { FIVE_R_SECTIONS, type FiveRSection, MATURITY, PILLARS, type Pillar } from "./config.js";

/** Mean of the five pillar scores, rounded to two decimals as stored. */
export function pillarAverage(scores: Record<Pillar, number>): number {
  const sum = PILLARS.reduce((s, p) => s + scores[p], 0);
  return Math.round((sum / PILLARS.length) * 100) / 100;
}

/** The highest stage whose threshold the average reaches (MATURITY.stageThresholds). */
export function proposeStage(average: number, thresholds: Record<Exclude<MaturityStage, "PEMULA">, number> = MATURITY.stageThresholds): MaturityStage {
  let stage: MaturityStage = "PEMULA";
  for (const s of STAGE_ORDER.slice(1) as Exclude<MaturityStage, "PEMULA">[]) {
    if (average >= thresholds[s]) stage = s;
  }
  return stage;
}

export interface FiveRItem {
  section: FiveRSection;
  item: string;
  score: number;
}

/** 5R items scored 0..2, rolled up to a percentage of the highest possible score (two decimals). */
export function fiveRPercent(items: readonly FiveRItem[]): number | null {
  if (items.length === 0) return null;
  const sum = items.reduce((s, i) => s + i.score, 0);
  return Math.round((sum / (items.length * MATURITY.fiveRItemMax)) * 10000) / 100;
}

/** Per-section percentages, for reports. */
export function fiveRBySection(items: readonly FiveRItem[]): Partial<Record<FiveRSection, number>> {
  const out: Partial<Record<FiveRSection, number>> = {};
  for (const section of FIVE_R_SECTIONS) {
    const percent = fiveRPercent(items.filter((i) => i.section === section));
    if (percent !== null) out[section] = percent;
  }
  return out;
}

export interface StageChangeRequest {
  from: MaturityStage;
  to: MaturityStage;
  /** Trimmed reason, or null. */
  reason: string | null;
  override: boolean;
  /** The stage proposed by the assessment the change cites, if it cites one. */
  assessedStage: MaturityStage | null;
}

/** Why a stage change is refused, in words a foundation officer can act on; null when it is allowed. */
export function stageChangeProblem(r: StageChangeRequest): string | null {
  const step = stageRank(r.to) - stageRank(r.from);
  const reasoned = (r.reason?.length ?? 0) >= MATURITY.minReasonLength;
  if (step === 0) return `The IKM is already ${r.to}.`;
  if (Math.abs(step) > 1 && !(r.override && reasoned)) {
    return `${r.from} to ${r.to} skips ${Math.abs(step) - 1} stage(s): stages change one at a time unless you set override with a reason of at least ${MATURITY.minReasonLength} characters.`;
  }
  if (r.override && !reasoned) return `An override needs a reason of at least ${MATURITY.minReasonLength} characters.`;
  if (step < 0 && !reasoned) return `A demotion from ${r.from} to ${r.to} needs a reason of at least ${MATURITY.minReasonLength} characters.`;
  if (step > 0 && !r.override) {
    if (!r.assessedStage) return `A promotion to ${r.to} cites an assessment proposing at least ${r.to} (assessmentId), or is an override with a reason.`;
    if (stageRank(r.assessedStage) < stageRank(r.to)) {
      return `The cited assessment proposes ${r.assessedStage}, below ${r.to}: record a new assessment, or override with a reason.`;
    }
  }
  return null;
}

/**
 * The first day (YYYY-MM-DD, UTC) an assessment must be on or after to count as current: `months`
 * calendar months before `today`, clamped to the target month's last day as PostgreSQL's interval
 * arithmetic does (31 March less one month is 28 or 29 February, not 3 March). One rule for the
 * dashboard's due list, the mentee filter and the evidence a promotion may cite.
 */
export function reassessmentCutoff(today: Date = new Date(), months: number = MATURITY.reassessAfterMonths): string {
  const target = today.getUTCFullYear() * 12 + today.getUTCMonth() - months;
  const year = Math.floor(target / 12);
  const month = target - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(today.getUTCDate(), lastDay))).toISOString().slice(0, 10);
}
