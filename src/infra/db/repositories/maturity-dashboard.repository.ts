/**
 * A foundation's dashboards and mentee list: one SQL statement each, over the foundation's scope
 * (it and its regional centres, as ids). Reached as `repos.maturity.dashboard`.
 */
import type { Prisma } from "../../../generated/prisma/client.js";
import type { MaturityStage } from "../../../domain/enums.js";
import type { Ikm } from "../models.js";
import type { Client } from "./client.js";
import { ikmWhere } from "./filters.js";

const MONTH_SECONDS = 86_400 * 30.436875;

/**
 * A foundation's active mentees, from its scope as a parameter (parameter $1: the ids): the planner
 * then knows how few rows a small foundation has (index lookups) and how many a large one has.
 */
const MENTEES_CTE = `mentees AS (
  SELECT DISTINCT m."ikmId" AS id FROM "Mentorship" m WHERE m."foundationId" = ANY($1::uuid[]) AND m.status = 'ACTIVE'
)`;

export interface StageCountRow {
  stage: MaturityStage;
  n: number;
}

export interface MenteeGroupRow extends StageCountRow {
  key: string | null;
  name: string | null;
  total: number;
}

export interface ProgressionRow {
  kind: string;
  stage: MaturityStage | null;
  median: number | null;
  n: number;
}

/** Where a due list's page starts: after the row with this last assessment day (or none) and id. */
export interface DueAfter {
  last: string | null;
  id: string;
}

/** Which mentees a foundation's mentee list shows (the service's MenteeFilter, with the cut-off day). */
export interface MenteeQuery {
  stages?: MaturityStage[] | null;
  search?: string | null;
  /** true: no assessment since `cutoff`; false: one since; null: either. */
  due?: boolean | null;
  /** YYYY-MM-DD. */
  cutoff: string;
}

export class MaturityDashboardRepository {
  constructor(private readonly db: Client) {}

  /** Active mentees per stage. */
  stageCounts(scope: readonly string[]): Promise<StageCountRow[]> {
    return this.db.$queryRawUnsafe<StageCountRow[]>(
      `WITH ${MENTEES_CTE}
       SELECT i."currentStage" AS stage, count(*)::int AS n FROM mentees JOIN "Ikm" i ON i.id = mentees.id GROUP BY 1`,
      scope,
    );
  }

  /** Active mentees per province or sponsor firm and stage, each row with the total of active mentees. */
  menteeGroups(scope: readonly string[], by: "region" | "sponsor"): Promise<MenteeGroupRow[]> {
    const sql = by === "region"
      ? `WITH ${MENTEES_CTE}
         SELECT left(i."regionCode", 2) AS key, NULL AS name, i."currentStage" AS stage, count(*)::int AS n, (SELECT count(*) FROM mentees)::int AS total
           FROM mentees JOIN "Ikm" i ON i.id = mentees.id GROUP BY 1, 3`
      : `WITH ${MENTEES_CTE}, sponsored AS (
           SELECT DISTINCT m."ikmId", m."sponsorFirmId" FROM "Mentorship" m
            WHERE m."foundationId" = ANY($1::uuid[]) AND m.status = 'ACTIVE'
         )
         SELECT s."sponsorFirmId"::text AS key, f.name, i."currentStage" AS stage, count(*)::int AS n, (SELECT count(*) FROM mentees)::int AS total
           FROM sponsored s JOIN "Ikm" i ON i.id = s."ikmId" LEFT JOIN "Firm" f ON f.id = s."sponsorFirmId" GROUP BY 1, 2, 3`;
    return this.db.$queryRawUnsafe<MenteeGroupRow[]>(sql, scope);
  }

