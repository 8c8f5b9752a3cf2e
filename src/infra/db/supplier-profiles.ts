/**
 * Reads IKMs as matcher profiles straight from PostgreSQL, in id order: all of them in batches
 * through a server-side cursor (to build the in-memory index), or a few by id (to refresh it).
 */
import type pg from "pg";
import type { CertificationType, MaturityStage, Process, QuantityUnit, SpecificProcess } from "../../domain/enums.js";
import type { SupplierProfile } from "../../core/matching/types.js";
import { lineageCte } from "./foundation-tree.js";
import { type MonthIndex, recencyOf } from "../../core/matching/recency.js";
import { holdsCapacitySql } from "./capacity-holds.js";

/** Partnerships that hold capacity: ACTIVE, or PENDING written by an award (domain/partnership-status.ts). */
const HOLDING = holdsCapacitySql("p");

/** Each foundation with itself and every parent above it: a regional centre's mentees are its parent's too. */
const LINEAGE_CTE = `WITH RECURSIVE ${lineageCte()}`;

/**
 * The delivery record per calendar month (recency.ts's MonthIndex: months since 1970-01), oldest
 * first, and its totals: the profile weighs the months from its reference month (recencyOf).
 */
const MONTH_OF = `((extract(year FROM r.month)::int - 1970) * 12 + extract(month FROM r.month)::int - 1)`;
const MONTH_SUMS = `sum(r."lotsDelivered")::float8 AS lots, sum(r."lotsOnTime")::float8 AS on_time,
         sum(r."qtyDelivered")::float8 AS qty, sum(r."qtyRejected")::float8 AS rejected`;
const MONTH_TOTALS = `sum(m.lots) AS lots, sum(m.on_time) AS on_time, sum(m.qty) AS qty, sum(m.rejected) AS rejected,
         json_agg(json_build_array(m.month, m.lots, m.on_time, m.qty, m.rejected) ORDER BY m.month) AS months`;

/** One row per IKM, children aggregated with index lookups per IKM (each child table has an ikmId index). */
const PROFILE_SQL = (where: string) => `${LINEAGE_CTE}
SELECT i.id, i."currentStage" AS stage, i."regionCode" AS region, i.latitude, i.longitude,
  (SELECT f."scorePercent"::float8 FROM "FiveRAudit" f WHERE f."ikmId" = i.id ORDER BY f."auditedOn" DESC, f.id DESC LIMIT 1) AS five_r,
  d.lots, d.on_time, d.qty, d.rejected, d.months,
  (SELECT json_agg(json_build_array(c.process, c.materials, c."toleranceMm"::float8, c."monthlyCapacity", c."capacityUnit", c."specificProcesses") ORDER BY c.process)
     FROM "Capability" c WHERE c."ikmId" = i.id) AS caps,
  (SELECT json_agg(json_build_array(m.type, m.count, m.cnc) ORDER BY m.type, m.id) FROM "Machine" m WHERE m."ikmId" = i.id) AS machines,
  (SELECT json_agg(json_build_array(ce.type, ce."validFrom" - DATE '1970-01-01', ce."validUntil" - DATE '1970-01-01') ORDER BY ce.type, ce."validFrom", ce.id)
     FROM "Certification" ce WHERE ce."ikmId" = i.id) AS certs,
  (SELECT json_agg(json_build_array(pp.process, p.unit, p."quantityPerMonth", p."startDate" - DATE '1970-01-01', p."endDate" - DATE '1970-01-01', p."needId") ORDER BY p.id, pp.process)
     FROM "Partnership" p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.processes) AS process) pp
    WHERE p."ikmId" = i.id AND ${HOLDING}) AS holds,
  (SELECT json_agg(json_build_array(s.id, s.process) ORDER BY s.id)
     FROM "SentraMembership" sm JOIN "Sentra" s ON s.id = sm."sentraId" WHERE sm."ikmId" = i.id) AS sentra,
  (SELECT json_agg(km."koperasiId" ORDER BY km."koperasiId") FROM "KoperasiMembership" km WHERE km."ikmId" = i.id) AS koperasi,
  (SELECT json_agg(DISTINCT pc.process)
     FROM "KoperasiMembership" km
     JOIN "KoperasiMembership" peer ON peer."koperasiId" = km."koperasiId" AND peer."ikmId" <> km."ikmId"
     JOIN "Capability" pc ON pc."ikmId" = peer."ikmId"
    WHERE km."ikmId" = i.id) AS peer_processes,
  (SELECT json_agg(DISTINCT l.ancestor)
     FROM "Mentorship" m JOIN lineage l ON l.id = m."foundationId"
    WHERE m."ikmId" = i.id AND m.status = 'ACTIVE') AS foundations
FROM "Ikm" i
LEFT JOIN LATERAL (
  SELECT ${MONTH_TOTALS}
    FROM (SELECT ${MONTH_OF} AS month, ${MONTH_SUMS} FROM "DeliveryRecord" r WHERE r."ikmId" = i.id GROUP BY 1) m
) d ON true
${where}
ORDER BY i.id`;

