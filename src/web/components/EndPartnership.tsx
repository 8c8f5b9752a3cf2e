/**
 * Ending a partnership from its card, for the buyer's and the IKM's pages, after a confirmation:
 * an ACTIVE one with its last day of supply (today unless changed; the API refuses a day before the
 * start or after today), a PENDING one (declined or withdrawn) without one. The area owns the
 * mutation and its words; this shows the confirmation and the refusal (errorText: a day refused is
 * named by its label and said in the area's words; a partnership ended meanwhile is
 * INVALID_TRANSITION). The refusal stays in view after the page reads the partnership again, even
 * when it turns out ended already.
 */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { errorText } from "../errors";
import { ConfirmAction } from "./ConfirmAction";

export interface EndWords {
  action: string;
  /** The opening button's accessible name (naming the partnership). */
  actionLabel: string;
  question: string;
  confirm: string;
  cancel: string;
  /** The last day's label, its hint, and a refused day's problem (before the start, after today). */
  lastDay: string;
  lastDayHint: string;
  beforeStart: string;
  future: string;
}

interface Props {
  status: "PENDING" | "ACTIVE" | "ENDED";
  words: EndWords;
  busy: boolean;
  error?: CombinedError;
  /** The last day (YYYY-MM-DD) for an ACTIVE one, null for a PENDING one; answers whether it ended. */
  onEnd: (endDate: string | null) => Promise<boolean>;
  testId: string;
}

/** Today as the API's days are (UTC), YYYY-MM-DD. */
const today = () => new Date().toISOString().slice(0, 10);

export function EndPartnership({ status, words, busy, error, onEnd, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [lastDay, setLastDay] = useState(today);
  const fields = error?.graphQLErrors[0]?.extensions?.fields;
  const dayRefused = Array.isArray(fields) && fields.some((f: { path?: string }) => f.path === "endDate");
  const refusal = error && (
    <p role="alert" className="error" data-testid={`${testId}-error`}>
      {errorText(error, t, (path) => (path === "endDate" ? words.lastDay : undefined), (path, message) => {
        if (path !== "endDate") return undefined;
        if (message === "before startDate") return words.beforeStart;
        return message.includes("future") ? words.future : undefined;
      })}
    </p>
  );
  if (status === "ENDED") return refusal || null;
  const active = status === "ACTIVE";
  return (
    <div className="end-partnership">
      <ConfirmAction action={words.action} actionLabel={words.actionLabel} question={words.question} confirm={words.confirm} cancel={words.cancel}
        busy={busy} onConfirm={() => onEnd(active ? lastDay || null : null)}>
        {active && (
          <div className="field">
            <label htmlFor={`${id}-last-day`}>{words.lastDay}</label>
            <input id={`${id}-last-day`} type="date" value={lastDay} max={today()} aria-describedby={`${id}-hint`} aria-invalid={dayRefused || undefined}
              onChange={(e) => setLastDay(e.target.value)} />
            <small id={`${id}-hint`} className="meta">{words.lastDayHint}</small>
          </div>
        )}
      </ConfirmAction>
      {refusal}
    </div>
  );
}
