import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSchema, printSortedSchema } from "../../src/graphql/schema.js";

describe("schema.graphql", () => {
  it("matches the schema the code builds (run `npm run schema` after changing the API)", async () => {
    const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
    expect(printSortedSchema(await createSchema())).toBe(committed);
  });
});
