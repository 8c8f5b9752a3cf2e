import type { CertificationType } from "../../../domain/enums.js";
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

  certificationsOf(ikmIds: string[]): Promise<Array<{ ikmId: string; type: CertificationType; validFrom: Date; validUntil: Date | null }>> {
    return this.db.certification.findMany({ where: { ikmId: { in: ikmIds } }, select: { ikmId: true, type: true, validFrom: true, validUntil: true } });
  }

  /** ACTIVE partnerships of the IKMs with their need's required certificates and end date. */
  activePartnershipsOf(ikmIds: string[]): Promise<Array<Partnership & { need: { requiredCertifications: CertificationType[]; startDate: Date; endDate: Date | null } | null }>> {
    return this.db.partnership.findMany({
      where: { ikmId: { in: ikmIds }, status: "ACTIVE" },
      include: { need: { select: { requiredCertifications: true, startDate: true, endDate: true } } },
      orderBy: { id: "asc" },
    });
  }
}
