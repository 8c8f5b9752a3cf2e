/**
 * Processes and materials for a need, named in the buyer's own words: "bubut", "chrome plating",
 * "kuningan" are looked up in the vocabulary (`processTerms`) and become a process family, a specific
 * process under it, or a material; a word Jalin does not know offers the nearest known words. The
 * families can also be picked from a list, and each chosen family's specific processes (from
 * `processTaxonomy`) are ticked below it: none ticked means any process of the family.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useQuery } from "urql";
import { type Process, PROCESSES, type SpecificProcess } from "../../../enums";
import { errorText } from "../../../errors";
import { type ResultOf, graphql } from "../../../graphql";

export const TaxonomyQuery = graphql(`
  query Taxonomy { processTaxonomy { process specifics { code nameId nameEn } } }
`);

const TermsQuery = graphql(`
  query Terms($terms: [String!]!) {
    processTerms(terms: $terms) { term process specificProcess materialFamily suggestions { word label } }
  }
`);

type Term = ResultOf<typeof TermsQuery>["processTerms"][number];

export interface Picked {
  processes: Process[];
  specificProcesses: SpecificProcess[];
  materials: string[];
}

/** What a looked-up word adds to the need, or null when the word names nothing known. */
export function addTerm(picked: Picked, term: Term): Picked | null {
  const process = term.process as Process | null;
  if (process) {
    const specific = term.specificProcess;
    return {
      ...picked,
      processes: picked.processes.includes(process) ? picked.processes : [...picked.processes, process],
      specificProcesses: specific && !picked.specificProcesses.includes(specific) ? [...picked.specificProcesses, specific] : picked.specificProcesses,
    };
  }
  if (term.materialFamily) {
    const word = term.term.trim().toLowerCase();
    return picked.materials.includes(word) ? picked : { ...picked, materials: [...picked.materials, word] };
  }
  return null;
}

function WordLookup({ picked, onChange }: { picked: Picked; onChange: (next: Picked) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [word, setWord] = useState("");
  const [answer, setAnswer] = useState<{ message: string; suggestions: Term["suggestions"] } | null>(null);

  async function look(value: string) {
    if (!value.trim()) return;
    const result = await client.query(TermsQuery, { terms: [value] }, { requestPolicy: "network-only" }).toPromise();
    if (result.error) return setAnswer({ message: errorText(result.error, t), suggestions: [] });
    const term = result.data!.processTerms[0];
    const next = addTerm(picked, term);
    if (next) {
      onChange(next);
      setWord("");
      const named = term.specificProcess ?? (term.process ? t(`processes.${term.process}`) : term.materialFamily);
      return setAnswer({ message: t("buyer.editor.wordAdded", { word: term.term, named }), suggestions: [] });
    }
    setAnswer({ message: t(term.suggestions.length ? "buyer.editor.wordUnknown" : "buyer.editor.wordNothing", { word: term.term }), suggestions: term.suggestions });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void look(word);
  }

  return (
    <div className="word-lookup">
      <label htmlFor="process-word">{t("buyer.editor.word")}</label>
      <span className="inline">
        <input id="process-word" value={word} onChange={(e) => setWord(e.target.value)} onKeyDown={(e) => { if (e.key === "Enter") submit(e); }} />
        <button type="button" onClick={submit}>{t("buyer.editor.addWord")}</button>
      </span>
      <p role="status" className="hint">{answer?.message}</p>
      {answer?.suggestions.length ? (
        <ul className="terms suggestions">
          {answer.suggestions.map((s) => (
            <li key={s.word}><button type="button" className="link" onClick={() => void look(s.word)}>{s.label}</button></li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type Family = ResultOf<typeof TaxonomyQuery>["processTaxonomy"][number];

function FamilyBox({ family, picked, onChange }: { family: Family; picked: Picked; onChange: (next: Picked) => void }) {
  const { t, i18n } = useTranslation();
  const name = t(`processes.${family.process}`);
  const toggle = (code: SpecificProcess, on: boolean) =>
    onChange({ ...picked, specificProcesses: on ? [...picked.specificProcesses, code] : picked.specificProcesses.filter((s) => s !== code) });
  const remove = () => {
    const codes = new Set(family.specifics.map((s) => s.code));
    onChange({ ...picked, processes: picked.processes.filter((p) => p !== family.process), specificProcesses: picked.specificProcesses.filter((s) => !codes.has(s)) });
  };
  return (
    <li className="card family" data-process={family.process}>
      <span className="inline">
        <strong>{name}</strong>
        <button type="button" className="link" onClick={remove} aria-label={t("buyer.editor.removeProcess", { name })}>{t("buyer.editor.remove")}</button>
      </span>
      {family.specifics.length > 0 && (
        <fieldset>
          <legend>{t("buyer.editor.specifics", { name })}</legend>
          {family.specifics.map((s) => (
            <label key={s.code} className="check">
              <input type="checkbox" checked={picked.specificProcesses.includes(s.code)} onChange={(e) => toggle(s.code, e.target.checked)} />
              {i18n.language === "en" ? s.nameEn : s.nameId}
            </label>
          ))}
        </fieldset>
      )}
    </li>
  );
}

function Materials({ picked, onChange }: { picked: Picked; onChange: (next: Picked) => void }) {
  const { t } = useTranslation();
  const [material, setMaterial] = useState("");
  const add = () => {
    const word = material.trim().toLowerCase();
    if (word && !picked.materials.includes(word)) onChange({ ...picked, materials: [...picked.materials, word] });
    setMaterial("");
  };
  return (
    <div>
      <label htmlFor="material">{t("buyer.editor.material")}</label>
      <span className="inline">
        <input id="material" value={material} onChange={(e) => setMaterial(e.target.value)} onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); add(); } }} />
        <button type="button" onClick={add}>{t("buyer.editor.addMaterial")}</button>
      </span>
      <ul className="terms chips" aria-label={t("need.materials")}>
        {picked.materials.map((m) => (
          <li key={m}>{m} <button type="button" className="link" aria-label={t("buyer.editor.removeMaterial", { name: m })} onClick={() => onChange({ ...picked, materials: picked.materials.filter((x) => x !== m) })}>×</button></li>
        ))}
      </ul>
    </div>
  );
}

export function ProcessPicker({ picked, onChange }: { picked: Picked; onChange: (next: Picked) => void }) {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: TaxonomyQuery });
  if (error) return <p role="alert" className="error">{errorText(error, t)}</p>;
  if (!data) return <p>{t("app.loading")}</p>;
  const families = new Map(data.processTaxonomy.map((f) => [f.process as Process, f]));
  const rest = PROCESSES.filter((p) => !picked.processes.includes(p));
  return (
    <fieldset className="processes">
      <legend>{t("need.processes")} / {t("need.materials")}</legend>
      <WordLookup picked={picked} onChange={onChange} />
      <ul className="list">
        {picked.processes.map((p) => <FamilyBox key={p} family={families.get(p) ?? { process: p, specifics: [] }} picked={picked} onChange={onChange} />)}
      </ul>
      <label htmlFor="add-process">{t("buyer.editor.addProcess")}</label>
      <select id="add-process" value="" onChange={(e) => e.target.value && onChange({ ...picked, processes: [...picked.processes, e.target.value as Process] })}>
        <option value="">{t("buyer.editor.pickProcess")}</option>
        {rest.map((p) => <option key={p} value={p}>{t(`processes.${p}`)}</option>)}
      </select>
      <Materials picked={picked} onChange={onChange} />
    </fieldset>
  );
}
