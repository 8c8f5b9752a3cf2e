/** Writes schema.graphql from the code (npm run schema); test/integration/schema.test.ts fails when they differ. */
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { createSchema, printSortedSchema } from "../src/api/schema.js";

writeFileSync(new URL("../schema.graphql", import.meta.url), printSortedSchema(await createSchema()));
console.log("wrote schema.graphql");
