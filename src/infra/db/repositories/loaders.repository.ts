import type { Client } from "./client.js";

/** The loaders rows Jalin reads and writes (filled in by the restructure; see README, "Layout"). */
export class LoaderRepository {
  constructor(private readonly db: Client) {}
}
