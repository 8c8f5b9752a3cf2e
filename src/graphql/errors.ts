import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { DomainError, ErrorCode } from "../domain/errors.js";

const DOMAIN_CODES = new Set<string>(Object.values(ErrorCode));
import { Prisma } from "../generated/prisma/client.js";

/** Codes graphql-js and Apollo attach to client mistakes; they pass through unchanged. */
const CLIENT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * The one place that turns errors into what a client sees: domain errors keep their code, message
 * and field details; Prisma constraint errors become CONFLICT/NOT_FOUND; anything else is logged
 * with the request id and masked, so no stack, SQL or Prisma text reaches a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger, requestId?: string): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  const raised = original instanceof GraphQLError ? original : error instanceof GraphQLError && !original ? error : null;
  if (raised && typeof raised.extensions?.code === "string" && DOMAIN_CODES.has(raised.extensions.code)) {
    // Raised as a GraphQLError before execution (e.g. a bad token while building the context).
    return { ...base, message: raised.message, extensions: { code: raised.extensions.code } };
  }
  if (original instanceof Prisma.PrismaClientKnownRequestError) {
    if (original.code === "P2002") {
      return { ...base, message: "That record exists already (a unique value is taken).", extensions: { code: "CONFLICT" } };
    }
    if (original.code === "P2025") {
      return { ...base, message: "The record was not found; it may have been removed meanwhile.", extensions: { code: "NOT_FOUND" } };
    }
  }
  const code = formatted.extensions?.code;
  if (!original && typeof code === "string" && CLIENT_CODES.has(code)) {
    return { ...base, extensions: { code } };
  }
  if (original && typeof code === "string" && CLIENT_CODES.has(code) && code !== "INTERNAL_SERVER_ERROR") {
    // e.g. a scalar that rejected a literal or variable: its message is about the input.
    return { ...base, message: formatted.message, extensions: { code } };
  }
  if (!original && error instanceof GraphQLError && !code) {
    return { ...base, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
  }
  const reference = requestId ?? randomUUID();
  log.error({ err: original ?? error, reference, path: formatted.path }, "unexpected error");
  return {
    ...base,
    message: `Something went wrong on our side; it was logged under reference ${reference}.`,
    extensions: { code: "INTERNAL_SERVER_ERROR", reference },
  };
}
