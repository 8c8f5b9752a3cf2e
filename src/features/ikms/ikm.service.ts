import type { Database } from "../../infra/db/repositories/index.js";
import { AccountRepository } from "../../infra/db/repositories/accounts.repository.js";
import { z } from "zod";
import type { Certification, Ikm } from "../../infra/db/models.js";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.js";
import { CertificationType, KbliVersion, MaturityStage, Process, QuantityUnit } from "../../domain/enums.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { processOf } from "../../core/matching/vocabulary.js";
import { LIMITS } from "../../domain/limits.js";
import { stagesAtLeast } from "../../domain/stages.js";
import { type AuthService, hashPassword } from "../accounts/auth.service.js";
import { type AuthPayloadData, accountSchema } from "../firms/firm.service.js";
import { type IkmFilter, ikmWhere } from "../../infra/db/repositories/filters.js";
import { lineageCte } from "../../infra/db/foundation-tree.js";
import { type PageArgs, paginate } from "../../domain/pagination.js";
import {
  COORDINATES_TOGETHER, coordinatesTogether, idr, latitude, longitude, material, optionalText, parseInput, regionCode, text, tolerance,
} from "../common/validation.js";
import { type SupplierChanges, ignoreSupplierChanges } from "../matching/supplier-changes.js";
import { type Viewer, forbidden, requireUser } from "../../access/viewer.js";

const kbli = z.object({
  code: z.string().regex(/^(1\d|2\d|3[0-3])\d{3}$/, "must be a 5-digit manufacturing KBLI code (divisions 10-33)"),
  version: z.enum(KbliVersion),
});

const profileFields = {
  legalName: text(),
  nib: z.string().regex(/^\d{13}$/, "must be the 13-digit Nomor Induk Berusaha").nullish(),
  regionCode,
  address: optionalText(500),
  latitude: latitude.nullish(),
  longitude: longitude.nullish(),
  workers: z.number().int().min(1, "count the owner too: at least 1").max(100_000),
  investmentIdr: idr,
  capitalIdr: idr,
  annualSalesIdr: idr,
  foundedYear: z.number().int().min(1900).max(new Date().getUTCFullYear()).nullish(),
  description: optionalText(),
  kbliCodes: z.array(kbli).max(20)
    .refine((list) => new Set(list.map((k) => `${k.code}/${k.version}`)).size === list.length, "list each KBLI code once")
    .optional(),
};

const registerSchema = z.object({
  ikm: z.object(profileFields).refine(coordinatesTogether, COORDINATES_TOGETHER),
  account: accountSchema,
});
const updateSchema = z
  .object(profileFields)
  .partial()
  .refine(coordinatesTogether, COORDINATES_TOGETHER)
  .refine((v) => Object.values(v).some((x) => x !== undefined), "give at least one field to change");

const capabilitySchema = z.object({
  process: z.enum(Process),
  materials: z.array(material).max(20).default([]),
  toleranceMm: tolerance,
  monthlyCapacity: z.number().int("must be a whole number").min(0, "must not be negative").max(100_000_000),
  capacityUnit: z.enum(QuantityUnit),
  notes: optionalText(1000),
});
const capabilitiesSchema = z
  .array(capabilitySchema)
  .max(LIMITS.maxCapabilitiesPerIkm, `at most ${LIMITS.maxCapabilitiesPerIkm} capabilities`)
  .refine((list) => new Set(list.map((c) => c.process)).size === list.length, "list each process once; merge its materials");

const machinesSchema = z
  .array(
    z.object({
      type: text(120),
      count: z.number().int().min(1, "must be at least 1").max(10_000),
      cnc: z.boolean(),
      brand: optionalText(120),
      yearMade: z.number().int().min(1900).max(new Date().getUTCFullYear()).nullish(),
    }),
  )
  .max(LIMITS.maxMachinesPerIkm);

const certificationSchema = z
  .object({
    type: z.enum(CertificationType),
    number: text(120),
    issuer: text(200),
    validFrom: z.date(),
    validUntil: z.date().nullish(),
  })
  .refine((c) => !c.validUntil || c.validUntil > c.validFrom, {
    message: "must be after validFrom",
    path: ["validUntil"],
  });


