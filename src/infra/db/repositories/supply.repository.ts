import type { Process, QuantityUnit } from "../../../domain/enums.js";
import { HOLDS_CAPACITY } from "../capacity-holds.js";
import type { ComponentNeed } from "../models.js";
import type { Client } from "./client.js";

/** A shared facility reachable by an IKM through one of its koperasi or sentra memberships. */
export interface SharedFacilityRow {
  ikmId: string;
  id: string;
  name: string;
  kind: "KOPERASI" | "SENTRA";
  clusterId: string;
  clusterName: string;
  processes: Process[];
  monthlyCapacity: number | null;
  capacityUnit: QuantityUnit | null;
}

/** What a partnership holding capacity (ACTIVE, or PENDING from an award) takes of an IKM's capacity. */
export interface CommitmentRow {
  ikmId: string;
  processes: Process[];
  unit: QuantityUnit;
  quantityPerMonth: number;
  startDate: Date;
  endDate: Date | null;
}


/** The rows joint supply reads: needs to allocate, partnerships' commitments, shared facilities. */
export class SupplyRepository {
  constructor(private readonly db: Client) {}

  /**
   * The needs among `ids`; with `firmId`, only that firm's (the others answer as missing). Any
   * order: the caller puts them in its own.
   */
  findNeeds(ids: string[], firmId: string | null): Promise<ComponentNeed[]> {
    return this.db.componentNeed.findMany({ where: { AND: [{ id: { in: ids } }, firmId === null ? {} : { firmId }] } });
  }

  /**
   * The IKMs' partnerships holding capacity (ACTIVE, or PENDING from an award: domain/partnership-status.ts) still running on `from` (no end date, or ending that day or
   * later), except those made for `excludeNeedIds` (those through no need stay).
   */
  listCommitments(ikmIds: string[], excludeNeedIds: string[], from: Date): Promise<CommitmentRow[]> {
    return this.db.partnership.findMany({
      where: {
        ikmId: { in: ikmIds },
        AND: [
          HOLDS_CAPACITY,
          { OR: [{ endDate: null }, { endDate: { gte: from } }] },
          // NOT IN alone would also drop the partnerships that came through no need (needId null).
          { OR: [{ needId: null }, { needId: { notIn: excludeNeedIds } }] },
        ],
      },
      select: { ikmId: true, processes: true, unit: true, quantityPerMonth: true, startDate: true, endDate: true },
    });
  }

  /** The kinds of machine an IKM owns (gap paths never propose one of them). */
  listMachines(ikmId: string): Promise<Array<{ type: string; cnc: boolean }>> {
    return this.db.machine.findMany({ where: { ikmId }, select: { type: true, cnc: true }, orderBy: [{ type: "asc" }, { id: "asc" }] });
  }

  /**
   * Shared facilities (factory sharing) of the koperasi and sentra each IKM belongs to, in one
   * statement for any number of IKMs, by IKM, then facility name, then id.
   */
  listSharedFacilities(ikmIds: readonly string[]): Promise<SharedFacilityRow[]> {
    return this.db.$queryRawUnsafe<SharedFacilityRow[]>(
      `SELECT m."ikmId", f.id, f.name, 'KOPERASI' AS kind, k.id AS "clusterId", k.name AS "clusterName",
              f.processes::text[] AS processes, f."monthlyCapacity", f."capacityUnit"::text AS "capacityUnit"
         FROM "KoperasiMembership" m JOIN "Koperasi" k ON k.id = m."koperasiId" JOIN "SharedFacility" f ON f."koperasiId" = k.id
        WHERE m."ikmId" = ANY($1::uuid[])
       UNION ALL
       SELECT m."ikmId", f.id, f.name, 'SENTRA', s.id, s.name, f.processes::text[], f."monthlyCapacity", f."capacityUnit"::text
         FROM "SentraMembership" m JOIN "Sentra" s ON s.id = m."sentraId" JOIN "SharedFacility" f ON f."sentraId" = s.id
        WHERE m."ikmId" = ANY($1::uuid[])
        ORDER BY 1, 3, 2`,
      [...ikmIds],
    );
  }
}
