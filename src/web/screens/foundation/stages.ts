/** YDBA's maturity stages in order (schema.graphql, MaturityStage): PEMULA < MADYA < PRAMANDIRI < MANDIRI. */
export const STAGES = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"] as const;
export type Stage = (typeof STAGES)[number];

/** The stage a promotion would reach (one step up), or the one below for the highest stage. */
export function suggestedStage(current: Stage): Stage {
  const i = STAGES.indexOf(current);
  return STAGES[i + 1] ?? STAGES[i - 1];
}

/** A calendar day in this browser's time zone, YYYY-MM-DD (the API's Date). */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** The path of a mentee's page. */
export function menteePath(ikmId: string): string {
  return `/mentees/${encodeURIComponent(ikmId)}`;
}
