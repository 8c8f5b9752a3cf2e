/**
 * A match's gaps and requirement checks as sentences in the console's language, from their
 * structured fields (components/MatchText.tsx shows them): no React here, so a unit test reads each
 * kind's sentence in both languages.
 */
import type { TFunction } from "i18next";

export type GapFields = { kind: string; hard: boolean; subject: string; message: string; shortfall?: number | null; renewBy?: string | null };
export type RequirementFields = { kind: string; met: boolean; subject: string; message: string; unconfirmed?: boolean };
/** Numbers and dates in the chosen language (format.ts's useFormat). */
export type Format = { number: (value: number, digits?: number) => string; date: (value: string) => string };

/** The first number in a subject ("50 km", "0.05 mm", "500 ppm"), in the chosen language's digits. */
function numberIn(subject: string, f: Format): string {
  const found = /-?\d+(\.\d+)?/.exec(subject);
  return found ? f.number(Number(found[0]), 4) : subject;
}

const nameOf = (t: TFunction, prefix: string, subject: string) => t(`${prefix}.${subject}`, { defaultValue: subject });

function values(subject: string, t: TFunction, f: Format, process: string) {
  return {
    name: process,
    certificate: nameOf(t, "certifications", subject),
    stage: nameOf(t, "stages", subject),
    km: numberIn(subject, f),
    mm: numberIn(subject, f),
    ppm: numberIn(subject, f),
  };
}

/** A gap as one sentence in the console's language. */
export function gapSentence(gap: GapFields, t: TFunction, f: Format, process: string): string {
  const v = values(gap.subject, t, f, process);
  switch (gap.kind) {
    case "CAPACITY": {
      const shortfall = f.number(gap.shortfall ?? 0, 2);
      const asked = /^(\d+(?:\.\d+)?) (\w+)\/month$/.exec(gap.subject);
      if (!asked) return t("match.gap.CAPACITY_plain", { shortfall });
      return t("match.gap.CAPACITY", { shortfall, quantity: f.number(Number(asked[1]), 2), unit: nameOf(t, "units", asked[2]) });
    }
    case "CERTIFICATION":
      return gap.renewBy
        ? t("match.gap.CERTIFICATION_lapses", { name: v.certificate, date: f.date(gap.renewBy) })
        : t("match.gap.CERTIFICATION", { name: v.certificate });
    case "MATERIAL":
      return t("match.gap.MATERIAL", { materials: gap.subject });
    case "STAGE":
      return t("match.gap.STAGE", { stage: v.stage });
    case "TOLERANCE":
      return t(gap.hard ? "match.gap.TOLERANCE_hard" : "match.gap.TOLERANCE", { mm: v.mm });
    default:
      return t(`match.gap.${gap.kind}`, { ...v, defaultValue: gap.message });
  }
}

/** A requirement check as one sentence in the console's language. */
export function requirementSentence(check: RequirementFields, t: TFunction, f: Format, process: string): string {
  const v = values(check.subject, t, f, process);
  const state = check.unconfirmed && !check.met ? "unconfirmed" : check.met ? "met" : "unmet";
  const name = check.kind === "CERTIFICATION" ? v.certificate : v.name;
  return t(`match.requirement.${check.kind}_${state}`, { ...v, name, defaultValue: check.message });
}
