/**
 * urql over the API's one path: queries and mutations over HTTP POST, subscriptions over graphql-ws
 * on the same URL, the token as `Authorization: Bearer` on both (graphql-ws: connection_init payload).
 */
import { createClient as createWsClient } from "graphql-ws";
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "urql";

export const GRAPHQL_PATH = "/graphql";

export interface Api {
  client: Client;
  /** Closes the WebSocket (on sign-out). */
  dispose: () => void;
  /** Calls back with true while the WebSocket is open, false when it closed. */
  onLive: (listener: (live: boolean) => void) => () => void;
}

export function createApi(token: string | null): Api {
  const wsUrl = new URL(GRAPHQL_PATH, location.href);
  wsUrl.protocol = wsUrl.protocol === "https:" ? "wss:" : "ws:";
  const liveListeners = new Set<(live: boolean) => void>();
  const ws = createWsClient({
    url: wsUrl.toString(),
    lazy: true,
    connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
    retryAttempts: Infinity,
    on: {
      connected: () => liveListeners.forEach((l) => l(true)),
      closed: () => liveListeners.forEach((l) => l(false)),
    },
  });
  const client = new Client({
    url: GRAPHQL_PATH,
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return { subscribe: (sink) => ({ unsubscribe: ws.subscribe(input, sink) }) };
        },
      }),
    ],
  });
  return {
    client,
    dispose: () => void ws.dispose(),
    onLive: (listener) => {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
  };
}
