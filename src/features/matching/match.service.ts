import type { Database } from "../../infra/db/repositories/index.js";
import { z } from "zod";
import type { ComponentNeed, Ikm } from "../../infra/db/models.js";
import { badInput, notFound } from "../../domain/errors.js";
import { MATURITY } from "../../core/maturity/config.js";
import { type Weights, bandOf } from "../../core/matching/config.js";
import {
  type Eligibility, type MatchFilter, type RankCursor, rankedPage, scoreMatch,
} from "../../core/matching/scorer.js";
import type { MatchResult, NeedProfile, SupplierProfile } from "../../core/matching/types.js";
import { toDay } from "../../domain/dates.js";
import { periodOf } from "../../domain/need-period.js";
import type { MatchIndex } from "../../infra/match-index/match-index.js";
import type { CheckedFoundation } from "../maturity/maturity.service.js";
import type { IkmService } from "../ikms/ikm.service.js";
import type { NeedService } from "../needs/need.service.js";
import { type Page, type PageArgs, decodeCursor, encodeCursor, pageOf, pageSize } from "../../domain/pagination.js";
import type { SupplierChanges } from "./supplier-changes.js";
import { parseInput, regionCode } from "../common/validation.js";
import { type Viewer, requireUser } from "../../access/viewer.js";
import { assertMaySeeNeedMatches, assertMaySeeSupplierSide, mayMatchForNeed, opportunitiesIkmId } from "../../access/matching.js";
import { carry } from "./match-sources.js";
import { RememberedExplanations, type Verdict } from "./explanations.js";
import { LIMITS, MATCH_INDEX } from "../../domain/limits.js";
import { deepFreeze } from "../../domain/frozen.js";
import { LRUCache } from "lru-cache";

/**
 * A ranked supplier without its explanation: the index's total and its band. The index scores
 * exactly as the pure scorer does (test/unit/engine.test.ts compares every total), so these are the
 * score and band an explained result would show.
 */
export type RankedMatch = Pick<MatchResult, "needId" | "supplierId" | "total" | "band">;

/** How much of each ranked supplier a `matches` page needs: the full explanation, or score and band alone. */
export type MatchDetail = "explained" | "ranked";

export interface OpenNeedMentees {
  need: ComponentNeed;
  eligibleMentees: number;
  /** The best mentees for the need, by the index's totals. */
  best: ReadonlyArray<{ readonly id: string; readonly total: number }>;
}

const filterSchema = z
  .object({
    eligibility: z.enum(["ELIGIBLE", "NEAR_MISS"]).optional(),
    regionCode: regionCode.nullish(),
    bands: z.array(z.enum(["EXCELLENT", "GOOD", "FAIR", "POOR"])).max(4).nullish(),
    stages: z.array(z.enum(["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"])).max(4).nullish(),
    sentraId: z.string().nullish(),
    koperasiId: z.string().nullish(),
  })
  .default({});

/** Each row's profile, made once: a request hands the same row to the ranking, the scorer and gap paths. */
const profiles = new WeakMap<ComponentNeed, NeedProfile>();

/**
 * Profiles kept across requests, by the version of the row they were made of. Every write of a need
 * bumps its version (needs.repository.ts, shortlist.repository.ts: the optimistic lock), and Prisma
 * stamps updatedAt, so a row with the same id, version and updatedAt holds the same terms. So the
 * same profile object comes back for the same need until it is edited, and what is keyed by it (the
 * remembered verdicts' and explanations' need key, explanations.ts) is made once per version
 * instead of once per request: `opportunities` reads every open need on every request.
 */
const versions = new LRUCache<string, NeedProfile>({ max: MATCH_INDEX.rememberedNeedProfiles });

/** The matcher's view of a need row (the same object for the same row version: read-only, frozen). */
export function needProfile(need: ComponentNeed): NeedProfile {
  let profile = profiles.get(need);
  if (profile) return profile;
  const version = `${need.id}:${need.version}:${need.updatedAt.getTime()}:${need.createdAt.getTime()}`;
  profile = versions.get(version);
  // A copy: freezing the profile must not freeze the row's own arrays, which the request goes on using.
  if (!profile) versions.set(version, (profile = deepFreeze(structuredClone(profileOf(need)))));
  profiles.set(need, profile);
  return profile;
}

function profileOf(need: ComponentNeed): NeedProfile {
  return {
    id: need.id,
    processes: need.processes,
    specificProcesses: need.specificProcesses,
    materials: need.materials,
    quantityPerMonth: need.quantityPerMonth,
    unit: need.unit,
    toleranceMm: need.toleranceMm == null ? null : Number(need.toleranceMm),
    toleranceCritical: need.toleranceCritical,
    maxRejectPpm: need.maxRejectPpm,
    requiredCertifications: need.requiredCertifications,
    minimumStage: need.minimumStage,
    preferredRegionCode: need.preferredRegionCode,
    latitude: need.latitude,
    longitude: need.longitude,
    radiusKm: need.radiusKm,
    startDate: toDay(need.startDate),
    endDate: periodOf(need).endDay,
    weights: (need.matchWeights as Partial<Weights> | null) ?? null,
  };
}

