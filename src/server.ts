import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { DomainError } from "./domain/errors.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import { type Context, createContext } from "./graphql/context.js";
import { formatError } from "./graphql/errors.js";
import { createSchema } from "./graphql/schema.js";
import { EventBus } from "./pubsub/index.js";
import { type Services, createServices } from "./services/index.js";
import { MatchIndex } from "./services/match-index.js";
import type { Viewer } from "./services/viewer.js";

export const GRAPHQL_PATH = "/graphql";

/** Limits on what one HTTP request may carry. */
export const HTTP_LIMITS = {
  bodyBytes: "100kb",
  /** Apollo's parser refuses documents with more tokens than this (400 GRAPHQL_PARSE_FAILED). */
  maxTokens: 5000,
} as const;

export interface AppOptions {
  db: PrismaClient;
  /** The same database as `db`: the match index reads it in bulk and LISTENs on it. */
  databaseUrl: string;
  log: Logger;
  jwt: { secret: Uint8Array; ttl: string };
  introspection: boolean;
}

export interface RunningApp {
  url: string;
  wsUrl: string;
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
    matchIndex = await MatchIndex.start(options.databaseUrl, log);
    services = createServices(db, events, options.jwt, matchIndex, log);
    return await listenWith(options, listen, events, matchIndex, services);
  } catch (error) {
    // Nothing started here may outlive a failed start.
    services?.live.close();
    await matchIndex?.close();
    await events.close();
    throw error;
  }
}

async function listenWith(
  options: AppOptions,
  listen: { host: string; port: number },
  events: EventBus,
  matchIndex: MatchIndex,
  services: Services,
): Promise<RunningApp> {
  const { db, log } = options;
  const schema = await createSchema(events.pubsub);
  const deps = { db, services, log };

  const app = express();
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });

  const wsCleanup = useServer<Record<string, unknown>, { viewer?: Viewer; requestId?: string }>(
    {
      schema,
      // Authenticate once per connection from connection_init's payload: { authorization: "Bearer ..." }.
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          ctx.extra.viewer = await services.auth.viewerFromAuthorization(typeof header === "string" ? header : undefined);
          return true;
        } catch {
          return false; // closes with 4403 Forbidden, as graphql-ws specifies
        }
      },
      context: (ctx) => createContext(deps, ctx.extra.viewer ?? { kind: "anonymous" }, randomUUID()),
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        const requestId = (args.contextValue as Context).requestId;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, log, requestId)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e, log) as GraphQLError),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: options.introspection,
    parseOptions: { maxTokens: HTTP_LIMITS.maxTokens },
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
  });
  await apollo.start();

  app.get("/healthz", async (_req, res) => {
    try {
      await db.$queryRaw`SELECT 1`;
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "database unavailable" });
    }
  });
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: HTTP_LIMITS.bodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = req.header("x-request-id")?.slice(0, 64) || randomUUID();
        let viewer: Viewer;
        try {
          viewer = await services.auth.viewerFromAuthorization(req.header("authorization"));
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
        }
        return createContext(deps, viewer, requestId);
      },
    }),
  );
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, "request failed");
    const body: { errors: GraphQLFormattedError[] } = {
      errors: [{ message: status === 413 ? `The request body is larger than ${HTTP_LIMITS.bodyBytes}.` : status === 500 ? "Something went wrong on our side." : "The request body is not valid JSON.", extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }],
    };
    res.status(status).json(body);
  });

  await new Promise<void>((resolve) => httpServer.listen(listen.port, listen.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    wsUrl: `ws://${host}:${port}${GRAPHQL_PATH}`,
    services,
    matchIndex,
    events,
    httpServer,
    stop: async () => {
      await apollo.stop(); // drains HTTP and closes every WebSocket
      wsServer.close();
      services.live.close();
      await events.close();
      await matchIndex.close();
    },
  };
}
