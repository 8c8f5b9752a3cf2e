import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type {
  ComponentNeed as NeedRow, Ikm as IkmRow, Koperasi as KoperasiRow, NeedResponse as ResponseRow, Partnership as PartnershipRow,
  ShortlistCandidate as CandidateRow, ShortlistMember as MemberRow,
} from "../../infra/db/models.js";
import type { MatchResult } from "../../core/matching/types.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import { ikmCandidaciesSight, maySeeShortlist } from "../../access/shortlist.js";
import { partnershipSight } from "../../access/partnerships.js";
import type { Context } from "../../api/context.js";
import { seesPrivate } from "../ikms/ikm.resolver.js";
import { Ikm } from "../ikms/ikm.types.js";
import { Koperasi } from "../clusters/cluster.types.js";
import { SupplierMatch } from "../matching/match.types.js";
import { ComponentNeed } from "../needs/need.types.js";
import { Partnership } from "../partnerships/partnership.types.js";
import { NeedResponse } from "../responses/response.types.js";
import type { AwardOutcome } from "./award.service.js";
import { AwardNeedInput, AwardResult, ShortlistCandidate, ShortlistCandidateInput, ShortlistMember } from "./shortlist.types.js";

@Resolver(() => ShortlistCandidate)
export class ShortlistResolver {
  @Authorized("FIRM", "ADMIN")
  @Mutation(() => ShortlistCandidate, {
    description:
      "Shortlists a candidate on an OPEN or SHORTLISTED need of your firm: one IKM that responded or is an eligible match (a failed hard requirement is BAD_USER_INPUT naming it), " +
      "or a consortium whose shares add up to the need's quantity. The first candidate moves an OPEN need to SHORTLISTED. The same IKM twice as a single-IKM candidate, or the same response twice: CONFLICT (an IKM may also be a member of consortium candidates). Each member hears candidacyChanged SHORTLISTED.",
  })
  shortlistCandidate(@Arg("input", () => ShortlistCandidateInput, { description: "The need and the candidate." }) input: ShortlistCandidateInput, @Ctx() ctx: Context): Promise<CandidateRow> {
    const { needId, ikmId, responseId, members, koperasiId, ...rest } = input;
    return ctx.services.shortlist.shortlist(ctx.viewer, expectId(needId, "ComponentNeed", "input.needId"), {
      ...rest,
      ikmId: ikmId ? expectId(ikmId, "Ikm", "input.ikmId") : null,
      responseId: responseId ? expectId(responseId, "NeedResponse", "input.responseId") : null,
      koperasiId: koperasiId ? expectId(koperasiId, "Koperasi", "input.koperasiId") : null,
      members: members ? members.map((m, i) => ({ ikmId: expectId(m.ikmId, "Ikm", `input.members.${i}.ikmId`), quantityPerMonth: m.quantityPerMonth })) : null,
    });
  }

