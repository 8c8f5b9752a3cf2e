import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ComponentNeed as NeedRow, Ikm as IkmRow, SampleChecklistItem as ItemRow, SampleRequest as SampleRow, ShortlistCandidate as CandidateRow } from "../../infra/db/models.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import { ikmSamplesSight, maySeeNeedSamples, sampleSight } from "../../access/samples.js";
import type { Context } from "../../api/context.js";
import { seesPrivate } from "../ikms/ikm.resolver.js";
import { Ikm } from "../ikms/ikm.types.js";
import { ComponentNeed } from "../needs/need.types.js";
import { ShortlistCandidate } from "../shortlist/shortlist.types.js";
import { isLate, isOverdue } from "./sample.rules.js";
import {
  DecideSampleInput, RequestSamplesInput, SampleChecklistCatalogue, SampleChecklistItem, SampleRequest, SampleRequestsArgs, SubmitSampleInput,
} from "./sample.types.js";

const versionArg = { nullable: true, description: "The version you based this on; when it changed meanwhile, CONFLICT. Leave out to skip the check." } as const;

@Resolver(() => SampleRequest)
export class SampleResolver {
  @Authorized()
  @Query(() => SampleChecklistCatalogue, { description: "The checklist catalogue sample requests pick from (AIAG PPAP's 18 elements), with its source, Jalin's default selection and a request's bounds. Any signed-in user." })
  sampleChecklist(@Ctx() ctx: Context): SampleChecklistCatalogue {
    const { source, elements, defaultCodes, limits } = ctx.services.samples.catalogue();
    return {
      source,
      elements: elements.map((e) => ({ ...e, inDefault: defaultCodes.includes(e.code) })),
      defaultCodes: [...defaultCodes],
      maxPieces: limits.maxPieces,
      maxDueDays: limits.maxDueDays,
      maxItems: limits.maxItems,
    };
  }

  @Authorized("FIRM", "ADMIN")
  @Mutation(() => [SampleRequest], {
    description:
      "Asks a SHORTLISTED candidate of your SHORTLISTED need for samples: one request per member IKM (all or none), each told with CANDIDACY_CHANGED SAMPLE_REQUESTED. " +
      "CONFLICT when a member has a REQUESTED or SUBMITTED sample for this candidate already; another firm's candidate answers NOT_FOUND.",
  })
  requestSamples(@Arg("input", () => RequestSamplesInput, { description: "The candidate, pieces, due date and checklist." }) input: RequestSamplesInput, @Ctx() ctx: Context): Promise<SampleRow[]> {
    const { candidateId, ...rest } = input;
    return ctx.services.samples.request(ctx.viewer, { candidateId: expectId(candidateId, "ShortlistCandidate", "input.candidateId"), input: rest });
  }

