/**
 * npx tsx scripts/bench-dashboard.ts [-- --mentees 100k --runs 20 --data-dir .data/bench-dashboard]
 *
 * Foundation dashboard benchmark (issue 5: "one query each, efficient on 100k mentees"). Grows a
 * synthetic population (npm run seed's generator) to at least the mentee count, gives one
 * foundation (and its regional centre) that many active mentees with sponsors, assessments over
 * the last two years and 1-3 stage changes each, adds a small foundation of 22 mentees in the same
 * population, opens 50 needs, then times each dashboard field of both through HTTP on a real server:
 * p50/p95 over --runs runs after warm-up, and the SQL statements each one sends. Prints a table and one JSON line. Uses its own embedded PostgreSQL in --data-dir, or
 * BENCH_DATABASE_URL.
 */
import "reflect-metadata";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import pino from "pino";
import { seedPopulation } from "../prisma/seed/population.js";
import { createDb } from "../src/infra/db/client.js";
import { startEmbeddedPostgres } from "../src/infra/db/embedded.js";
import { migrate } from "../src/infra/db/migrate.js";
import { startServer } from "../src/http/server.js";
import { parseSize } from "./bench-server.js";

/** Run as a script (not imported: scripts/bench-fields.ts reuses prepare and openNeeds). */
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
const { values } = parseArgs({
  args: isMain ? process.argv.slice(2) : [],
  options: {
    mentees: { type: "string", default: "100k" },
    runs: { type: "string", default: "20" },
    "data-dir": { type: "string", default: ".data/bench-dashboard" },
  },
});
const mentees = parseSize(values.mentees);
const runs = Number(values.runs);
const FOUNDATION = "Bench foundation";

