import type { ComponentNeed } from "../models.js";
import { LOADER_SQL } from "../sql/loaders.js";
import type { SqlReader } from "../sql-reader.js";
import type { Client } from "./client.js";

/** The rows matching reads: open needs, for an IKM's opportunities and a foundation's mentees. */
export class MatchingRepository {
  /** `sql`: listOpenNeeds' prepared statement, outside a transaction only. */
  constructor(private readonly db: Client, private readonly sql: SqlReader | null = null) {}

  /** Every open need (opportunities score an IKM against each). */
  listOpenNeeds(): Promise<ComponentNeed[]> {
    return this.sql ? this.sql.rows(LOADER_SQL.openNeeds, []) : this.db.componentNeed.findMany({ where: { status: "OPEN" } });
  }

  /** The newest `take` open needs, newest published first (ties by id, descending). */
  listNewestOpenNeeds(take: number): Promise<ComponentNeed[]> {
    return this.db.componentNeed.findMany({
      where: { status: "OPEN" },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take,
    });
  }
}
