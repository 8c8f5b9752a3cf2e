import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // One copy of graphql for type-graphql, Apollo and the tests ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/helpers/setup.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    // Hang guards, not speed assumptions: no test waits for a duration (they wait on events), so
    // these only end a test that would otherwise never finish. With both cores kept busy, the
    // slowest test without a timeout of its own took under 10 s.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
  },
});