export class IkmService {
  /** Transitional: the ORM client, until every query of this service sits in a repository. */
  private get db() {
    return this.database.prisma;
  }

  constructor(
    private readonly database: Database,
    private readonly auth: AuthService,
    /** Told after commit when what the matcher reads of an IKM changed. */
    public changes: SupplierChanges = ignoreSupplierChanges,
  ) {}

  /** Creates an IKM profile and its first member account in one transaction. */
  async register(input: unknown): Promise<AuthPayloadData> {
    const { ikm, account } = parseInput(registerSchema, input);
    const passwordHash = await hashPassword(account.password);
    const { kbliCodes, ...profile } = ikm;
    const user = await this.db.$transaction(async (tx) => {
      await new AccountRepository(tx).assertEmailFree(account.email);
      await assertNibFree(tx, profile.nib ?? null, null);
      const created = await tx.ikm.create({
        data: { ...toProfileData(profile), kbliCodes: { create: kbliCodes ?? [] } },
      });
      return tx.user.create({
        data: { name: account.name, email: account.email, passwordHash, role: "IKM", ikmId: created.id },
      });
    });
    await this.changes.ikmsChanged([user.ikmId as string]);
    return { token: await this.auth.issueToken(user), user };
  }

  async update(viewer: Viewer, ikmId: string, input: unknown): Promise<Ikm> {
    await this.assertCanEdit(viewer, ikmId);
    const { kbliCodes, ...profile } = parseInput(updateSchema, input);
    return this.changed(ikmId, this.db.$transaction(async (tx) => {
      if (profile.nib) await assertNibFree(tx, profile.nib, ikmId);
      if (kbliCodes) {
        await tx.ikmKbli.deleteMany({ where: { ikmId } });
        await tx.ikmKbli.createMany({ data: kbliCodes.map((k) => ({ ...k, ikmId })) });
      }
      return tx.ikm.update({ where: { id: ikmId }, data: toProfileData(profile) });
    }));
  }

  /** Replaces the IKM's capabilities as a whole: all of the list is written, or none of it. */
  async setCapabilities(viewer: Viewer, ikmId: string, input: unknown): Promise<Ikm> {
    await this.assertCanEdit(viewer, ikmId);
    const list = parseInput(capabilitiesSchema, input, "capabilities");
    return this.changed(ikmId, this.db.$transaction(async (tx) => {
      await tx.capability.deleteMany({ where: { ikmId } });
      await tx.capability.createMany({ data: list.map((c) => ({ ...c, ikmId, notes: c.notes ?? null })) });
      return tx.ikm.update({ where: { id: ikmId }, data: { updatedAt: new Date() } });
    }));
  }

  /** Replaces the IKM's machine list as a whole. */
  async setMachines(viewer: Viewer, ikmId: string, input: unknown): Promise<Ikm> {
    await this.assertCanEdit(viewer, ikmId);
    const list = parseInput(machinesSchema, input, "machines");
    return this.db.$transaction(async (tx) => {
      await tx.machine.deleteMany({ where: { ikmId } });
      await tx.machine.createMany({
        data: list.map((m) => ({ ...m, ikmId, brand: m.brand ?? null, yearMade: m.yearMade ?? null })),
      });
      return tx.ikm.update({ where: { id: ikmId }, data: { updatedAt: new Date() } });
    });
  }

  async addCertification(viewer: Viewer, ikmId: string, input: unknown): Promise<Certification> {
    await this.assertCanEdit(viewer, ikmId);
    const data = parseInput(certificationSchema, input);
    const duplicate = await this.db.certification.findUnique({
      where: { ikmId_type_number: { ikmId, type: data.type, number: data.number } },
    });
    if (duplicate) {
      throw new DomainError(ErrorCode.CONFLICT, `This IKM already has ${data.type} certificate ${data.number}.`, {
        fields: [{ path: "input.number", message: "already recorded" }],
      });
    }
    return this.changed(ikmId, this.db.certification.create({ data: { ...data, validUntil: data.validUntil ?? null, ikmId } }));
  }

