import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from "type-graphql";
import type { ComponentNeed as NeedRow } from "../../infra/db/models.js";
import { notFound } from "../../domain/errors.js";
import { mayViewNeed } from "../../access/needs.js";
import type { Topics } from "../../infra/events/bus.js";
import type { Context } from "../../api/context.js";
import { NeedPublishedEvent, RESUME_AFTER_DESCRIPTION } from "./need.types.js";

/**
 * The need an event names, read once per event for every subscriber in this process; each sees it
 * only if it may (NOT_FOUND otherwise, as for a missing need).
 */
export async function eventNeed(ctx: Context, eventId: string, needId: string): Promise<NeedRow> {
  const need = await ctx.services.live.needOf(eventId, needId);
  if (!need || !mayViewNeed(ctx.viewer, need)) throw notFound("Component need", needId);
  return need;
}

@Resolver()
export class NeedSubscriptionResolver {
  // Koperasi managers too: they answer OPEN needs for a consortium of their members.
  @Authorized("IKM", "FOUNDATION", "KOPERASI", "ADMIN")
  @Subscription(() => NeedPublishedEvent, {
    description:
      "A need was opened to suppliers (IKM, foundation and koperasi members, administrators). With after, the needs opened since that you may still see come first.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      return ctx.services.live.needsPublished((args as { after?: string | null }).after, (need) => mayViewNeed(ctx.viewer, need));
    },
  })
  async needPublished(
    @Root() event: Topics["NEED_PUBLISHED"][0],
    @Arg("after", () => ID, { nullable: true, description: RESUME_AFTER_DESCRIPTION }) _after: string | null,
    @Ctx() ctx: Context,
  ): Promise<NeedRow & { eventId: string }> {
    ctx.refreshLoaders();
    return { ...(await eventNeed(ctx, event.eventId, event.needId)), eventId: event.eventId };
  }
}
