import { Prisma } from "../../../generated/prisma/client.js";
import type { ComponentNeed, NeedStatusChange } from "../models.js";
import type { CertificationType, MaturityStage, NeedStatus, Process, QuantityUnit, SpecificProcess } from "../../../domain/enums.js";
import { EDITABLE_STATUSES, type NeedScope, PUBLISHED_STATUSES } from "../../../domain/need-status.js";
import type { Weights } from "../../../core/matching/config.js";
import type { EventBus, SharedTopics } from "../../events/bus.js";
import type { Page, PageArgs } from "../../../domain/pagination.js";
import { LIST_SQL } from "../sql/lists.js";
import { LOADER_SQL } from "../sql/loaders.js";
import type { SqlReader } from "../sql-reader.js";
import type { Client } from "./client.js";
import type { NeedListFilter } from "./filters.js";
import { listPage } from "./list-page.js";

/** A need's terms as the use case validated them; `weights` is stored as matchWeights (null: the defaults). */
export interface NeedTerms {
  title: string;
  description: string;
  processes: Process[];
  specificProcesses?: SpecificProcess[];
  materials: string[];
  quantityPerMonth: number;
  unit: QuantityUnit;
  toleranceMm?: number | null;
  toleranceCritical?: boolean;
  maxRejectPpm?: number | null;
  requiredCertifications: CertificationType[];
  minimumStage: MaturityStage;
  preferredRegionCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  radiusKm?: number | null;
  startDate: Date;
  /** Last day of supply, inclusive (the service resolves it from endDate or termMonths). */
  endDate?: Date | null;
  weights?: Partial<Weights> | null;
}

/** What a list of needs filters on; every condition given must hold. */
export type { NeedListFilter } from "./filters.js";

/** No firm has this id: a firm account without a firm sees no needs. */
const NO_FIRM = "00000000-0000-0000-0000-000000000000";

/** The filter for the needs `scope` covers. */
export function visibleNeedsWhere(scope: NeedScope): Prisma.ComponentNeedWhereInput {
  switch (scope.kind) {
    case "all":
      return {};
    case "firm":
      return { firmId: scope.firmId ?? NO_FIRM };
    case "published":
      return { status: { in: [...PUBLISHED_STATUSES] } };
  }
}

function listWhere(scope: NeedScope, filter: NeedListFilter): Prisma.ComponentNeedWhereInput {
  return {
    AND: [
      visibleNeedsWhere(scope),
      filter.statuses?.length ? { status: { in: filter.statuses } } : {},
      filter.process ? { processes: { has: filter.process } } : {},
      filter.firmId ? { firmId: filter.firmId } : {},
    ],
  };
}

/** Terms to columns: `weights` becomes matchWeights (null: SQL NULL, the defaults; absent: unchanged). */
function toColumns<T extends { weights?: Partial<Weights> | null }>(data: T) {
  const { weights, ...rest } = data;
  return {
    ...rest,
    ...(weights === undefined ? {} : { matchWeights: weights === null ? Prisma.DbNull : (weights as Prisma.InputJsonValue) }),
  };
}

/** The component needs and their status history. */
export class NeedRepository {
  /** `sql`: findVisibleNeed's prepared statements, outside a transaction only. */
  constructor(private readonly db: Client, private readonly sql: SqlReader | null = null) {}

  async firmExists(firmId: string): Promise<boolean> {
    return (await this.db.firm.findUnique({ where: { id: firmId }, select: { id: true } })) !== null;
  }

  createDraft(firmId: string, createdById: string, terms: NeedTerms): Promise<ComponentNeed> {
    return this.db.componentNeed.create({
      data: { ...toColumns(terms), firmId, status: "DRAFT", createdById },
    });
  }

  findNeed(needId: string): Promise<ComponentNeed | null> {
    return this.db.componentNeed.findUnique({ where: { id: needId } });
  }

  findNeedOrThrow(needId: string): Promise<ComponentNeed> {
    return this.db.componentNeed.findUniqueOrThrow({ where: { id: needId } });
  }

  /** The need, when `scope` covers it. */
  async findVisibleNeed(needId: string, scope: NeedScope): Promise<ComponentNeed | null> {
    if (!this.sql) return this.db.componentNeed.findFirst({ where: { AND: [{ id: needId }, visibleNeedsWhere(scope)] } });
    let rows: ComponentNeed[];
    switch (scope.kind) {
      case "all":
        rows = await this.sql.rows(LOADER_SQL.needs, [[needId]]);
        break;
      case "firm":
        rows = scope.firmId ? await this.sql.rows(LOADER_SQL.ownNeed, [needId, scope.firmId]) : [];
        break;
      case "published":
        rows = await this.sql.rows(LOADER_SQL.publishedNeed, [needId, [...PUBLISHED_STATUSES]]);
        break;
    }
    return rows[0] ?? null;
  }

  /** The needs among `needIds` that `scope` covers, in no particular order. */
  findVisibleNeeds(needIds: string[], scope: NeedScope): Promise<ComponentNeed[]> {
    return this.db.componentNeed.findMany({ where: { AND: [{ id: { in: needIds } }, visibleNeedsWhere(scope)] } });
  }

  /** The needs of these firms that `scope` covers, newest first. */
  /** One keyset page (domain/pagination's query) of the needs `scope` covers that match `filter`. */
  /**
   * A page of the needs `scope` lets the viewer see, filtered, newest first. Outside a transaction
   * it runs as prepared statements (sql/lists.ts), in a transaction through Prisma.
   */
  pageOfNeeds(args: PageArgs, scope: NeedScope, filter: NeedListFilter): Promise<Page<ComponentNeed>> {
    return listPage(args, this.sql, {
      order: { field: "createdAt", direction: "desc", kind: "date", valueOf: (n: ComponentNeed) => n.createdAt, idOf: (n: ComponentNeed) => n.id },
      sql: () => LIST_SQL.needs(scope, filter),
      where: () => listWhere(scope, filter),
      findMany: (q) => this.db.componentNeed.findMany(q),
      count: (q) => this.db.componentNeed.count(q),
    });
  }

  /**
   * Changes the terms of a DRAFT or OPEN need still at `version`, bumping the version; false when
   * no row matched (changed meanwhile, or no longer editable).
   */
  async updateEditableTerms(needId: string, version: number, terms: Partial<NeedTerms>): Promise<boolean> {
    const { count } = await this.db.componentNeed.updateMany({
      where: { id: needId, version, status: { in: [...EDITABLE_STATUSES] } },
      data: { ...toColumns(terms), version: { increment: 1 } },
    });
    return count > 0;
  }

  /**
   * Moves a need still at `version` and in `from` to `to`, bumping the version (and stamping
   * publishedAt on its first publication); false when no row matched.
   */
  async moveStatus(needId: string, version: number, from: NeedStatus, to: NeedStatus, firstPublication: boolean): Promise<boolean> {
    const { count } = await this.db.componentNeed.updateMany({
      where: { id: needId, version, status: from },
      data: {
        status: to,
        version: { increment: 1 },
        ...(firstPublication ? { publishedAt: new Date() } : {}),
      },
    });
    return count > 0;
  }

  recordStatusChange(change: { needId: string; fromStatus: NeedStatus; toStatus: NeedStatus; changedById: string; reason: string | null }): Promise<NeedStatusChange> {
    return this.db.needStatusChange.create({ data: change });
  }

  /** Writes an event in this repository's transaction: announced at commit, never if it rolls back. */
  publishEvent<K extends keyof SharedTopics>(events: EventBus, topic: K, payload: SharedTopics[K]): Promise<void> {
    return events.publish(this.db, topic, payload);
  }
}
