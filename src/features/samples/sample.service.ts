/**
 * Samples: a need's firm asks a shortlisted candidate for samples (one request per member IKM, with
 * pieces, a due date and a checklist), the IKM sends them with a document per checklist item, and
 * the firm approves or rejects them with reasons (or calls the request off). Every write and the
 * CANDIDACY_CHANGED events it causes are one transaction: the IKM hears of it at commit, never of
 * one rolled back; a refused request writes nothing.
 */
import type { SampleChecklistItem, SampleRequest } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import type { SampleCandidateFacts, SampleRepository, SampleWithFirm } from "../../infra/db/repositories/sample.repository.js";
import type { EventBus } from "../../infra/events/bus.js";
import type { CandidacyChange } from "../../infra/events/topics.js";
import type { SampleStatus } from "../../domain/enums.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { toGlobalId } from "../../domain/ids.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { assertMayManageSamples, assertMaySubmitSamples, mayManageSamplesOf, maySubmitSample, sampleSight } from "../../access/samples.js";
import type { IkmService } from "../ikms/ikm.service.js";
import { parseInput } from "../common/validation.js";
import { DEFAULT_CHECKLIST, PPAP_ELEMENTS, PPAP_SOURCE, SAMPLES } from "./sample.config.js";
import {
  CANCELLABLE, DECIDABLE, OPEN_SAMPLE, SUBMITTABLE, decisionSchema, missingDocuments, notAccepted, requestSchema, submissionSchema, todayUtc, unknownCodes,
} from "./sample.rules.js";

export interface RequestSamplesArgs {
  candidateId: string;
  /** The rest of the input: pieces, dueDate, checklist, customItems, checklistSource, instructions. */
  input: unknown;
}

const gid = (id: string) => toGlobalId("SampleRequest", id);

const stale = (id: string) =>
  new DomainError(ErrorCode.CONFLICT, `Sample request ${gid(id)} was changed meanwhile (or is not in the state you saw); reload it and try again.`);

function wrongStatus(sample: SampleRequest, to: SampleStatus, allowed: readonly SampleStatus[], what: string): DomainError {
  return new DomainError(ErrorCode.INVALID_TRANSITION, `Sample request ${gid(sample.id)} is ${sample.status}: ${what} only while it is ${allowed.join(" or ")}.`, {
    from: sample.status, to, allowed: [...allowed],
  });
}

export class SampleService {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly ikms: IkmService,
    /** The clock dates are judged by (due dates, overdue, late); tests may pass another. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Today, at UTC midnight, by the service's clock. */
  today(): Date {
    return todayUtc(this.now());
  }

  /** The checklist catalogue, its source, Jalin's default selection and the bounds of a request. */
  catalogue() {
    return { source: PPAP_SOURCE, elements: PPAP_ELEMENTS, defaultCodes: DEFAULT_CHECKLIST, limits: SAMPLES };
  }

  /**
   * The need's firm (or an administrator) asks a SHORTLISTED candidate of a SHORTLISTED need for
   * samples: one request per member IKM, all or none. A member with a REQUESTED or SUBMITTED
   * sample for this candidate already: CONFLICT naming it, nothing written.
   */
  async request(viewer: Viewer, args: RequestSamplesArgs): Promise<SampleRequest[]> {
    const user = requireUser(viewer);
    assertMayManageSamples(user);
    const parsed = parseInput(requestSchema(this.today()), args.input);
    return this.database.transaction(async ({ samples }) => {
      const candidate = await samples.lockCandidate(args.candidateId);
      if (!candidate || !mayManageSamplesOf(user, candidate)) throw notFound("Shortlist candidate", args.candidateId);
      assertSampleable(candidate);
      const members = await samples.membersOf(candidate.id);
      if (!members.length) throw badInput("This candidate names no IKM to ask samples of.", [{ path: "input.candidateId", message: "has no member IKMs" }]);
      const open = await samples.samplesIn(candidate.id, OPEN_SAMPLE);
      const blocked = open.filter((s) => members.some((m) => m.ikmId === s.ikmId));
      if (blocked.length) {
        const named = blocked.map((s) => `${members.find((m) => m.ikmId === s.ikmId)!.legalName} (${s.status}, ${gid(s.id)})`);
        throw new DomainError(ErrorCode.CONFLICT, `Samples are already asked of ${named.join(", ")}; decide on or cancel ${blocked.length > 1 ? "those" : "that"} first. Nothing was requested.`, {
          sampleIds: blocked.map((s) => gid(s.id)),
        });
      }
      const created: SampleRequest[] = [];
      for (const member of members) {
        const row = await samples.create({
          needId: candidate.needId, candidateId: candidate.id, ikmId: member.ikmId, pieces: parsed.pieces, dueDate: parsed.dueDate,
          checklistSource: parsed.checklistSource, instructions: parsed.instructions, requestedById: user.userId, items: parsed.items,
        });
        await this.announce(samples, row, candidate.firmId, "SAMPLE_REQUESTED");
        created.push(row);
      }
      return created;
    });
  }

