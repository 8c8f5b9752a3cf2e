import type { Prisma } from "../../../generated/prisma/client.js";
import type { CertificationType, KbliVersion, Process, QuantityUnit } from "../../../domain/enums.js";
import { DomainError, ErrorCode } from "../../../domain/errors.js";
import type { Page, PageArgs } from "../../../domain/pagination.js";
import { lineageCte } from "../foundation-tree.js";
import type { Certification, Ikm, User } from "../models.js";
import { LIST_SQL } from "../sql/lists.js";
import type { Projection } from "../sql/loaders.js";
import type { SqlReader } from "../sql-reader.js";
import type { Client } from "./client.js";
import { type IkmFilter, ikmWhere } from "./filters.js";
import { listPage } from "./list-page.js";

/** An IKM's profile fields as the service checked them; rupiah amounts are plain numbers here. */
export interface IkmProfile {
  legalName: string;
  nib?: string | null;
  regionCode: string;
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  workers: number;
  investmentIdr?: number | null;
  capitalIdr?: number | null;
  annualSalesIdr?: number | null;
  foundedYear?: number | null;
  description?: string | null;
}

export interface KbliCode {
  code: string;
  version: KbliVersion;
}

export interface CapabilityData {
  process: Process;
  materials: string[];
  toleranceMm?: number | null;
  monthlyCapacity: number;
  capacityUnit: QuantityUnit;
  notes?: string | null;
}

export interface MachineData {
  type: string;
  count: number;
  cnc: boolean;
  brand?: string | null;
  yearMade?: number | null;
}

export interface CertificationData {
  type: CertificationType;
  number: string;
  issuer: string;
  validFrom: Date;
  validUntil?: Date | null;
}

/** The IKM rows Jalin reads and writes. */
export class IkmRepository {
  /** `sql`: the list's prepared statements, outside a transaction only. */
  constructor(private readonly db: Client, private readonly sql: SqlReader | null = null) {}

  /**
   * The foundations actively mentoring each IKM, with every foundation above them: the people of
   * YDBA act for the mentees of its regional centres too.
   */
  mentoringFoundations(ikmIds: string[]): Promise<{ ikmId: string; foundationId: string }[]> {
    return this.db.$queryRawUnsafe(
      `WITH RECURSIVE active AS (SELECT m."ikmId", m."foundationId" FROM "Mentorship" m WHERE m."ikmId" = ANY($1::uuid[]) AND m.status = 'ACTIVE'),
       ${lineageCte(`id IN (SELECT "foundationId" FROM active)`)}
       SELECT DISTINCT a."ikmId"::text AS "ikmId", l.ancestor::text AS "foundationId" FROM active a JOIN lineage l ON l.id = a."foundationId"`,
      ikmIds,
    );
  }

  /** The ids of the foundations mentoring one IKM (mentoringFoundations), the ones above included. */
  async mentoringFoundationIds(ikmId: string): Promise<string[]> {
    return (await this.mentoringFoundations([ikmId])).map((m) => m.foundationId);
  }

  async ikmExists(ikmId: string): Promise<boolean> {
    return (await this.db.ikm.findUnique({ where: { id: ikmId }, select: { id: true } })) !== null;
  }

  findIkmOrThrow(ikmId: string): Promise<Ikm> {
    return this.db.ikm.findUniqueOrThrow({ where: { id: ikmId } });
  }

  /**
   * A page of IKMs matching `filter` (every condition given must hold), by legal name. Outside a
   * transaction it runs as prepared statements (sql/lists.ts), in a transaction through Prisma.
   */
  pageOfIkms(args: PageArgs, filter: IkmFilter, projection: Projection | null = null): Promise<Page<Ikm>> {
    const today = new Date();
    return listPage(args, this.sql, {
      order: { field: "legalName", direction: "asc", kind: "string", valueOf: (i: Ikm) => i.legalName, idOf: (i: Ikm) => i.id },
      sql: () => LIST_SQL.ikms(filter, today, projection),
      where: () => ikmWhere(filter, today),
      findMany: (q) => this.db.ikm.findMany(q),
      count: (q) => this.db.ikm.count(q),
    });
  }

