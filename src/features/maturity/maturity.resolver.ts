import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Assessment as AssessmentRow, Firm as FirmRow, Foundation as FoundationRow, Ikm as IkmRow, Mentorship as MentorshipRow, StageChange as StageChangeRow, User as UserRow } from "../../infra/db/models.js";
import { badInput, notFound } from "../../domain/errors.js";
import { LIMITS } from "../../domain/limits.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import { regionName } from "../../domain/regions.js";
import { PRODUCTION_ITEMS } from "../../core/maturity/config.js";
import { fiveRBySection, type FiveRItem as FiveRItemValue } from "../../core/maturity/rules.js";
import type { CheckedFoundation } from "./maturity.service.js";
import { User } from "../accounts/account.types.js";
import { PageArgs } from "../../api/common/relay.js";
import { toNumber } from "../../api/common/scalars.js";
import type { Context } from "../../api/context.js";
import { Firm } from "../firms/firm.types.js";
import { seesPrivate } from "../ikms/ikm.resolver.js";
import { Ikm } from "../ikms/ikm.types.js";
import {
  Assessment, AssessmentInput, ChangeStageInput, DueMenteeConnection, EndMentorshipInput, FiveRItem, FiveRSectionScore,
  Foundation, FoundationDashboard, MenteeConnection, MenteeGroup, MenteesArgs, Mentorship, OpenNeedMentees, PillarScores, ProductionItemScores, Progression,
  StageChange, StageDistribution, StartMentorshipInput,
} from "./maturity.types.js";

const optionalId = (id: string | null | undefined, type: Parameters<typeof expectId>[1], argument: string) =>
  id ? expectId(id, type, argument) : null;

@Resolver(() => Foundation)
export class FoundationResolver {
  @Query(() => Foundation, { description: "A foundation or regional centre (public: name and region)." })
  async foundation(@Arg("id", () => ID, { description: "The foundation's global id." }) id: string, @Ctx() ctx: Context): Promise<FoundationRow> {
    const row = await ctx.loaders.foundation.load(expectId(id, "Foundation", "id"));
    if (!row) throw notFound("Foundation", id);
    return row;
  }

  @Authorized("FOUNDATION", "ADMIN")
  @Query(() => FoundationDashboard, {
    description: "A foundation's dashboard: your own foundation when foundationId is left out. For its people, those of the foundations above it, and administrators.",
  })
  async foundationDashboard(@Arg("foundationId", () => ID, { nullable: true, description: "The foundation (or regional centre); default your own. Required for administrators." }) foundationId: string | null, @Ctx() ctx: Context): Promise<DashboardRoot> {
    const id = optionalId(foundationId, "Foundation", "foundationId") ?? (ctx.viewer.kind === "user" ? ctx.viewer.foundationId : null);
    if (!id) throw badInput("Name the foundation: foundationId is required for administrators.", [{ path: "foundationId", message: "required" }]);
    return { checked: await ctx.services.maturity.dashboardFor(ctx.viewer, id) };
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() f: FoundationRow): string {
    return toGlobalId("Foundation", f.id);
  }

  @FieldResolver(() => Foundation, { nullable: true, description: "The foundation this regional centre belongs to." })
  async parent(@Root() f: FoundationRow, @Ctx() ctx: Context): Promise<FoundationRow | null> {
    return f.parentId ? ctx.loaders.foundation.load(f.parentId) : null;
  }

  @FieldResolver(() => [Foundation], { description: "Its regional centres." })
  centres(@Root() f: FoundationRow, @Ctx() ctx: Context): Promise<FoundationRow[]> {
    return ctx.loaders.centresByFoundation.load(f.id);
  }

  @FieldResolver(() => MenteeConnection, {
    nullable: true,
    description: "IKMs it or one of its regional centres actively mentors, each once, by legal name. Null unless you belong to this foundation (or one above it) or are an administrator.",
  })
  mentees(@Root() f: FoundationRow, @Args(() => PageArgs) page: PageArgs, @Args(() => MenteesArgs) { filter }: MenteesArgs, @Ctx() ctx: Context) {
    return ctx.services.maturity.mentees(ctx.viewer, f.id, page, filter ?? {}, (id) => ctx.loaders.foundationScope.load(id).then((rows) => rows.map((r) => r.id)));
  }
}

interface DashboardRoot {
  checked: CheckedFoundation;
}

