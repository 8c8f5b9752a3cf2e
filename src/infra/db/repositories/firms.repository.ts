import type { Prisma } from "../../../generated/prisma/client.js";
import type { FirmSector, FirmTier } from "../../../domain/enums.js";
import type { Firm } from "../models.js";
import type { Client } from "./client.js";
import { likeLiteral, regionWhere } from "./filters.js";

/** One page's query as `paginate` (domain/pagination.ts) builds it: the keyset condition, order and size. */
export interface PageQuery {
  where: object;
  orderBy: object[];
  take: number;
}

/** A firm's profile as stored. */
export interface FirmProfile {
  name: string;
  sector: FirmSector;
  tier: FirmTier;
  regionCode: string;
  website: string | null;
}

/** What the firm list filters on; every condition given must hold. */
export interface FirmListFilter {
  sector?: FirmSector | null;
  tier?: FirmTier | null;
  regionCode?: string | null;
  search?: string | null;
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
  constructor(private readonly db: Client) {}

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

  /** One page of the firms matching `filter`, in the page query's order. */
  page(filter: FirmListFilter, query: PageQuery): Promise<Firm[]> {
    return this.db.firm.findMany({ ...query, where: { AND: [firmWhere(filter), query.where] } });
  }

  count(filter: FirmListFilter): Promise<number> {
    return this.db.firm.count({ where: firmWhere(filter) });
  }
}
