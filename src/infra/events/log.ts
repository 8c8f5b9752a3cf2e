/**
 * The durable event log in PostgreSQL: writing an event in the caller's transaction (logged and
 * NOTIFYed at commit), reading where the log ends and what follows an id, and pruning it.
 */
import type pg from "pg";
import { EVENT_CHANNEL, EVENT_LOG, type EventEnvelope, type SharedTopics } from "./topics.js";

/** Anything that can run a statement inside the caller's transaction (a Prisma transaction client). */
export interface Executor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * NOTIFY payloads must stay under 8000 bytes (PostgreSQL's limit); the envelope (id, topic, time)
 * and jsonb's spacing add a little to the payload's own JSON.
 */
const MAX_PAYLOAD_BYTES = 7000;

/**
 * Lock, insert and NOTIFY in one statement: the caller's transaction sends as many statements as it
 * did with the bare NOTIFY.
 *
 * Why the advisory lock: ids come from a sequence in the order transactions ask for them, while
 * transactions commit in any order, so without it id 8 could become visible after id 9 and a reader
 * of "id > 7" that saw 9 would resume after 9 and never see 8. With it, a transaction takes the
 * lock, then its id, and keeps the lock until it commits or rolls back: ids become visible in order,
 * and "everything after N" read at any moment has no holes that fill later. The cost is that
 * event-writing transactions finish one at a time from this statement on; publish is their last
 * statement, so that is an insert and a commit each (the alternatives, a single writer process or
 * reading commit order from transaction ids and snapshots, need more parts than one lock).
 * `INSERT ... SELECT ... FROM locked` takes the lock before the row, and with it the id, is made.
 */
const PUBLISH_SQL = `WITH locked AS (SELECT pg_advisory_xact_lock(${EVENT_LOG.lockKey})),
logged AS (
  INSERT INTO "EventLog" ("topic", "ikmId", "firmId", "foundationIds", "payload")
  SELECT $1::text, $2::uuid, $3::uuid, $4::uuid[], $5::jsonb FROM locked
  RETURNING "id", "topic", "payload", "createdAt")
SELECT pg_notify('${EVENT_CHANNEL}', json_build_object('id', "id"::text, 'topic', "topic", 'payload', "payload", 'sentAt', "createdAt")::text)
  FROM logged`;

/**
 * Deletes events older than the retention, as a prefix of ids (everything below the first event
 * still young enough, or below the newest when all are old), so that "the log holds every event
 * after id N" holds for every N from the smallest id kept, less one. The newest event always stays:
 * it tells a resuming client whose id is the newest that it missed nothing.
 */
const PRUNE_SQL = `DELETE FROM "EventLog" WHERE "id" < COALESCE(
  (SELECT "id" FROM "EventLog" WHERE "createdAt" >= now() - make_interval(days => $1) ORDER BY "id" LIMIT 1),
  (SELECT max("id") FROM "EventLog"))`;

/** An event as the log and NOTIFY carry it. */
export interface LoggedEvent {
  id: string;
  topic: keyof SharedTopics;
  payload: SharedTopics[keyof SharedTopics];
  sentAt: string;
}

/** The routing keys of a payload, kept in their own columns for replays to filter on. */
function routeOf(payload: SharedTopics[keyof SharedTopics]): [ikmId: string | null, firmId: string | null, foundationIds: string[]] {
  return [
    "ikmId" in payload ? payload.ikmId : null,
    "firmId" in payload ? payload.firmId : null,
    "foundationIds" in payload ? payload.foundationIds : [],
  ];
}

/** The envelope subscribers see for a logged event. */
export function envelopeOf<K extends keyof SharedTopics>(event: LoggedEvent & { topic: K }): EventEnvelope<SharedTopics[K]> {
  return { ...(event.payload as SharedTopics[K]), eventId: event.id, sentAt: new Date(event.sentAt).toISOString() };
}

/**
 * Writes an event in the caller's transaction (see PUBLISH_SQL): call it as the transaction's last
 * statement.
 */
export async function writeEvent<K extends keyof SharedTopics>(tx: Executor, topic: K, payload: SharedTopics[K]): Promise<void> {
  const text = JSON.stringify(payload);
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`event ${topic} is too large for NOTIFY`);
  await tx.$executeRawUnsafe(PUBLISH_SQL, topic, ...routeOf(payload), text);
}

/** Deletes events older than EVENT_LOG.retentionDays (see PRUNE_SQL); returns how many. */
export async function pruneEvents(pool: pg.Pool): Promise<number> {
  const result = await pool.query(PRUNE_SQL, [EVENT_LOG.retentionDays]);
  return result.rowCount ?? 0;
}

/** The newest event id in the log (0 when it is empty). */
export async function logEnd(pool: pg.Pool): Promise<bigint> {
  const { rows } = await pool.query<{ id: string }>(`SELECT COALESCE(max("id"), 0)::text AS id FROM "EventLog"`);
  return BigInt(rows[0].id);
}

/** Up to EVENT_LOG.catchUpBatch logged events after `after`, oldest first. */
export async function eventsAfter(pool: pg.Pool, after: bigint): Promise<LoggedEvent[]> {
  const { rows } = await pool.query<{ id: string; topic: keyof SharedTopics; payload: LoggedEvent["payload"]; sentAt: Date }>(
    // node-postgres reads bigint as a string; casting in SQL would make ORDER BY sort the text.
    `SELECT "id", "topic", "payload", "createdAt" AS "sentAt" FROM "EventLog" WHERE "id" > $1 ORDER BY "id" LIMIT $2`,
    [String(after), EVENT_LOG.catchUpBatch],
  );
  return rows.map((row) => ({ ...row, sentAt: row.sentAt.toISOString() }));
}
