/**
 * The web console and GraphiQL, served from the build scripts/web-build.ts writes (dist/web, never
 * committed): the console's files at `/` with a fallback to its index.html for client routes, and
 * GraphiQL (the `graphiql` package, built locally: no CDN) for a browser's GET of the GraphQL path.
 * GraphQL requests (POST, and GET asking for JSON) and WebSocket upgrades never reach these
 * handlers' answers: they pass on to Apollo and graphql-ws as before. Without a build the API
 * still runs, and the pages answer 503 saying how to build it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { PROJECT_ROOT } from "../config/paths.js";

/** Where scripts/web-build.ts writes the console. */
export const WEB_ROOT = path.join(PROJECT_ROOT, "dist/web");

/** Hashed file names under assets/ never change their content; the pages are checked on every load. */
const CACHE = { assets: "public, max-age=31536000, immutable", pages: "no-cache" } as const;

/**
 * Only this server: no script, style, font or connection elsewhere. Monaco (GraphiQL's editor) starts
 * its workers from blob: URLs and sets inline styles; images may be data: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "font-src 'self' data:", "connect-src 'self' ws: wss:", "worker-src 'self' blob:", "frame-ancestors 'none'",
  "base-uri 'none'", "form-action 'self'",
].join("; ");

const NOT_BUILT = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Jalin: konsol web belum dibangun / web console not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<h1>Konsol web belum dibangun</h1>
<p><code>npm start</code> membangunnya sebelum server mulai. Server ini dijalankan tanpa hasil build itu; API GraphQL tetap berjalan di <code>/graphql</code> (POST).</p>
<h1 lang="en">The web console is not built</h1>
<p lang="en"><code>npm start</code> builds it before the server starts. This server was started without that build; the GraphQL API still answers at <code>/graphql</code> (POST).</p>
</body></html>
`;

/**
 * A browser opening the GraphQL path: GET or HEAD preferring HTML to JSON. Apollo answers exactly
 * these with its landing page (a query string or not), so no GraphQL client is answered differently.
 */
function wantsGraphiql(req: Request): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  return req.accepts(["application/graphql-response+json", "application/json", "text/html"]) === "text/html";
}

function sendPage(res: Response, root: string, file: string): void {
  const full = path.join(root, file);
  res.setHeader("content-security-policy", CONTENT_SECURITY_POLICY);
  res.setHeader("x-content-type-options", "nosniff");
  if (!existsSync(full)) {
    res.status(503).setHeader("cache-control", "no-store").type("html").send(NOT_BUILT);
    return;
  }
  res.setHeader("cache-control", CACHE.pages);
  res.sendFile(full);
}

/** GraphiQL for a browser's GET of the GraphQL path; everything else passes on to Apollo. Mount before it. */
export function graphiqlPage(root: string = WEB_ROOT): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== "/" || !wantsGraphiql(req)) return next();
    sendPage(res, root, "graphiql.html");
  };
}

/** The console's files, then its index.html for any other page a browser asks for (client routes). Mount after the API. */
export function webConsole(root: string = WEB_ROOT): RequestHandler[] {
  const files = express.static(root, {
    index: false,
    redirect: false,
    setHeaders: (res, file) => {
      const assets = path.relative(root, file).startsWith(`assets${path.sep}`);
      res.setHeader("cache-control", assets ? CACHE.assets : CACHE.pages);
      res.setHeader("x-content-type-options", "nosniff");
      if (file.endsWith(".html")) res.setHeader("content-security-policy", CONTENT_SECURITY_POLICY);
    },
  });
  const fallback: RequestHandler = (req, res, next) => {
    const page = (req.method === "GET" || req.method === "HEAD") && !path.extname(req.path) && req.accepts("html") === "html";
    if (!page) return next();
    sendPage(res, root, "index.html");
  };
  return [files, fallback];
}
