/** The add-a-word form's draft and the AddSynonymInput it sends: one meaning, by the kind chosen. */
import type { Process, SpecificProcess } from "../../../enums";
import type { Suggestion } from "./queries";

export type Kind = "process" | "specific" | "material";

export interface WordDraft { word: string; kind: Kind; process: string; specificProcess: string; materialFamily: string; source: string; note: string }

export const EMPTY_DRAFT: WordDraft = { word: "", kind: "process", process: "", specificProcess: "", materialFamily: "", source: "", note: "" };

/** The draft for teaching `term` as a synonym of a suggested known word: the same meaning. */
export function draftFrom(term: string, suggestion: Suggestion): WordDraft {
  return suggestion.materialFamily
    ? { ...EMPTY_DRAFT, word: term, kind: "material", materialFamily: suggestion.materialFamily }
    : { ...EMPTY_DRAFT, word: term, kind: "process", process: suggestion.process ?? "" };
}

/** What addSynonym is sent: the word, only the meaning of the kind chosen (empty as null: the API says what is missing), source and note. */
export function inputOf(draft: WordDraft) {
  return {
    word: draft.word,
    process: draft.kind === "process" && draft.process ? (draft.process as Process) : null,
    specificProcess: draft.kind === "specific" && draft.specificProcess ? (draft.specificProcess as SpecificProcess) : null,
    materialFamily: draft.kind === "material" && draft.materialFamily.trim() ? draft.materialFamily.trim() : null,
    source: draft.source,
    note: draft.note.trim() || null,
  };
}

/** The form's label of each input the API may name. */
export const WORD_LABELS: Record<string, string> = {
  "input.word": "admin.add.word", "input.process": "admin.add.process", "input.specificProcess": "admin.add.specificProcess",
  "input.materialFamily": "admin.add.materialFamily", "input.source": "admin.add.source", "input.note": "admin.add.note",
};
