import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { mayReadAccount } from "../access/accounts.js";
import { DomainError, ErrorCode } from "../domain/errors.js";
import { fromGlobalId } from "../domain/ids.js";
import { Node } from "./common/relay.js";
import type { Context } from "./context.js";

const nullWhenNotFound = (e: unknown): null => {
  if (e instanceof DomainError && e.code === ErrorCode.NOT_FOUND) return null;
  throw e;
};

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when it does not exist or you may not see it." })
  async node(@Arg("id", () => ID, { description: "A global id, as any object's id field gives it." }) id: string, @Ctx() ctx: Context): Promise<object | null> {
    const parsed = fromGlobalId(id);
    if (!parsed) return null;
    const tag = <T extends object>(row: T | null) => (row ? { ...row, __typename: parsed.type } : null);
    switch (parsed.type) {
      case "Firm":
        return tag(await ctx.loaders.firm.load(parsed.id));
      case "Ikm":
        return tag(await ctx.loaders.ikm.load(parsed.id));
      case "Sentra":
        return tag(await ctx.services.clusters.getSentra(parsed.id));
      case "Koperasi":
        return tag(await ctx.services.clusters.getKoperasi(parsed.id));
      case "ComponentNeed":
        if (ctx.viewer.kind !== "user") return null;
        return tag(await ctx.services.needs.get(ctx.viewer, parsed.id).catch(nullWhenNotFound));
      case "Foundation":
        return tag(await ctx.loaders.foundation.load(parsed.id));
      case "Assessment":
        return tag(await ctx.services.maturity.assessment(ctx.viewer, parsed.id).catch(nullWhenNotFound));
      case "StageChange":
        return tag(await ctx.services.maturity.stageChange(ctx.viewer, parsed.id).catch(nullWhenNotFound));
      case "Partnership":
        return tag(await ctx.services.partnerships.get(ctx.viewer, parsed.id).catch(nullWhenNotFound));
      case "NeedResponse":
        return tag(await ctx.services.responses.get(ctx.viewer, parsed.id).catch(nullWhenNotFound));
      case "SampleRequest":
        return tag(await ctx.services.samples.get(ctx.viewer, parsed.id).catch(nullWhenNotFound));
      case "ShortlistCandidate":
        return tag(await ctx.services.shortlist.get(ctx.viewer, parsed.id).catch(nullWhenNotFound));
      case "Mentorship":
        return tag(await ctx.services.maturity.mentorship(parsed.id).catch(nullWhenNotFound));
      case "User":
        if (!mayReadAccount(ctx.viewer, parsed.id)) return null;
        return tag(await ctx.loaders.user.load(parsed.id));
      default:
        return null;
    }
  }
}
