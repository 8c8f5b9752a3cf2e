/**
 * The known words nearest to a word Jalin does not know, for "did you mean": "bubud" -> "bubut",
 * "alumnium" -> "aluminium", "powder coting" -> "powder coating". Pure; the words come from the
 * vocabulary (vocabulary.ts).
 *
 * A candidate's closeness is the better of two measures, each 0 to 1:
 * - trigram similarity, as PostgreSQL's pg_trgm computes it (shared trigrams of the padded words
 *   over all their distinct trigrams), which forgives a changed or missing letter in a long word;
 * - 1 - edit distance / length of the longer word (Damerau-Levenshtein: a swapped pair of letters is one
 *   edit), counted only up to one edit per four letters, which forgives one wrong letter in a short
 *   word, where trigrams share little.
 * Terms of several words are compared phrase by phrase too, so "jasa bubud presisi" suggests bubut.
 */
import type { Process } from "../../../domain/enums.js";

export interface SuggestionCandidate {
  word: string;
  process: Process | null;
  materialFamily: string | null;
}

export interface Suggestion extends SuggestionCandidate {
  /** 0 to 1: 1 is the same word. */
  similarity: number;
}

/** Least closeness a suggestion needs; 0.5 keeps one wrong letter in a 4-letter word (bubud/bubut is 0.8). */
export const MIN_SIMILARITY = 0.5;

/** Longest phrase of a term compared, in words. */
const MAX_PHRASE = 3;

/** pg_trgm's trigrams: each word padded with two spaces before and one after. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.split(" ").filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Edits (insert, delete, replace, swap two neighbours) that turn a into b. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

export function closeness(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  // Far apart in length: not one misspelling of the other (and skips the edit table).
  // Edits count up to one per four letters (at least one): "cat" is not a misspelling of "craft".
  const edits = Math.abs(a.length - b.length) > 3 ? longer : editDistance(a, b);
  const byEdits = edits <= Math.max(1, Math.floor(longer / 4)) ? 1 - edits / longer : 0;
  return Math.max(trigramSimilarity(a, b), byEdits);
}

/** The term's phrases of 1 to MAX_PHRASE words (the whole term too). */
function phrasesOf(term: string): string[] {
  const tokens = term.split(" ").filter(Boolean);
  const out = new Set<string>([term]);
  for (let n = 1; n <= Math.min(MAX_PHRASE, tokens.length); n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.add(tokens.slice(i, i + n).join(" "));
  }
  return [...out];
}

/**
 * Up to `limit` candidates at least MIN_SIMILARITY close to the (normalised) term or a phrase in
 * it, closest first (ties: shorter word, then alphabetical); one per word.
 */
export function suggest(term: string, candidates: readonly SuggestionCandidate[], limit: number): Suggestion[] {
  if (!term || limit <= 0) return [];
  const phrases = phrasesOf(term.slice(0, 200));
  const found: Suggestion[] = [];
  for (const candidate of candidates) {
    let best = 0;
    for (const phrase of phrases) best = Math.max(best, closeness(phrase, candidate.word));
    if (best >= MIN_SIMILARITY && best < 1) found.push({ ...candidate, similarity: Math.round(best * 1000) / 1000 });
  }
  found.sort((a, b) => b.similarity - a.similarity || a.word.length - b.word.length || a.word.localeCompare(b.word));
  const seen = new Set<string>();
  return found.filter((s) => !seen.has(s.word) && seen.add(s.word)).slice(0, limit);
}
