import type { Database } from "../../infra/db/repositories/index.js";
/**
 * Joint supply, allocation and gap paths (issue 7): the use cases over the pure modules in
 * src/supply. This file reads what they need from PostgreSQL and the match index (eligible IKMs,
 * their profiles, capacity already committed under partnerships, shared facilities) and checks who
 * is asking; the rules themselves live in src/supply.
 */
import { z } from "zod";
import type { ComponentNeed } from "../../infra/db/models.js";
import type { Process } from "../../domain/enums.js";
import { badInput, notFound } from "../../domain/errors.js";
import { UNDECIDED_STATUSES } from "../../domain/need-status.js";
import { toDay } from "../../domain/dates.js";
import type { MatchFilter } from "../../core/matching/scorer.js";
import type { MatchResult, NeedProfile, SupplierProfile } from "../../core/matching/types.js";
import { type AllocationRunner, SolverStopped, allocationBusy } from "../../infra/solver/allocation-pool.js";
import { type Allocation, type AllocationProblem, type Commitment, type IkmSupply, allocateGreedy, scoreOptions, supplyOf } from "../../core/supply/allocation.js";
import { bottleneck, peakHolds, shortProcesses } from "../../core/supply/capacity.js";
import { SUPPLY_REQUESTS } from "../../core/supply/config.js";
import { type ConsortiumProposal, proposeConsortia } from "../../core/supply/consortium.js";
import { type NoConsortiumReason, whyNoConsortium } from "../../core/supply/consortium-reason.js";
import { type GapPath, type MachineOrigin, type OwnedMachine, type PathInputs, type SharedFacility, gapPaths } from "../../core/supply/programmes.js";
import type { MatchIndex } from "../../infra/match-index/match-index.js";
import { type MatchService, needProfile } from "../matching/match.service.js";
import type { NeedService } from "../needs/need.service.js";
import { parseInput } from "../common/validation.js";
import type { Viewer } from "../../access/viewer.js";
import { type ConsortiaScope, allocatableFirmId, assertMayAllocate, consortiaScope } from "../../access/supply.js";
import { carried } from "../matching/match-sources.js";


export interface ConsortiaAnswer {
  need: ComponentNeed;
  /** Eligible IKMs the proposals were drawn from (at most SUPPLY_REQUESTS.candidatesPerNeed). */
  eligibleSuppliers: number;
  /** Eligible IKMs whose free capacity covers the need alone: when any, no consortium is proposed. */
  singleSuppliers: Array<{ ikmId: string; freeCapacity: number }>;
  proposals: ConsortiumProposal[];
  /** Why there is no proposal; null when there is one. */
  reason: NoConsortiumReason | null;
}

export type AllocationMethod = "OPTIMAL" | "GREEDY";

export interface GapPathsAnswer {
  match: MatchResult;
  paths: GapPath[];
}

const machinePricesSchema = z
  .array(
    z.object({
      process: z.string(),
      priceIdr: z.number().int("must be whole rupiah").positive("must be above 0").max(1e13, "must be at most Rp10 trillion"),
      origin: z.enum(["DOMESTIC", "IMPORTED"]),
    }),
  )
  .max(SUPPLY_REQUESTS.maxMachinePrices, `at most ${SUPPLY_REQUESTS.maxMachinePrices} prices`)
  .superRefine((prices, ctx) => {
    const seen = new Set<string>();
    prices.forEach((p, i) => {
      if (seen.has(p.process)) ctx.addIssue({ code: "custom", path: [i, "process"], message: `${p.process} is priced twice; give one price per process` });
      seen.add(p.process);
    });
  })
  .nullish();
const reimbursedSchema = z.number().int("must be whole rupiah").min(0, "must not be negative").max(1e13, "must be at most Rp10 trillion").nullish();

export interface PathInputsArgs {
  machinePrices?: Array<{ process: Process; priceIdr: number; origin: MachineOrigin }> | null;
  alreadyReimbursedIdr?: number | null;
}

/** Units of one need an IKM can still take: its free capacity at the need's bottleneck process. */
const freeForNeed = (need: NeedProfile, supply: IkmSupply): number => bottleneck(need, supply.free, (f) => Math.max(0, Math.floor(f.quantity)));

