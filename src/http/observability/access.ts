/**
 * Who may read /metrics. Its series name the schema's fields, the index's size and the process'
 * memory: nothing for the internet. With a token, only requests bearing it; otherwise, in
 * production, only requests from this machine; otherwise (development) anyone.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { ErrorCode } from "../../domain/errors.js";

export interface MetricsAccess {
  /** METRICS_TOKEN: when set, GET /metrics requires `Authorization: Bearer <token>`. */
  token?: string;
  /** Without a token, answer only loopback requests (NODE_ENV=production). */
  loopbackOnly?: boolean;
}

export interface Refusal {
  status: 401 | 403;
  code: typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN;
  message: string;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.toLowerCase().replace(/^::ffff:/, "");
  return plain === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** The bearer token compared in constant time (both sides hashed, so lengths do not show either). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * Why this request may not read /metrics, or null when it may. A request forwarded by a proxy
 * (Forwarded or X-Forwarded-For) is not local even when the proxy runs on this machine.
 */
export function metricsRefusal(access: MetricsAccess, req: Pick<Request, "header" | "socket">): Refusal | null {
  if (access.token) {
    if (bearerMatches(req.header("authorization"), access.token)) return null;
    return {
      status: 401,
      code: ErrorCode.UNAUTHENTICATED,
      message: "GET /metrics needs the header 'Authorization: Bearer <METRICS_TOKEN>' with the server's METRICS_TOKEN.",
    };
  }
  if (!access.loopbackOnly) return null;
  const forwarded = req.header("forwarded") !== undefined || req.header("x-forwarded-for") !== undefined;
  if (!forwarded && isLoopback(req.socket.remoteAddress)) return null;
  return {
    status: 403,
    code: ErrorCode.FORBIDDEN,
    message:
      "With NODE_ENV=production and no METRICS_TOKEN, /metrics answers only requests from this machine (not through a proxy); " +
      "set METRICS_TOKEN (at least 32 characters) and scrape with 'Authorization: Bearer <METRICS_TOKEN>'.",
  };
}
