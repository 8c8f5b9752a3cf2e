/**
 * The hard requirements and the rules that cap a band, with the formulas the in-memory engine
 * shares (distance, tolerance, reject rate): pure, no I/O. scorer.ts puts them together.
 */
import { STAGE_ORDER, stageRank } from "../../domain/stages.js";
import { dayText } from "../../domain/dates.js";
import { MATCHING } from "./config.js";
import type { Day, Gap, NeedProfile, RequirementCheck, SupplierProfile } from "./types.js";

type Capability = SupplierProfile["capabilities"][number];

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance (haversine) in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const sLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sLon = Math.sin(((lon2 - lon1) * RAD) / 2);
  const a = sLat * sLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sLon * sLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A lower bound of the great-circle distance from the latitudes alone (no trigonometry). */
export const latitudeGapKm = (lat1: number, lat2: number): number => Math.abs(lat2 - lat1) * RAD * EARTH_RADIUS_KM;

/** A certificate is valid on a day from its first day to its last (no end date: open-ended). */
export const validOn = (c: { validFrom: Day; validUntil: Day | null }, day: Day): boolean =>
  c.validFrom <= day && (c.validUntil == null || c.validUntil >= day);

/** 12345.678 -> "12,345.68" (digits=2); cheap, as it runs for every supplier scored. */
export function fmt(n: number, digits = 0): string {
  const [whole, frac] = String(Number(n.toFixed(digits))).split(".");
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
}

/** The best (smallest) tolerance the supplier states over the capabilities for the need's processes; null when none states one. */
export function bestToleranceOf(relevant: readonly Capability[]): number | null {
  let best: number | null = null;
  for (const cap of relevant) if (cap.toleranceMm != null && (best == null || cap.toleranceMm < best)) best = cap.toleranceMm;
  return best;
}

/** Whether the best tolerance holds the required one (no requirement: met; none stated: not met). */
export const toleranceMet = (requiredMm: number | null, bestMm: number | null): boolean =>
  requiredMm == null || (bestMm != null && bestMm <= requiredMm);

/** A soft tolerance missed by more than MATCHING.caps.largeToleranceMissRatio times: caps the band. */
export const largeToleranceMiss = (requiredMm: number | null, bestMm: number | null): boolean =>
  requiredMm != null && bestMm != null && bestMm > MATCHING.caps.largeToleranceMissRatio * requiredMm;

/** Rejected pieces per million delivered, from the delivery record; null with no pieces on record. */
export const rejectPpmOf = (qty: number, rejected: number): number | null => (qty > 0 ? (rejected / qty) * 1_000_000 : null);

/** A reject rate above the need's limit (no limit, or no record: not above). */
export const rejectAbove = (ppm: number | null, maxPpm: number | null | undefined): boolean => maxPpm != null && ppm != null && ppm > maxPpm;

/** The total, held at MATCHING.caps.ceiling (below EXCELLENT) when a cap applies. */
export const capTotal = (total: number, capped: boolean): number => (capped ? Math.min(total, MATCHING.caps.ceiling) : total);

/** A critical tolerance as a hard requirement. */
function toleranceRequirement(requiredMm: number, bestMm: number | null): RequirementCheck {
  const met = toleranceMet(requiredMm, bestMm);
  return {
    kind: "TOLERANCE",
    met,
    subject: `${requiredMm} mm`,
    message: bestMm == null
      ? `states no tolerance; the part needs ±${requiredMm} mm (critical)`
      : met
        ? `holds ±${bestMm} mm for the critical ±${requiredMm} mm`
        : `holds ±${bestMm} mm; the part needs ±${requiredMm} mm (critical): ${fmt(bestMm - requiredMm, 4)} mm too loose`,
  };
}

/**
 * The soft gaps that cap the band (a large tolerance miss on a soft tolerance, a reject rate above
 * the need's limit), each named; whether any applies.
 */
