import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, Info, Query, Resolver, Root } from "type-graphql";
import { expectId } from "../../domain/ids.js";
import { badInput } from "../../domain/errors.js";
import { LIMITS } from "../../domain/limits.js";
import { MATCHING } from "../../core/matching/config.js";
import type { Gap, MatchResult, RequirementCheck as CoreRequirementCheck } from "../../core/matching/types.js";
import { DateScalar } from "../../api/common/scalars.js";
import { toSuggestion } from "../vocabulary/vocabulary.resolver.js";
import { PageArgs } from "../../api/common/relay.js";
import { connectionNodeFields } from "../../api/selection.js";
import type { Context } from "../../api/context.js";
import type { Ikm as IkmRow } from "../../infra/db/models.js";
import { Ikm } from "../ikms/ikm.types.js";
import { ComponentNeed } from "../needs/need.types.js";
import { carried } from "./match-sources.js";
import type { MatchDetail } from "./match.service.js";
import { Eligibility, MatchFilterInput, MatchGap, MatchWeights, ProcessFamily, ProcessTerm, RequirementCheck, SupplierMatch, SupplierMatchConnection } from "./match.types.js";

@ArgsType()
class MatchesArgs extends PageArgs {
  @Field(() => ID, { description: "The need's global id: a need of your firm." })
  needId!: string;

  @Field(() => MatchFilterInput, { nullable: true, description: "Narrows the ranking: eligibility, region, bands, stages, sentra, koperasi." })
  filter?: MatchFilterInput | null;
}

@ArgsType()
class OpportunitiesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "The IKM; IKM members may leave it out for their own." })
  ikmId?: string | null;

  @Field(() => Eligibility, { nullable: true, description: "ELIGIBLE (default), or NEAR_MISS with what is lacking." })
  eligibility?: Eligibility | null;
}

/** The SupplierMatch fields a ranked result answers without its explanation (score and band from the index). */
const RANKED_FIELDS = new Set(["score", "band", "ikm", "need", "__typename"]);

/** "ranked" when the page selects nothing beyond RANKED_FIELDS on its nodes: no profile is read or scored. */
function detailFor(info: GraphQLResolveInfo): MatchDetail {
  for (const name of connectionNodeFields(info)) if (!RANKED_FIELDS.has(name)) return "explained";
  return "ranked";
}

@Resolver(() => SupplierMatch)
export class MatchResolver {
  @Authorized("FIRM", "ADMIN")
  @Query(() => SupplierMatchConnection, {
    description:
      "IKM suppliers for a need of your firm, best first (ties by IKM id), each with its score, band, factor breakdown, " +
      "requirements and gaps. filter.eligibility NEAR_MISS lists those that miss exactly one hard requirement.",
  })
  matches(@Args(() => MatchesArgs) args: MatchesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const filter = args.filter
      ? {
          ...args.filter,
          eligibility: args.filter.eligibility ?? undefined,
          sentraId: args.filter.sentraId ? expectId(args.filter.sentraId, "Sentra", "filter.sentraId") : null,
          koperasiId: args.filter.koperasiId ? expectId(args.filter.koperasiId, "Koperasi", "filter.koperasiId") : null,
        }
      : undefined;
    return ctx.services.matching.matches(ctx.viewer, expectId(args.needId, "ComponentNeed", "needId"), args, filter, detailFor(info));
  }

  @Authorized("IKM", "FOUNDATION", "ADMIN")
  @Query(() => SupplierMatchConnection, {
    description: "Open needs for an IKM, best first: those it qualifies for, or (NEAR_MISS) those it misses by one requirement.",
  })
  opportunities(@Args(() => OpportunitiesArgs) args: OpportunitiesArgs, @Ctx() ctx: Context) {
    const ikmId = args.ikmId ? expectId(args.ikmId, "Ikm", "ikmId") : null;
    return ctx.services.matching.opportunities(ctx.viewer, ikmId, args, args.eligibility ?? "ELIGIBLE");
  }