  @Authorized("FIRM", "ADMIN")
  @Mutation(() => ShortlistCandidate, {
    description: "Takes a SHORTLISTED candidate of your firm's need off the shortlist (REMOVED, with the reason); its open sample requests are cancelled and its members hear REMOVED.",
  })
  removeCandidate(
    @Arg("id", () => ID, { description: "The candidate's global id." }) id: string,
    @Arg("reason", () => String, { description: "Why, told to the candidate (required)." }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<CandidateRow> {
    return ctx.services.shortlist.remove(ctx.viewer, expectId(id, "ShortlistCandidate", "id"), reason);
  }

  @Authorized("FIRM", "ADMIN")
  @Mutation(() => AwardResult, {
    description:
      "Awards a SHORTLISTED need of your firm to one SHORTLISTED candidate, in one transaction: one PENDING partnership per member (capacity checked under each IKM's lock, " +
      "counting ACTIVE partnerships and other awards' PENDING ones, as matches and consortia do: an award reserves), the need AWARDED, the other candidates NOT_AWARDED, everyone told. A stale expectedVersion is CONFLICT; " +
      "a need not SHORTLISTED INVALID_TRANSITION; a member whose newest sample is not APPROVED BAD_USER_INPUT; a member without the capacity CONFLICT. A refusal writes nothing.",
  })
  awardNeed(@Arg("input", () => AwardNeedInput, { description: "The need, the winner, the partnerships' dates." }) input: AwardNeedInput, @Ctx() ctx: Context): Promise<AwardOutcome> {
    return ctx.services.awards.award(ctx.viewer, {
      ...input,
      needId: expectId(input.needId, "ComponentNeed", "input.needId"),
      candidateId: expectId(input.candidateId, "ShortlistCandidate", "input.candidateId"),
    });
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() c: CandidateRow): string {
    return toGlobalId("ShortlistCandidate", c.id);
  }

  @FieldResolver(() => ComponentNeed, { description: "The need it is a candidate for." })
  async need(@Root() c: CandidateRow, @Ctx() ctx: Context): Promise<NeedRow> {
    // Whoever sees a candidate sees its need: the firm its own, a member the need it was shortlisted for.
    return (await ctx.loaders.need.load(c.needId)) as NeedRow;
  }

  @FieldResolver(() => [ShortlistMember], { description: "The member IKMs and their shares, in IKM id order (one for an IKM candidate)." })
  members(@Root() c: CandidateRow, @Ctx() ctx: Context): Promise<MemberRow[]> {
    return ctx.loaders.membersByCandidate.load(c.id);
  }

  @FieldResolver(() => Koperasi, { nullable: true, description: "The koperasi leading a consortium, when one does." })
  koperasi(@Root() c: CandidateRow, @Ctx() ctx: Context): Promise<KoperasiRow | null> {
    return c.koperasiId ? ctx.loaders.koperasi.load(c.koperasiId) : Promise.resolve(null);
  }

  @FieldResolver(() => NeedResponse, { nullable: true, description: "The response it was chosen from, when it answered the need." })
  response(@Root() c: CandidateRow, @Ctx() ctx: Context): Promise<ResponseRow | null> {
    return c.responseId ? ctx.loaders.response.load(c.responseId) : Promise.resolve(null);
  }

  @FieldResolver(() => SupplierMatch, { nullable: true, description: "How well the IKM fits the need now (explainMatch's result) for an IKM candidate; null for a consortium." })
  async match(@Root() c: CandidateRow, @Ctx() ctx: Context): Promise<MatchResult | null> {
    if (c.kind !== "IKM") return null;
    const [member] = await ctx.loaders.membersByCandidate.load(c.id);
    return member ? ctx.loaders.responseMatch.load(`${c.needId}:${member.ikmId}`) : null;
  }

  @FieldResolver(() => [Partnership], { description: "After the award, the partnerships it created, one per member (those you may see); empty before." })
  async partnerships(@Root() c: CandidateRow, @Ctx() ctx: Context): Promise<PartnershipRow[]> {
    if (c.status !== "AWARDED") return [];
    const [members, rows] = await Promise.all([ctx.loaders.membersByCandidate.load(c.id), ctx.loaders.partnershipsByNeed.load(c.needId)]);
    const ikmIds = new Set(members.map((m) => m.ikmId));
    const shown: PartnershipRow[] = [];
    for (const p of rows.filter((r) => ikmIds.has(r.ikmId))) {
      const sight = partnershipSight(ctx.viewer, p);
      if (sight === true || (sight === "if-sees-ikm-private" && (await seesPrivate(ctx, p.ikmId)))) shown.push(p);
    }
    return shown;
  }
}

@Resolver(() => ShortlistMember)
export class ShortlistMemberResolver {
  @FieldResolver(() => Ikm, { description: "The member IKM." })
  async ikm(@Root() m: MemberRow, @Ctx() ctx: Context): Promise<IkmRow> {
    return (await ctx.loaders.ikm.load(m.ikmId)) as IkmRow;
  }
}

/** A need's shortlist. */
@Resolver(() => ComponentNeed)
export class NeedShortlistResolver {
  @FieldResolver(() => [ShortlistCandidate], {
    nullable: true,
    description: "The need's shortlist, oldest first: SHORTLISTED candidates, or with includeDecided also REMOVED, AWARDED and NOT_AWARDED ones. For the need's firm and administrators; null for others.",
  })
  async shortlist(
    @Root() need: NeedRow,
    @Arg("includeDecided", () => Boolean, { defaultValue: false, description: "Also the candidates decided on (REMOVED, AWARDED, NOT_AWARDED)." }) includeDecided: boolean,
    @Ctx() ctx: Context,
  ): Promise<CandidateRow[] | null> {
    if (!maySeeShortlist(ctx.viewer, need)) return null;
    const rows = await ctx.loaders.candidatesByNeed.load(need.id);
    return includeDecided ? rows : rows.filter((c) => c.status === "SHORTLISTED");
  }
}

/** An IKM's candidacies. */
@Resolver(() => Ikm)
export class IkmCandidaciesResolver {
  @FieldResolver(() => [ShortlistCandidate], {
    nullable: true,
    description: "The candidates the IKM is a member of, on any firm's needs, newest first, whatever their status: for the IKM's members, foundations actively mentoring it and administrators; null for others.",
  })
  async candidacies(@Root() ikm: IkmRow, @Ctx() ctx: Context): Promise<CandidateRow[] | null> {
    if (!ikmCandidaciesSight(ctx.viewer) || !(await seesPrivate(ctx, ikm.id))) return null;
    return ctx.loaders.candidaciesByIkm.load(ikm.id);
  }
}
