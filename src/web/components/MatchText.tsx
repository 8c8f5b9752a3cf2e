/**
 * A match's gaps (MatchGap) and requirement checks (RequirementCheck) in the console's own words, in
 * the chosen language, phrased from their structured fields: the kind, the subject (a process or
 * certificate by its name, a stage by its name, a radius, tolerance or reject limit as a number), the
 * capacity shortfall and a lapsing certificate's last valid day. The API's own message is English:
 * it stays a secondary detail, shown (lang="en") only when the console speaks English.
 */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { useFormat } from "../format";
import { graphql } from "../graphql";

export type GapFields = { kind: string; hard: boolean; subject: string; message: string; shortfall?: number | null; renewBy?: string | null };
export type RequirementFields = { kind: string; met: boolean; subject: string; message: string; unconfirmed?: boolean };

const SpecificNamesQuery = graphql(`
  query SpecificNames { processTaxonomy { process specifics { code nameId nameEn } } }
`);

type Format = ReturnType<typeof useFormat>;

/** The words that name a subject: a process (family or specific), certificate, stage, or a leading number. */
function useSubjectWords(subject: string) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const family = i18n.exists(`processes.${subject}`);
  // Specific processes are named by the taxonomy (read once and cached); only asked for when needed.
  const specific = /^[A-Z][A-Z0-9_]+$/.test(subject) && !family && !i18n.exists(`certifications.${subject}`) && !i18n.exists(`stages.${subject}`);
  const [{ data }] = useQuery({ query: SpecificNamesQuery, pause: !specific });
  const named = data?.processTaxonomy.flatMap((x) => x.specifics).find((s) => s.code === subject);
  const specificName = named ? (i18n.language === "en" ? named.nameEn : named.nameId) : subject.toLowerCase().replaceAll("_", " ");
  return { t, f, language: i18n.language, process: family ? t(`processes.${subject}`) : specificName };
}

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

/** The API's English message as a detail, only when the console speaks English. */
function Detail({ message, language }: { message: string; language: string }) {
  const { t } = useTranslation();
  if (language !== "en") return null;
  return <small className="api-detail" lang="en" title={t("match.detail")}> ({message})</small>;
}

/** One gap, in words; the API's message follows as a detail in English. */
export function GapText({ gap }: { gap: GapFields }) {
  const { t, f, language, process } = useSubjectWords(gap.subject);
  return (
    <>
      <span className="gap-text">{gapSentence(gap, t, f, process)}</span>
      <Detail message={gap.message} language={language} />
    </>
  );
}

/** One requirement check, in words; the API's message follows as a detail in English. */
export function RequirementText({ check }: { check: RequirementFields }) {
  const { t, f, language, process } = useSubjectWords(check.subject);
  return (
    <>
      <span className="requirement-text">{requirementSentence(check, t, f, process)}</span>
      <Detail message={check.message} language={language} />
    </>
  );
}
