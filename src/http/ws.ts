/**
 * graphql-ws on the HTTP server's port and path: every socket counts against its address; the
 * token comes once, in connection_init; every operation passes the same rate limits, checks,
 * limits and cost as over HTTP, and its errors the same formatError.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { Context as WsContext, Disposable, SubscribePayload } from "graphql-ws";
import { type Extra, useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { ANONYMOUS, type Viewer } from "../access/viewer.js";
import { type Context, type ContextDeps, createContext } from "../api/context.js";
import { formatError } from "../api/errors.js";
import { createSharedSubscribe, watchedViewer } from "../api/shared-execution.js";
import { checkOperation } from "../api/limits.js";
import { DomainError, ErrorCode } from "../domain/errors.js";
import { TRANSPORT_LIMITS } from "../domain/limits.js";
import { EXPIRED_MESSAGE, type TokenClaims } from "../features/accounts/auth.service.js";
import type { Services } from "../features/index.js";
import type { Observability } from "./observability/index.js";
import { type RequestLimiter, rateLimitMessage, rateLimited, signInWait } from "./rate-limit.js";

export interface WsDeps {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  services: Services;
  contextDeps: ContextDeps;
  limiter: RequestLimiter;
  observability: Observability;
  log: Logger;
  introspection: boolean;
  hideSchemaDetails: boolean;
}

/** What the server keeps of a connection: its verified token (null: anonymous) and address key. */
type Kept = { claims?: TokenClaims | null; address?: string };
type Ctx = WsContext<Record<string, unknown>, Extra & Partial<Kept>>;

const refusal = (message: string, extensions: Record<string, unknown>) => [new GraphQLError(message, { extensions })];

/**
 * connection_init: the token in its payload ({ authorization: "Bearer ..." }) is checked now,
 * counted against its user, and holds until it expires: then the socket closes.
 */
function onConnect({ services, limiter }: WsDeps) {
  return async (ctx: Ctx): Promise<boolean> => {
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
  };
}

/**
 * Each operation: the rate limits, who is asking now (read again, as for every HTTP request), the
 * same parse, validation, limits and cost as Apollo applies over HTTP.
 */
function onSubscribe({ schema, services, limiter, contextDeps, introspection }: WsDeps) {
  return async (ctx: Ctx, _id: string, payload: SubscribePayload) => {
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
    const signIns = await signInWait(limiter, checked.document, payload.operationName, address);
    if (signIns) return refusal(rateLimitMessage(signIns), rateLimited(signIns).extensions);
    return {
      schema,
      document: checked.document,
      variableValues: payload.variables,
      operationName: payload.operationName,
      // The viewer counts reads of its user id, so an event's execution that never read it is shared with the same kind of viewer.
      contextValue: createContext(contextDeps, watchedViewer(viewer), randomUUID(), address),
    };
  };
}

/** The graphql-ws server on `deps.httpServer`; `cleanup.dispose()` closes its sockets. */
export function startGraphqlWs(deps: WsDeps): { wsServer: WebSocketServer; cleanup: Disposable } {
  const { httpServer, path, schema, limiter, observability, log, hideSchemaDetails } = deps;
  const wsServer = new WebSocketServer({ server: httpServer, path, maxPayload: TRANSPORT_LIMITS.wsMessageBytes });

  // Every new socket counts against its address, before it may even send connection_init.
  wsServer.on("connection", (socket, request) => {
    limiter.take(limiter.address(request)).then(
      (wait) => { if (wait) socket.close(1013, rateLimitMessage(wait)); }, // 1013: try again later
      (err: unknown) => log.error({ err }, "rate limiter failed"),
    );
  });

  const cleanup = useServer<Record<string, unknown>, Kept>(observability.graphqlWs(
    {
      schema,
      // Subscribers asking the same thing of an event share its execution (src/api/shared-execution.ts).
      subscribe: createSharedSubscribe(),
      connectionInitWaitTimeout: TRANSPORT_LIMITS.wsInitTimeoutMs,
      onConnect: onConnect(deps),
      onSubscribe: onSubscribe(deps),
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
  return { wsServer, cleanup };
}
