/**
 * The API server's wiring of the web console (src/http/web.ts): GraphiQL answers a browser's GET of
 * /graphql only where introspection is on (it needs the schema); with it off, as in production, that
 * GET reaches Apollo as before. Either way GraphQL over GET and POST is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startTestApp } from "../helpers/harness.js";

const browser = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const ours = /Jalin GraphiQL|web console is not built/;

let on: TestApp;
let off: TestApp;
beforeAll(async () => {
  [on, off] = await Promise.all([startTestApp(), startTestApp({ introspection: false })]);
});
afterAll(() => Promise.all([on?.stop(), off?.stop()]));

describe("GraphiQL at /graphql", () => {
  it("answers a browser where introspection is on (GraphiQL, or 503 without a build), and leaves it to Apollo where it is off", async () => {
    const withIntrospection = await fetch(on.app.url, { headers: browser });
    expect([200, 503]).toContain(withIntrospection.status);
    expect(await withIntrospection.text()).toMatch(ours);
    expect(await (await fetch(off.app.url, { headers: browser })).text()).not.toMatch(ours);
  });

  it("leaves GraphQL over GET and POST as it was", async () => {
    for (const t of [on, off]) {
      const get = await fetch(`${t.app.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: "application/graphql-response+json, application/json" } });
      expect(await get.json()).toEqual({ data: { __typename: "Query" } });
      expect((await t.gql("{ __typename }")).data).toEqual({ __typename: "Query" });
    }
  });

  it("marks every GraphQL answer no-store, over GET and POST, refusals too: answers depend on who asks", async () => {
    const get = await fetch(`${on.app.url}?query=${encodeURIComponent("{ viewer { id } }")}`, { headers: { accept: "application/json" } });
    const post = await fetch(on.app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ viewer { id } }" }) });
    const refused = await fetch(on.app.url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer not-a-token" }, body: "{}" });
    expect(refused.status).toBe(401);
    for (const response of [get, post, refused]) {
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("etag")).toBeNull();
    }
  });
});
