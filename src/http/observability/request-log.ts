/**
 * One log line per HTTP request, written when the response is done (or the client went away),
 * with what an operator needs and nothing a client sent as a secret: the request id, the GraphQL
 * operation's name and type, the user id, the status, the error codes answered and the duration.
 * Never headers, the query text or variables (a login's password travels in its variables).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import type { Level, Logger } from "pino";
import type { Context } from "../../api/context.js";
import { type Metrics, rootFieldsLabel } from "./metrics.js";

/** A client's X-Request-Id is kept when it is a plain token; otherwise the server makes one. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,64}$/;
/** Probes and scrapes come every few seconds: their lines are written at debug level. */
const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);
/** Error bodies are read for their codes up to this size (Jalin's own are a few hundred bytes). */
const MAX_ERROR_BODY = 64 * 1024;
const MAX_LOGGED_PATH = 200;
const MAX_LOGGED_CODES = 5;

/** What the GraphQL layer learns about the request it serves (filled by the Apollo plugin). */
interface Seen {
  /** The client's name for the operation: logged, never a metric label. */
  operation: string | null;
  operationType: string | null;
  /** The metrics' label (rootFieldsLabel) once the operation is resolved. */
  rootFields: string | null;
  codes: string[] | null;
  userId: string | null;
}

/**
 * Where a GraphQL context carries its request's log entry (set by httpContext through
 * noteRequestContext). Carried on the context, not in an AsyncLocalStorage: on Node 20 an
 * AsyncLocalStorage turns on promise hooks, which cost about 5% of the API's CPU on every promise
 * of every request (issue 17). A symbol key, because Apollo copies the context's own properties
 * into a new object for each operation.
 */
const SEEN = Symbol("request log entry");

/** Ties a request's GraphQL context to its log entry, so the Apollo plugin can fill it. */
export function noteRequestContext(context: object, res: { locals: Record<string, unknown> }): void {
  const seen = res.locals.requestSeen as Seen | undefined;
  if (seen) Object.assign(context, { [SEEN]: seen });
}

/** The distinct `extensions.code`s of a GraphQL response's errors, in order, at most a few. */
export function errorCodes(errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined | null): string[] {
  const codes: string[] = [];
  for (const error of errors ?? []) {
    const code = error?.extensions?.code;
    const text = typeof code === "string" ? code.slice(0, 64) : "UNKNOWN";
    if (!codes.includes(text)) codes.push(text);
    if (codes.length === MAX_LOGGED_CODES) break;
  }
  return codes;
}

/** The codes of an error body sent as JSON text (express's res.json and Apollo both send strings). */
function codesOfBody(body: unknown): string[] | null {
  if (typeof body !== "string" || body.length > MAX_ERROR_BODY) return null;
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
    return Array.isArray(parsed?.errors) ? errorCodes(parsed.errors) : null;
  } catch {
    return null;
  }
}

export const roundMs = (ms: number) => Math.round(ms * 10) / 10;

/** A response with express's `locals` (express's own, or given one by the plain GraphQL path, src/http/graphql-http.ts). */
export type ResponseWithLocals = ServerResponse & { locals: Record<string, unknown> };

/**
 * Notes the error codes of a refusal answered before Apollo (429, 413, bad JSON, a bad token): they
 * travel in the body. Called with every body text a request's answer is sent with.
 */
export function noteAnsweredBody(res: ResponseWithLocals, body: unknown): void {
  const seen = res.locals.requestSeen as Seen | undefined;
  if (seen && res.statusCode >= 400 && seen.codes === null) seen.codes = codesOfBody(body);
}

/**
 * The request log of one app: `begin` gives a request its id (res.locals.requestId, answered in
 * X-Request-Id) and logs it once done, GraphQL requests also counted and timed; `middleware` is it
 * for express, first in the chain (which also notes the codes of every body express sends).
 */
export function requestLogger(log: Logger, metrics: Metrics, graphqlPath: string) {
  /** `path`: the request's path without its query string, before any router cut a mount path off it. */
  const begin = (req: IncomingMessage, res: ResponseWithLocals, requestPath: string): void => {
    const started = performance.now();
    const path = requestPath.slice(0, MAX_LOGGED_PATH);
    const header = req.headers["x-request-id"];
    const requestId = typeof header === "string" && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const seen: Seen = { operation: null, operationType: null, rootFields: null, codes: null, userId: null };

    res.once("close", () => {
      const durationMs = roundMs(performance.now() - started);
      const status = res.statusCode;
      const codes = seen.codes?.length ? seen.codes : status >= 400 ? [`HTTP_${status}`] : [];
      const graphql = path === graphqlPath;
      const userId = seen.userId ?? (req.headers.authorization ? "unverified" : "anonymous");
      const line = {
        requestId,
        transport: "http",
        method: req.method,
        path,
        ...(graphql ? { operation: seen.operation, operationType: seen.operationType } : {}),
        userId,
        status,
        ...(codes.length ? { errors: codes } : {}),
        durationMs,
      };
      const level: Level = QUIET_PATHS.has(path) ? "debug" : status >= 500 ? "warn" : "info";
      log[level](line, res.writableFinished ? "request completed" : "request aborted");
      if (graphql) {
        metrics.observe({
          transport: "http",
          operationType: seen.operationType,
          rootFields: seen.rootFields,
          outcome: codes[0] ?? "ok",
          durationMs,
        });
      }
    });
    res.locals.requestSeen = seen;
  };
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    begin(req, res, req.path);
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      noteAnsweredBody(res, body);
      return send(body);
    };
    next();
  };
  return { begin, middleware };
}

/** Tells the request log what Apollo resolved: the operation, its user and the errors answered. */
export const requestLogPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    const seen = (contextValue as { [SEEN]?: Seen } | undefined)?.[SEEN];
    if (!seen) return;
    return {
      async willSendResponse({ operation, operationName, document, response, contextValue }) {
        seen.operation = operationName ?? null;
        seen.operationType = operation?.operation ?? null;
        seen.rootFields = operation && document ? rootFieldsLabel(operation, document) : null;
        if (response.body.kind === "single") seen.codes = errorCodes(response.body.singleResult.errors);
        const viewer = contextValue?.viewer;
        if (viewer?.kind === "user") seen.userId = viewer.userId;
      },
    };
  },
};
