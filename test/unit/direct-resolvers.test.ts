import "reflect-metadata";
import { execute, parse } from "graphql";
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Info, InputType, Int, ObjectType, Query, Resolver, Root, UseMiddleware, buildSchema, registerEnumType } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { describe, expect, it } from "vitest";
import { isDirect, useDirectResolvers } from "../../src/api/direct-resolvers.js";
import { createSchema } from "../../src/api/schema.js";

/**
 * src/api/direct-resolvers.ts calls plain field resolvers without type-graphql's wrapper. These
 * tests hold what must not change: the same values reach the same method, and a field with a role or
 * a middleware keeps its wrapper, so its check still runs.
 */
@ObjectType({ description: "A part." })
class Part {
  @Field(() => ID, { description: "Id." })
  id!: string;

  @Field(() => Int, { description: "Size." })
  size!: number;
}

interface Ctx { who: string; seen: string[] }

enum Finish { RAW = "RAW", PLATED = "PLATED" }
registerEnumType(Finish, { name: "Finish", description: "A finish." });

@InputType({ description: "A range of sizes." })
class SizeRange {
  @Field(() => Int, { description: "Smallest." })
  from!: number;

  @Field(() => Int, { description: "Largest." })
  to!: number;

  holds(size: number): boolean {
    return size >= this.from && size <= this.to;
  }
}

@Resolver(() => Part)
class PartResolver {
  @Query(() => [Part], { description: "Parts." })
  parts(): Part[] {
    return [{ id: "a", size: 2 }, { id: "b", size: 3 }];
  }

  @FieldResolver(() => Int, { description: "Twice the size." })
  double(@Root() part: Part): number {
    return part.size * 2;
  }

  @FieldResolver(() => String, { description: "Who asks, for which part and field." })
  asked(@Info() info: GraphQLResolveInfo, @Root() part: Part, @Ctx() ctx: Ctx): string {
    return `${ctx.who}:${part.id}:${info.fieldName}:${this instanceof PartResolver}`;
  }

  @FieldResolver(() => String, { description: "Arguments of scalar and enum types, as parsed." })
  labelled(
    @Root() part: Part,
    @Arg("prefix", () => String, { nullable: true, description: "Before the id." }) prefix: string | undefined,
    @Arg("finishes", () => [Finish], { nullable: true, description: "Finishes." }) finishes: Finish[] | undefined,
    @Arg("on", () => Date, { nullable: true, description: "A day." }) on: Date | undefined,
  ): string {
    return JSON.stringify([prefix === undefined ? "absent" : prefix, part.id, finishes ?? "absent", on instanceof Date ? on.toISOString() : "absent"]);
  }

  @FieldResolver(() => Boolean, { description: "An argument of an input class, which type-graphql builds." })
  within(@Root() part: Part, @Arg("range", () => SizeRange, { description: "The range." }) range: SizeRange): boolean {
    return range.holds(part.size);
  }

  @Authorized("ADMIN")
  @FieldResolver(() => String, { description: "Only for administrators." })
  secret(@Root() part: Part): string {
    return `secret-${part.id}`;
  }

  @UseMiddleware(({ context }: { context: Ctx }, next) => {
    context.seen.push("middleware");
    return next();
  })
  @FieldResolver(() => String, { description: "Behind a middleware." })
  watched(@Root() part: Part): string {
    return `watched-${part.id}`;
  }
}

async function partsSchema(validate = false, direct = true) {
  const options = {
    resolvers: [PartResolver] as [typeof PartResolver],
    authChecker: ({ context }: { context: Ctx }, roles: string[]) => roles.includes(context.who),
    validate,
  };
  const schema = await buildSchema(options);
  const before = new Map(Object.entries(schema.getType("Part") && (schema.getType("Part") as any).getFields()).map(([name, f]: [string, any]) => [name, f.resolve]));
  const replaced = direct ? useDirectResolvers(schema, options) : 0;
  const fields = (schema.getType("Part") as any).getFields();
  const kept = (name: string) => fields[name].resolve === before.get(name);
  return { schema, replaced, kept };
}

