/**
 * GraphiQL for developers at GET /graphql, from the `graphiql` package bundled here (Monaco and its
 * workers included): nothing from a CDN. Queries and mutations over HTTP POST; subscriptions over
 * graphql-ws on the same URL. Put `{"authorization": "Bearer <token>"}` in the Headers tab: it is sent
 * with HTTP requests and as a subscription's connection_init payload.
 */
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import { type Fetcher, createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { getOperationAST, parse } from "graphql";
import { createClient } from "graphql-ws";
import { createRoot } from "react-dom/client";

const url = new URL("/graphql", location.href);
const wsUrl = new URL(url);
wsUrl.protocol = url.protocol === "https:" ? "wss:" : "ws:";
const http = createGraphiQLFetcher({ url: url.toString() });

function isSubscription(query: string, operationName?: string | null): boolean {
  try {
    return getOperationAST(parse(query), operationName ?? undefined)?.operation === "subscription";
  } catch {
    return false; // the server says what is wrong with it
  }
}

/** One WebSocket per subscription, closed when GraphiQL stops listening. */
async function* subscribe(params: Parameters<Fetcher>[0], headers: Record<string, unknown>) {
  const client = createClient({ url: wsUrl.toString(), connectionParams: headers, lazy: true, retryAttempts: 0 });
  try {
    yield* client.iterate({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined });
  } finally {
    await client.dispose();
  }
}

// The results are the server's JSON (graphql-ws types them as formatted results), which is what GraphiQL shows.
const fetcher: Fetcher = (params, options) =>
  isSubscription(params.query, params.operationName) ? (subscribe(params, options?.headers ?? {}) as unknown as ReturnType<Fetcher>) : http(params, options);

const DEFAULT_QUERY = `# Jalin's GraphQL API. Sign in (a demo account of the README):
#   mutation { login(email: "sourcing@presisi-komponen.demo", password: "jalin-demo-2026") { token } }
# then put {"authorization": "Bearer <token>"} in Headers below.

query Me { viewer { name role } }
`;

createRoot(document.getElementById("graphiql")!).render(<GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />);
