/** Bahasa Indonesia by default, English on request; the choice is kept in localStorage across reloads. */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./locales/en.json";
import id from "./locales/id.json";

const KEY = "jalin.language";
export const LANGUAGES = ["id", "en"] as const;

function saved(): "id" | "en" {
  const value = localStorage.getItem(KEY);
  return value === "en" ? "en" : "id";
}

void i18next.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
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
