import { lineageCte } from "../foundation-tree.js";
import type { Client } from "./client.js";

/** The IKM rows Jalin reads and writes. */
export class IkmRepository {
  constructor(private readonly db: Client) {}

  /**
   * The foundations actively mentoring each IKM, with every foundation above them: the people of
   * YDBA act for the mentees of its regional centres too.
   */
  mentoringFoundations(ikmIds: string[]): Promise<{ ikmId: string; foundationId: string }[]> {
    return this.db.$queryRawUnsafe(
      `WITH RECURSIVE active AS (SELECT m."ikmId", m."foundationId" FROM "Mentorship" m WHERE m."ikmId" = ANY($1::uuid[]) AND m.status = 'ACTIVE'),
       ${lineageCte(`id IN (SELECT "foundationId" FROM active)`)}
       SELECT DISTINCT a."ikmId"::text AS "ikmId", l.ancestor::text AS "foundationId" FROM active a JOIN lineage l ON l.id = a."foundationId"`,
      ikmIds,
    );
  }
}