export function capGaps(need: NeedProfile, supplier: SupplierProfile, bestTolerance: number | null, gaps: Gap[]): boolean {
  let capped = false;
  const cap = `band capped below EXCELLENT`;
  if (!need.toleranceCritical && largeToleranceMiss(need.toleranceMm, bestTolerance)) {
    capped = true;
    const tolerance = gaps.find((g) => g.kind === "TOLERANCE" && !g.hard);
    const times = fmt((bestTolerance as number) / (need.toleranceMm as number), 1);
    if (tolerance) tolerance.message += `: ${times}x looser, more than ${MATCHING.caps.largeToleranceMissRatio}x, ${cap}`;
  }
  const d = supplier.delivery;
  const ppm = rejectPpmOf(d.qty, d.rejected);
  if (rejectAbove(ppm, need.maxRejectPpm)) {
    capped = true;
    gaps.push({
      kind: "REJECT_RATE",
      hard: false,
      subject: `${need.maxRejectPpm} ppm`,
      message: `rejects ${fmt(ppm as number)} ppm (${fmt(((ppm as number) / 10_000), 2)}% of ${fmt(d.qty)} pieces delivered); the need accepts ${fmt(need.maxRejectPpm as number)} ppm: ${fmt((ppm as number) - (need.maxRejectPpm as number))} ppm over, ${cap}`,
      shortfall: null,
    });
  }
  return capped;
}

/** The hard requirements in order (processes, certificates, stage, a critical tolerance, radius), and the distance when both places are known. */
export function hardRequirements(
  need: NeedProfile,
  supplier: SupplierProfile,
  capsByProcess: ReadonlyMap<string, Capability>,
  bestTolerance: number | null,
): { requirements: RequirementCheck[]; distanceKm: number | null } {
  const requirements: RequirementCheck[] = [];
  for (const process of need.processes) {
    const met = capsByProcess.has(process);
    requirements.push({
      kind: "PROCESS",
      met,
      subject: process,
      message: met ? `works ${process}` : `does not work ${process}, which the part needs`,
    });
  }
  for (const type of need.requiredCertifications) requirements.push(certificateRequirement(need, supplier, type));
  const stageMet = stageRank(supplier.stage) >= stageRank(need.minimumStage);
  if (need.minimumStage !== STAGE_ORDER[0]) {
    requirements.push({
      kind: "STAGE",
      met: stageMet,
      subject: need.minimumStage,
      message: stageMet
        ? `stage ${supplier.stage} meets the minimum ${need.minimumStage}`
        : `stage ${supplier.stage} is below the minimum ${need.minimumStage}`,
    });
  }
  if (need.toleranceCritical && need.toleranceMm != null) requirements.push(toleranceRequirement(need.toleranceMm, bestTolerance));
  let distanceKm: number | null = null;
  if (need.latitude != null && need.longitude != null && supplier.latitude != null && supplier.longitude != null) {
    distanceKm = haversineKm(need.latitude, need.longitude, supplier.latitude, supplier.longitude);
  }
  if (need.radiusKm != null) {
    const met = distanceKm != null && distanceKm <= need.radiusKm;
    requirements.push({
      kind: "RADIUS",
      met,
      subject: `${need.radiusKm} km`,
      message:
        distanceKm == null
          ? `location unknown; the need accepts suppliers within ${need.radiusKm} km`
          : `${fmt(distanceKm)} km away; the need accepts ${need.radiusKm} km`,
    });
  }
  return { requirements, distanceKm };
}

/** A required certificate type: valid on the need's start date, or why not. */
function certificateRequirement(need: NeedProfile, supplier: SupplierProfile, type: NeedProfile["requiredCertifications"][number]): RequirementCheck {
  const held = supplier.certifications.filter((c) => c.type === type);
  const valid = held.some((c) => validOn(c, need.startDate));
  let message = `${type} is valid on ${dayText(need.startDate)}, when supply starts`;
  if (!valid) {
    // None covers the start date: each one either starts later (a renewal) or ended before it.
    const upcoming = held.filter((c) => c.validFrom > need.startDate).map((c) => c.validFrom);
    const ended = held.map((c) => c.validUntil ?? -Infinity);
    message =
      held.length === 0
        ? `holds no ${type} certificate`
        : upcoming.length
          ? `${type} certificate is not yet valid on ${dayText(need.startDate)} (valid from ${dayText(Math.min(...upcoming))})`
          : `${type} certificate expires on ${dayText(Math.max(...ended))}, before supply starts on ${dayText(need.startDate)}`;
  }
  return { kind: "CERTIFICATION", met: valid, subject: type, message };
}

