import type { Client } from "./client.js";

/** The maturity rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class MaturityRepository {
  constructor(private readonly db: Client) {}
}
