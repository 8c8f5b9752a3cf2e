/** Bahasa Indonesia by default, English on request; the choice is kept in localStorage across reloads. */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./locales/en.json";
import id from "./locales/id.json";
// Each area's words in its own file (buyer: firm screens; supplier: IKM screens; foundation; koperasi;
// admin; match: gaps and requirements in words), merged into one namespace: keys are prefixed by their area ("buyer.editor.title").
import enAdmin from "./locales/en/admin.json";
import enBuyer from "./locales/en/buyer.json";
import enFoundation from "./locales/en/foundation.json";
import enKoperasi from "./locales/en/koperasi.json";
import enMatch from "./locales/en/match.json";
import enSupplier from "./locales/en/supplier.json";
import idAdmin from "./locales/id/admin.json";
import idBuyer from "./locales/id/buyer.json";
import idFoundation from "./locales/id/foundation.json";
import idKoperasi from "./locales/id/koperasi.json";
import idMatch from "./locales/id/match.json";
import idSupplier from "./locales/id/supplier.json";

const KEY = "jalin.language";
export const LANGUAGES = ["id", "en"] as const;

function saved(): "id" | "en" {
  const value = localStorage.getItem(KEY);
  return value === "en" ? "en" : "id";
}

void i18next.use(initReactI18next).init({
  resources: {
    id: { translation: { ...id, buyer: idBuyer, supplier: idSupplier, foundation: idFoundation, koperasi: idKoperasi, admin: idAdmin, match: idMatch } },
    en: { translation: { ...en, buyer: enBuyer, supplier: enSupplier, foundation: enFoundation, koperasi: enKoperasi, admin: enAdmin, match: enMatch } },
  },
  lng: saved(),
  fallbackLng: "id",
  interpolation: { escapeValue: false }, // React escapes
});
document.documentElement.lang = i18next.language;

export function setLanguage(language: "id" | "en"): void {
  localStorage.setItem(KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export default i18next;
