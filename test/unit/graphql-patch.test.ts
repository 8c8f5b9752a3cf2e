import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { GraphQLEnumType, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema, GraphQLString, execute, parse, specifiedRules, validate } from "graphql";
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

/**
 * The patch also completes a scalar or enum field that graphql-js's default resolver would answer
 * from a plain value of its root without building that field's resolve info. These cases must answer
 * exactly as graphql-js does: every value that is not plain goes graphql-js's general way.
 */
describe("scalar and enum fields read straight from their root (scripts/patches)", () => {
  const Size = new GraphQLEnumType({ name: "Size", values: { SMALL: { value: "s" }, LARGE: { value: "l" } } });
  const Even = new GraphQLScalarType({
    name: "Even",
    serialize: (value) => {
      if (typeof value !== "number" || value % 2 !== 0) throw new TypeError(`Even cannot represent ${String(value)}.`);
      return value;
    },
  });
  const Part = new GraphQLObjectType<Record<string, unknown>>({
    name: "Part",
    fields: {
      name: { type: GraphQLString },
      required: { type: new GraphQLNonNull(GraphQLString) },
      size: { type: Size },
      even: { type: Even },
      count: { type: GraphQLInt },
    },
  });
  const parts = (rows: Record<string, unknown>[]) => new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { parts: { type: new GraphQLList(Part), resolve: () => rows } } }),
  });
  const run = async (rows: Record<string, unknown>[], text: string) => JSON.parse(JSON.stringify(await execute({ schema: parts(rows), document: parse(text) })));

  it("is applied: graphql-js as installed carries the patch", () => {
    const installed = readFileSync(createRequire(import.meta.url).resolve("graphql/execution/execute.js"), "utf8");
    expect(installed).toContain("Jalin (scripts/patches): a scalar or enum field");
  });

  it("plain values: strings, numbers, enums and custom scalars serialized as graphql-js serializes them", async () => {
    expect(await run([{ name: "bushing", required: "yes", size: "s", even: 4, count: 7 }, { name: 12, required: true, size: "l", even: 0, count: 2.0 }], `{ parts { name required size even count } }`))
      .toEqual({ data: { parts: [{ name: "bushing", required: "yes", size: "SMALL", even: 4, count: 7 }, { name: "12", required: "true", size: "LARGE", even: 0, count: 2 }] } });
  });

  it("a function on the root is called with the arguments, context and info, as graphql-js's default resolver calls it", async () => {
    const seen: unknown[] = [];
    const row = { name(args: unknown, context: unknown, info: { fieldName: string }) { seen.push([args, context, info.fieldName]); return "called"; }, required: () => "also" };
    const result = await execute({ schema: parts([row]), document: parse(`{ parts { name required } }`), contextValue: "ctx" });
    expect(JSON.parse(JSON.stringify(result))).toEqual({ data: { parts: [{ name: "called", required: "also" }] } });
    expect(seen).toEqual([[{}, "ctx", "name"]]);
  });

  it("promises are awaited, and errors, nulls in non-null fields and values a type refuses are reported at their path", async () => {
    const rows = [
      { name: Promise.resolve("later"), required: "r", size: "s", even: 2, count: 1 },
      { name: new Error("no name here"), required: "r", size: "medium", even: 3, count: 1.5 },
      { name: "x", required: null },
    ];
    const answer = await run(rows, `{ parts { name required size even count } }`);
    expect(answer.data).toEqual({ parts: [{ name: "later", required: "r", size: "SMALL", even: 2, count: 1 }, { name: null, required: "r", size: null, even: null, count: null }, null] });
    expect(answer.errors.map((e: { message: string; path: unknown[] }) => [e.path, e.message])).toEqual([
      [["parts", 1, "name"], "no name here"],
      [["parts", 1, "size"], `Enum "Size" cannot represent value: "medium"`],
      [["parts", 1, "even"], "Even cannot represent 3."],
      [["parts", 1, "count"], "Int cannot represent non-integer value: 1.5"],
      [["parts", 2, "required"], "Cannot return null for non-nullable field Part.required."],
    ]);
  });

  it("a getter that throws is reported at its path like any resolver's error", async () => {
    const row = { get name(): string { throw new Error("unreadable"); }, required: "r" };
    const answer = await run([row], `{ parts { name required } }`);
    expect(answer).toEqual({ data: { parts: [{ name: null, required: "r" }] }, errors: [{ message: "unreadable", locations: [{ line: 1, column: 11 }], path: ["parts", 0, "name"] }] });
  });

  it("a resolver of the schema or a field resolver given to execute is still called", async () => {
    const Loud = new GraphQLObjectType<Record<string, unknown>>({
      name: "Loud",
      fields: { shout: { type: GraphQLString, resolve: (row) => String(row.shout).toUpperCase() }, plain: { type: GraphQLString } },
    });
    const loud = new GraphQLSchema({ query: new GraphQLObjectType({ name: "Query", fields: { loud: { type: Loud, resolve: () => ({ shout: "hey", plain: "p" }) } } }) });
    expect((await execute({ schema: loud, document: parse(`{ loud { shout plain } }`) })).data).toEqual({ loud: { shout: "HEY", plain: "p" } });
    const fieldResolver = (source: Record<string, unknown>, _args: unknown, _context: unknown, info: { fieldName: string }) => `${String(source[info.fieldName])}!`;
    const result = await execute({ schema: parts([{ name: "n", required: "r" }]), document: parse(`{ parts { name required } }`), fieldResolver });
    expect(result.data).toEqual({ parts: [{ name: "n!", required: "r!" }] });
  });
});
