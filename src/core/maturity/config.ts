/**
 * Every number maturity tracking uses, in one place. YDBA's yearly "assessment
 * kemandirian" decides the stage; the production pillar's items are published, other pillars exist
 * (marketing, finance, HR, EHS); no official thresholds are published. One public self-assessment
 * tool averages pillar scores 0-100 with cut-offs 25/50/75: Jalin's defaults, stated as an assumption.
 */
import type { MaturityStage } from "../../domain/enums.js";

/** The five pillars an assessment scores, each 0..100. */
export const PILLARS = ["production", "marketing", "finance", "hr", "ehs"] as const;
export type Pillar = (typeof PILLARS)[number];

/** The production pillar's published items (README, Sources), each 0..100. */
export const PRODUCTION_ITEMS = [
  "costControl",
  "qualityControl",
  "sopConformity",
  "onTimeDelivery",
  "wasteHandling",
  "fiveR",
  "training",
  "orderFulfilment",
] as const;

/** The five 5R sections (5S): ringkas, rapi, resik, rawat, rajin; each audit item is scored 0, 1 or 2. */
export const FIVE_R_SECTIONS = ["RINGKAS", "RAPI", "RESIK", "RAWAT", "RAJIN"] as const;
export type FiveRSection = (typeof FIVE_R_SECTIONS)[number];

export const MATURITY = {
  /**
   * Lowest pillar average (0..100) for each stage above PEMULA. ASSUMPTION: no official thresholds
   * are published (README, Sources); these are the public tool's cut-offs 25/50/75.
   */
  stageThresholds: { MADYA: 25, PRAMANDIRI: 50, MANDIRI: 75 } satisfies Record<Exclude<MaturityStage, "PEMULA">, number>,
  /** Assessments are yearly (README, Sources): a mentee with none in this many months is due for one. */
  reassessAfterMonths: 12,
  /** The window of the dashboard's "share promoted". */
  promotionWindowMonths: 12,
  /** Highest 5R item score; items are scored 0..2 and rolled up to a percentage. */
  fiveRItemMax: 2,
  /** Shortest reason a demotion or an override must give (a word or two is not a reason). */
  minReasonLength: 10,
  /** 5R items one assessment may record (a full audit sheet has a few dozen). */
  maxFiveRItems: 100,
  maxEvidenceLinks: 20,
  /**
   * `opportunityPublished` tells an IKM of a newly opened need only when it is eligible and its
   * match total reaches this: the lower bound of the "good" band (MATCHING.bands.good), so an
   * alert is worth reading.
   */
  opportunityAlertMinScore: 65,
  /** Open needs one "eligible mentees" dashboard looks through, newest first. */
  maxOpenNeedsScanned: 500,
  /** Best mentees listed per open need on that dashboard. */
  topMenteesPerNeed: 5,
} as const;