/** The ranking filter of a consortia scope: a koperasi's members, or none. */
const membersOf = (scope: ConsortiaScope): MatchFilter | undefined => (scope.kind === "koperasi" ? { koperasiId: scope.koperasiId } : undefined);

/**
 * A member as a koperasi-scoped search sees it: in that koperasi alone, so the only cluster is the
 * koperasi (its sentra and mentoring foundations are not the manager's to propose). Scores do not
 * read these ids (the cluster factor reads processes), so members score as they do for a firm.
 */
const inScope = (p: SupplierProfile, scope: ConsortiaScope): SupplierProfile =>
  scope.kind === "koperasi" ? { ...p, koperasiIds: [scope.koperasiId], sentraIds: [], foundationIds: [] } : p;

export class SupplyService {
  constructor(
    private readonly database: Database,
    private readonly index: MatchIndex,
    private readonly needs: NeedService,
    private readonly matching: MatchService,
    private readonly runner: AllocationRunner,
  ) {}

  /**
   * Consortia for a need, best first, when no single eligible IKM has the free capacity for it
   * (src/core/supply/consortium.ts says how they are found). A firm asks for its own needs and an
   * administrator for any, over every eligible IKM; a koperasi's manager for a need it sees, over
   * its koperasi's members only (consortiaScope), so everything in the answer (eligibleSuppliers,
   * singleSuppliers, proposals, reason) is about them.
   */
  async consortia(viewer: Viewer, needId: string): Promise<ConsortiaAnswer> {
    const scope = consortiaScope(viewer);
    const need = await this.needs.get(viewer, needId); // a firm sees only its own needs, a koperasi published ones
    if (!UNDECIDED_STATUSES.includes(need.status)) {
      throw badInput(`"${need.title}" is ${need.status}: consortia are proposed for draft, open and shortlisted needs.`, [{ path: "needId", message: `is ${need.status}` }]);
    }
    const profile = needProfile(need);
    const [{ profiles, eligible }] = await this.eligible([profile], membersOf(scope));
    const commitments = await this.commitments(profiles.map((p) => p.id), [need.id], profile.startDate, profile.endDate ?? null);
    const candidates = profiles.map((p) => ({ profile: inScope(p, scope), freeCapacity: freeForNeed(profile, supplyOf(p, commitments.get(p.id))) }));
    // Free capacity is stated capacity less partnerships, never above it.
    const singleSuppliers = candidates
      .filter((c) => c.freeCapacity >= profile.quantityPerMonth)
      .map((c) => ({ ikmId: c.profile.id, freeCapacity: c.freeCapacity }));
    const proposals = proposeConsortia(profile, candidates);
    return { need, eligibleSuppliers: eligible, singleSuppliers, proposals, reason: proposals.length ? null : whyNoConsortium(profile, candidates) };
  }

