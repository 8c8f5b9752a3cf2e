/**
 * The running app: the event bus, the match index and the services, then HTTP (Apollo over
 * node:http for plain JSON POSTs, over express for the rest) and WebSocket (graphql-ws) on one port
 * and one path; stopped in the reverse order. Each part is its own file: apollo.ts, graphql-http.ts,
 * ws.ts, auth.ts (token -> viewer), body.ts, rate-limit.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Logger } from "pino";
import { createSchema } from "../api/schema.js";
import { RATE_LIMITS } from "../domain/limits.js";
import { type Services, createServices } from "../features/index.js";
import { EventBus } from "../infra/events/bus.js";
import type { Database } from "../infra/db/repositories/index.js";
import { MatchIndex, type MatchIndexOptions } from "../infra/match-index/match-index.js";
import { startApollo } from "./apollo.js";
import { graphqlHttp } from "./graphql-http.js";
import { authenticate, httpContext } from "./auth.js";
import { readBody, transportErrors } from "./body.js";
import { type MetricsAccess, createObservability } from "./observability/index.js";
import { type RateLimitSettings, RequestLimiter } from "./rate-limit.js";
import { WEB_ROOT, graphiqlPage, webConsole } from "./web.js";
import { startGraphqlWs } from "./ws.js";

const GRAPHQL_PATH = "/graphql";

export interface AppOptions {
  db: Database;
  /** The same database as `db`: the match index reads it in bulk and LISTENs on it. */
  databaseUrl: string;
  log: Logger;
  jwt: { secret: Uint8Array; ttl: string };
  /** Schema introspection (off in production). */
  introspection: boolean;
  /** Leave "Did you mean …?" suggestions out of error messages; by default whenever introspection is off. */
  hideSchemaDetails?: boolean;
  /** RATE_LIMITS and no trusted proxy unless given. */
  rateLimits?: Partial<RateLimitSettings>;
  /** The match index's settings (MATCH_INDEX's unless given). */
  matchIndex?: MatchIndexOptions;
  /** Who may read GET /metrics (a token, or loopback only); anyone unless given. */
  metrics?: MetricsAccess;
  /** The built web console and GraphiQL (src/http/web.ts); WEB_ROOT unless given. */
  webRoot?: string;
}

export interface RunningApp {
  url: string;
  wsUrl: string;
  /** The web console (`/`); GraphiQL is at `url` in a browser. */
  webUrl: string;
  services: Services;
  matchIndex: MatchIndex;
  events: EventBus;
  httpServer: http.Server;
  stop: () => Promise<void>;
}

/** HTTP (Apollo over express) and WebSocket (graphql-ws) on one port and one path. */
export async function startServer(options: AppOptions, listen: { host: string; port: number }): Promise<RunningApp> {
  const { db, log } = options;
  const events = new EventBus(log);
  await events.start(options.databaseUrl);
  let matchIndex: MatchIndex | null = null;
  let services: Services | null = null;
  try {
    matchIndex = await MatchIndex.start(options.databaseUrl, log, options.matchIndex);
    services = createServices(db, events, options.jwt, matchIndex, log);
    await services.vocabulary.start(); // the words administrators added, before the first request
    services.lapseSweep.start(); // tells of lapsing certificates now and every LAPSE_SWEEP.everyMs
    return await listenWith(options, listen, events, matchIndex, services);
  } catch (error) {
    // Nothing started here may outlive a failed start.
    services?.live.close();
    await services?.close();
    await matchIndex?.close();
    await events.close();
    throw error;
  }
}

/** Listens on `listen`; a port in use (EADDRINUSE) or not allowed (EACCES) rejects, so the caller can stop what it started. */
async function listenOn(httpServer: http.Server, listen: { host: string; port: number }): Promise<{ url: string; wsUrl: string; webUrl: string }> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(listen.port, listen.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  return { url: `http://${host}:${port}${GRAPHQL_PATH}`, wsUrl: `ws://${host}:${port}${GRAPHQL_PATH}`, webUrl: `http://${host}:${port}/` };
}


/** GraphQL answers depend on who asks: no browser or proxy may keep one (Apollo's cache-control plugin, which said so, is off). */
const noStore: express.RequestHandler = (_req, res, next) => {
  res.setHeader("cache-control", "no-store");
  next();
};
/** Express, graphql-ws and Apollo over the started services, in the order each needs the other. */
async function listenWith(
  options: AppOptions,
  listen: { host: string; port: number },
  events: EventBus,
  matchIndex: MatchIndex,
  services: Services,
): Promise<RunningApp> {
  const { db, log, introspection } = options;
  const hideSchemaDetails = options.hideSchemaDetails ?? !introspection;
  const schema = await createSchema(events.pubsub);
  const contextDeps = { db, services, log };
  const observability = createObservability({ db, matchIndex, log, graphqlPath: GRAPHQL_PATH, metricsAccess: options.metrics });
  const limiter = new RequestLimiter({ ...RATE_LIMITS, trustProxy: 0, ...options.rateLimits }, observability.countRefusal);

  const app = express();
  app.disable("x-powered-by");
  // No ETag hashed over every GraphQL answer: answers depend on who asks and are computed either way,
  // and the hash took about 2% of the API's CPU (issue 17). The console's files keep theirs (serve-static).
  app.set("etag", false);
  app.use(observability.requestLog); // first: request ids, and one log line per request
  // POSTs of plain JSON to the GraphQL path are served without express (graphql-http.ts); the rest by express.
  let plain: ReturnType<typeof graphqlHttp> | null = null;
  const httpServer = http.createServer((req, res) => (plain?.takes(req) ? plain.serve(req, res) : app(req, res)));
  const common = { schema, log, introspection, hideSchemaDetails, observability, limiter };
  const { wsServer, cleanup } = startGraphqlWs({ ...common, httpServer, path: GRAPHQL_PATH, services, contextDeps });
  const apollo = await startApollo({ ...common, httpServer, disposeWs: async () => { await cleanup.dispose(); } });
  plain = graphqlHttp({ apollo, services, limiter, contextDeps, observability, log, path: GRAPHQL_PATH });

  app.use(observability.router); // GET /healthz, /readyz, /metrics
  const webRoot = options.webRoot ?? WEB_ROOT;
  // GraphiQL needs introspection: where it is off (production), a browser's GET reaches Apollo as before.
  const graphiql = introspection ? [graphiqlPage(webRoot)] : [];
  // Who is asking, and whether they may ask again this minute: before the body is even read.
  app.use(GRAPHQL_PATH, ...graphiql, noStore, authenticate(services, limiter), ...readBody, expressMiddleware(apollo, { context: httpContext(contextDeps) }));
  app.use(webConsole(webRoot)); // the console's files and client routes (src/http/web.ts)
  app.use(transportErrors(log)); // what fails before Apollo: the body parser's refusals, and anything unexpected (masked)

  const { url, wsUrl, webUrl } = await listenOn(httpServer, listen);
  return {
    url,
    wsUrl,
    webUrl,
    services,
    matchIndex,
    events,
    httpServer,
    stop: async () => {
      await apollo.stop(); // drains HTTP and closes every WebSocket
      wsServer.close();
      services.live.close();
      await services.close();
      await events.close();
      await matchIndex.close();
    },
  };
}
