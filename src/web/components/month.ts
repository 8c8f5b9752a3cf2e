/** Months as the delivery tables and the delivery form use them. */

/** A month (its first day, YYYY-MM-DD) as its name and year in the reader's language: "Maret 2027", "March 2027". */
export function monthName(day: string, language: string): string {
  const locale = language === "en" ? "en-GB" : "id-ID";
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** The current month as an <input type="month"> value (YYYY-MM), in the reader's local time. */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}
