/**
 * Certificates judged over a need's period (issue 22): the one rule the scorer, the column engine
 * (and through them matches, explainMatch, opportunities, consortia, allocate and gap paths) use.
 * Pure.
 *
 * - valid on the start date and, through renewals on file, to the end date: met;
 * - valid on the start date but lapsing inside the period: still met as a hard requirement, but the
 *   quality factor counts only the share of the period covered and the band is capped below the
 *   top band (MATCHING.caps), with the date to renew by;
 * - not valid on the start date (none, expired, not yet valid): not met, as before.
 *
 * A renewal counts as continuous when it starts no later than the day after the old certificate's
 * last valid day, so no day of the period goes uncovered; one starting a day later leaves a gap,
 * and the certificate lapses on the old one's last day.
 */
import type { Day } from "../../domain/dates.js";

export interface Validity {
  validFrom: Day;
  /** Last valid day, inclusive; null: open-ended. */
  validUntil: Day | null;
}

/**
 * The last day of unbroken validity from `start` through renewals (null: open-ended), or
 * undefined when none of `held` is valid on `start`.
 */
export function validThrough(held: readonly Validity[], start: Day): Day | null | undefined {
  let through: Day | null | undefined;
  for (const c of held) {
    if (c.validFrom <= start && (c.validUntil === null || c.validUntil >= start)) {
      if (c.validUntil === null) return null;
      if (through === undefined || c.validUntil > (through as Day)) through = c.validUntil;
    }
  }
  if (through === undefined) return undefined;
  // Chain renewals: any certificate starting by the day after `through` and running past it.
  for (let extended = true; extended; ) {
    extended = false;
    for (const c of held) {
      if (c.validFrom <= (through as Day) + 1 && (c.validUntil === null || c.validUntil > (through as Day))) {
        if (c.validUntil === null) return null;
        through = c.validUntil;
        extended = true;
      }
    }
  }
  return through;
}

/**
 * The share of start..end (inclusive) a certificate valid through `through` covers: 1 when it runs
 * to the end (or the need has no end), 0 when not valid on the start, else the days covered over
 * the days of the period.
 */
export function coveredShare(through: Day | null | undefined, start: Day, end: Day | null | undefined): number {
  if (through === undefined) return 0;
  if (through === null || end == null || through >= end) return 1;
  return (through - start + 1) / (end - start + 1);
}

/** One required (or scored) certificate type over a need's period. */
export type CertificateVerdict =
  | { kind: "MET"; through: Day | null }
  | { kind: "LAPSES"; through: Day; share: number }
  | { kind: "MISSING"; held: number; validFromLater: Day | null; endedOn: Day | null };

/** The verdict for the certificates of one type an IKM holds, over start..end (end null: the start alone). */
export function judgeCertificate(held: readonly Validity[], start: Day, end: Day | null | undefined): CertificateVerdict {
  const through = validThrough(held, start);
  if (through === undefined) {
    const later = held.filter((c) => c.validFrom > start).map((c) => c.validFrom);
    const ended = held.filter((c) => c.validUntil !== null).map((c) => c.validUntil as Day);
    return { kind: "MISSING", held: held.length, validFromLater: later.length ? Math.min(...later) : null, endedOn: ended.length ? Math.max(...ended) : null };
  }
  const share = coveredShare(through, start, end);
  return share >= 1 ? { kind: "MET", through } : { kind: "LAPSES", through: through as Day, share };
}

/** An ACTIVE partnership of the IKM and the certificate types its need requires. */
export interface PartnershipRequirement {
  id: string;
  requiredTypes: readonly string[];
  /** Its last day of supply: the partnership's end date, else its need's; null: open-ended. */
  endDay: Day | null;
}

export interface CertificateLapse {
  type: string;
  /** Last valid day, through renewals on file. */
  lapsesOn: Day;
  daysLeft: number;
  /** ACTIVE partnerships whose need requires the type and that run past lapsesOn. */
  partnershipIds: string[];
}

/**
 * An IKM's certificates that lapse (through renewals on file: validThrough) within `withinDays`
 * of `today`, or before an ACTIVE partnership that requires them ends, soonest first. One not
 * valid today has lapsed already, and an open-ended one never does: neither is listed.
 */
export function lapsingCertificates(
  held: ReadonlyArray<Validity & { type: string }>,
  today: Day,
  withinDays: number,
  partnerships: readonly PartnershipRequirement[],
): CertificateLapse[] {
  const out: CertificateLapse[] = [];
  for (const type of [...new Set(held.map((c) => c.type))].sort()) {
    const through = validThrough(held.filter((c) => c.type === type), today);
    if (through === undefined || through === null) continue;
    const atRisk = partnerships.filter((p) => p.requiredTypes.includes(type) && (p.endDay === null || p.endDay > through)).map((p) => p.id);
    if (through - today <= withinDays || atRisk.length) out.push({ type, lapsesOn: through, daysLeft: through - today, partnershipIds: atRisk });
  }
  return out.sort((a, b) => a.lapsesOn - b.lapsesOn || (a.type < b.type ? -1 : 1));
}
