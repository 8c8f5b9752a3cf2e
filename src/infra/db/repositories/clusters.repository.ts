import type { Process } from "../../../domain/enums.js";
import type { Koperasi, Sentra } from "../models.js";
import type { Client } from "./client.js";
import { regionWhere } from "./filters.js";
import type { PageQuery } from "../../../domain/pagination.js";

export interface NewSentra {
  name: string;
  regionCode: string;
  product: string;
  process: Process;
  rawMaterial: string;
}

export interface NewKoperasi {
  name: string;
  regionCode: string;
  registrationNumber: string | null;
  offtaker: boolean;
  sharedFacility: boolean;
}

export interface SentraListFilter {
  regionCode?: string | null;
  process?: Process | null;
}

export interface KoperasiListFilter {
  regionCode?: string | null;
}

const sentraWhere = (filter: SentraListFilter) => ({
  AND: [filter.regionCode ? regionWhere(filter.regionCode) : {}, filter.process ? { process: filter.process } : {}],
});

const koperasiWhere = (filter: KoperasiListFilter) => (filter.regionCode ? regionWhere(filter.regionCode) : {});

/** Sentra IKM and koperasi, and the IKMs' memberships in them. */
export class ClusterRepository {
  constructor(private readonly db: Client) {}

  createSentra(sentra: NewSentra): Promise<Sentra> {
    return this.db.sentra.create({ data: sentra });
  }

  createKoperasi(koperasi: NewKoperasi): Promise<Koperasi> {
    return this.db.koperasi.create({ data: koperasi });
  }

  findSentra(id: string): Promise<Sentra | null> {
    return this.db.sentra.findUnique({ where: { id } });
  }

  findKoperasi(id: string): Promise<Koperasi | null> {
    return this.db.koperasi.findUnique({ where: { id } });
  }

  async sentraExists(id: string): Promise<boolean> {
    return (await this.db.sentra.findUnique({ where: { id }, select: { id: true } })) !== null;
  }

  async koperasiExists(id: string): Promise<boolean> {
    return (await this.db.koperasi.findUnique({ where: { id }, select: { id: true } })) !== null;
  }

  /** Adds the IKM to the sentra; a member already stays one. */
  async joinSentra(sentraId: string, ikmId: string): Promise<void> {
    await this.db.sentraMembership.upsert({
      where: { sentraId_ikmId: { sentraId, ikmId } },
      create: { sentraId, ikmId },
      update: {},
    });
  }

  /** Adds the IKM to the koperasi; a member already stays one. */
  async joinKoperasi(koperasiId: string, ikmId: string): Promise<void> {
    await this.db.koperasiMembership.upsert({
      where: { koperasiId_ikmId: { koperasiId, ikmId } },
      create: { koperasiId, ikmId },
      update: {},
    });
  }

  async leaveSentra(sentraId: string, ikmId: string): Promise<void> {
    await this.db.sentraMembership.deleteMany({ where: { sentraId, ikmId } });
  }

  async leaveKoperasi(koperasiId: string, ikmId: string): Promise<void> {
    await this.db.koperasiMembership.deleteMany({ where: { koperasiId, ikmId } });
  }

  /** The ids of the koperasi's member IKMs. */
  async koperasiMemberIds(koperasiId: string): Promise<string[]> {
    const members = await this.db.koperasiMembership.findMany({ where: { koperasiId }, select: { ikmId: true } });
    return members.map((m) => m.ikmId);
  }

  /** One page of the sentra matching `filter`, in the page query's order. */
  pageSentras(filter: SentraListFilter, query: PageQuery): Promise<Sentra[]> {
    return this.db.sentra.findMany({ ...query, where: { AND: [sentraWhere(filter), query.where] } });
  }

  countSentras(filter: SentraListFilter): Promise<number> {
    return this.db.sentra.count({ where: sentraWhere(filter) });
  }

  /** One page of the koperasi matching `filter`, in the page query's order. */
  pageKoperasis(filter: KoperasiListFilter, query: PageQuery): Promise<Koperasi[]> {
    return this.db.koperasi.findMany({ ...query, where: { AND: [koperasiWhere(filter), query.where] } });
  }

  countKoperasis(filter: KoperasiListFilter): Promise<number> {
    return this.db.koperasi.count({ where: koperasiWhere(filter) });
  }
}
