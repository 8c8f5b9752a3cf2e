import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PartnershipStatus } from "../../domain/enums.js";
import { Process, QuantityUnit, describeValues } from "../../api/common/enums.js";
import { Node } from "../../api/common/relay.js";
import { DateScalar, DateTimeScalar } from "../../api/common/scalars.js";

export { PartnershipStatus };

registerEnumType(PartnershipStatus, {
  name: "PartnershipStatus",
  description:
    "PENDING: waiting for the IKM to accept it (acceptPartnership); one an award wrote reserves its capacity until the IKM accepts or declines it, one a firm recorded takes none. " +
    "ACTIVE: the IKM supplies, and the quantity takes its capacity. ENDED: it no longer does, or the IKM declined it while PENDING.",
  valuesConfig: describeValues(PartnershipStatus, {
    PENDING: "Waiting for the IKM to accept it (acceptPartnership). Written by an award (awardNeed), it reserves the quantity of the IKM's capacity until accepted or declined (endPartnership); recorded by a firm, it takes none until accepted.",
    ACTIVE: "The IKM supplies: the quantity takes its capacity in every process listed.",
    ENDED: "Ended, withdrawn by the firm, or declined by the IKM while PENDING; takes no capacity.",
  }),
});

@ObjectType({
  implements: Node,
  description:
    "A supply agreement: the IKM makes quantityPerMonth units of the firm's component every month, through every process listed. " +
    "A firm's is PENDING until the IKM accepts it. While ACTIVE (or PENDING after an award) it holds that much of the IKM's capacity in each of those processes, and matches, allocation and consortia count only what is left. " +
    "Seen by the firm's members, the IKM's members, the foundations actively mentoring the IKM, and administrators.",
})
export class Partnership extends Node {
  @Field(() => String, { description: "What the IKM supplies, e.g. \"Cylinder sleeve FC250\"." })
  component!: string;

  @Field(() => [Process], { description: "Every process each unit passes through at this IKM; the quantity holds capacity in each while ACTIVE, or PENDING after an award." })
  processes!: Process[];

  @Field(() => Int, { description: "Units supplied each month, in unit." })
  quantityPerMonth!: number;

  @Field(() => QuantityUnit, { description: "Unit of quantityPerMonth." })
  unit!: QuantityUnit;

  @Field(() => DateScalar, { description: "First day of supply." })
  startDate!: Date;

  @Field(() => DateScalar, { nullable: true, description: "Last day of supply; null while open-ended." })
  endDate!: Date | null;

  @Field(() => PartnershipStatus, { description: "PENDING, ACTIVE or ENDED." })
  status!: PartnershipStatus;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  createdAt!: Date;
}

@InputType({ description: "A supply agreement between a firm and an IKM." })
export class PartnershipInput {
  @Field(() => ID, { nullable: true, description: "Administrators only: the firm the partnership belongs to." })
  firmId?: string | null;

  @Field(() => ID, { description: "The IKM that supplies." })
  ikmId!: string;

  @Field(() => ID, { nullable: true, description: "The need of your firm it was awarded for: AWARDED, or CLOSED after it." })
  needId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "For a koperasi-led consortium: the koperasi that took the order and split it; the IKM must be its member. Record one partnership per member.",
  })
  koperasiId?: string | null;

  @Field(() => String, { description: "What the IKM supplies." })
  component!: string;

  @Field(() => [Process], { description: "Every process each unit passes through at this IKM: the quantity takes capacity in each." })
  processes!: Process[];

  @Field(() => Int, { description: "Units supplied each month, a whole number above 0." })
  quantityPerMonth!: number;

  @Field(() => QuantityUnit, { description: "The IKM must state its capacity in this unit for every process." })
  unit!: QuantityUnit;

  @Field(() => DateScalar, { description: "First day of supply." })
  startDate!: Date;

  @Field(() => DateScalar, { nullable: true, description: "When it is agreed to end; leave out for open-ended." })
  endDate?: Date | null;
}
