import { Authorized, Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { ComponentNeed as NeedRow } from "../../generated/prisma/client.js";
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
  needPublished(@Root() event: Topics["NEED_PUBLISHED"][0], @Ctx() ctx: Context): Promise<NeedRow> {
    ctx.refreshLoaders();
    return ctx.services.needs.get(ctx.viewer, event.needId);
  }
}
