/** A form's outcome: the API's error in words (role="alert"), and a status line after a save. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { errorText } from "../../errors";

export function Outcome({ error, problem, status, testId }: { error?: CombinedError; problem?: string; status?: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      {error && <p role="alert" className="error" data-testid={`${testId}-error`}>{errorText(error, t)}</p>}
      {!error && problem && <p role="alert" className="error" data-testid={`${testId}-error`}>{problem}</p>}
      {status !== undefined && <p role="status" className="notice" data-testid={`${testId}-status`}>{status}</p>}
    </>
  );
}

/** The status line's text and a setter that stamps it with the time (so a second save is heard too). */
export function useStatus(): [string, (key: string) => void, () => void] {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState("");
  const say = (key: string) => setStatus(t(key, { time: new Date().toLocaleTimeString(i18n.language) }));
  return [status, say, () => setStatus("")];
}
