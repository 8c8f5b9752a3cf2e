/**
 * npx tsx scripts/bench-supply.ts [-- --population 100k --reps 10 --consortia-needs 5 --alloc-sizes 5,10,20 --alloc-reps 5
 *   --partnerships 200 --seed 7 --data-dir .data/bench --keep]
 * (npm run bench runs it after scripts/bench-consortium.ts and scripts/bench-allocation.ts, on the
 * matching benchmark's database; `npm run bench -- --supply none` skips all three.)
 *
 * Joint supply on the request path (issue 7), on the synthetic population rather than random
 * instances: SupplyService.consortia(needId) and SupplyService.allocate(needIds, method) as an
 * administrator calls them, reading eligible IKMs from the in-memory MatchIndex and profiles,
 * needs and partnerships from PostgreSQL.
 *
 * - Database: the matching benchmark's (scripts/bench.ts): an embedded PostgreSQL in --data-dir
 *   (default .data/bench, database jalin_bench), or BENCH_DATABASE_URL. When it holds fewer IKMs
 *   than --population it is grown to that (npm run seed's generator); when it holds more, the
 *   benchmark runs on what it holds (so under npm run bench: the largest matching size).
 * - Data: one throwaway buyer firm ("PT Bench Supply Buyer") with 20 OPEN needs (the first five as
 *   in the demo and the issue: 200 cylinder sleeves cast in Central Java, 2,000 cast drums, 12,000
 *   ISO 9001 stampings within 150 km, 5,000 turned shafts, 20,000 injection mouldings; then 15
 *   more over the same processes and places, so that they compete for capacity) and --partnerships
 *   ACTIVE partnerships of that firm with random casting IKMs in Central Java, taking 30-100% of
 *   their casting capacity (a fifth of them end before the needs start, so they must not count).
 *   The firm is deleted (with its needs and partnerships, by cascade) before and after the run;
 *   --keep leaves it. Nothing the match index reads is touched.
 * - A 21st need only a consortium can cover, drawn from the population (without it the synthetic
 *   population rarely gets a proposal: capacities are heavy-tailed, so some single IKM somewhere
 *   usually covers a need without a radius): casting around the sentra or koperasi with the most
 *   located casting members, within a radius that takes them all in, its quantity halfway between
 *   the most free capacity of one eligible IKM and that of the cluster's best CONSORTIUM.maxMembers.
 * - consortia: per need (the first --consortia-needs, default 5, and the cluster need), `reps` calls
 *   after two warm-up calls, p50/p95; then the same steps timed one by one (`reps` more times,
 *   medians) to show where the time goes: the need row, the index's rank (top
 *   SUPPLY_REQUESTS.candidatesPerNeed) and count scans (the service runs these two concurrently),
 *   the candidates' profiles from PostgreSQL, their commitments (partnerships), free capacity, and
 *   proposeConsortia. Also the Prisma statements of one call (the index's own queries, such as the
 *   profiles, are not counted there).
 * - allocate: the first 5, 10 and 20 needs (--alloc-sizes), OPTIMAL (HiGHS on the worker thread,
 *   greedy's answer when better) and GREEDY, `alloc-reps` calls each after one warm-up, p50/p95,
 *   with objective, score-weighted coverage, mean coverage and fully covered needs of both; then
 *   once, the steps timed one by one: need rows, rank+count, profiles, commitments, scoring every
 *   (need, eligible IKM) pair and every IKM's free capacity, greedy alone, and the solve on the
 *   worker thread as OPTIMAL runs it (allocate(): greedy, then the MIP; the round trip included),
 *   with the size of the problem sent to the worker.
 *
 * Prints tables and one JSON line. A benchmark, not a test: nothing asserts a time.
 */
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import pino from "pino";
import { seedPopulation } from "../prisma/seed/population.js";
import { rng } from "../prisma/seed/random.js";
import { createDb } from "../src/infra/db/client.js";
import { Database } from "../src/infra/db/repositories/index.js";
import { startEmbeddedPostgres } from "../src/infra/db/embedded.js";
import { migrate } from "../src/infra/db/migrate.js";
import type { CertificationType, MaturityStage, Process, QuantityUnit } from "../src/domain/enums.js";
import { effectiveWeights, haversineKm, scoreMatch } from "../src/core/matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../src/core/matching/types.js";
import { EventBus } from "../src/infra/events/bus.js";
import { AuthService } from "../src/features/accounts/auth.service.js";
import { IkmService } from "../src/features/ikms/ikm.service.js";
import { MatchIndex } from "../src/infra/match-index/match-index.js";
import { MatchService, needProfile } from "../src/features/matching/match.service.js";
import { NeedService } from "../src/features/needs/need.service.js";
import { SupplyService } from "../src/features/supply/supply.service.js";
import type { Viewer } from "../src/access/viewer.js";
import { AllocationRunner } from "../src/infra/solver/allocation-pool.js";
import { type Allocation, type AllocationOption, allocateGreedy, supplyOf } from "../src/core/supply/allocation.js";
import { bottleneck } from "../src/core/supply/capacity.js";
import { CONSORTIUM, SUPPLY_REQUESTS } from "../src/core/supply/config.js";
import { capacityForNeed, proposeConsortia } from "../src/core/supply/consortium.js";
import { parseSize } from "./bench-server.js";

