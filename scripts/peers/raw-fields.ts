/**
 * The floors of the field benchmark (scripts/bench-fields.ts, issue 17): node:http and pg, no
 * GraphQL, no sign-in, no access checks. Each route reads the same rows with the same SQL as Jalin
 * and computes the answer with Jalin's own pure code, so the only difference left is the API layers:
 * - GET /opportunities?ikm=UUID&eligibility=ELIGIBLE|NEAR_MISS: the IKM's profile (loadProfiles,
 *   the statement the match index reads profiles with) and every open need (LOADER_SQL.openNeeds
 *   through SqlReader, as MatchingRepository.listOpenNeeds), scoreMatch(needProfile(need), profile)
 *   for each, passesFilter, rankedPage top 20;
 * - GET /explain?need=UUID&ikm=UUID: the need row (LOADER_SQL.needs) and the IKM's profile, scoreMatch;
 * - GET /dashboard?foundation=UUID: the foundation's scope (the scope CTE MaturityRepository.scopeOf
 *   runs), then DashboardService's five reads (stages, byRegion, bySponsor, progression,
 *   dueForReassessment first 20) over MaturityDashboardRepository, whose Prisma `$queryRawUnsafe`
 *   is answered here by pg with the same SQL text and parameters.
 * Delivery months are weighed from the current calendar month (the match index's reference month
 * once it is built this month). Its own process; DATABASE_URL as Jalin's; pool of 10. Prints its URL.
 */
import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { type Eligibility, passesFilter, rankedPage, scoreMatch } from "../../src/core/matching/scorer.js";
import { monthOfDate } from "../../src/core/matching/recency.js";
import type { MatchResult } from "../../src/core/matching/types.js";
import { needProfile } from "../../src/features/matching/match.service.js";
import { DashboardService } from "../../src/features/maturity/dashboard.service.js";
import type { CheckedFoundation } from "../../src/features/maturity/maturity.scope.js";
import { scopeCte } from "../../src/infra/db/foundation-tree.js";
import type { ComponentNeed } from "../../src/infra/db/models.js";
import { MaturityDashboardRepository } from "../../src/infra/db/repositories/maturity-dashboard.repository.js";
import { LOADER_SQL } from "../../src/infra/db/sql/loaders.js";
import { SqlReader } from "../../src/infra/db/sql-reader.js";
import { loadProfiles } from "../../src/infra/db/supplier-profiles.js";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const reader = new SqlReader(pool);
/** Prisma's raw query, answered by pg: the repository's SQL text and parameters unchanged. */
const rawClient = { $queryRawUnsafe: async (text: string, ...values: unknown[]) => (await pool.query(text, values)).rows };
const dashboard = new DashboardService({ repos: { maturity: { dashboard: new MaturityDashboardRepository(rawClient as never) } } } as never);
const SCOPE_SQL = { name: "raw_fields_scope", text: `WITH RECURSIVE ${scopeCte("id = $1::uuid")} SELECT id FROM scope` };

const gaps = (m: MatchResult) => m.gaps.map((g) => ({ kind: g.kind, message: g.message }));

async function opportunities(ikmId: string, eligibility: Eligibility) {
  const [[supplier], open] = await Promise.all([
    loadProfiles(pool, [ikmId], monthOfDate(new Date())),
    reader.rows<ComponentNeed>(LOADER_SQL.openNeeds, []),
  ]);
  if (!supplier) throw new Error(`no IKM ${ikmId}`);
  const byId = new Map(open.map((n) => [n.id, n]));
  const scored = open.map((n) => scoreMatch(needProfile(n), supplier)).filter((r) => passesFilter(r, supplier, { eligibility }));
  const ranked = rankedPage(scored, (m) => m.needId, 20, null);
  return {
    totalCount: ranked.totalCount,
    nodes: ranked.results.map((m) => ({ score: m.total, band: m.band, need: { id: m.needId, title: byId.get(m.needId)!.title }, gaps: gaps(m) })),
  };
}

async function explain(needId: string, ikmId: string) {
  const [[need], [supplier]] = await Promise.all([
    reader.rows<ComponentNeed>(LOADER_SQL.needs, [[needId]]),
    loadProfiles(pool, [ikmId], monthOfDate(new Date())),
  ]);
  if (!need || !supplier) throw new Error(`no need ${needId} or IKM ${ikmId}`);
  const m = scoreMatch(needProfile(need), supplier);
  return {
    score: m.total, band: m.band, eligible: m.eligible,
    factors: m.factors.map((f) => ({ factor: f.factor, value: f.value, contribution: f.contribution, detail: f.detail })),
    requirements: m.requirements.map((r) => ({ kind: r.kind, met: r.met, message: r.message })),
    gaps: gaps(m),
  };
}

async function foundationDashboard(foundationId: string) {
  const scope = (await pool.query<{ id: string }>({ ...SCOPE_SQL, values: [foundationId] })).rows.map((r) => r.id);
  if (scope.length === 0) throw new Error(`no foundation ${foundationId}`);
  const checked = { foundationId, scope, checked: true } as CheckedFoundation;
  const [stages, byRegion, bySponsor, progression, due] = await Promise.all([
    dashboard.stageDistribution(checked),
    dashboard.menteeGroups(checked, "region"),
    dashboard.menteeGroups(checked, "sponsor"),
    dashboard.progression(checked),
    dashboard.dueForReassessment(checked, { first: 20 }),
  ]);
  return {
    stages: { total: stages.total, byStage: stages.byStage },
    byRegion: byRegion.map((g) => ({ key: g.key, count: g.count, byStage: g.byStage.map((s) => ({ stage: s.stage, count: s.count })) })),
    bySponsor: bySponsor.map((g) => ({ key: g.key, name: g.name, count: g.count })),
    progression: { mentees: progression.mentees, promotedShare: progression.promotedShare, stays: progression.stays },
    dueForReassessment: {
      totalCount: typeof due.totalCount === "function" ? await due.totalCount() : due.totalCount,
      nodes: due.edges.map((e) => ({ lastAssessedOn: e.node.lastAssessedOn, ikm: { legalName: e.node.ikm.legalName } })),
    },
  };
}

function answer(url: URL): Promise<unknown> {
  const q = url.searchParams;
  switch (url.pathname) {
    case "/opportunities": return opportunities(q.get("ikm")!, (q.get("eligibility") ?? "ELIGIBLE") as Eligibility);
    case "/explain": return explain(q.get("need")!, q.get("ikm")!);
    case "/dashboard": return foundationDashboard(q.get("foundation")!);
    default: return Promise.reject(new Error(`no route ${url.pathname}`));
  }
}

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    answer(new URL(req.url ?? "/", "http://floor")).then(
      (data) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ data }));
      },
      (error: Error) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: error.message }] }));
      },
    );
  });
});
server.listen(0, "127.0.0.1", () => console.log(`Raw floor: http://127.0.0.1:${(server.address() as AddressInfo).port}`));