  /** Another IKM's certification answers NOT_FOUND, exactly like a missing one. */
  async removeCertification(viewer: Viewer, certificationId: string): Promise<Ikm> {
    requireUser(viewer);
    const cert = await this.db.certification.findUnique({ where: { id: certificationId } });
    if (!cert || !(await this.canSeePrivate(viewer, cert.ikmId))) throw notFound("Certification", certificationId);
    await this.changed(cert.ikmId, this.db.certification.delete({ where: { id: certificationId } }));
    return this.db.ikm.findUniqueOrThrow({ where: { id: cert.ikmId } });
  }

  /** Waits for a committed write, then tells the matcher (read-your-writes for rankings). */
  private async changed<T>(ikmId: string, write: Promise<T>): Promise<T> {
    const result = await write;
    await this.changes.ikmsChanged([ikmId]);
    return result;
  }

  /** IKM public profiles, filtered; everyone may list them. */
  list(_viewer: Viewer, args: PageArgs, filter: IkmFilter = {}) {
    if (filter.processTerm) {
      const process = processOf(filter.processTerm);
      if (!process) {
        throw badInput(`"${filter.processTerm}" names no process Jalin knows; try words such as bubut, frais, cor, tempa, las or cetak plastik.`, [
          { path: "filter.processTerm", message: "unknown process" },
        ]);
      }
      filter = { ...filter, processes: [...(filter.processes ?? []), process] };
    }
    const where = ikmWhere(filter);
    return paginate<Ikm>(
      args,
      { field: "legalName", direction: "asc", kind: "string", valueOf: (i) => i.legalName, idOf: (i) => i.id },
      (q) => this.db.ikm.findMany({ ...q, where: { AND: [where, q.where] } }),
      () => this.db.ikm.count({ where }),
    );
  }

  /**
   * Who may edit an IKM profile: its own members, administrators, and members of a foundation
   * that mentors it now (mentors often keep a mentee's profile up to date). The right is decided
   * before existence, so anyone else gets the same FORBIDDEN for another IKM and for a missing one;
   * only those who may edit are told NOT_FOUND.
   */
  async assertCanEdit(viewer: Viewer, ikmId: string): Promise<void> {
    const user = requireUser(viewer);
    if (!(await this.canSeePrivate(viewer, ikmId))) {
      throw forbidden(user.role === "IKM" ? "change another IKM's profile" : "change this IKM's profile");
    }
    const exists = await this.db.ikm.findUnique({ where: { id: ikmId }, select: { id: true } });
    if (!exists) throw notFound("IKM", ikmId);
  }

  /** Owners, administrators and mentoring foundations see an IKM's financial figures. */
  async canSeePrivate(viewer: Viewer, ikmId: string, mentoredBy?: (ikmId: string) => Promise<string[]>): Promise<boolean> {
    if (viewer.kind !== "user") return false;
    if (viewer.role === "ADMIN") return true;
    if (viewer.role === "IKM") return viewer.ikmId === ikmId;
    if (viewer.role === "FOUNDATION" && viewer.foundationId) {
      const foundations = mentoredBy ? await mentoredBy(ikmId) : (await this.database.repos.ikms.mentoringFoundations([ikmId])).map((m) => m.foundationId);
      return foundations.includes(viewer.foundationId);
    }
    return false;
  }
}


type Profile = Omit<z.output<typeof registerSchema>["ikm"], "kbliCodes">;

function toProfileData(p: Partial<Profile>): Prisma.IkmUpdateInput & Prisma.IkmCreateInput {
  const big = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : BigInt(v));
  return {
    ...p,
    investmentIdr: big(p.investmentIdr),
    capitalIdr: big(p.capitalIdr),
    annualSalesIdr: big(p.annualSalesIdr),
  } as Prisma.IkmUpdateInput & Prisma.IkmCreateInput;
}

async function assertNibFree(tx: Prisma.TransactionClient, nib: string | null, ownId: string | null): Promise<void> {
  if (!nib) return;
  const holder = await tx.ikm.findUnique({ where: { nib }, select: { id: true } });
  if (holder && holder.id !== ownId) {
    throw new DomainError(ErrorCode.CONFLICT, `NIB ${nib} belongs to another IKM profile already.`, {
      fields: [{ path: "input.nib", message: "already registered" }],
    });
  }
}
