/**
 * certificateLapsing (issue 22): warnings of certificates lapsing soon, or before a partnership
 * requiring them ends, as the lapse sweep tells them. Who may subscribe is the list's rule
 * (LapsingService.assertMayWatch); each event is checked again for the subscriber.
 */
import { Args, Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { Ikm as IkmRow, Partnership as PartnershipRow } from "../../infra/db/models.js";
import type { CertificateLapseKind } from "../../domain/enums.js";
import { notFound } from "../../domain/errors.js";
import { expectId } from "../../domain/ids.js";
import type { Topics } from "../../infra/events/bus.js";
import { requireUser } from "../../access/viewer.js";
import { seesWhileMentoring } from "../../access/maturity.js";
import type { Context } from "../../api/context.js";
import { CertificateLapseWarning, CertificateLapsingArgs, type LapsingCertificate } from "./lapsing.types.js";

type Event = Topics["CERTIFICATE_LAPSING"][0];

@Resolver()
export class LapsingSubscriptionResolver {
  @Subscription(() => CertificateLapseWarning, {
    description:
      "Warnings of certificates lapsing within 90 days, or before an ACTIVE partnership requiring them ends, each told once: of one IKM (ikmId: its members, foundations actively " +
      "mentoring it and those above them, checked again for every event; administrators) or of a foundation's active mentees (foundationId: its people and those of a foundation " +
      "above it; administrators). Give exactly one; anyone else FORBIDDEN, alike for a missing IKM or foundation. Resumable: give after to hear first the warnings since it.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const user = requireUser(ctx.viewer);
      const { ikmId: ikmArg, foundationId: foundationArg, after } = args as CertificateLapsingArgs;
      const { live, lapsing } = ctx.services;
      const route = await lapsing.assertMayWatch(user, {
        ikmId: ikmArg ? expectId(ikmArg, "Ikm", "ikmId") : null,
        foundationId: foundationArg ? expectId(foundationArg, "Foundation", "foundationId") : null,
      });
      // A foundation following one IKM hears of it while it (or one below it) mentors it: checked
      // per event, once per event and foundation in this process. On a foundation's route the
      // event names the foundations mentoring the IKM when it was told.
      if (!("ikmId" in route) || !seesWhileMentoring(user)) return live.certificateLapses(route, after, () => true);
      const ikmId = route.ikmId;
      return live.certificateLapses(route, after, (e) => live.shared(`${e.eventId}:lapse:${user.foundationId}:${ikmId}`, () => lapsing.mayHear(user, ikmId)));
    },
  })
  async certificateLapsing(
    @Root() event: Event,
    @Args(() => CertificateLapsingArgs) _args: CertificateLapsingArgs,
    @Ctx() ctx: Context,
  ): Promise<{ eventId: string; kind: CertificateLapseKind; ikm: IkmRow; certificate: LapsingCertificate; partnership: PartnershipRow | null; daysLeft: number; action: string; sentAt: Date }> {
    ctx.refreshLoaders();
    const ikm = await ctx.loaders.ikm.load(event.ikmId);
    if (!ikm) throw notFound("IKM", event.ikmId);
    const partnership = event.partnershipId ? ((await ctx.loaders.partnershipsByIkm.load(event.ikmId)).find((p) => p.id === event.partnershipId) ?? null) : null;
    return {
      eventId: event.eventId,
      kind: event.kind,
      ikm,
      certificate: { id: event.certificationId, type: event.type, number: event.number, validUntil: new Date(`${event.lapsesOn}T00:00:00Z`) },
      partnership,
      daysLeft: event.daysLeft,
      action: event.action,
      sentAt: new Date(event.sentAt),
    };
  }
}
