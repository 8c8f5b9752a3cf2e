/**
 * Responses: an IKM's answer to an OPEN component need, an INTEREST or a priced QUOTATION, or a
 * koperasi's answer for a consortium of its members (each member's monthly share kept with the
 * response and with every revision). One row per need and responder (unique keys in PostgreSQL):
 * revising it or withdrawing it bumps its version and keeps the state it reaches as a numbered
 * revision; submitting again after a withdrawal revives the same row, so the whole story of one
 * responder's answer to one need is one history. Every
 * write and its RESPONSE_RECEIVED event are one transaction: the need's firm hears of it at
 * commit, never of one rolled back.
 */
import type { NeedResponse, NeedResponseRevision } from "../../infra/db/models.js";
import type { Database } from "../../infra/db/repositories/index.js";
import type { ResponderKey, ResponseNeedFacts, ResponseRepository, ResponseTerms, Share } from "../../infra/db/repositories/responses.repository.js";
import type { EventBus, SharedTopics } from "../../infra/events/bus.js";
import { DomainError, ErrorCode, badInput, notFound } from "../../domain/errors.js";
import { toGlobalId } from "../../domain/ids.js";
import { type Page, type PageArgs, encodeCursor, pageOf, pageSize, paginate } from "../../domain/pagination.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { mayViewNeed } from "../../access/needs.js";
import { type ResponseParties, ikmResponsesSight, mayActOnResponse, maySeeKoperasiResponses, needResponsesScope, responderFor, responseSight } from "../../access/responses.js";
import type { IkmService } from "../ikms/ikm.service.js";
import { parseInput } from "../common/validation.js";
import { ANSWERABLE, type ParsedTerms, type ShareInput, WITHDRAWABLE, checkConsortium, membersShapeIssue, sharesSchema, termsSchema, todayUtc } from "./response.rules.js";

export interface SubmitArgs {
  needId: string;
  /** Administrators name the IKM (or the koperasi); IKM members answer for their own IKM, koperasi managers for their koperasi. */
  ikmId?: string | null;
  koperasiId?: string | null;
  /** A koperasi's consortium: its member IKMs (ids decoded) and their shares; left out for an IKM's own response. */
  members?: ShareInput[] | null;
  terms: unknown;
}

/** Which responses of a need a batched read filters on: by or including one IKM, one koperasi's, or all (both null). */
export interface ResponseFilter {
  ikmId: string | null;
  koperasiId: string | null;
}

/** How a resolver reads a need's first page and count in batches, through the request's loaders. */
export interface ResponsePageReader {
  page(needId: string, filter: ResponseFilter, includeWithdrawn: boolean, limit: number): Promise<NeedResponse[]>;
  count(needId: string, filter: ResponseFilter, includeWithdrawn: boolean): Promise<number>;
}

/** Terms and, for a consortium, its checked-in-shape shares (membership is checked under lock). */
interface Offer {
  terms: ResponseTerms;
  shares: ShareInput[] | null;
  /** The monthly quantity as given (null when left out), compared with the shares' sum. */
  quantityGiven: number | null;
}

const ORDER = { field: "createdAt", direction: "desc", kind: "date", valueOf: (r: NeedResponse) => r.createdAt, idOf: (r: NeedResponse) => r.id } as const;

const toColumns = (t: ParsedTerms): ResponseTerms => ({
  kind: t.kind,
  unitPriceIdr: t.unitPriceIdr == null ? null : BigInt(t.unitPriceIdr),
  quantityPerMonth: t.quantityPerMonth ?? null,
  leadTimeDays: t.leadTimeDays ?? null,
  validUntil: t.validUntil ?? null,
  notes: t.notes,
  documentUrls: t.documentUrls,
});

const stale = (id: string) =>
  new DomainError(ErrorCode.CONFLICT, `Response ${toGlobalId("NeedResponse", id)} was changed meanwhile (or is not in the state you saw); reload it and try again.`);

/** The need is not taking this step (BAD_USER_INPUT naming the status, pointing at the need). */
function needClosed(need: ResponseNeedFacts, allowed: readonly string[], what: string, path: string): DomainError {
  return badInput(`"${need.title}" is ${need.status}: ${what} only while it is ${allowed.join(" or ")}.`, [{ path, message: `is ${need.status}, not ${allowed.join(" or ")}` }]);
}