const { values } = parseArgs({
  options: {
    /** Grow the database to at least this many IKMs first. */
    population: { type: "string", default: "100k" },
    /** Timed consortia calls per need (and as many step-by-step runs). */
    reps: { type: "string", default: "10" },
    /** consortia for the first N needs. */
    "consortia-needs": { type: "string", default: "5" },
    /** Allocate the first N needs, for each N. */
    "alloc-sizes": { type: "string", default: "5,10,20" },
    /** Timed allocate calls per size and method. */
    "alloc-reps": { type: "string", default: "5" },
    /** ACTIVE partnerships with random Central Java casting IKMs. */
    partnerships: { type: "string", default: "200" },
    seed: { type: "string", default: "7" },
    "data-dir": { type: "string", default: ".data/bench" },
    /** Leave the bench firm, its needs and partnerships in the database. */
    keep: { type: "boolean", default: false },
  },
});

const population = parseSize(values.population);
const reps = Number(values.reps);
const consortiaNeeds = Number(values["consortia-needs"]);
const allocSizes = values["alloc-sizes"].split(",").map(Number);
const allocReps = Number(values["alloc-reps"]);
const partnershipCount = parseSize(values.partnerships);
const seed = Number(values.seed);
const FIRM = "PT Bench Supply Buyer";
const log = pino({ level: "warn" });

/** The needs start after the population's reference date (2026-11-22), as a need published today would. */
const NEED_START = new Date(Date.UTC(2027, 0, 1));
const SOLO = [-7.5666, 110.8167] as const;
const CEPER = [-7.66, 110.68] as const;
const BEKASI = [-6.3, 107.15] as const;

interface NeedSpec {
  title: string;
  processes: Process[];
  materials: string[];
  quantity: number;
  unit?: QuantityUnit;
  toleranceMm?: number;
  certs?: CertificationType[];
  stage: MaturityStage;
  region?: string;
  place?: readonly [number, number];
  radiusKm?: number;
}

/**
 * The first five as in the issue and the demo; the others over the same processes and places, so
 * that the larger allocations have needs competing for the same IKMs' capacity.
 */
