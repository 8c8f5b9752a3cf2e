/** Assessments of a mentee: recorded by the foundation managing it; each proposes a stage. */
import type { Assessment } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import { notFound } from "../../domain/errors.js";
import { fiveRPercent, pillarAverage, proposeStage } from "../../core/maturity/rules.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { parseInput } from "../common/validation.js";
import { assessmentSchema } from "./maturity.inputs.js";
import type { MaturityScope } from "./maturity.scope.js";

export class AssessmentService {
  constructor(
    private readonly database: Database,
    private readonly scope: MaturityScope,
  ) {}

  /** Records an assessment; it proposes a stage from the pillar average (MATURITY.stageThresholds). */
  async recordAssessment(viewer: Viewer, input: unknown): Promise<Assessment> {
    const user = requireUser(viewer);
    const data = parseInput(assessmentSchema, input);
    const { foundationId } = await this.scope.managingFoundation(user, data.ikmId, data.foundationId);
    const average = pillarAverage(data.pillarScores);
    return this.database.repos.maturity.createAssessment({
      ikmId: data.ikmId,
      foundationId,
      assessedOn: data.assessedOn,
      assessor: data.assessor,
      pillarScores: data.pillarScores,
      itemScores: data.itemScores,
      fiveRItems: data.fiveRItems,
      fiveRPercent: fiveRPercent(data.fiveRItems),
      pillarAverage: average,
      proposedStage: proposeStage(average),
      notes: data.notes,
      evidenceUrls: data.evidenceUrls,
      recordedById: user.userId,
    });
  }

  /** One assessment, for whoever sees the IKM's maturity records; NOT_FOUND for anyone else. */
  async assessment(viewer: Viewer, id: string): Promise<Assessment> {
    const row = await this.database.repos.maturity.findAssessment(id);
    if (!row || !(await this.scope.canSeeMaturity(viewer, row.ikmId))) throw notFound("Assessment", id);
    return row;
  }
}
