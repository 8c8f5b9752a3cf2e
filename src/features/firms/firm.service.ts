import type { Database } from "../../infra/db/repositories/index.js";
import { AccountRepository } from "../../infra/db/repositories/accounts.repository.js";
import { likeLiteral, regionWhere } from "../../infra/db/repositories/filters.js";
import { z } from "zod";
import type { Firm, User } from "../../infra/db/models.js";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.js";
import { FirmSector, FirmTier } from "../../domain/enums.js";
import { DomainError, ErrorCode, notFound } from "../../domain/errors.js";
import { type AuthService, hashPassword } from "../accounts/auth.service.js";
import { type PageArgs, paginate } from "../../domain/pagination.js";
import { email, parseInput, password, regionCode, text } from "../common/validation.js";
import { type Viewer, forbidden, isAdmin, requireUser } from "../../access/viewer.js";

const firmFields = {
  name: text(),
  sector: z.enum(FirmSector),
  tier: z.enum(FirmTier),
  regionCode,
  website: z.string().trim().url("must be a URL such as https://example.co.id").max(300).nullish(),
};

export const accountSchema = z.object({ name: text(), email, password });

const registerSchema = z.object({ firm: z.object(firmFields), account: accountSchema });
const updateSchema = z
  .object(firmFields)
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "give at least one field to change");

export interface FirmFilter {
  sector?: FirmSector | null;
  tier?: FirmTier | null;
  regionCode?: string | null;
  search?: string | null;
}

export interface AuthPayloadData {
  token: string;
  user: User;
}

export class FirmService {
  /** Transitional: the ORM client, until every query of this service sits in a repository. */
  private get db() {
    return this.database.prisma;
  }

  constructor(
    private readonly database: Database,
    private readonly auth: AuthService,
  ) {}

  /** Creates a firm and its first member in one transaction; anyone may register a firm. */
  async register(input: unknown): Promise<AuthPayloadData> {
    const { firm, account } = parseInput(registerSchema, input);
    const passwordHash = await hashPassword(account.password);
    const user = await this.db.$transaction(async (tx) => {
      await new AccountRepository(tx).assertEmailFree(account.email);
      const created = await tx.firm.create({ data: { ...firm, website: firm.website ?? null } });
      return tx.user.create({
        data: { name: account.name, email: account.email, passwordHash, role: "FIRM", firmId: created.id },
      });
    });
    return { token: await this.auth.issueToken(user), user };
  }

  async update(viewer: Viewer, firmId: string, input: unknown): Promise<Firm> {
    this.assertCanManage(viewer, firmId);
    const data = parseInput(updateSchema, input);
    const exists = await this.db.firm.findUnique({ where: { id: firmId }, select: { id: true } });
    if (!exists) throw notFound("Firm", firmId);
    return this.db.firm.update({ where: { id: firmId }, data });
  }

  /** Firm members manage their own firm; administrators manage any. */
  assertCanManage(viewer: Viewer, firmId: string): void {
    const user = requireUser(viewer);
    if (user.role === "ADMIN") return;
    if (user.role === "FIRM" && user.firmId === firmId) return;
    // Another tenant's firm is public, so saying FORBIDDEN here leaks nothing.
    throw forbidden("change another firm");
  }

  get(firmId: string): Promise<Firm | null> {
    return this.db.firm.findUnique({ where: { id: firmId } });
  }

  /** Firms' public profiles (name, sector, tier, region) are visible to everyone. */
  list(_viewer: Viewer, args: PageArgs, filter: FirmFilter = {}) {
    const where: Prisma.FirmWhereInput = {
      ...(filter.sector ? { sector: filter.sector } : {}),
      ...(filter.tier ? { tier: filter.tier } : {}),
      ...(filter.regionCode ? regionWhere(filter.regionCode) : {}),
      ...(filter.search ? { name: { contains: likeLiteral(filter.search.trim()), mode: "insensitive" as const } } : {}),
    };
    return paginate<Firm>(
      args,
      { field: "name", direction: "asc", kind: "string", valueOf: (f) => f.name, idOf: (f) => f.id },
      (q) => this.db.firm.findMany({ ...q, where: { AND: [where, q.where] } }),
      () => this.db.firm.count({ where }),
    );
  }

  canSeeMembers(viewer: Viewer, firmId: string): boolean {
    return isAdmin(viewer) || (viewer.kind === "user" && viewer.firmId === firmId);
  }
}
