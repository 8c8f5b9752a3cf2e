/**
 * Maturity tracking: mentorships, assessments, stage changes, and the dashboards a foundation reads.
 * MaturityService is the one entry the rest of Jalin uses; the work sits by job beside it:
 * maturity.scope.ts (who acts for whom), mentorship.service.ts, assessment.service.ts,
 * stage.service.ts (stage changes) and dashboard.service.ts (dashboards, mentee list). Who may do
 * what is decided in src/access/maturity.ts; the rows are read and written through
 * `repos.maturity` (src/infra/db/repositories/maturity*.repository.ts).
 *
 * A foundation's people act for their foundation and every regional centre below it (YDBA above
 * LPB Solo Raya).
 */
import type { Assessment, Ikm, Mentorship, StageChange } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import type { EventBus } from "../../infra/events/bus.js";
import type { Page, PageArgs } from "../../domain/pagination.js";
import type { Viewer } from "../../access/viewer.js";
import type { IkmService } from "../ikms/ikm.service.js";
import type { SupplierChanges } from "../matching/supplier-changes.js";
import { AssessmentService } from "./assessment.service.js";
import { type DueMentee, type MenteeFilter, type MenteeGroup, type Progression, type StageCount, DashboardService } from "./dashboard.service.js";
import { type CheckedFoundation, MaturityScope } from "./maturity.scope.js";
import { MentorshipService } from "./mentorship.service.js";
import { StageService } from "./stage.service.js";

export type { CheckedFoundation } from "./maturity.scope.js";
export type { DueMentee, MenteeFilter, MenteeGroup, Progression, StageCount } from "./dashboard.service.js";

export class MaturityService {
  private readonly scope: MaturityScope;
  private readonly mentorships: MentorshipService;
  private readonly assessments: AssessmentService;
  private readonly stages: StageService;
  private readonly dashboards: DashboardService;

  constructor(database: Database, events: EventBus, changes: SupplierChanges, ikms: IkmService) {
    this.scope = new MaturityScope(database, ikms);
    this.mentorships = new MentorshipService(database, changes, this.scope);
    this.assessments = new AssessmentService(database, this.scope, changes);
    this.stages = new StageService(database, events, changes, this.scope);
    this.dashboards = new DashboardService(database);
  }

  // ---- who may do what (maturity.scope.ts) --------------------------------------------------------

  /** The foundation and its regional centres (and theirs). */
  scopeOf(foundationId: string): Promise<string[]> {
    return this.scope.scopeOf(foundationId);
  }

  /** The checked foundation a dashboard reads: for its people, those above it, and administrators. */
  dashboardFor(viewer: Viewer, foundationId: string): Promise<CheckedFoundation> {
    return this.scope.dashboardFor(viewer, foundationId);
  }

  /** Who sees an IKM's assessments and stage history (IkmService.canSeePrivate). */
  canSeeMaturity(viewer: Viewer, ikmId: string): Promise<boolean> {
    return this.scope.canSeeMaturity(viewer, ikmId);
  }

  // ---- mentorships (mentorship.service.ts) --------------------------------------------------------

  startMentorship(viewer: Viewer, input: unknown): Promise<Mentorship> {
    return this.mentorships.startMentorship(viewer, input);
  }

  acceptMentorship(viewer: Viewer, mentorshipId: string): Promise<Mentorship> {
    return this.mentorships.acceptMentorship(viewer, mentorshipId);
  }

  mentorship(id: string): Promise<Mentorship> {
    return this.mentorships.mentorship(id);
  }

  endMentorship(viewer: Viewer, mentorshipId: string, input: unknown): Promise<Mentorship> {
    return this.mentorships.endMentorship(viewer, mentorshipId, input);
  }

  // ---- assessments (assessment.service.ts) --------------------------------------------------------

  recordAssessment(viewer: Viewer, input: unknown): Promise<Assessment> {
    return this.assessments.recordAssessment(viewer, input);
  }

  assessment(viewer: Viewer, id: string): Promise<Assessment> {
    return this.assessments.assessment(viewer, id);
  }

  // ---- stage changes (stage.service.ts) -----------------------------------------------------------

  changeStage(viewer: Viewer, input: unknown): Promise<StageChange> {
    return this.stages.changeStage(viewer, input);
  }

  stageChange(viewer: Viewer, id: string): Promise<StageChange> {
    return this.stages.stageChange(viewer, id);
  }

  // ---- dashboards and mentees (dashboard.service.ts) ----------------------------------------------

  stageDistribution(foundation: CheckedFoundation): Promise<{ total: number; byStage: StageCount[] }> {
    return this.dashboards.stageDistribution(foundation);
  }

  menteeGroups(foundation: CheckedFoundation, by: "region" | "sponsor"): Promise<MenteeGroup[]> {
    return this.dashboards.menteeGroups(foundation, by);
  }

  progression(foundation: CheckedFoundation): Promise<Progression> {
    return this.dashboards.progression(foundation);
  }

  dueForReassessment(foundation: CheckedFoundation, args: { first?: number | null; after?: string | null }): Promise<Page<DueMentee>> {
    return this.dashboards.dueForReassessment(foundation, args);
  }

  /** A foundation's active mentees; null unless the viewer may list them. `scopeOf` lets a request share scope reads (loaders). */
  mentees(
    viewer: Viewer,
    foundationId: string,
    args: PageArgs,
    filter: MenteeFilter = {},
    scopeOf: (foundationId: string) => Promise<readonly string[]> = (id) => this.scope.scopeOf(id),
  ): Promise<Page<Ikm> | null> {
    return this.dashboards.mentees(viewer, foundationId, args, filter, scopeOf);
  }
}