  @Authorized()
  @Query(() => SupplierMatch, {
    description: "The full breakdown for one need and one IKM, eligible or not. For the need's firm, the IKM itself, its mentors and administrators.",
  })
  explainMatch(@Arg("needId", () => ID, { description: "The need's global id." }) needId: string, @Arg("ikmId", () => ID, { description: "The IKM's global id." }) ikmId: string, @Ctx() ctx: Context) {
    return ctx.services.matching.explain(ctx.viewer, expectId(needId, "ComponentNeed", "needId"), expectId(ikmId, "Ikm", "ikmId"));
  }

  @Authorized()
  @Query(() => [ProcessTerm], {
    description:
      "Which process (and material family) each word names, in Indonesian or English (bubut, turning, cetak plastik, kuningan, ...); " +
      "a word that names neither carries the nearest known words as suggestions.",
  })
  async processTerms(@Arg("terms", () => [String], { description: `Words to look up, at most ${LIMITS.maxTermsPerLookup}; each is read up to ${LIMITS.maxNameLength} characters.` }) terms: string[], @Ctx() ctx: Context): Promise<ProcessTerm[]> {
    if (terms.length > LIMITS.maxTermsPerLookup) {
      throw badInput(`Look up at most ${LIMITS.maxTermsPerLookup} terms at a time.`, [{ path: "terms", message: `at most ${LIMITS.maxTermsPerLookup}` }]);
    }
    const answers = await ctx.services.vocabulary.lookUp(terms.map((term) => term.slice(0, LIMITS.maxNameLength)));
    return answers.map((a) => ({ ...a, suggestions: a.suggestions.map(toSuggestion) }));
  }

  @Authorized()
  @Query(() => MatchWeights, { description: "The default factor weights every need starts from." })
  defaultMatchWeights(): MatchWeights {
    return { ...MATCHING.weights };
  }

  @FieldResolver(() => Float)
  score(@Root() m: Pick<MatchResult, "total">): number {
    return m.total;
  }

  @FieldResolver(() => Ikm, { description: "The IKM ranked." })
  ikm(@Root() m: Pick<MatchResult, "supplierId">, @Ctx() ctx: Context): IkmRow | Promise<IkmRow | null> {
    // Whole rows the match index remembers until the IKM changes: a page asked again reads none.
    // A remembered row is answered at once, not through a promise, so graphql-js completes the
    // match without waiting (a page of 20 ran 20 promises, and one more for the list, for nothing).
    return ctx.services.matching.rememberedIkm(m.supplierId) ?? ctx.loaders.matchedIkm.load(m.supplierId);
  }

  @FieldResolver(() => ComponentNeed, { description: "The need matched." })
  async need(@Root() m: Pick<MatchResult, "needId">, @Ctx() ctx: Context) {
    return carried(m).need ?? ctx.loaders.need.load(m.needId);
  }
}

/** Whether a process requirement is one to confirm (issue 23). */
@Resolver(() => RequirementCheck)
export class RequirementCheckResolver {
  @FieldResolver(() => Boolean, {
    description: "For a specific process: true when the supplier works its family but has not confirmed the process (a near miss to confirm); false otherwise.",
  })
  unconfirmed(@Root() r: CoreRequirementCheck): boolean {
    return r.unconfirmed === true;
  }
}

/** The process taxonomy (issue 23): families and their specific processes, with the words that name each. */
@Resolver(() => ProcessFamily)
export class ProcessTaxonomyResolver {
  @Authorized()
  @Query(() => [ProcessFamily], {
    description: "The process taxonomy: every Process family with its specific processes (names in Indonesian and English, KBLI 2020 class, sources, the words that name each), for need editors and capability forms.",
  })
  processTaxonomy(@Ctx() ctx: Context): ProcessFamily[] {
    return ctx.services.vocabulary.taxonomy();
  }
}

/** A gap's date to act by (issue 22). */
@Resolver(() => MatchGap)
export class MatchGapResolver {
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: "For a required certificate lapsing inside the need's period (a soft CERTIFICATION gap): its last valid day; renew before it. Null otherwise.",
  })
  renewBy(@Root() gap: Gap): Date | null {
    return gap.lapsesOn == null ? null : new Date(gap.lapsesOn * 86_400_000);
  }
}
