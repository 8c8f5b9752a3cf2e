import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from "type-graphql";
import { expectId } from "../../domain/ids.js";
import type { MatchResult } from "../../core/matching/types.js";
import type { Allocation as AllocationResult } from "../../core/supply/allocation.js";
import type { GapPath as Path } from "../../core/supply/programmes.js";
import { SUPPLY_REQUESTS } from "../../core/supply/config.js";
import type { Context } from "../../api/context.js";
import { Foundation } from "../maturity/maturity.types.js";
import { Koperasi, Sentra } from "../clusters/cluster.types.js";
import { Ikm } from "../ikms/ikm.types.js";
import { SupplierMatch } from "../matching/match.types.js";
import { carried, carry } from "../matching/match-sources.js";
import { ComponentNeed } from "../needs/need.types.js";
import {
  Allocation, AllocationAssignment, AllocationMethod, AllocationShortfall, ConsortiumMember, ConsortiumProposals, GapPath, GapPaths,
  IkmLoad, MachinePriceInput, NeedAllocation, SingleSupplier, SupplyCluster,
} from "./supply.types.js";

/**
 * A path as the API shows it: every kind with the same fields, and what to do in words. The
 * GraphQL enums are TypeScript enums whose values are the domain's string literals, hence the cast.
 */
function pathView(p: Path): GapPath {
  return view(p) as unknown as GapPath;
}

function view(p: Path) {
  const base = { gap: p.gap, process: null, machine: null, priceIdr: null, origin: null, restructuring: null, financing: null, facility: null, source: null, asOf: null };
  switch (p.kind) {
    case "MACHINE":
      return {
        ...base, kind: p.kind, process: p.process, machine: p.machine, priceIdr: p.priceIdr, origin: p.origin,
        restructuring: p.restructuring, financing: p.financing,
        message: p.restructuring
          ? `Buy a ${p.machine} for ${p.process}: Rp${p.priceIdr!.toLocaleString("en")}, Rp${p.restructuring.reimbursementIdr.toLocaleString("en")} back from machine restructuring, Rp${p.restructuring.netCostIdr.toLocaleString("en")} net` +
            (p.financing ? `, financed in the KUR ${p.financing.name} band at ${p.financing.rateMinPct}-${p.financing.rateMaxPct}% a year.` : ".")
          : `Buy a ${p.machine} for ${p.process}; give its price to see the machine-restructuring refund and the KUR band.`,
        source: p.restructuring?.source ?? null, asOf: p.restructuring?.asOf ?? null,
      };
    case "SHARED_FACILITY":
      return {
        ...base, kind: p.kind, process: p.process, source: p.source, asOf: p.asOf,
        facility: { ...p.facility, cluster: { kind: p.facility.cluster.kind, id: p.facility.cluster.id } },
        message: `Use ${p.facility.name} of ${p.facility.cluster.name} for ${p.process}: reachable through membership, not the IKM's own capability.`,
      };
    case "OWNED_MACHINE":
      return { ...base, kind: p.kind, process: p.process, machine: p.machine, message: p.message };
    case "CONFIRM":
      return { ...base, kind: p.kind, process: p.process, message: p.message };
    default:
      return { ...base, kind: p.kind, message: p.message };
  }
}

@Resolver()
export class SupplyResolver {
  @Authorized("FIRM", "ADMIN", "KOPERASI")
  @Query(() => ConsortiumProposals, {
    description:
      "Consortia for a need of your firm that no single IKM can cover: members of one koperasi, sentra or foundation's mentees, each eligible, " +
      "with shares within their free capacity (capacity less partnerships), best rank first. A koperasi's manager asks for an OPEN or SHORTLISTED " +
      "need and gets its own koperasi's members only: every figure of the answer counts them alone.",
  })
  async consortia(@Arg("needId", () => ID, { description: "The need's global id: a need of your firm (a koperasi's manager: an OPEN or SHORTLISTED need), not yet awarded, closed or cancelled." }) needId: string, @Ctx() ctx: Context): Promise<ConsortiumProposals> {
    const answer = await ctx.services.supply.consortia(ctx.viewer, expectId(needId, "ComponentNeed", "needId"));
    // The need the service read goes along for the need field.
    return carry({
      needId: answer.need.id,
      eligibleSuppliers: answer.eligibleSuppliers,
      singleSuppliers: answer.singleSuppliers,
      reason: answer.reason as ConsortiumProposals["reason"],
      proposals: answer.proposals.map((p) => ({
        ...p,
        cluster: { kind: p.cluster.kind as SupplyCluster["kind"], id: p.cluster.id },
        weakest: p.members.find((m) => m.ikmId === p.weakest.ikmId)!,
      })),
    }, { need: answer.need });
  }

