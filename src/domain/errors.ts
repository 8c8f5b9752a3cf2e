/**
 * Every `extensions.code` a client can see, in one list (README, Errors). Services throw
 * DomainError with one of DomainErrorCode; src/api/errors.ts (formatError) is the one place that
 * turns errors into what a client sees. Nothing else about an internal failure reaches a client.
 */

/** The codes a service raises as a DomainError (its code, message and details reach the client as they are). */
export const DomainErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_TRANSITION: "INVALID_TRANSITION",
  /** A subscriber fell too far behind and its stream was ended: subscribe again, with `after` where offered. */
  RESUME_REQUIRED: "RESUME_REQUIRED",
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export const ErrorCode = {
  ...DomainErrorCode,
  /** The document does not parse (graphql-js, Apollo). */
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  /** The document does not fit the schema (graphql-js, Apollo). */
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  /** An operation refused for its size or shape, with `limit`, `max` and `found` (src/api/limits.ts). */
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  /** Refused by the rate limiter (HTTP 429 with Retry-After), or a busy allocation solver: retry after `retryAfter` seconds. */
  RATE_LIMITED: "RATE_LIMITED",
  /** More operations at once on one graphql-ws connection than TRANSPORT_LIMITS allows, with `max`. */
  TOO_MANY_OPERATIONS: "TOO_MANY_OPERATIONS",
  /** A request body over TRANSPORT_LIMITS.bodyBytes (HTTP 413). */
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  /** A body that is not JSON, or bytes that are not UTF-8 (HTTP 400). */
  BAD_REQUEST: "BAD_REQUEST",
  /** Apollo's automatic persisted queries: the hash is unknown, or they are off. Passed through as Apollo sends them. */
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  PERSISTED_QUERY_NOT_SUPPORTED: "PERSISTED_QUERY_NOT_SUPPORTED",
  /** Apollo: the operation to run cannot be chosen (several in the document and no operationName). */
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
  /** Anything unexpected: logged, and answered with a `reference` only. */
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  /** Dotted path of the offending input field, e.g. `input.capabilities.2.monthlyCapacity`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { fields?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * A request refused for now, not for what it asks: a busy resource (the allocation solver's queue).
 * The client sees RATE_LIMITED with `retryAfter` seconds, as from the rate limiter; nothing is wrong
 * with the request, it should be sent again after that.
 */
export class TryAgainLater extends Error {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(message);
    this.name = "TryAgainLater";
  }
}

/** The same answer whether the record is missing or belongs to someone you may not see. */
export const notFound = (what: string, _id?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `No ${what} with that id exists, or you may not see it.`);

export const badInput = (message: string, fields: FieldProblem[] = []) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { fields });
