import type { Client } from "./client.js";

/** The firms rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class FirmRepository {
  constructor(private readonly db: Client) {}
}