const NEEDS: NeedSpec[] = [
  { title: "Cylinder sleeve FC250", processes: ["CASTING"], materials: ["besi cor fc250"], quantity: 200, toleranceMm: 0.8, stage: "MADYA", region: "33" },
  { title: "Brake drum casting", processes: ["CASTING"], materials: ["besi cor fc200"], quantity: 2000, toleranceMm: 1, stage: "MADYA", region: "33" },
  { title: "Engine mounting bracket", processes: ["STAMPING"], materials: ["baja spcc"], quantity: 12000, toleranceMm: 0.15, certs: ["ISO_9001"], stage: "PRAMANDIRI", place: SOLO, radiusKm: 150 },
  { title: "Turned shaft S45C", processes: ["MACHINING_MANUAL"], materials: ["baja s45c"], quantity: 5000, toleranceMm: 0.05, stage: "MADYA", place: SOLO },
  { title: "PP battery cover", processes: ["PLASTIC_INJECTION"], materials: ["pp"], quantity: 20000, toleranceMm: 0.2, stage: "PRAMANDIRI" },
  { title: "Brake drum, cast and turned", processes: ["CASTING", "MACHINING_MANUAL"], materials: ["besi cor fc200"], quantity: 800, toleranceMm: 0.1, stage: "MADYA", region: "33" },
  { title: "Aluminium pulley", processes: ["CASTING"], materials: ["aluminium"], quantity: 1500, toleranceMm: 0.5, stage: "PEMULA", region: "35" },
  { title: "Brass valve body", processes: ["CASTING"], materials: ["kuningan"], quantity: 300, toleranceMm: 0.5, certs: ["ISO_9001"], stage: "PRAMANDIRI" },
  { title: "Brass bushing", processes: ["MACHINING_MANUAL"], materials: ["kuningan"], quantity: 3000, toleranceMm: 0.05, stage: "MADYA", region: "33" },
  { title: "Seat bracket set", processes: ["STAMPING"], materials: ["baja spcc"], quantity: 20000, toleranceMm: 0.2, stage: "MADYA", place: BEKASI, radiusKm: 100 },
  { title: "CNC flange", processes: ["MACHINING_CNC"], materials: ["baja s45c"], quantity: 2000, toleranceMm: 0.02, certs: ["ISO_9001"], stage: "PRAMANDIRI" },
  { title: "Welded carrier frame", processes: ["WELDING_FABRICATION"], materials: ["baja ss400"], quantity: 400, toleranceMm: 1, stage: "MADYA", region: "32" },
  { title: "Galvanised panel box", processes: ["SHEET_METAL"], materials: ["plat galvanis"], quantity: 1000, toleranceMm: 0.5, stage: "PEMULA", region: "32" },
  { title: "ABS switch knob", processes: ["PLASTIC_INJECTION"], materials: ["abs"], quantity: 50000, toleranceMm: 0.1, stage: "MADYA" },
  { title: "Forged gear lever", processes: ["FORGING"], materials: ["baja karbon"], quantity: 1500, toleranceMm: 0.5, stage: "MADYA", region: "33" },
  { title: "Forged and turned gear blank", processes: ["FORGING", "MACHINING_MANUAL"], materials: ["baja s45c"], quantity: 600, toleranceMm: 0.1, stage: "PRAMANDIRI" },
  { title: "Galvanised pipe clamp", processes: ["STAMPING"], materials: ["plat galvanis"], quantity: 8000, toleranceMm: 0.3, stage: "PEMULA", region: "35" },
  { title: "ADC12 intake manifold", processes: ["CASTING"], materials: ["aluminium adc12"], quantity: 1000, toleranceMm: 0.5, stage: "MADYA", place: CEPER, radiusKm: 60 },
  { title: "Stainless shaft sleeve", processes: ["MACHINING_CNC"], materials: ["stainless steel"], quantity: 4000, toleranceMm: 0.02, stage: "MADYA", region: "35" },
  { title: "Mudguard stay", processes: ["SHEET_METAL", "WELDING_FABRICATION"], materials: ["baja spcc"], quantity: 500, toleranceMm: 1, stage: "MADYA" },
];

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs: number[]) => percentile(xs, 50);
const f1 = (x: number) => x.toFixed(1);

/** Units of one need an IKM can still take, by the rule SupplyService uses (src/core/supply/capacity.ts). */
const freeForNeed = (need: Pick<NeedProfile, "processes" | "unit">, supply: ReturnType<typeof supplyOf>): number =>
  bottleneck(need, supply.free, (f) => Math.max(0, Math.floor(f.quantity)));

/** Laps of a stopwatch, by name. */
function stopwatch() {
  let last = performance.now();
  const laps: Record<string, number> = {};
  return {
    laps,
    lap(name: string) {
      const now = performance.now();
      laps[name] = (laps[name] ?? 0) + now - last;
      last = now;
    },
  };
}

/** Medians of each step over runs. */
function medians(runs: Array<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.keys(runs[0] ?? {}).map((k) => [k, median(runs.map((r) => r[k]))]));
}

type Db = ReturnType<typeof createDb>["prisma"];