@Resolver(() => FoundationDashboard)
export class FoundationDashboardResolver {
  @FieldResolver(() => Foundation, { description: "The foundation the dashboard is for." })
  async foundation(@Root() root: DashboardRoot, @Ctx() ctx: Context): Promise<FoundationRow> {
    return (await ctx.loaders.foundation.load(root.checked.foundationId)) as FoundationRow;
  }

  @FieldResolver(() => StageDistribution, { description: "Active mentees per stage, e.g. Solo Raya: 50% mandiri, 45% pramandiri, 5% madya." })
  stages(@Root() root: DashboardRoot, @Ctx() ctx: Context) {
    return ctx.services.maturity.stageDistribution(root.checked);
  }

  @FieldResolver(() => [MenteeGroup], { description: "Active mentees per province, largest first." })
  async byRegion(@Root() root: DashboardRoot, @Ctx() ctx: Context) {
    const groups = await ctx.services.maturity.menteeGroups(root.checked, "region");
    return groups.map((g) => ({ ...g, name: g.key ? regionName(g.key) ?? null : null }));
  }

  @FieldResolver(() => [MenteeGroup], { description: "Active mentees per sponsor firm (\"ayah angkat\"), largest first; key null: no sponsor." })
  async bySponsor(@Root() root: DashboardRoot, @Ctx() ctx: Context) {
    const groups = await ctx.services.maturity.menteeGroups(root.checked, "sponsor");
    return groups.map((g) => ({ ...g, key: g.key ? toGlobalId("Firm", g.key) : null }));
  }

  @FieldResolver(() => Progression, { description: "Median months per stage and the share promoted in the last 12 months." })
  progression(@Root() root: DashboardRoot, @Ctx() ctx: Context) {
    return ctx.services.maturity.progression(root.checked);
  }

  @FieldResolver(() => DueMenteeConnection, { description: "Active mentees with no assessment in 12 months, longest-waiting first." })
  dueForReassessment(
    @Root() root: DashboardRoot,
    @Arg("first", () => Int, { nullable: true, description: `1 to ${LIMITS.maxPageSize}; default ${LIMITS.defaultPageSize}.` }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.maturity.dueForReassessment(root.checked, { first, after });
  }

  @FieldResolver(() => [OpenNeedMentees], { description: "Open needs with active mentees eligible now, most eligible mentees first." })
  async eligibleForOpenNeeds(
    @Root() root: DashboardRoot,
    @Arg("first", () => Int, { defaultValue: 20, description: `How many needs to list, 1 to ${LIMITS.maxPageSize}; default 20.` }) first: number,
    @Ctx() ctx: Context,
  ) {
    const rows = await ctx.services.matching.menteesForOpenNeeds(root.checked, first);
    const ikms = new Map<string, IkmRow>();
    for (const ikm of await ctx.loaders.ikm.loadMany(rows.flatMap((r) => r.best.map((b) => b.id)))) {
      if (ikm && !(ikm instanceof Error)) ikms.set(ikm.id, ikm);
    }
    return rows.map((r) => ({
      need: r.need,
      eligibleMentees: r.eligibleMentees,
      best: r.best.filter((b) => ikms.has(b.id)).map((b) => ({ ikm: ikms.get(b.id), total: b.total })),
    }));
  }
}

@Resolver(() => Mentorship)
export class MentorshipResolver {
  @Authorized("FOUNDATION", "ADMIN")
  @Mutation(() => Mentorship, {
    description: "Your foundation (or one of its centres) proposes to mentor an IKM: PENDING until the IKM accepts it (acceptMentorship). An administrator's starts ACTIVE.",
  })
  startMentorship(@Arg("input", () => StartMentorshipInput, { description: "Whom to mentor, from when, for which foundation." }) input: StartMentorshipInput, @Ctx() ctx: Context): Promise<MentorshipRow> {
    return ctx.services.maturity.startMentorship(ctx.viewer, {
      ...input,
      ikmId: expectId(input.ikmId, "Ikm", "input.ikmId"),
      foundationId: optionalId(input.foundationId, "Foundation", "input.foundationId"),
      sponsorFirmId: optionalId(input.sponsorFirmId, "Firm", "input.sponsorFirmId"),
    });
  }