const FIELDS: Record<string, string> = {
  stages: "stages { total byStage { stage count share } }",
  byRegion: "byRegion { key count byStage { stage count } }",
  bySponsor: "bySponsor { key name count }",
  progression: "progression { mentees promotedShare stays { stage medianMonths completedStays current } }",
  dueForReassessment: "dueForReassessment(first: 20) { totalCount nodes { lastAssessedOn ikm { legalName } } }",
  "dueForReassessment p.2": "dueForReassessment(first: 20, after: $after) { totalCount nodes { lastAssessedOn } }",
  eligibleForOpenNeeds: "eligibleForOpenNeeds(first: 20) { eligibleMentees need { title } best { total ikm { legalName } } }",
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** One foundation with a centre, `n` active mentees, sponsors, assessments and stage histories: all in SQL. */
export async function prepare(client: pg.Client, n: number): Promise<string> {
  const existing = await client.query<{ id: string; n: string }>(
    `SELECT f.id, (SELECT count(*) FROM "Mentorship" m JOIN "Foundation" c ON c.id = m."foundationId" WHERE c.id = f.id OR c."parentId" = f.id) AS n
       FROM "Foundation" f WHERE f.name = $1`,
    [FOUNDATION],
  );
  if (existing.rows[0] && Number(existing.rows[0].n) === n) return existing.rows[0].id;
  process.stderr.write(`preparing ${n} mentees...\n`);
  await client.query("BEGIN");
  await client.query(`DELETE FROM "Foundation" WHERE name LIKE 'Bench %'`);
  const f = (await client.query<{ id: string }>(`INSERT INTO "Foundation"(id, name, "regionCode") VALUES (gen_random_uuid(), $1, '31') RETURNING id`, [FOUNDATION])).rows[0].id;
  const centre = (await client.query<{ id: string }>(`INSERT INTO "Foundation"(id, name, "regionCode", "parentId") VALUES (gen_random_uuid(), 'Bench centre', '33.72', $1) RETURNING id`, [f])).rows[0].id;
  await client.query(`DELETE FROM "Firm" WHERE name LIKE 'PT Bench Sponsor %' OR name = 'PT Bench Buyer'`);
  await client.query(`INSERT INTO "Firm"(id, name, sector, tier, "regionCode", "updatedAt") SELECT gen_random_uuid(), 'PT Bench Sponsor ' || g, 'AUTOMOTIVE', 'TIER_1', '32.16', now() FROM generate_series(1, 10) g`);
  // Every other mentee through the centre; 15% without a sponsor.
  await client.query(
    `WITH sponsors AS (SELECT array_agg(id) AS ids FROM "Firm" WHERE name LIKE 'PT Bench Sponsor %')
     INSERT INTO "Mentorship"(id, "foundationId", "ikmId", "mentorName", "sponsorFirmId", "startedOn", status)
     SELECT gen_random_uuid(), CASE WHEN i.n % 2 = 0 THEN $1::uuid ELSE $2::uuid END, i.id, 'Bench mentor',
            CASE WHEN random() < 0.15 THEN NULL ELSE s.ids[1 + floor(random() * 10)::int] END, current_date - (365 * 4), 'ACTIVE'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Ikm" ORDER BY id LIMIT $3) i CROSS JOIN sponsors s`,
    [f, centre, n],
  );
  // 80% assessed at some point in the last two years (about 40% of them longer than 12 months ago).
  await client.query(
    `INSERT INTO "Assessment"(id, "ikmId", "foundationId", "assessedOn", assessor, "pillarScores", "itemScores", "proposedStage", "evidenceUrls")
     SELECT gen_random_uuid(), m."ikmId", m."foundationId", current_date - floor(random() * 730)::int, 'Bench assessor', '{}', '{}', i."currentStage", '{}'
       FROM "Mentorship" m JOIN "Ikm" i ON i.id = m."ikmId" WHERE m."foundationId" IN ($1, $2) AND random() < 0.8`,
    [f, centre],
  );
  // 1-3 stage changes each over the last four years, ending at the current stage.
  await client.query(
    `INSERT INTO "StageChange"(id, "ikmId", "fromStage", "toStage", "changedAt", reason)
     SELECT gen_random_uuid(), s."ikmId", CASE WHEN s.k = 1 THEN NULL ELSE 'PEMULA'::"MaturityStage" END,
            CASE WHEN s.k = s.steps THEN s.stage ELSE 'MADYA'::"MaturityStage" END,
            now() - make_interval(days => (1460 * (s.steps - s.k + 1) / (s.steps + 1))::int - floor(random() * 60)::int), 'bench'
       FROM (SELECT m."ikmId", i."currentStage" AS stage, 1 + floor(random() * 3)::int AS steps
               FROM "Mentorship" m JOIN "Ikm" i ON i.id = m."ikmId" WHERE m."foundationId" IN ($1, $2)) t
       CROSS JOIN LATERAL (SELECT t."ikmId", t.stage, t.steps, k FROM generate_series(1, t.steps) k) s`,
    [f, centre],
  );
  // Each change records when its from-stage was entered (changeStage does this as it writes).
  await client.query(
    `UPDATE "StageChange" sc SET "fromStageSince" = p.prev
       FROM (SELECT id, lag("changedAt") OVER (PARTITION BY "ikmId" ORDER BY "changedAt", id) AS prev FROM "StageChange") p
      WHERE p.id = sc.id AND p.prev IS NOT NULL AND sc."fromStageSince" IS NULL`,
  );
  await client.query("COMMIT");
  await client.query(`ANALYZE "Mentorship"; ANALYZE "Assessment"; ANALYZE "StageChange"; ANALYZE "Foundation"`);
  return f;
}

/**
 * A small foundation in the same population (the demo's Solo Raya group is 22 mentees): the same
 * fields must cost little when a foundation has few mentees, however many IKMs there are.
 */
async function prepareSmall(client: pg.Client): Promise<string> {
  await client.query(`DELETE FROM "Foundation" WHERE name = 'Bench small foundation'`);
  const f = (await client.query<{ id: string }>(`INSERT INTO "Foundation"(id, name, "regionCode") VALUES (gen_random_uuid(), 'Bench small foundation', '33.72') RETURNING id`)).rows[0].id;
  await client.query(
    `INSERT INTO "Mentorship"(id, "foundationId", "ikmId", "startedOn", status)
     SELECT gen_random_uuid(), $1, id, current_date - 900, 'ACTIVE' FROM "Ikm" ORDER BY id DESC LIMIT 22`,
    [f],
  );
  await client.query(
    `INSERT INTO "Assessment"(id, "ikmId", "foundationId", "assessedOn", assessor, "pillarScores", "itemScores", "proposedStage", "evidenceUrls")
     SELECT gen_random_uuid(), m."ikmId", $1, current_date - 120, 'Bench assessor', '{}', '{}', 'MADYA', '{}' FROM "Mentorship" m WHERE m."foundationId" = $1`,
    [f],
  );
  await client.query(`ANALYZE "Mentorship"`);
  return f;
}

/** 50 open needs over common and rare processes, some with a minimum stage or a certificate. */
export async function openNeeds(client: pg.Client): Promise<void> {
  const have = await client.query(`SELECT count(*) AS n FROM "ComponentNeed" n JOIN "Firm" f ON f.id = n."firmId" WHERE f.name = 'PT Bench Buyer'`);
  if (Number(have.rows[0].n) >= 50) return;
  const firm = (await client.query<{ id: string }>(`INSERT INTO "Firm"(id, name, sector, tier, "regionCode", "updatedAt") VALUES (gen_random_uuid(), 'PT Bench Buyer', 'AUTOMOTIVE', 'OEM', '32.16', now()) RETURNING id`)).rows[0].id;
  const processes = ["CASTING", "MACHINING_MANUAL", "STAMPING", "WELDING_FABRICATION", "PLASTIC_INJECTION", "FOOD", "MACHINING_CNC", "FORGING", "SHEET_METAL", "PLATING_PAINTING"];
  const stages = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"];
  for (let i = 0; i < 50; i++) {
    await client.query(
      `INSERT INTO "ComponentNeed"(id, "firmId", title, description, processes, materials, "quantityPerMonth", unit, "requiredCertifications", "minimumStage", "startDate", status, "publishedAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, 'bench need', ARRAY[$3]::"Process"[], '{}', $4, 'PCS', $5::"CertificationType"[], $6::"MaturityStage", current_date + 60, 'OPEN', now() - make_interval(mins => $7), now())`,
      [firm, `Bench need ${i}`, processes[i % processes.length], 100 + 50 * i, i % 5 === 0 ? ["ISO_9001"] : [], stages[i % 4], i],
    );
  }
}

/** Each dashboard field over HTTP as the foundation's user: p50/p95 of `runs` after warm-up, and its SQL statements. */
async function measure(url: string, token: string, statements: { reset(): void; count: number }, runs: number) {
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await r.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const firstPage = await gql(`{ foundationDashboard { dueForReassessment(first: 20) { pageInfo { endCursor } } } }`);
  const after = firstPage.foundationDashboard.dueForReassessment.pageInfo.endCursor;
  const counts = (await gql(`{ foundationDashboard { stages { total } dueForReassessment { totalCount } } }`)).foundationDashboard;
  const fields: Array<{ field: string; p50: number; p95: number; statements: number }> = [];
  for (const [field, selection] of Object.entries(FIELDS)) {
    if (selection.includes("$after") && !after) continue;
    const query = selection.includes("$after") ? `query($after: String) { foundationDashboard { ${selection} } }` : `{ foundationDashboard { ${selection} } }`;
    const variables = selection.includes("$after") ? { after } : {};
    for (let i = 0; i < 3; i++) await gql(query, variables);
    statements.reset();
    await gql(query, variables);
    const sql = statements.count;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await gql(query, variables);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    fields.push({ field, p50: percentile(times, 50), p95: percentile(times, 95), statements: sql });
  }
  return { mentees: counts.stages.total as number, due: counts.dueForReassessment.totalCount as number, fields };
}

async function main() {
  let url = process.env.BENCH_DATABASE_URL;
  let stopDb = async () => undefined as void;
  if (!url) {
    const db = await startEmbeddedPostgres({ dir: path.resolve(values["data-dir"], "pg"), port: 54343, database: "jalin_bench_dashboard" });
    url = db.url;
    stopDb = db.stop;
  }
  const log = pino({ level: "warn" });
  const client = new pg.Client({ connectionString: url });
  let app: Awaited<ReturnType<typeof startServer>> | null = null;
  const { prisma, statements, database } = createDb(url);
  try {
    await migrate(url);
    await client.connect();
    const have = Number((await client.query(`SELECT count(*) AS n FROM "Ikm"`)).rows[0].n);
    if (have < mentees) {
      process.stderr.write(`seeding ${mentees - have} IKMs...\n`);
      await seedPopulation(url, { ikms: mentees - have, seed: 1 + have });
    }
    const foundationId = await prepare(client, mentees);
    await openNeeds(client);
    const smallId = await prepareSmall(client);
    app = await startServer({ db: database, databaseUrl: url, log, jwt: { secret: new TextEncoder().encode("bench-secret-bench-secret-bench-secret"), ttl: "1h" }, introspection: false }, { host: "127.0.0.1", port: 0 });
    const population = Number((await client.query(`SELECT count(*) AS n FROM "Ikm"`)).rows[0].n);
    const results = [];
    for (const [label, id] of [["large", foundationId], ["small", smallId]] as const) {
      const email = `bench-dashboard-${label}@jalin.bench`;
      await client.query(`DELETE FROM "User" WHERE email = $1`, [email]);
      await client.query(`INSERT INTO "User"(id, email, name, "passwordHash", role, "foundationId") VALUES (gen_random_uuid(), $1, 'Bench', 'x', 'FOUNDATION', $2)`, [email, id]);
      const token = await app.services.auth.issueToken(await prisma.user.findUniqueOrThrow({ where: { email } }));
      results.push(await measure(app.url, token, statements, runs));
    }
    for (const r of results) {
      console.log(`\nFoundation dashboard: ${r.mentees} active mentees (${r.due} due for reassessment) in a population of ${population} IKMs; 50 open needs; ${runs} runs per field over HTTP\n`);
      console.log("field                    p50 ms   p95 ms   SQL statements (incl. token and access check)");
      for (const f of r.fields) console.log(`${f.field.padEnd(24)} ${f.p50.toFixed(1).padStart(7)}  ${f.p95.toFixed(1).padStart(7)}   ${f.statements}`);
    }
    console.log(JSON.stringify({ bench: "dashboard", population, runs, foundations: results }));
  } finally {
    await app?.stop().catch(() => undefined);
    await prisma.$disconnect().catch(() => undefined);
    await client.end().catch(() => undefined);
    await stopDb();
  }
}

if (isMain) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