  /**
   * Completed stays per from-stage with their median months ('stay'), mentees per stage now
   * ('current'), and mentees promoted within `windowMonths` ('promoted').
   */
  progression(scope: readonly string[], windowMonths: number): Promise<ProgressionRow[]> {
    return this.db.$queryRawUnsafe<ProgressionRow[]>(
      `WITH ${MENTEES_CTE}
       SELECT 'stay' AS kind, sc."fromStage" AS stage,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sc."changedAt" - sc."fromStageSince")) / ${MONTH_SECONDS})::float8 AS median,
              count(*)::int AS n
         FROM "StageChange" sc JOIN mentees ON mentees.id = sc."ikmId"
        WHERE sc."fromStageSince" IS NOT NULL AND sc."fromStage" IS NOT NULL GROUP BY sc."fromStage"
       UNION ALL
       SELECT 'current', i."currentStage", NULL, count(*)::int FROM mentees JOIN "Ikm" i ON i.id = mentees.id GROUP BY i."currentStage"
       UNION ALL
       SELECT 'promoted', NULL, NULL, count(DISTINCT sc."ikmId")::int FROM "StageChange" sc JOIN mentees ON mentees.id = sc."ikmId"
        WHERE sc."changedAt" >= now() - make_interval(months => $2::int) AND sc."fromStage" IS NOT NULL AND sc."toStage" > sc."fromStage"`,
      scope,
      windowMonths,
    );
  }

  /**
   * Active mentees with no assessment since `cutoff`, longest-waiting first (never assessed before
   * all), then by id: `take` rows after `after`, each with its last assessment and the list's total.
   */
  dueMentees(scope: readonly string[], cutoff: string, after: DueAfter | null, take: number): Promise<(Ikm & { last: Date | null; total: number })[]> {
    return this.db.$queryRawUnsafe<(Ikm & { last: Date | null; total: number })[]>(
      // An anti-join the planner can run as a hash (many mentees) or index lookups (few); the last
      // date only for those due; the IKM rows only for the page.
      `WITH ${MENTEES_CTE},
       due_ids AS (
         SELECT m.id FROM mentees m
          WHERE NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a."ikmId" = m.id AND a."assessedOn" >= $2::date)
       ),
       due AS (
         SELECT d.id, l.last, count(*) OVER ()::int AS total
           FROM due_ids d LEFT JOIN (SELECT a."ikmId", max(a."assessedOn") AS last FROM "Assessment" a JOIN due_ids x ON x.id = a."ikmId" GROUP BY a."ikmId") l ON l."ikmId" = d.id
       ),
       page AS (
         SELECT due.* FROM due
          WHERE $3::boolean IS NULL
             OR ($3 AND ((due.last IS NULL AND due.id > $5::uuid) OR due.last IS NOT NULL))
             OR (NOT $3 AND due.last IS NOT NULL AND (due.last > $4::date OR (due.last = $4::date AND due.id > $5::uuid)))
          ORDER BY due.last ASC NULLS FIRST, due.id
          LIMIT $6
       )
       SELECT i.*, page.last, page.total FROM page JOIN "Ikm" i ON i.id = page.id ORDER BY page.last ASC NULLS FIRST, page.id`,
      scope,
      cutoff,
      after ? after.last === null : null,
      after?.last ?? null,
      after?.id ?? null,
      take,
    );
  }

  /** How many active mentees have no assessment since `cutoff`. */
  async dueCount(scope: readonly string[], cutoff: string): Promise<number> {
    const rows = await this.db.$queryRawUnsafe<{ n: number }[]>(
      `WITH ${MENTEES_CTE}
       SELECT count(*)::int AS n FROM mentees m
        WHERE NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a."ikmId" = m.id AND a."assessedOn" >= $2::date)`,
      scope,
      cutoff,
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * The mentee list's two reads for `paginate`: a keyset page (`query` from paginate) and the count,
   * both over the IKMs actively mentored by a foundation of `scope` that pass `filter`.
   */
  mentees(scope: readonly string[], filter: MenteeQuery): {
    page: (query: { where: object; orderBy: object[]; take: number }) => Promise<Ikm[]>;
    count: () => Promise<number>;
  } {
    const and: Prisma.IkmWhereInput[] = [
      { mentorships: { some: { foundationId: { in: [...scope] }, status: "ACTIVE" } } },
      ikmWhere({ stages: filter.stages, search: filter.search }),
    ];
    if (filter.due != null) {
      // The dashboard's rule (dueForReassessment): no assessment since this day.
      const recent = { assessedOn: { gte: new Date(filter.cutoff) } };
      and.push(filter.due ? { assessments: { none: recent } } : { assessments: { some: recent } });
    }
    const where: Prisma.IkmWhereInput = { AND: and };
    return {
      page: (q) => this.db.ikm.findMany({ ...q, where: { AND: [where, q.where] } }),
      count: () => this.db.ikm.count({ where }),
    };
  }
}
