import { Authorized, Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { ComponentNeed as NeedRow } from "../../generated/prisma/client.js";
import { notFound } from "../../domain/errors.js";
import type { Topics } from "../../pubsub/index.js";
import type { Context } from "../context.js";
import { ComponentNeed } from "./need.types.js";

@Resolver()
export class NeedSubscriptionResolver {
  @Authorized("IKM", "FOUNDATION", "ADMIN")
  @Subscription(() => ComponentNeed, {
    description: "A need was opened to suppliers (IKM and foundation members, administrators).",
    topics: "NEED_PUBLISHED",
  })
  async needPublished(@Root() event: Topics["NEED_PUBLISHED"][0], @Ctx() ctx: Context): Promise<NeedRow> {
    ctx.refreshLoaders();
    // Read once per event for every subscriber in this process; each sees it only if it may.
    const need = await ctx.services.live.shared(`${event.eventId}:need`, () => ctx.services.needs.row(event.needId));
    if (!need || !ctx.services.needs.isVisible(ctx.viewer, need)) throw notFound("Component need", event.needId);
    return need;
  }
}
