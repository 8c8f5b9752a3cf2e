/**
 * Small helpers the IKM's forms share: reading numbers typed in either language, today's date as the
 * API's days are (UTC), and the fields an API error names (`extensions.fields`), to mark them.
 */
import type { CombinedError } from "urql";

/** A whole number as typed, thousands separators (`.` or `,`) and spaces ignored; null when empty or not a number. */
export function wholeNumber(text: string): number | null {
  const cleaned = text.replace(/[\s.,]/g, "");
  if (!/^-?\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** A decimal number as typed (`0,8` or `0.8`); null when empty or not a number. */
export function decimalNumber(text: string): number | null {
  const cleaned = text.trim().replace(",", ".");
  if (!cleaned || !/^-?\d*\.?\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** A day `days` from today (UTC), as YYYY-MM-DD. */
export function dayFromToday(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The API's complaint per field path ("input.unitPriceIdr" → "must be above 0"), from the first error. */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  const fields = error?.graphQLErrors[0]?.extensions?.fields;
  if (!Array.isArray(fields)) return {};
  return Object.fromEntries((fields as { path: string; message: string }[]).map((f) => [f.path, f.message]));
}
