import { Authorized, Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { ComponentNeed as NeedRow } from "../../generated/prisma/client.js";
import { notFound } from "../../domain/errors.js";
import type { Topics } from "../../pubsub/index.js";
import type { Context } from "../context.js";
import { ComponentNeed } from "./need.types.js";

/**
 * The need an event names, read once per event for every subscriber in this process; each sees it
 * only if it may (NOT_FOUND otherwise, as for a missing need).
 */
export async function eventNeed(ctx: Context, eventId: string, needId: string): Promise<NeedRow> {
  const need = await ctx.services.live.shared(`${eventId}:need`, () => ctx.services.needs.row(needId));
  if (!need || !ctx.services.needs.isVisible(ctx.viewer, need)) throw notFound("Component need", needId);
  return need;
}

@Resolver()
export class NeedSubscriptionResolver {
  @Authorized("IKM", "FOUNDATION", "ADMIN")
  @Subscription(() => ComponentNeed, {
    description: "A need was opened to suppliers (IKM and foundation members, administrators).",
    topics: "NEED_PUBLISHED",
  })
  async needPublished(@Root() event: Topics["NEED_PUBLISHED"][0], @Ctx() ctx: Context): Promise<NeedRow> {
    ctx.refreshLoaders();
    return eventNeed(ctx, event.eventId, event.needId);
  }
}
