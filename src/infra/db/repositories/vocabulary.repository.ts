/**
 * The words administrators added to the vocabulary ("VocabularyEntry"), and the text search that
 * answers a word the vocabulary does not know (pg_trgm over what IKMs write about themselves).
 */
import type { Process, SpecificProcess, VocabularyKind } from "../../../domain/enums.js";
import type { Page, PageArgs } from "../../../domain/pagination.js";
import { paginate } from "../../../domain/pagination.js";
import type { EventBus, SharedTopics } from "../../events/bus.js";
import type { VocabularyEntry } from "../models.js";
import type { Client } from "./client.js";

export interface NewVocabularyEntry {
  word: string;
  kind: VocabularyKind;
  process: Process | null;
  specificProcess: SpecificProcess | null;
  materialFamily: string | null;
  source: string;
  note: string | null;
  addedById: string;
  addedByName: string;
}

export interface VocabularyEntryFilter {
  kind?: VocabularyKind | null;
  process?: Process | null;
  materialFamily?: string | null;
  /** Words starting with this (normalised) text. */
  wordStartsWith?: string | null;
}

/** How many words were added, and the newest: a server whose loaded vocabulary differs reloads. */
export interface VocabularyStamp {
  count: number;
  newestId: string | null;
}

/**
 * IKMs whose description, capability notes or materials, or machine types hold a word close to
 * `$1` (pg_trgm's `<%`: word similarity at least pg_trgm.word_similarity_threshold, 0.6 unless set;
 * each arm uses its trigram GIN index), best first, at most `$2`.
 */
const TEXT_SEARCH_SQL = `
SELECT "ikmId"::text AS id FROM (
  SELECT "id" AS "ikmId", word_similarity($1, "description") AS s FROM "Ikm" WHERE $1 <% "description"
  UNION ALL SELECT "ikmId", word_similarity($1, "notes") FROM "Capability" WHERE $1 <% "notes"
  UNION ALL SELECT "ikmId", word_similarity($1, jalin_words("materials")) FROM "Capability" WHERE $1 <% jalin_words("materials")
  UNION ALL SELECT "ikmId", word_similarity($1, "type") FROM "Machine" WHERE $1 <% "type"
) hits
GROUP BY "ikmId" ORDER BY max(s) DESC, "ikmId" LIMIT $2`;

/** IKMs with a capability material containing `$1` (case-insensitive; the caller checks whole words). */
const MATERIAL_HOLDERS_SQL = `
SELECT DISTINCT "ikmId"::text AS id, m AS material FROM "Capability", unnest("materials") AS m
WHERE jalin_words("materials") ILIKE $1`;

/** Machine types are free text: compared as normaliseTerm reads them (lower case, accents stripped, punctuation as spaces). */
const MACHINE_HOLDERS_SQL = `
SELECT "ikmId"::text AS id, type, cnc FROM "Machine"
WHERE regexp_replace(regexp_replace(normalize(lower(type), NFKD), '[\\u0300-\\u036f]', '', 'g'), '[^a-z0-9]+', ' ', 'g') ILIKE $1`;

export class VocabularyRepository {
  constructor(private readonly db: Client) {}

  /** Every added word, oldest first (the order later words lose ties in). */
  all(): Promise<VocabularyEntry[]> {
    return this.db.vocabularyEntry.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  }

  async stamp(): Promise<VocabularyStamp> {
    const [count, newest] = await Promise.all([
      this.db.vocabularyEntry.count(),
      this.db.vocabularyEntry.findFirst({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } }),
    ]);
    return { count, newestId: newest?.id ?? null };
  }

  create(entry: NewVocabularyEntry): Promise<VocabularyEntry> {
    return this.db.vocabularyEntry.create({ data: entry });
  }

  /** The name of the account adding a word (kept with the entry, so the audit outlives the account). */
  async userName(userId: string): Promise<string | null> {
    return (await this.db.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? null;
  }

  findByWord(kind: VocabularyKind, word: string): Promise<VocabularyEntry | null> {
    return this.db.vocabularyEntry.findUnique({ where: { kind_word: { kind, word } } });
  }

  /** Added words, newest first. */
  page(args: PageArgs, filter: VocabularyEntryFilter): Promise<Page<VocabularyEntry>> {
    const where = {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.process ? { process: filter.process } : {}),
      ...(filter.materialFamily ? { materialFamily: filter.materialFamily } : {}),
      ...(filter.wordStartsWith ? { word: { startsWith: filter.wordStartsWith } } : {}),
    };
    return paginate<VocabularyEntry>(
      args,
      { field: "createdAt", direction: "desc", kind: "date", valueOf: (e) => e.createdAt, idOf: (e) => e.id },
      (q) => this.db.vocabularyEntry.findMany({ ...q, where: { AND: [where, q.where] } }),
      () => this.db.vocabularyEntry.count({ where }),
    );
  }

  /** Ids of IKMs whose own text resembles `term` (see TEXT_SEARCH_SQL), best first. */
  async textSearchIkmIds(term: string, limit: number): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<Array<{ id: string }>>(TEXT_SEARCH_SQL, term, limit);
    return rows.map((r) => r.id);
  }

  /** Each machine whose type contains `word` as text, with its IKM (a process word may change what it is evidence of). */
  machinesContaining(word: string): Promise<Array<{ id: string; type: string; cnc: boolean }>> {
    const pattern = `%${word.replace(/[\\%_]/g, "\\$&")}%`;
    return this.db.$queryRawUnsafe<Array<{ id: string; type: string; cnc: boolean }>>(MACHINE_HOLDERS_SQL, pattern);
  }

  /** Each capability material that contains `word` as text, with its IKM. */
  materialsContaining(word: string): Promise<Array<{ id: string; material: string }>> {
    const pattern = `%${word.replace(/[\\%_]/g, "\\$&")}%`;
    return this.db.$queryRawUnsafe<Array<{ id: string; material: string }>>(MATERIAL_HOLDERS_SQL, pattern);
  }

  /** Writes the event in this client's transaction (see EventBus.publish). */
  publishEvent<K extends keyof SharedTopics>(events: EventBus, topic: K, payload: SharedTopics[K]): Promise<void> {
    return events.publish(this.db, topic, payload);
  }
}
