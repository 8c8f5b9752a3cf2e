/**
 * A labelled input with an optional hint and the API's complaint about it (marked aria-invalid),
 * for the console's forms. `errorKey` names the words around the complaint (`{{message}}`) in the
 * area's word file; `className` the wrapper's class, for an area's own layout.
 */
import { useTranslation } from "react-i18next";

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The words key the complaint is shown with, e.g. "supplier.respond.fieldError". */
  errorKey: string;
  error?: string;
  hint?: string;
  type?: "text" | "date";
  inputMode?: "numeric" | "decimal";
  className?: string;
}

export function Field({ id, label, value, onChange, errorKey, error, hint, type = "text", inputMode, className = "field" }: Props) {
  const { t } = useTranslation();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} inputMode={inputMode} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={described} />
      {hint && <small id={`${id}-hint`} className="meta">{hint}</small>}
      {error && <small id={`${id}-error`} className="error">{t(errorKey, { message: error })}</small>}
    </div>
  );
}
