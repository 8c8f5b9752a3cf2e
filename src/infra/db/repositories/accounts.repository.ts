import type { Client } from "./client.js";

/** The accounts rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class AccountRepository {
  constructor(private readonly db: Client) {}
}