  @Authorized("IKM", "ADMIN")
  @Mutation(() => SampleRequest, {
    description:
      "Sends your IKM's REQUESTED sample: a document (https) for every required checklist item. After the due date it is still accepted, and marked late. " +
      "BAD_USER_INPUT naming missing or unknown item codes; INVALID_TRANSITION when it is not REQUESTED; CONFLICT when expectedVersion is stale.",
  })
  submitSample(
    @Arg("id", () => ID, { description: "The sample request's global id." }) id: string,
    @Arg("input", () => SubmitSampleInput, { description: "A note, and a document per item." }) input: SubmitSampleInput,
    @Arg("expectedVersion", () => Int, versionArg) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<SampleRow> {
    return ctx.services.samples.submit(ctx.viewer, expectId(id, "SampleRequest", "id"), input, expectedVersion);
  }

  @Authorized("FIRM", "ADMIN")
  @Mutation(() => SampleRequest, {
    description:
      "Approves or rejects a SUBMITTED sample of your need: approval needs every required item accepted, a rejection a reason. The IKM hears SAMPLE_APPROVED or SAMPLE_REJECTED; " +
      "after a rejection requestSamples may ask again. INVALID_TRANSITION when it is not SUBMITTED; CONFLICT when expectedVersion is stale.",
  })
  decideSample(
    @Arg("id", () => ID, { description: "The sample request's global id." }) id: string,
    @Arg("input", () => DecideSampleInput, { description: "The verdict, the reason and a verdict per item." }) input: DecideSampleInput,
    @Arg("expectedVersion", () => Int, versionArg) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<SampleRow> {
    return ctx.services.samples.decide(ctx.viewer, expectId(id, "SampleRequest", "id"), input, expectedVersion);
  }

  @Authorized("FIRM", "ADMIN")
  @Mutation(() => SampleRequest, { description: "Calls off a REQUESTED or SUBMITTED sample of your need, with a reason (INVALID_TRANSITION otherwise)." })
  cancelSampleRequest(
    @Arg("id", () => ID, { description: "The sample request's global id." }) id: string,
    @Arg("reason", () => String, { description: "Why it is called off; the IKM reads it." }) reason: string,
    @Arg("expectedVersion", () => Int, versionArg) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<SampleRow> {
    return ctx.services.samples.cancel(ctx.viewer, expectId(id, "SampleRequest", "id"), reason, expectedVersion);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() s: SampleRow): string {
    return toGlobalId("SampleRequest", s.id);
  }

  @FieldResolver(() => Boolean, { description: "True while it is REQUESTED and its due date has passed (by today's date, UTC)." })
  overdue(@Root() s: SampleRow, @Ctx() ctx: Context): boolean {
    return isOverdue(s, ctx.services.samples.today());
  }

  @FieldResolver(() => Boolean, { description: "True when it was submitted after its due date." })
  late(@Root() s: SampleRow): boolean {
    return isLate(s);
  }

  @FieldResolver(() => [SampleChecklistItem], { description: "The checklist, in its order, with the IKM's documents and the firm's verdicts." })
  items(@Root() s: SampleRow, @Ctx() ctx: Context): Promise<ItemRow[]> {
    return ctx.loaders.sampleItemsBySample.load(s.id);
  }

  @FieldResolver(() => Ikm, { description: "The IKM asked for samples." })
  async ikm(@Root() s: SampleRow, @Ctx() ctx: Context): Promise<IkmRow> {
    return (await ctx.loaders.ikm.load(s.ikmId)) as IkmRow;
  }

  @FieldResolver(() => ComponentNeed, { description: "The need the samples are for." })
  async need(@Root() s: SampleRow, @Ctx() ctx: Context): Promise<NeedRow> {
    // Whoever sees a sample sees its need: the firm its own, the IKM (and its mentors) a need it is shortlisted for.
    return (await ctx.loaders.need.load(s.needId)) as NeedRow;
  }

  @FieldResolver(() => ShortlistCandidate, { description: "The shortlist candidate the IKM belongs to (an IKM alone, or a consortium)." })
  async candidate(@Root() s: SampleRow, @Ctx() ctx: Context): Promise<CandidateRow> {
    return (await ctx.loaders.sampleCandidate.load(s.candidateId)) as CandidateRow;
  }
}

/** A candidate's samples. */
@Resolver(() => ShortlistCandidate)
export class CandidateSamplesResolver {
  @FieldResolver(() => [SampleRequest], {
    description:
      "Samples asked of the candidate's IKMs, newest first: all of them for the need's firm and administrators, your own IKM's for IKM members, " +
      "the mentored IKMs' for foundations.",
  })
  async samples(@Root() candidate: CandidateRow, @Ctx() ctx: Context): Promise<SampleRow[]> {
    const rows = await ctx.loaders.samplesByCandidate.load(candidate.id);
    const seen = await Promise.all(
      rows.map(async (row) => {
        const sight = sampleSight(ctx.viewer, { firmId: row.need.firmId, ikmId: row.ikmId });
        return sight === "if-sees-ikm-private" ? seesPrivate(ctx, row.ikmId) : sight;
      }),
    );
    return rows.filter((_, i) => seen[i]).map(({ need: _need, ...sample }) => sample);
  }
}

/** An IKM's samples. */
@Resolver(() => Ikm)
export class IkmSamplesResolver {
  @FieldResolver(() => [SampleRequest], {
    nullable: true,
    description: "Samples asked of the IKM, newest first: for its members, foundations actively mentoring it (read-only) and administrators; null for others.",
  })
  async sampleRequests(@Root() ikm: IkmRow, @Args(() => SampleRequestsArgs) args: SampleRequestsArgs, @Ctx() ctx: Context): Promise<SampleRow[] | null> {
    if (!ikmSamplesSight(ctx.viewer) || !(await seesPrivate(ctx, ikm.id))) return null;
    const rows = await ctx.loaders.samplesByIkm.load(ikm.id);
    return args.status ? rows.filter((s) => s.status === args.status) : rows;
  }
}

/** A need's samples. */
@Resolver(() => ComponentNeed)
export class NeedSamplesResolver {
  @FieldResolver(() => [SampleRequest], { nullable: true, description: "Every sample asked for the need, newest first: for the need's firm and administrators; null for others." })
  async samples(@Root() need: NeedRow, @Ctx() ctx: Context): Promise<SampleRow[] | null> {
    if (!maySeeNeedSamples(ctx.viewer, need)) return null;
    return ctx.loaders.samplesByNeed.load(need.id);
  }
}
