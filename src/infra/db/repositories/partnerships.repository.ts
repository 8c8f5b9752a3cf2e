import type { Client } from "./client.js";

/** The partnerships rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class PartnershipRepository {
  constructor(private readonly db: Client) {}
}