  /**
   * The sampled IKM's members (or an administrator) send a REQUESTED sample: a document (https) for
   * every required item, none for codes not on its checklist. After the due date it is still
   * accepted, and marked late.
   */
  async submit(viewer: Viewer, sampleId: string, input: unknown, expectedVersion?: number | null): Promise<SampleRequest> {
    const user = requireUser(viewer);
    assertMaySubmitSamples(user);
    const parsed = parseInput(submissionSchema, input);
    const current = await this.database.repos.samples.find(sampleId);
    if (!current || !maySubmitSample(user, current)) throw notFound("Sample request", sampleId);
    if (!SUBMITTABLE.includes(current.status)) throw wrongStatus(current, "SUBMITTED", SUBMITTABLE, "it can be submitted");
    const checklist = await this.database.repos.samples.items(sampleId);
    checkCodes(parsed.items, checklist);
    const missing = missingDocuments(checklist, parsed.items);
    if (missing.length) {
      throw badInput(`Every required item needs a document link; missing: ${missing.join(", ")}.`, missing.map((code) => ({ path: "input.items", message: `${code}: required, give its documentUrl` })));
    }
    return this.database.transaction(async ({ samples }) => {
      const row = await samples.move(sampleId, expectedVersion ?? current.version, SUBMITTABLE, { status: "SUBMITTED", submittedAt: this.now(), submissionNote: parsed.note });
      if (!row) throw stale(sampleId);
      for (const item of parsed.items) await samples.setItem(sampleId, item.code, { documentUrl: item.documentUrl });
      return row;
    });
  }

  /**
   * The need's firm (or an administrator) approves or rejects a SUBMITTED sample. Approval needs
   * every required item accepted; a rejection needs a reason. The IKM hears SAMPLE_APPROVED or
   * SAMPLE_REJECTED; a rejected candidate can be asked again with requestSamples.
   */
  async decide(viewer: Viewer, sampleId: string, input: unknown, expectedVersion?: number | null): Promise<SampleRequest> {
    const user = requireUser(viewer);
    assertMayManageSamples(user);
    const parsed = parseInput(decisionSchema, input);
    const current = await this.managed(user, sampleId);
    const to = parsed.approve ? "APPROVED" : "REJECTED";
    if (!DECIDABLE.includes(current.status)) throw wrongStatus(current, to, DECIDABLE, "it can be decided");
    const checklist = await this.database.repos.samples.items(sampleId);
    checkCodes(parsed.items, checklist);
    const refused = parsed.approve ? notAccepted(checklist, parsed.items) : [];
    if (refused.length) {
      throw badInput(`An approval needs every required item accepted; not accepted: ${refused.join(", ")}. Accept them, or reject the sample with a reason.`, refused.map((code) => ({ path: "input.items", message: `${code}: required, not accepted` })));
    }
    return this.database.transaction(async ({ samples }) => {
      const row = await samples.move(sampleId, expectedVersion ?? current.version, DECIDABLE, { status: to, decidedAt: this.now(), decidedById: user.userId, decisionReason: parsed.reason });
      if (!row) throw stale(sampleId);
      for (const item of parsed.items) await samples.setItem(sampleId, item.code, { accepted: item.accepted, remark: item.remark });
      await this.announce(samples, row, current.need.firmId, parsed.approve ? "SAMPLE_APPROVED" : "SAMPLE_REJECTED");
      return row;
    });
  }

