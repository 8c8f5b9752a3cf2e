import { Args, Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { NeedResponse as ResponseRow } from "../../infra/db/models.js";
import { notFound } from "../../domain/errors.js";
import { expectId } from "../../domain/ids.js";
import type { Topics } from "../../infra/events/bus.js";
import { requireUser } from "../../access/viewer.js";
import { assertMaySubscribeToResponses, mayHearResponses, responsesFirmScope } from "../../access/responses.js";
import type { Context } from "../../api/context.js";
import { type ResponseChange, ResponseEvent, ResponseReceivedArgs } from "./response.types.js";

type Event = Topics["RESPONSE_RECEIVED"][0];

@Resolver()
export class ResponseSubscriptionResolver {
  @Subscription(() => ResponseEvent, {
    description:
      "Responses to your firm's needs submitted, revised or withdrawn (the need's firm's members and administrators): one need with needId, every need of your firm without. " +
      "Resumable: give after to hear first the events since it.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const user = requireUser(ctx.viewer);
      // The role first: an IKM or foundation is refused alike for any need id.
      assertMaySubscribeToResponses(user);
      const { needId: needArg, after } = args as ResponseReceivedArgs;
      const needId = needArg ? expectId(needArg, "ComponentNeed", "needId") : null;
      if (needId) {
        // Another firm's need answers like a missing one.
        const need = await ctx.services.needs.get(user, needId);
        if (!mayHearResponses(user, need)) throw notFound("Component need", needId);
      }
      const firmId = responsesFirmScope(user);
      // Checked per event, live and replayed: the event's need, and the viewer's right to hear its firm's responses.
      return ctx.services.live.responses(after, (e) => (!needId || e.needId === needId) && (!firmId || e.firmId === firmId) && mayHearResponses(user, e), firmId);
    },
  })
  async responseReceived(@Root() event: Event, @Args(() => ResponseReceivedArgs) _args: ResponseReceivedArgs, @Ctx() ctx: Context): Promise<{ change: ResponseChange; response: ResponseRow; version: number; eventId: string }> {
    ctx.refreshLoaders();
    const response = await ctx.services.live.shared(`${event.eventId}:response`, () => ctx.services.responses.find(event.responseId));
    if (!response) throw notFound("Response", event.responseId);
    return { change: event.change as ResponseChange, response, version: event.version, eventId: event.eventId };
  }
}
