import type { Client } from "./client.js";

/** The clusters rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class ClusterRepository {
  constructor(private readonly db: Client) {}
}
