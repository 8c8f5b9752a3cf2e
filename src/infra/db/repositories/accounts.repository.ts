import type { UserRole } from "../../../domain/enums.js";
import { DomainError, ErrorCode } from "../../../domain/errors.js";
import type { User } from "../models.js";
import { LOADER_SQL } from "../sql/loaders.js";
import type { SqlReader } from "../sql-reader.js";
import type { Client } from "./client.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new account: the password already hashed, and the one tenant its role acts for. */
export interface NewUser {
  name: string;
  email: string;
  passwordHash: string;
  role: UserRole;
  firmId?: string | null;
  foundationId?: string | null;
  ikmId?: string | null;
  koperasiId?: string | null;
}

/** What a signed-in request needs of its user: the role and the tenant. */
export type UserFacts = Pick<User, "id" | "role" | "firmId" | "foundationId" | "ikmId" | "koperasiId">;

/** User accounts: sign-in, registration, who is who. */
export class AccountRepository {
  /** `sql`: the per-request read as a prepared statement, outside a transaction (sql-reader.ts). */
  constructor(private readonly db: Client, private readonly sql: SqlReader | null = null) {}

  /** Throws CONFLICT (naming input.account.email) when an account with this address exists. */
  async assertEmailFree(address: string): Promise<void> {
    const taken = await this.db.user.findUnique({ where: { email: address }, select: { id: true } });
    if (taken) {
      throw new DomainError(ErrorCode.CONFLICT, `An account with email ${address} exists already; sign in instead.`, {
        fields: [{ path: "input.account.email", message: "already registered" }],
      });
    }
  }

  /** The account signing in with this (already normalised) address. */
  findByEmail(address: string): Promise<User | null> {
    return this.db.user.findUnique({ where: { email: address } });
  }

  /** The role and tenant of a user, read again on every request. */
  async findFacts(userId: string): Promise<UserFacts | null> {
    if (this.sql) {
      if (!UUID.test(userId)) return null;
      const [facts] = await this.sql.rows<UserFacts>(LOADER_SQL.userFacts, [userId]);
      return facts ?? null;
    }
    return this.db.user.findUnique({
      where: { id: userId },
      select: { id: true, role: true, firmId: true, foundationId: true, ikmId: true, koperasiId: true },
    });
  }

  /** Creates an account; the fields left out of `user` stay unset. */
  create(user: NewUser): Promise<User> {
    return this.db.user.create({ data: user });
  }
}
