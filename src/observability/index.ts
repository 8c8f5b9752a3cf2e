/**
 * Observability of one running app: the request log (HTTP and graphql-ws), Prometheus metrics at
 * /metrics and the /healthz and /readyz probes. server.ts wires it in a few lines.
 */
import express, { type Router } from "express";
import type { Logger } from "pino";
import { poolOf } from "../db/client.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import type { RefusalKind } from "../rate-limit.js";
import type { MatchIndex } from "../services/match-index.js";
import { GraphqlWsObserver } from "./graphql-ws.js";
import { readiness } from "./health.js";
import { Metrics, pgPoolStats } from "./metrics.js";
import { requestLogPlugin, requestLogger } from "./request-log.js";

export interface ObservabilityDeps {
  db: PrismaClient;
  matchIndex: MatchIndex;
  log: Logger;
  graphqlPath: string;
}

export function createObservability(deps: ObservabilityDeps) {
  const { db, matchIndex, log } = deps;
  const metrics = new Metrics({
    pools: [
      { name: "prisma", stats: pgPoolStats(poolOf(db)) },
      { name: "match_index", stats: () => matchIndex.poolStats() },
    ],
    matchIndex,
  });
  const ws = new GraphqlWsObserver(log, metrics);

  const router: Router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const { ready, body } = await readiness({ db, matchIndex, log });
    res.status(ready ? 200 : 503).json(body);
  });
  router.get("/metrics", async (_req, res) => {
    res.setHeader("content-type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  return {
    metrics,
    /** First in express's chain: request ids and one log line per request. */
    requestLog: requestLogger(log, metrics, deps.graphqlPath),
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
