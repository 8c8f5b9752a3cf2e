import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { DomainError, DomainErrorCode, ErrorCode, TryAgainLater } from "../domain/errors.js";
import { storageError } from "../infra/db/errors.js";
import { tokensExceeded } from "./limits.js";

const DOMAIN_CODES = new Set<string>(Object.values(DomainErrorCode));

/**
 * The request each error arose in, for errors formatted where the request's context is out of reach
 * (Apollo's formatError gets the error only): noted by noteErrorsOfRequest, from an Apollo plugin
 * that sees the context. A WeakMap rather than an AsyncLocalStorage, whose promise hooks cost about
 * 5% of the API's CPU on Node 20 (issue 17).
 */
const requestOfError = new WeakMap<object, string>();

/** Notes the request `errors` arose in; formatError names it as their reference. */
export function noteErrorsOfRequest(errors: readonly unknown[], requestId: string): void {
  for (const error of errors) if (typeof error === "object" && error !== null) requestOfError.set(error, requestId);
}

export interface FormatOptions {
  log: Logger;
  /** The request id, where the caller knows it (graphql-ws operations); else the one noted for the error. */
  requestId?: string;
  /** Production: no "Did you mean …?" naming fields and types a client did not ask about. */
  hideSchemaDetails: boolean;
}

/**
 * graphql-js suggests names of the schema in validation and variable-coercion messages
 * ("Did you mean the enum value "OPEN"?", "Did you mean "search"?"), always as the last sentence.
 */
const SUGGESTION = /\s*Did you mean [^]*\?$/;

/** Codes graphql-js and Apollo attach to client mistakes; they pass through unchanged. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED, ErrorCode.GRAPHQL_VALIDATION_FAILED, ErrorCode.BAD_USER_INPUT, ErrorCode.BAD_REQUEST,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND, ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED, ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.TOO_MANY_OPERATIONS,
]);

/**
 * The one place that turns errors into what a client sees: domain errors keep their code, message
 * and field details; database constraint errors (infra/db/errors.ts) become CONFLICT/NOT_FOUND; anything else is logged
 * with the request id and masked, so no stack, SQL or Prisma text reaches a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, options: FormatOptions): GraphQLFormattedError {
  const answer = formatAny(formatted, error, options);
  // Production: whichever branch answered, no suggestion names the schema.
  return options.hideSchemaDetails ? { ...answer, message: answer.message.replace(SUGGESTION, "") } : answer;
}

/** The id an answer names for its log lines: the request's, else a new one. */
const referenceOf = (options: FormatOptions, error: unknown): string =>
  options.requestId ?? (typeof error === "object" && error !== null ? requestOfError.get(error) : undefined) ?? randomUUID();

function formatAny(formatted: GraphQLFormattedError, error: unknown, options: FormatOptions): GraphQLFormattedError {
  const { log } = options;
  const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  // Limits (Apollo recodes validation errors as GRAPHQL_VALIDATION_FAILED, keeping the rest).
  const limit = formatted.extensions?.limit;
  if (typeof limit === "string") {
    const { max, found } = formatted.extensions as { max?: number; found?: number };
    return { ...base, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, max, ...(found === undefined ? {} : { found }) } };
  }
  const tokens = formatted.extensions?.code === ErrorCode.GRAPHQL_PARSE_FAILED ? tokensExceeded(formatted.message) : null;
  if (tokens) return { message: tokens.message, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: "tokens", max: tokens.extensions.max } };
  if (formatted.extensions?.code === ErrorCode.RATE_LIMITED) {
    return { ...base, extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: formatted.extensions.retryAfter } };
  }

  if (original instanceof TryAgainLater) {
    return { ...base, message: original.message, extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: original.retryAfter } };
  }
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  const raised = original instanceof GraphQLError ? original : error instanceof GraphQLError && !original ? error : null;
  if (raised && typeof raised.extensions?.code === "string" && DOMAIN_CODES.has(raised.extensions.code)) {
    // Raised as a GraphQLError before execution (e.g. a bad token while building the context).
    const { fields } = raised.extensions as { fields?: unknown };
    return { ...base, message: raised.message, extensions: { code: raised.extensions.code, ...(fields ? { fields } : {}) } };
  }
  const storage = original ? storageError(original) : null;
  if (storage?.kind === "conflict") {
    return { ...base, message: "That record exists already (a unique value is taken).", extensions: { code: ErrorCode.CONFLICT } };
  }
  if (storage?.kind === "not-found") {
    return { ...base, message: "The record was not found; it may have been removed meanwhile.", extensions: { code: ErrorCode.NOT_FOUND } };
  }
  if (storage?.kind === "input-data") {
    // The client gets BAD_USER_INPUT; the log gets a warning, as the check belongs earlier.
    const reference = referenceOf(options, error);
    log.warn({ err: original, sqlState: storage.sqlState, reference, path: formatted.path }, "the database refused a value of the request");
    return {
      ...base,
      message: "A value in the request cannot be stored or compared (text with a NUL character, or a number or date out of range); correct it and try again.",
      extensions: { code: ErrorCode.BAD_USER_INPUT, reference },
    };
  }
  const code = formatted.extensions?.code;
  if (!original && typeof code === "string" && CLIENT_CODES.has(code)) {
    return { ...base, extensions: { code } };
  }
  if (original && typeof code === "string" && CLIENT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    // e.g. a scalar that rejected a literal or variable: its message is about the input.
    return { ...base, message: formatted.message, extensions: { code } };
  }
  if (!original && error instanceof GraphQLError && !code) {
    return { ...base, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } };
  }
  const reference = referenceOf(options, error);
  log.error({ err: original ?? error, reference, path: formatted.path }, "unexpected error");
  return {
    ...base,
    message: `Something went wrong on our side; it was logged under reference ${reference}.`,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reference },
  };
}
