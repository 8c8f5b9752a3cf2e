/** A step that asks for words first (a reason, a note): a button opens a small form, which confirms or goes back. */
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  label: string;
  reasonLabel: string;
  confirmLabel: string;
  /** A reason must be given (the API refuses an empty one). */
  required?: boolean;
  busy?: boolean;
  secondary?: boolean;
  /** Extra inputs shown above the reason (e.g. pieces and a due date). */
  children?: ReactNode;
  onSubmit: (reason: string) => Promise<boolean>;
}

export function ReasonAction({ label, reasonLabel, confirmLabel, required, busy, secondary, children, onSubmit }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) return <button type="button" className={secondary ? "secondary" : undefined} onClick={() => setOpen(true)}>{label}</button>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await onSubmit(reason.trim())) {
      setOpen(false);
      setReason("");
    }
  }

  return (
    <form className="inline-form card" onSubmit={submit} aria-label={label}>
      {children}
      <label htmlFor={id}>{reasonLabel}</label>
      <input id={id} value={reason} required={required} onChange={(e) => setReason(e.target.value)} />
      <span className="inline">
        <button type="submit" disabled={busy}>{confirmLabel}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>{t("buyer.shortlist.back")}</button>
      </span>
    </form>
  );
}
