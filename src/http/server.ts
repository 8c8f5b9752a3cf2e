import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { type DocumentNode, GraphQLError, type GraphQLFormattedError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { DomainError, ErrorCode } from "../domain/errors.js";
import { QUERY_LIMITS, RATE_LIMITS, TRANSPORT_LIMITS } from "../domain/limits.js";
import type { Database } from "../infra/db/repositories/index.js";
import { type Context, createContext } from "../api/context.js";
import { formatError, requestScope } from "../api/errors.js";
import { NOT_UTF8, guardHttpRequest, requireUtf8Body } from "../api/input-guard.js";
import { LIMIT_RULES, checkCost, checkOperation, countRootFields } from "../api/limits.js";
import { createSchema } from "../api/schema.js";
import { type RateLimitSettings, RequestLimiter, SIGN_IN_FIELDS, rateLimitMessage } from "./rate-limit.js";
import { EXPIRED_MESSAGE, type TokenClaims } from "../features/accounts/auth.service.js";
import { ANONYMOUS } from "../access/viewer.js";
import { EventBus } from "../infra/events/bus.js";
import { type Services, createServices } from "../features/index.js";
import { MatchIndex } from "../infra/match-index/match-index.js";
import { type MetricsAccess, createObservability } from "./observability/index.js";
import type { Viewer } from "../access/viewer.js";

export const GRAPHQL_PATH = "/graphql";

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
  /** Who may read GET /metrics (a token, or loopback only); anyone unless given. */
  metrics?: MetricsAccess;
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
    await services?.close();
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
  const observability = createObservability({ db, matchIndex, log, graphqlPath: GRAPHQL_PATH, metricsAccess: options.metrics });
  const limiter = new RequestLimiter({ ...RATE_LIMITS, trustProxy: 0, ...options.rateLimits }, observability.countRefusal);
  const rateLimited = (seconds: number) => ({ message: rateLimitMessage(seconds), extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: seconds } });
  const refusal = (message: string, extensions: Record<string, unknown>) => [new GraphQLError(message, { extensions })];
  /** Sign-ins and registrations in the operation, counted against the address: null, or seconds to wait. */
  const signInWait = (document: DocumentNode, operationName: string | null | undefined, address: string | null) => {
    const attempts = countRootFields(document, operationName, SIGN_IN_FIELDS);
    return attempts && address ? limiter.takeSignIn(address, attempts) : Promise.resolve(null);
  };

  const app = express();
  app.disable("x-powered-by");
  app.use(observability.requestLog); // first: request ids, and one log line per request
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: TRANSPORT_LIMITS.wsMessageBytes });

  // Every new socket counts against its address, before it may even send connection_init.
  wsServer.on("connection", (socket, request) => {
    limiter.take(limiter.address(request)).then(
      (wait) => { if (wait) socket.close(1013, rateLimitMessage(wait)); }, // 1013: try again later
      (err: unknown) => log.error({ err }, "rate limiter failed"),
    );
  });

  // graphql-ws: the same limits and checks as HTTP, applied to every operation on the socket.
  const wsCleanup = useServer<Record<string, unknown>, { claims?: TokenClaims | null; address?: string }>(observability.graphqlWs(
    {
      schema,
      connectionInitWaitTimeout: TRANSPORT_LIMITS.wsInitTimeoutMs,
      // The token comes once, in connection_init's payload: { authorization: "Bearer ..." }. It is
      // checked now, counted against its user, and holds until it expires: then the socket closes.
      onConnect: async (ctx) => {
        ctx.extra.address = limiter.address(ctx.extra.request);
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        let claims: TokenClaims | null;
        try {
          claims = await services.auth.verifyAuthorization(typeof header === "string" ? header : undefined);
        } catch {
          return false; // closes with 4403 Forbidden, as graphql-ws specifies
        }
        if (claims) {
          const wait = await limiter.take(null, claims.subject);
          if (wait) {
            ctx.extra.socket.close(1013, rateLimitMessage(wait));
            return false;
          }
          const { socket } = ctx.extra;
          const expiry = setTimeout(() => socket.close(4403, EXPIRED_MESSAGE), Math.min(claims.expiresAt - Date.now(), 2 ** 31 - 1));
          expiry.unref();
          socket.once("close", () => clearTimeout(expiry));
        }
        ctx.extra.claims = claims;
        return true;
      },
      // Each operation: the rate limits, who is asking now (read again, as for every HTTP request),
      // the same parse, validation, limits and cost as Apollo applies over HTTP.
      onSubscribe: async (ctx, _id, payload) => {
        const { claims, address = null } = ctx.extra;
        if (Object.keys(ctx.subscriptions).length > TRANSPORT_LIMITS.maxOperationsPerConnection) {
          return refusal(`At most ${TRANSPORT_LIMITS.maxOperationsPerConnection} operations may run at once on one connection; complete some first.`, { code: ErrorCode.TOO_MANY_OPERATIONS, max: TRANSPORT_LIMITS.maxOperationsPerConnection });
        }
        const wait = await limiter.take(address, claims?.subject);
        if (wait) return refusal(rateLimitMessage(wait), rateLimited(wait).extensions);
        let viewer: Viewer = ANONYMOUS;
        if (claims) {
          try {
            viewer = await services.auth.viewerFor(claims.subject);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            return refusal(error.message, { code: error.code });
          }
        }
        const checked = checkOperation(schema, payload, { introspection });
        if ("errors" in checked) return checked.errors;
        const signIns = await signInWait(checked.document, payload.operationName, address);
        if (signIns) return refusal(rateLimitMessage(signIns), rateLimited(signIns).extensions);
        return {
          schema,
          document: checked.document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: createContext(deps, viewer, randomUUID(), address),
        };
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        const requestId = (args.contextValue as Context).requestId;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, { log, requestId, hideSchemaDetails })) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e, { log, hideSchemaDetails }) as GraphQLError),
    }, wsServer),
    wsServer,
  );
  // A frame that breaks the protocol (not UTF-8, over maxPayload) makes ws emit `error` and close the
  // socket with 1007/1009 itself; graphql-ws would print it to stderr as an internal error. It is
  // the client's mistake: log it below error level instead.
  wsServer.on("connection", (socket) => {
    socket.removeAllListeners("error");
    socket.on("error", (err) => log.info({ err }, "a graphql-ws client sent a frame breaking the protocol; its socket was closed"));
  });

  const apollo = new ApolloServer<Context>({
    schema,
    // The process's owner (src/main.ts) stops everything in order on SIGINT/SIGTERM; Apollo's own
    // handler would stop Apollo alongside it and then re-raise the signal (exit 143, not 0).
    stopOnTerminationSignals: false,
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
      observability.apolloPlugin,
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      // The estimated cost needs the variables, so it is checked once the operation is known.
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, schema: operationSchema, contextValue }) {
              checkCost(operationSchema, document, request.variables, request.operationName);
              const wait = await signInWait(document, request.operationName, contextValue.address);
              if (wait) {
                throw new GraphQLError(rateLimitMessage(wait), {
                  extensions: { ...rateLimited(wait).extensions, http: { status: 429, headers: new HeaderMap([["retry-after", String(wait)]]) } },
                });
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(observability.router); // GET /healthz, /readyz, /metrics
  app.use(
    GRAPHQL_PATH,
    // Who is asking, and whether they may ask again this minute: before the body is even read.
    async (req, res, next) => {
      const requestId = res.locals.requestId as string; // given by observability.requestLog
      const address = limiter.address(req);
      // The token's signature and expiry first (no database), then the limits, then its user.
      let claims: TokenClaims | null = null;
      let auth: Viewer | DomainError = ANONYMOUS;
      try {
        claims = await services.auth.verifyAuthorization(req.header("authorization"));
      } catch (error) {
        if (!(error instanceof DomainError)) return next(error);
        auth = error;
      }
      const wait = await limiter.take(address, claims?.subject);
      if (wait) {
        res.setHeader("retry-after", String(wait));
        res.status(429).json({ errors: [rateLimited(wait)] });
        return;
      }
      if (claims) {
        try {
          auth = await services.auth.viewerFor(claims.subject);
        } catch (error) {
          if (!(error instanceof DomainError)) return next(error);
          auth = error;
        }
      }
      res.locals.auth = auth;
      res.locals.address = address;
      requestScope.run({ requestId }, next);
    },
    express.json({ limit: TRANSPORT_LIMITS.bodyBytes, verify: requireUtf8Body }),
    guardHttpRequest,
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const auth = res.locals.auth as Viewer | DomainError;
        if (auth instanceof DomainError) {
          throw new GraphQLError(auth.message, { extensions: { code: auth.code, http: { status: 401 } } });
        }
        return createContext(deps, auth, res.locals.requestId as string, res.locals.address as string);
      },
    }),
  );
  // What fails before Apollo: the body parser's refusals, and anything unexpected (masked).
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const reference = (res.locals.requestId as string | undefined) ?? randomUUID();
    let error: GraphQLFormattedError;
    if (status === 500) {
      log.error({ err, reference }, "request failed");
      error = { message: `Something went wrong on our side; it was logged under reference ${reference}.`, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reference } };
    } else if (status === 413) {
      error = { message: `The request body is larger than ${TRANSPORT_LIMITS.bodyBytes / 1024} KB.`, extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } };
    } else if (err.type === NOT_UTF8) {
      error = { message: "The request body is not valid UTF-8.", extensions: { code: ErrorCode.BAD_REQUEST } };
    } else if (status === 415) {
      error = { message: "The request body must be JSON in UTF-8.", extensions: { code: ErrorCode.BAD_REQUEST } };
    } else {
      error = { message: "The request body is not valid JSON.", extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    res.status(status).json({ errors: [error] });
  });

  // A port in use (EADDRINUSE) or not allowed (EACCES) rejects, so the caller can stop what it started.
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(listen.port, listen.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
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
      await services.close();
      await events.close();
      await matchIndex.close();
    },
  };
}
