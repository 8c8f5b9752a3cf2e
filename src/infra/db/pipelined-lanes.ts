/**
 * A few PostgreSQL connections in pg's pipeline mode, for the short reads (issue 17).
 *
 * Through the pool, each statement takes a connection, is written, and the connection waits idle
 * until node has read the answer and the pool hands it to the next statement: one socket write and
 * one wake-up of a PostgreSQL backend per statement, with the backend asleep in between. On the
 * nested read (six statements a request) that was about 10% of the main thread in socket writes
 * alone. In pipeline mode a connection takes every statement as it comes (each with its own Sync,
 * so an error fails only its own statement) and PostgreSQL answers them in order, working through
 * what is queued without waiting on node.
 *
 * The cost is head-of-line blocking: a statement waits for those written before it on its lane. So
 * only statements that read by key through an index, a bounded batch (the loaders' reads), or a
 * keyset page with no filter, are sent here (`Statement.pipelined`); searches, filtered pages and
 * counts keep the pool. A statement goes to the lane with the fewest statements in flight.
 *
 * A lane whose connection fails is dropped (its statements in flight fail, as they would on a pool
 * connection that breaks) and the next statement opens a new one. `close` ends every lane.
 */
import pg from "pg";

/** How the lanes' connections show in pg_stat_activity. */
export const LANE_APPLICATION_NAME = "jalin-pipelined";

interface Lane {
  readonly client: pg.Client;
  readonly ready: Promise<void>;
  inFlight: number;
  broken: boolean;
}

/** What the pool metrics show of the lanes (src/http/observability/metrics.ts). */
export interface LaneStats {
  total: number;
  idle: number;
  waiting: number;
}

export class PipelinedLanes {
  private lanes: Lane[] = [];
  private closed = false;

  constructor(
    private readonly connectionString: string,
    /** How many connections at most. */
    readonly size: number,
  ) {}

  /** Sends `config` on the least busy lane (opening one while fewer than `size` are open). */
  async query<R extends pg.QueryResultRow>(config: pg.QueryConfig & { types?: pg.CustomTypesConfig }): Promise<pg.QueryResult<R>> {
    if (this.closed) throw new Error("The database connections are closed: the server is stopping.");
    const lane = this.pick();
    lane.inFlight++;
    try {
      await lane.ready;
      return await lane.client.query<R>(config);
    } finally {
      lane.inFlight--;
    }
  }

  stats(): LaneStats {
    return {
      total: this.lanes.length,
      idle: this.lanes.filter((l) => l.inFlight === 0).length,
      waiting: this.lanes.reduce((sum, l) => sum + l.inFlight, 0),
    };
  }

  /** Ends every lane; statements sent after this fail. */
  async close(): Promise<void> {
    this.closed = true;
    const lanes = this.lanes;
    this.lanes = [];
    await Promise.all(lanes.map((lane) => lane.client.end().catch(() => undefined)));
  }

  private pick(): Lane {
    let best: Lane | undefined;
    for (const lane of this.lanes) if (!best || lane.inFlight < best.inFlight) best = lane;
    if (best && (best.inFlight === 0 || this.lanes.length >= this.size)) return best;
    return this.open();
  }

  private open(): Lane {
    const client = new pg.Client({ connectionString: this.connectionString, pipeline: true, application_name: LANE_APPLICATION_NAME });
    // Out of the lanes at once, so neither a statement nor the metrics see it again.
    const drop = () => {
      if (lane.broken) return;
      lane.broken = true;
      this.lanes = this.lanes.filter((l) => l !== lane);
      client.end().catch(() => undefined);
    };
    const ready = client.connect().then(() => undefined, (error: unknown) => {
      drop();
      throw error;
    });
    const lane: Lane = { client, ready, inFlight: 0, broken: false };
    client.on("error", drop); // the connection failed: its statements in flight fail with the error
    client.on("end", drop);
    this.lanes.push(lane);
    return lane;
  }
}
