/**
 * Indonesian and English words for processes and materials, so wording never hides a supplier:
 * "bubut", "turning" and "manual machining" are one process; "besi cor" and "cast iron" one material.
 * The reviewed words, each with its source, are in vocabulary/words.ts; administrators add more at
 * run time (features/vocabulary), which a `Vocabulary` built with `learned` words reads too.
 *
 * The matcher (scorer, index) calls the module functions `processOf` and `materialFamily`: they
 * read the vocabulary this process installed last (`installVocabulary`), the reviewed words alone
 * until a server loaded the learned ones.
 */
import type { Process, SpecificProcess } from "../../domain/enums.js";
import { MATERIAL_WORDS, PROCESS_WORDS, SOURCES, type SourceKey } from "./vocabulary/words.js";
import { type Suggestion, type SuggestionCandidate, suggest } from "./vocabulary/suggest.js";

export type { Suggestion } from "./vocabulary/suggest.js";

/** Lower-cases, turns punctuation into spaces and collapses spaces: "Cetak-Plastik " -> "cetak plastik". */
export function normaliseTerm(term: string): string {
  return term
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Synonyms per process family, in the file's order (words of all sources together, its specific processes' too). */
export const PROCESS_SYNONYMS: ReadonlyArray<readonly [Process, readonly string[]]> = PROCESS_WORDS.map(
  ({ process, words, specifics }) => [process, [...words, ...(specifics ?? []).flatMap((sp) => sp.words)].flatMap((s) => s.words)] as const,
);

/** Material families and their words, in the file's order; the family's name is a word of its own. */
export const MATERIAL_FAMILIES: ReadonlyArray<readonly [string, readonly string[]]> = MATERIAL_WORDS.map(
  ({ family, words }) => [family, [family, ...words.flatMap((s) => s.words)]] as const,
);

/** The family names words may be added to. */
export const MATERIAL_FAMILY_NAMES: readonly string[] = MATERIAL_WORDS.map((m) => m.family);

/** A word added by an administrator (a "VocabularyEntry" row): a process word or a material word. */
export interface LearnedWord {
  word: string;
  process: Process | null;
  /** The specific process of `process` the word names, or null (absent: null). */
  specificProcess?: SpecificProcess | null;
  materialFamily: string | null;
  source: string;
}

/** What one known word means, and where it comes from. */
export interface KnownWord {
  /** Normalised. */
  word: string;
  process: Process | null;
  /** The specific process of the family the word names (taxonomy.ts), or null when it names the family alone. */
  specificProcess: SpecificProcess | null;
  materialFamily: string | null;
  /** The source's full text (a reviewed source, or what the administrator who added it named). */
  source: string;
  /** True for words added at run time. */
  learned: boolean;
}

interface Entry<T> {
  target: T;
  /** The family's position in the file (learned words after all): breaks ties between phrases. */
  rank: number;
  tokens: number;
  known: KnownWord;
}

/** Longest phrase a table holds, in words: n-grams longer than this are not looked up. */
const MAX_PHRASE_TOKENS = 6;

class Table<T> {
  readonly byWord = new Map<string, Entry<T>>();
  private longest = 1;

  add(word: string, target: T, rank: number, known: Omit<KnownWord, "word">): void {
    const key = normaliseTerm(word);
    if (!key || this.byWord.has(key)) return;
    const tokens = key.split(" ").length;
    this.longest = Math.min(MAX_PHRASE_TOKENS, Math.max(this.longest, tokens));
    this.byWord.set(key, { target, rank, tokens, known: { ...known, word: key } });
  }

  /** The whole term first; then the longest known phrase inside it (ties: the family listed first). */
  read(term: string): Entry<T> | null {
    const key = normaliseTerm(term);
    if (!key) return null;
    const exact = this.byWord.get(key);
    if (exact) return exact;
    const tokens = key.split(" ");
    let best: Entry<T> | null = null;
    for (let n = Math.min(this.longest, tokens.length); n >= 1 && !best; n--) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const found = this.byWord.get(tokens.slice(i, i + n).join(" "));
        if (found && (!best || found.rank < best.rank)) best = found;
      }
    }
    return best;
  }
}

/** The reviewed words plus, when given, the learned ones: what Jalin reads each word as. */
export class Vocabulary {
  private readonly processes = new Table<Process>();
  private readonly materials = new Table<string>();
  private readonly materialCache = new Map<string, string>();
  private candidates: SuggestionCandidate[] | null = null;

