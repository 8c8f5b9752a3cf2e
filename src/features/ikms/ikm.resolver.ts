import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Capability as CapabilityRow, Certification as CertificationRow, DeliveryRecord as DeliveryRow, FiveRAudit as FiveRRow, Ikm as IkmRow, IkmKbli, Koperasi as KoperasiRow, Machine as MachineRow, Sentra as SentraRow } from "../../infra/db/models.js";
import { type IkmPrivacyFacts, ikmPrivacyNeedsMentors, maySeeIkmPrivate } from "../../access/ikms.js";
import { notFound } from "../../domain/errors.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import { regionName } from "../../domain/regions.js";
import { sizeClass } from "../../domain/size-class.js";
import { AuthPayload } from "../accounts/account.types.js";
import { Koperasi, Sentra } from "../clusters/cluster.types.js";
import { SizeClass, SizeScheme, SpecificProcess } from "../../api/common/enums.js";
import { machineProcess } from "../../core/matching/process-evidence.js";
import { PageArgs } from "../../api/common/relay.js";
import { DateScalar, toNumber } from "../../api/common/scalars.js";
import type { Context } from "../../api/context.js";
import { primeRows } from "../../api/loaders.js";
import { projectionOfField } from "../../api/projection.js";
import {
  Capability, CapabilityInput, Certification, CertificationInput, DeliveryRecord, DeliverySummary, FiveRAudit, Ikm,
  IkmConnection, IkmFinancials, IkmsArgs, IkmUpdateInput, Kbli, Machine, MachineInput, RegisterIkmInput,
} from "./ikm.types.js";

/**
 * Whether the viewer sees an IKM's private side (financials, assessments, stage history), the
 * mentoring foundations read through the request's loader: one query for a whole page of IKMs.
 */
export async function seesPrivate(ctx: Context, ikmId: string): Promise<boolean> {
  return maySeeIkmPrivate(ctx.viewer, await ikmPrivacyFacts(ctx, ikmId));
}

/** The facts maySeeIkmPrivate needs, the mentoring foundations (only when they matter) from the request's loader. */
async function ikmPrivacyFacts(ctx: Context, ikmId: string): Promise<IkmPrivacyFacts> {
  if (!ikmPrivacyNeedsMentors(ctx.viewer)) return { ikmId, mentoringFoundationIds: [] };
  const mentors = await ctx.loaders.mentoringFoundationsByIkm.load(ikmId);
  return { ikmId, mentoringFoundationIds: mentors.map((m) => m.foundationId) };
}

@Resolver(() => Ikm)
export class IkmResolver {
  @Query(() => Ikm, { description: "An IKM's public profile." })
  async ikm(@Arg("id", () => ID, { description: "The IKM's global id." }) id: string, @Ctx() ctx: Context): Promise<IkmRow> {
    const ikm = await ctx.loaders.ikm.load(expectId(id, "Ikm", "id"));
    if (!ikm) throw notFound("IKM", id);
    return ikm;
  }

  @Query(() => IkmConnection, { description: "IKM public profiles by legal name, filtered." })
  async ikms(@Args(() => PageArgs) page: PageArgs, @Args(() => IkmsArgs) { filter }: IkmsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    // The nodes' selection may need only some columns (api/projection.ts); only whole rows prime the loader.
    const projection = projectionOfField("Ikm", info, "connection");
    const found = await ctx.services.ikms.list(ctx.viewer, page, {
      ...filter,
      sentraId: filter?.sentraId ? expectId(filter.sentraId, "Sentra", "filter.sentraId") : null,
      koperasiId: filter?.koperasiId ? expectId(filter.koperasiId, "Koperasi", "filter.koperasiId") : null,
    }, projection);
    if (!projection) primeRows(ctx.loaders.ikm, found.nodes);
    return found;
  }

  @Mutation(() => AuthPayload, { description: "Registers an IKM profile with its first member; returns that member's token." })
  registerIkm(@Arg("input", () => RegisterIkmInput, { description: "The profile and the first member's account." }) input: RegisterIkmInput, @Ctx() ctx: Context) {
    return ctx.services.ikms.register(input);
  }

