import type { Client } from "./client.js";

/** The matching rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class MatchingRepository {
  constructor(private readonly db: Client) {}
}