  @Authorized("FIRM", "ADMIN")
  @Query(() => Allocation, {
    description:
      "Assigns several needs of your firm (administrators: any firm's) at once to IKMs and consortia so that coverage and score are high and no IKM " +
      "is committed beyond its free capacity, counting what partnerships already take. Says why any units stay uncovered. Proposes; commits nothing.",
  })
  async allocate(
    @Arg("needIds", () => [ID], { description: `The needs to place together, each once, at most ${SUPPLY_REQUESTS.maxNeedsPerAllocation}; none awarded, closed or cancelled.` }) needIds: string[],
    @Arg("method", () => AllocationMethod, { defaultValue: AllocationMethod.OPTIMAL, description: "OPTIMAL (default) or GREEDY." }) method: AllocationMethod,
    @Ctx() ctx: Context,
  ): Promise<Allocation> {
    const ids = needIds.map((id, i) => expectId(id, "ComponentNeed", `needIds.${i}`));
    const result = await ctx.services.supply.allocate(ctx.viewer, ids, method);
    return allocationView(result, ids);
  }

  @Authorized()
  @Query(() => GapPaths, {
    description:
      "What would close each gap between a need and an IKM, and what helps pay for it: shared facilities of its koperasi or sentra, the machine a " +
      "process needs with the machine-restructuring refund and net cost for the price you give, and the KUR band for it. For the need's firm, the " +
      "IKM, its mentors and administrators.",
  })
  async gapPaths(
    @Arg("needId", () => ID, { description: "The need's global id." }) needId: string,
    @Arg("ikmId", () => ID, { description: "The IKM's global id." }) ikmId: string,
    @Arg("machinePrices", () => [MachinePriceInput], { nullable: true, description: "Prices of the machines the IKM has in mind, one per process; without one, a MACHINE path names the machine only." }) machinePrices: MachinePriceInput[] | null,
    @Arg("alreadyReimbursedIdr", () => Float, { nullable: true, description: "What the company has had back from machine restructuring already (the cap is per company)." })
    alreadyReimbursedIdr: number | null,
    @Ctx() ctx: Context,
  ): Promise<GapPaths> {
    const answer = await ctx.services.supply.gapPaths(ctx.viewer, expectId(needId, "ComponentNeed", "needId"), expectId(ikmId, "Ikm", "ikmId"), {
      machinePrices, alreadyReimbursedIdr,
    });
    return { match: answer.match as unknown as SupplierMatch, paths: answer.paths.map(pathView) };
  }
}

/** The allocation in the order the needs were asked for. */
function allocationView(a: AllocationResult, order: string[]): Allocation {
  const byNeed = new Map(a.needs.map((n) => [n.needId, n]));
  return {
    method: a.method === "MIP" ? AllocationMethod.OPTIMAL : AllocationMethod.GREEDY,
    status: a.status,
    provenOptimal: a.provenOptimal,
    unsolvedGroups: a.model.unsolved,
    objective: a.objective,
    totalScore: a.totalScore,
    coverage: a.coverage,
    needs: order.map((id) => {
      const n = byNeed.get(id)!;
      return { ...n, cluster: n.cluster ? { kind: n.cluster.kind as SupplyCluster["kind"], id: n.cluster.id } : null } as NeedAllocation;
    }),
    loads: a.loads,
  };
}

@Resolver(() => SupplyCluster)
export class SupplyClusterResolver {
  @FieldResolver(() => Koperasi, { nullable: true, description: "kind KOPERASI: the koperasi; null otherwise." })
  koperasi(@Root() c: SupplyCluster, @Ctx() ctx: Context) {
    return c.kind === "KOPERASI" ? ctx.loaders.koperasi.load(c.id) : null;
  }

