/**
 * Domain error codes. Services throw DomainError; src/graphql/errors.ts maps each code to the
 * GraphQL `extensions.code` a client sees. Nothing else about an internal failure reaches a client.
 */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_TRANSITION: "INVALID_TRANSITION",
  /** A subscriber fell too far behind and its stream was ended: subscribe again, with `after` where offered. */
  RESUME_REQUIRED: "RESUME_REQUIRED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  /** Dotted path of the offending input field, e.g. `input.capabilities.2.monthlyCapacity`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** The same answer whether the record is missing or belongs to someone you may not see. */
export const notFound = (what: string, _id?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `No ${what} with that id exists, or you may not see it.`);

export const badInput = (message: string, fields: FieldProblem[] = []) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { fields });
