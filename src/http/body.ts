/**
 * The request body of POST /graphql: JSON in UTF-8 within TRANSPORT_LIMITS.bodyBytes, then the text
 * checks of api/input-guard.ts; and the answers to what fails before Apollo (the body parser's
 * refusals, and anything unexpected, masked).
 */
import { isUtf8 } from "node:buffer";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import express from "express";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { NOT_UTF8, guardHttpRequest, requireUtf8Body } from "../api/input-guard.js";
import { ErrorCode } from "../domain/errors.js";
import { TRANSPORT_LIMITS } from "../domain/limits.js";

/** Parses the body and checks its text, in that order. */
export const readBody = [
  express.json({ limit: TRANSPORT_LIMITS.bodyBytes, verify: requireUtf8Body }),
  guardHttpRequest,
] as const;

/**
 * Whether a request has a body of plain JSON that readJsonBody reads as express.json would: Content-Type
 * application/json, in UTF-8 or with no charset, and no Content-Encoding. Other bodies (compressed,
 * another charset, another type) take express's path, with its answers to them.
 */
export function plainJsonBody(req: IncomingMessage): boolean {
  const type = req.headers["content-type"];
  const hasBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
  return hasBody && type !== undefined && PLAIN_JSON.test(type) && req.headers["content-encoding"] === undefined;
}
const PLAIN_JSON = /^application\/json[ \t]*(?:;[ \t]*charset=(?:utf-8|"utf-8")[ \t]*)?$/i;

/** A refusal of the body, as body-parser names them: `status` and `type` pick the answer (transportError). */
export class BodyError extends Error {
  constructor(message: string, readonly status: number, readonly type: string) {
    super(message);
  }
}

/** JSON texts body-parser's strict mode takes: an object or an array. */
const STRICT_JSON_START = /^[\x20\x09\x0a\x0d]*[{[]/;

/**
 * A plain JSON body (plainJsonBody), as express.json reads it: at most `limit` bytes (413 otherwise,
 * the rest read off before answering), UTF-8 (a byte-order mark dropped), an object or an array;
 * an empty body is `{}`. Rejects with a BodyError once the whole request has been read.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    let refusal: BodyError | null = declared > limit ? new BodyError("request entity too large", 413, "entity.too.large") : null;
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      if (refusal) return;
      length += chunk.length;
      if (length > limit) refusal = new BodyError("request entity too large", 413, "entity.too.large");
      else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      if (refusal) return reject(refusal);
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
      if (!isUtf8(body)) return reject(new BodyError("The request body is not valid UTF-8.", 400, NOT_UTF8));
      if (body.length === 0) return resolve({});
      let text = body.toString("utf8");
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (!STRICT_JSON_START.test(text)) return reject(new BodyError("not an object or an array", 400, "entity.parse.failed"));
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new BodyError("not valid JSON", 400, "entity.parse.failed"));
      }
    };
    const onAborted = () => {
      cleanup();
      reject(new BodyError("request aborted", 400, "request.aborted"));
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAborted);
      req.off("aborted", onAborted);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAborted);
    req.on("aborted", onAborted);
  });
}

/** The error a transport failure answers with, by its HTTP status (500: logged under a reference). */
function transportError(err: Error & { type?: string }, status: number, reference: string, log: Logger): GraphQLFormattedError {
  if (status === 500) {
    log.error({ err, reference }, "request failed");
    return { message: `Something went wrong on our side; it was logged under reference ${reference}.`, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reference } };
  }
  if (status === 413) {
    return { message: `The request body is larger than ${TRANSPORT_LIMITS.bodyBytes / 1024} KB.`, extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } };
  }
  if (err.type === NOT_UTF8) return { message: "The request body is not valid UTF-8.", extensions: { code: ErrorCode.BAD_REQUEST } };
  if (status === 415) return { message: "The request body must be JSON in UTF-8.", extensions: { code: ErrorCode.BAD_REQUEST } };
  return { message: "The request body is not valid JSON.", extensions: { code: ErrorCode.BAD_REQUEST } };
}

/** The status and body a transport failure answers with: a 4xx keeps its status, anything else is a 500. */
export function transportAnswer(err: Error & { status?: number; type?: string }, requestId: string | undefined, log: Logger) {
  const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
  return { status, body: { errors: [transportError(err, status, requestId ?? randomUUID(), log)] } };
}

/** Express's error handler, last in the chain (transportAnswer). */
export function transportErrors(log: Logger): express.ErrorRequestHandler {
  return (err: Error & { status?: number; type?: string }, _req, res, _next) => {
    const { status, body } = transportAnswer(err, res.locals.requestId as string | undefined, log);
    res.status(status).json(body);
  };
}