  @Authorized()
  @Mutation(() => Ikm, { description: "Changes an IKM profile: its members, its mentoring foundation, or an administrator." })
  updateIkm(@Arg("id", () => ID, { description: "The IKM's global id." }) id: string, @Arg("input", () => IkmUpdateInput, { description: "The fields to change." }) input: IkmUpdateInput, @Ctx() ctx: Context) {
    return ctx.services.ikms.update(ctx.viewer, expectId(id, "Ikm", "id"), input);
  }

  @Authorized()
  @Mutation(() => Ikm, { description: "Replaces the IKM's capabilities with this list, all or nothing." })
  setCapabilities(
    @Arg("ikmId", () => ID, { description: "The IKM's global id." }) ikmId: string,
    @Arg("capabilities", () => [CapabilityInput], { description: "The full new list, each process once (up to the limit); an empty list removes all." }) capabilities: CapabilityInput[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.ikms.setCapabilities(ctx.viewer, expectId(ikmId, "Ikm", "ikmId"), capabilities);
  }

  @Authorized()
  @Mutation(() => Ikm, { description: "Replaces the IKM's machine list, all or nothing." })
  setMachines(
    @Arg("ikmId", () => ID, { description: "The IKM's global id." }) ikmId: string,
    @Arg("machines", () => [MachineInput], { description: "The full new list; an empty list removes all." }) machines: MachineInput[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.ikms.setMachines(ctx.viewer, expectId(ikmId, "Ikm", "ikmId"), machines);
  }

  @Authorized()
  @Mutation(() => Certification, { description: "Adds a certificate to an IKM (its members, its mentoring foundation, or an administrator); returns it." })
  addCertification(
    @Arg("ikmId", () => ID, { description: "The IKM's global id." }) ikmId: string,
    @Arg("input", () => CertificationInput, { description: "The certificate." }) input: CertificationInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.ikms.addCertification(ctx.viewer, expectId(ikmId, "Ikm", "ikmId"), input);
  }

  @Authorized()
  @Mutation(() => Ikm, { description: "Removes a certification; returns its IKM." })
  removeCertification(@Arg("id", () => String, { description: "The certification's id (Certification.id)." }) id: string, @Ctx() ctx: Context) {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound("Certification", id);
    return ctx.services.ikms.removeCertification(ctx.viewer, id);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() ikm: IkmRow): string {
    return toGlobalId("Ikm", ikm.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "Name of the regency/city (or province) of regionCode; null when Jalin does not know the code." })
  regionName(@Root() ikm: IkmRow): string | null {
    return regionName(ikm.regionCode);
  }

  @FieldResolver(() => SizeClass, { description: "Derived from raw figures by the scheme asked for (default BPS)." })
  sizeClass(@Root() ikm: IkmRow, @Arg("scheme", () => SizeScheme, { defaultValue: SizeScheme.BPS, description: "The size classification to apply; default BPS." }) scheme: SizeScheme): SizeClass {
    return sizeClass(scheme, ikm.workers, ikm.investmentIdr) as SizeClass;
  }

  @FieldResolver(() => IkmFinancials, { nullable: true, description: "Null unless you are the IKM, an administrator, or a foundation (or one above it) that mentors it now." })
  async financials(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<IkmFinancials | null> {
    if (!(await seesPrivate(ctx, ikm.id))) return null;
    return {
      investmentIdr: toNumber(ikm.investmentIdr),
      capitalIdr: toNumber(ikm.capitalIdr),
      annualSalesIdr: toNumber(ikm.annualSalesIdr),
    };
  }

  @FieldResolver(() => [Kbli], { description: "KBLI industry codes the IKM registered." })
  kbliCodes(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<IkmKbli[]> {
    return ctx.loaders.kbliByIkm.load(ikm.id);
  }

  @FieldResolver(() => [Capability], { description: "Processes the IKM works, with materials, tolerance and monthly capacity." })
  capabilities(@Root() ikm: IkmRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<CapabilityRow[]> {
    return ctx.loaders.narrowed("capabilitiesByIkm", projectionOfField("Capability", info, "objects")).load(ikm.id);
  }

  @FieldResolver(() => [Machine], { description: "Machines the IKM owns." })
  machines(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<MachineRow[]> {
    return ctx.loaders.machinesByIkm.load(ikm.id);
  }

  @FieldResolver(() => [Certification], { description: "All certifications, or those valid on `validOn` when given." })
  async certifications(
    @Root() ikm: IkmRow,
    @Arg("validOn", () => DateScalar, { nullable: true, description: "Only certificates valid on this day (from validFrom to validUntil, inclusive)." }) validOn: Date | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CertificationRow[]> {
    const all = await ctx.loaders.narrowed("certificationsByIkm", projectionOfField("Certification", info, "objects")).load(ikm.id);
    if (!validOn) return all;
    return all.filter((c) => c.validFrom <= validOn && (!c.validUntil || c.validUntil >= validOn));
  }

  @FieldResolver(() => [FiveRAudit], { description: "5R audits, newest first." })
  fiveRAudits(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<FiveRRow[]> {
    return ctx.loaders.fiveRByIkm.load(ikm.id);
  }

  @FieldResolver(() => [DeliveryRecord], { description: "Monthly delivery record, newest first." })
  deliveries(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<DeliveryRow[]> {
    return ctx.loaders.deliveriesByIkm.load(ikm.id);
  }

  @FieldResolver(() => DeliverySummary, { description: "Totals over the whole delivery history." })
  async deliverySummary(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<DeliverySummary> {
    const rows = await ctx.loaders.deliveriesByIkm.load(ikm.id);
    const sum = (f: (r: DeliveryRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    const lots = sum((r) => r.lotsDelivered);
    const qty = sum((r) => r.qtyDelivered);
    return {
      months: rows.length,
      lotsDelivered: lots,
      onTimeRate: lots ? sum((r) => r.lotsOnTime) / lots : null,
      rejectRate: qty ? sum((r) => r.qtyRejected) / qty : null,
    };
  }

  @FieldResolver(() => [Sentra], { description: "Sentra (industry clusters) the IKM belongs to." })
  sentras(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<SentraRow[]> {
    return ctx.loaders.sentrasByIkm.load(ikm.id);
  }

  @FieldResolver(() => [Koperasi], { description: "Koperasi (cooperatives) the IKM is a member of." })
  koperasis(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<KoperasiRow[]> {
    return ctx.loaders.koperasisByIkm.load(ikm.id);
  }
}

@Resolver(() => Capability)
export class CapabilityResolver {
  @FieldResolver(() => Float, { nullable: true, description: "Best tolerance it holds, in millimetres; null when not stated." })
  toleranceMm(@Root() c: CapabilityRow): number | null {
    return toNumber(c.toleranceMm);
  }

  @FieldResolver(() => [SpecificProcess], {
    description: "Specific processes of the family the IKM confirms it works (Query.processTaxonomy); empty: the family alone, shown as unconfirmed to needs that name a specific process.",
  })
  specificProcesses(@Root() c: CapabilityRow): SpecificProcess[] {
    return c.specificProcesses ?? []; // a row written by plain SQL may hold NULL
  }
}

@Resolver(() => Machine)
export class MachineResolver {
  @FieldResolver(() => SpecificProcess, {
    nullable: true,
    description: "The specific process Jalin reads this machine as evidence of, from the words of its type (\"Tangki krom\" is CHROME_PLATING; a CNC \"Bubut\" CNC_TURNING); null when its words name none. It counts for a need only inside a family the IKM has a capability for.",
  })
  specificProcess(@Root() m: MachineRow): SpecificProcess | null {
    return machineProcess(m);
  }
}

@Resolver(() => FiveRAudit)
export class FiveRAuditResolver {
  @FieldResolver(() => Float, { description: "pointsEarned / (2 x itemsScored) x 100." })
  scorePercent(@Root() a: FiveRRow): number {
    return toNumber(a.scorePercent) ?? 0;
  }
}
