/**
 * Typed GraphQL for the console (gql.tada): every operation is checked against schema.graphql at
 * `npm run typecheck`, which writes graphql-env.d.ts from it first (never committed), so a schema
 * change that breaks an operation fails the typecheck.
 */
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.d.ts";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { Date: string; DateTime: string; ID: string };
}>();

export type { ResultOf, VariablesOf } from "gql.tada";
