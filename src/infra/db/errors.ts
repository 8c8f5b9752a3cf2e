/**
 * What a database error means for the request that caused it, without the ORM's or the driver's
 * vocabulary leaving infra/: a unique value taken, a row gone meanwhile, or a value of the request
 * that PostgreSQL refused. api/errors.ts turns the answer into the client's error.
 */
import { Prisma } from "../../generated/prisma/client.js";

export type StorageError =
  | { kind: "conflict" }
  | { kind: "not-found" }
  | { kind: "input-data"; sqlState: string };

/**
 * PostgreSQL data exceptions (class 22) that only a value from the request can cause: the database
 * refused text or a date, number or length the client sent that no check before it caught. The rest
 * of class 22 (division by zero, an invalid argument to a function, ...) comes from Jalin's own SQL:
 * internal errors.
 */
const INPUT_DATA_EXCEPTIONS = new Set([
  "22001", // string_data_right_truncation: text longer than its column
  "22003", // numeric_value_out_of_range
  "22007", // invalid_datetime_format
  "22008", // datetime_field_overflow
  "22021", // character_not_in_repertoire: a NUL or invalid byte in text
  "22P02", // invalid_text_representation: e.g. a malformed uuid in a cursor
  "22P05", // untranslatable_character
]);

/** The SQLSTATE of a PostgreSQL error under `error` (Prisma's driver adapter keeps it in `cause.originalCode`). */
function sqlState(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown; originalCode?: unknown } | null | undefined, i = 0; e && typeof e === "object" && i < 5; e = e.cause as typeof e, i++) {
    if (typeof e.originalCode === "string") return e.originalCode;
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return null;
}

/** What `error` means if the database raised it for the request's sake; null for anything else. */
export function storageError(error: unknown): StorageError | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return { kind: "conflict" };
    if (error.code === "P2025") return { kind: "not-found" };
  }
  const state = sqlState(error);
  return state && INPUT_DATA_EXCEPTIONS.has(state) ? { kind: "input-data", sqlState: state } : null;
}