/** A ranking's cursor: the last row's total and id (pagination.ts's codec). */
function decodeRankCursor(cursor: string | null | undefined): RankCursor | null {
  if (!cursor) return null;
  const parsed = decodeCursor(cursor);
  if (parsed && typeof parsed[0] === "number" && Number.isFinite(parsed[0])
    && typeof parsed[1] === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(parsed[1])) {
    return { total: parsed[0], id: parsed[1] };
  }
  throw badInput("after is not a cursor from this ranking; pass an endCursor you received.", [{ path: "after", message: "not a valid cursor" }]);
}

function page<T extends RankedMatch>(
  results: T[],
  key: (r: T) => string,
  hasNextPage: boolean,
  totalCount: Page<T>["totalCount"],
  orderTotal: (r: T) => number = (r) => r.total,
): Page<T> {
  return pageOf(results, (node) => encodeCursor(orderTotal(node), key(node)), hasNextPage, totalCount);
}

/**
 * Matching use cases: a firm's ranked suppliers for its need, an IKM's ranked opportunities, and the
 * explanation of one pair. Ranking runs on the in-memory index; every result shown is re-scored with
 * the pure scorer from its profile as PostgreSQL holds it (read, or remembered by the index until a
 * change to that IKM is applied), so its explanation is exact.
 */
export class MatchService implements SupplierChanges {
  /** Explanations given again while their need, supplier profile and vocabulary are the same (explanations.ts). */
  readonly explanations = new RememberedExplanations(MATCH_INDEX.rememberedExplanations, MATCH_INDEX.rememberedVerdicts);

  constructor(
    private readonly database: Database,
    private readonly index: MatchIndex,
    private readonly needs: NeedService,
    private readonly ikms: IkmService,
  ) {}

  /**
   * After a committed write: refresh the index. A failed refresh must not turn the committed write
   * into an error for its caller, so it is logged and the index rebuilt from PostgreSQL instead.
   */
  async ikmsChanged(ids: string[]): Promise<void> {
    try {
      await this.index.refresh(ids);
    } catch {
      this.index.rebuildSoon();
    }
  }

  /**
   * The IKM rows of matched suppliers (`Match.ikm`), whole: remembered by the index until it applies a
   * change to the IKM, read with `read` otherwise. The index's own rule, so a supplier's name and
   * stage are as fresh as its place in the ranking. Frozen and shared: read them, never change them.
   */
  matchedIkms(ids: string[], read: (ids: string[]) => Promise<Ikm[]>): Promise<Ikm[]> {
    return this.index.ikmRows(ids, read);
  }

  /** A ranked IKM's whole row if the index remembers it, at once; undefined if it must be read. */
  rememberedIkm(id: string): Ikm | undefined {
    return this.index.ikmRow(id);
  }

  /** The vocabulary changed: remembered rankings and counts read the need's words the old way. */
  vocabularyChanged(): void {
    this.index.forgetAnswers();
  }

  /**
   * Suppliers for a need of the viewer's firm, best first. "explained" re-scores each from its
   * profile (factors, requirements, gaps); "ranked", for a page that shows score and band
   * alone, answers from the index and reads no profile.
   */
  async matches(viewer: Viewer, needId: string, args: PageArgs, filterInput: unknown, detail: MatchDetail = "explained"): Promise<Page<MatchResult | RankedMatch>> {
    requireUser(viewer);
    const need = await this.needs.get(viewer, needId);
    assertMaySeeNeedMatches(viewer, need);
    const first = pageSize(args);
    const after = decodeRankCursor(args.after);
    const filter = parseInput(filterSchema, filterInput ?? undefined, "filter") as MatchFilter;
    const profile = needProfile(need);
    const ranked = await this.index.rank(profile, { first, after, filter });
    let count: Promise<number> | undefined;
    const counted = () => (count ??= this.index.count(profile, filter));
    if (detail === "ranked") {
      const results = ranked.ranked.map((r) => carry<RankedMatch>({ needId: need.id, supplierId: r.id, total: r.total, band: bandOf(r.total) }, { need }));
      return page(results, (m) => m.supplierId, ranked.hasNextPage, counted);
    }
    const suppliers = new Map((await this.index.profiles(ranked.ranked.map((r) => r.id))).map((p) => [p.id, p]));
    const results: MatchResult[] = [];
    for (const r of ranked.ranked) {
      const supplier = suppliers.get(r.id);
      // A supplier deleted meanwhile drops out. Each result carries the rows read for it (need, gapPaths).
      if (supplier) results.push(carry(this.explained(profile, supplier), { need, supplier }));
    }
    // Cursors carry the index's totals, the order the pages follow.
    const indexTotal = new Map(ranked.ranked.map((r) => [r.id, r.total]));
    return page(results, (m) => m.supplierId, ranked.hasNextPage, counted, (m) => indexTotal.get(m.supplierId) ?? m.total);
  }

