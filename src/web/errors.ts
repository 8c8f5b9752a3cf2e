/**
 * An API error in the reader's words, from its `extensions.code` (README, "Errors"): the words of
 * every code are in locales/<language>.json under `errors` (test/unit/web-words.test.ts keeps them
 * equal to src/domain/errors.ts's list); `network` and `unknown` are the console's own.
 */
import type { CombinedError } from "urql";
import type { TFunction } from "i18next";

/**
 * `fieldName` turns a field's path as the API names it ("input.longitude") into the words of the
 * form's label ("Bujur"); a path it does not know is shown as the API wrote it. `fieldMessage` may
 * say a refused field's problem in the reader's language where the form knows it (the API's
 * messages are English); it answers undefined to keep the API's words.
 */
export function errorText(
  error: CombinedError,
  t: TFunction,
  fieldName?: (path: string) => string | undefined,
  fieldMessage?: (path: string, message: string) => string | undefined,
): string {
  if (error.networkError && !error.graphQLErrors.length) return t("errors.network");
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  const words = typeof code === "string" ? t(`errors.${code}`, { defaultValue: t("errors.unknown") }) : t("errors.unknown");
  // Bad input names each field it refused (`extensions.fields`).
  const fields = first?.extensions?.fields;
  if (Array.isArray(fields) && fields.length) {
    return `${words} ${(fields as { path: string; message: string }[]).map((f) => `${fieldName?.(f.path) ?? f.path}: ${fieldMessage?.(f.path, f.message) ?? f.message}`).join("; ")}`;
  }
  return words;
}

/** The API's complaint per field path ("input.regionCode" → "… is not one of the 38 province codes."), from the first error. */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  const fields = error?.graphQLErrors[0]?.extensions?.fields;
  if (!Array.isArray(fields)) return {};
  return Object.fromEntries((fields as { path: string; message: string }[]).map((f) => [f.path, f.message]));
}
