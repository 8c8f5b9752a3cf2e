/**
 * Who is asking an HTTP request: the bearer token's signature and expiry (no database), the rate
 * limits of its user and address, then its user; all before the body is even read (identify, for
 * the plain JSON path in graphql-http.ts and for express's chain through authenticate). The GraphQL
 * context is made from what they found.
 */
import type { IncomingMessage } from "node:http";
import type express from "express";
import { GraphQLError } from "graphql";
import { ANONYMOUS, type Viewer } from "../access/viewer.js";
import { type Context, type ContextDeps, createContext } from "../api/context.js";
import { DomainError } from "../domain/errors.js";
import type { TokenClaims } from "../features/accounts/auth.service.js";
import type { Services } from "../features/index.js";
import { type ResponseWithLocals, noteRequestContext } from "./observability/request-log.js";
import { type RequestLimiter, rateLimited } from "./rate-limit.js";

/** What authenticate leaves in res.locals.auth: the viewer, or why their token was refused. */
export type Auth = Viewer | DomainError;

/** Who asks, once the limits let them: the viewer (or why their token was refused) and their address key. */
export type Identified = { wait: number } | { auth: Auth; address: string };

/**
 * The token's signature and expiry first (no database), then the limits, then its user: `wait`
 * (whole seconds) when a limit refuses. Anything but a DomainError is thrown (answered 500).
 */
export async function identify(services: Services, limiter: RequestLimiter, req: IncomingMessage): Promise<Identified> {
  const address = limiter.address(req);
  let claims: TokenClaims | null = null;
  let auth: Auth = ANONYMOUS;
  try {
    claims = await services.auth.verifyAuthorization(req.headers.authorization);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    auth = error;
  }
  const wait = await limiter.take(address, claims?.subject);
  if (wait) return { wait };
  if (claims) {
    try {
      auth = await services.auth.viewerFor(claims.subject);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      auth = error;
    }
  }
  return { auth, address };
}

/** The 429 answer's body and Retry-After header when a limit refuses. */
export const refusedBody = (wait: number) => ({ errors: [rateLimited(wait)] });

/** The middleware: a 429 when a limit refuses; otherwise res.locals.auth and .address are set. */
export function authenticate(services: Services, limiter: RequestLimiter): express.RequestHandler {
  return async (req, res, next) => {
    let who: Identified;
    try {
      who = await identify(services, limiter, req);
    } catch (error) {
      return next(error);
    }
    if ("wait" in who) {
      res.setHeader("retry-after", String(who.wait));
      res.status(429).json(refusedBody(who.wait));
      return;
    }
    res.locals.auth = who.auth;
    res.locals.address = who.address;
    next();
  };
}

/** The GraphQL context of a request authenticate let through; a refused token answers 401 with its code. */
export function httpContext(deps: ContextDeps) {
  return async ({ res }: { res: ResponseWithLocals }): Promise<Context> => {
    const auth = res.locals.auth as Auth;
    if (auth instanceof DomainError) {
      throw new GraphQLError(auth.message, { extensions: { code: auth.code, http: { status: 401 } } });
    }
    const context = createContext(deps, auth, res.locals.requestId as string, res.locals.address as string);
    noteRequestContext(context, res);
    return context;
  };
}
