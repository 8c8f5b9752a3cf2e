/**
 * Where the match index's columns come from: PostgreSQL (every IKM, ~35 s a million) or a snapshot
 * file written after the last full load, caught up from the "IkmChange" log (migration
 * 20261205030000_ikm_change_log).
 *
 * Correctness: the columns are read in one REPEATABLE READ transaction, and the file keeps that
 * transaction's pg_current_snapshot(). Every statement that changes what the matcher reads of an IKM
 * upserts ("ikmId", pg_current_xact_id()) into "IkmChange" in the same transaction (the triggers that
 * NOTIFY). The upsert's row lock serializes writers of one IKM, so the row holds the xid of its latest
 * committed writer; if that one is visible in the file's snapshot, every earlier writer is too (it
 * committed before it). So the IKMs whose stored xid is not visible in the file's snapshot are exactly
 * those the columns may be stale for. The index LISTENs before reading the log, so a change committed
 * after the log query is notified, and one committed before it is in the log: none is lost. Catch-up
 * goes through MatchIndex's refresh path (apply), which also re-reads koperasi peers. The nil uuid
 * is a bulk change ("*") and any doubt (other database, month, code, corrupt file) means a full load.
 */
import path from "node:path";
import type pg from "pg";
import type { Logger } from "pino";
import { MATCH_INDEX } from "../../domain/limits.js";
import { ColumnBuilder, type Columns } from "../../core/matching/index/columns.js";
import type { MonthIndex } from "../../core/matching/recency.js";
import { streamProfiles } from "../db/supplier-profiles.js";
import { formatVersion, readSnapshotFile, type SnapshotIdentity, writeSnapshotFile } from "./snapshot-file.js";

const BULK = "00000000-0000-0000-0000-000000000000";

/** Every IKM from PostgreSQL, with the snapshot it was read in; null when `closed()` turned true meanwhile. */
export async function readColumns(db: pg.Pool, month: MonthIndex, closed: () => boolean): Promise<{ columns: Columns; pgSnapshot: string } | null> {
  const count = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "Ikm"`);
  const builder = new ColumnBuilder(Number(count.rows[0].n) + 16);
  let pgSnapshot = "";
  for await (const batch of streamProfiles(db, month, MATCH_INDEX.loadBatch, (s) => (pgSnapshot = s))) {
    for (const p of batch) builder.append(p);
    if (closed()) return null;
  }
  return { columns: builder.finish(), pgSnapshot };
}

export interface Restored {
  columns: Columns;
  pgSnapshot: string;
  /** IKMs changed since the file's snapshot: to re-read. */
  changed: string[];
}

/** The snapshot file of one database: restore at start, save after each full load. */
export class IndexSnapshots {
  private readonly file: string;
  private saving: Promise<void> = Promise.resolve();

  constructor(dir: string, private readonly db: pg.Pool, private readonly log: Logger) {
    this.file = path.resolve(dir, MATCH_INDEX.snapshotFile);
  }

  /** This database as PostgreSQL names it: its cluster, oid and name (xids mean nothing elsewhere); null if unreadable. */
  private async identity(month: MonthIndex): Promise<SnapshotIdentity | null> {
    try {
      const { rows } = await this.db.query<{ id: string }>(
        `SELECT (SELECT system_identifier FROM pg_control_system())::text || ':' || d.oid::text || ':' || d.datname AS id
           FROM pg_database d WHERE d.datname = current_database()`,
      );
      return { format: formatVersion(new ColumnBuilder(0).finish()), database: rows[0].id, month };
    } catch (error) {
      this.log.info({ err: error }, "match index snapshot off: cannot identify the database");
      return null;
    }
  }

  /** The columns of the file, if it is whole, matches this database, code and month, and can be caught up; null otherwise (logged). */
  async restore(month: MonthIndex): Promise<Restored | null> {
    try {
      return await this.tryRestore(month);
    } catch (error) {
      // An unreadable header, an I/O error, a database without the change log: load as without a file.
      this.log.warn({ err: error, file: this.file, reason: String(error) }, "match index snapshot not used; loading from PostgreSQL");
      return null;
    }
  }

  private async tryRestore(month: MonthIndex): Promise<Restored | null> {
    const id = await this.identity(month);
    if (!id) return null;
    const read = await readSnapshotFile(this.file, id);
    if (!read.ok) {
      this.log[read.missing ? "info" : "warn"]({ file: this.file, reason: read.reason }, "match index snapshot not used; loading from PostgreSQL");
      return null;
    }
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT "ikmId"::text AS id FROM "IkmChange"
        WHERE "xid" >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot("xid", $1::pg_snapshot)
        LIMIT $2`,
      [read.pgSnapshot, MATCH_INDEX.snapshotMaxCatchUp + 1],
    );
    const changed = rows.map((r) => r.id);
    const why = changed.includes(BULK) ? "a bulk change since the snapshot" : changed.length > MATCH_INDEX.snapshotMaxCatchUp ? "too many changes since the snapshot" : null;
    if (why) {
      this.log.warn({ file: this.file, reason: why }, "match index snapshot not used; loading from PostgreSQL");
      return null;
    }
    return { columns: read.columns, pgSnapshot: read.pgSnapshot, changed };
  }

  /** Writes the columns in the background (one write at a time); failures are logged, never thrown. */
  save(columns: Columns, month: MonthIndex, pgSnapshot: string): Promise<void> {
    this.saving = this.saving.then(async () => {
      const started = performance.now();
      try {
        const id = await this.identity(month);
        if (!id) return;
        const bytes = await writeSnapshotFile(this.file, columns, id, pgSnapshot);
        this.log.info({ file: this.file, mb: Math.round(bytes / 1e6), ms: Math.round(performance.now() - started) }, "match index snapshot written");
      } catch (error) {
        this.log.warn({ err: error, file: this.file }, "match index snapshot not written");
      }
    });
    return this.saving;
  }

  /** Resolves when every save asked for so far has finished. */
  flushed(): Promise<void> {
    return this.saving;
  }
}
