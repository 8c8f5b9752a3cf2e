import { Arg, Args, Authorized, Ctx, Float, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import type { ComponentNeed as NeedRow, Ikm as IkmRow, Koperasi as KoperasiRow, NeedResponse as ResponseRow, NeedResponseRevision as RevisionRow } from "../../infra/db/models.js";
import type { MatchResult } from "../../core/matching/types.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import type { Page } from "../../domain/pagination.js";
import type { Context } from "../../api/context.js";
import { seesPrivate } from "../ikms/ikm.resolver.js";
import { Koperasi } from "../clusters/cluster.types.js";
import { Ikm } from "../ikms/ikm.types.js";
import { SupplierMatch } from "../matching/match.types.js";
import { ComponentNeed } from "../needs/need.types.js";
import { type ShareRow, decodeShares } from "./response.consortium.js";
import { ConsortiumShare, NeedResponse, NeedResponseConnection, NeedResponseRevision, ResponseTermsInput, ResponsesArgs, SubmitResponseInput } from "./response.types.js";

const price = (value: bigint | null): number | null => (value == null ? null : Number(value));

@Resolver(() => NeedResponse)
export class ResponseResolver {
  @Authorized("IKM", "KOPERASI", "ADMIN")
  @Mutation(() => NeedResponse, {
    description:
      "Answers an OPEN need for your IKM: INTEREST, or a QUOTATION with price, monthly quantity, lead time and validity; a koperasi's managers answer for a consortium of " +
      "its members (members: each member IKM and its quantity a month). One per need and responder: " +
      "CONFLICT when you have a live response already (revise it); after a withdrawal this revives the same response with the new terms. " +
      "A need you cannot see answers NOT_FOUND; one that is not OPEN is refused with BAD_USER_INPUT naming its status; an IKM that is not a member of the koperasi, BAD_USER_INPUT naming it.",
  })
  submitResponse(@Arg("input", () => SubmitResponseInput, { description: "The need, and the terms." }) input: SubmitResponseInput, @Ctx() ctx: Context): Promise<ResponseRow> {
    const { needId, ikmId, koperasiId, members, ...terms } = input;
    return ctx.services.responses.submit(ctx.viewer, {
      needId: expectId(needId, "ComponentNeed", "input.needId"),
      ikmId: ikmId ? expectId(ikmId, "Ikm", "input.ikmId") : null,
      koperasiId: koperasiId ? expectId(koperasiId, "Koperasi", "input.koperasiId") : null,
      members: decodeShares(members),
      terms,
    });
  }

  @Authorized("IKM", "KOPERASI", "ADMIN")
  @Mutation(() => NeedResponse, {
    description:
      "Replaces the terms of your IKM's (or koperasi's) live response while its need is OPEN (every term given again, a consortium's members too); the previous terms stay in revisions. " +
      "CONFLICT when expectedVersion is stale; INVALID_TRANSITION when it is withdrawn.",
  })
  reviseResponse(
    @Arg("id", () => ID, { description: "The response's global id." }) id: string,
    @Arg("input", () => ResponseTermsInput, { description: "The new terms, all of them." }) input: ResponseTermsInput,
    @Arg("expectedVersion", () => Int, { nullable: true, description: "The version you based the change on; when it changed meanwhile, CONFLICT. Leave out to overwrite." }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<ResponseRow> {
    return ctx.services.responses.revise(ctx.viewer, expectId(id, "NeedResponse", "id"), { ...input, members: decodeShares(input.members) }, expectedVersion);
  }

  @Authorized("IKM", "KOPERASI", "ADMIN")
  @Mutation(() => NeedResponse, {
    description:
      "Takes your IKM's (or koperasi's) live response back while its need is OPEN or SHORTLISTED; submitResponse may answer the need again later. " +
      "CONFLICT when expectedVersion is stale; INVALID_TRANSITION when it is withdrawn already.",
  })
  withdrawResponse(
    @Arg("id", () => ID, { description: "The response's global id." }) id: string,
    @Arg("expectedVersion", () => Int, { nullable: true, description: "The version you based the withdrawal on; when it changed meanwhile, CONFLICT. Leave out to skip the check." }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<ResponseRow> {
    return ctx.services.responses.withdraw(ctx.viewer, expectId(id, "NeedResponse", "id"), expectedVersion);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() r: ResponseRow): string {
    return toGlobalId("NeedResponse", r.id);
  }

  @FieldResolver(() => Float, { nullable: true, description: "Price per unit of the need, in whole rupiah (exact as a Float); QUOTATION only." })
  unitPriceIdr(@Root() r: ResponseRow): number | null {
    return price(r.unitPriceIdr);
  }

  @FieldResolver(() => ComponentNeed, { description: "The need answered." })
  async need(@Root() r: ResponseRow, @Ctx() ctx: Context): Promise<NeedRow> {
    // Whoever sees a response sees its need: the firm its own, the IKM and its mentors a need it could answer.
    return (await ctx.loaders.need.load(r.needId)) as NeedRow;
  }

  @FieldResolver(() => Ikm, { nullable: true, description: "The IKM that answered; null for a koperasi's consortium response (see koperasi and members)." })
  async ikm(@Root() r: ResponseRow, @Ctx() ctx: Context): Promise<IkmRow | null> {
    return r.ikmId ? ctx.loaders.ikm.load(r.ikmId) : null;
  }

  @FieldResolver(() => Koperasi, { nullable: true, description: "The koperasi that answered for a consortium of its members; null for an IKM's own response." })
  async koperasi(@Root() r: ResponseRow, @Ctx() ctx: Context): Promise<KoperasiRow | null> {
    return r.koperasiId ? ctx.loaders.koperasi.load(r.koperasiId) : null;
  }

  @FieldResolver(() => [ConsortiumShare], { description: "A consortium response's member IKMs and their shares now, largest first; empty for an IKM's own response." })
  async members(@Root() r: ResponseRow, @Ctx() ctx: Context): Promise<ShareRow[]> {
    if (!r.koperasiId) return [];
    const rows = await ctx.loaders.membersByResponse.load(r.id);
    return rows.map((m) => ({ ikmId: m.ikmId, quantityPerMonth: m.quantityPerMonth, needId: r.needId })).sort((a, b) => b.quantityPerMonth - a.quantityPerMonth || a.ikmId.localeCompare(b.ikmId));
  }

  @FieldResolver(() => SupplierMatch, {
    nullable: true,
    description:
      "How well the IKM fits the need now (score, band, factors, gaps), as explainMatch gives it; null when the IKM is no longer in the match index, " +
      "and for a consortium response (each member's is on members).",
  })
  async match(@Root() r: ResponseRow, @Ctx() ctx: Context): Promise<MatchResult | null> {
    return r.ikmId ? ctx.loaders.responseMatch.load(`${r.needId}:${r.ikmId}`) : null;
  }

  @FieldResolver(() => [NeedResponseRevision], { description: "Every state it had, oldest first: submission, revisions, withdrawals and resubmissions." })
  async revisions(@Root() r: ResponseRow, @Ctx() ctx: Context): Promise<Array<Omit<RevisionRow, "unitPriceIdr"> & { unitPriceIdr: number | null }>> {
    const rows = await ctx.loaders.revisionsByResponse.load(r.id);
    return rows.map((row) => ({ ...row, unitPriceIdr: price(row.unitPriceIdr) }));
  }
}

/** A need's responses. */
@Resolver(() => ComponentNeed)
export class NeedResponsesResolver {
  @FieldResolver(() => NeedResponseConnection, {
    description:
      "Responses to the need, newest first: all of them for the need's firm and administrators, your own IKM's and the consortium responses it is a member of for IKM members, " +
      "your koperasi's for its managers, none for others " +
      "(foundations read their mentees' through Ikm.responses).",
  })
  responses(@Root() need: NeedRow, @Args(() => ResponsesArgs) args: ResponsesArgs, @Ctx() ctx: Context): Promise<Page<ResponseRow>> {
    return ctx.services.responses.forNeed(ctx.viewer, need, args, args.includeWithdrawn ?? false, {
      page: (needId, f, includeWithdrawn, limit) => ctx.loaders.responsePageByNeed.load(JSON.stringify([needId, f.ikmId, includeWithdrawn, limit, f.koperasiId])),
      count: (needId, f, includeWithdrawn) => ctx.loaders.responseCountByNeed.load(JSON.stringify([needId, f.ikmId, includeWithdrawn, f.koperasiId])),
    });
  }
}

/** An IKM's responses. */
@Resolver(() => Ikm)
export class IkmResponsesResolver {
  @FieldResolver(() => NeedResponseConnection, {
    nullable: true,
    description:
      "The IKM's responses to needs, newest first, and the consortium responses of its koperasi that include it: for the IKM's members, foundations actively mentoring it (read-only) " +
      "and administrators; null for others.",
  })
  responses(@Root() ikm: IkmRow, @Args(() => ResponsesArgs) args: ResponsesArgs, @Ctx() ctx: Context): Promise<Page<ResponseRow> | null> {
    return ctx.services.responses.forIkm(ctx.viewer, ikm.id, args, args.includeWithdrawn ?? false, () => seesPrivate(ctx, ikm.id));
  }
}
