/**
 * The vocabulary at run time (issue 23): the reviewed words (core/matching/vocabulary/words.ts) plus
 * the words administrators added ("VocabularyEntry"). Each server process holds its own
 * `Vocabulary`, loads the added words when it starts and again on every VOCABULARY_CHANGED event
 * (any server's addSynonym), and installs it for the matcher. A word this process does not know is
 * checked against the database's list first, so a search with a word just added on another server
 * works there at once, before the event arrives.
 */
import { z } from "zod";
import { Process, SpecificProcess } from "../../domain/enums.js";
import { machineProcess } from "../../core/matching/process-evidence.js";
import { DomainError, ErrorCode } from "../../domain/errors.js";
import type { Page, PageArgs } from "../../domain/pagination.js";
import {
  type KnownWord, type LearnedWord, MATERIAL_FAMILY_NAMES, type Suggestion, Vocabulary, installVocabulary, normaliseTerm,
} from "../../core/matching/vocabulary.js";
import { VOCABULARY_LIMITS } from "../../core/matching/vocabulary/limits.js";
import { type SpecificProcessEntry, TAXONOMY_SOURCES, familyOf, specificProcess, specificsOf } from "../../core/matching/taxonomy.js";
import type { Database } from "../../infra/db/repositories/index.js";
import type { VocabularyEntryFilter, VocabularyStamp } from "../../infra/db/repositories/vocabulary.repository.js";
import type { VocabularyEntry } from "../../infra/db/models.js";
import type { EventBus } from "../../infra/events/bus.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { assertMayAuditVocabulary, assertMayChangeVocabulary } from "../../access/vocabulary.js";
import { parseInput, text } from "../common/validation.js";
import { type SupplierChanges, ignoreSupplierChanges } from "../matching/supplier-changes.js";

const word = z
  .string()
  .transform((w) => normaliseTerm(w))
  .pipe(
    z.string()
      .min(2, "must have at least 2 letters or digits")
      .max(VOCABULARY_LIMITS.maxWordLength, `must be at most ${VOCABULARY_LIMITS.maxWordLength} characters`)
      .regex(/[a-z]/, "must contain a letter"),
  );

const addSchema = z
  .object({
    word,
    process: z.enum(Process).nullish(),
    specificProcess: z.enum(SpecificProcess).nullish(),
    materialFamily: z
      .string()
      .transform((f) => normaliseTerm(f))
      .refine((f) => MATERIAL_FAMILY_NAMES.includes(f), `must be one of the material families: ${MATERIAL_FAMILY_NAMES.join(", ")}`)
      .nullish(),
    source: text(300).refine((s) => s.length >= 4, "name where the word comes from (a glossary, standard or classification with its date, or observed usage and the year)"),
    note: z.string().trim().max(1000, "must be at most 1000 characters").nullish().transform((v) => (v ? v : null)),
  })
  .refine((v) => (v.process || v.specificProcess ? 1 : 0) + (v.materialFamily ? 1 : 0) === 1, { message: "give a process (or a specificProcess) or a materialFamily (one of them)", path: ["process"] })
  .refine((v) => !v.process || !v.specificProcess || familyOf(v.specificProcess) === v.process, {
    message: "must be the specific process's family, or left out", path: ["process"],
  })
  // A specific process names its family too.
  .transform((v) => ({ ...v, process: v.specificProcess ? familyOf(v.specificProcess) : v.process ?? null, specificProcess: v.specificProcess ?? null }));

const filterSchema = z
  .object({
    process: z.enum(Process).nullish(),
    materialFamily: z.string().transform((f) => normaliseTerm(f)).nullish(),
    wordStartsWith: z.string().max(VOCABULARY_LIMITS.maxWordLength).transform((w) => normaliseTerm(w)).nullish(),
  })
  .default({});

/** How a process term was read: as a process, or (unknown) with the IKMs whose text resembles it. */
export type ProcessTermReading =
  | { process: Process; word: KnownWord }
  | { process: null; ikmIds: string[]; suggestions: Suggestion[] };

/** What IkmService asks of the vocabulary (a term of the IKM list's processTerm filter). */
export interface ProcessTermReader {
  readProcessTerm(term: string): Promise<ProcessTermReading>;
}

/** One term of processTerms: its process, the material family it names, and suggestions when it names neither. */
/** A family of the process taxonomy as the API gives it. */
export interface ProcessFamilyView {
  process: Process;
  specifics: Array<Omit<SpecificProcessEntry, "sources"> & { sources: string[]; words: string[] }>;
}

export interface TermLookup {
  term: string;
  process: Process | null;
  /** The specific process the word names (taxonomy.ts), or null when it names a family alone or no process. */
  specificProcess: SpecificProcess | null;
  materialFamily: string | null;
  suggestions: Suggestion[];
}

