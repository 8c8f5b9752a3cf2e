/**
 * Warnings about lapsing certificates (issue 22), from the lapses lapsingCertificates finds: one
 * LAPSING_SOON when the certificate (through renewals on file) lapses within the look-ahead, and
 * one LAPSES_DURING_PARTNERSHIP for each ACTIVE partnership requiring it that runs past that day.
 * A renewal on file moves lapsesOn to the renewal's end, so it cancels a warning the old
 * certificate would have raised. Pure.
 */
import { type Day, dayText } from "../../domain/dates.js";
import type { CertificateLapseKind } from "../../domain/enums.js";
import type { CertificateLapse } from "./certificates.js";

export interface LapseWarning {
  type: string;
  kind: CertificateLapseKind;
  lapsesOn: Day;
  daysLeft: number;
  /** The partnership at risk (LAPSES_DURING_PARTNERSHIP); null for LAPSING_SOON. */
  partnershipId: string | null;
}

/** The warnings the lapses raise, LAPSING_SOON first for each certificate. */
export function lapseWarnings(lapses: readonly CertificateLapse[], withinDays: number): LapseWarning[] {
  const out: LapseWarning[] = [];
  for (const lapse of lapses) {
    const base = { type: lapse.type, lapsesOn: lapse.lapsesOn, daysLeft: lapse.daysLeft };
    if (lapse.daysLeft >= 0 && lapse.daysLeft <= withinDays) out.push({ ...base, kind: "LAPSING_SOON", partnershipId: null });
    for (const id of [...lapse.partnershipIds].sort()) out.push({ ...base, kind: "LAPSES_DURING_PARTNERSHIP", partnershipId: id });
  }
  return out;
}

/** The key under which a warning is recorded as told: once per certificate, kind and partnership. */
export function lapseWarningKey(certificationId: string, warning: Pick<LapseWarning, "kind" | "partnershipId">): string {
  return `${certificationId}:${warning.kind}:${warning.partnershipId ?? ""}`;
}

/** What the IKM should do, in words a person can act on. */
export function lapseAdvice(warning: Pick<LapseWarning, "type" | "kind" | "lapsesOn" | "daysLeft">): string {
  const on = dayText(warning.lapsesOn);
  const left = warning.daysLeft === 0 ? "today" : warning.daysLeft === 1 ? "in 1 day" : `in ${warning.daysLeft} days`;
  if (warning.kind === "LAPSING_SOON") {
    return `${warning.type} ends ${on} (${left}): apply for its renewal now and add the renewed certificate to your profile, so buyers keep seeing you as certified.`;
  }
  return `${warning.type} ends ${on} (${left}), before this partnership ends, and the buyer requires it: renew it before ${on} and add the renewal to your profile, or tell the buyer now.`;
}
