/** A foundation's dashboards (one SQL statement each) and its mentee list. */
import type { Ikm } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import type { MaturityStage } from "../../domain/enums.js";
import { dayText } from "../../domain/dates.js";
import { STAGE_ORDER } from "../../domain/stages.js";
import { type Page, type PageArgs, encodeCursor, pageOf, pageSize, paginate } from "../../domain/pagination.js";
import { MATURITY } from "../../core/maturity/config.js";
import { reassessmentCutoff } from "../../core/maturity/rules.js";
import type { Viewer } from "../../access/viewer.js";
import { homeFoundation, mayListMentees } from "../../access/maturity.js";
import { decodeDueCursor } from "./maturity.inputs.js";
import type { CheckedFoundation } from "./maturity.scope.js";

/** Which of a foundation's mentees to list. */
export interface MenteeFilter {
  /** At one of these stages. */
  stages?: MaturityStage[] | null;
  /** true: no assessment in MATURITY.reassessAfterMonths; false: assessed within it. */
  dueForReassessment?: boolean | null;
  /** Part of the legal name, case-insensitive. */
  search?: string | null;
}

export interface StageCount {
  stage: MaturityStage;
  count: number;
  share: number;
}

export interface MenteeGroup {
  /** Province code or sponsor firm id; null for mentees without a sponsor. */
  key: string | null;
  /** The sponsor firm's name (by sponsor). */
  name: string | null;
  count: number;
  share: number;
  byStage: StageCount[];
}

interface StageStay {
  stage: MaturityStage;
  /** Median months between entering and leaving the stage, over completed stays. */
  medianMonths: number | null;
  completedStays: number;
  /** Mentees in the stage now. */
  current: number;
}

export interface Progression {
  mentees: number;
  stays: StageStay[];
  promotedInWindow: number;
  promotedShare: number;
  windowMonths: number;
}

export interface DueMentee {
  ikm: Ikm;
  lastAssessedOn: Date | null;
}

/** Counts per stage in stage order, with shares of `total`. */
function stageCounts(rows: { stage: MaturityStage; n: number }[], total: number): StageCount[] {
  return STAGE_ORDER.map((stage) => {
    const count = rows.filter((r) => r.stage === stage).reduce((s, r) => s + r.n, 0);
    return { stage, count, share: total ? count / total : 0 };
  });
}

export class DashboardService {
  constructor(private readonly database: Database) {}

  private get repo() {
    return this.database.repos.maturity.dashboard;
  }

  /** Active mentees per stage, with shares. */
  async stageDistribution({ scope }: CheckedFoundation): Promise<{ total: number; byStage: StageCount[] }> {
    const rows = await this.repo.stageCounts(scope);
    const total = rows.reduce((s, r) => s + r.n, 0);
    return { total, byStage: stageCounts(rows, total) };
  }

  /**
   * Active mentees per province (`by: "region"`) or per sponsor firm (`by: "sponsor"`, with its
   * name), each split by stage, largest first. A mentee sponsored by two firms counts under both;
   * shares are of all active mentees.
   */
  async menteeGroups({ scope }: CheckedFoundation, by: "region" | "sponsor"): Promise<MenteeGroup[]> {
    const rows = await this.repo.menteeGroups(scope, by);
    const total = rows[0]?.total ?? 0;
    const groups = new Map<string | null, typeof rows>();
    for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
    return [...groups.entries()]
      .map(([key, list]) => {
        const count = list.reduce((s, r) => s + r.n, 0);
        return { key, name: list[0].name, count, share: total ? count / total : 0, byStage: stageCounts(list, count) };
      })
      .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
  }

  /**
   * How mentees progress: the median months a stay in each stage lasted (from the change into it
   * to the change out of it, over completed stays: each change records when its from-stage was
   * entered), how many are in each stage now, and the share of mentees promoted within the last
   * MATURITY.promotionWindowMonths.
   */
  async progression({ scope }: CheckedFoundation): Promise<Progression> {
    const windowMonths = MATURITY.promotionWindowMonths;
    const rows = await this.repo.progression(scope, windowMonths);
    const current = rows.filter((r) => r.kind === "current");
    const mentees = current.reduce((s, r) => s + r.n, 0);
    const promoted = rows.find((r) => r.kind === "promoted")?.n ?? 0;
    return {
      mentees,
      windowMonths,
      promotedInWindow: promoted,
      promotedShare: mentees ? promoted / mentees : 0,
      stays: STAGE_ORDER.map((stage) => {
        const stay = rows.find((r) => r.kind === "stay" && r.stage === stage);
        return {
          stage,
          medianMonths: stay?.median == null ? null : Math.round(stay.median * 10) / 10,
          completedStays: stay?.n ?? 0,
          current: current.find((r) => r.stage === stage)?.n ?? 0,
        };
      }),
    };
  }

  /**
   * Active mentees with no assessment in MATURITY.reassessAfterMonths, longest-waiting first (never
   * assessed before all), then by id; keyset-paginated.
   */
  async dueForReassessment({ scope }: CheckedFoundation, args: { first?: number | null; after?: string | null }): Promise<Page<DueMentee>> {
    const first = pageSize(args);
    const after = decodeDueCursor(args.after);
    const rows = await this.repo.dueMentees(scope, reassessmentCutoff(), after, first + 1);
    const totalCount = rows[0]?.total ?? (after ? await this.repo.dueCount(scope, reassessmentCutoff()) : 0);
    const page = rows.slice(0, first).map(({ last, total: _t, ...ikm }) => ({ ikm: ikm as Ikm, lastAssessedOn: last }));
    return pageOf(page, (node) => encodeCursor(node.lastAssessedOn ? dayText(node.lastAssessedOn) : null, node.ikm.id), rows.length > first, totalCount);
  }

  /**
   * A foundation's active mentees (its regional centres' included, each once), by legal name, for
   * the foundation's own people (and those of the foundations above it) and administrators; null for
   * anyone else, as for an IKM's private side. `scopeOf` lets a request share scope reads (loaders).
   */
  async mentees(
    viewer: Viewer,
    foundationId: string,
    args: PageArgs,
    filter: MenteeFilter,
    scopeOf: (foundationId: string) => Promise<readonly string[]>,
  ): Promise<Page<Ikm> | null> {
    const home = homeFoundation(viewer);
    if (!mayListMentees(viewer, foundationId, home ? await scopeOf(home) : null)) return null;
    const scope = [...(await scopeOf(foundationId))];
    const rows = this.repo.mentees(scope, { stages: filter.stages, search: filter.search, due: filter.dueForReassessment, cutoff: reassessmentCutoff() });
    return paginate<Ikm>(
      args,
      { field: "legalName", direction: "asc", kind: "string", valueOf: (i) => i.legalName, idOf: (i) => i.id },
      rows.page,
      rows.count,
    );
  }
}
