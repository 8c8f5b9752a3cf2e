/** A labelled input with an optional hint and the API's complaint about it (marked aria-invalid). */
import { useTranslation } from "react-i18next";

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: "text" | "date";
  inputMode?: "numeric";
}

export function Field({ id, label, value, onChange, error, hint, type = "text", inputMode }: Props) {
  const { t } = useTranslation();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="koperasi-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} inputMode={inputMode} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={described} />
      {hint && <small id={`${id}-hint`} className="meta">{hint}</small>}
      {error && <small id={`${id}-error`} className="error">{t("koperasi.respond.fieldError", { message: error })}</small>}
    </div>
  );
}
