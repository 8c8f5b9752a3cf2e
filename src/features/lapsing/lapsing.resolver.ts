import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { expectId } from "../../domain/ids.js";
import type { Context } from "../../api/context.js";
import { CertificateLapse } from "./lapsing.types.js";
import { LAPSING } from "./lapsing.service.js";

@Resolver(() => CertificateLapse)
export class LapsingResolver {
  @Authorized()
  @Query(() => [CertificateLapse], {
    description:
      `Certificates of one IKM (its people, its mentoring foundations, administrators) or of a foundation's active mentees (its people, administrators) ` +
      `that lapse within withinDays, or before an ACTIVE partnership requiring them ends; soonest first. Give ikmId or foundationId.`,
  })
  lapsingCertificates(
    @Arg("ikmId", () => ID, { nullable: true, description: "The IKM's global id." }) ikmId: string | null,
    @Arg("foundationId", () => ID, { nullable: true, description: "The foundation's global id: its active mentees and those of its regional centres." }) foundationId: string | null,
    @Arg("withinDays", () => Int, { nullable: true, description: `Look-ahead in days, 0 to ${LAPSING.maxWithinDays}; default ${LAPSING.defaultWithinDays}.` }) withinDays: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.lapsing.list(ctx.viewer, {
      ikmId: ikmId ? expectId(ikmId, "Ikm", "ikmId") : null,
      foundationId: foundationId ? expectId(foundationId, "Foundation", "foundationId") : null,
    }, withinDays);
  }
}
