/**
 * How Jalin reads a word (processTerms): what it names, or, when it names nothing, the known words
 * nearest to it, each with a button that starts teaching the word as that one's synonym. Jalin keeps
 * no list of the words people typed and it did not know; an administrator checks the ones users report.
 */
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { Field } from "../Field";
import { useMeaning } from "./meaning";
import { AdminReadWordQuery, type Reading, type Suggestion, type Taxonomy } from "./queries";

interface Props {
  term: string;
  /** Bumped after a word is added: read the term again. */
  stamp: number;
  taxonomy: Taxonomy | undefined;
  onRead: (term: string) => void;
  onTeach: (term: string, suggestion: Suggestion) => void;
}

export function ReadWord({ term, stamp, taxonomy, onRead, onTeach }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(term);
  useEffect(() => setText(term), [term]);
  const [{ data, error, fetching }, reread] = useQuery({ query: AdminReadWordQuery, variables: { terms: [term] }, pause: !term, requestPolicy: "network-only" });
  // Only a new stamp reads again: a new term is read by the query itself.
  useEffect(() => {
    if (stamp && term) reread({ requestPolicy: "network-only" });
  }, [stamp]);
  const reading = data?.processTerms[0];

  function read(event: FormEvent) {
    event.preventDefault();
    const next = text.trim();
    if (next === term) reread({ requestPolicy: "network-only" });
    else onRead(next);
  }

  return (
    <section className="card" aria-labelledby="read-word">
      <h2 id="read-word">{t("admin.read.title")}</h2>
      <p className="hint">{t("admin.read.intro")}</p>
      <form className="admin-row" onSubmit={read} role="search" aria-label={t("admin.read.title")}>
        <Field id="read-term" label={t("admin.read.term")} value={text} onChange={setText} />
        <button type="submit" disabled={fetching}>{t("admin.read.submit")}</button>
      </form>
      <div className="admin-reading" aria-live="polite" data-testid="word-reading">
        {error && <p role="alert" className="error">{errorText(error, t)}</p>}
        {reading && reading.term === term && <ReadingText reading={reading} taxonomy={taxonomy} onTeach={(s) => onTeach(term, s)} />}
      </div>
    </section>
  );
}

function ReadingText({ reading, taxonomy, onTeach }: { reading: Reading; taxonomy: Taxonomy | undefined; onTeach: (s: Suggestion) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { meaning } = useMeaning(taxonomy);
  const known = meaning(reading);
  if (known) return <p className="known">{t("admin.read.means", { term: reading.term, meaning: known })}</p>;
  return (
    <>
      <p>{t("admin.read.unknown", { term: reading.term })}</p>
      {reading.suggestions.length ? (
        <>
          <p>{t("admin.read.suggestions")}</p>
          <ul>
            {reading.suggestions.map((s) => (
              <li key={s.word}>
                {t("admin.read.suggestion", { word: s.word, meaning: meaning(s), percent: f.number(s.similarity * 100) })}{" "}
                <button type="button" className="secondary" onClick={() => onTeach(s)}>{t("admin.read.teach", { term: reading.term, word: s.word })}</button>
              </li>
            ))}
          </ul>
        </>
      ) : <p>{t("admin.read.noSuggestions")}</p>}
    </>
  );
}
