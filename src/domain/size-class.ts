/**
 * Size classes differ by scheme (README, Sources), so Jalin stores raw figures and derives the class.
 * - BPS: by workers; micro < 5, small 5-19, medium 20-99, large 100+.
 * - KEMENPERIN (Permenperin 64/2016): small = at most 19 workers and investment < Rp1bn;
 *   medium = up to 99 workers or investment up to Rp15bn; above that large.
 */
export type SizeScheme = "BPS" | "KEMENPERIN";
export type SizeClass = "MICRO" | "SMALL" | "MEDIUM" | "LARGE";

const SIZE_THRESHOLDS = {
  bps: { smallFromWorkers: 5, mediumFromWorkers: 20, largeFromWorkers: 100 },
  kemenperin: { smallMaxWorkers: 19, smallMaxInvestmentIdr: 1_000_000_000n, mediumMaxWorkers: 99, mediumMaxInvestmentIdr: 15_000_000_000n },
} as const;

export function sizeClass(scheme: SizeScheme, workers: number, investmentIdr: bigint | null): SizeClass {
  if (scheme === "BPS") {
    const t = SIZE_THRESHOLDS.bps;
    if (workers >= t.largeFromWorkers) return "LARGE";
    if (workers >= t.mediumFromWorkers) return "MEDIUM";
    if (workers >= t.smallFromWorkers) return "SMALL";
    return "MICRO";
  }
  const t = SIZE_THRESHOLDS.kemenperin;
  const investment = investmentIdr ?? 0n;
  if (workers <= t.smallMaxWorkers && investment < t.smallMaxInvestmentIdr) return "SMALL";
  if (workers <= t.mediumMaxWorkers && investment <= t.mediumMaxInvestmentIdr) return "MEDIUM";
  return "LARGE";
}
