import type { Client } from "./client.js";

/** The ikms rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class IkmRepository {
  constructor(private readonly db: Client) {}
}
