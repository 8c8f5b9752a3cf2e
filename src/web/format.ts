/** Rupiah, numbers and dates in the chosen language (Intl, no library): `Rp450.000.000` in Indonesian. */
import { useTranslation } from "react-i18next";

export type Language = "id" | "en";
/** The Intl locale of each language of the console. */
const LOCALES: Record<Language, string> = { id: "id-ID", en: "en-GB" };

function localeOf(language: string): string {
  return LOCALES[(language === "en" ? "en" : "id") as Language];
}

/** Whole rupiah with the narrow symbol and no space: `Rp48.500` (id), `Rp48,500` (en). */
export function rupiah(amount: number, language: string): string {
  const parts = new Intl.NumberFormat(localeOf(language), { style: "currency", currency: "IDR", currencyDisplay: "narrowSymbol", maximumFractionDigits: 0 })
    .formatToParts(amount);
  return parts.filter((p) => !(p.type === "literal" && /^\s+$/.test(p.value))).map((p) => p.value).join("");
}

export function number(value: number, language: string, digits = 0): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: digits }).format(value);
}

/** A calendar day (`2027-03-01`) or an instant, as a date: `1 Maret 2027` (id), `1 March 2027` (en). */
export function date(value: string, language: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "long", timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? "UTC" : undefined }).format(day);
}

/** The formatters bound to the current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    rupiah: (amount: number) => rupiah(amount, language),
    number: (value: number, digits?: number) => number(value, language, digits),
    date: (value: string) => date(value, language),
  };
}
