import { readFileSync } from "node:fs";
import {
  type GraphQLArgument, type GraphQLSchema, buildSchema as buildSdl, isEnumType, isInputObjectType, isInterfaceType,
  isIntrospectionType, isObjectType, isSpecifiedDirective, isSpecifiedScalarType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { createSchema, printSortedSchema } from "../../src/api/schema.js";

/**
 * Every schema coordinate (type, field, argument, input field, enum value, directive argument) that has
 * no non-empty description. graphql's own introspection types, built-in scalars and built-in directives
 * are skipped: their descriptions are graphql-js's.
 */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (text: string | null | undefined) => !text || text.trim() === "";
  const checkArgs = (owner: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) if (blank(arg.description)) missing.push(`${owner}(${arg.name}:)`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        checkArgs(`${type.name}.${field.name}`, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    if (blank(directive.description)) missing.push(`@${directive.name}`);
    checkArgs(`@${directive.name}`, directive.args);
  }
  return missing.sort();
}

describe("schema.graphql", () => {
  it("matches the schema the code builds (run `npm run schema` after changing the API)", async () => {
    const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
    expect(printSortedSchema(await createSchema())).toBe(committed);
  });

  it("describes every type, field, argument, input field and enum value", async () => {
    expect(undescribed(await createSchema())).toEqual([]);
  });

  it("the description check sees each kind of coordinate it guards", () => {
    const schema = buildSdl(`
      "d" directive @tag("" name: String) on FIELD_DEFINITION
      type Query { "d" a(x: Int, "d" y: Int): Int  b: E @deprecated }
      "d" enum E { "d" ONE TWO }
      input In { "d" p: Int  q: Int }
      "d" interface Named { name: String }
      "d" scalar Money
      type Undescribed { "d" f(i: In): Money }
    `);
    expect(undescribed(schema)).toEqual([
      "@tag(name:)", "E.TWO", "In", "In.q", "Named.name", "Query", "Query.a(x:)", "Query.b", "Undescribed",
      "Undescribed.f(i:)",
    ]);
  });
});
