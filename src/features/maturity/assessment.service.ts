/** Assessments of a mentee: recorded by the foundation managing it; each proposes a stage. */
import type { Assessment } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import { notFound } from "../../domain/errors.js";
import { pillarAverage, proposeStage } from "../../core/maturity/rules.js";
import { fiveRTotals } from "../deliveries/delivery.rules.js";
import type { SupplierChanges } from "../matching/supplier-changes.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { parseInput } from "../common/validation.js";
import { assessmentSchema } from "./maturity.inputs.js";
import type { MaturityScope } from "./maturity.scope.js";

export class AssessmentService {
  constructor(
    private readonly database: Database,
    private readonly scope: MaturityScope,
    private readonly changes: SupplierChanges,
  ) {}

  /**
   * Records an assessment; it proposes a stage from the pillar average (MATURITY.stageThresholds).
   * Its 5R items, when it has any, count as a 5R audit: one FiveRAudit row (assessmentId names it),
   * written in the same transaction, so the matcher (which reads FiveRAudit only) sees them, and the
   * match index is refreshed for the IKM before this answers.
   */
  async recordAssessment(viewer: Viewer, input: unknown): Promise<Assessment> {
    const user = requireUser(viewer);
    const data = parseInput(assessmentSchema, input);
    const { foundationId } = await this.scope.managingFoundation(user, data.ikmId, data.foundationId);
    const average = pillarAverage(data.pillarScores);
    const fiveR = fiveRTotals(data.fiveRItems);
    const assessment = await this.database.transaction(async (repos) => {
      const row = await repos.maturity.createAssessment({
        ikmId: data.ikmId,
        foundationId,
        assessedOn: data.assessedOn,
        assessor: data.assessor,
        pillarScores: data.pillarScores,
        itemScores: data.itemScores,
        fiveRItems: data.fiveRItems,
        fiveRPercent: fiveR?.scorePercent ?? null,
        pillarAverage: average,
        proposedStage: proposeStage(average),
        notes: data.notes,
        evidenceUrls: data.evidenceUrls,
        recordedById: user.userId,
      });
      if (fiveR) {
        await repos.deliveries.createFiveRAudit({ ikmId: data.ikmId, auditedOn: data.assessedOn, auditor: data.assessor, ...fiveR, assessmentId: row.id, recordedById: user.userId });
      }
      return row;
    });
    if (fiveR) await this.changes.ikmsChanged([data.ikmId]);
    return assessment;
  }

  /** One assessment, for whoever sees the IKM's maturity records; NOT_FOUND for anyone else. */
  async assessment(viewer: Viewer, id: string): Promise<Assessment> {
    const row = await this.database.repos.maturity.findAssessment(id);
    if (!row || !(await this.scope.canSeeMaturity(viewer, row.ikmId))) throw notFound("Assessment", id);
    return row;
  }
}
