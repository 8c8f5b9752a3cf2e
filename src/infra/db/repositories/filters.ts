/** Prisma filters more than one repository builds: a region and everything inside it, an IKM filter, LIKE text. */
import type { Prisma } from "../../../generated/prisma/client.js";
import type { CertificationType, FirmSector, FirmTier, MaturityStage, NeedStatus, Process } from "../../../domain/enums.js";
import { stagesAtLeast } from "../../../domain/stages.js";

/**
 * `text` for a Prisma `contains`/`startsWith` filter (SQL LIKE) that matches it literally: `%`,
 * `_` and the escape character `\` (PostgreSQL's default for LIKE) would otherwise act as wildcards.
 */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, "\\$&");

/** A region filter matches the code itself and everything inside it ("33" matches "33.10"). */
export function regionWhere(code: string): { OR: object[] } {
  const c = code.trim();
  return { OR: [{ regionCode: c }, { regionCode: { startsWith: `${likeLiteral(c)}.` } }] };
}

/** What the firm list filters on; every condition given must hold. */
export interface FirmListFilter {
  sector?: FirmSector | null;
  tier?: FirmTier | null;
  regionCode?: string | null;
  search?: string | null;
}

/** What the need list filters on (within what the viewer may see); every condition given must hold. */
export interface NeedListFilter {
  statuses?: NeedStatus[] | null;
  process?: Process | null;
  firmId?: string | null;
}

/** What the IKM list and the mentee list filter on; every condition given must hold. */
export interface IkmFilter {
  processes?: Process[] | null;
  regionCode?: string | null;
  minimumStage?: MaturityStage | null;
  stages?: MaturityStage[] | null;
  /** A certification valid today. */
  certification?: CertificationType | null;
  sentraId?: string | null;
  koperasiId?: string | null;
  search?: string | null;
  /** A process in people's words, Indonesian or English ("bubut", "cetak plastik"). */
  processTerm?: string | null;
  /** Only these IKMs (what a text search for an unknown process word found). */
  ids?: string[] | null;
}

/** `today`: the instant a certificate must be valid at. */
export function ikmWhere(filter: IkmFilter, today = new Date()): Prisma.IkmWhereInput {
  const and: Prisma.IkmWhereInput[] = [];
  if (filter.processes?.length) {
    for (const process of filter.processes) and.push({ capabilities: { some: { process } } });
  }
  if (filter.regionCode) and.push(regionWhere(filter.regionCode));
  if (filter.minimumStage) and.push({ currentStage: { in: stagesAtLeast(filter.minimumStage) } });
  if (filter.stages?.length) and.push({ currentStage: { in: filter.stages } });
  if (filter.certification) {
    and.push({
      certifications: {
        some: { type: filter.certification, validFrom: { lte: today }, OR: [{ validUntil: null }, { validUntil: { gte: today } }] },
      },
    });
  }
  if (filter.sentraId) and.push({ sentraMemberships: { some: { sentraId: filter.sentraId } } });
  if (filter.koperasiId) and.push({ koperasiMemberships: { some: { koperasiId: filter.koperasiId } } });
  if (filter.ids) and.push({ id: { in: filter.ids } });
  if (filter.search) and.push({ legalName: { contains: likeLiteral(filter.search.trim()), mode: "insensitive" } });
  return { AND: and };
}