  /** The need's firm (or an administrator) calls off a REQUESTED or SUBMITTED sample, with a reason. */
  async cancel(viewer: Viewer, sampleId: string, reason: string, expectedVersion?: number | null): Promise<SampleRequest> {
    const user = requireUser(viewer);
    assertMayManageSamples(user);
    const text = reason.trim();
    if (!text) throw badInput("Say why the sample request is called off.", [{ path: "reason", message: "must not be empty" }]);
    if (text.length > SAMPLES.maxTextLength) throw badInput(`The reason is too long.`, [{ path: "reason", message: `must be at most ${SAMPLES.maxTextLength} characters` }]);
    const current = await this.managed(user, sampleId);
    if (!CANCELLABLE.includes(current.status)) throw wrongStatus(current, "CANCELLED", CANCELLABLE, "it can be cancelled");
    const row = await this.database.repos.samples.move(sampleId, expectedVersion ?? current.version, CANCELLABLE, {
      status: "CANCELLED", decidedAt: this.now(), decidedById: user.userId, decisionReason: text,
    });
    return row ?? this.fail(sampleId);
  }

  /** One sample the viewer may see (access/samples.ts, sampleSight), or NOT_FOUND as for a missing one. */
  async get(viewer: Viewer, sampleId: string): Promise<SampleRequest> {
    const row = await this.database.repos.samples.findWithFirm(sampleId);
    if (!row || !(await this.canSee(viewer, { firmId: row.need.firmId, ikmId: row.ikmId }))) throw notFound("Sample request", sampleId);
    const { need: _need, ...sample } = row;
    return sample;
  }

  /** Whether the viewer sees a sample with these parties (foundations: while they mentor the IKM). */
  async canSee(viewer: Viewer, parties: { firmId: string; ikmId: string }): Promise<boolean> {
    const sight = sampleSight(viewer, parties);
    return sight === "if-sees-ikm-private" ? this.ikms.canSeePrivate(viewer, parties.ikmId) : sight;
  }

  /** Checklist items of these samples, in one statement (for the loader). */
  itemsOf(sampleIds: string[]): Promise<SampleChecklistItem[]> {
    return this.database.repos.samples.itemsOfSamples(sampleIds);
  }

  /** The sample, when the viewer's firm owns its need; anyone else's answers like a missing one. */
  private async managed(user: ReturnType<typeof requireUser>, sampleId: string): Promise<SampleWithFirm> {
    const row = await this.database.repos.samples.findWithFirm(sampleId);
    if (!row || !mayManageSamplesOf(user, row.need)) throw notFound("Sample request", sampleId);
    return row;
  }

  /** Tells the sampled IKM, in the caller's transaction (delivered at commit). */
  private announce(samples: SampleRepository, row: SampleRequest, firmId: string, change: CandidacyChange): Promise<void> {
    return samples.publishEvent(this.events, "CANDIDACY_CHANGED", { needId: row.needId, firmId, ikmId: row.ikmId, candidateId: row.candidateId, change, sampleId: row.id });
  }

  private fail(sampleId: string): never {
    throw stale(sampleId);
  }
}

/** Samples are asked only of a SHORTLISTED candidate of a SHORTLISTED need (BAD_USER_INPUT naming the status). */
function assertSampleable(candidate: SampleCandidateFacts): void {
  if (candidate.needStatus !== "SHORTLISTED") {
    throw badInput(`"${candidate.needTitle}" is ${candidate.needStatus}: samples are asked only while the need is SHORTLISTED.`, [{ path: "input.candidateId", message: `its need is ${candidate.needStatus}, not SHORTLISTED` }]);
  }
  if (candidate.status !== "SHORTLISTED") {
    throw badInput(`This candidate is ${candidate.status}: samples are asked only of SHORTLISTED candidates.`, [{ path: "input.candidateId", message: `is ${candidate.status}, not SHORTLISTED` }]);
  }
}

/** Codes not on the sample's checklist are refused, each named by its place in the input. */
function checkCodes(given: readonly { code: string }[], checklist: readonly SampleChecklistItem[]): void {
  const unknown = unknownCodes(given, checklist);
  if (!unknown.length) return;
  const codes = checklist.map((i) => i.code).join(", ");
  throw badInput(`Not on this sample's checklist: ${unknown.map((i) => given[i]!.code).join(", ")}. Its items are: ${codes}.`, unknown.map((i) => ({ path: `input.items.${i}.code`, message: `${given[i]!.code} is not on this sample's checklist` })));
}