  /**
   * Assigns several needs at once to IKMs and consortia within their free capacity
   * (src/core/supply/allocation.ts). A firm allocates its own needs; an administrator any firm's.
   * Read-only: it proposes, nothing is committed.
   */
  async allocate(viewer: Viewer, needIds: string[], method: AllocationMethod = "OPTIMAL"): Promise<Allocation & { needRows: ComponentNeed[] }> {
    const user = assertMayAllocate(viewer);
    const max = SUPPLY_REQUESTS.maxNeedsPerAllocation;
    if (needIds.length === 0 || needIds.length > max) {
      throw badInput(`Give between 1 and ${max} needs to allocate.`, [{ path: "needIds", message: `between 1 and ${max} needs` }]);
    }
    // Refuse before reading anything when the solver's queue is full: the reads are the expensive part.
    if (method === "OPTIMAL" && this.runner.isFull()) throw allocationBusy(this.runner.queued);
    const repeated = needIds.findIndex((id, i) => needIds.indexOf(id) !== i);
    if (repeated >= 0) throw badInput("Each need may be named once.", [{ path: `needIds.${repeated}`, message: "named twice" }]);
    const rows = await this.database.repos.supply.findNeeds(needIds, allocatableFirmId(user));
    const byId = new Map(rows.map((n) => [n.id, n]));
    const needRows: ComponentNeed[] = [];
    for (const id of needIds) {
      const row = byId.get(id);
      // A firm reads its own needs only: another firm's answers like one that does not exist.
      if (!row) throw notFound("Component need", id);
      needRows.push(row);
    }
    needRows.forEach((n, i) => {
      if (!UNDECIDED_STATUSES.includes(n.status)) {
        throw badInput(`"${n.title}" is ${n.status}: only draft, open and shortlisted needs can be allocated.`, [
          { path: `needIds.${i}`, message: `is ${n.status}` },
        ]);
      }
    });
    const profiles = needRows.map(needProfile);
    const eligible = await this.eligible(profiles);
    const suppliers = new Map<string, SupplierProfile>();
    for (const e of eligible) for (const p of e.profiles) suppliers.set(p.id, p);
    const earliestStart = Math.min(...profiles.map((p) => p.startDate));
    // To the latest end among the needs (open-ended when one is): every need's period is inside.
    const latestEnd = profiles.some((p) => p.endDate == null) ? null : Math.max(...profiles.map((p) => p.endDate as number));
    const commitments = await this.commitments([...suppliers.keys()], needIds, earliestStart, latestEnd);
    // Each need is scored only against its own eligible IKMs: any other pair is not eligible anyway.
    const options = profiles.flatMap((need, n) => scoreOptions([need], eligible[n].profiles));
    // Each need says how many qualify in all, so units the best candidates could not cover are NOT_CONSIDERED, not short.
    const needs = profiles.map((need, n) => ({ ...need, eligibleTotal: eligible[n].eligible }));
    const problem = { needs, options, supply: [...suppliers.values()].map((p) => supplyOf(p, commitments.get(p.id))) };
    const allocation = method === "GREEDY" ? allocateGreedy(problem) : await this.solve(problem);
    return { ...allocation, needRows };
  }

  /** The MIP on the solver's worker thread; greedy's answer, saying why, when the thread was stopped (watchdog, crash). */
  private async solve(problem: AllocationProblem): Promise<Allocation> {
    try {
      return await this.runner.run(problem);
    } catch (error) {
      if (!(error instanceof SolverStopped)) throw error;
      return { ...allocateGreedy(problem), status: `Greedy (solver stopped: ${error.message})` };
    }
  }

  /**
   * What would close each gap between a need and an IKM, and what helps pay for it
   * (src/core/supply/programmes.ts). The same people may ask as may explain the match.
   */
  async gapPaths(viewer: Viewer, needId: string, ikmId: string, input: PathInputsArgs = {}): Promise<GapPathsAnswer> {
    // Paths name the query's own arguments.
    const prices = parseInput(machinePricesSchema, input.machinePrices, "machinePrices");
    const alreadyReimbursedIdr = parseInput(reimbursedSchema, input.alreadyReimbursedIdr, "alreadyReimbursedIdr") ?? 0;
    const { need, supplier, match } = await this.matching.explainPair(viewer, needId, ikmId);
    const [facilities, ownedMachines] = await Promise.all([
      this.sharedFacilities([ikmId]).then((f) => f.get(ikmId) ?? []),
      this.database.repos.supply.listMachines(ikmId),
    ]);
    const machinePrices = Object.fromEntries((prices ?? []).map((p) => [p.process, { priceIdr: p.priceIdr, origin: p.origin }]));
    return { match, paths: this.pathsOf(match, need, supplier, facilities, { machinePrices, alreadyReimbursedIdr, ownedMachines }) };
  }

  /**
   * The one place gap paths are worked out, for the gapPaths query and a match's gapPaths field:
   * `supplier` (its capacity says which processes are short) may be unknown, `inputs` are the
   * query's prices.
   */
  pathsOf(match: MatchResult, need: ComponentNeed, supplier: SupplierProfile | undefined, facilities: SharedFacility[], inputs: Pick<PathInputs, "machinePrices" | "alreadyReimbursedIdr" | "ownedMachines"> = {}): GapPath[] {
    const short = supplier ? shortProcesses(needProfile(need), supplier.capabilities, supplier.commitments) : undefined;
    return gapPaths(match.gaps, need.processes, { ...inputs, sharedFacilities: facilities, shortProcesses: short, needSpecifics: need.specificProcesses });
  }

