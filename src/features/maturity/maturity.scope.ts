/**
 * Who acts for whom in maturity tracking: a foundation's scope (it and its regional centres), the
 * foundation that manages an IKM's assessments and stage, the checked foundation a dashboard reads,
 * and who sees an IKM's maturity records. The decisions are src/access/maturity.ts's; this reads the
 * facts they need.
 */
import { badInput, notFound } from "../../domain/errors.js";
import type { Database } from "../../infra/db/repositories/index.js";
import { type UserViewer, type Viewer } from "../../access/viewer.js";
import { assertMaySeeDashboard, assertMentorsIkm, assessorOf, homeFoundation } from "../../access/maturity.js";
import type { IkmService } from "../ikms/ikm.service.js";

/** A foundation whose dashboard the viewer may read (from MaturityService.dashboardFor). */
export interface CheckedFoundation {
  readonly foundationId: string;
  /** The foundation and its regional centres: the dashboards' mentees are theirs. */
  readonly scope: readonly string[];
  readonly checked: true;
}

/** The foundation managing an IKM, with the foundations actively mentoring it (longest-standing first). */
export interface Managing {
  foundationId: string | null;
  active: string[];
}

export class MaturityScope {
  constructor(
    private readonly database: Database,
    private readonly ikms: IkmService,
  ) {}

  /** The foundation and its regional centres (and theirs). */
  scopeOf(foundationId: string): Promise<string[]> {
    return this.database.repos.maturity.scopeOf(foundationId);
  }

  /** The scope of the viewer's home foundation; null unless the viewer is one of a foundation's people. */
  async homeScope(viewer: Viewer): Promise<string[] | null> {
    const home = homeFoundation(viewer);
    return home ? this.scopeOf(home) : null;
  }

  /**
   * A foundation's dashboard is for its own people (and those of the foundations above it) and
   * administrators. The dashboard readers take only the checked foundation this returns.
   */
  async dashboardFor(viewer: Viewer, foundationId: string): Promise<CheckedFoundation> {
    // The foundation's own people: one query (their scope, which is the dashboard's too).
    const home = homeFoundation(viewer);
    const own = home ? await this.scopeOf(home) : null;
    if (assertMaySeeDashboard(viewer, foundationId, own) === "own" && own) {
      return { foundationId, scope: foundationId === home ? own : await this.scopeOf(foundationId), checked: true };
    }
    const scope = await this.scopeOf(foundationId); // empty: no such foundation
    if (scope.length === 0) throw notFound("Foundation", foundationId);
    return { foundationId, scope, checked: true };
  }

  /**
   * The foundation (of the viewer's scope) that actively mentors the IKM and may assess and grade
   * it; administrators act for the mentoring foundation, if any. Anyone else: FORBIDDEN, whether
   * the IKM exists or not (a missing IKM has no mentorships); administrators get NOT_FOUND for it.
   * Returns the active mentoring foundations too, for a caller that needs them (read once).
   */
  async managingFoundation(user: UserViewer, ikmId: string, wanted?: string | null): Promise<Managing> {
    const repo = this.database.repos.maturity;
    const active = await repo.activeMentorFoundationIds(ikmId);
    const assessor = assessorOf(user);
    if (assessor.admin) {
      if (!(await repo.ikmExists(ikmId))) throw notFound("IKM", ikmId);
      if (wanted && !active.includes(wanted)) throw badInput("That foundation does not mentor this IKM.", [{ path: "input.foundationId", message: "not mentoring this IKM" }]);
      return { foundationId: wanted ?? active[0] ?? null, active };
    }
    const mine = assertMentorsIkm(active, await this.scopeOf(assessor.home));
    if (wanted && !mine.includes(wanted)) {
      throw badInput("That foundation is not one of yours mentoring this IKM.", [{ path: "input.foundationId", message: "not yours, or not mentoring this IKM" }]);
    }
    return { foundationId: wanted ?? mine[0], active };
  }

  /**
   * Who sees an IKM's assessments and stage history: whoever sees its private side (the IKM itself,
   * administrators, and the people of a foundation, or one above it, that mentors it now), the one
   * rule in IkmService.canSeePrivate. When a mentorship ends, that sight ends with it.
   */
  canSeeMaturity(viewer: Viewer, ikmId: string): Promise<boolean> {
    return this.ikms.canSeePrivate(viewer, ikmId);
  }
}