  /** Throws CONFLICT (naming input.nib) when another IKM than `ownId` holds this NIB. */
  async assertNibFree(nib: string | null, ownId: string | null): Promise<void> {
    if (!nib) return;
    const holder = await this.db.ikm.findUnique({ where: { nib }, select: { id: true } });
    if (holder && holder.id !== ownId) {
      throw new DomainError(ErrorCode.CONFLICT, `NIB ${nib} belongs to another IKM profile already.`, {
        fields: [{ path: "input.nib", message: "already registered" }],
      });
    }
  }

  createIkm(profile: IkmProfile, kbliCodes: KbliCode[]): Promise<Ikm> {
    return this.db.ikm.create({ data: { ...toProfileData(profile), kbliCodes: { create: kbliCodes } } });
  }

  /** An IKM's member account (role IKM). */
  createMember(account: { name: string; email: string; passwordHash: string }, ikmId: string): Promise<User> {
    return this.db.user.create({
      data: { name: account.name, email: account.email, passwordHash: account.passwordHash, role: "IKM", ikmId },
    });
  }

  updateProfile(ikmId: string, profile: Partial<IkmProfile>): Promise<Ikm> {
    return this.db.ikm.update({ where: { id: ikmId }, data: toProfileData(profile) });
  }

  /** Marks the IKM changed now (its lists were replaced). */
  touch(ikmId: string): Promise<Ikm> {
    return this.db.ikm.update({ where: { id: ikmId }, data: { updatedAt: new Date() } });
  }

  async replaceKbliCodes(ikmId: string, codes: KbliCode[]): Promise<void> {
    await this.db.ikmKbli.deleteMany({ where: { ikmId } });
    await this.db.ikmKbli.createMany({ data: codes.map((k) => ({ ...k, ikmId })) });
  }

  async replaceCapabilities(ikmId: string, list: CapabilityData[]): Promise<void> {
    await this.db.capability.deleteMany({ where: { ikmId } });
    await this.db.capability.createMany({ data: list.map((c) => ({ ...c, ikmId, notes: c.notes ?? null })) });
  }

  async replaceMachines(ikmId: string, list: MachineData[]): Promise<void> {
    await this.db.machine.deleteMany({ where: { ikmId } });
    await this.db.machine.createMany({
      data: list.map((m) => ({ ...m, ikmId, brand: m.brand ?? null, yearMade: m.yearMade ?? null })),
    });
  }

  findCertification(certificationId: string): Promise<Certification | null> {
    return this.db.certification.findUnique({ where: { id: certificationId } });
  }

  findCertificationByNumber(ikmId: string, type: CertificationType, number: string): Promise<Certification | null> {
    return this.db.certification.findUnique({ where: { ikmId_type_number: { ikmId, type, number } } });
  }

  addCertification(ikmId: string, data: CertificationData): Promise<Certification> {
    return this.db.certification.create({ data: { ...data, validUntil: data.validUntil ?? null, ikmId } });
  }

  deleteCertification(certificationId: string): Promise<Certification> {
    return this.db.certification.delete({ where: { id: certificationId } });
  }
}

/** Profile fields as Prisma writes them: rupiah amounts as BigInt, undefined left out, null kept. */
function toProfileData(p: Partial<IkmProfile>): Prisma.IkmUpdateInput & Prisma.IkmCreateInput {
  const big = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : BigInt(v));
  return {
    ...p,
    investmentIdr: big(p.investmentIdr),
    capitalIdr: big(p.capitalIdr),
    annualSalesIdr: big(p.annualSalesIdr),
  } as Prisma.IkmUpdateInput & Prisma.IkmCreateInput;
}
