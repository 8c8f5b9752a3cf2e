import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { ComponentNeed as NeedRow, Firm as FirmRow, Ikm as IkmRow, Koperasi as KoperasiRow, Partnership as PartnershipRow } from "../../infra/db/models.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import { Koperasi } from "../clusters/cluster.types.js";
import { DateScalar } from "../../api/common/scalars.js";
import type { Context } from "../../api/context.js";
import { mayViewNeed } from "../../access/needs.js";
import { ikmPartnershipsSight, maySeeFirmPartnerships } from "../../access/partnerships.js";
import { Firm } from "../firms/firm.types.js";
import { seesPrivate } from "../ikms/ikm.resolver.js";
import { Ikm } from "../ikms/ikm.types.js";
import { ComponentNeed } from "../needs/need.types.js";
import { Partnership, PartnershipInput } from "./partnership.types.js";

const optionalId = (id: string | null | undefined, type: Parameters<typeof expectId>[1], argument: string) =>
  id ? expectId(id, type, argument) : null;

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Authorized("FIRM", "ADMIN")
  @Mutation(() => Partnership, {
    description:
      "Records a partnership of your firm with an IKM: PENDING until the IKM accepts it (acceptPartnership), and until then it takes none of the IKM's capacity (an award's PENDING one does: awardNeed). " +
      "An administrator's starts ACTIVE. Refused with CONFLICT when the IKM states no capacity in the unit for one of the processes, " +
      "or when with its active partnerships and awards' pending ones over the same dates it would exceed the capacity it states (the error gives only the room left).",
  })
  recordPartnership(@Arg("input", () => PartnershipInput, { description: "The IKM, the component, processes, quantity and dates." }) input: PartnershipInput, @Ctx() ctx: Context): Promise<PartnershipRow> {
    const firmId = optionalId(input.firmId, "Firm", "input.firmId");
    return ctx.services.partnerships.record(ctx.viewer, {
      ...input,
      firmId: undefined,
      ikmId: expectId(input.ikmId, "Ikm", "input.ikmId"),
      needId: optionalId(input.needId, "ComponentNeed", "input.needId"),
      koperasiId: optionalId(input.koperasiId, "Koperasi", "input.koperasiId"),
    }, firmId);
  }

  @Authorized("IKM", "ADMIN")
  @Mutation(() => Partnership, {
    description:
      "The IKM accepts a firm's PENDING partnership with it: ACTIVE from now on, taking its capacity (an award's held it already). CONFLICT when it no longer fits beside the IKM's " +
      "active partnerships and awards' pending ones (decline it with endPartnership); INVALID_TRANSITION when it is not PENDING.",
  })
  acceptPartnership(@Arg("id", () => ID, { description: "The partnership's global id." }) id: string, @Ctx() ctx: Context): Promise<PartnershipRow> {
    return ctx.services.partnerships.accept(ctx.viewer, expectId(id, "Partnership", "id"));
  }

  @Authorized("FIRM", "IKM", "ADMIN")
  @Mutation(() => Partnership, {
    description:
      "Ends a pending or active partnership of your firm or your IKM: its capacity is free again; a PENDING one ended is declined (or withdrawn). " +
      "endDate defaults to today (its start date when it had not started); INVALID_TRANSITION when it has ended already.",
  })
  endPartnership(
    @Arg("id", () => ID, { description: "The partnership's global id." }) id: string,
    @Arg("endDate", () => DateScalar, { nullable: true, description: "Last day of supply; default today (its start date when it had not started)." }) endDate: Date | null,
    @Ctx() ctx: Context,
  ): Promise<PartnershipRow> {
    return ctx.services.partnerships.end(ctx.viewer, expectId(id, "Partnership", "id"), endDate);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() p: PartnershipRow): string {
    return toGlobalId("Partnership", p.id);
  }

  @FieldResolver(() => Firm, { description: "The firm that buys." })
  async firm(@Root() p: PartnershipRow, @Ctx() ctx: Context): Promise<FirmRow> {
    return (await ctx.loaders.firm.load(p.firmId)) as FirmRow;
  }

  @FieldResolver(() => Ikm, { description: "The IKM that supplies." })
  async ikm(@Root() p: PartnershipRow, @Ctx() ctx: Context): Promise<IkmRow> {
    return (await ctx.loaders.ikm.load(p.ikmId)) as IkmRow;
  }

  @FieldResolver(() => ComponentNeed, {
    nullable: true,
    description: "The need it was awarded for, when it came through Jalin and you may see that need (an awarded need is the firm's own: its members and administrators).",
  })
  async need(@Root() p: PartnershipRow, @Ctx() ctx: Context): Promise<NeedRow | null> {
    if (!p.needId) return null;
    const need = await ctx.loaders.need.load(p.needId);
    return need && mayViewNeed(ctx.viewer, need) ? need : null;
  }

  @FieldResolver(() => Koperasi, { nullable: true, description: "For a koperasi-led consortium: the koperasi that took the order and split it." })
  async koperasi(@Root() p: PartnershipRow, @Ctx() ctx: Context): Promise<KoperasiRow | null> {
    return p.koperasiId ? ctx.loaders.koperasi.load(p.koperasiId) : null;
  }
}

/** Partnerships on an IKM's profile. */
@Resolver(() => Ikm)
export class IkmPartnershipsResolver {
  @FieldResolver(() => [Partnership], {
    nullable: true,
    description:
      "Its partnerships (PENDING ones waiting for it to accept, too), newest start first: all of them for the IKM, an administrator, or a foundation (or one above it) that mentors it now; " +
      "a firm's members see their own firm's only (an empty list when none). Null for others.",
  })
  async partnerships(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<PartnershipRow[] | null> {
    const sight = ikmPartnershipsSight(ctx.viewer);
    if (sight === "none") return null;
    // A firm member's loader reads only their own firm's partnerships.
    if (sight === "own-firm") return ctx.loaders.partnershipsByIkm.load(ikm.id);
    if (!(await seesPrivate(ctx, ikm.id))) return null;
    return ctx.loaders.partnershipsByIkm.load(ikm.id);
  }
}

/** Partnerships on a firm's profile. */
@Resolver(() => Firm)
export class FirmPartnershipsResolver {
  @FieldResolver(() => [Partnership], { nullable: true, description: "The firm's partnerships, newest start first: for its own members and administrators; null for others." })
  async partnerships(@Root() firm: FirmRow, @Ctx() ctx: Context): Promise<PartnershipRow[] | null> {
    if (!maySeeFirmPartnerships(ctx.viewer, firm.id)) return null;
    return ctx.loaders.partnershipsByFirm.load(firm.id);
  }
}