  /**
   * Open needs for an IKM, best first: those it is eligible for, or (NEAR_MISS) those it misses by one
   * requirement, with what it lacks. IKM members see their own; mentoring foundations and
   * administrators name the IKM.
   */
  async opportunities(viewer: Viewer, ikmIdArg: string | null, args: PageArgs, eligibility: Eligibility = "ELIGIBLE"): Promise<Page<MatchResult>> {
    const user = requireUser(viewer);
    const ikmId = opportunitiesIkmId(user, ikmIdArg);
    if (!ikmId) {
      throw badInput("Name the IKM: ikmId is required unless you sign in as an IKM member.", [{ path: "ikmId", message: "required" }]);
    }
    await this.assertSupplierView(viewer, ikmId);
    const first = pageSize(args);
    const after = decodeRankCursor(args.after);
    const [supplier] = await this.index.profiles([ikmId]);
    if (!supplier) throw notFound("IKM", ikmId);
    const open = await this.database.repos.matching.listOpenNeeds();
    // Every open need is judged (remembered verdicts: explanations.ts); only the page's are explained.
    const judged: Array<Verdict & { needId: string; need: ComponentNeed }> = [];
    for (const need of open) {
      const verdict = this.explanations.verdict(needProfile(need), supplier, () => scoreMatch(needProfile(need), supplier));
      if (eligibility === "ELIGIBLE" ? verdict.eligible : verdict.nearMiss) judged.push({ ...verdict, needId: need.id, need });
    }
    const ranked = rankedPage(judged, (m) => m.needId, first, after);
    const results = ranked.results.map(({ need }) => carry(this.explained(needProfile(need), supplier), { need, supplier }));
    return page(results, (m) => m.needId, ranked.hasNextPage, ranked.totalCount);
  }

  /** The full breakdown for one need and one IKM, eligible or not. */
  async explain(viewer: Viewer, needId: string, ikmId: string): Promise<MatchResult> {
    return (await this.explainPair(viewer, needId, ikmId)).match;
  }

  /** explain, with the need row and supplier profile it read, for callers that go on from the match (gap paths). */
  async explainPair(viewer: Viewer, needId: string, ikmId: string): Promise<{ need: ComponentNeed; supplier: SupplierProfile; match: MatchResult }> {
    requireUser(viewer);
    const need = await this.needs.get(viewer, needId);
    if (!mayMatchForNeed(viewer, need)) await this.assertSupplierView(viewer, ikmId);
    const [supplier] = await this.index.profiles([ikmId]);
    if (!supplier) throw notFound("IKM", ikmId);
    return { need, supplier, match: carry(this.explained(needProfile(need), supplier), { need, supplier }) };
  }

  /**
   * These IKMs scored for one need exactly as explain scores a pair, for a caller that has checked
   * the viewer may see them (a response's `match`): one read of the index for all of them.
   */
  async scoreFor(need: ComponentNeed, ikmIds: string[]): Promise<Map<string, MatchResult>> {
    const profile = needProfile(need);
    const suppliers = await this.index.profiles(ikmIds);
    return new Map(suppliers.map((supplier) => [supplier.id, carry(this.explained(profile, supplier), { need, supplier })]));
  }

  private explained(need: NeedProfile, supplier: SupplierProfile): MatchResult {
    return this.explanations.explain(need, supplier, () => scoreMatch(need, supplier));
  }

  /**
   * A foundation's active mentees (its regional centres' included) eligible for open needs now:
   * per open need (newest MATURITY.maxOpenNeedsScanned), how many mentees pass every requirement
   * and the best few, needs with the most eligible mentees first. Two index scans per need,
   * filtered to the foundation's mentees inside the index.
   */
  async menteesForOpenNeeds({ foundationId }: CheckedFoundation, first: number): Promise<OpenNeedMentees[]> {
    if (!Number.isInteger(first) || first < 1 || first > LIMITS.maxPageSize) {
      throw badInput(`first must be between 1 and ${LIMITS.maxPageSize}.`, [{ path: "first", message: `must be between 1 and ${LIMITS.maxPageSize}` }]);
    }
    const open = await this.database.repos.matching.listNewestOpenNeeds(MATURITY.maxOpenNeedsScanned);
    const filter: MatchFilter = { foundationId };
    const out: OpenNeedMentees[] = [];
    for (const need of open) {
      const profile = needProfile(need);
      const [ranked, count] = await Promise.all([
        this.index.rank(profile, { first: MATURITY.topMenteesPerNeed, filter }),
        this.index.count(profile, filter),
      ]);
      if (count > 0) out.push({ need, eligibleMentees: count, best: ranked.ranked });
    }
    out.sort((a, b) => b.eligibleMentees - a.eligibleMentees || b.need.id.localeCompare(a.need.id));
    return out.slice(0, first);
  }

  /**
   * An IKM's own members, its mentoring foundations and administrators see its side of matching.
   * Decided before existence: anyone else gets the same FORBIDDEN for another IKM and a missing one.
   */
  private async assertSupplierView(viewer: Viewer, ikmId: string): Promise<void> {
    requireUser(viewer);
    assertMaySeeSupplierSide(viewer, await this.ikms.canSeePrivate(viewer, ikmId));
  }
}

