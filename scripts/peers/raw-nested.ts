/**
 * The floor of the nested-read benchmark (scripts/bench-nested.ts, issue 17): node:http and pg, one
 * SQL statement that builds the whole answer as JSON in PostgreSQL, no GraphQL. Same rows and order
 * as Jalin's answer to NESTED_QUERY. Its own process; DATABASE_URL as Jalin's; pool of 10. Prints its URL.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";

const SQL = `
SELECT json_build_object('data', json_build_object(
  'firms', json_build_object('nodes', (
    SELECT coalesce(json_agg(json_build_object('name', f.name, 'needs', (
      SELECT coalesce(json_agg(json_build_object('title', n.title, 'status', n.status, 'firm', json_build_object('name', f.name))
        ORDER BY n."createdAt" DESC, n.id), '[]'::json)
      FROM "ComponentNeed" n WHERE n."firmId" = f.id)) ORDER BY f.name, f.id), '[]'::json)
    FROM (SELECT * FROM "Firm" ORDER BY name, id LIMIT 20) f)),
  'ikms', json_build_object('nodes', (
    SELECT coalesce(json_agg(json_build_object('legalName', i."legalName",
      'capabilities', (SELECT coalesce(json_agg(json_build_object('process', c.process, 'monthlyCapacity', c."monthlyCapacity") ORDER BY c.process), '[]'::json)
        FROM "Capability" c WHERE c."ikmId" = i.id),
      'certifications', (SELECT coalesce(json_agg(json_build_object('type', z.type, 'validUntil', z."validUntil") ORDER BY z.type, z."validFrom" DESC), '[]'::json)
        FROM "Certification" z WHERE z."ikmId" = i.id)) ORDER BY i."legalName", i.id), '[]'::json)
    FROM (SELECT * FROM "Ikm" ORDER BY "legalName", id LIMIT 50) i))
)) AS answer`;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    pool.query({ name: "nested", text: SQL }).then(
      (r) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(r.rows[0].answer));
      },
      (error: Error) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: error.message }] }));
      },
    );
  });
});
server.listen(0, "127.0.0.1", () => console.log(`Raw floor: http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`));
