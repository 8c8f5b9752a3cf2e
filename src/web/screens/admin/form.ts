/** What the admin forms share: a field's label from its path, and a required field's label. */
import type { TFunction } from "i18next";

/** errorText's `fieldName` for a form whose labels are `labels` (path → words key). */
export function labelsOf(labels: Record<string, string>, t: TFunction) {
  return (path: string) => (labels[path] ? t(labels[path]) : undefined);
}

/** A required field's label: "Nama sentra (wajib)". */
export function required(label: string, t: TFunction): string {
  return t("admin.required", { label });
}
