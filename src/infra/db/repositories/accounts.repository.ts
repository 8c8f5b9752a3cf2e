import { DomainError, ErrorCode } from "../../../domain/errors.js";
import type { Client } from "./client.js";

/** User accounts: sign-in, registration, who is who. */
export class AccountRepository {
  constructor(private readonly db: Client) {}

  /** Throws CONFLICT (naming input.account.email) when an account with this address exists. */
  async assertEmailFree(address: string): Promise<void> {
    const taken = await this.db.user.findUnique({ where: { email: address }, select: { id: true } });
    if (taken) {
      throw new DomainError(ErrorCode.CONFLICT, `An account with email ${address} exists already; sign in instead.`, {
        fields: [{ path: "input.account.email", message: "already registered" }],
      });
    }
  }
}