/**
 * The same rows for every IKM at once: each child table aggregated in one pass and joined, instead
 * of index lookups per IKM (several times faster over millions of rows).
 */
const ALL_PROFILES_SQL = `${LINEAGE_CTE}
SELECT i.id, i."currentStage" AS stage, i."regionCode" AS region, i.latitude, i.longitude,
  f.five_r, d.lots, d.on_time, d.qty, d.rejected, d.months, c.caps, mc.machines, ce.certs, h.holds, s.sentra, k.koperasi, kp.peer_processes, fo.foundations
FROM "Ikm" i
LEFT JOIN (SELECT DISTINCT ON ("ikmId") "ikmId", "scorePercent"::float8 AS five_r
             FROM "FiveRAudit" ORDER BY "ikmId", "auditedOn" DESC, id DESC) f ON f."ikmId" = i.id
LEFT JOIN (SELECT m."ikmId", ${MONTH_TOTALS}
             FROM (SELECT r."ikmId", ${MONTH_OF} AS month, ${MONTH_SUMS} FROM "DeliveryRecord" r GROUP BY 1, 2) m
            GROUP BY m."ikmId") d ON d."ikmId" = i.id
LEFT JOIN (SELECT "ikmId", json_agg(json_build_array(process, materials, "toleranceMm"::float8, "monthlyCapacity", "capacityUnit", "specificProcesses") ORDER BY process) AS caps
             FROM "Capability" GROUP BY "ikmId") c ON c."ikmId" = i.id
-- Machines on file: evidence of specific processes (core/matching/process-evidence.ts).
LEFT JOIN (SELECT "ikmId", json_agg(json_build_array(type, count, cnc) ORDER BY type, id) AS machines
             FROM "Machine" GROUP BY "ikmId") mc ON mc."ikmId" = i.id
LEFT JOIN (SELECT "ikmId", json_agg(json_build_array(type, "validFrom" - DATE '1970-01-01', "validUntil" - DATE '1970-01-01') ORDER BY type, "validFrom", id) AS certs
             FROM "Certification" GROUP BY "ikmId") ce ON ce."ikmId" = i.id
-- Partnerships holding capacity (ACTIVE, or PENDING from an award), one entry per process: what they hold of the IKM's capacity, and over which days.
LEFT JOIN (SELECT p."ikmId", json_agg(json_build_array(pp.process, p.unit, p."quantityPerMonth", p."startDate" - DATE '1970-01-01', p."endDate" - DATE '1970-01-01', p."needId") ORDER BY p.id, pp.process) AS holds
             FROM "Partnership" p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.processes) AS process) pp
            WHERE ${HOLDING} GROUP BY p."ikmId") h ON h."ikmId" = i.id
LEFT JOIN (SELECT sm."ikmId", json_agg(json_build_array(st.id, st.process) ORDER BY st.id) AS sentra
             FROM "SentraMembership" sm JOIN "Sentra" st ON st.id = sm."sentraId" GROUP BY sm."ikmId") s ON s."ikmId" = i.id
LEFT JOIN (SELECT "ikmId", json_agg("koperasiId" ORDER BY "koperasiId") AS koperasi
             FROM "KoperasiMembership" GROUP BY "ikmId") k ON k."ikmId" = i.id
LEFT JOIN (
  -- A process counts for a member when some other member works it: more holders than the member itself.
  SELECT km."ikmId", json_agg(DISTINCT held.process) AS peer_processes
    FROM "KoperasiMembership" km
    JOIN (SELECT m."koperasiId", cp.process, count(*) AS holders
            FROM "KoperasiMembership" m JOIN "Capability" cp ON cp."ikmId" = m."ikmId"
           GROUP BY m."koperasiId", cp.process) held ON held."koperasiId" = km."koperasiId"
    LEFT JOIN "Capability" own ON own."ikmId" = km."ikmId" AND own.process = held.process
   WHERE held.holders > CASE WHEN own.id IS NULL THEN 0 ELSE 1 END
   GROUP BY km."ikmId"
) kp ON kp."ikmId" = i.id
LEFT JOIN (SELECT m."ikmId", json_agg(DISTINCT l.ancestor) AS foundations
             FROM "Mentorship" m JOIN lineage l ON l.id = m."foundationId"
            WHERE m.status = 'ACTIVE' GROUP BY m."ikmId") fo ON fo."ikmId" = i.id
ORDER BY i.id`;

interface ProfileRow {
  id: string;
  stage: MaturityStage;
  region: string;
  latitude: number | null;
  longitude: number | null;
  five_r: number | null;
  lots: number | null;
  on_time: number | null;
  qty: number | null;
  rejected: number | null;
  months: Array<[number, number, number, number, number]> | null;
  caps: Array<[Process, string[], number | null, number, QuantityUnit, SpecificProcess[] | null]> | null;
  machines: Array<[string, number, boolean]> | null;
  certs: Array<[CertificationType, number, number | null]> | null;
  holds: Array<[Process, QuantityUnit, number, number, number | null, string | null]> | null;
  sentra: Array<[string, Process]> | null;
  koperasi: string[] | null;
  peer_processes: Process[] | null;
  foundations: string[] | null;
}

