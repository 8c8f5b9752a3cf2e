/**
 * Prometheus metrics (prom-client), one registry per running app, so several servers in one
 * process (the tests) never share or collide on a metric. Served at GET /metrics.
 */
import type pg from "pg";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RefusalKind } from "../rate-limit.js";
import type { MatchIndex } from "../services/match-index.js";

export type Transport = "http" | "ws";

/**
 * Operation names are chosen by clients, so only this many distinct names get a label of their own
 * per process; later names, names that are not GraphQL names or longer than MAX_NAME_LENGTH, and
 * operations whose name is unknown (refused before their document was read) count as "other".
 */
export const MAX_OPERATION_LABELS = 200;
const MAX_NAME_LENGTH = 64;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** Error codes are the server's own (src/domain/errors.ts, Apollo's); anything else is "other". */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Latency buckets in seconds: a cached read takes about a millisecond, a cost-limited page up to seconds. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface PoolSource {
  name: string;
  stats: () => { total: number; idle: number; waiting: number } | undefined;
}

export const pgPoolStats = (pool: pg.Pool | undefined) => () =>
  pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };

/** One finished GraphQL operation, as the request log and the metrics see it. */
export interface OperationOutcome {
  transport: Transport;
  /** The operation's name from its parsed document; null when anonymous or unknown. */
  operation: string | null;
  /** Whether the document was parsed (an anonymous operation rather than an unknown one). */
  resolved: boolean;
  operationType: string | null;
  /** "ok", or the code of the first error answered. */
  outcome: string;
  durationMs: number;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly labelled = new Set<string>();
  private readonly requests: Counter<"operation" | "transport" | "outcome">;
  private readonly latency: Histogram<"operation" | "transport" | "outcome">;
  readonly wsConnections: Gauge;
  readonly wsSubscriptions: Gauge;
  private readonly refusals: Counter<"kind">;

  constructor(sources: { pools: PoolSource[]; matchIndex: MatchIndex }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: "jalin_graphql_requests_total",
      help: "GraphQL operations answered, by operation name, transport (http, ws) and outcome (ok or the first error code).",
      labelNames: ["operation", "transport", "outcome"],
      registers,
    });
    this.latency = new Histogram({
      name: "jalin_graphql_request_duration_seconds",
      help: "Time from receiving a GraphQL query or mutation to its answer (subscriptions are not timed).",
      labelNames: ["operation", "transport", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.wsConnections = new Gauge({ name: "jalin_graphql_ws_connections", help: "Open WebSocket connections on the GraphQL path.", registers });
    this.wsSubscriptions = new Gauge({ name: "jalin_graphql_ws_subscriptions", help: "graphql-ws subscriptions streaming now.", registers });
    this.refusals = new Counter({
      name: "jalin_rate_limit_refusals_total",
      help: "Requests, operations and connections refused by a rate limit, by limit: user, address, sign_in.",
      labelNames: ["kind"],
      registers,
    });
    for (const kind of ["user", "address", "sign_in"] satisfies RefusalKind[]) this.refusals.inc({ kind }, 0);

    const poolGauge = (name: string, help: string, pick: (s: { total: number; idle: number; waiting: number }) => number) =>
      new Gauge({
        name, help, labelNames: ["pool"], registers,
        collect() {
          for (const source of sources.pools) {
            const stats = source.stats();
            if (stats) this.set({ pool: source.name }, pick(stats));
          }
        },
      });
    poolGauge("jalin_db_pool_connections", "Connections open in a PostgreSQL pool (prisma: the API's queries; match_index: the index's reads).", (s) => s.total);
    poolGauge("jalin_db_pool_idle_connections", "Open connections a pool holds unused.", (s) => s.idle);
    poolGauge("jalin_db_pool_waiting_clients", "Queries waiting for a pool connection (the pool is exhausted).", (s) => s.waiting);

    const { matchIndex } = sources;
    new Gauge({
      name: "jalin_match_index_rows", help: "IKM rows in the match index's loaded columns (rows replaced since are marked dead, not removed).", registers,
      collect() { this.set(matchIndex.stats().rows); },
    });
    new Gauge({
      name: "jalin_match_index_overlay_rows", help: "IKMs changed since the columns were loaded, served from the overlay.", registers,
      collect() { this.set(matchIndex.stats().overlay); },
    });
    new Gauge({
      name: "jalin_match_index_refresh_lag_seconds",
      help: "Age of the oldest IKM change the match index has heard of but not yet applied; 0 when up to date.",
      registers,
      collect() { this.set(matchIndex.refreshLagMs() / 1000); },
    });
  }

  /** The operation label: its name, "anonymous", or "other" (see MAX_OPERATION_LABELS). */
  operationLabel(name: string | null, resolved: boolean): string {
    if (!resolved) return "other";
    if (!name) return "anonymous";
    if (name.length > MAX_NAME_LENGTH || !GRAPHQL_NAME.test(name)) return "other";
    if (!this.labelled.has(name)) {
      if (this.labelled.size >= MAX_OPERATION_LABELS) return "other";
      this.labelled.add(name);
    }
    return name;
  }

  observe(outcome: OperationOutcome): void {
    const labels = {
      operation: this.operationLabel(outcome.operation, outcome.resolved),
      transport: outcome.transport,
      outcome: outcome.outcome === "ok" || ERROR_CODE.test(outcome.outcome) ? outcome.outcome : "other",
    };
    this.requests.inc(labels);
    if (outcome.operationType !== "subscription") this.latency.observe(labels, outcome.durationMs / 1000);
  }

  countRefusal(kind: RefusalKind): void {
    this.refusals.inc({ kind });
  }
}
