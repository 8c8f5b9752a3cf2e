/**
 * Mentorships: a foundation proposes, the IKM accepts, either side ends it. Who mentors whom (and
 * who sponsors) is public, like the IKM profile it shows on.
 */
import type { Mentorship } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { mayAcceptMentorship, mentorshipEnder, mentorshipStarter } from "../../access/maturity.js";
import type { SupplierChanges } from "../matching/supplier-changes.js";
import { parseInput } from "../common/validation.js";
import { endMentorshipSchema, mentorshipSchema } from "./maturity.inputs.js";
import type { MaturityScope } from "./maturity.scope.js";

export class MentorshipService {
  constructor(
    private readonly database: Database,
    private readonly changes: SupplierChanges,
    private readonly scope: MaturityScope,
  ) {}

  /**
   * A foundation proposes to mentor an IKM: PENDING until the IKM accepts (acceptMentorship), so no
   * foundation can make itself a mentor and read an IKM's records unasked. An administrator's
   * mentorship starts ACTIVE. One open (pending or active) mentorship per foundation and IKM.
   */
  async startMentorship(viewer: Viewer, input: unknown): Promise<Mentorship> {
    const user = requireUser(viewer);
    const data = parseInput(mentorshipSchema, input);
    const repo = this.database.repos.maturity;
    const starter = mentorshipStarter(user);
    let foundationId = data.foundationId ?? null;
    if (!starter.admin) {
      foundationId ??= starter.home;
      if (!(await this.scope.scopeOf(starter.home)).includes(foundationId)) {
        throw badInput("Name your own foundation or one of its regional centres.", [{ path: "input.foundationId", message: "not your foundation" }]);
      }
    } else {
      if (!foundationId) throw badInput("An administrator must name the foundation: input.foundationId.", [{ path: "input.foundationId", message: "required for administrators" }]);
      if (!(await repo.foundationExists(foundationId))) throw notFound("Foundation", foundationId);
    }
    if (!(await repo.ikmExists(data.ikmId))) throw notFound("IKM", data.ikmId);
    if (data.sponsorFirmId && !(await repo.firmExists(data.sponsorFirmId))) throw notFound("Firm", data.sponsorFirmId);
    const created = await repo.createMentorship({
      foundationId, ikmId: data.ikmId, mentorName: data.mentorName, sponsorFirmId: data.sponsorFirmId ?? null, startedOn: data.startedOn, status: starter.status,
    });
    if (starter.status === "ACTIVE") await this.changes.ikmsChanged([data.ikmId]);
    return created;
  }

  /** The IKM (or an administrator) accepts a proposed mentorship: from now on it is ACTIVE. */
  async acceptMentorship(viewer: Viewer, mentorshipId: string): Promise<Mentorship> {
    const user = requireUser(viewer);
    const repo = this.database.repos.maturity;
    const mentorship = await repo.findMentorship(mentorshipId);
    if (!mentorship || !mayAcceptMentorship(user, mentorship)) throw notFound("Mentorship", mentorshipId);
    if (!(await repo.activatePendingMentorship(mentorshipId))) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `This mentorship is ${mentorship.status}; only a PENDING one can be accepted.`);
    }
    await this.changes.ikmsChanged([mentorship.ikmId]);
    return repo.getMentorship(mentorshipId);
  }

  /** Who mentors whom (and who sponsors) is public, like the IKM profile it shows on. */
  async mentorship(id: string): Promise<Mentorship> {
    const row = await this.database.repos.maturity.findMentorship(id);
    if (!row) throw notFound("Mentorship", id);
    return row;
  }

  /**
   * Ends a pending or active mentorship: the foundation (or an administrator) ends it as GRADUATED
   * or ENDED; the IKM itself may decline or leave (ENDED).
   */
  async endMentorship(viewer: Viewer, mentorshipId: string, input: unknown): Promise<Mentorship> {
    const user = requireUser(viewer);
    const data = parseInput(endMentorshipSchema, input);
    const repo = this.database.repos.maturity;
    const mentorship = await repo.findMentorship(mentorshipId);
    if (!mentorship) throw notFound("Mentorship", mentorshipId);
    const ender = mentorshipEnder(user, mentorship, await this.scope.homeScope(user));
    if (!ender) throw notFound("Mentorship", mentorshipId);
    if (ender === "ikm" && data.status !== "ENDED") {
      throw badInput("An IKM ends a mentorship as ENDED; its foundation decides on GRADUATED.", [{ path: "input.status", message: "must be ENDED" }]);
    }
    if (data.endedOn < mentorship.startedOn) throw badInput("endedOn is before the mentorship started.", [{ path: "input.endedOn", message: "before startedOn" }]);
    if (!(await repo.endOpenMentorship(mentorshipId, data.status, data.endedOn))) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `This mentorship is ${mentorship.status} already; only a PENDING or ACTIVE one can end.`);
    }
    await this.changes.ikmsChanged([mentorship.ikmId]);
    return repo.getMentorship(mentorshipId);
  }
}
