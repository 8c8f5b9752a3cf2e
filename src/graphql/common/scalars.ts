import { DateResolver, DateTimeResolver } from "graphql-scalars";

/** A calendar date, `2027-01-15` (RFC 3339 full-date). */
export const DateScalar = DateResolver;
/** An instant, `2027-01-15T08:00:00.000Z`. */
export const DateTimeScalar = DateTimeResolver;

/** Prisma Decimal or BigInt to a JSON number (rupiah amounts stay below 2^53). */
export const toNumber = (value: { toString(): string } | bigint | number | null | undefined): number | null =>
  value == null ? null : Number(value.toString());
