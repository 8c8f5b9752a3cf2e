import type { Database } from "../../infra/db/repositories/index.js";
import type { FirmListFilter } from "../../infra/db/repositories/firms.repository.js";
import { z } from "zod";
import type { Firm, User } from "../../infra/db/models.js";
import { FirmSector, FirmTier } from "../../domain/enums.js";
import { notFound } from "../../domain/errors.js";
import { type AuthService, hashPassword } from "../accounts/auth.service.js";
import type { PageArgs } from "../../domain/pagination.js";
import { email, parseInput, password, regionCode, text } from "../common/validation.js";
import type { Viewer } from "../../access/viewer.js";
import { assertMayManageFirm } from "../../access/firms.js";

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

export type FirmFilter = FirmListFilter;

export interface AuthPayloadData {
  token: string;
  user: User;
}

export class FirmService {
  constructor(
    private readonly database: Database,
    private readonly auth: AuthService,
  ) {}

  /** Creates a firm and its first member in one transaction; anyone may register a firm. */
  async register(input: unknown): Promise<AuthPayloadData> {
    const { firm, account } = parseInput(registerSchema, input);
    const passwordHash = await hashPassword(account.password);
    const user = await this.database.transaction(async (repos) => {
      await repos.accounts.assertEmailFree(account.email);
      const created = await repos.firms.create({ ...firm, website: firm.website ?? null });
      return repos.accounts.create({ name: account.name, email: account.email, passwordHash, role: "FIRM", firmId: created.id });
    });
    return { token: await this.auth.issueToken(user), user };
  }

  async update(viewer: Viewer, firmId: string, input: unknown): Promise<Firm> {
    assertMayManageFirm(viewer, firmId);
    const data = parseInput(updateSchema, input);
    if (!(await this.database.repos.firms.exists(firmId))) throw notFound("Firm", firmId);
    return this.database.repos.firms.update(firmId, data);
  }

  get(firmId: string): Promise<Firm | null> {
    return this.database.repos.firms.find(firmId);
  }

  /** Firms' public profiles (name, sector, tier, region) are visible to everyone. */
  list(_viewer: Viewer, args: PageArgs, filter: FirmFilter = {}) {
    return this.database.repos.firms.pageOfFirms(args, filter);
  }
}
