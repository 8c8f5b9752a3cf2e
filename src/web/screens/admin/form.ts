/** What the admin forms share: the API's complaint per field, and a field's label from its path. */
import type { TFunction } from "i18next";
import type { CombinedError } from "urql";

/** The API's complaint per field path ("input.regionCode" → "… is not one of the 38 province codes."), from the first error. */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  const fields = error?.graphQLErrors[0]?.extensions?.fields;
  if (!Array.isArray(fields)) return {};
  return Object.fromEntries((fields as { path: string; message: string }[]).map((f) => [f.path, f.message]));
}

/** errorText's `fieldName` for a form whose labels are `labels` (path → words key). */
export function labelsOf(labels: Record<string, string>, t: TFunction) {
  return (path: string) => (labels[path] ? t(labels[path]) : undefined);
}

/** A required field's label: "Nama sentra (wajib)". */
export function required(label: string, t: TFunction): string {
  return t("admin.required", { label });
}
