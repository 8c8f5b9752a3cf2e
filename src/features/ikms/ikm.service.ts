import type { Database } from "../../infra/db/repositories/index.js";
import { z } from "zod";
import type { Certification, Ikm } from "../../infra/db/models.js";
import { CertificationType, KbliVersion, Process, QuantityUnit, SpecificProcess } from "../../domain/enums.js";
import { SPECIFIC_PROCESSES } from "../../core/matching/taxonomy.js";
import { DomainError, ErrorCode, notFound } from "../../domain/errors.js";
import { processOf } from "../../core/matching/vocabulary.js";
import type { ProcessTermReader, ProcessTermReading } from "../vocabulary/vocabulary.service.js";
import { LIMITS } from "../../domain/limits.js";
import { type AuthService, hashPassword } from "../accounts/auth.service.js";
import { type AuthPayloadData, accountSchema } from "../firms/firm.service.js";
import type { IkmFilter } from "../../infra/db/repositories/filters.js";
import type { Projection } from "../../infra/db/sql/loaders.js";
import type { Page, PageArgs } from "../../domain/pagination.js";
import {
  COORDINATES_TOGETHER, coordinatesTogether, idr, latitude, longitude, material, optionalText, parseInput, regionCode, specificsInFamily, text, tolerance,
} from "../common/validation.js";
import { type SupplierChanges, ignoreSupplierChanges } from "../matching/supplier-changes.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { type IkmPrivacyFacts, assertMayEditIkm, ikmPrivacyNeedsMentors, maySeeIkmPrivate } from "../../access/ikms.js";

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
  specificProcesses: z.array(z.enum(SpecificProcess)).max(SPECIFIC_PROCESSES.length).default([])
    .refine((list) => new Set(list).size === list.length, "list each specific process once"),
  materials: z.array(material).max(20).default([]),
  toleranceMm: tolerance,
  monthlyCapacity: z.number().int("must be a whole number").min(0, "must not be negative").max(100_000_000),
  capacityUnit: z.enum(QuantityUnit),
  notes: optionalText(1000),
});
const capabilitiesSchema = z
  .array(capabilitySchema)
  .max(LIMITS.maxCapabilitiesPerIkm, `at most ${LIMITS.maxCapabilitiesPerIkm} capabilities`)
  .refine((list) => new Set(list.map((c) => c.process)).size === list.length, "list each process once; merge its materials")
  .superRefine(specificsInFamily);

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
  /** Told after a certificate is added or removed (features/index.ts gives the lapse sweep, issue 22). */
  lapses: { certificatesChanged(ikmIds: string[]): Promise<void> } | null = null;

  constructor(
    private readonly database: Database,
    private readonly auth: AuthService,
    /** Told after commit when what the matcher reads of an IKM changed. */
    public changes: SupplierChanges = ignoreSupplierChanges,
    /** Reads the processTerm filter (features/index.ts gives the server's vocabulary; alone: the installed words, no text search). */
    public terms: ProcessTermReader = installedTerms,
  ) {}

  /** Creates an IKM profile and its first member account in one transaction. */
  async register(input: unknown): Promise<AuthPayloadData> {
    const { ikm, account } = parseInput(registerSchema, input);
    const passwordHash = await hashPassword(account.password);
    const { kbliCodes, ...profile } = ikm;
    const user = await this.database.transaction(async (repos) => {
      await repos.accounts.assertEmailFree(account.email);
      await repos.ikms.assertNibFree(profile.nib ?? null, null);
      const created = await repos.ikms.createIkm(profile, kbliCodes ?? []);
      return repos.ikms.createMember({ name: account.name, email: account.email, passwordHash }, created.id);
    });
    await this.changes.ikmsChanged([user.ikmId as string]);
    return { token: await this.auth.issueToken(user), user };
  }

  async update(viewer: Viewer, ikmId: string, input: unknown): Promise<Ikm> {
    await this.assertCanEdit(viewer, ikmId);
    const { kbliCodes, ...profile } = parseInput(updateSchema, input);
    return this.changed(ikmId, this.database.transaction(async (repos) => {
      if (profile.nib) await repos.ikms.assertNibFree(profile.nib, ikmId);
      if (kbliCodes) await repos.ikms.replaceKbliCodes(ikmId, kbliCodes);
      return repos.ikms.updateProfile(ikmId, profile);
    }));
  }

  /** Replaces the IKM's capabilities as a whole: all of the list is written, or none of it. */
  async setCapabilities(viewer: Viewer, ikmId: string, input: unknown): Promise<Ikm> {
    await this.assertCanEdit(viewer, ikmId);
    const list = parseInput(capabilitiesSchema, input, "capabilities");
    return this.changed(ikmId, this.database.transaction(async (repos) => {
      await repos.ikms.replaceCapabilities(ikmId, list);
      return repos.ikms.touch(ikmId);
    }));
  }

  /** Replaces the IKM's machine list as a whole; the matcher reads machines as evidence of specific processes. */
  async setMachines(viewer: Viewer, ikmId: string, input: unknown): Promise<Ikm> {
    await this.assertCanEdit(viewer, ikmId);
    const list = parseInput(machinesSchema, input, "machines");
    return this.changed(ikmId, this.database.transaction(async (repos) => {
      await repos.ikms.replaceMachines(ikmId, list);
      return repos.ikms.touch(ikmId);
    }));
  }

  async addCertification(viewer: Viewer, ikmId: string, input: unknown): Promise<Certification> {
    await this.assertCanEdit(viewer, ikmId);
    const data = parseInput(certificationSchema, input);
    const duplicate = await this.database.repos.ikms.findCertificationByNumber(ikmId, data.type, data.number);
    if (duplicate) {
      throw new DomainError(ErrorCode.CONFLICT, `This IKM already has ${data.type} certificate ${data.number}.`, {
        fields: [{ path: "input.number", message: "already recorded" }],
      });
    }
    const added = await this.changed(ikmId, this.database.repos.ikms.addCertification(ikmId, data));
    await this.lapses?.certificatesChanged([ikmId]);
    return added;
  }

  /** Another IKM's certification answers NOT_FOUND, exactly like a missing one. */
  async removeCertification(viewer: Viewer, certificationId: string): Promise<Ikm> {
    requireUser(viewer);
    const repo = this.database.repos.ikms;
    const cert = await repo.findCertification(certificationId);
    if (!cert || !(await this.canSeePrivate(viewer, cert.ikmId))) throw notFound("Certification", certificationId);
    await this.changed(cert.ikmId, repo.deleteCertification(certificationId));
    await this.lapses?.certificatesChanged([cert.ikmId]);
    return repo.findIkmOrThrow(cert.ikmId);
  }

  /** Waits for a committed write, then tells the matcher (read-your-writes for rankings). */
  private async changed<T>(ikmId: string, write: Promise<T>): Promise<T> {
    const result = await write;
    await this.changes.ikmsChanged([ikmId]);
    return result;
  }

  /**
   * IKM public profiles, filtered; everyone may list them.
   * A processTerm naming a known process filters by it; an unknown word never fails: it lists the
   * IKMs whose own text (description, capability notes and materials, machines) resembles it
   * (processTerms and vocabularySuggestions give the nearest known words).
   * `projection`: read only those columns (projection.ts); the rows are then fit for GraphQL fields, not for services.
   */
  async list(_viewer: Viewer, args: PageArgs, filter: IkmFilter = {}, projection: Projection | null = null): Promise<Page<Ikm>> {
    if (filter.processTerm) {
      const reading = await this.terms.readProcessTerm(filter.processTerm);
      filter = reading.process
        ? { ...filter, processes: [...(filter.processes ?? []), reading.process] }
        : { ...filter, ids: reading.ikmIds };
    }
    return this.database.repos.ikms.pageOfIkms(args, filter, projection);
  }

  /**
   * Who may edit an IKM profile: its own members, administrators, and members of a foundation
   * that mentors it now (mentors often keep a mentee's profile up to date), the rule
   * assertMayEditIkm. The right is decided before existence, so anyone else gets the same
   * FORBIDDEN for another IKM and for a missing one; only those who may edit are told NOT_FOUND.
   */
  async assertCanEdit(viewer: Viewer, ikmId: string): Promise<void> {
    requireUser(viewer);
    assertMayEditIkm(viewer, await this.privacyFacts(viewer, ikmId));
    if (!(await this.database.repos.ikms.ikmExists(ikmId))) throw notFound("IKM", ikmId);
  }

  /**
   * What maySeeIkmPrivate needs to decide for this viewer: the IKM's mentoring foundations are read
   * only when the viewer is a foundation's. (Resolvers get the same facts from the request's loader:
   * ikmPrivacyFacts in ikm.resolver.ts.)
   */
  async privacyFacts(viewer: Viewer, ikmId: string): Promise<IkmPrivacyFacts> {
    if (!ikmPrivacyNeedsMentors(viewer)) return { ikmId, mentoringFoundationIds: [] };
    return { ikmId, mentoringFoundationIds: await this.database.repos.ikms.mentoringFoundationIds(ikmId) };
  }

  /** Owners, administrators and mentoring foundations see an IKM's private side (access/ikms.ts, maySeeIkmPrivate). */
  async canSeePrivate(viewer: Viewer, ikmId: string): Promise<boolean> {
    return maySeeIkmPrivate(viewer, await this.privacyFacts(viewer, ikmId));
  }
}

/** The processTerm reading without a server's vocabulary service: the installed words, no text search. */
const installedTerms: ProcessTermReader = {
  readProcessTerm: async (term: string): Promise<ProcessTermReading> => {
    const process = processOf(term);
    return process ? { process, word: { word: term, process, specificProcess: null, materialFamily: null, source: "", learned: false } } : { process: null, ikmIds: [], suggestions: [] };
  },
};
