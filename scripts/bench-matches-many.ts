/**
 * `matches` for many needs while IKMs change (scripts/bench-matches.ts, --many): what remembered
 * answers are worth when buyers ask about many needs and profiles are edited all the time.
 *
 * Copies the demo need `needs` times (each a distinct question: its own quantity; a day older, so
 * the buyer's list still starts with the original), then autocannon
 * asks each copy's first page with its totalCount in turn while a writer changes a random IKM's
 * capacity `writes` times a second (through PostgreSQL, as any other process would; the statement
 * triggers tell the index). Run on a server that revises remembered answers (the default) and on one
 * that forgets them all at every change (MATCH_INDEX_ANSWER_REVISION_BUDGET=0), it gives the ratio.
 */
import autocannon, { type Request } from "autocannon";
import pg from "pg";
import { fromGlobalId, toGlobalId } from "../src/domain/ids.js";
import { usage } from "./bench-server.js";

const PAGE = `query($id: ID!) { matches(needId: $id, first: 20) { totalCount nodes { score band ikm { id legalName } } } }`;
const COPY_TITLE = "Bench copy";

/** Global ids of `count` copies of the need (made once, kept in the database for later runs). */
export async function needCopies(databaseUrl: string, needGid: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const source = fromGlobalId(needGid)!.id;
    const have = Number((await client.query(`SELECT count(*) AS n FROM "ComponentNeed" WHERE title LIKE $1`, [`${COPY_TITLE} %`])).rows[0].n);
    if (have < count) {
      await client.query(
        `INSERT INTO "ComponentNeed"
         SELECT (jsonb_populate_record(NULL::"ComponentNeed", to_jsonb(n) || jsonb_build_object(
           'id', gen_random_uuid(), 'title', $2 || ' ' || i, 'quantityPerMonth', n."quantityPerMonth" + i))).*
         FROM "ComponentNeed" n, generate_series($3::int + 1, $4::int) i WHERE n.id = $1`,
        [source, COPY_TITLE, have, count],
      );
    }
    await client.query(
      `UPDATE "ComponentNeed" c SET "createdAt" = n."createdAt" - interval '1 day' FROM "ComponentNeed" n WHERE n.id = $1 AND c.title LIKE $2`,
      [source, `${COPY_TITLE} %`],
    );
    const rows = await client.query(`SELECT id FROM "ComponentNeed" WHERE title LIKE $1 ORDER BY "quantityPerMonth" LIMIT $2`, [`${COPY_TITLE} %`, count]);
    return rows.rows.map((r) => toGlobalId("ComponentNeed", r.id));
  } finally {
    await client.end();
  }
}

/** The match index's answer counters at the server's /metrics: hit, miss, kept, updated, forgotten. */
export async function answerCounters(graphqlUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${new URL(graphqlUrl).origin}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^jalin_match_index_(answers_total\{result|answer_revisions_total\{outcome)="(\w+)"\} (\d+)$/gm)) out[m[2]] = Number(m[3]);
  return out;
}

export interface ManyNeedsRun {
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  writes: number;
  hit_share: number;
  revisions: Record<string, number>;
  server_cpu_ms_per_req: number;
}

/** One timed run: autocannon over the copies' pages with the writer beside it. */
export async function manyNeeds(options: {
  databaseUrl: string; graphqlUrl: string; serverPid: number; token: string; needs: string[]; writesPerSecond: number; connections: number; seconds: number; warmup: number;
}): Promise<ManyNeedsRun> {
  const { graphqlUrl, token, needs } = options;
  const bodies = needs.map((id) => JSON.stringify({ query: PAGE, variables: { id } }));
  let next = 0;
  let errors = 0;
  const request: Request = {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    setupRequest: (req: Request) => ({ ...req, body: bodies[next++ % bodies.length] }),
    onResponse: (status: number, text: string) => { if (status !== 200 || text.includes('"errors"')) errors++; },
  };
  const db = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  const ikms = (await db.query(`SELECT DISTINCT "ikmId" FROM "Capability" TABLESAMPLE SYSTEM (1) LIMIT 5000`)).rows.map((r) => r.ikmId as string);
  let writes = 0;
  let writing = false;
  const writer = setInterval(() => {
    if (writing || options.writesPerSecond <= 0) return;
    writing = true;
    db.query(`UPDATE "Capability" SET "monthlyCapacity" = "monthlyCapacity" + 1 WHERE "ikmId" = $1`, [ikms[writes % ikms.length]])
      .then(() => void writes++, () => void errors++)
      .finally(() => { writing = false; });
  }, options.writesPerSecond > 0 ? 1000 / options.writesPerSecond : 1_000_000);
  try {
    await autocannon({ url: graphqlUrl, connections: options.connections, duration: options.warmup, requests: [request] });
    errors = 0;
    writes = 0;
    const counters = await answerCounters(graphqlUrl);
    const before = usage(options.serverPid);
    const result = await autocannon({ url: graphqlUrl, connections: options.connections, duration: options.seconds, requests: [request] });
    const after = usage(options.serverPid);
    const now = await answerCounters(graphqlUrl);
    const delta = (k: string) => (now[k] ?? 0) - (counters[k] ?? 0);
    return {
      req_per_s: Math.round(result.requests.average), p50_ms: result.latency.p50, p99_ms: result.latency.p99,
      errors: errors + result.errors + result.timeouts + result.non2xx, writes,
      hit_share: Math.round((delta("hit") / Math.max(1, delta("hit") + delta("miss"))) * 1000) / 1000,
      revisions: { kept: delta("kept"), updated: delta("updated"), forgotten: delta("forgotten") },
      server_cpu_ms_per_req: Math.round(((after.cpuS - before.cpuS) * 1000 / Math.max(1, result.requests.total)) * 100) / 100,
    };
  } finally {
    clearInterval(writer);
    await db.end();
  }
}
