import type { CertificationType, MaturityStage, Process, QuantityUnit, SpecificProcess } from "../../domain/enums.js";
import type { Band, Factor, Weights } from "./config.js";

import type { Day } from "../../domain/dates.js";
import type { ProcessHold } from "../supply/capacity.js";
import type { Recency } from "./recency.js";

/** Day numbers (whole days since 1970-01-01, UTC) are the domain's: src/domain/dates.ts. */
export { type Day, toDay } from "../../domain/dates.js";

/** What the matcher knows of one IKM: plain data, loaded from PostgreSQL or from the in-memory index. */
export interface SupplierProfile {
  /** The IKM's uuid, lower case; also the tie-break key. */
  id: string;
  stage: MaturityStage;
  regionCode: string;
  latitude: number | null;
  longitude: number | null;
  capabilities: Array<{
    process: Process;
    /** Specific processes of the family the IKM names (taxonomy.ts); absent or empty: the family alone, unconfirmed. */
    specifics?: SpecificProcess[];
    materials: string[];
    toleranceMm: number | null;
    monthlyCapacity: number;
    unit: QuantityUnit;
  }>;
  /** Machines on file (type as written, and how many): evidence of specific processes (process-evidence.ts). Absent: none. */
  machines?: Array<{ type: string; count: number; cnc: boolean }>;
  certifications: Array<{ type: CertificationType; validFrom: Day; validUntil: Day | null }>;
  /**
   * What its partnerships holding capacity (ACTIVE, awards' PENDING: domain/partnership-status.ts), one entry per partnership and process: capacity a need can
   * count on is the stated capacity less the most these hold at one time over the need's period.
   */
  commitments: ProcessHold[];
  /** Score of the latest 5R audit, or null when never audited. */
  fiveRPercent: number | null;
  /**
   * Delivery record, summed over all months on file; `recency` (when the months are known) holds
   * the sums weighted by age from a reference month, which the factors score, and the trends.
   */
  delivery: { lots: number; onTime: number; qty: number; rejected: number; recency?: Recency | null };
  /** Processes of the sentra the IKM belongs to. */
  sentraProcesses: Process[];
  /** Processes worked by other members of the koperasi the IKM belongs to. */
  koperasiPeerProcesses: Process[];
  sentraIds: string[];
  koperasiIds: string[];
  /** Foundations actively mentoring the IKM, with the foundations above them (regional centres' parents). */
  foundationIds: string[];
}

/** What the matcher needs of a component need. */
export interface NeedProfile {
  id: string;
  processes: Process[];
  /**
   * Specific processes the part needs, each under one of `processes` (taxonomy.ts): a family with
   * specifics here is met only by them. Absent or empty: any process of the families.
   */
  specificProcesses?: SpecificProcess[];
  materials: string[];
  quantityPerMonth: number;
  unit: QuantityUnit;
  toleranceMm: number | null;
  /** The tolerance is a hard requirement: a supplier whose best tolerance is looser (or unstated) is no candidate. Absent: false. */
  toleranceCritical?: boolean;
  /** Highest acceptable reject rate, in ppm of pieces delivered: above it the band is capped. Absent or null: not stated. */
  maxRejectPpm?: number | null;
  requiredCertifications: CertificationType[];
  minimumStage: MaturityStage;
  preferredRegionCode: string | null;
  latitude: number | null;
  longitude: number | null;
  radiusKm: number | null;
  startDate: Day;
  /**
   * Last day supply is needed, inclusive (every stored need has one; absent or null: the start
   * date alone is judged). Certificates and committed capacity are judged over startDate..endDate.
   */
  endDate?: Day | null;
  /** The need's own factor weights, or null for the defaults. */
  weights: Partial<Weights> | null;
}

type RequirementKind = "PROCESS" | "CERTIFICATION" | "STAGE" | "RADIUS" | "TOLERANCE";

/** One hard requirement, met or not. Unmet requirements exclude the supplier; they are never blended. */
export interface RequirementCheck {
  kind: RequirementKind;
  met: boolean;
  /** The process (family or specific) or certification type concerned, the minimum stage, or the radius. */
  subject: string;
  message: string;
  /**
   * For a specific process: the supplier works its family but has not confirmed this process (names
   * another, or none, and no machine on file does it). A near miss that says what to confirm.
   */
  unconfirmed?: boolean;
}

export interface FactorScore {
  factor: Factor;
  /** 0..100. */
  value: number;
  /** Normalised weight used for this need (0 when the factor does not apply to it). */
  weight: number;
  /** value x weight: what the factor adds to the total. */
  contribution: number;
  applicable: boolean;
  detail: string;
}

type GapKind = RequirementKind | "UNCONFIRMED_PROCESS" | "CAPACITY" | "MATERIAL" | "REJECT_RATE" | "TREND";

/** What the supplier lacks, hard (it excludes them) or soft (it costs points). */
export interface Gap {
  kind: GapKind;
  hard: boolean;
  subject: string;
  message: string;
  /** For capacity: how much more per month the need asks for. */
  shortfall: number | null;
  /** For a required certificate lapsing inside the need's period: its last valid day (renew before it). */
  lapsesOn?: Day | null;
}

export interface MatchResult {
  needId: string;
  supplierId: string;
  eligible: boolean;
  /** Not eligible, but for at most MATCHING.nearMissMaxFailures requirements, and sharing a process. */
  nearMiss: boolean;
  total: number;
  band: Band;
  /**
   * True when a large miss of a soft tolerance, a reject rate above the need's limit or a worsening
   * delivery record holds the total (and so the band) below EXCELLENT (MATCHING.caps); a gap names each cause.
   */
  capped: boolean;
  factors: FactorScore[];
  requirements: RequirementCheck[];
  gaps: Gap[];
  distanceKm: number | null;
}
