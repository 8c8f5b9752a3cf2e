import type { NeedStatus, PartnershipStatus, Process, QuantityUnit } from "../../../domain/enums.js";
import { HOLDS_CAPACITY } from "../capacity-holds.js";
import type { Capability, Partnership } from "../models.js";
import type { Client } from "./client.js";

/** A partnership to insert. */
export interface NewPartnership {
  firmId: string;
  ikmId: string;
  needId: string | null;
  koperasiId: string | null;
  /** The candidate whose award writes it (awardNeed): its PENDING row holds capacity. */
  candidateId?: string | null;
  component: string;
  processes: Process[];
  quantityPerMonth: number;
  unit: QuantityUnit;
  startDate: Date;
  endDate: Date | null;
  status: PartnershipStatus;
}

/** A capacity-holding partnership's hold on an IKM's capacity (domain/partnership-status.ts). */
export interface CapacityHold {
  processes: Process[];
  quantityPerMonth: number;
  startDate: Date;
  endDate: Date | null;
}

/** Supply agreements between a firm and an IKM, and the rows recording one checks. */
export class PartnershipRepository {
  constructor(private readonly db: Client) {}

  /**
   * Takes the IKM's row lock until the transaction ends (every record or accept for the IKM waits
   * here for the one before it) and returns its legal name; null when there is no such IKM.
   */
  async lockIkm(ikmId: string): Promise<string | null> {
    const locked = await this.db.$queryRaw<{ legalName: string }[]>`SELECT "legalName" FROM "Ikm" WHERE id = ${ikmId}::uuid FOR UPDATE`;
    return locked.length === 0 ? null : locked[0].legalName;
  }

  /** What recording a partnership for a need checks of the need: its firm, status and title. */
  findNeedFacts(needId: string): Promise<{ firmId: string; status: NeedStatus; title: string } | null> {
    return this.db.componentNeed.findUnique({ where: { id: needId }, select: { firmId: true, status: true, title: true } });
  }

  /** The koperasi's name, and whether the IKM is one of its members. */
  async findKoperasiMembership(koperasiId: string, ikmId: string): Promise<{ name: string; isMember: boolean } | null> {
    const koperasi = await this.db.koperasi.findUnique({
      where: { id: koperasiId },
      select: { name: true, memberships: { where: { ikmId }, select: { ikmId: true } } },
    });
    return koperasi && { name: koperasi.name, isMember: koperasi.memberships.length > 0 };
  }

  /** The capacity the IKM states in these processes. */
  capabilitiesIn(ikmId: string, processes: Process[]): Promise<Capability[]> {
    return this.db.capability.findMany({ where: { ikmId, process: { in: processes } } });
  }

  /**
   * The IKM's partnerships holding capacity (ACTIVE, or PENDING from an award: domain/partnership-status.ts) in
   * the unit sharing a process with `processes`, but `exceptId`.
   */
  holds(ikmId: string, unit: QuantityUnit, processes: Process[], exceptId?: string): Promise<CapacityHold[]> {
    return this.db.partnership.findMany({
      where: { ikmId, ...HOLDS_CAPACITY, unit, processes: { hasSome: processes }, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { processes: true, quantityPerMonth: true, startDate: true, endDate: true },
    });
  }

  create(partnership: NewPartnership): Promise<Partnership> {
    return this.db.partnership.create({ data: partnership });
  }

  find(partnershipId: string): Promise<Partnership | null> {
    return this.db.partnership.findUnique({ where: { id: partnershipId } });
  }

  /** A partnership known to exist. */
  get(partnershipId: string): Promise<Partnership> {
    return this.db.partnership.findUniqueOrThrow({ where: { id: partnershipId } });
  }

  /** The IKM a partnership binds, or null when there is no such partnership. */
  findIkmId(partnershipId: string): Promise<{ ikmId: string } | null> {
    return this.db.partnership.findUnique({ where: { id: partnershipId }, select: { ikmId: true } });
  }

  /** Turns it ACTIVE only while it is still PENDING; false when it no longer was. */
  async activateIfPending(partnershipId: string): Promise<boolean> {
    const { count } = await this.db.partnership.updateMany({ where: { id: partnershipId, status: "PENDING" }, data: { status: "ACTIVE" } });
    return count > 0;
  }

  /** Ends it on `endDate` only while it is PENDING or ACTIVE; false when it had ended already. */
  async endIfOpen(partnershipId: string, endDate: Date): Promise<boolean> {
    const { count } = await this.db.partnership.updateMany({
      where: { id: partnershipId, status: { in: ["PENDING", "ACTIVE"] } },
      data: { status: "ENDED", endDate },
    });
    return count > 0;
  }
}
