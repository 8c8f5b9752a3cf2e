import type { CertificateLapseKind, CertificationType } from "../../../domain/enums.js";
import type { Executor } from "../../events/bus.js";
import type { Ikm, Partnership } from "../models.js";
import type { Client } from "./client.js";

/** What the lapsing-certificates list reads (issue 22): mentees, certificates, active partnerships and their needs' requirements. */
export class LapsingRepository {
  constructor(private readonly db: Client) {}

  /** IKMs actively mentored by any of the foundations. */
  async activeMenteeIds(foundationIds: string[]): Promise<string[]> {
    const rows = await this.db.mentorship.findMany({ where: { foundationId: { in: foundationIds }, status: "ACTIVE" }, select: { ikmId: true }, distinct: ["ikmId"] });
    return rows.map((r) => r.ikmId);
  }

  findIkms(ikmIds: string[]): Promise<Ikm[]> {
    return this.db.ikm.findMany({ where: { id: { in: ikmIds } }, orderBy: { id: "asc" } });
  }

  certificationsOf(ikmIds: string[]): Promise<Array<{ id: string; ikmId: string; type: CertificationType; number: string; validFrom: Date; validUntil: Date | null }>> {
    return this.db.certification.findMany({
      where: { ikmId: { in: ikmIds } },
      select: { id: true, ikmId: true, type: true, number: true, validFrom: true, validUntil: true },
    });
  }

  /** ACTIVE partnerships of the IKMs with their need's required certificates and end date. */
  activePartnershipsOf(ikmIds: string[]): Promise<Array<Partnership & { need: { requiredCertifications: CertificationType[]; startDate: Date; endDate: Date | null } | null }>> {
    return this.db.partnership.findMany({
      where: { ikmId: { in: ikmIds }, status: "ACTIVE" },
      include: { need: { select: { requiredCertifications: true, startDate: true, endDate: true } } },
      orderBy: { id: "asc" },
    });
  }

  // ---- the lapse sweep ---------------------------------------------------------------------------

  /**
   * IKMs the sweep looks at: those holding a certificate valid on `today` that ends by `until`, or
   * one valid on `today` with an end date while they have an ACTIVE partnership (its requirement
   * may end after it). A scan of the certificates with an end date: the sweep runs hourly, not on
   * a request's path.
   */
  async ikmsWithEndingCertificates(today: Date, until: Date): Promise<string[]> {
    const rows = await this.db.certification.findMany({
      where: {
        validFrom: { lte: today },
        validUntil: { gte: today },
        OR: [{ validUntil: { lte: until } }, { ikm: { partnerships: { some: { status: "ACTIVE" } } } }],
      },
      select: { ikmId: true },
      distinct: ["ikmId"],
    });
    return rows.map((r) => r.ikmId);
  }

  /**
   * Records a warning as told; false when it was told already (the unique key). Inside the
   * transaction that publishes it: a second sweep doing the same waits for this one's commit, then
   * inserts nothing.
   */
  async recordNotice(notice: { key: string; certificationId: string; ikmId: string; kind: CertificateLapseKind; partnershipId: string | null; lapsesOn: Date }): Promise<boolean> {
    const inserted = await this.db.$executeRawUnsafe(
      `INSERT INTO "CertificateLapseNotice" ("id", "key", "certificationId", "ikmId", "kind", "partnershipId", "lapsesOn")
       VALUES (gen_random_uuid(), $1, $2::uuid, $3::uuid, $4::"CertificateLapseKind", $5::uuid, $6::date)
       ON CONFLICT ("key") DO NOTHING`,
      notice.key, notice.certificationId, notice.ikmId, notice.kind, notice.partnershipId, notice.lapsesOn,
    );
    return inserted === 1;
  }

  /** Warnings already told, of these keys (the sweep skips them without a transaction). */
  async toldKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.db.certificateLapseNotice.findMany({ where: { key: { in: keys } }, select: { key: true } });
    return new Set(rows.map((r) => r.key));
  }

  /** This client as the event bus's executor: an event published through it is part of the transaction. */
  get eventExecutor(): Executor {
    return this.db;
  }
}
