/** A labelled select for the admin forms, marked invalid with the API's complaint like Field. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props { id: string; label: string; value: string; onChange: (value: string) => void; error?: string; children: ReactNode }

export function Choice({ id, label, value, onChange, error, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}>
        {children}
      </select>
      {error && <small id={`${id}-error`} className="error">{t("admin.fieldError", { message: error })}</small>}
    </div>
  );
}
