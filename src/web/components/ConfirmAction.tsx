/**
 * An action asked twice: its button opens a confirmation (a question, any fields the action takes,
 * a confirming and a cancelling button) in place, and only the confirming button acts. Focus moves
 * to the question when it opens and back to the button when it closes. `onConfirm` answers whether
 * the action was done: the confirmation closes then, and stays open (beside the page's refusal) when not.
 * Every word comes from the caller's area.
 */
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import "./ConfirmAction.css";

interface Props {
  /** The button that opens the confirmation. */
  action: string;
  /** Its accessible name when the visible words are not enough (e.g. naming what it acts on). */
  actionLabel?: string;
  question: string;
  confirm: string;
  cancel: string;
  busy: boolean;
  onConfirm: () => Promise<boolean>;
  /** Fields the action takes (e.g. a date), shown under the question. */
  children?: ReactNode;
}

export function ConfirmAction({ action, actionLabel, question, confirm, cancel, busy, onConfirm, children }: Props) {
  const [open, setOpen] = useState(false);
  const questionId = useId();
  const questionRef = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    (open ? questionRef.current : opener.current)?.focus();
  }, [open]);
  const toggle = (value: boolean) => { moved.current = true; setOpen(value); };
  if (!open) {
    return <button ref={opener} type="button" className="secondary" aria-label={actionLabel} disabled={busy} onClick={() => toggle(true)}>{action}</button>;
  }
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} ref={questionRef} tabIndex={-1}>{question}</p>
      {children}
      <div className="confirm-buttons">
        <button type="button" disabled={busy} onClick={async () => { if (await onConfirm()) toggle(false); }}>{confirm}</button>
        <button type="button" className="secondary" disabled={busy} onClick={() => toggle(false)}>{cancel}</button>
      </div>
    </div>
  );
}
