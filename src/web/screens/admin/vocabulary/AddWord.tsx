/**
 * Teaching Jalin a word (addSynonym): the word, what it names (a process family, a specific process or
 * a material family), its source and a note. A refusal is shown in words, each field the API names by
 * its label and marked invalid; nothing is written then. Added, it is effective at once on every server.
 */
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { PROCESSES } from "../../../enums";
import { errorText, fieldErrors } from "../../../errors";
import { Choice } from "../Choice";
import { Field } from "../Field";
import { required } from "../form";
import { type Kind, WORD_LABELS, type WordDraft, inputOf } from "./draft";
import { useMeaning } from "./meaning";
import { AdminAddSynonym, type Taxonomy } from "./queries";

const KINDS: readonly Kind[] = ["process", "specific", "material"];
/** The field that says the meaning, per kind: the API names `input.process` when the meaning is missing. */
const MEANING_FIELD: Record<Kind, string> = { process: "input.process", specific: "input.specificProcess", material: "input.materialFamily" };

interface Props { initial: WordDraft; taxonomy: Taxonomy | undefined; onAdded: (word: string) => void }

export function AddWord({ initial, taxonomy, onAdded }: Props) {
  const { t } = useTranslation();
  const { meaning, specificName } = useMeaning(taxonomy);
  const [draft, setDraft] = useState(initial);
  const [added, setAdded] = useState<string | null>(null);
  const [result, add] = useMutation(AdminAddSynonym);
  const invalid = fieldErrors(result.error);
  const meaningError = invalid[MEANING_FIELD[draft.kind]] ?? invalid["input.process"];
  // Taught from a suggestion, the word and its meaning are filled in: the source is what is left to give.
  useEffect(() => {
    if (initial.word) document.getElementById("source")?.focus();
  }, [initial]);
  const set = (patch: Partial<WordDraft>) => setDraft({ ...draft, ...patch });
  const fieldName = (path: string) => t(path === "input.process" ? WORD_LABELS[MEANING_FIELD[draft.kind]] : WORD_LABELS[path] ?? path);

  async function send(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    const answer = await add({ input: inputOf(draft) });
    const entry = answer.data?.addSynonym;
    if (!entry) return;
    setAdded(t("admin.add.added", { word: entry.word, meaning: meaning(entry) }));
    setDraft({ ...draft, word: "", note: "" });
    onAdded(entry.word);
  }

  return (
    <form className="card admin-form" onSubmit={send} noValidate aria-labelledby="add-word">
      <h2 id="add-word">{t("admin.add.title")}</h2>
      <Field id="word" label={required(t("admin.add.word"), t)} hint={t("admin.add.wordHint")} value={draft.word} error={invalid["input.word"]} onChange={(v) => set({ word: v })} />
      <fieldset>
        <legend>{t("admin.add.kind")}</legend>
        {KINDS.map((k) => (
          <label key={k} className="check">
            <input type="radio" name="kind" value={k} checked={draft.kind === k} onChange={() => set({ kind: k })} />
            <span>{t(`admin.add.kinds.${k}`)}</span>
          </label>
        ))}
      </fieldset>
      {draft.kind === "process" && (
        <Choice id="process" label={required(t("admin.add.process"), t)} value={draft.process} error={meaningError} onChange={(v) => set({ process: v })}>
          <option value="">{t("admin.add.choose")}</option>
          {PROCESSES.map((p) => <option key={p} value={p}>{t(`processes.${p}`)}</option>)}
        </Choice>
      )}
      {draft.kind === "specific" && (
        <Choice id="specific-process" label={required(t("admin.add.specificProcess"), t)} value={draft.specificProcess} error={meaningError} onChange={(v) => set({ specificProcess: v })}>
          <option value="">{t("admin.add.choose")}</option>
          {(taxonomy ?? []).filter((f) => f.specifics.length).map((f) => (
            <optgroup key={f.process} label={t(`processes.${f.process}`)}>
              {f.specifics.map((s) => <option key={s.code} value={s.code}>{specificName(s.code)}</option>)}
            </optgroup>
          ))}
        </Choice>
      )}
      {draft.kind === "material" && (
        <Field id="material-family" label={required(t("admin.add.materialFamily"), t)} hint={t("admin.add.materialHint")} value={draft.materialFamily}
          error={meaningError} onChange={(v) => set({ materialFamily: v })} />
      )}
      <Field id="source" label={required(t("admin.add.source"), t)} hint={t("admin.add.sourceHint")} value={draft.source} error={invalid["input.source"]} onChange={(v) => set({ source: v })} />
      <div className="admin-field">
        <label htmlFor="note">{t("admin.add.note")}</label>
        <textarea id="note" rows={2} value={draft.note} onChange={(e) => set({ note: e.target.value })} aria-invalid={invalid["input.note"] ? true : undefined} />
      </div>
      {result.error && <p role="alert" className="error" data-testid="add-word-error">{errorText(result.error, t, fieldName)}</p>}
      {added && !result.error && <p role="status" className="notice" data-testid="add-word-status">{added}</p>}
      <button type="submit" disabled={result.fetching}>{result.fetching ? t("admin.sending") : t("admin.add.submit")}</button>
    </form>
  );
}