/** The bench firm with its needs and partnerships, fresh (the previous run's deleted by cascade); the needs' ids in NEEDS order. */
async function prepare(prisma: Db, client: pg.Client): Promise<{ needIds: string[]; clusterNeed: ClusterNeed | null; partnerships: number; partnershipsEndedBefore: number }> {
  await prisma.firm.deleteMany({ where: { name: FIRM } });
  const firm = await prisma.firm.create({ data: { name: FIRM, sector: "AUTOMOTIVE", tier: "TIER_1", regionCode: "32.16" } });
  const needIds: string[] = [];
  for (const [i, n] of NEEDS.entries()) {
    const row = await prisma.componentNeed.create({
      data: {
        firmId: firm.id, title: n.title, description: "bench-supply need", processes: n.processes, materials: n.materials,
        quantityPerMonth: n.quantity, unit: n.unit ?? "PCS", toleranceMm: n.toleranceMm ?? null, requiredCertifications: n.certs ?? [],
        minimumStage: n.stage, preferredRegionCode: n.region ?? null, latitude: n.place?.[0] ?? null, longitude: n.place?.[1] ?? null,
        radiusKm: n.radiusKm ?? null, startDate: NEED_START, status: "OPEN", publishedAt: new Date(Date.now() - i * 60_000),
      },
    });
    needIds.push(row.id);
  }
  // Random (deterministic for --seed and the population) casting IKMs in Central Java, where the casting needs look.
  const picked = await client.query<{ id: string; capacity: number }>(
    `SELECT c."ikmId" AS id, c."monthlyCapacity" AS capacity
       FROM "Capability" c JOIN "Ikm" i ON i.id = c."ikmId"
      WHERE c.process = 'CASTING' AND c."capacityUnit" = 'PCS' AND i."regionCode" LIKE '33%'
      ORDER BY md5(c."ikmId"::text || $1), c."ikmId" LIMIT $2`,
    [String(seed), partnershipCount],
  );
  const r = rng(seed);
  let ended = 0;
  const rows = picked.rows.map((p) => {
    const endsBefore = r() < 0.2;
    if (endsBefore) ended++;
    return {
      firmId: firm.id, ikmId: p.id, component: "Bench casting contract", processes: ["CASTING" as const], unit: "PCS" as const,
      quantityPerMonth: Math.max(1, Math.floor(p.capacity * (0.3 + 0.7 * r()))),
      startDate: new Date(Date.UTC(2026, 5, 1)), endDate: endsBefore ? new Date(Date.UTC(2026, 11, 31)) : null, status: "ACTIVE" as const,
    };
  });
  if (rows.length) await prisma.partnership.createMany({ data: rows });
  return { needIds, clusterNeed: await prepareClusterNeed(prisma, client, firm.id), partnerships: rows.length, partnershipsEndedBefore: ended };
}

interface ClusterNeed {
  id: string;
  title: string;
  cluster: string;
  radiusKm: number;
  /** Most free capacity of one eligible IKM, and of the best CONSORTIUM.maxMembers of one cluster (set by calibrate). */
  maxSingle?: number;
  bestCluster?: number;
}

/**
 * One need only a consortium can cover, drawn from the population: the sentra or koperasi with the
 * most located casting members, a casting need centred on them with a radius that takes them all
 * in. Its quantity is set by calibrateClusterNeed once the index is up. Without such a need the
 * synthetic population rarely gets a proposal: capacities are heavy-tailed, so for a need without a
 * radius some single IKM somewhere usually covers it (and consortia are proposed only when none can).
 */
