import type { NeedStatus, ResponseStatus } from "../../../domain/enums.js";
import type { EventBus, SharedTopics } from "../../events/bus.js";
import type { NeedResponse, NeedResponseRevision } from "../models.js";
import type { Client } from "./client.js";

/** The terms of a response as they are stored: one revision's values. */
export interface ResponseTerms {
  kind: NeedResponse["kind"];
  unitPriceIdr: bigint | null;
  quantityPerMonth: number | null;
  leadTimeDays: number | null;
  validUntil: Date | null;
  notes: string | null;
  documentUrls: string[];
}

/** The facts of a need a response decision looks at. */
export interface ResponseNeedFacts {
  id: string;
  firmId: string;
  status: NeedStatus;
  title: string;
  unit: string;
}

/** Which responses of a need a list reads: all of them, or one IKM's. */
export interface ResponseListScope {
  needId?: string;
  ikmId?: string;
  includeWithdrawn: boolean;
}

/** Responses of IKMs to component needs, and their revisions (each state a response had). */
export class ResponseRepository {
  constructor(private readonly db: Client) {}

  /**
   * The need's facts, its row locked against a status change (FOR SHARE) until the transaction
   * ends: a need closing meanwhile waits for the response, or the response sees it closed.
   */
  async lockNeed(needId: string): Promise<ResponseNeedFacts | null> {
    const rows = await this.db.$queryRawUnsafe<ResponseNeedFacts[]>(
      `SELECT "id"::text AS id, "firmId"::text AS "firmId", "status"::text AS status, "title", "unit"::text AS unit
         FROM "ComponentNeed" WHERE "id" = $1::uuid FOR SHARE`,
      needId,
    );
    return rows[0] ?? null;
  }

  /** The need's facts without a lock (reads outside a write). */
  findNeedFacts(needId: string): Promise<ResponseNeedFacts | null> {
    return this.db.componentNeed.findUnique({ where: { id: needId }, select: { id: true, firmId: true, status: true, title: true, unit: true } });
  }

  ikmName(ikmId: string): Promise<{ legalName: string } | null> {
    return this.db.ikm.findUnique({ where: { id: ikmId }, select: { legalName: true } });
  }

  find(id: string): Promise<NeedResponse | null> {
    return this.db.needResponse.findUnique({ where: { id } });
  }

  /** The response with its need's firm (for access decisions), or null. */
  findWithNeed(id: string): Promise<(NeedResponse & { need: { firmId: string; status: NeedStatus } }) | null> {
    return this.db.needResponse.findUnique({ where: { id }, include: { need: { select: { firmId: true, status: true } } } });
  }

  findOf(needId: string, ikmId: string): Promise<NeedResponse | null> {
    return this.db.needResponse.findUnique({ where: { needId_ikmId: { needId, ikmId } } });
  }

  /** A first response, version 1. A second one for the same need and IKM at once fails the unique key (CONFLICT). */
  create(needId: string, ikmId: string, terms: ResponseTerms): Promise<NeedResponse> {
    return this.db.needResponse.create({ data: { needId, ikmId, ...terms, status: "ACTIVE", version: 1 } });
  }

  /**
   * Sets a response still at `version` (and in `from`) to new terms and status, bumping the version;
   * null when no row matched (changed meanwhile).
   */
  async replace(id: string, version: number, from: ResponseStatus, status: ResponseStatus, terms: ResponseTerms | null): Promise<NeedResponse | null> {
    const { count } = await this.db.needResponse.updateMany({
      where: { id, version, status: from },
      data: { ...(terms ?? {}), status, version: { increment: 1 } },
    });
    return count ? this.db.needResponse.findUnique({ where: { id } }) : null;
  }

  /** Records the response's current state as its revision number `version`. */
  async recordRevision(response: NeedResponse, byUserId: string): Promise<void> {
    await this.db.needResponseRevision.create({
      data: {
        responseId: response.id,
        number: response.version,
        status: response.status,
        kind: response.kind,
        unitPriceIdr: response.unitPriceIdr,
        quantityPerMonth: response.quantityPerMonth,
        leadTimeDays: response.leadTimeDays,
        validUntil: response.validUntil,
        notes: response.notes,
        documentUrls: response.documentUrls,
        byUserId,
      },
    });
  }

  /** One page of responses, newest submission first (paginate's keyset query). */
  findPage(scope: ResponseListScope, page: { where: object; orderBy: object[]; take: number }): Promise<NeedResponse[]> {
    return this.db.needResponse.findMany({ ...page, where: { AND: [listWhere(scope), page.where] } });
  }

  count(scope: ResponseListScope): Promise<number> {
    return this.db.needResponse.count({ where: listWhere(scope) });
  }

  /** Every revision of these responses, oldest first (one statement for a page of responses). */
  revisionsOf(responseIds: string[]): Promise<NeedResponseRevision[]> {
    return this.db.needResponseRevision.findMany({ where: { responseId: { in: responseIds } }, orderBy: [{ responseId: "asc" }, { number: "asc" }] });
  }

  byIds(ids: string[]): Promise<NeedResponse[]> {
    return this.db.needResponse.findMany({ where: { id: { in: ids } } });
  }

  publishEvent<K extends keyof SharedTopics>(events: EventBus, topic: K, payload: SharedTopics[K]): Promise<void> {
    return events.publish(this.db, topic, payload);
  }
}

function listWhere(scope: ResponseListScope): object {
  return {
    ...(scope.needId ? { needId: scope.needId } : {}),
    ...(scope.ikmId ? { ikmId: scope.ikmId } : {}),
    ...(scope.includeWithdrawn ? {} : { status: "ACTIVE" }),
  };
}
