/**
 * The request body of POST /graphql: JSON in UTF-8 within TRANSPORT_LIMITS.bodyBytes, then the text
 * checks of api/input-guard.ts; and the answers to what fails before Apollo (the body parser's
 * refusals, and anything unexpected, masked).
 */
import { randomUUID } from "node:crypto";
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

/** Express's error handler, last in the chain: a 4xx keeps its status, anything else is a 500. */
export function transportErrors(log: Logger): express.ErrorRequestHandler {
  return (err: Error & { status?: number; type?: string }, _req, res, _next) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const reference = (res.locals.requestId as string | undefined) ?? randomUUID();
    res.status(status).json({ errors: [transportError(err, status, reference, log)] });
  };
}
