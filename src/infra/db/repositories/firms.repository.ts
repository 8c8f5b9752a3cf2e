import type { Prisma } from "../../../generated/prisma/client.js";
import type { FirmSector, FirmTier } from "../../../domain/enums.js";
import type { Page, PageArgs } from "../../../domain/pagination.js";
import type { Firm } from "../models.js";
import { LIST_SQL } from "../sql/lists.js";
import type { SqlReader } from "../sql-reader.js";
import type { Client } from "./client.js";
import { type FirmListFilter, likeLiteral, regionWhere } from "./filters.js";
import { listPage } from "./list-page.js";

export type { FirmListFilter } from "./filters.js";

/** A firm's profile as stored. */
export interface FirmProfile {
  name: string;
  sector: FirmSector;
  tier: FirmTier;
  regionCode: string;
  website: string | null;
}

function firmWhere(filter: FirmListFilter): Prisma.FirmWhereInput {
  return {
    ...(filter.sector ? { sector: filter.sector } : {}),
    ...(filter.tier ? { tier: filter.tier } : {}),
    ...(filter.regionCode ? regionWhere(filter.regionCode) : {}),
    ...(filter.search ? { name: { contains: likeLiteral(filter.search.trim()), mode: "insensitive" as const } } : {}),
  };
}

/** Firms: the buyers' public profiles. */
export class FirmRepository {
  /** `sql`: the list's prepared statements, outside a transaction only. */
  constructor(private readonly db: Client, private readonly sql: SqlReader | null = null) {}

  find(firmId: string): Promise<Firm | null> {
    return this.db.firm.findUnique({ where: { id: firmId } });
  }

  async exists(firmId: string): Promise<boolean> {
    return (await this.db.firm.findUnique({ where: { id: firmId }, select: { id: true } })) !== null;
  }

  create(profile: FirmProfile): Promise<Firm> {
    return this.db.firm.create({ data: profile });
  }

  /** Changes the fields given; those left out stay as they are. */
  update(firmId: string, changes: Partial<FirmProfile>): Promise<Firm> {
    return this.db.firm.update({ where: { id: firmId }, data: changes });
  }

  /**
   * A page of the firms matching `filter`, by name. Outside a transaction it runs as prepared
   * statements (sql/lists.ts), in a transaction through Prisma; the two answer alike.
   */
  pageOfFirms(args: PageArgs, filter: FirmListFilter): Promise<Page<Firm>> {
    return listPage(args, this.sql, {
      order: { field: "name", direction: "asc", kind: "string", valueOf: (f: Firm) => f.name, idOf: (f: Firm) => f.id },
      sql: () => LIST_SQL.firms(filter),
      where: () => firmWhere(filter),
      findMany: (q) => this.db.firm.findMany(q),
      count: (q) => this.db.firm.count(q),
    });
  }
}
