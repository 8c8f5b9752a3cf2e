/**
 * Every number the matcher uses, in one place, with the reasoning. README's Sources section gives the sources for
 * what buyers check (QCDSM scorecards, certifications, 5R, capacity, delivery record); it publishes
 * no official weights, so these are Jalin's defaults and a need may override the factor weights.
 */
import type { CertificationType, MaturityStage } from "../../domain/enums.js";

/** The weighted factors, in the order they are reported and summed. */
export const FACTORS = ["capabilityFit", "capacity", "quality", "delivery", "stage", "proximity", "cluster"] as const;
export type Factor = (typeof FACTORS)[number];
export type Weights = Record<Factor, number>;

export const MATCHING = {
  /**
   * Default factor weights (they sum to 1). Capability fit leads: a supplier that cannot make the
   * part to drawing is no supplier. Quality and delivery are the Q and D of the buyers' QCDSM
   * scorecards; capacity decides whether one IKM can carry the volume; stage is the foundation's
   * independent judgement; proximity (logistics cost, visits) and cluster backing matter least.
   */
  weights: {
    capabilityFit: 0.25,
    capacity: 0.15,
    quality: 0.2,
    delivery: 0.15,
    stage: 0.1,
    proximity: 0.1,
    cluster: 0.05,
  } satisfies Weights,

  /** Lower bound of each band on the 0..100 total; below `fair` is poor. */
  bands: { excellent: 80, good: 65, fair: 50 },

  capabilityFit: {
    /** Share of material coverage and of tolerance in the capability-fit value. */
    materialShare: 0.6,
    toleranceShare: 0.4,
    /** The IKM states no material or no tolerance for the process: unknown, not perfect. */
    unknown: 50,
  },

  quality: {
    /** Shares of the quality value: valid certificates, the latest 5R audit, the reject rate. */
    certificationShare: 0.4,
    fiveRShare: 0.3,
    rejectShare: 0.3,
    /**
     * Points per certificate valid on the need's start date, times the share of the need's period
     * it covers (through renewals: certificates.ts), summed and capped at 100. IATF 16949
     * is the automotive system most tier-1s hold; ISO 9001 the common one for IKMs (README, Sources).
     */
    certificationPoints: {
      IATF_16949: 60,
      ISO_9001: 50,
      ISO_14001: 15,
      SNI: 15,
      TKDN: 10,
      HALAL: 10,
      OTHER: 5,
    } satisfies Record<CertificationType, number>,
    /** No 5R audit on record: the middle of the scale (items 0-2, so 50% is "1 on every item"). */
    fiveRPrior: 50,
    /**
     * Reject rate, smoothed towards a prior of 3% worth 2,000 pieces, so a few perfect pieces do
     * not beat a long record. A smoothed rate of 10% or more scores 0.
     */
    rejectPriorRate: 0.03,
    rejectPriorPieces: 2000,
    rejectZeroScoreRate: 0.1,
  },

  delivery: {
    /**
     * On-time rate smoothed towards a prior of 80% worth 20 lots: one on-time lot gives
     * (1 + 16) / 21 = 81%, while 200 lots at 97% give (194 + 16) / 220 = 95%.
     */
    priorRate: 0.8,
    priorLots: 20,
    /** A smoothed rate at or below this scores 0; 100% scores 100, linear in between. */
    floorRate: 0.5,
  },

  /** YDBA stages on the 0..100 scale, at the 25/50/75 cut-offs of a public assessment tool (README, Sources). */
  stageValue: { PEMULA: 25, MADYA: 50, PRAMANDIRI: 75, MANDIRI: 100 } satisfies Record<MaturityStage, number>,

  proximity: {
    /** Great-circle distance decay: the value halves every 100 km (Solo to Semarang is ~100 km). */
    halfLifeKm: 100,
    /** When the need names a region but distances are unknown: same regency, same province, elsewhere. */
    sameRegency: 100,
    sameProvince: 60,
    elsewhere: 20,
    /** The need has a location but the IKM gave none. */
    unknown: 30,
  },

  cluster: {
    /** Member of a sentra working a process the need asks for (shared tools, peers to share volume). */
    sentra: 60,
    /** Member of a koperasi where another member works such a process (financing, offtake, pooling). */
    koperasi: 40,
  },

  /**
   * What holds a supplier below the top band (EXCELLENT) however well it scores otherwise: a buyer
   * would not call it an excellent fit.
   * - A soft tolerance missed by more than `largeToleranceMissRatio` times: the tolerance factor
   *   already costs points in proportion (±0.04 mm for ±0.02 mm keeps half its value), but beyond
   *   twice the tolerance the part is out of drawing whatever the other factors say; ±0.1 mm for a
   *   ±0.02 mm part (5x) is a different class of machine. A need that cannot accept any miss marks
   *   its tolerance critical instead (a hard requirement).
   * - A reject rate (from the delivery record) above the need's maxRejectPpm.
   * - A worsening delivery record (rejects or on-time, recent months against earlier: recency.ts).
   * A capped total is held at `ceiling`, just below the EXCELLENT bound, so ranking, band and band
   * filters agree; capped suppliers that would score higher tie there and are ordered by IKM id.
   */
  caps: {
    /** Also capped: a required certificate valid on the start date that lapses before the need ends (certificates.ts). */
    largeToleranceMissRatio: 2,
    ceiling: 79.99,
  },

  /**
   * Recency of the delivery record (recency.ts). The quality (reject) and delivery (on-time)
   * factors weigh each month by 0.5^(age in months / halfLifeMonths), age counted from the month
   * the record is read in. Twelve months: a month a year old counts half, two years a quarter, so
   * a shop that fixed its process a year ago is judged mostly on what it delivers now, while a
   * long clean record still outweighs one bad month. A year is also the rhythm buyers review
   * suppliers in: ISO 9001:2015 (clause 8.4.1) asks for re-evaluation of external providers, which
   * most buyers do yearly, and ISO/IEC 17021-1:2015 has certification bodies audit at least once a
   * calendar year. Jalin's default, not a published figure.
   * The smoothing priors above apply to the weighted sums unchanged; no record is still the prior.
   */
  recency: {
    halfLifeMonths: 12,
    /**
     * The recent window compared with every month before it: six months, two quarterly
     * scorecard reviews, long enough for a few lots a month to mean something.
     */
    recentMonths: 6,
    /** Fewer pieces than this in either window: too little data for a reject trend (the reject prior's weight). */
    minPieces: 2000,
    /** Fewer lots than this in either window: too little data for an on-time trend (one a month in the recent window). */
    minLots: 6,
    /**
     * A reject trend needs both a change of at least 0.5 points (0.2% -> 0.6%; smaller moves are
     * noise at IKM volumes) and a ratio of at least 1.5 (3.0% -> 3.5% is steady).
     */
    rejectPointsChange: 0.005,
    rejectRatioChange: 1.5,
    /** An on-time trend needs a change of at least 10 points (90% -> 80%: two lots in twenty late). */
    onTimePointsChange: 0.1,
  },

  /** Near-miss: eligible but for this many failed hard requirements, sharing a process with the need. */
  nearMissMaxFailures: 1,
} as const;

export type Band = "EXCELLENT" | "GOOD" | "FAIR" | "POOR";

export function bandOf(total: number): Band {
  const b = MATCHING.bands;
  if (total >= b.excellent) return "EXCELLENT";
  if (total >= b.good) return "GOOD";
  if (total >= b.fair) return "FAIR";
  return "POOR";
}

/** Band lower and upper bounds, for filtering by band. */
export function bandRange(band: Band): [number, number] {
  const b = MATCHING.bands;
  switch (band) {
    case "EXCELLENT":
      return [b.excellent, Infinity];
    case "GOOD":
      return [b.good, b.excellent];
    case "FAIR":
      return [b.fair, b.good];
    default:
      return [-Infinity, b.fair];
  }
}
