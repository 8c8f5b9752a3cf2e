/** The words administrators added (vocabulary), newest first, narrowed by how they start: each with its meaning, source, note, who and when. */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { Field } from "../Field";
import { useMeaning } from "./meaning";
import { AdminAddedWordsQuery, type Taxonomy } from "./queries";

export function AddedWords({ stamp, taxonomy }: { stamp: number; taxonomy: Taxonomy | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { meaning } = useMeaning(taxonomy);
  const [start, setStart] = useState("");
  const filter = start.trim() ? { wordStartsWith: start.trim() } : null;
  const [{ data, error }, reread] = useQuery({ query: AdminAddedWordsQuery, variables: { filter }, requestPolicy: "cache-and-network" });
  // A word was added: read the list again.
  useEffect(() => {
    if (stamp) reread({ requestPolicy: "network-only" });
  }, [stamp]);
  const words = data?.vocabulary;
  return (
    <section className="card" aria-labelledby="added-words">
      <h2 id="added-words">{t("admin.added.title")}</h2>
      <Field id="added-filter" label={t("admin.added.filter")} value={start} onChange={setStart} />
      {error && <p role="alert" className="error">{errorText(error, t)}</p>}
      {!data && !error && <p>{t("app.loading")}</p>}
      {words && words.totalCount > 0 && <p className="meta">{t("admin.added.count", { count: words.totalCount, shown: f.number(words.nodes.length), total: f.number(words.totalCount) })}</p>}
      {words && (words.nodes.length ? (
        <ul className="admin-list" data-testid="added-words">
          {words.nodes.map((w) => (
            <li key={w.id} data-word={w.word}>
              <h3>{t("admin.added.word", { word: w.word, meaning: meaning(w) })}</h3>
              <p>{t("admin.added.source", { source: w.source })}</p>
              {w.note && <p>{t("admin.added.note", { note: w.note })}</p>}
              <p className="meta">{t("admin.added.by", { name: w.addedByName, date: f.date(w.createdAt) })}</p>
            </li>
          ))}
        </ul>
      ) : <p>{t("admin.added.none")}</p>)}
    </section>
  );
}