  /**
   * A match's gap paths without prices (its gapPaths field): the need and supplier profile the
   * match carries when its use case read them, else loaded through `load`; none when the need is gone.
   */
  async pathsOfMatch(
    match: MatchResult,
    load: {
      need(id: string): Promise<ComponentNeed | null | undefined>;
      supplier(id: string): Promise<SupplierProfile | null | undefined>;
      facilities(ikmId: string): Promise<SharedFacility[]>;
      machines(ikmId: string): Promise<OwnedMachine[]>;
    },
  ): Promise<GapPath[]> {
    if (match.gaps.length === 0) return [];
    const sources = carried(match);
    const [need, facilities, supplier, ownedMachines] = await Promise.all([
      sources.need ?? load.need(match.needId), load.facilities(match.supplierId), sources.supplier ?? load.supplier(match.supplierId), load.machines(match.supplierId),
    ]);
    if (!need) return [];
    return this.pathsOf(match, need, supplier ?? undefined, facilities, { ownedMachines });
  }

  /** Matcher profiles of IKMs, read from PostgreSQL in one statement (for gap paths on match lists). */
  profiles(ikmIds: string[]): Promise<SupplierProfile[]> {
    return this.index.profiles(ikmIds);
  }

  /**
   * Shared facilities (factory sharing) of the koperasi and sentra each IKM belongs to, in one
   * statement for any number of IKMs.
   */
  async sharedFacilities(ikmIds: readonly string[]): Promise<Map<string, SharedFacility[]>> {
    const rows = await this.database.repos.supply.listSharedFacilities(ikmIds);
    const out = new Map<string, SharedFacility[]>();
    for (const r of rows) {
      const list = out.get(r.ikmId) ?? [];
      list.push({
        id: r.id, name: r.name, cluster: { kind: r.kind, id: r.clusterId, name: r.clusterName }, processes: r.processes,
        monthlyCapacity: r.monthlyCapacity, capacityUnit: r.capacityUnit,
      });
      out.set(r.ikmId, list);
    }
    return out;
  }

  /**
   * Each need's eligible IKMs, best index total first, at most SUPPLY_REQUESTS.candidatesPerNeed,
   * with their profiles read from PostgreSQL (one statement for all needs), and how many are
   * eligible in all; with a filter, only the IKMs it passes (a koperasi's members).
   */
  private async eligible(needs: NeedProfile[], filter?: MatchFilter): Promise<Array<{ profiles: SupplierProfile[]; eligible: number }>> {
    const ranked = await Promise.all(
      needs.map(async (need) => {
        const top = await this.index.rank(need, { first: SUPPLY_REQUESTS.candidatesPerNeed, filter });
        // The count is a second scan: only needed when the ranking was cut.
        const count = top.hasNextPage ? await this.index.count(need, filter) : top.ranked.length;
        return { ids: top.ranked.map((r) => r.id), count };
      }),
    );
    const all = [...new Set(ranked.flatMap((r) => r.ids))];
    const profiles = new Map((await this.index.profiles(all)).map((p) => [p.id, p]));
    return ranked.map((r) => ({
      // A supplier deleted since the index was read drops out.
      profiles: r.ids.map((id) => profiles.get(id)).filter((p): p is SupplierProfile => p !== undefined),
      eligible: r.count,
    }));
  }

  /**
   * Capacity the IKMs' partnerships holding it (ACTIVE, and awards' PENDING ones) take from `fromDay` to `untilDay` (the needs' period:
   * the earliest start and the latest end of the needs in question), per IKM, process and unit: the
   * most they hold at one time (peakHolds). Partnerships for the needs being placed are left out.
   */
  private async commitments(ikmIds: string[], excludeNeedIds: string[], fromDay: number, untilDay: number | null): Promise<Map<string, Commitment[]>> {
    if (ikmIds.length === 0) return new Map();
    const rows = await this.database.repos.supply.listCommitments(ikmIds, excludeNeedIds, new Date(fromDay * 86_400_000));
    return peakHolds(
      rows.map((r) => ({ ...r, startDay: toDay(r.startDate), endDay: r.endDate ? toDay(r.endDate) : null })),
      fromDay,
      untilDay,
    );
  }
}
