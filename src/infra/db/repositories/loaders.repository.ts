import { scopeCte } from "../foundation-tree.js";
import type {
  Assessment, Capability, Certification, ComponentNeed, DeliveryRecord, FiveRAudit, Firm, Foundation, Ikm, IkmKbli, Koperasi,
  Machine, Mentorship, NeedResponse, NeedResponseRevision, NeedStatusChange, Partnership, Sentra, StageChange, User,
} from "../models.js";
import { type NeedScope, PUBLISHED_STATUSES } from "../../../domain/need-status.js";
import { LOADER_SQL, type Projection, narrowed } from "../sql/loaders.js";
import type { SqlReader } from "../sql-reader.js";
import type { Client } from "./client.js";
import { visibleNeedsWhere } from "./needs.repository.js";

/** Members of a cluster (sentra or koperasi), each with the cluster's id. */
export type ClusterMember = Ikm & { clusterId: string };

/**
 * The batch reads of the GraphQL loaders (src/api/loaders.ts): each takes the keys of one batch and
 * answers with one statement, the rows of every key together; the loader sorts them out by key.
 */
export class LoaderRepository {
  /**
   * `sql`: the hot reads' prepared statements (sql/loaders.ts) outside a transaction; without it
   * (inside one) the same reads go through Prisma on the transaction's client.
   */
  constructor(private readonly db: Client, private readonly sql: SqlReader | null = null) {}

  firms(ids: string[]): Promise<Firm[]> {
    return this.sql ? this.sql.rows(LOADER_SQL.firms, [ids]) : this.db.firm.findMany({ where: { id: { in: ids } } });
  }

  ikms(ids: string[]): Promise<Ikm[]> {
    return this.sql ? this.sql.rows(LOADER_SQL.ikms, [ids]) : this.db.ikm.findMany({ where: { id: { in: ids } } });
  }

  /** Needs by id, unfiltered: only for needs the caller has already checked the reader may see. */
  needs(ids: string[]): Promise<ComponentNeed[]> {
    return this.sql ? this.sql.rows(LOADER_SQL.needs, [ids]) : this.db.componentNeed.findMany({ where: { id: { in: ids } } });
  }

  users(ids: string[]): Promise<User[]> {
    return this.sql ? this.sql.rows(LOADER_SQL.users, [ids]) : this.db.user.findMany({ where: { id: { in: ids } } });
  }

