import type { MaturityStage } from "../domain/enums.js";

/** YDBA maturity stages in order (README, Sources): pemula < madya < pramandiri < mandiri. */
export const STAGE_ORDER: readonly MaturityStage[] = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"];

export const stageRank = (stage: MaturityStage): number => STAGE_ORDER.indexOf(stage);

/** Stages at or above `minimum`, for "stage >= X" filters. */
export const stagesAtLeast = (minimum: MaturityStage): MaturityStage[] =>
  STAGE_ORDER.slice(stageRank(minimum));
