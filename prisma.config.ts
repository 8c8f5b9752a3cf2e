import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma's native schema engine cannot be downloaded on these machines; the WebAssembly engine
// ("js") with the pg adapter does `generate` and `migrate diff` offline (see README, Migrations).
// schema.prisma reads env("DATABASE_URL") even for `generate`, which needs no database.
process.env.DATABASE_URL ??= "postgresql://localhost:5432/jalin";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  engine: "js",
  experimental: { adapter: true },
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
