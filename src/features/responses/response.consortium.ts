/**
 * The GraphQL side of a koperasi's consortium responses: each member's share (with its IKM and its
 * fit for the need), the members each revision had, and a koperasi's responses for its managers.
 */
import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Ikm as IkmRow, Koperasi as KoperasiRow, NeedResponse as ResponseRow, NeedResponseRevision as RevisionRow } from "../../infra/db/models.js";
import type { MatchResult } from "../../core/matching/types.js";
import { expectId } from "../../domain/ids.js";
import type { Page } from "../../domain/pagination.js";
import type { Context } from "../../api/context.js";
import { Koperasi } from "../clusters/cluster.types.js";
import { Ikm } from "../ikms/ikm.types.js";
import { SupplierMatch } from "../matching/match.types.js";
import { mayMatchForNeed } from "../../access/matching.js";
import { seesPrivate } from "../ikms/ikm.resolver.js";
import type { ShareInput } from "./response.rules.js";
import { ConsortiumShare, type ConsortiumShareInput, NeedResponseConnection, NeedResponseRevision, ResponsesArgs } from "./response.types.js";

/** A share as the field resolvers get it: the need is known for a response's members now, not for a revision's. */
export interface ShareRow {
  ikmId: string;
  quantityPerMonth: number;
  needId: string | null;
}

/** The members given, their global ids decoded (a malformed id is BAD_USER_INPUT naming its place); null stays null. */
export function decodeShares(members: ConsortiumShareInput[] | null | undefined): ShareInput[] | null {
  if (members == null) return null;
  return members.map((m, i) => ({ ikmId: expectId(m.ikmId, "Ikm", `input.members.${i}.ikmId`), quantityPerMonth: m.quantityPerMonth }));
}

@Resolver(() => ConsortiumShare)
export class ConsortiumShareResolver {
  @FieldResolver(() => Ikm, { description: "The member IKM (a public profile)." })
  async ikm(@Root() share: ShareRow, @Ctx() ctx: Context): Promise<IkmRow> {
    return (await ctx.loaders.ikm.load(share.ikmId)) as IkmRow;
  }

  @FieldResolver(() => SupplierMatch, {
    nullable: true,
    description: "How well this member fits the need now (its processes, capacity and the rest, as explainMatch gives it), for those explainMatch answers: the need's firm, administrators, and those who see the member's private side (never the koperasi's manager or a fellow member); null otherwise, in revisions, and when it is no longer in the match index.",
  })
  async match(@Root() share: ShareRow, @Ctx() ctx: Context): Promise<MatchResult | null> {
    if (!share.needId) return null;
    // Who may see a member's fit is who may ask explainMatch for it: the need's firm and
    // administrators, or whoever sees the member's private side (its own users, its mentors); never
    // the koperasi's manager or a fellow member.
    const need = await ctx.loaders.need.load(share.needId);
    if (!need || !(mayMatchForNeed(ctx.viewer, need) || (await seesPrivate(ctx, share.ikmId)))) return null;
    return ctx.loaders.responseMatch.load(`${share.needId}:${share.ikmId}`);
  }
}

@Resolver(() => NeedResponseRevision)
export class ResponseRevisionMembersResolver {
  @FieldResolver(() => [ConsortiumShare], { description: "A consortium response's members and shares in this revision, largest first; empty for an IKM's own response." })
  async members(@Root() revision: RevisionRow, @Ctx() ctx: Context): Promise<ShareRow[]> {
    const rows = await ctx.loaders.membersByRevision.load(revision.id);
    return rows.map((m) => ({ ikmId: m.ikmId, quantityPerMonth: m.quantityPerMonth, needId: null })).sort((a, b) => b.quantityPerMonth - a.quantityPerMonth || a.ikmId.localeCompare(b.ikmId));
  }
}

/** A koperasi's consortium responses. */
@Resolver(() => Koperasi)
export class KoperasiResponsesResolver {
  @FieldResolver(() => NeedResponseConnection, {
    nullable: true,
    description: "The koperasi's consortium responses to needs, newest first: for its managers (role KOPERASI) and administrators; null for others.",
  })
  responses(@Root() koperasi: KoperasiRow, @Args(() => ResponsesArgs) args: ResponsesArgs, @Ctx() ctx: Context): Promise<Page<ResponseRow> | null> {
    return ctx.services.responses.forKoperasi(ctx.viewer, koperasi.id, args, args.includeWithdrawn ?? false);
  }
}
