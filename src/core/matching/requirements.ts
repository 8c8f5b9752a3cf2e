/**
 * The hard requirements and the rules that cap a band, with the formulas the in-memory engine
 * shares (distance, tolerance, reject rate): pure, no I/O. scorer.ts puts them together.
 */
import { STAGE_ORDER, stageRank } from "../../domain/stages.js";
import { dayText } from "../../domain/dates.js";
import { monthsCovered, termMonthsOf } from "../../domain/need-period.js";
import { type CertificateVerdict, judgeCertificate } from "./certificates.js";
import { MATCHING } from "./config.js";
import { processRequirements } from "./process-requirements.js";
import { type Recency, onTimeTrendText, rejectTrendText, scoredSums, worsening } from "./recency.js";
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

/** The supplier's certificates of one type judged over the need's period (certificates.ts, the one rule). */
export const certificateVerdict = (need: NeedProfile, supplier: SupplierProfile, type: string): CertificateVerdict =>
  judgeCertificate(supplier.certifications.filter((c) => c.type === type), need.startDate, need.endDate);

/** "ISO_9001 ends 2027-03-01, 11 of 12 months before the need ends on 2027-03-31: renew before 2027-03-01". */
export function lapseText(need: NeedProfile, type: string, through: Day): string {
  const end = need.endDate as Day;
  const months = `${monthsCovered(need.startDate, end, through)} of ${termMonthsOf(need.startDate, end)} months`;
  return `${type} ends ${dayText(through)}, ${months} before the need ends on ${dayText(end)}: renew before ${dayText(through)}`;
}

/**
 * 12345.678 -> "12,345.68" (digits=2). Runs for every number of every explanation (an IKM's
 * `opportunities` formats hundreds of needs' worth), so the commas are put in by hand: the regex
 * it replaced was about a tenth of that field's time.
 */
export function fmt(n: number, digits = 0): string {
  const text = String(Number(n.toFixed(digits)));
  const dot = text.indexOf(".");
  const whole = dot === -1 ? text : text.slice(0, dot);
  const start = whole.charCodeAt(0) === 45 ? 1 : 0; // "-"
  if (whole.length - start <= 3 || text.includes("e")) return text;
  let out = whole.slice(0, start);
  for (let i = start; i < whole.length; i++) {
    if (i > start && (whole.length - i) % 3 === 0) out += ",";
    out += whole[i];
  }
  return dot === -1 ? out : out + text.slice(dot);
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
  // A required certificate valid when supply starts but lapsing before the need ends.
  for (const type of need.requiredCertifications) {
    const verdict = certificateVerdict(need, supplier, type);
    if (verdict.kind !== "LAPSES") continue;
    capped = true;
    gaps.push({ kind: "CERTIFICATION", hard: false, subject: type, message: `${lapseText(need, type, verdict.through)}; ${cap}`, shortfall: null, lapsesOn: verdict.through });
  }
  if (!need.toleranceCritical && largeToleranceMiss(need.toleranceMm, bestTolerance)) {
    capped = true;
    const tolerance = gaps.find((g) => g.kind === "TOLERANCE" && !g.hard);
    const times = fmt((bestTolerance as number) / (need.toleranceMm as number), 1);
    if (tolerance) tolerance.message += `: ${times}x looser, more than ${MATCHING.caps.largeToleranceMissRatio}x, ${cap}`;
  }
  const d = scoredSums(supplier.delivery);
  const ppm = rejectPpmOf(d.qty, d.rejected);
  const weighed = supplier.delivery.recency ? `, months weighted by age (half-life ${MATCHING.recency.halfLifeMonths} months)` : "";
  if (rejectAbove(ppm, need.maxRejectPpm)) {
    capped = true;
    gaps.push({
      kind: "REJECT_RATE",
      hard: false,
      subject: `${need.maxRejectPpm} ppm`,
      message: `rejects ${fmt(ppm as number)} ppm (${fmt(((ppm as number) / 10_000), 2)}% of ${fmt(supplier.delivery.qty)} pieces delivered${weighed}); the need accepts ${fmt(need.maxRejectPpm as number)} ppm: ${fmt((ppm as number) - (need.maxRejectPpm as number))} ppm over, ${cap}`,
      shortfall: null,
    });
  }
  capped = trendGap(supplier.delivery.recency, cap, gaps) || capped;
  return capped;
}

/** A worsening record (rejects or on-time): a TREND gap naming the recent and earlier figures; whether it caps. */
function trendGap(recency: Recency | null | undefined, cap: string, gaps: Gap[]): boolean {
  if (!recency || !worsening(recency)) return false;
  const said = [recency.rejectTrend === "WORSENING" && rejectTrendText(recency), recency.onTimeTrend === "WORSENING" && onTimeTrendText(recency)].filter(Boolean);
  gaps.push({ kind: "TREND", hard: false, subject: "delivery record", message: `${said.join("; ")}; ${cap}`, shortfall: null });
  return true;
}

/** The hard requirements in order (processes, certificates, stage, a critical tolerance, radius), and the distance when both places are known. */
export function hardRequirements(
  need: NeedProfile,
  supplier: SupplierProfile,
  capsByProcess: ReadonlyMap<string, Capability>,
  bestTolerance: number | null,
): { requirements: RequirementCheck[]; distanceKm: number | null } {
  const requirements: RequirementCheck[] = processRequirements(need, supplier, capsByProcess);
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

/**
 * A required certificate type: valid on the need's start date (a hard requirement), through the
 * end date or lapsing before it (met, but capGaps caps the band and names the date), or why not.
 */
function certificateRequirement(need: NeedProfile, supplier: SupplierProfile, type: NeedProfile["requiredCertifications"][number]): RequirementCheck {
  const verdict = certificateVerdict(need, supplier, type);
  const start = dayText(need.startDate);
  let message: string;
  if (verdict.kind === "MET") {
    message = need.endDate == null ? `${type} is valid on ${start}, when supply starts` : `${type} is valid from ${start} to ${dayText(need.endDate)}, when the need ends`;
  } else if (verdict.kind === "LAPSES") {
    message = `${type} is valid on ${start}, when supply starts, but ${lapseText(need, type, verdict.through)}`;
  } else {
    // None covers the start date: each one either starts later (a renewal) or ended before it.
    message =
      verdict.held === 0
        ? `holds no ${type} certificate`
        : verdict.validFromLater !== null
          ? `${type} certificate is not yet valid on ${start} (valid from ${dayText(verdict.validFromLater)})`
          : `${type} certificate expires on ${dayText(verdict.endedOn as Day)}, before supply starts on ${start}`;
  }
  return { kind: "CERTIFICATION", met: verdict.kind !== "MISSING", subject: type, message };
}

