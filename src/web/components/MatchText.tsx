/**
 * A match's gaps (MatchGap) and requirement checks (RequirementCheck) in the console's own words, in
 * the chosen language, phrased from their structured fields: the kind, the subject (a process or
 * certificate by its name, a stage by its name, a radius, tolerance or reject limit as a number), the
 * capacity shortfall and a lapsing certificate's last valid day. The API's own message is English:
 * it stays a secondary detail, shown (lang="en") only when the console speaks English.
 */
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { useFormat } from "../format";
import { graphql } from "../graphql";
import { type GapFields, type RequirementFields, gapSentence, requirementSentence } from "./matchWords";

const SpecificNamesQuery = graphql(`
  query SpecificNames { processTaxonomy { process specifics { code nameId nameEn } } }
`);

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
