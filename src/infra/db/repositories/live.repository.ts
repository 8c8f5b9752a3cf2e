import type { ComponentNeed, Ikm, StageChange } from "../models.js";
import type { Client } from "./client.js";

/**
 * Logged events of one topic after an id, with the log's bounds, in one statement (one snapshot:
 * the bounds and the rows agree, and every event up to `hi` on the route is among the rows unless
 * the limit cut them). The routing filters are those of the live topics: an IKM's events, or those
 * naming a foundation among the foundations mentoring the IKM at the time. Each route has an index
 * (migration 20261123120000_event_log_routes): (topic, ikmId, id) for an IKM, the GIN index on
 * foundationIds for a foundation (hence `@>`, which it serves, not `= ANY`), (topic, id) for a
 * whole topic; a quiet route reads its own few rows, not the week of log since `after`. node-postgres
 * sends parameters with an unnamed statement, planned for their values, so `$3 IS NULL` folds away.
 */
export const REPLAY_SQL = `SELECT b.lo::text AS lo, b.hi::text AS hi, e."id"::text AS id, e."payload"::text AS payload,
       to_json(e."createdAt") #>> '{}' AS "sentAt"
  FROM (SELECT min("id") AS lo, max("id") AS hi FROM "EventLog") b
  LEFT JOIN LATERAL (
    SELECT "id", "payload", "createdAt" FROM "EventLog"
     WHERE "id" > $1::bigint AND "topic" = $2::text
       AND ($3::uuid IS NULL OR "ikmId" = $3::uuid)
       AND ($4::uuid IS NULL OR "foundationIds" @> ARRAY[$4::uuid])
       AND ($6::uuid IS NULL OR "firmId" = $6::uuid)
     ORDER BY "id" LIMIT $5::int) e ON true
 ORDER BY e."id"`;

/**
 * One row of REPLAY_SQL: the log's lowest and highest ids (null when the log is empty), and an
 * event on the route (all null when none follows `after`: the row then carries the bounds alone).
 */
export interface ReplayRow {
  lo: string | null;
  hi: string | null;
  id: string | null;
  payload: string | null;
  sentAt: string | null;
}

/** Which events of a topic a replay reads: those of one IKM, one foundation, one firm, or all. */
export interface ReplayRoute {
  ikmId?: string;
  foundationId?: string;
  firmId?: string;
}

/** The rows live subscriptions read: the event log's replays, and the rows events name. */
export class LiveRepository {
  constructor(private readonly db: Client) {}

  /** REPLAY_SQL: the log's bounds and up to `limit` events of `topic` after `after` on a route (an IKM, a foundation, a firm, or none). */
  replayEvents(after: bigint, topic: string, route: ReplayRoute, limit: number): Promise<ReplayRow[]> {
    return this.db.$queryRawUnsafe<ReplayRow[]>(REPLAY_SQL, String(after), topic, route.ikmId ?? null, route.foundationId ?? null, limit, route.firmId ?? null);
  }

  findStageChange(id: string): Promise<StageChange | null> {
    return this.db.stageChange.findUnique({ where: { id } });
  }

  findIkm(id: string): Promise<Ikm | null> {
    return this.db.ikm.findUnique({ where: { id } });
  }

  findNeed(id: string): Promise<ComponentNeed | null> {
    return this.db.componentNeed.findUnique({ where: { id } });
  }

  stageChangesByIds(ids: string[]): Promise<StageChange[]> {
    return this.db.stageChange.findMany({ where: { id: { in: ids } } });
  }

  ikmsByIds(ids: string[]): Promise<Ikm[]> {
    return this.db.ikm.findMany({ where: { id: { in: ids } } });
  }

  needsByIds(ids: string[]): Promise<ComponentNeed[]> {
    return this.db.componentNeed.findMany({ where: { id: { in: ids } } });
  }
}