  constructor(readonly learned: readonly LearnedWord[] = []) {
    PROCESS_WORDS.forEach(({ process, words, specifics }, rank) => {
      const base = { process, specificProcess: null, materialFamily: null, learned: false };
      for (const s of words) for (const word of s.words) this.processes.add(word, process, rank, { ...base, source: sourceText(s.source) });
      for (const { specific, words: named } of specifics ?? []) {
        for (const s of named) for (const word of s.words) this.processes.add(word, process, rank, { ...base, specificProcess: specific, source: sourceText(s.source) });
      }
      // The enum value itself, where the file does not list it.
      this.processes.add(process.toLowerCase().replace(/_/g, " "), process, rank, { ...base, source: "Jalin's Process enum (src/domain/enums.ts)" });
    });
    MATERIAL_WORDS.forEach(({ family, words }, rank) => {
      const base = { process: null, specificProcess: null, materialFamily: family, learned: false };
      for (const s of words) for (const word of s.words) this.materials.add(word, family, rank, { ...base, source: sourceText(s.source) });
      this.materials.add(family, family, rank, { ...base, source: sourceText(words[0]!.source) });
    });
    const after = PROCESS_WORDS.length + MATERIAL_WORDS.length;
    learned.forEach((l, i) => {
      const known = { process: l.process, specificProcess: l.specificProcess ?? null, materialFamily: l.materialFamily, source: l.source, learned: true };
      if (l.process) this.processes.add(l.word, l.process, after + i, known);
      if (l.materialFamily) this.materials.add(l.word, l.materialFamily, after + i, known);
    });
  }

  /**
   * The process a term names, matching a whole term first ("cetak plastik") and then the longest
   * known phrase inside it ("jasa bubut presisi" -> MACHINING_MANUAL). Null when no known word is in the term.
   */
  processOf(term: string): Process | null {
    return this.processes.read(term)?.target ?? null;
  }

  /**
   * The specific process a term names ("mesin bubut" -> TURNING, "tangki krom" -> CHROME_PLATING),
   * by the same reading as processOf; null when the word it is read by names the family alone.
   */
  specificOf(term: string): SpecificProcess | null {
    return this.processes.read(term)?.known.specificProcess ?? null;
  }

  /** The known process word a term is read by (the whole term, or the phrase inside it), or null. */
  processWordOf(term: string): KnownWord | null {
    return this.processes.read(term)?.known ?? null;
  }

  /** The known material word a name is read by, or null. */
  materialWordOf(name: string): KnownWord | null {
    return this.materials.read(name)?.known ?? null;
  }

  /**
   * The material family a name belongs to ("Besi Cor FC250" -> "cast iron"); a name with no known
   * word stays itself, normalised, so two suppliers writing "bambu" still match each other.
   */
  materialFamily(name: string): string {
    const cached = this.materialCache.get(name);
    if (cached !== undefined) return cached;
    const result = this.materials.read(name)?.target ?? normaliseTerm(name);
    if (this.materialCache.size < 100_000) this.materialCache.set(name, result);
    return result;
  }

  /** What a word means exactly (whole word, normalised), as a process word and as a material word. */
  exactly(word: string): { process: KnownWord | null; material: KnownWord | null } {
    const key = normaliseTerm(word);
    return { process: this.processes.byWord.get(key)?.known ?? null, material: this.materials.byWord.get(key)?.known ?? null };
  }

  /** The known words nearest to a term ("bubud" -> bubut), best first: see vocabulary/suggest.ts. */
  suggestions(term: string, limit = 5): Suggestion[] {
    this.candidates ??= [
      ...[...this.processes.byWord.values()].map((e) => ({ word: e.known.word, process: e.target, materialFamily: null })),
      ...[...this.materials.byWord.values()].map((e) => ({ word: e.known.word, process: null, materialFamily: e.target })),
    ];
    return suggest(normaliseTerm(term), this.candidates, limit);
  }

  /** Every known word: the reviewed ones in the file's order, then the learned ones. */
  words(): KnownWord[] {
    return [...[...this.processes.byWord.values()].map((e) => e.known), ...[...this.materials.byWord.values()].map((e) => e.known)];
  }
}

function sourceText(key: SourceKey): string {
  return SOURCES[key];
}

let installed = new Vocabulary();

/** Makes `vocabulary` the one the module functions below read (a server does, after loading the learned words). */
export function installVocabulary(vocabulary: Vocabulary): void {
  installed = vocabulary;
}

/** The vocabulary the module functions read now. */
export function installedVocabulary(): Vocabulary {
  return installed;
}

/** `Vocabulary.processOf` of the installed vocabulary. */
export function processOf(term: string): Process | null {
  return installed.processOf(term);
}

/** `Vocabulary.specificOf` of the installed vocabulary. */
export function specificOf(term: string): SpecificProcess | null {
  return installed.specificOf(term);
}

/** `Vocabulary.materialFamily` of the installed vocabulary (the matcher's reading of a material). */
export function materialFamily(name: string): string {
  return installed.materialFamily(name);
}
