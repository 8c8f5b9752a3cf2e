// PostGraphile 5 on Jalin's database, the peer of the nested-read benchmark (scripts/bench-nested.ts, issue 17).
// Its own process; DATABASE_URL as Jalin's; pool of 10 as Jalin's; no GraphiQL, no watch. Prints its URL.
// PostGraphile 5 wants Node 22; on Node 20 it needs Promise.withResolvers.
if (!Promise.withResolvers) {
  Promise.withResolvers = function () { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; };
}
const { createServer } = await import("node:http");
const { postgraphile } = await import("postgraphile");
const { grafserv } = await import("postgraphile/grafserv/node");
const { PostGraphileAmberPreset } = await import("postgraphile/presets/amber");
const { makePgService } = await import("postgraphile/adaptors/pg");
const { PgSimplifyInflectionPreset } = await import("@graphile/simplify-inflection");

const preset = {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
  // Order by any column (Jalin orders children by unindexed columns), as a PostGraphile user would allow for this read.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"], poolConfig: { max: 10 } })],
  grafserv: { port: 0, graphiql: false, watch: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => { console.error(e); process.exit(1); });
serv.addTo(server).catch((e) => { console.error(e); process.exit(1); });
server.listen(0, "127.0.0.1", () => {
  console.log(`PostGraphile: http://127.0.0.1:${server.address().port}/graphql`);
});
