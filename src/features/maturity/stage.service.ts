/**
 * Stage changes: checked against `Ikm.stageVersion` (optimistic locking) so two concurrent changes
 * never both land; the STAGE_CHANGED event is queued in the same transaction (delivered by
 * PostgreSQL at commit, to every server process).
 */
import type { StageChange } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import type { EventBus } from "../../infra/events/bus.js";
import type { MaturityStage } from "../../domain/enums.js";
import { dayText } from "../../domain/dates.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { toGlobalId } from "../../domain/ids.js";
import { MATURITY } from "../../core/maturity/config.js";
import { reassessmentCutoff, stageChangeProblem } from "../../core/maturity/rules.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import type { SupplierChanges } from "../matching/supplier-changes.js";
import { parseInput } from "../common/validation.js";
import { stageChangeSchema } from "./maturity.inputs.js";
import type { MaturityScope } from "./maturity.scope.js";

export class StageService {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly changes: SupplierChanges,
    private readonly scope: MaturityScope,
  ) {}

  /**
   * Moves an IKM to another stage. One step at a time, a promotion backed by an assessment that
   * proposes at least the new stage; skipping stages or promoting without one needs `override`
   * and a reason; a demotion needs a reason. `expectedVersion` must be the IKM's current
   * stageVersion: a change based on a stale read is refused with CONFLICT, never lost.
   *
   * The active mentorships and the last stage change are read once, before the transaction: the
   * transaction's version check (every stage change bumps stageVersion with its row) guarantees
   * no other change landed between those reads and this one.
   */
  async changeStage(viewer: Viewer, input: unknown): Promise<StageChange> {
    const user = requireUser(viewer);
    const data = parseInput(stageChangeSchema, input);
    const repo = this.database.repos.maturity;
    const { active } = await this.scope.managingFoundation(user, data.ikmId);
    const ikm = await repo.stageOf(data.ikmId);
    if (ikm.stageVersion !== data.expectedVersion) throw staleStage(data.ikmId, ikm.currentStage, ikm.stageVersion);
    const evidence = data.assessmentId ? await repo.findAssessmentEvidence(data.assessmentId) : null;
    if (data.assessmentId && (!evidence || evidence.ikmId !== data.ikmId)) {
      throw badInput("That assessment is not one of this IKM's.", [{ path: "input.assessmentId", message: "not an assessment of this IKM" }]);
    }
    const lastChangedAt = await repo.lastStageChangeAt(data.ikmId);
    const assessedStage = evidence ? citedStage(evidence, lastChangedAt) : null;
    const problem = stageChangeProblem({ from: ikm.currentStage, to: data.toStage, reason: data.reason, override: data.override, assessedStage });
    if (problem) throw new DomainError(ErrorCode.INVALID_TRANSITION, problem, { from: ikm.currentStage, to: data.toStage });
    const reason = data.reason ?? `Assessment proposes ${assessedStage}`;

    const change = await this.database.transaction(async (repos) => {
      if (!(await repos.maturity.moveStage(data.ikmId, data.expectedVersion, ikm.currentStage, data.toStage))) {
        const now = await repos.maturity.stageOf(data.ikmId);
        throw staleStage(data.ikmId, now.currentStage, now.stageVersion);
      }
      const created = await repos.maturity.createStageChange({
        ikmId: data.ikmId, fromStage: ikm.currentStage, toStage: data.toStage, fromStageSince: lastChangedAt,
        changedById: user.userId, reason, assessmentId: data.assessmentId ?? null,
      });
      await this.events.publish(repos.maturity.eventExecutor, "STAGE_CHANGED", {
        stageChangeId: created.id,
        ikmId: data.ikmId,
        foundationIds: await repos.maturity.lineageOf(active),
        fromStage: created.fromStage,
        toStage: created.toStage,
        changedAt: created.changedAt.toISOString(),
      });
      return created;
    });
    await this.changes.ikmsChanged([data.ikmId]);
    return change;
  }

  /** One stage change, for whoever sees the IKM's maturity records; NOT_FOUND for anyone else. */
  async stageChange(viewer: Viewer, id: string): Promise<StageChange> {
    const row = await this.database.repos.maturity.findStageChange(id);
    if (!row || !(await this.scope.canSeeMaturity(viewer, row.ikmId))) throw notFound("Stage change", id);
    return row;
  }
}

/**
 * The stage a cited assessment backs, if its evidence is current: assessed since the last stage
 * change, within the reassessment period.
 */
function citedStage(assessment: { proposedStage: MaturityStage; assessedOn: Date }, lastChangedAt: Date | null): MaturityStage {
  if (lastChangedAt && dayText(assessment.assessedOn) < dayText(lastChangedAt)) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `The cited assessment (${dayText(assessment.assessedOn)}) predates the IKM's last stage change (${dayText(lastChangedAt)}); cite a newer assessment.`);
  }
  if (dayText(assessment.assessedOn) < reassessmentCutoff()) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `The cited assessment (${dayText(assessment.assessedOn)}) is more than ${MATURITY.reassessAfterMonths} months old; record a new one.`);
  }
  return assessment.proposedStage;
}

const staleStage = (ikmId: string, stage: MaturityStage, version: number) =>
  new DomainError(
    ErrorCode.CONFLICT,
    `IKM ${toGlobalId("Ikm", ikmId)} changed stage meanwhile: it is ${stage} now, at stageVersion ${version}. Reload it and decide again.`,
    { currentStage: stage, stageVersion: version },
  );