  @Authorized("IKM", "ADMIN")
  @Mutation(() => Mentorship, { description: "The IKM accepts a foundation's proposal to mentor it." })
  acceptMentorship(@Arg("id", () => ID, { description: "The mentorship's global id (from the proposal, or Ikm.mentorships)." }) id: string, @Ctx() ctx: Context): Promise<MentorshipRow> {
    return ctx.services.maturity.acceptMentorship(ctx.viewer, expectId(id, "Mentorship", "id"));
  }

  @Authorized("FOUNDATION", "IKM", "ADMIN")
  @Mutation(() => Mentorship, {
    description: "Ends a pending or active mentorship: the foundation as GRADUATED or ENDED; the IKM may decline or leave (ENDED).",
  })
  endMentorship(@Arg("id", () => ID, { description: "The mentorship's global id." }) id: string, @Arg("input", () => EndMentorshipInput, { description: "GRADUATED or ENDED, and the day." }) input: EndMentorshipInput, @Ctx() ctx: Context): Promise<MentorshipRow> {
    return ctx.services.maturity.endMentorship(ctx.viewer, expectId(id, "Mentorship", "id"), input);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() m: MentorshipRow): string {
    return toGlobalId("Mentorship", m.id);
  }

  @FieldResolver(() => Foundation, { description: "The foundation (or regional centre) that mentors." })
  async foundation(@Root() m: MentorshipRow, @Ctx() ctx: Context): Promise<FoundationRow> {
    return (await ctx.loaders.foundation.load(m.foundationId)) as FoundationRow;
  }

  @FieldResolver(() => Ikm, { description: "The mentee." })
  async ikm(@Root() m: MentorshipRow, @Ctx() ctx: Context): Promise<IkmRow> {
    return (await ctx.loaders.ikm.load(m.ikmId)) as IkmRow;
  }

  @FieldResolver(() => Firm, { nullable: true, description: "The sponsor firm (\"ayah angkat\")." })
  async sponsorFirm(@Root() m: MentorshipRow, @Ctx() ctx: Context): Promise<FirmRow | null> {
    return m.sponsorFirmId ? ctx.loaders.firm.load(m.sponsorFirmId) : null;
  }
}

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Authorized("FOUNDATION", "ADMIN")
  @Mutation(() => Assessment, { description: "Records an assessment of a mentee; it proposes a stage from the pillar average. Change the stage with changeStage." })
  recordAssessment(@Arg("input", () => AssessmentInput, { description: "The mentee and the scores." }) input: AssessmentInput, @Ctx() ctx: Context): Promise<AssessmentRow> {
    return ctx.services.maturity.recordAssessment(ctx.viewer, {
      ...input,
      ikmId: expectId(input.ikmId, "Ikm", "input.ikmId"),
      foundationId: optionalId(input.foundationId, "Foundation", "input.foundationId"),
      itemScores: input.itemScores ? { ...input.itemScores } : undefined,
      pillarScores: { ...input.pillarScores },
      fiveRItems: input.fiveRItems?.map((i) => ({ ...i })) ?? undefined,
      evidenceUrls: input.evidenceUrls ?? undefined,
    });
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() a: AssessmentRow): string {
    return toGlobalId("Assessment", a.id);
  }

  @FieldResolver(() => Ikm, { description: "The IKM assessed." })
  async ikm(@Root() a: AssessmentRow, @Ctx() ctx: Context): Promise<IkmRow> {
    return (await ctx.loaders.ikm.load(a.ikmId)) as IkmRow;
  }

  @FieldResolver(() => Foundation, { nullable: true, description: "The foundation that recorded it; null when none is on record (or it was removed)." })
  async foundation(@Root() a: AssessmentRow, @Ctx() ctx: Context): Promise<FoundationRow | null> {
    return a.foundationId ? ctx.loaders.foundation.load(a.foundationId) : null;
  }

  @FieldResolver(() => PillarScores, { description: "The five pillar scores, 0 to 100 each." })
  pillarScores(@Root() a: AssessmentRow): PillarScores {
    return a.pillarScores as unknown as PillarScores;
  }

  @FieldResolver(() => ProductionItemScores, { description: "The production pillar's items, each null when not scored." })
  itemScores(@Root() a: AssessmentRow): ProductionItemScores {
    const items = (a.itemScores ?? {}) as Record<string, number>;
    return Object.fromEntries(PRODUCTION_ITEMS.map((item) => [item, items[item] ?? null])) as unknown as ProductionItemScores;
  }

  @FieldResolver(() => [FiveRItem], { description: "The 5R audit items, as recorded; empty when none." })
  fiveRItems(@Root() a: AssessmentRow): FiveRItem[] {
    return (a.fiveRItems ?? []) as unknown as FiveRItem[];
  }

