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
import { QUERY_LIMITS, RATE_LIMITS, TRANSPORT_LIMITS } from "./domain/limits.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import { type Context, createContext } from "./graphql/context.js";
import { RATE_LIMITED, formatError, requestScope } from "./graphql/errors.js";
import { LIMIT_RULES, checkCost, checkOperation } from "./graphql/limits.js";
import { createSchema } from "./graphql/schema.js";
import { type RateLimitSettings, RequestLimiter, rateLimitMessage } from "./rate-limit.js";
import { EventBus } from "./pubsub/index.js";
import { type Services, createServices } from "./services/index.js";
import { MatchIndex } from "./services/match-index.js";
import type { Viewer } from "./services/viewer.js";

export const GRAPHQL_PATH = "/graphql";

/** How long a new WebSocket may take to send connection_init before it is closed (4408). */
export const WS_INIT_TIMEOUT_MS = 3_000;

export interface AppOptions {
  db: PrismaClient;
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
  const { db, log, introspection } = options;
  const hideSchemaDetails = options.hideSchemaDetails ?? !introspection;
  const schema = await createSchema(events.pubsub);
  const deps = { db, services, log };
  const limiter = new RequestLimiter({ ...RATE_LIMITS, trustProxy: 0, ...options.rateLimits });
  const rateLimited = (seconds: number) => ({ message: rateLimitMessage(seconds), extensions: { code: RATE_LIMITED, retryAfter: seconds } });

  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: TRANSPORT_LIMITS.wsMessageBytes });

  // graphql-ws: the same limits and checks as HTTP, applied to every operation on the socket.
  const wsCleanup = useServer<Record<string, unknown>, { viewer?: Viewer; address?: string }>(
    {
      schema,
      connectionInitWaitTimeout: WS_INIT_TIMEOUT_MS,
      // Authenticate once per connection from connection_init's payload: { authorization: "Bearer ..." }.
      onConnect: async (ctx) => {
        const address = limiter.address(ctx.extra.request);
        ctx.extra.address = address;
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        let viewer: Viewer | null = null;
        try {
          viewer = await services.auth.viewerFromAuthorization(typeof header === "string" ? header : undefined);
        } catch {
          // refused below, once the attempt is counted
        }
        const wait = await limiter.take(address, viewer?.kind === "user" ? viewer.userId : null);
        if (wait) {
          ctx.extra.socket.close(1013, rateLimitMessage(wait)); // 1013: try again later
          return false;
        }
        if (!viewer) return false; // closes with 4403 Forbidden, as graphql-ws specifies
        ctx.extra.viewer = viewer;
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const viewer = ctx.extra.viewer ?? { kind: "anonymous" };
        const wait = await limiter.take(ctx.extra.address ?? "unknown", viewer.kind === "user" ? viewer.userId : null);
        if (wait) {
          const refusal = rateLimited(wait);
          return [new GraphQLError(refusal.message, { extensions: refusal.extensions })];
        }
        const checked = checkOperation(schema, payload, { introspection });
        if ("errors" in checked) return checked.errors;
        return {
          schema,
          document: checked.document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: createContext(deps, viewer, randomUUID()),
        };
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        const requestId = (args.contextValue as Context).requestId;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, { log, requestId, hideSchemaDetails })) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e, { log, hideSchemaDetails }) as GraphQLError),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    introspection,
    hideSchemaDetailsFromClientErrors: hideSchemaDetails,
    allowBatchedHttpRequests: TRANSPORT_LIMITS.batching,
    // Apollo's CSRF prevention guards cookie sessions from cross-site forms; Jalin authenticates only
    // with bearer tokens a browser never attaches on its own, and refuses mutations over GET (405),
    // so simple GET queries (urql's default, graphql-http's audits) are served.
    csrfPrevention: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: LIMIT_RULES,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, { log, hideSchemaDetails }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      // The estimated cost needs the variables, so it is checked once the operation is known.
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, schema: operationSchema }) {
              checkCost(operationSchema, document, request.variables, request.operationName);
            },
          };
        },
      },
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
    // Who is asking, and whether they may ask again this minute: before the body is even read.
    async (req, res, next) => {
      const requestId = /^[\w.:-]{1,64}$/.test(req.header("x-request-id") ?? "") ? (req.header("x-request-id") as string) : randomUUID();
      res.setHeader("x-request-id", requestId);
      let auth: Viewer | DomainError;
      try {
        auth = await services.auth.viewerFromAuthorization(req.header("authorization"));
      } catch (error) {
        if (!(error instanceof DomainError)) return next(error);
        auth = error;
      }
      const wait = await limiter.take(limiter.address(req), auth instanceof DomainError || auth.kind !== "user" ? null : auth.userId);
      if (wait) {
        res.setHeader("retry-after", String(wait));
        res.status(429).json({ errors: [rateLimited(wait)] });
        return;
      }
      res.locals.auth = auth;
      res.locals.requestId = requestId;
      requestScope.run({ requestId }, next);
    },
    express.json({ limit: TRANSPORT_LIMITS.bodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const auth = res.locals.auth as Viewer | DomainError;
        if (auth instanceof DomainError) {
          throw new GraphQLError(auth.message, { extensions: { code: auth.code, http: { status: 401 } } });
        }
        return createContext(deps, auth, res.locals.requestId as string);
      },
    }),
  );
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, "request failed");
    const [message, code] = status === 413
      ? [`The request body is larger than ${TRANSPORT_LIMITS.bodyBytes / 1024} KB.`, "PAYLOAD_TOO_LARGE"]
      : status === 500 ? ["Something went wrong on our side.", "INTERNAL_SERVER_ERROR"] : ["The request body is not valid JSON.", "BAD_REQUEST"];
    const body: { errors: GraphQLFormattedError[] } = { errors: [{ message, extensions: { code } }] };
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