export class VocabularyService implements ProcessTermReader {
  private vocabulary = new Vocabulary();
  private loaded: VocabularyStamp = { count: 0, newestId: null };
  /** Reloads run one after another; each reads the whole list. */
  private reloading: Promise<unknown> = Promise.resolve();
  private subscription: AsyncIterator<unknown> | null = null;

  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    /** Told (after a reload) which IKMs' materials read differently now. */
    public changes: SupplierChanges = ignoreSupplierChanges,
  ) {}

  /** Loads the added words and listens for more; the server calls it before it serves. */
  async start(): Promise<void> {
    const iterator = this.events.pubsub.subscribe("VOCABULARY_CHANGED")[Symbol.asyncIterator]();
    this.subscription = iterator;
    await this.reload();
    void (async () => {
      for (;;) {
        const next = await iterator.next().catch(() => ({ done: true as const, value: undefined }));
        if (next.done) return;
        await this.reload().catch(() => undefined);
      }
    })();
  }

  close(): void {
    void this.subscription?.return?.();
    this.subscription = null;
  }

  /** The vocabulary this process reads with now. */
  current(): Vocabulary {
    return this.vocabulary;
  }

  /**
   * Reads the added words again and installs them; then tells the matcher which IKMs have a
   * material that a newly added material word reads differently. Resolves when done.
   */
  reload(): Promise<void> {
    const run = this.reloading.then(async () => {
      const [entries, stamp] = await Promise.all([this.database.repos.vocabulary.all(), this.database.repos.vocabulary.stamp()]);
      const before = this.vocabulary;
      const known = new Set(before.learned.map((l) => `${l.materialFamily ? "M" : "P"}:${l.word}`));
      const learned: LearnedWord[] = entries.map((e) => ({ word: e.word, process: e.process, specificProcess: e.specificProcess, materialFamily: e.materialFamily, source: e.source }));
      this.vocabulary = new Vocabulary(learned);
      this.loaded = stamp;
      installVocabulary(this.vocabulary);
      this.changes.vocabularyChanged();
      const added = learned.filter((l) => !known.has(`${l.materialFamily ? "M" : "P"}:${l.word}`));
      for (const l of added) await (l.materialFamily ? this.refreshHolders(l.word, before) : this.refreshMachineHolders(l.word, before));
    });
    this.reloading = run.catch(() => undefined);
    return run;
  }

  /** Reloads when the database holds words this process has not loaded (a cheap count first). */
  private async ensureFresh(): Promise<void> {
    const stamp = await this.database.repos.vocabulary.stamp();
    if (stamp.count !== this.loaded.count || stamp.newestId !== this.loaded.newestId) await this.reload();
  }

  /** The IKMs with a material containing `word` whose family changed: the matcher re-reads them. */
  private async refreshHolders(added: string, before: Vocabulary): Promise<void> {
    const rows = await this.database.repos.vocabulary.materialsContaining(added);
    const ids = new Set<string>();
    for (const { id, material } of rows) {
      if (` ${normaliseTerm(material)} `.includes(` ${added} `) && before.materialFamily(material) !== this.vocabulary.materialFamily(material)) ids.add(id);
    }
    if (ids.size) await this.changes.ikmsChanged([...ids]);
  }

  /** The IKMs with a machine whose type holds the new process word and now reads as another specific process: the matcher re-reads them. */
  private async refreshMachineHolders(added: string, before: Vocabulary): Promise<void> {
    const ids = new Set<string>();
    for (const { id, type, cnc } of await this.database.repos.vocabulary.machinesContaining(added)) {
      if (` ${normaliseTerm(type)} `.includes(` ${added} `) && machineProcess({ type, cnc }, before) !== machineProcess({ type, cnc }, this.vocabulary)) ids.add(id);
    }
    if (ids.size) await this.changes.ikmsChanged([...ids]);
  }

  async readProcessTerm(term: string): Promise<ProcessTermReading> {
    let word = this.vocabulary.processWordOf(term);
    if (!word) {
      await this.ensureFresh();
      word = this.vocabulary.processWordOf(term);
    }
    if (word?.process) return { process: word.process, word };
    const key = normaliseTerm(term);
    const ikmIds = key ? await this.database.repos.vocabulary.textSearchIkmIds(key, VOCABULARY_LIMITS.textMatches) : [];
    return { process: null, ikmIds, suggestions: this.vocabulary.suggestions(term, VOCABULARY_LIMITS.suggestions) };
  }

  /** processTerms: each term's process and material family; suggestions for a term that names neither. */
  async lookUp(terms: string[]): Promise<TermLookup[]> {
    const read = (term: string): TermLookup => {
      const process = this.vocabulary.processOf(term);
      const material = this.vocabulary.materialWordOf(term)?.materialFamily ?? null;
      const suggestions = process || material ? [] : this.vocabulary.suggestions(term, VOCABULARY_LIMITS.suggestions);
      return { term, process, specificProcess: this.vocabulary.specificOf(term), materialFamily: material, suggestions };
    };
    let answers = terms.map(read);
    if (answers.some((a) => !a.process && !a.materialFamily)) {
      await this.ensureFresh();
      answers = terms.map(read);
    }
    return answers;
  }

  /** The process taxonomy, each specific process with the words that name it (the reviewed ones and any added at run time). */
  taxonomy(): ProcessFamilyView[] {
    const words = new Map<SpecificProcess, string[]>();
    for (const w of this.vocabulary.words()) {
      if (w.specificProcess) words.set(w.specificProcess, [...(words.get(w.specificProcess) ?? []), w.word]);
    }
    return Object.values(Process).map((process) => ({
      process,
      specifics: specificsOf(process).map((code) => ({ ...specificProcess(code), sources: specificProcess(code).sources.map((k) => TAXONOMY_SOURCES[k]), words: words.get(code) ?? [] })),
    }));
  }

  /** The known words nearest to `term`, closest first. */
  async suggestions(viewer: Viewer, term: string, first: number | null | undefined): Promise<Suggestion[]> {
    requireUser(viewer);
    const limit = first ?? VOCABULARY_LIMITS.suggestions;
    if (!Number.isInteger(limit) || limit < 1 || limit > VOCABULARY_LIMITS.maxSuggestions) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be between 1 and ${VOCABULARY_LIMITS.maxSuggestions}.`, {
        fields: [{ path: "first", message: `must be between 1 and ${VOCABULARY_LIMITS.maxSuggestions}` }],
      });
    }
    await this.ensureFresh();
    return this.vocabulary.suggestions(term, limit);
  }

  /**
   * Adds a word (administrators): CONFLICT when it already is a word of its kind. Effective on this server when the answer leaves, on
   * the others when they hear the event (and at once for a search with the word).
   */
  async addSynonym(viewer: Viewer, input: unknown): Promise<VocabularyEntry> {
    const user = assertMayChangeVocabulary(viewer);
    const data = parseInput(addSchema, input);
    await this.ensureFresh();
    this.assertFree(data.word, data.process);
    const kind = data.process ? "PROCESS" : "MATERIAL";
    const entry = await this.database.transaction(async (repos) => {
      const taken = await repos.vocabulary.findByWord(kind, data.word);
      if (taken) throw conflict(data.word, `was added meanwhile as ${taken.specificProcess ?? taken.process ?? `material ${taken.materialFamily}`}`);
      const addedByName = (await repos.vocabulary.userName(user.userId)) ?? user.userId;
      const created = await repos.vocabulary.create({
        word: data.word, kind, process: data.process, specificProcess: data.specificProcess, materialFamily: data.materialFamily ?? null,
        source: data.source, note: data.note, addedById: user.userId, addedByName,
      });
      await repos.vocabulary.publishEvent(this.events, "VOCABULARY_CHANGED", { entryId: created.id, word: created.word, kind });
      return created;
    });
    await this.reload();
    return entry;
  }

  /**
   * CONFLICT when `word` already is a word of its kind (a process word, or a material word). A
   * phrase holding a shorter known word is allowed and wins over it, as the file's own do ("besi
   * cor" is cast iron though "besi" is steel): that is how a reading is made more precise.
   */
  private assertFree(word: string, process: Process | null): void {
    const exact = this.vocabulary.exactly(word);
    const same = process ? exact.process : exact.material;
    if (same) throw conflict(word, `already means ${describe(same)} (source: ${same.source})`);
  }

  async list(viewer: Viewer, args: PageArgs, filterInput: unknown): Promise<Page<VocabularyEntry>> {
    assertMayAuditVocabulary(viewer);
    const filter = parseInput(filterSchema, filterInput ?? undefined, "filter") as VocabularyEntryFilter;
    return this.database.repos.vocabulary.page(args, filter);
  }
}

function describe(word: KnownWord): string {
  if (word.specificProcess) return `the specific process ${word.specificProcess} (${word.process})`;
  return word.process ? `the process ${word.process}` : `the material family "${word.materialFamily}"`;
}

function conflict(word: string, what: string): DomainError {
  return new DomainError(ErrorCode.CONFLICT, `"${word}" ${what}; a word names one thing. Choose another word, or leave it as it is.`, {
    fields: [{ path: "input.word", message: what }],
  });
}