  /** The needs of these firms `scope` lets its viewer see, newest first (NeedRepository's rule, needs.repository.ts). */
  visibleNeedsOfFirms(firmIds: string[], scope: NeedScope): Promise<ComponentNeed[]> {
    if (!this.sql) {
      return this.db.componentNeed.findMany({
        where: { AND: [{ firmId: { in: firmIds } }, visibleNeedsWhere(scope)] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
    }
    switch (scope.kind) {
      case "all":
        return this.sql.rows(LOADER_SQL.needsOfFirms, [firmIds]);
      case "firm":
        return scope.firmId ? this.sql.rows(LOADER_SQL.ownNeedsOfFirms, [firmIds, scope.firmId]) : Promise.resolve([]);
      case "published":
        return this.sql.rows(LOADER_SQL.publishedNeedsOfFirms, [firmIds, [...PUBLISHED_STATUSES]]);
    }
  }

  membersOfFirms(firmIds: string[]): Promise<User[]> {
    return this.sql ? this.sql.rows(LOADER_SQL.membersOfFirms, [firmIds]) : this.db.user.findMany({ where: { firmId: { in: firmIds } }, orderBy: { name: "asc" } });
  }

  statusChangesOfNeeds(needIds: string[]): Promise<NeedStatusChange[]> {
    return this.sql ? this.sql.rows(LOADER_SQL.statusChangesOfNeeds, [needIds]) : this.db.needStatusChange.findMany({ where: { needId: { in: needIds } }, orderBy: [{ changedAt: "asc" }, { id: "asc" }] });
  }

  /** `projection`: only those columns (with ikmId), through the prepared statements; null or in a transaction: every column. */
  capabilitiesOfIkms(ikmIds: string[], projection: Projection | null = null): Promise<Capability[]> {
    const statement = projection ? narrowed(LOADER_SQL.capabilitiesOfIkms, "Capability", projection) : LOADER_SQL.capabilitiesOfIkms;
    return this.sql ? this.sql.rows(statement, [ikmIds]) : this.db.capability.findMany({ where: { ikmId: { in: ikmIds } }, orderBy: { process: "asc" } });
  }

  machinesOfIkms(ikmIds: string[]): Promise<Machine[]> {
    return this.sql ? this.sql.rows(LOADER_SQL.machinesOfIkms, [ikmIds]) : this.db.machine.findMany({ where: { ikmId: { in: ikmIds } }, orderBy: [{ type: "asc" }, { id: "asc" }] });
  }

  /** `projection`: only those columns (with ikmId), through the prepared statements; null or in a transaction: every column. */
  certificationsOfIkms(ikmIds: string[], projection: Projection | null = null): Promise<Certification[]> {
    const statement = projection ? narrowed(LOADER_SQL.certificationsOfIkms, "Certification", projection) : LOADER_SQL.certificationsOfIkms;
    return this.sql ? this.sql.rows(statement, [ikmIds]) : this.db.certification.findMany({ where: { ikmId: { in: ikmIds } }, orderBy: [{ type: "asc" }, { validFrom: "desc" }] });
  }

  fiveRAuditsOfIkms(ikmIds: string[]): Promise<FiveRAudit[]> {
    return this.db.fiveRAudit.findMany({ where: { ikmId: { in: ikmIds } }, orderBy: [{ auditedOn: "desc" }, { id: "asc" }] });
  }

  /** Deliveries under each partnership, oldest month first. */
  deliveriesOfPartnerships(partnershipIds: string[]): Promise<DeliveryRecord[]> {
    return this.db.deliveryRecord.findMany({ where: { partnershipId: { in: partnershipIds } }, orderBy: [{ month: "asc" }, { id: "asc" }] });
  }

  deliveriesOfIkms(ikmIds: string[]): Promise<DeliveryRecord[]> {
    return this.db.deliveryRecord.findMany({ where: { ikmId: { in: ikmIds } }, orderBy: [{ month: "desc" }, { id: "asc" }] });
  }

  kbliOfIkms(ikmIds: string[]): Promise<IkmKbli[]> {
    return this.db.ikmKbli.findMany({ where: { ikmId: { in: ikmIds } }, orderBy: { code: "asc" } });
  }

  /** The sentras each IKM belongs to, each with the member's id. */
  async sentrasOfIkms(ikmIds: string[]): Promise<(Sentra & { ikmId: string })[]> {
    const rows = await this.db.sentraMembership.findMany({ where: { ikmId: { in: ikmIds } }, include: { sentra: true } });
    return rows.map((m) => ({ ...m.sentra, ikmId: m.ikmId }));
  }

  /** The koperasis each IKM belongs to, each with the member's id. */
  async koperasisOfIkms(ikmIds: string[]): Promise<(Koperasi & { ikmId: string })[]> {
    const rows = await this.db.koperasiMembership.findMany({ where: { ikmId: { in: ikmIds } }, include: { koperasi: true } });
    return rows.map((m) => ({ ...m.koperasi, ikmId: m.ikmId }));
  }

  /** The member IKMs of each sentra, by legal name. */
  async membersOfSentras(sentraIds: string[]): Promise<ClusterMember[]> {
    const rows = await this.db.sentraMembership.findMany({
      where: { sentraId: { in: sentraIds } }, include: { ikm: true }, orderBy: { ikm: { legalName: "asc" } },
    });
    return rows.map((m) => ({ ...m.ikm, clusterId: m.sentraId }));
  }

  /** The member IKMs of each koperasi, by legal name. */
  async membersOfKoperasis(koperasiIds: string[]): Promise<ClusterMember[]> {
    const rows = await this.db.koperasiMembership.findMany({
      where: { koperasiId: { in: koperasiIds } }, include: { ikm: true }, orderBy: { ikm: { legalName: "asc" } },
    });
    return rows.map((m) => ({ ...m.ikm, clusterId: m.koperasiId }));
  }

  async memberCountsOfSentras(sentraIds: string[]): Promise<{ key: string; count: number }[]> {
    const groups = await this.db.sentraMembership.groupBy({ by: ["sentraId"], where: { sentraId: { in: sentraIds } }, _count: { _all: true } });
    return groups.map((g) => ({ key: g.sentraId, count: g._count._all }));
  }

  async memberCountsOfKoperasis(koperasiIds: string[]): Promise<{ key: string; count: number }[]> {
    const groups = await this.db.koperasiMembership.groupBy({ by: ["koperasiId"], where: { koperasiId: { in: koperasiIds } }, _count: { _all: true } });
    return groups.map((g) => ({ key: g.koperasiId, count: g._count._all }));
  }

  foundations(ids: string[]): Promise<Foundation[]> {
    return this.db.foundation.findMany({ where: { id: { in: ids } } });
  }

  /** The regional centres directly below each foundation, by name. */
  centresOfFoundations(foundationIds: string[]): Promise<Foundation[]> {
    return this.db.foundation.findMany({ where: { parentId: { in: foundationIds } }, orderBy: { name: "asc" } });
  }

  /** Each foundation (root) with itself and every regional centre below it: one statement for all. */
  foundationScopes(foundationIds: string[]): Promise<{ root: string; id: string }[]> {
    return this.db.$queryRawUnsafe(
      `WITH RECURSIVE ${scopeCte("id = ANY($1::uuid[])")} SELECT root::text AS root, id::text AS id FROM scope`,
      foundationIds,
    );
  }

  mentorshipsOfIkms(ikmIds: string[]): Promise<Mentorship[]> {
    return this.db.mentorship.findMany({ where: { ikmId: { in: ikmIds } }, orderBy: [{ startedOn: "desc" }, { id: "asc" }] });
  }

  assessmentsOfIkms(ikmIds: string[]): Promise<Assessment[]> {
    return this.db.assessment.findMany({
      where: { ikmId: { in: ikmIds } }, orderBy: [{ assessedOn: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    });
  }

  stageChangesOfIkms(ikmIds: string[]): Promise<StageChange[]> {
    return this.db.stageChange.findMany({ where: { ikmId: { in: ikmIds } }, orderBy: [{ changedAt: "asc" }, { id: "asc" }] });
  }

  sentras(ids: string[]): Promise<Sentra[]> {
    return this.db.sentra.findMany({ where: { id: { in: ids } } });
  }

  koperasis(ids: string[]): Promise<Koperasi[]> {
    return this.db.koperasi.findMany({ where: { id: { in: ids } } });
  }

  /** The partnerships of each IKM, newest start first; with `firmId`, only that firm's. */
  partnershipsOfIkms(ikmIds: string[], firmId?: string): Promise<Partnership[]> {
    return this.db.partnership.findMany({
      where: { ikmId: { in: ikmIds }, ...(firmId === undefined ? {} : { firmId }) },
      orderBy: [{ startDate: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    });
  }

  /** The partnerships of each firm, newest start first. */
  partnershipsOfFirms(firmIds: string[]): Promise<Partnership[]> {
    return this.db.partnership.findMany({ where: { firmId: { in: firmIds } }, orderBy: [{ startDate: "desc" }, { createdAt: "desc" }, { id: "asc" }] });
  }

  /** Revisions of these responses, oldest first. */
  revisionsOfResponses(responseIds: string[]): Promise<NeedResponseRevision[]> {
    return this.db.needResponseRevision.findMany({ where: { responseId: { in: responseIds } }, orderBy: [{ responseId: "asc" }, { number: "asc" }] });
  }

  /**
   * The newest `limit` responses of each need (only those by or including one IKM when `ikmId` is
   * given, only one koperasi's when `koperasiId` is; withdrawn ones too when asked), newest first,
   * in one statement for every need of a batch.
   */
  responsesOfNeeds(needIds: string[], ikmId: string | null, includeWithdrawn: boolean, limit: number, koperasiId: string | null = null): Promise<NeedResponse[]> {
    return this.db.$queryRawUnsafe<NeedResponse[]>(
      `SELECT "id", "needId", "ikmId", "koperasiId", "kind", "status", "unitPriceIdr", "quantityPerMonth", "leadTimeDays", "validUntil", "notes",
              "documentUrls", "version", "createdAt", "updatedAt"
         FROM (SELECT r.*, row_number() OVER (PARTITION BY r."needId" ORDER BY r."createdAt" DESC, r."id" DESC) AS place
                 FROM "NeedResponse" r
                WHERE r."needId" = ANY($1::uuid[])
                  AND ($2::uuid IS NULL OR r."ikmId" = $2::uuid
                       OR EXISTS (SELECT 1 FROM "NeedResponseMember" m WHERE m."responseId" = r."id" AND m."ikmId" = $2::uuid))
                  AND ($5::uuid IS NULL OR r."koperasiId" = $5::uuid)
                  AND ($3::boolean OR r."status" = 'ACTIVE')) ranked
        WHERE place <= $4::int
        ORDER BY "needId", place`,
      needIds, ikmId, includeWithdrawn, limit, koperasiId,
    );
  }

  /** How many responses each need has (as responsesOfNeeds filters them). */
  async responseCountsOfNeeds(needIds: string[], ikmId: string | null, includeWithdrawn: boolean, koperasiId: string | null = null): Promise<{ key: string; count: number }[]> {
    const rows = await this.db.needResponse.groupBy({
      by: ["needId"],
      where: {
        needId: { in: needIds },
        ...(ikmId ? { OR: [{ ikmId }, { members: { some: { ikmId } } }] } : {}),
        ...(koperasiId ? { koperasiId } : {}),
        ...(includeWithdrawn ? {} : { status: "ACTIVE" }),
      },
      _count: { _all: true },
    });
    return rows.map((r) => ({ key: r.needId, count: r._count._all }));
  }
}
