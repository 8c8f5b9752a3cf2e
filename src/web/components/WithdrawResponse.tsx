/**
 * Taking a live response back (withdrawResponse with the version the page shows), after a
 * confirmation, for the IKM's answer page and the koperasi's (its consortium response). The area
 * gives the words; this owns the mutation. A refusal is shown in words (errorText): the response
 * changed meanwhile (a stale version) or was withdrawn already. Either way the caller reads the page
 * again (`onDone`), so it shows the response as it now stands (a second try acts on that), and the
 * refusal stays in view even when the response turns out withdrawn already.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { errorText } from "../errors";
import { graphql } from "../graphql";
import { ConfirmAction } from "./ConfirmAction";
import "./WithdrawResponse.css";

const WithdrawResponseMutation = graphql(`
  mutation WithdrawResponse($id: ID!, $expectedVersion: Int) {
    withdrawResponse(id: $id, expectedVersion: $expectedVersion) { id status version updatedAt }
  }
`);

export interface WithdrawWords {
  title: string;
  hint: string;
  /** The button that opens the confirmation. */
  open: string;
  /** The question, naming the version withdrawn. */
  question: string;
  confirm: string;
  cancel: string;
}

interface Props {
  response: { id: string; status: "ACTIVE" | "WITHDRAWN"; version: number };
  words: WithdrawWords;
  /** Called after every try: whether the response was withdrawn (the caller reads it again either way). */
  onDone: (withdrawn: boolean) => void;
}

export function WithdrawResponse({ response, words, onDone }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const [withdrawn, withdraw] = useMutation(WithdrawResponseMutation);
  const refusal = withdrawn.error && <p role="alert" className="error" data-testid="withdraw-error">{errorText(withdrawn.error, t)}</p>;
  if (response.status !== "ACTIVE") return refusal || null;
  return (
    <section aria-labelledby={titleId} className="card withdraw">
      <h2 id={titleId}>{words.title}</h2>
      <p className="meta">{words.hint}</p>
      <ConfirmAction action={words.open} question={words.question} confirm={words.confirm} cancel={words.cancel} busy={withdrawn.fetching}
        onConfirm={async () => {
          const answer = await withdraw({ id: response.id, expectedVersion: response.version });
          onDone(Boolean(answer.data));
          return Boolean(answer.data);
        }} />
      {refusal}
    </section>
  );
}