async function prepareClusterNeed(prisma: Db, client: pg.Client, firmId: string): Promise<ClusterNeed | null> {
  const found = await client.query<{ kind: string; cluster: string; lats: number[]; lons: number[] }>(
    `WITH members AS (
       SELECT 'sentra' AS kind, "sentraId" AS cluster, "ikmId" FROM "SentraMembership"
       UNION ALL SELECT 'koperasi', "koperasiId", "ikmId" FROM "KoperasiMembership")
     SELECT m.kind, m.cluster, array_agg(i.latitude) AS lats, array_agg(i.longitude) AS lons
       FROM members m JOIN "Ikm" i ON i.id = m."ikmId"
      WHERE i.latitude IS NOT NULL AND i.longitude IS NOT NULL
        AND EXISTS (SELECT 1 FROM "Capability" c WHERE c."ikmId" = i.id AND c.process = 'CASTING' AND c."capacityUnit" = 'PCS')
      GROUP BY m.kind, m.cluster ORDER BY count(*) DESC, m.cluster LIMIT 1`,
  );
  const c = found.rows[0];
  if (!c || c.lats.length < 2) return null;
  const lat = c.lats.reduce((a, b) => a + b, 0) / c.lats.length;
  const lon = c.lons.reduce((a, b) => a + b, 0) / c.lons.length;
  const radiusKm = Math.max(5, Math.ceil(Math.max(...c.lats.map((la, i) => haversineKm(lat, lon, la, c.lons[i])))) + 1);
  const title = `Casting order around a ${c.kind} (${c.lats.length} located casting members, ${radiusKm} km)`;
  const row = await prisma.componentNeed.create({
    data: {
      firmId, title, description: "bench-supply need only a consortium covers", processes: ["CASTING"], materials: ["besi cor"],
      quantityPerMonth: 1, unit: "PCS", toleranceMm: 1, requiredCertifications: [], minimumStage: "PEMULA", latitude: lat, longitude: lon,
      radiusKm, startDate: NEED_START, status: "OPEN", publishedAt: new Date(),
    },
  });
  return { id: row.id, title, cluster: `${c.kind} ${c.cluster}`, radiusKm };
}

/**
 * The cluster need's quantity: halfway between the most one eligible IKM has free and the most
 * the best CONSORTIUM.maxMembers of one cluster have free together, as the service counts free
 * capacity (asked with a quantity of 1, every eligible IKM with capacity left is a "single supplier").
 */
async function calibrateClusterNeed(prisma: Db, supply: SupplyService, index: MatchIndex, admin: Viewer, need: ClusterNeed): Promise<void> {
  const probe = await supply.consortia(admin, need.id);
  const free = new Map(probe.singleSuppliers.map((s) => [s.ikmId, s.freeCapacity]));
  const maxSingle = Math.max(0, ...free.values());
  const byCluster = new Map<string, number[]>();
  for (const p of await index.profiles([...free.keys()])) {
    for (const key of [...p.koperasiIds.map((k) => `K${k}`), ...p.sentraIds.map((k) => `S${k}`), ...p.foundationIds.map((k) => `F${k}`)]) {
      byCluster.set(key, [...(byCluster.get(key) ?? []), free.get(p.id)!]);
    }
  }
  const bestCluster = Math.max(0, ...[...byCluster.values()].map((xs) => xs.sort((a, b) => b - a).slice(0, CONSORTIUM.maxMembers).reduce((a, b) => a + b, 0)));
  const quantity = bestCluster > maxSingle + 1 ? maxSingle + Math.ceil((bestCluster - maxSingle) / 2) : maxSingle + 1;
  await prisma.componentNeed.update({ where: { id: need.id }, data: { quantityPerMonth: quantity } });
  need.maxSingle = maxSingle;
  need.bestCluster = bestCluster;
}

