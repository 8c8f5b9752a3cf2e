/**
 * Prometheus metrics (prom-client), one registry per running app, so several servers in one
 * process (the tests) never share or collide on a metric. Served at GET /metrics.
 */
import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import type pg from "pg";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RefusalKind } from "../rate-limit.js";
import type { MatchIndex } from "../../infra/match-index/match-index.js";

type Transport = "http" | "ws";

/**
 * Requests are labelled by what the schema bounds, never by the client's operation name (which
 * only the log line carries): the operation type and its root fields' names (not their aliases).
 * Up to MAX_LABELLED_ROOT_FIELDS names, sorted; past that the first ones and "+more". With 1, a
 * type with n root fields (introspection's included) makes at most 2n labels: Query's 25 give 50.
 * With 3 it would be C(25,3) = 2300 and more, and any anonymous client could create them all.
 */
export const MAX_LABELLED_ROOT_FIELDS = 1;
/** The label of an operation whose document was never resolved (refused before or while parsing). */
const UNKNOWN = "unknown";
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

/** One finished GraphQL operation, as the metrics see it. */
export interface OperationOutcome {
  transport: Transport;
  /** query, mutation or subscription; null when the operation was never resolved. */
  operationType: string | null;
  /** rootFieldsLabel of the resolved operation; null when it was never resolved. */
  rootFields: string | null;
  /** "ok", or the code of the first error answered. */
  outcome: string;
  durationMs: number;
}

/**
 * The root fields' names of a resolved (hence validated) operation, fragments followed, sorted and
 * joined with "+", at most MAX_LABELLED_ROOT_FIELDS of them and then "+more": "needs", "login",
 * "needs+more". Aliases are the client's words and are ignored.
 */
export function rootFieldsLabel(operation: OperationDefinitionNode, document: DocumentNode): string {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const names = new Set<string>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  const sorted = [...names].sort();
  if (sorted.length === 0) return UNKNOWN;
  return sorted.length > MAX_LABELLED_ROOT_FIELDS
    ? `${sorted.slice(0, MAX_LABELLED_ROOT_FIELDS).join("+")}+more`
    : sorted.join("+");
}

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"operation_type" | "root_fields" | "transport" | "outcome">;
  private readonly latency: Histogram<"operation_type" | "root_fields" | "transport">;
  readonly wsConnections: Gauge;
  readonly wsSubscriptions: Gauge;
  private readonly refusals: Counter<"kind">;

  constructor(sources: { pools: PoolSource[]; matchIndex: MatchIndex }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: "jalin_graphql_requests_total",
      help: "GraphQL operations answered, by operation type, root fields, transport (http, ws) and outcome (ok or the first error code).",
      labelNames: ["operation_type", "root_fields", "transport", "outcome"],
      registers,
    });
    this.latency = new Histogram({
      name: "jalin_graphql_request_duration_seconds",
      help: "Time from receiving a GraphQL query or mutation to its answer, by operation type, root fields and transport (subscriptions are not timed).",
      labelNames: ["operation_type", "root_fields", "transport"],
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
    poolGauge("jalin_db_pool_connections", "Connections open in a PostgreSQL pool (prisma: the API's queries; pipelined: the short reads' pipelined connections; match_index: the index's reads).", (s) => s.total);
    poolGauge("jalin_db_pool_idle_connections", "Open connections a pool holds unused (pipelined: with no statement in flight).", (s) => s.idle);
    poolGauge("jalin_db_pool_waiting_clients", "Queries waiting for a pool connection (the pool is exhausted); pipelined: statements in flight on its connections.", (s) => s.waiting);

    matchIndexMetrics(sources.matchIndex, registers);
  }

  observe(outcome: OperationOutcome): void {
    const labels = {
      operation_type: outcome.operationType ?? UNKNOWN,
      root_fields: outcome.rootFields ?? UNKNOWN,
      transport: outcome.transport,
    };
    const code = outcome.outcome === "ok" || ERROR_CODE.test(outcome.outcome) ? outcome.outcome : "other";
    this.requests.inc({ ...labels, outcome: code });
    if (outcome.operationType !== "subscription") this.latency.observe(labels, outcome.durationMs / 1000);
  }

  countRefusal(kind: RefusalKind): void {
    this.refusals.inc({ kind });
  }
}

/** The match index's size, freshness and remembered answers (infra/match-index/answers.ts). */
function matchIndexMetrics(matchIndex: MatchIndex, registers: Registry[]): void {
  new Gauge({
    name: "jalin_match_index_rows", help: "IKM rows in the match index's loaded columns (rows replaced since are marked dead, not removed).", registers,
    collect() { this.set(matchIndex.stats().rows); },
  });
  new Gauge({
    name: "jalin_match_index_overlay_rows", help: "IKMs changed since the columns were loaded, served from the overlay.", registers,
    collect() { this.set(matchIndex.stats().overlay); },
  });
  new Gauge({
    name: "jalin_match_index_overlay_folded_rows", help: "Of the overlay's IKMs, those folded into its own columns (scanned by the engine; the rest are scored one by one).", registers,
    collect() { this.set(matchIndex.stats().overlayFolded); },
  });
  new Gauge({
    name: "jalin_match_index_refresh_lag_seconds",
    help: "Age of the oldest IKM change the match index has heard of but not yet applied; 0 when up to date.",
    registers,
    collect() { this.set(matchIndex.refreshLagMs() / 1000); },
  });
  /** A counter per label value, following the index's own running totals. */
  const following = <L extends string>(name: string, help: string, label: string, totals: () => Record<L, number>) => {
    const counted = new Map<L, number>();
    new Counter({
      name, help, labelNames: [label], registers,
      collect() {
        for (const [value, total] of Object.entries(totals()) as Array<[L, number]>) {
          this.inc({ [label]: value }, total - (counted.get(value) ?? 0));
          counted.set(value, total);
        }
      },
    });
  };
  following("jalin_match_index_answers_total", "Rankings and counts the match index answered, by result: hit (remembered) or miss (scanned).", "result", () => {
    const { hits, misses } = matchIndex.answerCounts();
    return { hit: hits, miss: misses };
  });
  following("jalin_match_index_profiles_total", "Supplier profiles the match index gave for explanations, by result: hit (remembered) or miss (read from PostgreSQL).", "result", () => {
    const { hits, misses } = matchIndex.profileCounts();
    return { hit: hits, miss: misses };
  });
  following("jalin_match_index_ikm_rows_total", "IKM rows the match index gave for the suppliers a page of matches names, by result: hit (remembered) or miss (read from PostgreSQL).", "result", () => {
    const { hits, misses } = matchIndex.ikmRowCounts();
    return { hit: hits, miss: misses };
  });
  following(
    "jalin_match_index_answer_revisions_total",
    "Remembered rankings and counts when an IKM change was applied, by outcome: kept (not reached), updated (a count corrected) or forgotten (scanned when next asked).",
    "outcome",
    () => {
      const { kept, updated, forgotten } = matchIndex.answerCounts();
      return { kept, updated, forgotten };
    },
  );
}
