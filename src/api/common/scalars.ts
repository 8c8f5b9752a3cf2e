import { GraphQLError, GraphQLScalarType } from "graphql";
import { DateResolver, DateTimeResolver } from "graphql-scalars";
import { DATE_RANGE } from "../../domain/limits.js";

const RANGE = `years ${DATE_RANGE.minYear} to ${DATE_RANGE.maxYear}`;

/**
 * `scalar` taking input only within DATE_RANGE. graphql-js names the argument or input field in
 * the error ("Variable "$input" got invalid value "0000-01-01" at "input.startDate"; ..."), so the
 * message says only what is wrong. Output is not checked.
 */
function withinYears<Out>(scalar: GraphQLScalarType<Date, Out>, description: string): GraphQLScalarType<Date, Out> {
  const inRange = (value: Date): Date => {
    const year = value.getUTCFullYear();
    if (!(year >= DATE_RANGE.minYear && year <= DATE_RANGE.maxYear)) {
      throw new GraphQLError(`${scalar.name} must be within ${RANGE}; got year ${String(year).padStart(4, "0")}.`);
    }
    return value;
  };
  return new GraphQLScalarType<Date, Out>({
    ...scalar.toConfig(),
    description,
    parseValue: (value) => inRange(scalar.parseValue(value)),
    parseLiteral: (ast, variables) => inRange(scalar.parseLiteral(ast, variables)),
  });
}

/** A calendar date, `2027-01-15` (RFC 3339 full-date). */
export const DateScalar = withinYears(DateResolver, `A calendar date, such as 2027-01-15 (RFC 3339 full-date); as input, ${RANGE}.`);
/** An instant, `2027-01-15T08:00:00.000Z`. */
export const DateTimeScalar = withinYears(DateTimeResolver, `An instant at UTC, such as 2027-01-15T08:00:00.000Z (RFC 3339 date-time); as input, ${RANGE}.`);

/** Prisma Decimal or BigInt to a JSON number (rupiah amounts stay below 2^53). */
export const toNumber = (value: { toString(): string } | bigint | number | null | undefined): number | null =>
  value == null ? null : Number(value.toString());
