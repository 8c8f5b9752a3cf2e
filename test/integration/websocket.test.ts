import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { lazyClient, listening, until, watch } from "../helpers/subscriptions.js";

let t: TestApp;
let firmToken: string;
let ikmToken: string;
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestApp();
  firmToken = (await t.user("FIRM", { firmId: (await makeFirm(t.prisma)).id })).token;
  ikmToken = (await t.user("IKM", { ikmId: (await makeIkm(t.prisma)).id })).token;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t.stop();
});

function client(token?: string, onClose?: (event: unknown) => void): Client {
  const c = lazyClient(t.app.wsUrl, token, onClose);
  clients.push(c);
  return c;
}

describe("graphql-ws on the GraphQL path", () => {
  it("runs queries over the socket", async () => {
    const result = await new Promise<any>((resolve, reject) => {
      client().subscribe({ query: "{ firms { totalCount } }" }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result.data.firms.totalCount).toBeGreaterThan(0);
  });

  it("delivers needPublished to a supplier when a firm opens a need, and completes cleanly", async () => {
    watch(t.app);
    const before = listening(t.app);
    const ws = client(ikmToken);
    const received: any[] = [];
    let completed = false;
    const subscribed = new Promise<void>((resolve) => {
      const unsubscribe = ws.subscribe(
        { query: "subscription { needPublished { title status firm { name } } }" },
        {
          next: (value) => {
            received.push(value);
            unsubscribe();
          },
          error: (e) => { throw e; },
          complete: () => { completed = true; resolve(); },
        },
      );
    });
    // Wait until the server listens for the subscription, then publish.
    await until(() => listening(t.app) === before + 1, undefined, "the server listens for the subscription");
    const draft = await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input: needInput({ title: "Live bracket" }) }, firmToken);
    await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: draft.data.createNeed.id }, firmToken);
    await subscribed;
    expect(completed).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0].data.needPublished).toMatchObject({ title: "Live bracket", status: "OPEN" });
  });

  it("refuses the subscription to anonymous clients with UNAUTHENTICATED", async () => {
    const error = await new Promise<any>((resolve) => {
      client().subscribe({ query: "subscription { needPublished { title } }" }, { next: resolve, error: resolve, complete: () => undefined });
    });
    const errors = Array.isArray(error) ? error : error.errors;
    expect(errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("closes a connection whose token is not valid with 4403", async () => {
    const closed = new Promise<any>((resolve) => {
      const c = client("not-a-token", resolve);
      c.subscribe({ query: "{ firms { totalCount } }" }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect((await closed).code).toBe(4403);
  });
});
