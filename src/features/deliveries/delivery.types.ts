import { Field, ID, InputType, Int } from "type-graphql";
import { DateScalar } from "../../api/common/scalars.js";
import { FiveRItemInput } from "../maturity/maturity.types.js";

@InputType({ description: "One month of deliveries under a partnership: lots and pieces delivered, on time and rejected. Whole numbers, 0 or more." })
export class DeliveryInput {
  @Field(() => ID, { description: "The partnership of your firm the deliveries were made under: ACTIVE, or ENDED for a month within its dates." })
  partnershipId!: string;

  @Field(() => DateScalar, { description: "Any day of the month; kept as its first day. Not after the current month, nor before the month the partnership started (nor after the one it ended)." })
  month!: Date;

  @Field(() => Int, { description: "Lots delivered in the month." })
  lotsDelivered!: number;

  @Field(() => Int, { description: "Of those, lots delivered on time: at most lotsDelivered." })
  lotsOnTime!: number;

  @Field(() => Int, { description: "Pieces delivered in the month." })
  qtyDelivered!: number;

  @Field(() => Int, { description: "Of those, pieces rejected: at most qtyDelivered." })
  qtyRejected!: number;

  @Field(() => Int, {
    nullable: true,
    description: "Leave out to record a month for the first time. To correct a month recorded already, its version (DeliveryRecord.version); CONFLICT otherwise.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "A 5R (5S) audit of an IKM's shop floor: its items, each scored 0 to 2, as an assessment's 5R items are." })
export class FiveRAuditInput {
  @Field(() => ID, { description: "The IKM audited." })
  ikmId!: string;

  @Field(() => DateScalar, { description: "The day of the audit; not in the future." })
  auditedOn!: Date;

  @Field(() => String, { description: "Who audited, e.g. \"Tim YDBA Solo\"." })
  auditor!: string;

  @Field(() => [FiveRItemInput], { description: "The items scored, 1 to 100; rolled up to a percentage of the highest score (2 an item)." })
  items!: FiveRItemInput[];
}
