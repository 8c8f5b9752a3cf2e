import { readFileSync } from "node:fs";
import {
  type GraphQLArgument, type GraphQLSchema, buildSchema as buildSdl, isEnumType, isInputObjectType, isInterfaceType,
  isIntrospectionType, isObjectType, isSpecifiedDirective, isSpecifiedScalarType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { createSchema, printSortedSchema, useDefaultResolvers } from "../../src/api/schema.js";

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

describe("plain fields resolve with graphql-js's default resolver (issue 17)", () => {
  it("only where type-graphql's resolver passes its root's property through", async () => {
    const schema = await createSchema();
    const resolverOf = (type: string, field: string) => {
      const t = schema.getType(type);
      if (!isObjectType(t)) throw new Error(`${type} is no object type`);
      return t.getFields()[field]!.resolve;
    };
    for (const [type, field] of [["Firm", "name"], ["Ikm", "legalName"], ["Capability", "process"], ["ComponentNeed", "title"]] as const) {
      expect(resolverOf(type, field), `${type}.${field}`).toBeUndefined();
    }
    // Field resolvers (loaders, access checks, computed values) and the root types keep theirs.
    for (const [type, field] of [["Firm", "needs"], ["Ikm", "capabilities"], ["User", "email"], ["Ikm", "sizeClass"], ["Query", "firms"], ["ComponentNeed", "firm"]] as const) {
      expect(resolverOf(type, field), `${type}.${field}`).toBeTypeOf("function");
    }
  });

  it("tells a pass-through from a resolver that reads more, transforms, waits or reads another property", () => {
    const schema = buildSdl(`type Query { t: T }  type T { plain: Int  viaContext: Int  doubled: Int  waits: Int  other: Int  argued: Int  default: Int }`);
    const t = schema.getType("T");
    if (!isObjectType(t)) throw new Error("T");
    const f = t.getFields();
    f.plain!.resolve = (root) => (root as Record<string, unknown>).plain;
    f.viaContext!.resolve = (root, _a, context) => ((context as { ok?: boolean }).ok ? (root as Record<string, unknown>).viaContext : null);
    f.doubled!.resolve = (root) => ((root as Record<string, number>).doubled ?? 0) * 2;
    f.waits!.resolve = async (root) => (root as Record<string, unknown>).waits;
    f.other!.resolve = (root) => (root as Record<string, unknown>).plain;
    f.argued!.resolve = (root, args) => (args.x ? (root as Record<string, unknown>).argued : null);
    expect(useDefaultResolvers(schema)).toBe(1);
    expect(f.plain!.resolve).toBeUndefined();
    for (const name of ["viaContext", "doubled", "waits", "other", "argued"]) expect(f[name]!.resolve, name).toBeTypeOf("function");
    expect(f.default!.resolve).toBeUndefined();
  });
});
