/**
 * The vocabulary screen: how Jalin reads a word (and the known words nearest to one it does not
 * know), teaching it a word, the words administrators added, and the words it knows from its file.
 * Teaching a suggested word fills the form with that word's meaning; once added, the word is read again.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../../errors";
import { AddedWords } from "./AddedWords";
import { AddWord } from "./AddWord";
import { EMPTY_DRAFT, type WordDraft, draftFrom } from "./draft";
import { KnownWords } from "./KnownWords";
import { AdminTaxonomyQuery } from "./queries";
import { ReadWord } from "./ReadWord";

export function Vocabulary() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: AdminTaxonomyQuery });
  const taxonomy = data?.processTaxonomy;
  const [term, setTerm] = useState("");
  const [stamp, setStamp] = useState(0);
  // A new draft (a suggestion taught) starts the form afresh.
  const [draft, setDraft] = useState<{ key: number; initial: WordDraft }>({ key: 0, initial: EMPTY_DRAFT });
  return (
    <div className="page admin-page">
      <h1>{t("admin.vocabulary.title")}</h1>
      <p className="hint">{t("admin.vocabulary.intro")}</p>
      {error && <p role="alert" className="error">{errorText(error, t)}</p>}
      <ReadWord term={term} stamp={stamp} taxonomy={taxonomy} onRead={setTerm}
        onTeach={(word, suggestion) => setDraft({ key: draft.key + 1, initial: draftFrom(word, suggestion) })} />
      <AddWord key={draft.key} initial={draft.initial} taxonomy={taxonomy}
        onAdded={(word) => { setTerm(word); setStamp(stamp + 1); }} />
      <AddedWords stamp={stamp} taxonomy={taxonomy} />
      {taxonomy && <KnownWords taxonomy={taxonomy} />}
    </div>
  );
}
