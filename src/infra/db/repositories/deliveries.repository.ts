/** Monthly delivery records under partnerships, and 5R audits: the rows the track-record factors read. */
import { Prisma } from "../../../generated/prisma/client.js";
import type { PartnershipStatus } from "../../../domain/enums.js";
import { DomainError, ErrorCode } from "../../../domain/errors.js";
import type { DeliveryRecord, FiveRAudit } from "../models.js";
import type { Client } from "./client.js";

/** What recording a delivery reads of the partnership. */
export interface DeliveryPartnership {
  id: string;
  firmId: string;
  ikmId: string;
  status: PartnershipStatus;
  startDate: Date;
  endDate: Date | null;
}

export interface DeliveryFiguresRow {
  lotsDelivered: number;
  lotsOnTime: number;
  qtyDelivered: number;
  qtyRejected: number;
}

export interface NewFiveRAudit {
  ikmId: string;
  auditedOn: Date;
  auditor: string;
  itemsScored: number;
  pointsEarned: number;
  scorePercent: number;
  assessmentId: string | null;
  recordedById: string;
}

export class DeliveryRepository {
  constructor(private readonly db: Client) {}

  findPartnership(id: string): Promise<DeliveryPartnership | null> {
    return this.db.partnership.findUnique({ where: { id }, select: { id: true, firmId: true, ikmId: true, status: true, startDate: true, endDate: true } });
  }

  /** The record for the partnership's month (its first day), if any. */
  findMonth(partnershipId: string, month: Date): Promise<DeliveryRecord | null> {
    return this.db.deliveryRecord.findUnique({ where: { partnershipId_month: { partnershipId, month } } });
  }

  /** A first record for the month; CONFLICT when another was recorded for it meanwhile. */
  async create(p: DeliveryPartnership, month: Date, figures: DeliveryFiguresRow, recordedById: string): Promise<DeliveryRecord> {
    try {
      return await this.db.deliveryRecord.create({ data: { ...figures, month, partnershipId: p.id, ikmId: p.ikmId, firmId: p.firmId, recordedById } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new DomainError(ErrorCode.CONFLICT, "This month was recorded meanwhile by someone else: read it (Partnership.deliveries) and correct it with expectedVersion.", {
          fields: [{ path: "input.month", message: "recorded meanwhile" }],
        });
      }
      throw error;
    }
  }

  /** Corrects the month's record only while it is still at `version`; null when it moved meanwhile. */
  async correct(partnershipId: string, month: Date, version: number, figures: DeliveryFiguresRow, recordedById: string): Promise<DeliveryRecord | null> {
    const { count } = await this.db.deliveryRecord.updateMany({
      where: { partnershipId, month, version },
      data: { ...figures, recordedById, version: { increment: 1 } },
    });
    return count > 0 ? this.findMonth(partnershipId, month) : null;
  }

  async ikmExists(id: string): Promise<boolean> {
    return !!(await this.db.ikm.findUnique({ where: { id }, select: { id: true } }));
  }

  /** The firms with an ACTIVE partnership with the IKM. */
  async activeFirmIds(ikmId: string): Promise<string[]> {
    const rows = await this.db.partnership.findMany({ where: { ikmId, status: "ACTIVE" }, select: { firmId: true }, distinct: ["firmId"] });
    return rows.map((r) => r.firmId);
  }

  createFiveRAudit(data: NewFiveRAudit): Promise<FiveRAudit> {
    return this.db.fiveRAudit.create({ data });
  }
}