describe("field resolvers called without type-graphql's wrapper", () => {
  it("replaces only the plain ones, keeping the wrapper of a field with a role or a middleware", async () => {
    const { schema, replaced, kept } = await partsSchema();
    expect(replaced).toBe(3);
    const fields = (schema.getType("Part") as any).getFields();
    expect([isDirect(fields.double.resolve), isDirect(fields.secret.resolve), isDirect(fields.watched.resolve)]).toEqual([true, false, false]);
    expect(kept("double")).toBe(false);
    expect(kept("asked")).toBe(false);
    expect(kept("labelled")).toBe(false);
    expect(kept("within")).toBe(true);
    expect(kept("secret")).toBe(true);
    expect(kept("watched")).toBe(true);
  });

  it("keeps the wrapper of a field with arguments when type-graphql validates them", async () => {
    const { replaced, kept } = await partsSchema(true);
    expect(replaced).toBe(2);
    expect(kept("labelled")).toBe(true);
  });

  it("gives arguments as type-graphql gives them: absent, given, lists of enum values, scalars, and input classes built", async () => {
    const text = `{ parts { none: labelled all: labelled(prefix: "p-", finishes: [RAW, PLATED], on: "2026-12-07T00:00:00.000Z") within(range: { from: 3, to: 9 }) } }`;
    const answers = [];
    for (const direct of [true, false]) {
      const { schema } = await partsSchema(false, direct);
      answers.push(await execute({ schema, document: parse(text), contextValue: { who: "USER", seen: [] } }));
    }
    expect(answers[0].errors).toBeUndefined();
    expect(answers[0]).toEqual(answers[1]); // direct, and through type-graphql's wrapper
    expect(answers[0].data).toEqual({ parts: [
      { none: JSON.stringify(["absent", "a", "absent", "absent"]), all: JSON.stringify(["p-", "a", ["RAW", "PLATED"], "2026-12-07T00:00:00.000Z"]), within: false },
      { none: JSON.stringify(["absent", "b", "absent", "absent"]), all: JSON.stringify(["p-", "b", ["RAW", "PLATED"], "2026-12-07T00:00:00.000Z"]), within: true },
    ] });
  });

  it("gives the methods the same values in the order they ask for them, and still runs roles and middlewares", async () => {
    const { schema } = await partsSchema();
    const run = async (who: string, text: string) => {
      const contextValue: Ctx = { who, seen: [] };
      return { result: await execute({ schema, document: parse(text), contextValue }), seen: contextValue.seen };
    };
    const plain = await run("USER", `{ parts { double asked watched } }`);
    expect(plain.result.errors).toBeUndefined();
    expect(plain.result.data).toEqual({ parts: [
      { double: 4, asked: "USER:a:asked:true", watched: "watched-a" },
      { double: 6, asked: "USER:b:asked:true", watched: "watched-b" },
    ] });
    expect(plain.seen).toEqual(["middleware", "middleware"]);
    const denied = await run("USER", `{ parts { secret } }`);
    expect(denied.result.errors?.[0]?.message).toMatch(/Access denied/);
    const allowed = await run("ADMIN", `{ parts { secret } }`);
    expect(allowed.result.data).toEqual({ parts: [{ secret: "secret-a" }, { secret: "secret-b" }] });
  });

  it("keeps every wrapper when buildSchema was given a global middleware", async () => {
    const options = { resolvers: [PartResolver] as [typeof PartResolver], authChecker: () => true, validate: false, globalMiddlewares: [(_: unknown, next: () => Promise<unknown>) => next()] };
    const schema = await buildSchema(options);
    expect(useDirectResolvers(schema, options)).toBe(0);
    expect(isDirect((schema.getType("Part") as any).getFields().double.resolve)).toBe(false);
  });

  it("takes the Jalin schema's plain field resolvers: those of a page of matches among them", async () => {
    const schema = await createSchema();
    const direct = (type: string, field: string) => isDirect((schema.getType(type) as any).getFields()[field].resolve);
    for (const [type, field] of [["SupplierMatch", "score"], ["SupplierMatch", "ikm"], ["RequirementCheck", "unconfirmed"], ["MatchGap", "renewBy"], ["Ikm", "regionName"], ["Ikm", "certifications"], ["Firm", "needs"]]) {
      expect(direct(type, field), `${type}.${field}`).toBe(true);
    }
  });
});
