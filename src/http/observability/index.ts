/**
 * Observability of one running app: the request log (HTTP and graphql-ws), Prometheus metrics at
 * /metrics and the /healthz and /readyz probes. server.ts wires it in a few lines.
 */
import express, { type Router } from "express";
import type { Logger } from "pino";
import type { Database } from "../../infra/db/repositories/index.js";
import type { RefusalKind } from "../rate-limit.js";
import type { MatchIndex } from "../../infra/match-index/match-index.js";
import { type MetricsAccess, metricsRefusal } from "./access.js";
import { GraphqlWsObserver } from "./graphql-ws.js";
import { readiness } from "./health.js";
import { Metrics, pgPoolStats } from "./metrics.js";
import { requestLogPlugin, requestLogger } from "./request-log.js";
import { singleFlight } from "./single-flight.js";

export type { MetricsAccess } from "./access.js";

export interface ObservabilityDeps {
  db: Database;
  matchIndex: MatchIndex;
  log: Logger;
  graphqlPath: string;
  /** Who may read /metrics; anyone when not given (development). */
  metricsAccess?: MetricsAccess;
  /** READINESS_TIMEOUT_MS unless given (tests hold a check open longer). */
  readinessTimeoutMs?: number;
}

export function createObservability(deps: ObservabilityDeps) {
  const { db, matchIndex, log } = deps;
  const metrics = new Metrics({
    pools: [
      { name: "prisma", stats: pgPoolStats(db.pool) },
      { name: "pipelined", stats: () => db.lanes?.stats() },
      { name: "match_index", stats: () => matchIndex.poolStats() },
    ],
    matchIndex,
  });
  const ws = new GraphqlWsObserver(log, metrics);

  const router: Router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // Probes are not rate-limited: concurrent ones share one check, so a flood holds one connection.
  const checkReadiness = singleFlight(() => readiness({ db, matchIndex, log, timeoutMs: deps.readinessTimeoutMs }));
  router.get("/readyz", async (_req, res) => {
    const { ready, body } = await checkReadiness();
    res.status(ready ? 200 : 503).json(body);
  });
  const access = deps.metricsAccess ?? {};
  router.get("/metrics", async (req, res) => {
    const refusal = metricsRefusal(access, req);
    if (refusal) {
      if (refusal.status === 401) res.setHeader("www-authenticate", 'Bearer realm="metrics"');
      res.status(refusal.status).json({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
      return;
    }
    res.setHeader("content-type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  const requestLog = requestLogger(log, metrics, deps.graphqlPath);
  return {
    metrics,
    /** First in express's chain: request ids and one log line per request. */
    requestLog: requestLog.middleware,
    /** The same for a request served without express (src/http/graphql-http.ts), given its path. */
    beginRequestLog: requestLog.begin,
    /** An Apollo plugin telling the request log the operation, its user and its errors. */
    apolloPlugin: requestLogPlugin,
    /** GET /healthz, /readyz and /metrics. */
    router,
    /** graphql-ws options with their hooks observed; counts the server's sockets too. */
    graphqlWs: <T extends Parameters<GraphqlWsObserver["wrap"]>[0]>(options: T, wsServer: Parameters<GraphqlWsObserver["watch"]>[0]): T => {
      ws.watch(wsServer);
      return ws.wrap(options);
    },
    countRefusal: (kind: RefusalKind) => metrics.countRefusal(kind),
  };
}

export type Observability = ReturnType<typeof createObservability>;