function toProfile(r: ProfileRow, asOfMonth: MonthIndex): SupplierProfile {
  const months = (r.months ?? []).map(([month, lots, onTime, qty, rejected]) => ({ month, lots, onTime, qty, rejected }));
  return {
    id: r.id,
    stage: r.stage,
    regionCode: r.region,
    latitude: r.latitude,
    longitude: r.longitude,
    capabilities: (r.caps ?? []).map(([process, materials, toleranceMm, monthlyCapacity, unit, specifics]) => ({
      // The column is a nullable text[] in SQL; a row written outside the API may hold NULL.
      process, specifics: specifics ?? [], materials: materials ?? [], toleranceMm, monthlyCapacity, unit,
    })),
    machines: (r.machines ?? []).map(([type, count, cnc]) => ({ type, count, cnc })),
    certifications: (r.certs ?? []).map(([type, validFrom, validUntil]) => ({ type, validFrom, validUntil })),
    commitments: (r.holds ?? []).map(([process, unit, quantityPerMonth, startDay, endDay, needId]) => ({ process, unit, quantityPerMonth, startDay, endDay, needId })),
    fiveRPercent: r.five_r,
    delivery: {
      lots: r.lots ?? 0, onTime: r.on_time ?? 0, qty: r.qty ?? 0, rejected: r.rejected ?? 0,
      // No record: no recency, the factors score the no-data prior as before.
      recency: months.length ? recencyOf(months, asOfMonth) : null,
    },
    sentraProcesses: [...new Set((r.sentra ?? []).map(([, p]) => p))],
    koperasiPeerProcesses: r.peer_processes ?? [],
    sentraIds: (r.sentra ?? []).map(([id]) => id),
    koperasiIds: r.koperasi ?? [],
    foundationIds: r.foundations ?? [],
  };
}

/**
 * A named prepared statement: `matches` reads its page's profiles on every request, and planning this
 * query took about 1 ms of PostgreSQL's time each (1M IKMs: 3.2 ms a read of 20 unnamed, 1.4 ms prepared).
 */
const PROFILES_BY_ID = { name: "jalin_profiles_by_id", text: PROFILE_SQL(`WHERE i.id = ANY($1::uuid[])`) };

/** Profiles of the given IKMs (missing ids are simply absent), in id order; delivery months weighed from `asOfMonth`. */
export async function loadProfiles(db: pg.Pool | pg.PoolClient, ids: string[], asOfMonth: MonthIndex): Promise<SupplierProfile[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ProfileRow>({ ...PROFILES_BY_ID, values: [ids] });
  return rows.map((r) => toProfile(r, asOfMonth));
}

/**
 * Every IKM, in id order, `batch` at a time, inside one read-only snapshot; delivery months weighed
 * from `asOfMonth`. `onSnapshot` is told that snapshot (pg_current_snapshot(), taken by the
 * transaction's first statement), so changes committed after it can be found (match-index/snapshot.ts).
 */
export async function* streamProfiles(pool: pg.Pool, asOfMonth: MonthIndex, batch = 20_000, onSnapshot?: (snapshot: string) => void): AsyncGenerator<SupplierProfile[]> {
  const client = await pool.connect();
  // pg-pool takes its own error listener off a checked-out client: without one, the server ending
  // this connection mid-read (a restart, pg_terminate_backend) would be an uncaught exception. The
  // failure still reaches the reader through the pending query.
  const onError = () => undefined;
  client.on("error", onError);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: [snapshot] } = await client.query<{ s: string }>("SELECT pg_current_snapshot()::text AS s");
    onSnapshot?.(snapshot.s);
    // Plan for the whole result, not the first rows: every row is read.
    await client.query("SET LOCAL cursor_tuple_fraction = 1.0");
    await client.query("SET LOCAL work_mem = '256MB'");
    await client.query(`DECLARE jalin_profiles NO SCROLL CURSOR FOR ${ALL_PROFILES_SQL}`);
    for (;;) {
      const { rows } = await client.query<ProfileRow>(`FETCH ${batch} FROM jalin_profiles`);
      if (rows.length === 0) break;
      yield rows.map((r) => toProfile(r, asOfMonth));
    }
  } finally {
    // Also when the reader stops early: never hand a connection back inside a transaction.
    await client.query("ROLLBACK").catch(() => undefined);
    client.off("error", onError);
    client.release();
  }
}

/** IKMs whose profile depends on these IKMs: themselves and their koperasi peers (peer processes). */
export async function withKoperasiPeers(db: pg.Pool, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT DISTINCT peer."ikmId" AS id FROM "KoperasiMembership" km
       JOIN "KoperasiMembership" peer ON peer."koperasiId" = km."koperasiId"
      WHERE km."ikmId" = ANY($1::uuid[])`,
    [ids],
  );
  return [...new Set([...ids, ...rows.map((r) => r.id)])];
}
