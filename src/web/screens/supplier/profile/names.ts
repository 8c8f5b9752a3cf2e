/** Names of specific processes in the reader's language, from the API's taxonomy (nameId / nameEn). */
import { useTranslation } from "react-i18next";
import type { SpecificProcess, Taxonomy } from "./queries";

export function useSpecificName(taxonomy: Taxonomy): (code: SpecificProcess) => string {
  const { i18n } = useTranslation();
  const english = i18n.language === "en";
  const names = new Map(taxonomy.flatMap((f) => f.specifics.map((s) => [s.code, english ? s.nameEn : s.nameId] as const)));
  return (code) => names.get(code) ?? code;
}
