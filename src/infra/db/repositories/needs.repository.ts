import type { Client } from "./client.js";

/** The needs rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class NeedRepository {
  constructor(private readonly db: Client) {}
}