/**
 * The terms of a response and, for a koperasi's, its members' shares, checked in shape (members are
 * for a koperasi only and required there; the monthly quantity defaults to the shares' sum).
 */
function parseOffer(responder: "ikm" | "koperasi", members: unknown, input: unknown): Offer {
  const shapeIssue = membersShapeIssue(responder, members as unknown[] | null | undefined);
  if (shapeIssue) throw badInput(`Invalid input. ${shapeIssue.path}: ${shapeIssue.message}`, [shapeIssue]);
  const given = (input ?? {}) as { quantityPerMonth?: number | null };
  if (responder === "ikm") return { terms: toColumns(parseInput(termsSchema(todayUtc()), input)), shares: null, quantityGiven: given.quantityPerMonth ?? null };
  const shares = parseInput(sharesSchema, members, "input.members");
  const sum = shares.reduce((total, share) => total + share.quantityPerMonth, 0);
  const terms = toColumns(parseInput(termsSchema(todayUtc()), { ...given, quantityPerMonth: given.quantityPerMonth ?? sum }));
  return { terms, shares, quantityGiven: given.quantityPerMonth ?? null };
}

export class ResponseService {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly ikms: IkmService,
  ) {}

  /**
   * An IKM member answers an OPEN need for their IKM, a koperasi manager for a consortium of the
   * koperasi's members (an administrator names the IKM or the koperasi). A need the responder cannot
   * see answers NOT_FOUND; one not OPEN is refused naming its status. When the responder has a live
   * response already, CONFLICT (revise that one); after a withdrawal the same row is revived.
   */
  async submit(viewer: Viewer, args: SubmitArgs): Promise<NeedResponse> {
    const user = requireUser(viewer);
    const responder = responderFor(user, { ikmId: args.ikmId, koperasiId: args.koperasiId });
    const offer = parseOffer(responder.kind, args.members, args.terms);
    const key: ResponderKey = responder.kind === "ikm" ? { ikmId: responder.ikmId } : { koperasiId: responder.koperasiId };
    return this.database.transaction(async ({ responses }) => {
      if (responder.namedByAdmin && key.ikmId && !(await responses.ikmName(key.ikmId))) throw notFound("IKM", key.ikmId);
      if (responder.namedByAdmin && key.koperasiId && !(await responses.koperasiName(key.koperasiId))) throw notFound("Koperasi", key.koperasiId);
      const need = await this.answerableNeed(responses, viewer, args.needId, ANSWERABLE, "it takes responses", "input.needId");
      const shares = key.koperasiId ? await this.checkedShares(responses, key.koperasiId, offer) : null;
      const existing = await responses.findOf(need.id, key);
      let row: NeedResponse;
      if (!existing) {
        row = await responses.create(need.id, key, offer.terms);
      } else if (existing.status === "ACTIVE") {
        const who = key.ikmId ? "This IKM" : "This koperasi";
        throw new DomainError(ErrorCode.CONFLICT, `${who} has answered this need already (response ${toGlobalId("NeedResponse", existing.id)}, version ${existing.version}); revise that one with reviseResponse.`, {
          responseId: toGlobalId("NeedResponse", existing.id),
          version: existing.version,
        });
      } else {
        row = (await responses.replace(existing.id, existing.version, "WITHDRAWN", "ACTIVE", offer.terms)) ?? this.fail(existing.id);
      }
      if (shares) await responses.setMembers(row.id, shares);
      return this.recorded(responses, row, user.userId, need, "SUBMITTED", shares ?? []);
    });
  }

  /**
   * The responding IKM (or an administrator) replaces a live response's terms while its need is
   * OPEN; every field is given again (a revision is a whole new offer). `expectedVersion`, when
   * given, must be the version the change is based on (CONFLICT when stale).
   */
  async revise(viewer: Viewer, responseId: string, input: unknown, expectedVersion?: number | null): Promise<NeedResponse> {
    const user = requireUser(viewer);
    const current = await this.actable(viewer, responseId);
    const members = (input as { members?: ShareInput[] | null } | null)?.members;
    const offer = parseOffer(current.koperasiId ? "koperasi" : "ikm", members, input);
    if (current.status !== "ACTIVE") {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, "This response is WITHDRAWN; submit a new one with submitResponse (it continues the same history).", { from: current.status, to: "ACTIVE", allowed: [] });
    }
    return this.database.transaction(async ({ responses }) => {
      const need = await this.answerableNeed(responses, null, current.needId, ANSWERABLE, "a response can be revised", "id");
      const shares = current.koperasiId ? await this.checkedShares(responses, current.koperasiId, offer) : null;
      const row = (await responses.replace(responseId, expectedVersion ?? current.version, "ACTIVE", "ACTIVE", offer.terms)) ?? this.fail(responseId);
      if (shares) await responses.setMembers(row.id, shares);
      return this.recorded(responses, row, user.userId, need, "REVISED", shares ?? []);
    });
  }

  /** The responding IKM (or an administrator) takes a live response back while its need is OPEN or SHORTLISTED. */
  async withdraw(viewer: Viewer, responseId: string, expectedVersion?: number | null): Promise<NeedResponse> {
    const user = requireUser(viewer);
    const current = await this.actable(viewer, responseId);
    if (current.status !== "ACTIVE") {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, "This response is WITHDRAWN already.", { from: current.status, to: "WITHDRAWN", allowed: [] });
    }
    return this.database.transaction(async ({ responses }) => {
      const need = await this.answerableNeed(responses, null, current.needId, WITHDRAWABLE, "a response can be withdrawn", "id");
      const row = (await responses.replace(responseId, expectedVersion ?? current.version, "ACTIVE", "WITHDRAWN", null)) ?? this.fail(responseId);
      // A consortium's withdrawal keeps its members in the history too (as they stood).
      const shares = row.koperasiId ? await responses.membersOf([row.id]) : [];
      return this.recorded(responses, row, user.userId, need, "WITHDRAWN", shares);
    });
  }

  /** One response the viewer may see (access/responses.ts, responseSight), or NOT_FOUND as for a missing one. */
  async get(viewer: Viewer, responseId: string): Promise<NeedResponse> {
    const row = await this.database.repos.responses.findWithNeed(responseId);
    const parties = row && { firmId: row.need.firmId, ikmId: row.ikmId, koperasiId: row.koperasiId, memberIkmIds: row.members.map((m) => m.ikmId) };
    if (!row || !parties || !(await this.canSee(viewer, parties))) throw notFound("Response", responseId);
    const { need: _need, members: _members, ...response } = row;
    return response;
  }

  /** A response by id, unchecked: for callers that decided who hears of it (the subscription, per event). */
  find(responseId: string): Promise<NeedResponse | null> {
    return this.database.repos.responses.find(responseId);
  }

  /** Whether the viewer sees a response with these parties (foundations: while they mentor the IKM, or a member of the consortium). */
  async canSee(viewer: Viewer, parties: ResponseParties): Promise<boolean> {
    const sight = responseSight(viewer, parties);
    if (sight !== "if-sees-ikm-private") return sight;
    for (const ikmId of parties.ikmId ? [parties.ikmId] : (parties.memberIkmIds ?? [])) {
      if (await this.ikms.canSeePrivate(viewer, ikmId)) return true;
    }
    return false;
  }

  /**
   * The responses to a need the viewer already sees: all of them for its firm and administrators,
   * the viewer's own IKM's for IKM members, none for anyone else (access/responses.ts).
   */
  async forNeed(viewer: Viewer, need: { id: string; firmId: string }, args: PageArgs, includeWithdrawn: boolean, batched?: ResponsePageReader): Promise<Page<NeedResponse>> {
    const scope = needResponsesScope(viewer, need);
    if (scope.kind === "none") return paginate(args, ORDER, async () => [], async () => 0);
    const filter: ResponseFilter = { ikmId: scope.kind === "ikm" ? scope.ikmId : null, koperasiId: scope.kind === "koperasi" ? scope.koperasiId : null };
    if (batched && !args.after) {
      // The first page of many needs (a list of needs with their responses) is read for all at once.
      const first = pageSize(args);
      const rows = await batched.page(need.id, filter, includeWithdrawn, first + 1);
      const cursorOf = (r: NeedResponse) => encodeCursor(ORDER.valueOf(r).toISOString(), r.id);
      return pageOf(rows.slice(0, first), cursorOf, rows.length > first, () => batched.count(need.id, filter, includeWithdrawn));
    }
    return this.page(args, { needId: need.id, ikmId: filter.ikmId ?? undefined, koperasiId: filter.koperasiId ?? undefined, includeWithdrawn });
  }

  /**
   * An IKM's responses, for whoever sees its private side (its members, mentoring foundations,
   * administrators; `seesPrivate` as the caller's loader decided it); null for anyone else.
   */
  async forIkm(viewer: Viewer, ikmId: string, args: PageArgs, includeWithdrawn: boolean, seesPrivate: () => Promise<boolean>): Promise<Page<NeedResponse> | null> {
    if (!ikmResponsesSight(viewer) || !(await seesPrivate())) return null;
    return this.page(args, { ikmId, includeWithdrawn });
  }

  /** A koperasi's consortium responses, for its managers and administrators; null for anyone else. */
  async forKoperasi(viewer: Viewer, koperasiId: string, args: PageArgs, includeWithdrawn: boolean): Promise<Page<NeedResponse> | null> {
    if (!maySeeKoperasiResponses(viewer, koperasiId)) return null;
    return this.page(args, { koperasiId, includeWithdrawn });
  }

  /** Revisions of these responses, oldest first, in one statement (for the loader). */
  revisionsOf(responseIds: string[]): Promise<NeedResponseRevision[]> {
    return this.database.repos.responses.revisionsOf(responseIds);
  }

  private page(args: PageArgs, scope: { needId?: string; ikmId?: string; koperasiId?: string; includeWithdrawn: boolean }): Promise<Page<NeedResponse>> {
    const repo = this.database.repos.responses;
    return paginate(args, ORDER, (q) => repo.findPage(scope, q), () => repo.count(scope));
  }

  /** The response, when the viewer may revise or withdraw it; anyone else's answers like a missing one. */
  private async actable(viewer: Viewer, responseId: string): Promise<NeedResponse> {
    const user = requireUser(viewer);
    const row = await this.database.repos.responses.find(responseId);
    if (!row || !mayActOnResponse(user, row)) throw notFound("Response", responseId);
    return row;
  }

  /**
   * The need, locked against a status change until commit, when it is in `allowed`. A new response
   * (`viewer` given) needs a need the responder sees: a draft, or one no longer published, answers
   * like a missing one. Acting on an existing response passes no viewer: that need was answered.
   */
  private async answerableNeed(responses: ResponseRepository, viewer: Viewer | null, needId: string, allowed: readonly string[], what: string, path: string): Promise<ResponseNeedFacts> {
    const need = await responses.lockNeed(needId);
    if (!need || (viewer && !mayViewNeed(viewer, need))) throw notFound("Component need", needId);
    if (!allowed.includes(need.status)) throw needClosed(need, allowed, what, path);
    return need;
  }

  /**
   * A consortium's shares, checked against the koperasi's members now (locked until commit, so none
   * leaves meanwhile): each IKM once and a member, the monthly quantity their sum. BAD_USER_INPUT
   * naming each IKM that is not, before anything is written.
   */
  private async checkedShares(responses: ResponseRepository, koperasiId: string, offer: Offer): Promise<Share[]> {
    const shares = offer.shares ?? [];
    const memberIds = new Set(await responses.lockKoperasiMembers(koperasiId));
    const names = new Map((await responses.ikmNames([...new Set(shares.map((s) => s.ikmId))])).map((i) => [i.id, i.legalName]));
    const nameOf = (ikmId: string) => (names.has(ikmId) ? `${names.get(ikmId)} (${toGlobalId("Ikm", ikmId)})` : `IKM ${toGlobalId("Ikm", ikmId)}`);
    const { issues } = checkConsortium(shares, memberIds, offer.quantityGiven, nameOf);
    if (issues.length) throw badInput(`This consortium cannot answer as given: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}.`, issues);
    return shares;
  }

  /** Keeps the state reached as a revision (with a consortium's members) and announces it, in the caller's transaction. */
  private async recorded(responses: ResponseRepository, row: NeedResponse, userId: string, need: ResponseNeedFacts, change: SharedTopics["RESPONSE_RECEIVED"]["change"], shares: readonly Share[]): Promise<NeedResponse> {
    await responses.recordRevision(row, userId, shares);
    await responses.publishEvent(this.events, "RESPONSE_RECEIVED", {
      responseId: row.id, needId: need.id, firmId: need.firmId, ikmId: row.ikmId, koperasiId: row.koperasiId, change, version: row.version,
    });
    return row;
  }

  private fail(responseId: string): never {
    throw stale(responseId);
  }
}
