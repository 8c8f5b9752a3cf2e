import type { NeedStatus, ResponseStatus } from "../../../domain/enums.js";
import type { EventBus, SharedTopics } from "../../events/bus.js";
import type { NeedResponse, NeedResponseMember, NeedResponseRevision, NeedResponseRevisionMember } from "../models.js";
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

/** Which responses of a need a list reads: all of them, one IKM's (its own and the consortia it is a member of), or one koperasi's. */
export interface ResponseListScope {
  needId?: string;
  ikmId?: string;
  koperasiId?: string;
  includeWithdrawn: boolean;
}

/** Who answers: one IKM, or one koperasi for a consortium of its members. */
export type ResponderKey = { ikmId: string; koperasiId?: undefined } | { koperasiId: string; ikmId?: undefined };

/** A member's share of a consortium response. */
export interface Share {
  ikmId: string;
  quantityPerMonth: number;
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

  koperasiName(koperasiId: string): Promise<{ name: string } | null> {
    return this.db.koperasi.findUnique({ where: { id: koperasiId }, select: { name: true } });
  }

  /** The koperasi's member IKMs now, locked against leaving until the transaction ends (FOR SHARE). */
  async lockKoperasiMembers(koperasiId: string): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<{ ikmId: string }[]>(
      `SELECT "ikmId"::text AS "ikmId" FROM "KoperasiMembership" WHERE "koperasiId" = $1::uuid FOR SHARE`,
      koperasiId,
    );
    return rows.map((r) => r.ikmId);
  }

  /** Legal names of these IKMs (for messages naming them). */
  ikmNames(ikmIds: string[]): Promise<{ id: string; legalName: string }[]> {
    return this.db.ikm.findMany({ where: { id: { in: ikmIds } }, select: { id: true, legalName: true } });
  }

  find(id: string): Promise<NeedResponse | null> {
    return this.db.needResponse.findUnique({ where: { id } });
  }

  /** The response with its need's firm and its consortium's members (for access decisions), or null. */
  findWithNeed(id: string): Promise<(NeedResponse & { need: { firmId: string; status: NeedStatus }; members: { ikmId: string }[] }) | null> {
    return this.db.needResponse.findUnique({ where: { id }, include: { need: { select: { firmId: true, status: true } }, members: { select: { ikmId: true } } } });
  }

  /** The response of this IKM, or of this koperasi, to the need. */
  findOf(needId: string, responder: ResponderKey): Promise<NeedResponse | null> {
    return responder.ikmId
      ? this.db.needResponse.findUnique({ where: { needId_ikmId: { needId, ikmId: responder.ikmId } } })
      : this.db.needResponse.findUnique({ where: { needId_koperasiId: { needId, koperasiId: responder.koperasiId as string } } });
  }

  /** A first response, version 1. A second one for the same need and responder at once fails the unique key (CONFLICT). */
  create(needId: string, responder: ResponderKey, terms: ResponseTerms): Promise<NeedResponse> {
    return this.db.needResponse.create({ data: { needId, ikmId: responder.ikmId ?? null, koperasiId: responder.koperasiId ?? null, ...terms, status: "ACTIVE", version: 1 } });
  }

  /** Replaces a consortium response's members with these shares. */
  async setMembers(responseId: string, shares: readonly Share[]): Promise<void> {
    await this.db.needResponseMember.deleteMany({ where: { responseId } });
    await this.db.needResponseMember.createMany({ data: shares.map((s) => ({ responseId, ikmId: s.ikmId, quantityPerMonth: s.quantityPerMonth })) });
  }

  /** The members of these responses now. */
  membersOf(responseIds: string[]): Promise<NeedResponseMember[]> {
    return this.db.needResponseMember.findMany({ where: { responseId: { in: responseIds } } });
  }

  /** The members each of these revisions had. */
  revisionMembersOf(revisionIds: string[]): Promise<NeedResponseRevisionMember[]> {
    return this.db.needResponseRevisionMember.findMany({ where: { revisionId: { in: revisionIds } } });
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

  /** Records the response's current state as its revision number `version`, with its consortium's members then. */
  async recordRevision(response: NeedResponse, byUserId: string, members: readonly Share[] = []): Promise<void> {
    const revision = await this.db.needResponseRevision.create({
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
      select: { id: true },
    });
    if (members.length) {
      await this.db.needResponseRevisionMember.createMany({ data: members.map((m) => ({ revisionId: revision.id, ikmId: m.ikmId, quantityPerMonth: m.quantityPerMonth })) });
    }
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
    // An IKM's: its own, and the consortium responses it is a member of.
    ...(scope.ikmId ? { OR: [{ ikmId: scope.ikmId }, { members: { some: { ikmId: scope.ikmId } } }] } : {}),
    ...(scope.koperasiId ? { koperasiId: scope.koperasiId } : {}),
    ...(scope.includeWithdrawn ? {} : { status: "ACTIVE" }),
  };
}
