import type { ComponentNeed } from "../models.js";
import type { Client } from "./client.js";

/** The rows matching reads: open needs, for an IKM's opportunities and a foundation's mentees. */
export class MatchingRepository {
  constructor(private readonly db: Client) {}

  /** Every open need (opportunities score an IKM against each). */
  listOpenNeeds(): Promise<ComponentNeed[]> {
    return this.db.componentNeed.findMany({ where: { status: "OPEN" } });
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
