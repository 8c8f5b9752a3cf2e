/**
 * How src/http/web.ts serves the console's build, on a small express app with a fake build (no
 * database): pages with no-cache and hashed assets cached for a year; client routes fall back to
 * index.html; GraphiQL for a browser's GET of /graphql while GraphQL requests pass on; and without
 * a build, a 503 page that says what to do.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphiqlPage, webConsole } from "../../src/http/web.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "jalin-web-"));
const built = path.join(dir, "built");
const servers: http.Server[] = [];

async function serve(root: string): Promise<string> {
  const app = express();
  app.use("/graphql", graphiqlPage(root), (req, res) => { res.json({ graphql: req.method }); });
  app.use(webConsole(root));
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let withBuild: string;
let withoutBuild: string;
beforeAll(async () => {
  mkdirSync(path.join(built, "assets"), { recursive: true });
  writeFileSync(path.join(built, "index.html"), "<!doctype html><title>console</title>");
  writeFileSync(path.join(built, "graphiql.html"), "<!doctype html><title>graphiql</title>");
  writeFileSync(path.join(built, "assets", "index-abc123.js"), "console.log(1)");
  withBuild = await serve(built);
  withoutBuild = await serve(path.join(dir, "missing"));
});
afterAll(() => {
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

const html = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

describe("web console serving", () => {
  it("serves the console at / and for client routes, checked on every load, with a strict CSP", async () => {
    for (const page of ["/", "/needs/Q29tcG9uZW50TmVlZDox"]) {
      const response = await fetch(`${withBuild}${page}`, { headers: html });
      expect(response.status, page).toBe(200);
      expect(await response.text()).toContain("<title>console</title>");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(response.headers.get("content-security-policy")).toMatch(/default-src 'self'.*connect-src 'self' ws: wss:/);
    }
  });

  it("caches hashed assets for a year, and a missing asset is 404, not the console", async () => {
    const asset = await fetch(`${withBuild}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${withBuild}/assets/gone-000.js`)).status).toBe(404);
    // A page asked for by something other than a browser (no HTML accepted) is not answered with the console.
    expect((await fetch(`${withBuild}/needs/x`, { headers: { accept: "application/json" } })).status).toBe(404);
  });

  it("answers a browser's GET of /graphql with GraphiQL; GraphQL requests pass on", async () => {
    const page = await fetch(`${withBuild}/graphql`, { headers: html });
    expect(await page.text()).toContain("<title>graphiql</title>");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const passes = [
      fetch(`${withBuild}/graphql`, { method: "POST", headers: { ...html, "content-type": "application/json" }, body: "{}" }),
      fetch(`${withBuild}/graphql?query=%7B__typename%7D`, { headers: { accept: "application/json" } }),
      fetch(`${withBuild}/graphql`, { headers: { accept: "application/graphql-response+json, application/json" } }),
      fetch(`${withBuild}/graphql`),
    ];
    for (const response of await Promise.all(passes)) expect(await response.json()).toHaveProperty("graphql");
  });

  it("without a build, / and GraphiQL answer 503 saying how to build it, and GraphQL still passes on", async () => {
    for (const page of ["/", "/needs/x", "/graphql"]) {
      const response = await fetch(`${withoutBuild}${page}`, { headers: html });
      expect(response.status, page).toBe(503);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.text()).toMatch(/npm start.*builds it/);
    }
    const post = await fetch(`${withoutBuild}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(await post.json()).toEqual({ graphql: "POST" });
  });
});
