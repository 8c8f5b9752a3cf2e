/**
 * Deliveries and 5R audits through the API: the track record the matcher's delivery and quality
 * factors read. A firm records, per partnership and month, lots delivered and on time, pieces
 * delivered and rejected (one record per partnership and month; a second is a correction naming the
 * version it corrects). A mentoring foundation, a firm with an ACTIVE partnership, or an
 * administrator records a 5R audit. Each record refreshes the match index for the IKM before the
 * mutation answers (SupplierChanges.ikmsChanged), so `matches`, `explainMatch` and `matchesChanged`
 * reflect it at once.
 *
 * The 5R items of an assessment count as an audit by one rule: AssessmentService writes a
 * FiveRAudit row for them in the assessment's transaction, and the matcher reads FiveRAudit only.
 */
import { z } from "zod";
import type { DeliveryRecord, FiveRAudit } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { FIVE_R_SECTIONS, MATURITY } from "../../core/maturity/config.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { fiveRAuditNeeds, fiveRAuditor, mayRecordDelivery } from "../../access/deliveries.js";
import type { IkmService } from "../ikms/ikm.service.js";
import type { SupplierChanges } from "../matching/supplier-changes.js";
import { parseInput, text } from "../common/validation.js";
import { assertDeliverable, deliveryWrite, figureProblems, fiveRTotals, monthProblem, monthStart } from "./delivery.rules.js";

const uuid = z.uuid("must be an id");
/** Whole pieces or lots in one month: up to what a month's partnership ever holds (recordPartnership's bound). */
const count = z.number().int("must be a whole number").min(0, "must not be negative").max(100_000_000, "must be at most 100,000,000");
const pastDate = z.date({ message: "must be a date such as 2026-11-01" }).refine((d) => d.getTime() <= Date.now() + 86_400_000, "must not be in the future");

const deliverySchema = z.object({
  partnershipId: uuid,
  month: z.date({ message: "must be a date such as 2026-11-01 (any day of the month)" }),
  lotsDelivered: count,
  lotsOnTime: count,
  qtyDelivered: count,
  qtyRejected: count,
  expectedVersion: z.number().int("must be a whole number").min(0, "must not be negative").nullish(),
});

/** One 5R item as an assessment records it (maturity.inputs.ts): section, item, score 0..2. */
const fiveRItem = z.object({
  section: z.enum(FIVE_R_SECTIONS),
  item: text(),
  score: z.number().int("must be 0, 1 or 2").min(0, "must be 0, 1 or 2").max(MATURITY.fiveRItemMax, "must be 0, 1 or 2"),
});

const fiveRAuditSchema = z.object({
  ikmId: uuid,
  auditedOn: pastDate,
  auditor: text(),
  items: z.array(fiveRItem).min(1, "score at least one item").max(MATURITY.maxFiveRItems, `at most ${MATURITY.maxFiveRItems} items`),
});

export class DeliveryService {
  constructor(
    private readonly database: Database,
    private readonly ikms: IkmService,
    private readonly changes: SupplierChanges,
  ) {}

  /**
   * Records (or corrects, with expectedVersion) one month of deliveries under a partnership of the
   * viewer's firm (administrators: any). Another firm's partnership answers like a missing one; a
   * PENDING one: INVALID_TRANSITION; figures or a month that do not fit: BAD_USER_INPUT, every
   * problem listed; a month recorded already, or corrected meanwhile: CONFLICT. Nothing is written
   * unless all of it holds.
   */
  async recordDelivery(viewer: Viewer, input: unknown, now = new Date()): Promise<DeliveryRecord> {
    const user = requireUser(viewer);
    const data = parseInput(deliverySchema, input);
    const repo = this.database.repos.deliveries;
    const partnership = await repo.findPartnership(data.partnershipId);
    if (!partnership || !mayRecordDelivery(user, partnership)) throw notFound("Partnership", data.partnershipId);
    assertDeliverable(partnership);

    const month = monthStart(data.month);
    const problems = figureProblems(data);
    const wrongMonth = monthProblem(month, partnership, now);
    if (wrongMonth) problems.unshift({ path: "input.month", message: wrongMonth });
    if (problems.length) throw badInput(`These figures cannot be recorded. ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);

    const figures = { lotsDelivered: data.lotsDelivered, lotsOnTime: data.lotsOnTime, qtyDelivered: data.qtyDelivered, qtyRejected: data.qtyRejected };
    const write = deliveryWrite(await repo.findMonth(partnership.id, month), data.expectedVersion, month);
    let row: DeliveryRecord | null;
    if (write.kind === "create") {
      row = await repo.create(partnership, month, figures, user.userId);
    } else {
      row = await repo.correct(partnership.id, month, write.version, figures, user.userId);
      if (!row) {
        throw new DomainError(ErrorCode.CONFLICT, "This month was corrected meanwhile by someone else: read it again (Partnership.deliveries) and correct that version.", {
          fields: [{ path: "input.expectedVersion", message: "no longer the record's version" }],
        });
      }
    }
    await this.changes.ikmsChanged([partnership.ikmId]);
    return row;
  }

  /**
   * Records a 5R audit of an IKM, its items rolled up as an assessment's are: by an administrator,
   * a foundation mentoring it now (or one above), or a firm with an ACTIVE partnership with it
   * (access/deliveries.ts, fiveRAuditor). The latest audit (by auditedOn) is the 5R the matcher reads.
   */
  async recordFiveRAudit(viewer: Viewer, input: unknown): Promise<FiveRAudit> {
    const user = requireUser(viewer);
    const data = parseInput(fiveRAuditSchema, input);
    const repo = this.database.repos.deliveries;
    const needs = fiveRAuditNeeds(user);
    const mentors = needs === "mentors" ? (await this.ikms.privacyFacts(user, data.ikmId)).mentoringFoundationIds : [];
    const activeFirmIds = needs === "firms" ? await repo.activeFirmIds(data.ikmId) : [];
    if (fiveRAuditor(user, { ikmId: data.ikmId, mentoringFoundationIds: mentors, activeFirmIds }) === "admin" && !(await repo.ikmExists(data.ikmId))) {
      throw notFound("IKM", data.ikmId);
    }
    const totals = fiveRTotals(data.items)!; // at least one item
    const row = await repo.createFiveRAudit({ ikmId: data.ikmId, auditedOn: data.auditedOn, auditor: data.auditor, ...totals, assessmentId: null, recordedById: user.userId });
    await this.changes.ikmsChanged([data.ikmId]);
    return row;
  }
}
