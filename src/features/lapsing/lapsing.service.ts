/**
 * Certificates about to lapse (issue 22): for one IKM, or for a foundation's active mentees, the
 * certificates that lapse within `withinDays` (default 90), through renewals on file, and those
 * that lapse before an ACTIVE partnership requiring them ends. The rule is core's
 * (lapsingCertificates in src/core/matching/certificates.ts); this reads and checks who asks.
 */
import { z } from "zod";
import type { Database } from "../../infra/db/repositories/index.js";
import type { Ikm, Partnership } from "../../infra/db/models.js";
import { type Day, toDay } from "../../domain/dates.js";
import { badInput, notFound } from "../../domain/errors.js";
import { lapsingCertificates } from "../../core/matching/certificates.js";
import { ikmPrivacyNeedsMentors } from "../../access/ikms.js";
import { homeFoundation } from "../../access/maturity.js";
import { assertMayWatchFoundationCertificates, assertMayWatchIkmCertificates, mayHearCertificateLapse } from "../../access/lapsing.js";
import type { Viewer } from "../../access/viewer.js";
import { isAdmin } from "../../access/viewer.js";
import { parseInput } from "../common/validation.js";

export const LAPSING = {
  /** The default look-ahead: 90 days, as issue 22 asks: time to arrange a renewal before the date. */
  defaultWithinDays: 90,
  /** Longest look-ahead accepted: two years. */
  maxWithinDays: 730,
} as const;

export interface CertificateLapseRow {
  ikm: Ikm;
  type: string;
  lapsesOn: Date;
  daysLeft: number;
  partnerships: Partnership[];
  /** The certificate whose end is lapsesOn (the last renewal on file); the first by id if two end that day. */
  certification: { id: string; number: string; validUntil: Date } | null;
}

const withinDaysSchema = z.number().int("must be a whole number of days").min(0, "must not be negative")
  .max(LAPSING.maxWithinDays, `must be at most ${LAPSING.maxWithinDays} days`);

const dateOf = (day: Day) => new Date(day * 86_400_000);

export class LapsingService {
  constructor(
    private readonly database: Database,
    private readonly today: () => Date = () => new Date(),
  ) {}

  /** One IKM's lapsing certificates, or a foundation's mentees' (exactly one of the two), soonest first. */
  async list(viewer: Viewer, target: { ikmId?: string | null; foundationId?: string | null }, withinDays?: number | null): Promise<CertificateLapseRow[]> {
    const days = parseInput(withinDaysSchema, withinDays ?? LAPSING.defaultWithinDays, "withinDays");
    const route = await this.assertMayWatch(viewer, target);
    const ikmIds = "ikmId" in route ? [route.ikmId] : await this.database.repos.lapsing.activeMenteeIds(await this.database.repos.maturity.scopeOf(route.foundationId));
    return this.lapsesOf(ikmIds, days);
  }

  /**
   * Who may watch one IKM's certificates, or a foundation's mentees' (exactly one of the two): the
   * list and the certificateLapsing subscription ask the same. Refused alike whether the IKM or
   * foundation exists or not; an administrator learns it is missing.
   */
  async assertMayWatch(viewer: Viewer, target: { ikmId?: string | null; foundationId?: string | null }): Promise<{ ikmId: string } | { foundationId: string }> {
    if ((target.ikmId == null) === (target.foundationId == null)) {
      throw badInput("Name one IKM (ikmId) or one foundation (foundationId), not both and not neither.", [{ path: "ikmId", message: "give ikmId or foundationId" }]);
    }
    const repos = this.database.repos;
    if (target.ikmId != null) {
      const ikmId = target.ikmId;
      const mentors = ikmPrivacyNeedsMentors(viewer) ? await repos.ikms.mentoringFoundationIds(ikmId) : [];
      assertMayWatchIkmCertificates(viewer, { ikmId, mentoringFoundationIds: mentors });
      if (isAdmin(viewer) && !(await repos.ikms.ikmExists(ikmId))) throw notFound("IKM", ikmId);
      return { ikmId };
    }
    const foundationId = target.foundationId as string;
    const home = homeFoundation(viewer);
    assertMayWatchFoundationCertificates(viewer, foundationId, home ? await repos.maturity.scopeOf(home) : null);
    if (isAdmin(viewer) && !(await repos.maturity.foundationExists(foundationId))) throw notFound("Foundation", foundationId);
    return { foundationId };
  }

  /**
   * Whether the viewer may still hear of this IKM's certificates (checked per event): a foundation
   * only while it (or one below it) mentors the IKM.
   */
  async mayHear(viewer: Viewer, ikmId: string): Promise<boolean> {
    const mentors = ikmPrivacyNeedsMentors(viewer) ? await this.database.repos.ikms.mentoringFoundationIds(ikmId) : [];
    return mayHearCertificateLapse(viewer, { ikmId, mentoringFoundationIds: mentors });
  }

  /** The lapses of these IKMs within `days` of today, or before an active partnership needing them ends. */
  async lapsesOf(ikmIds: string[], days: number, today: Day = toDay(this.today())): Promise<CertificateLapseRow[]> {
    if (ikmIds.length === 0) return [];
    const repos = this.database.repos;
    const [ikms, certs, partnerships] = await Promise.all([repos.lapsing.findIkms(ikmIds), repos.lapsing.certificationsOf(ikmIds), repos.lapsing.activePartnershipsOf(ikmIds)]);
    const out: CertificateLapseRow[] = [];
    for (const ikm of ikms) {
      const held = certs.filter((c) => c.ikmId === ikm.id).map((c) => ({ type: c.type, validFrom: toDay(c.validFrom), validUntil: c.validUntil ? toDay(c.validUntil) : null }));
      const mine = partnerships.filter((p) => p.ikmId === ikm.id);
      // A partnership runs to its end date, else to its need's (null: open-ended).
      const requirements = mine.map((p) => {
        const end = p.endDate ?? p.need?.endDate ?? null;
        return { id: p.id, requiredTypes: p.need?.requiredCertifications ?? [], endDay: end ? toDay(end) : null };
      });
      for (const lapse of lapsingCertificates(held, today, days, requirements)) {
        const cert = certs.filter((c) => c.ikmId === ikm.id && c.type === lapse.type && c.validUntil && toDay(c.validUntil) === lapse.lapsesOn)
          .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
        out.push({
          ikm, type: lapse.type, lapsesOn: dateOf(lapse.lapsesOn), daysLeft: lapse.daysLeft, partnerships: mine.filter((p) => lapse.partnershipIds.includes(p.id)),
          certification: cert ? { id: cert.id, number: cert.number, validUntil: cert.validUntil as Date } : null,
        });
      }
    }
    return out.sort((a, b) => a.lapsesOn.getTime() - b.lapsesOn.getTime() || (a.ikm.id < b.ikm.id ? -1 : a.ikm.id > b.ikm.id ? 1 : a.type < b.type ? -1 : 1));
  }
}