  @FieldResolver(() => [FiveRSectionScore], { description: "5R items rolled up per section." })
  fiveRBySection(@Root() a: AssessmentRow): FiveRSectionScore[] {
    const sections = fiveRBySection((a.fiveRItems ?? []) as unknown as FiveRItemValue[]);
    return Object.entries(sections).map(([section, percent]) => ({ section, percent }) as FiveRSectionScore);
  }

  @FieldResolver(() => Float, { nullable: true })
  pillarAverage(@Root() a: AssessmentRow): number | null {
    return toNumber(a.pillarAverage);
  }

  @FieldResolver(() => Float, { nullable: true })
  fiveRPercent(@Root() a: AssessmentRow): number | null {
    return toNumber(a.fiveRPercent);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who recorded it in Jalin." })
  async recordedBy(@Root() a: AssessmentRow, @Ctx() ctx: Context): Promise<UserRow | null> {
    return a.recordedById ? ctx.loaders.user.load(a.recordedById) : null;
  }
}

@Resolver(() => StageChange)
export class StageChangeResolver {
  @Authorized("FOUNDATION", "ADMIN")
  @Mutation(() => StageChange, { description: "Moves a mentee to another maturity stage (see ChangeStageInput for the rules)." })
  changeStage(@Arg("input", () => ChangeStageInput, { description: "The IKM, the new stage, the version it is based on, and why." }) input: ChangeStageInput, @Ctx() ctx: Context): Promise<StageChangeRow> {
    return ctx.services.maturity.changeStage(ctx.viewer, {
      ...input,
      ikmId: expectId(input.ikmId, "Ikm", "input.ikmId"),
      assessmentId: optionalId(input.assessmentId, "Assessment", "input.assessmentId"),
    });
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() c: StageChangeRow): string {
    return toGlobalId("StageChange", c.id);
  }

  @FieldResolver(() => Ikm, { description: "The IKM whose stage changed." })
  async ikm(@Root() c: StageChangeRow, @Ctx() ctx: Context): Promise<IkmRow> {
    return (await ctx.loaders.ikm.load(c.ikmId)) as IkmRow;
  }

  @FieldResolver(() => Assessment, { nullable: true, description: "The assessment the change cites." })
  async assessment(@Root() c: StageChangeRow, @Ctx() ctx: Context): Promise<AssessmentRow | null> {
    if (!c.assessmentId) return null;
    return (await ctx.loaders.assessmentsByIkm.load(c.ikmId)).find((a) => a.id === c.assessmentId) ?? null;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who made the change." })
  async changedBy(@Root() c: StageChangeRow & { eventId?: string }, @Ctx() ctx: Context): Promise<UserRow | null> {
    if (!c.changedById) return null;
    // A stageChanged event's change: its changer is read once per event, not once per subscriber.
    if (c.eventId) return ctx.services.live.changerOf(c.eventId, c.changedById);
    return ctx.loaders.user.load(c.changedById);
  }
}

/** Maturity fields on an IKM's profile. */
@Resolver(() => Ikm)
export class IkmMaturityResolver {
  @FieldResolver(() => Int, { description: "Version of the stage, for changeStage's expectedVersion." })
  stageVersion(@Root() ikm: IkmRow): number {
    return ikm.stageVersion;
  }

  @FieldResolver(() => [Mentorship], { description: "Foundations mentoring it, now and before, newest first." })
  mentorships(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<MentorshipRow[]> {
    return ctx.loaders.mentorshipsByIkm.load(ikm.id);
  }

  @FieldResolver(() => [Assessment], { nullable: true, description: "Newest first. Null unless you are the IKM, an administrator, or a foundation (or one above it) that mentors it now." })
  async assessments(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<AssessmentRow[] | null> {
    if (!(await seesPrivate(ctx, ikm.id))) return null;
    return ctx.loaders.assessmentsByIkm.load(ikm.id);
  }

  @FieldResolver(() => [StageChange], { nullable: true, description: "Stage history, oldest first. Null unless you are the IKM, an administrator, or a foundation (or one above it) that mentors it now." })
  async stageHistory(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<StageChangeRow[] | null> {
    if (!(await seesPrivate(ctx, ikm.id))) return null;
    return ctx.loaders.stageChangesByIkm.load(ikm.id);
  }
}
