import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql } from "@apollo/client/core";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { Client as UrqlClient, fetchExchange, subscriptionExchange } from "@urql/core";
import { OperationTypeNode } from "graphql";
import { type Client as WsClient, createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { WAIT_MS, listening, until, watch } from "../helpers/subscriptions.js";

/**
 * Real GraphQL clients, configured as their documentation shows and nothing more, against the real
 * server: queries and mutations over HTTP, subscriptions over graphql-ws, on the same URL path.
 */
let t: TestApp;
let firmToken: string;
let ikmToken: string;
const wsClients: WsClient[] = [];
const cleanups: (() => void)[] = [];

/** The server's subscription streams that graphql-ws is reading (these tests follow needPublished only). */
const listeningNeedStreams = () => listening(t.app);

beforeAll(async () => {
  t = await startTestApp();
  firmToken = (await t.user("FIRM", { firmId: (await makeFirm(t.prisma, "PT Klien Nyata")).id })).token;
  ikmToken = (await t.user("IKM", { ikmId: (await makeIkm(t.prisma)).id })).token;

  // Watch the server's source streams, so a test publishes only once its subscriber listens.
  watch(t.app);
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await Promise.all(wsClients.map((c) => c.dispose()));
  await t?.stop();
});


/** fetch, counting the requests a client makes through it (and their methods). */
function countingFetch() {
  const methods: string[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    methods.push(init?.method ?? "GET");
    return fetch(input, init);
  };
  return { fetchFn, methods };
}

/** A graphql-ws client that authenticates in connection_init and counts its connections. */
function wsClient(token?: string) {
  const counts = { connected: 0 };
  const client = createClient({
    url: t.app.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    on: { connected: () => { counts.connected++; } },
  });
  wsClients.push(client);
  return { client, counts };
}

const VIEWER = `query Viewer { viewer { id name role } }`;
const CREATE_NEED = `mutation CreateNeed($input: NeedInput!) { createNeed(input: $input) { id title status } }`;
const OPEN_NEED = `mutation OpenNeed($id: ID!) { transitionNeed(id: $id, to: OPEN) { id status } }`;
const MY_NEEDS = `query MyNeeds { needs(first: 50) { nodes { id title status } } }`;
const NEED_PUBLISHED = `subscription NeedPublished { needPublished { id title status firm { name } } }`;

type Need = { id: string; title: string; status: string };

describe("@apollo/client v4: HttpLink with fetch, and GraphQLWsLink over graphql-ws, chosen by ApolloLink.split", () => {
  function apollo(token?: string) {
    const http = countingFetch();
    const ws = wsClient(token);
    const link = ApolloLink.split(
      ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
      new GraphQLWsLink(ws.client),
      new HttpLink({ uri: t.app.url, fetch: http.fetchFn, headers: token ? { authorization: `Bearer ${token}` } : {} }),
    );
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    cleanups.push(() => client.stop());
    return { client, http: http.methods, ws: ws.counts };
  }

  it("queries and mutates over HTTP as a firm member, and the cache holds what came back", async () => {
    const firm = apollo(firmToken);
    const viewer = await firm.client.query<{ viewer: { id: string; role: string } }>({ query: gql(VIEWER) });
    expect(viewer.error).toBeUndefined();
    expect(viewer.data?.viewer.role).toBe("FIRM");

    const created = await firm.client.mutate<{ createNeed: Need }>({
      mutation: gql(CREATE_NEED),
      variables: { input: needInput({ title: "Apollo bracket" }) },
    });
    expect(created.error).toBeUndefined();
    expect(created.data?.createNeed).toMatchObject({ title: "Apollo bracket", status: "DRAFT" });

    const mine = await firm.client.query<{ needs: { nodes: Need[] } }>({ query: gql(MY_NEEDS), fetchPolicy: "network-only" });
    expect(mine.data?.needs.nodes.map((n) => n.id)).toContain(created.data!.createNeed.id);
    // InMemoryCache normalised the need by __typename and id.
    expect((firm.client.cache.extract() as Record<string, unknown>)[`ComponentNeed:${created.data!.createNeed.id}`]).toMatchObject({ title: "Apollo bracket" });

    expect(firm.http).toEqual(["POST", "POST", "POST"]);
    expect(firm.ws.connected).toBe(0);
  });

  it("surfaces the server's error codes as CombinedGraphQLErrors", async () => {
    const anonymous = apollo();
    const refused = await anonymous.client
      .mutate({ mutation: gql(CREATE_NEED), variables: { input: needInput() } })
      .then(() => null, (error: unknown) => error);
    expect(CombinedGraphQLErrors.is(refused)).toBe(true);
    expect((refused as CombinedGraphQLErrors).errors.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  });

  it("receives needPublished over WebSocket as a supplier when a firm opens a need over HTTP", async () => {
    const supplier = apollo(ikmToken);
    const firm = apollo(firmToken);
    const received: Need[] = [];
    const before = listeningNeedStreams();
    const subscription = supplier.client.subscribe<{ needPublished: Need & { firm: { name: string } } }>({ query: gql(NEED_PUBLISHED) }).subscribe({
      next: (result) => {
        expect(result.error).toBeUndefined();
        received.push(result.data!.needPublished);
      },
    });
    cleanups.push(() => subscription.unsubscribe());
    await until(() => listeningNeedStreams() === before + 1, WAIT_MS, "the server listens for the supplier");

    const draft = await firm.client.mutate<{ createNeed: Need }>({ mutation: gql(CREATE_NEED), variables: { input: needInput({ title: "Apollo live bracket" }) } });
    const opened = await firm.client.mutate<{ transitionNeed: Need }>({ mutation: gql(OPEN_NEED), variables: { id: draft.data!.createNeed.id } });
    expect(opened.data?.transitionNeed.status).toBe("OPEN");

    await until(() => received.length === 1, WAIT_MS, "the supplier receives the need");
    expect(received[0]).toMatchObject({ id: draft.data!.createNeed.id, title: "Apollo live bracket", status: "OPEN", firm: { name: "PT Klien Nyata" } });
    expect(supplier.ws.connected).toBe(1);
    expect(supplier.http).toEqual([]);

    subscription.unsubscribe();
    await until(() => listeningNeedStreams() === before, WAIT_MS, "the server lets go of the subscription");
  });
});

describe("@urql/core: fetchExchange, and subscriptionExchange over graphql-ws", () => {
  function urql(token?: string) {
    const http = countingFetch();
    const ws = wsClient(token);
    const client = new UrqlClient({
      url: t.app.url,
      fetch: http.fetchFn,
      fetchOptions: () => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      exchanges: [
        fetchExchange,
        subscriptionExchange({
          forwardSubscription(request) {
            const input = { ...request, query: request.query || "" };
            return {
              subscribe(sink) {
                const unsubscribe = ws.client.subscribe(input, sink);
                return { unsubscribe };
              },
            };
          },
        }),
      ],
    });
    return { client, http: http.methods, ws: ws.counts };
  }

  it("mutates over HTTP as a firm member (POST)", async () => {
    const firm = urql(firmToken);
    const created = await firm.client.mutation<{ createNeed: Need }>(CREATE_NEED, { input: needInput({ title: "urql bracket" }) }).toPromise();
    expect(created.error).toBeUndefined();
    expect(created.data?.createNeed).toMatchObject({ title: "urql bracket", status: "DRAFT" });
    expect(firm.http).toEqual(["POST"]);
    expect(firm.ws.connected).toBe(0);
  });

  // urql sends a query that fits in a URL as a GET with no content-type (preferGetMethod defaults to
  // "within-url-limit"); Apollo's CSRF prevention would refuse it, so the server turns that off
  // (bearer tokens only; see src/http/server.ts).
  it("queries over HTTP as a firm member, with urql's default GET for queries", async () => {
    const firm = urql(firmToken);
    const viewer = await firm.client.query<{ viewer: { role: string } }>(VIEWER, {}).toPromise();
    expect(firm.http).toEqual(["GET"]);
    expect(viewer.error?.message).toBeUndefined();
    expect(viewer.data?.viewer.role).toBe("FIRM");

    const mine = await firm.client.query<{ needs: { nodes: Need[] } }>(MY_NEEDS, {}).toPromise();
    expect(mine.error?.message).toBeUndefined();
    expect(mine.data?.needs.nodes.map((n) => n.title)).toContain("urql bracket");
    expect(firm.ws.connected).toBe(0);
  });

  it("surfaces the server's error codes in CombinedError.graphQLErrors", async () => {
    const refused = await urql().client.mutation(CREATE_NEED, { input: needInput() }).toPromise();
    expect(refused.data ?? null).toBeNull();
    expect(refused.error?.networkError).toBeUndefined();
    expect(refused.error?.graphQLErrors.map((e) => e.extensions.code)).toEqual(["UNAUTHENTICATED"]);
  });

  it("receives needPublished over WebSocket as a supplier when a firm opens a need over HTTP", async () => {
    const supplier = urql(ikmToken);
    const firm = urql(firmToken);
    const received: Need[] = [];
    const before = listeningNeedStreams();
    const subscription = supplier.client.subscription<{ needPublished: Need }>(NEED_PUBLISHED, {}).subscribe((result) => {
      expect(result.error).toBeUndefined();
      received.push(result.data!.needPublished);
    });
    cleanups.push(() => subscription.unsubscribe());
    await until(() => listeningNeedStreams() === before + 1, WAIT_MS, "the server listens for the supplier");

    const draft = await firm.client.mutation<{ createNeed: Need }>(CREATE_NEED, { input: needInput({ title: "urql live bracket" }) }).toPromise();
    const opened = await firm.client.mutation<{ transitionNeed: Need }>(OPEN_NEED, { id: draft.data!.createNeed.id }).toPromise();
    expect(opened.data?.transitionNeed.status).toBe("OPEN");

    await until(() => received.length === 1, WAIT_MS, "the supplier receives the need");
    expect(received[0]).toMatchObject({ id: draft.data!.createNeed.id, title: "urql live bracket", status: "OPEN" });
    expect(supplier.ws.connected).toBe(1);
    expect(supplier.http).toEqual([]);

    subscription.unsubscribe();
    await until(() => listeningNeedStreams() === before, WAIT_MS, "the server lets go of the subscription");
  });
});