async function main() {
  let url = process.env.BENCH_DATABASE_URL;
  let stopDb = async () => undefined as void;
  if (!url) {
    // The matching benchmark's cluster and database (scripts/bench.ts), so the same population.
    const db = await startEmbeddedPostgres({ dir: path.resolve(values["data-dir"], "pg"), port: 54339, database: "jalin_bench" });
    url = db.url;
    stopDb = db.stop;
  }
  const client = new pg.Client({ connectionString: url });
  const { prisma, statements } = createDb(url);
  let index: MatchIndex | null = null;
  let runner: AllocationRunner | null = null;
  let prepared = false;
  try {
    await migrate(url);
    await client.connect();
    const have = Number((await client.query(`SELECT count(*) AS n FROM "Ikm"`)).rows[0].n);
    if (have < population) {
      const t0 = performance.now();
      process.stderr.write(`seeding ${population - have} IKMs to reach ${population}...\n`);
      await seedPopulation(url, { ikms: population - have, seed: 1 + have });
      process.stderr.write(`  seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
    const ikms = Number((await client.query(`SELECT count(*) AS n FROM "Ikm"`)).rows[0].n);
    prepared = true;
    const { needIds, clusterNeed, partnerships, partnershipsEndedBefore } = await prepare(prisma, client);

    index = await MatchIndex.start(url, log);
    const indexLoadS = index.stats().loadMs / 1000;
    process.stderr.write(`${ikms} IKMs, index loaded in ${indexLoadS.toFixed(1)} s; ${needIds.length} needs, ${partnerships} partnerships\n`);

    // The services SupplyService needs, wired as createServices (src/features/index.ts) does; no
    const database = new Database(prisma);
    // LiveService, whose rechecks would run alongside. The event bus is not started: nothing here publishes.
    const auth = new AuthService(database, new TextEncoder().encode("bench-supply-secret-bench-supply-secret"), "1h");
    const ikmService = new IkmService(database, auth);
    const needs = new NeedService(database, new EventBus(log));
    const matching = new MatchService(database, index, needs, ikmService);
    runner = new AllocationRunner();
    const supply = new SupplyService(database, index, needs, matching, runner);
    const admin: Viewer = { kind: "user", role: "ADMIN", userId: randomUUID(), firmId: null, foundationId: null, ikmId: null };
    if (clusterNeed) await calibrateClusterNeed(prisma, supply, index, admin, clusterNeed);

    // ---- consortia, per need ------------------------------------------------------------------
    const consortia = [];
    const consortiaSet = [
      ...needIds.slice(0, consortiaNeeds).map((id, i) => ({ id, title: NEEDS[i].title })),
      ...(clusterNeed ? [{ id: clusterNeed.id, title: clusterNeed.title }] : []),
    ];
    for (const { id: needId, title } of consortiaSet) {
      for (let w = 0; w < 2; w++) await supply.consortia(admin, needId);
      statements.reset();
      const answer = await supply.consortia(admin, needId);
      const sql = statements.count;
      const times: number[] = [];
      for (let k = 0; k < reps; k++) {
        const t0 = performance.now();
        await supply.consortia(admin, needId);
        times.push(performance.now() - t0);
      }
      // The same steps one by one (as SupplyService.consortia and its eligible() and commitments() take them).
      const steps: Array<Record<string, number>> = [];
      let commitmentRows = 0;
      for (let k = 0; k < reps; k++) {
        const w = stopwatch();
        const need = await needs.get(admin, needId);
        const profile = needProfile(need);
        w.lap("need");
        const top = await index.rank(profile, { first: SUPPLY_REQUESTS.candidatesPerNeed });
        w.lap("rank");
        if (top.hasNextPage) await index.count(profile); // as the service: only when the ranking was cut
        w.lap("count");
        const ids = top.ranked.map((r) => r.id);
        const byId = new Map((await index.profiles(ids)).map((p) => [p.id, p]));
        const profiles = ids.map((id) => byId.get(id)).filter((p): p is SupplierProfile => p !== undefined);
        w.lap("profiles");
        // The service's own (private) query, reached by element access so the step is the code measured.
        const commitments = await supply["commitments"](profiles.map((p) => p.id), [need.id], profile.startDate, profile.endDate ?? null);
        commitmentRows = [...commitments.values()].reduce((n, list) => n + list.length, 0);
        w.lap("commitments");
        const candidates = profiles.map((p) => ({ profile: p, freeCapacity: freeForNeed(profile, supplyOf(p, commitments.get(p.id))) }));
        const single = candidates.filter((c) => Math.min(c.freeCapacity, capacityForNeed(profile, c.profile)) >= profile.quantityPerMonth);
        w.lap("capacity");
        if (single.length !== answer.singleSuppliers.length) process.stderr.write(`warning: step by step found ${single.length} single suppliers, consortia() ${answer.singleSuppliers.length}\n`);
        proposeConsortia(profile, candidates);
        w.lap("propose");
        steps.push(w.laps);
      }
      const best = answer.proposals[0];
      const row = {
        need: title,
        quantity: answer.need.quantityPerMonth,
        eligible: answer.eligibleSuppliers,
        loaded: Math.min(answer.eligibleSuppliers, SUPPLY_REQUESTS.candidatesPerNeed),
        singleSuppliers: answer.singleSuppliers.length,
        proposals: answer.proposals.length,
        bestMembers: best?.members.length ?? null,
        bestRank: best?.rank ?? null,
        bestOptimal: best?.optimal ?? null,
        commitments: commitmentRows,
        prismaStatements: sql,
        p50_ms: percentile(times, 50),
        p95_ms: percentile(times, 95),
        steps_ms: medians(steps),
      };
      consortia.push(row);
      process.stderr.write(`consortia "${row.need}": p50 ${f1(row.p50_ms)} ms, ${row.eligible} eligible, ${row.proposals} proposals\n`);
    }

    // ---- allocate, 5 / 10 / 20 needs ----------------------------------------------------------
    const allocation = [];
    const summary = (a: Allocation) => ({
      method: a.method,
      status: a.provenOptimal ? `${a.status}, proven` : a.status,
      objective: a.objective,
      totalScore: a.totalScore,
      coverage: a.coverage,
      fullyCovered: a.needs.filter((n) => n.uncovered === 0).length,
      model: a.model,
    });
    for (const size of allocSizes) {
      const ids = needIds.slice(0, size);
      if (ids.length < size) throw new Error(`only ${needIds.length} needs: --alloc-sizes ${size} is too many`);
      const methods: Record<string, { p50_ms: number; p95_ms: number; result: ReturnType<typeof summary> }> = {};
      for (const method of ["OPTIMAL", "GREEDY"] as const) {
        await supply.allocate(admin, ids, method);
        const times: number[] = [];
        let last: Allocation | null = null;
        for (let k = 0; k < allocReps; k++) {
          const t0 = performance.now();
          last = await supply.allocate(admin, ids, method);
          times.push(performance.now() - t0);
        }
        methods[method] = { p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), result: summary(last!) };
      }
      // Once, the steps one by one (as SupplyService.allocate takes them).
      const w = stopwatch();
      const rows = await prisma.componentNeed.findMany({ where: { id: { in: ids } } });
      const byId = new Map(rows.map((n) => [n.id, n]));
      const profiles = ids.map((id) => needProfile(byId.get(id)!));
      w.lap("need rows");
      const ranked = await Promise.all(
        profiles.map(async (need) => {
          const [top, count] = await Promise.all([index!.rank(need, { first: SUPPLY_REQUESTS.candidatesPerNeed }), index!.count(need)]);
          return { ids: top.ranked.map((r) => r.id), count };
        }),
      );
      w.lap("rank+count");
      const all = [...new Set(ranked.flatMap((r) => r.ids))];
      const loaded = new Map((await index.profiles(all)).map((p) => [p.id, p]));
      w.lap("profiles");
      const earliestStart = Math.min(...profiles.map((p) => p.startDate));
      const commitments = await supply["commitments"]([...loaded.keys()], ids, earliestStart, profiles.some((p) => p.endDate == null) ? null : Math.max(...profiles.map((p) => p.endDate as number)));
      w.lap("commitments");
      const options: AllocationOption[] = [];
      profiles.forEach((need, n) => {
        const weights = effectiveWeights(need);
        for (const id of ranked[n].ids) {
          const s = loaded.get(id);
          if (!s) continue;
          const r = scoreMatch(need, s, weights);
          options.push({ needId: need.id, ikmId: s.id, score: r.total, eligible: r.eligible });
        }
      });
      const problem = { needs: profiles, options, supply: [...loaded.values()].map((p) => supplyOf(p, commitments.get(p.id))) };
      w.lap("scoring+free");
      allocateGreedy(problem);
      w.lap("greedy");
      await runner.run(problem);
      w.lap("solve (worker)");
      const row = {
        needs: size,
        eligibleSum: ranked.reduce((s, r) => s + r.count, 0),
        profilesLoaded: loaded.size,
        options: options.length,
        commitments: [...commitments.values()].reduce((n, list) => n + list.length, 0),
        problemMb: Buffer.byteLength(JSON.stringify(problem)) / 1024 / 1024,
        optimal: methods.OPTIMAL,
        greedy: methods.GREEDY,
        steps_ms: w.laps,
      };
      allocation.push(row);
      process.stderr.write(`allocate ${size}: OPTIMAL p50 ${f1(row.optimal.p50_ms)} ms, GREEDY p50 ${f1(row.greedy.p50_ms)} ms\n`);
    }

    // ---- report -------------------------------------------------------------------------------
    console.log(`\nJoint supply on the request path: ${ikms.toLocaleString("en-US")} IKMs (index loaded in ${indexLoadS.toFixed(1)} s), ` +
      `${partnerships} partnerships (${partnershipsEndedBefore} ending before the needs start), candidatesPerNeed ${SUPPLY_REQUESTS.candidatesPerNeed}\n`);
    if (clusterNeed) {
      console.log(`Cluster need: ${clusterNeed.cluster}, ${clusterNeed.radiusKm} km; most free capacity of one eligible IKM ${clusterNeed.maxSingle}, ` +
        `of the best ${CONSORTIUM.maxMembers} members of one cluster ${clusterNeed.bestCluster}\n`);
    }
    console.log(`consortia(needId), ${reps} calls per need after warm-up; steps: medians of ${reps} step-by-step runs (rank and count run concurrently in the service)`);
    const stepNames = ["need", "rank", "count", "profiles", "commitments", "capacity", "propose"];
    console.log(`| need | qty/month | eligible | loaded | single | proposals (best: members, rank, optimal) | p50 ms | p95 ms | Prisma SQL | ${stepNames.join(" | ")} |`);
    console.log(`|---|---|---|---|---|---|---|---|---|${stepNames.map(() => "---").join("|")}|`);
    for (const c of consortia) {
      const best = c.bestMembers === null ? "" : ` (${c.bestMembers}, ${f1(c.bestRank!)}, ${c.bestOptimal ? "yes" : "no"})`;
      console.log(`| ${c.need} | ${c.quantity.toLocaleString("en-US")} | ${c.eligible.toLocaleString("en-US")} | ${c.loaded} | ${c.singleSuppliers} | ${c.proposals}${best} | ` +
        `${f1(c.p50_ms)} | ${f1(c.p95_ms)} | ${c.prismaStatements} | ${stepNames.map((s) => f1(c.steps_ms[s] ?? 0)).join(" | ")} |`);
    }
    console.log(`\nallocate(needIds), ${allocReps} calls per size and method after warm-up (OPTIMAL: the MIP on the worker thread, greedy's answer when better)`);
    console.log("| needs | profiles loaded | options | objective MIP / greedy | score MIP / greedy | coverage MIP / greedy | full needs MIP / greedy | MIP status | OPTIMAL ms p50 / p95 | GREEDY ms p50 / p95 |");
    console.log("|---|---|---|---|---|---|---|---|---|---|");
    for (const a of allocation) {
      const m = a.optimal.result;
      const g = a.greedy.result;
      console.log(`| ${a.needs} | ${a.profilesLoaded.toLocaleString("en-US")} | ${a.options.toLocaleString("en-US")} | ${f1(m.objective)} / ${f1(g.objective)} | ` +
        `${f1(m.totalScore)} / ${f1(g.totalScore)} | ${(100 * m.coverage).toFixed(1)}% / ${(100 * g.coverage).toFixed(1)}% | ${m.fullyCovered} / ${g.fullyCovered} | ` +
        `${m.status} | ${a.optimal.p50_ms.toFixed(0)} / ${a.optimal.p95_ms.toFixed(0)} | ${a.greedy.p50_ms.toFixed(0)} / ${a.greedy.p95_ms.toFixed(0)} |`);
    }
    const allocSteps = ["need rows", "rank+count", "profiles", "commitments", "scoring+free", "greedy", "solve (worker)"];
    console.log("\nallocate, one run step by step (ms)");
    console.log(`| needs | ${allocSteps.join(" | ")} | problem sent to the worker |`);
    console.log(`|---|${allocSteps.map(() => "---").join("|")}|---|`);
    for (const a of allocation) {
      console.log(`| ${a.needs} | ${allocSteps.map((s) => f1(a.steps_ms[s] ?? 0)).join(" | ")} | ${a.options.toLocaleString("en-US")} options, ` +
        `${a.profilesLoaded.toLocaleString("en-US")} supplies, ${a.problemMb.toFixed(1)} MB as JSON |`);
    }
    console.log(JSON.stringify({
      bench: "supply", ikms, indexLoadS, partnerships, partnershipsEndedBefore, candidatesPerNeed: SUPPLY_REQUESTS.candidatesPerNeed,
      reps, allocReps, clusterNeed, consortia, allocation,
    }));
  } finally {
    await runner?.close().catch(() => undefined);
    await index?.close().catch(() => undefined);
    if (prepared && !values.keep) await prisma.firm.deleteMany({ where: { name: FIRM } }).catch(() => undefined);
    await prisma.$disconnect().catch(() => undefined);
    await client.end().catch(() => undefined);
    await stopDb();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
