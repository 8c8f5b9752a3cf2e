/**
 * POST /graphql with a plain JSON body, served on node:http without express (issue 17): express's
 * router, body-parser and the Apollo integration were about a tenth of the API's main thread on the
 * ranked `matches` page. The steps and answers are express's chain's (server.ts), in its order:
 * the request log, no-store, who is asking and the rate limits (auth.ts) before the body is read,
 * the body as express.json reads it (body.ts), the text checks (api/input-guard.ts), then Apollo.
 * Every other request to the path (GET, GraphiQL, compressed or non-UTF-8 bodies, other types) takes
 * express's chain; test/integration/graphql-http.test.ts holds both to the same answers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import type { Logger } from "pino";
import { requestTextRefusal } from "../api/input-guard.js";
import type { Context, ContextDeps } from "../api/context.js";
import { TRANSPORT_LIMITS } from "../domain/limits.js";
import type { Services } from "../features/index.js";
import { httpContext, identify, refusedBody } from "./auth.js";
import { plainJsonBody, readJsonBody, transportAnswer } from "./body.js";
import type { Observability } from "./observability/index.js";
import { type ResponseWithLocals, noteAnsweredBody } from "./observability/request-log.js";
import type { RequestLimiter } from "./rate-limit.js";

export interface GraphqlHttpDeps {
  apollo: ApolloServer<Context>;
  services: Services;
  limiter: RequestLimiter;
  contextDeps: ContextDeps;
  observability: Observability;
  log: Logger;
  path: string;
}

/** The path and the query string (with its "?", or "") of a request's URL. */
function splitUrl(url: string): { path: string; search: string } {
  const at = url.indexOf("?");
  return at < 0 ? { path: url, search: "" } : { path: url.slice(0, at), search: url.slice(at) };
}

/** An answer in JSON, as express's res.json sends it (and noted for the request log). */
function sendJson(res: ResponseWithLocals, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  noteAnsweredBody(res, text);
  res.end(text);
}

/** The plain path: `takes` says whether a request is one it serves, `serve` serves it. */
export function graphqlHttp(deps: GraphqlHttpDeps) {
  const { apollo, services, limiter, observability, log } = deps;
  const context = httpContext(deps.contextDeps);

  async function answer(req: IncomingMessage, res: ResponseWithLocals, search: string): Promise<void> {
    const who = await identify(services, limiter, req);
    if ("wait" in who) {
      res.setHeader("retry-after", String(who.wait));
      sendJson(res, 429, refusedBody(who.wait));
      return;
    }
    res.locals.auth = who.auth;
    res.locals.address = who.address;
    let body: unknown;
    try {
      body = await readJsonBody(req, TRANSPORT_LIMITS.bodyBytes);
    } catch (error) {
      const { status, body: refusal } = transportAnswer(error as Error, res.locals.requestId as string, log);
      sendJson(res, status, refusal);
      return;
    }
    if (body && typeof body === "object" && !Array.isArray(body)) {
      const refused = requestTextRefusal(body as { query?: unknown; variables?: unknown });
      if (refused) {
        sendJson(res, 400, { errors: [refused] });
        return;
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search, body },
      context: () => context({ res }),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      noteAnsweredBody(res, response.body.string);
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    /** A POST of plain JSON (body.ts's plainJsonBody) to exactly the GraphQL path. */
    takes(req: IncomingMessage): boolean {
      return req.method === "POST" && splitUrl(req.url ?? "").path === deps.path && plainJsonBody(req);
    },
    serve(req: IncomingMessage, plain: ServerResponse): void {
      const res = Object.assign(plain, { locals: Object.create(null) as Record<string, unknown> });
      const { path, search } = splitUrl(req.url ?? "");
      observability.beginRequestLog(req, res, path);
      // GraphQL answers depend on who asks: no browser or proxy may keep one.
      res.setHeader("cache-control", "no-store");
      answer(req, res, search).catch((error: unknown) => {
        if (res.headersSent) {
          log.error({ err: error, reference: res.locals.requestId }, "request failed after its answer started");
          res.destroy();
          return;
        }
        const { status, body } = transportAnswer(error as Error, res.locals.requestId as string, log);
        sendJson(res, status, body);
      });
    },
  };
}
