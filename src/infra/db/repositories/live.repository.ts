import type { Client } from "./client.js";

/** The live rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class LiveRepository {
  constructor(private readonly db: Client) {}
}
