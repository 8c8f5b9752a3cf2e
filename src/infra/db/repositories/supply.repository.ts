import type { Client } from "./client.js";

/** The supply rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class SupplyRepository {
  constructor(private readonly db: Client) {}
}
