/** The one shape of a refused limit (QUERY_TOO_COMPLEX with the limit's name): input-guard and limits both raise it. */
import { GraphQLError } from "graphql";
import { ErrorCode } from "../domain/errors.js";

export type LimitName = "tokens" | "documentBytes" | "nesting" | "depth" | "aliases" | "directives" | "cost";

export function limitError(limit: LimitName, max: number, message: string, found?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, max, ...(found === undefined ? {} : { found }), http: { status: 400 } } });
}
