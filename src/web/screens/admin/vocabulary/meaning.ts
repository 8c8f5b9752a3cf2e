/** What a word names, in the reader's words: a process family, a family and its specific process, or a material family. */
import { useTranslation } from "react-i18next";
import type { Taxonomy } from "./queries";

export interface Meaning { process?: string | null; specificProcess?: string | null; materialFamily?: string | null }

/** Names of specific processes in the reader's language (nameId / nameEn), and the words for a meaning. */
export function useMeaning(taxonomy: Taxonomy | undefined) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const names = new Map((taxonomy ?? []).flatMap((f) => f.specifics.map((s) => [s.code as string, english ? s.nameEn : s.nameId] as const)));
  const specificName = (code: string) => names.get(code) ?? code;
  const meaning = (m: Meaning): string => {
    const parts: string[] = [];
    if (m.process && m.specificProcess) parts.push(t("admin.meaning.specific", { process: t(`processes.${m.process}`), specific: specificName(m.specificProcess) }));
    else if (m.process) parts.push(t("admin.meaning.process", { process: t(`processes.${m.process}`) }));
    if (m.materialFamily) parts.push(t("admin.meaning.material", { family: m.materialFamily }));
    return parts.join("; ");
  };
  return { meaning, specificName };
}
