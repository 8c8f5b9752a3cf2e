/** An API error in the reader's words, from its `extensions.code` (README, "Errors"). */
import type { CombinedError } from "urql";
import type { TFunction } from "i18next";

export function errorText(error: CombinedError, t: TFunction): string {
  if (error.networkError && !error.graphQLErrors.length) return t("errors.NETWORK");
  const first = error.graphQLErrors[0];
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : "UNKNOWN";
  const words = t(`errors.${code}`, { defaultValue: t("errors.UNKNOWN") });
  const fields = first?.extensions?.fields;
  if (code === "BAD_USER_INPUT" && Array.isArray(fields) && fields.length) {
    return `${words} ${(fields as { path: string; message: string }[]).map((f) => `${f.path}: ${f.message}`).join("; ")}`;
  }
  return words;
}
