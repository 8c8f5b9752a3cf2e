import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from "type-graphql";
import type { DeliveryRecord as DeliveryRow, FiveRAudit as FiveRRow, Partnership as PartnershipRow } from "../../infra/db/models.js";
import { expectId } from "../../domain/ids.js";
import type { Context } from "../../api/context.js";
import { DeliveryRecord, FiveRAudit } from "../ikms/ikm.types.js";
import { Partnership } from "../partnerships/partnership.types.js";
import { DeliveryInput, FiveRAuditInput } from "./delivery.types.js";

@Resolver(() => DeliveryRecord)
export class DeliveryResolver {
  @Authorized("FIRM", "ADMIN")
  @Mutation(() => DeliveryRecord, {
    description:
      "Records one month of deliveries under a partnership of your firm (administrators: any firm's): lots delivered and on time, pieces delivered and rejected. " +
      "One record per partnership and month: a second is a correction and must send the record's version as expectedVersion (CONFLICT otherwise, or when it was corrected meanwhile). " +
      "INVALID_TRANSITION for a PENDING partnership; BAD_USER_INPUT for figures that contradict each other or a month outside the partnership's dates or in the future. " +
      "The IKM's delivery and quality factors in matches and explainMatch move when this answers.",
  })
  recordDelivery(@Arg("input", () => DeliveryInput, { description: "The partnership, the month and its figures." }) input: DeliveryInput, @Ctx() ctx: Context): Promise<DeliveryRow> {
    return ctx.services.deliveries.recordDelivery(ctx.viewer, { ...input, partnershipId: expectId(input.partnershipId, "Partnership", "input.partnershipId") });
  }

  @Authorized("FOUNDATION", "FIRM", "ADMIN")
  @Mutation(() => FiveRAudit, {
    description:
      "Records a 5R audit of an IKM: by a foundation that mentors it now (or one above it), a firm with an ACTIVE partnership with it, or an administrator; FORBIDDEN for anyone else. " +
      "The latest audit (by auditedOn) is the 5R the IKM's quality factor reads in matches and explainMatch, from when this answers. An assessment's 5R items count as an audit too.",
  })
  recordFiveRAudit(@Arg("input", () => FiveRAuditInput, { description: "The IKM, the day, the auditor and the items scored." }) input: FiveRAuditInput, @Ctx() ctx: Context): Promise<FiveRRow> {
    return ctx.services.deliveries.recordFiveRAudit(ctx.viewer, {
      ...input,
      ikmId: expectId(input.ikmId, "Ikm", "input.ikmId"),
      items: input.items.map((i) => ({ ...i })),
    });
  }

  @FieldResolver(() => Int, { description: "0 when first recorded; each correction adds 1. Send it as expectedVersion to correct the month." })
  version(@Root() d: DeliveryRow): number {
    return d.version;
  }
}

/** A partnership's deliveries, month by month. */
@Resolver(() => Partnership)
export class PartnershipDeliveriesResolver {
  @FieldResolver(() => [DeliveryRecord], {
    description: "The deliveries recorded under it, one per month, oldest first; for whoever sees the partnership (its firm, the IKM, the foundations mentoring the IKM, administrators).",
  })
  deliveries(@Root() p: PartnershipRow, @Ctx() ctx: Context): Promise<DeliveryRow[]> {
    return ctx.loaders.deliveriesByPartnership.load(p.id);
  }
}
