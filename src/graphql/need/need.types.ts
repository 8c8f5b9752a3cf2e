import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { EVENT_LOG } from "../../pubsub/index.js";
import { CertificationType, MaturityStage, NeedStatus, Process, QuantityUnit } from "../common/enums.js";
import { Connection, Node } from "../common/relay.js";
import { DateScalar, DateTimeScalar } from "../common/scalars.js";
import { MatchWeightsInput } from "../match/match.types.js";

@ObjectType({ implements: Node, description: "A component a firm wants to source from IKM suppliers." })
export class ComponentNeed extends Node {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [Process])
  processes!: Process[];

  @Field(() => [String])
  materials!: string[];

  @Field(() => Int)
  quantityPerMonth!: number;

  @Field(() => QuantityUnit)
  unit!: QuantityUnit;

  @Field(() => Float, { nullable: true, description: "Required tolerance in millimetres." })
  toleranceMm!: number | null;

  @Field(() => [CertificationType])
  requiredCertifications!: CertificationType[];

  @Field(() => MaturityStage)
  minimumStage!: MaturityStage;

  @Field(() => String, { nullable: true })
  preferredRegionCode!: string | null;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => Int, { nullable: true, description: "Suppliers are wanted within this distance of latitude/longitude." })
  radiusKm!: number | null;

  @Field(() => DateScalar)
  startDate!: Date;

  @Field(() => NeedStatus)
  status!: NeedStatus;

  @Field(() => Int, { description: "Bumped by every change; pass it back as expectedVersion to avoid overwriting others' edits." })
  version!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const ComponentNeedConnection = Connection(ComponentNeed, "ComponentNeed");

/** The eventId field of every resumable subscription's payload. */
export const EVENT_ID_DESCRIPTION = "The event's id: ids grow in the order events were committed. Pass the last one you received as `after` when you subscribe again.";

/** The `after` argument of every resumable subscription. */
export const RESUME_AFTER_DESCRIPTION =
  "Resume after the event with this eventId (the last you received): the events since that you may hear come first, in order and each once, then live ones. " +
  `Events are kept ${EVENT_LOG.retentionDays} days and at most ${EVENT_LOG.maxReplay} are replayed: an older, unknown or malformed id is refused with BAD_USER_INPUT, and then you refetch with a query and subscribe without after.`;

@ObjectType({ description: "A need opened to suppliers, as a needPublished event: the need and the event's id." })
export class NeedPublishedEvent extends ComponentNeed {
  @Field(() => ID, { description: EVENT_ID_DESCRIPTION })
  eventId!: string;
}

@ObjectType()
export class NeedStatusChange {
  @Field(() => NeedStatus)
  fromStatus!: NeedStatus;

  @Field(() => NeedStatus)
  toStatus!: NeedStatus;

  @Field(() => DateTimeScalar)
  changedAt!: Date;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@InputType()
export class NeedInput {
  @Field(() => String, { nullable: true, description: "Administrators only: the firm the need belongs to." })
  firmId?: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [Process])
  processes!: Process[];

  @Field(() => [String], { nullable: true })
  materials?: string[];

  @Field(() => Int)
  quantityPerMonth!: number;

  @Field(() => QuantityUnit)
  unit!: QuantityUnit;

  @Field(() => Float, { nullable: true })
  toleranceMm?: number | null;

  @Field(() => [CertificationType], { nullable: true })
  requiredCertifications?: CertificationType[];

  @Field(() => MaturityStage, { nullable: true })
  minimumStage?: MaturityStage;

  @Field(() => String, { nullable: true })
  preferredRegionCode?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => Int, { nullable: true })
  radiusKm?: number | null;

  @Field(() => DateScalar)
  startDate!: Date;

  @Field(() => MatchWeightsInput, { nullable: true, description: "This need's own factor weights; leave out for the defaults." })
  weights?: MatchWeightsInput | null;
}

@InputType()
export class NeedUpdateInput {
  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => [Process], { nullable: true })
  processes?: Process[];

  @Field(() => [String], { nullable: true })
  materials?: string[];

  @Field(() => Int, { nullable: true })
  quantityPerMonth?: number;

  @Field(() => QuantityUnit, { nullable: true })
  unit?: QuantityUnit;

  @Field(() => Float, { nullable: true })
  toleranceMm?: number | null;

  @Field(() => [CertificationType], { nullable: true })
  requiredCertifications?: CertificationType[];

  @Field(() => MaturityStage, { nullable: true })
  minimumStage?: MaturityStage;

  @Field(() => String, { nullable: true })
  preferredRegionCode?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => Int, { nullable: true })
  radiusKm?: number | null;

  @Field(() => DateScalar, { nullable: true })
  startDate?: Date;

  @Field(() => MatchWeightsInput, { nullable: true, description: "New factor weights; null restores the defaults." })
  weights?: MatchWeightsInput | null;
}

@InputType()
export class NeedFilter {
  @Field(() => [NeedStatus], { nullable: true })
  statuses?: NeedStatus[] | null;

  @Field(() => Process, { nullable: true })
  process?: Process | null;

  @Field(() => String, { nullable: true, description: "Global id of a firm." })
  firmId?: string | null;
}
