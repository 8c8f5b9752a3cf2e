/**
 * The console's budgets, from issue 18 ("Budgets, measured in a benchmark: first screen usable in
 * under 1 s on the demo data from a warm server; JavaScript under 300 KB gzipped"). The browser test
 * checks the JavaScript the console's page loads (GraphiQL, a page of its own at /graphql, is not counted).
 */
export const WEB_BUDGETS = {
  /** gzipped JavaScript of the console's page, in bytes. */
  consoleJsGzipBytes: 300 * 1024,
  /** First screen usable on the demo data from a warm server, in milliseconds. */
  firstScreenMs: 1000,
} as const;
