import type { Client } from "./client.js";

/** What readiness asks of the database: does it answer, and which migrations have finished. */
export class HealthRepository {
  constructor(private readonly db: Client) {}

  async ping(): Promise<void> {
    await this.db.$queryRaw`SELECT 1`;
  }

  /** Names of the migrations Prisma recorded as finished and not rolled back. */
  async appliedMigrations(): Promise<string[]> {
    const rows = await this.db.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    return rows.map((r) => r.migration_name);
  }
}
