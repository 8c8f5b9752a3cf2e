import { GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, execute, parse, specifiedRules, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { LIMIT_RULES } from "../../src/api/limits.js";

/**
 * graphql-js 16 builds every answer object with Object.create(null). V8 keeps such objects in
 * dictionary mode: slower to fill, and slower for JSON.stringify to write. scripts/patches makes
 * graphql-js build plain objects and skip the argument map of fields without arguments (issue 17:
 * the console's Matches page takes about a quarter less CPU). These tests fail when the patch is not
 * applied (an upgrade of graphql-js, an install without the postinstall step), and show the one key a
 * plain object cannot hold is refused before execution.
 */
const seen: { args: unknown[] } = { args: [] };
interface ItemRow { name: string; size: number }
const Item = new GraphQLObjectType<ItemRow>({
  name: "Item",
  fields: {
    name: { type: GraphQLString },
    size: { type: GraphQLInt, resolve: async (item) => item.size },
    label: { type: GraphQLString, args: { prefix: { type: GraphQLString } }, resolve: (item, args: { prefix?: string }) => `${args.prefix ?? ""}${item.name}` },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      items: {
        type: new GraphQLList(Item),
        resolve: (_root, args) => {
          seen.args.push(args);
          return [{ name: "bushing", size: 3 }, { name: "bracket", size: 5 }];
        },
      },
    },
  }),
});

describe("graphql-js answers in plain objects (scripts/patches)", () => {
  it("every object of an answer, synchronous or awaited, has Object.prototype; the values are graphql-js's", async () => {
    const result = await execute({ schema, document: parse(`{ items { name size label(prefix: "a ") } }`) });
    expect(result.errors).toBeUndefined();
    const data = result.data as { items: Record<string, unknown>[] };
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    for (const item of data.items) expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(result))).toEqual({ data: { items: [{ name: "bushing", size: 3, label: "a bushing" }, { name: "bracket", size: 5, label: "a bracket" }] } });
  });

  it("a field without arguments still gets what graphql-js gives it: a fresh, plain, empty object", async () => {
    seen.args = [];
    await execute({ schema, document: parse(`{ items { name } again: items { name } }`) });
    expect(seen.args).toHaveLength(2);
    for (const args of seen.args) {
      expect(args).toEqual({});
      expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    }
    expect(seen.args[0]).not.toBe(seen.args[1]);
  });

  it("a mutation's root answer, built field after field, is a plain object too", async () => {
    const withMutation = new GraphQLSchema({
      query: schema.getQueryType(),
      mutation: new GraphQLObjectType({ name: "Mutation", fields: { touch: { type: GraphQLInt, resolve: () => 1 } } }),
    });
    const result = await execute({ schema: withMutation, document: parse(`mutation { touch again: touch }`) });
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    expect(result.data).toEqual({ touch: 1, again: 1 });
  });

  it("the alias __proto__ is refused by Jalin's validation rules, on its own and nested; other aliases pass", () => {
    const rules = [...specifiedRules, ...LIMIT_RULES];
    for (const text of [`{ __proto__: items { name } }`, `{ items { __proto__: name } }`]) {
      const errors = validate(schema, parse(text), rules);
      expect(errors.map((e) => [e.message, e.extensions.code])).toEqual([[`"__proto__" cannot name a field in the answer; give the field another alias.`, "GRAPHQL_VALIDATION_FAILED"]]);
    }
    expect(validate(schema, parse(`{ proto: items { constructor: name toString: name } }`), rules)).toEqual([]);
  });
});