  @FieldResolver(() => Sentra, { nullable: true, description: "kind SENTRA: the sentra; null otherwise." })
  sentra(@Root() c: SupplyCluster, @Ctx() ctx: Context) {
    return c.kind === "SENTRA" ? ctx.loaders.sentra.load(c.id) : null;
  }

  @FieldResolver(() => Foundation, { nullable: true, description: "kind FOUNDATION: the foundation whose mentees these are; null otherwise." })
  foundation(@Root() c: SupplyCluster, @Ctx() ctx: Context) {
    return c.kind === "FOUNDATION" ? ctx.loaders.foundation.load(c.id) : null;
  }

  @FieldResolver(() => String, { description: "The cluster's name." })
  async name(@Root() c: SupplyCluster, @Ctx() ctx: Context): Promise<string> {
    const row = c.kind === "KOPERASI" ? await ctx.loaders.koperasi.load(c.id) : c.kind === "SENTRA" ? await ctx.loaders.sentra.load(c.id) : await ctx.loaders.foundation.load(c.id);
    return row?.name ?? "";
  }
}

@Resolver(() => ConsortiumProposals)
export class ConsortiumProposalsResolver {
  @FieldResolver(() => ComponentNeed, { description: "The need the proposals are for." })
  need(@Root() p: ConsortiumProposals, @Ctx() ctx: Context) {
    return carried(p).need ?? ctx.loaders.need.load(p.needId);
  }
}

@Resolver(() => ConsortiumMember)
export class ConsortiumMemberResolver {
  @FieldResolver(() => Ikm, { description: "The member IKM." })
  ikm(@Root() m: ConsortiumMember, @Ctx() ctx: Context) {
    return ctx.loaders.ikm.load(m.ikmId);
  }
}

@Resolver(() => SingleSupplier)
export class SingleSupplierResolver {
  @FieldResolver(() => Ikm, { description: "The IKM." })
  ikm(@Root() m: SingleSupplier, @Ctx() ctx: Context) {
    return ctx.loaders.ikm.load(m.ikmId);
  }
}

@Resolver(() => AllocationAssignment)
export class AllocationAssignmentResolver {
  @FieldResolver(() => Ikm, { description: "The IKM given the units." })
  ikm(@Root() a: AllocationAssignment, @Ctx() ctx: Context) {
    return ctx.loaders.ikm.load(a.ikmId);
  }
}

@Resolver(() => IkmLoad)
export class IkmLoadResolver {
  @FieldResolver(() => Ikm, { description: "The IKM." })
  ikm(@Root() l: IkmLoad, @Ctx() ctx: Context) {
    return ctx.loaders.ikm.load(l.ikmId);
  }
}

@Resolver(() => NeedAllocation)
export class NeedAllocationResolver {
  /** Needs the caller named in the same allocation, so already checked as visible. */
  @FieldResolver(() => ComponentNeed, { description: "The need." })
  need(@Root() n: NeedAllocation, @Ctx() ctx: Context) {
    return ctx.loaders.need.load(n.needId);
  }
}

@Resolver(() => AllocationShortfall)
export class AllocationShortfallResolver {
  @FieldResolver(() => [ComponentNeed], { description: "TAKEN_BY_OTHER_NEEDS: the needs of this allocation that took the capacity." })
  async needs(@Root() s: AllocationShortfall, @Ctx() ctx: Context) {
    return (await ctx.loaders.need.loadMany(s.needIds)).filter((n) => n && !(n instanceof Error));
  }
}

@Resolver(() => SupplierMatch)
export class SupplierMatchPathsResolver {
  @FieldResolver(() => [GapPath], {
    description: "What would close each gap (gapPaths without prices): shared facilities of the IKM's clusters, machines, certificates, mentoring.",
  })
  async gapPaths(@Root() m: MatchResult, @Ctx() ctx: Context): Promise<GapPath[]> {
    const paths = await ctx.services.supply.pathsOfMatch(m, {
      need: (id) => ctx.loaders.need.load(id),
      supplier: (id) => ctx.loaders.supplierProfile.load(id),
      facilities: (id) => ctx.loaders.sharedFacilitiesByIkm.load(id),
      machines: (id) => ctx.loaders.machinesByIkm.load(id),
    });
    return paths.map(pathView);
  }
}
