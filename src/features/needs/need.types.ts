import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { LIMITS } from "../../domain/limits.js";
import { EVENT_LOG } from "../../infra/events/bus.js";
import { CertificationType, MaturityStage, NeedStatus, Process, QuantityUnit, SpecificProcess } from "../../api/common/enums.js";
import { Connection, Node } from "../../api/common/relay.js";
import { DateScalar, DateTimeScalar } from "../../api/common/scalars.js";
import { MatchWeightsInput } from "../matching/match.types.js";

@ObjectType({ implements: Node, description: "A component a firm wants to source from IKM suppliers." })
export class ComponentNeed extends Node {
  @Field(() => String, { description: "Short name of the component, e.g. \"Brake pedal bracket\"." })
  title!: string;

  @Field(() => String, { description: "What is wanted: drawing, material grade, finish, packing." })
  description!: string;

  @Field(() => [Process], { description: "Processes the part needs; a supplier must work every one (hard requirement)." })
  processes!: Process[];

  @Field(() => [SpecificProcess], {
    description: "Specific processes the part needs, each under one of processes (Query.processTaxonomy): a family named here is met only by a supplier that confirms the process or has a machine on file that does it. Empty: any process of the families.",
  })
  specificProcesses!: SpecificProcess[];

  @Field(() => [String], { description: "Materials, lower-case (e.g. \"baja spcc\"); count towards capability fit, not required." })
  materials!: string[];

  @Field(() => Int, { description: "Quantity wanted each month, in unit." })
  quantityPerMonth!: number;

  @Field(() => QuantityUnit, { description: "Unit of quantityPerMonth." })
  unit!: QuantityUnit;

  @Field(() => Float, { nullable: true, description: "Required tolerance in millimetres." })
  toleranceMm!: number | null;

  @Field(() => Boolean, { description: "True when the tolerance is a hard requirement: a supplier whose best tolerance is looser is no candidate (a near miss at most)." })
  toleranceCritical!: boolean;

  @Field(() => Int, { nullable: true, description: "Highest acceptable reject rate, in parts per million of pieces delivered: a supplier above it (from its delivery record) is held below EXCELLENT. Null: not stated." })
  maxRejectPpm!: number | null;

  @Field(() => [CertificationType], { description: "Certificates a supplier must hold valid on startDate (hard requirement) and through endDate (one lapsing inside the period caps the band and is named with its date; a renewal on file starting no later than the day after the old one's last day, so no day is uncovered, counts as continuous)." })
  requiredCertifications!: CertificationType[];

  @Field(() => MaturityStage, { description: "Lowest maturity stage a supplier may be at (hard requirement); PEMULA admits all." })
  minimumStage!: MaturityStage;

  @Field(() => String, { nullable: true, description: "Where the firm prefers the part made: province (33) or regency (33.10) code; feeds proximity." })
  preferredRegionCode!: string | null;

  @Field(() => Float, { nullable: true, description: "Latitude of the delivery point (WGS 84); with longitude, feeds proximity and radiusKm." })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: "Longitude of the delivery point (WGS 84)." })
  longitude!: number | null;

  @Field(() => Int, { nullable: true, description: "Suppliers are wanted within this distance of latitude/longitude." })
  radiusKm!: number | null;

  @Field(() => DateScalar, { description: "When supply is to start; certificates must be valid on this day." })
  startDate!: Date;

  // endDate and termMonths: field resolvers (NeedResolver), from the stored end date.

  @Field(() => NeedStatus, { description: "Where the need is in its lifecycle." })
  status!: NeedStatus;

  @Field(() => Int, { description: "Bumped by every change; pass it back as expectedVersion to avoid overwriting others' edits." })
  version!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was first opened to suppliers; null while DRAFT (or cancelled before opening)." })
  publishedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: "When the need was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the need last changed." })
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

@ObjectType({ description: "One status change of a need, kept as history." })
export class NeedStatusChange {
  @Field(() => NeedStatus, { description: "Status before the change." })
  fromStatus!: NeedStatus;

  @Field(() => NeedStatus, { description: "Status after the change." })
  toStatus!: NeedStatus;

  @Field(() => DateTimeScalar, { description: "When the change was made." })
  changedAt!: Date;

  @Field(() => String, { nullable: true, description: "Why, as given by whoever made the change; null when none was given." })
  reason!: string | null;
}

@InputType({ description: "A new component need; it starts as DRAFT." })
export class NeedInput {
  @Field(() => String, { nullable: true, description: "Administrators only: the firm the need belongs to." })
  firmId?: string | null;

  @Field(() => String, { description: `Short name of the component, at most ${LIMITS.maxNameLength} characters.` })
  title!: string;

  @Field(() => String, { description: "What is wanted: drawing, material grade, finish, packing." })
  description!: string;

  @Field(() => [Process], { description: "Processes the part needs, 1 to 10, each once; a supplier must work every one." })
  processes!: Process[];

  @Field(() => [SpecificProcess], {
    nullable: true,
    description: "Specific processes the part needs (up to 10, each once), each under one of processes, e.g. CHROME_PLATING under PLATING_PAINTING: only suppliers that confirm it (or have its machine on file) are eligible. Default none: any process of the families.",
  })
  specificProcesses?: SpecificProcess[];

  @Field(() => [String], { nullable: true, description: "Materials (up to 20); stored lower-case. Default none." })
  materials?: string[];

  @Field(() => Int, { description: "Quantity wanted each month, a whole number above 0, in unit." })
  quantityPerMonth!: number;

  @Field(() => QuantityUnit, { description: "Unit of quantityPerMonth." })
  unit!: QuantityUnit;

  @Field(() => Float, { nullable: true, description: "Required tolerance in millimetres, above 0 and at most 100." })
  toleranceMm?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Make the tolerance a hard requirement (needs toleranceMm): a supplier whose best tolerance is looser is no candidate. Default false: a miss costs points, and more than twice the tolerance caps the band below EXCELLENT." })
  toleranceCritical?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Highest acceptable reject rate in ppm of pieces delivered (0 to 1,000,000; 10,000 is 1%): a supplier above it is held below EXCELLENT. Default none." })
  maxRejectPpm?: number | null;

  @Field(() => [CertificationType], { nullable: true, description: "Certificates a supplier must hold valid from startDate through endDate, each once. Default none." })
  requiredCertifications?: CertificationType[];

  @Field(() => MaturityStage, { nullable: true, description: "Lowest maturity stage a supplier may be at; default PEMULA (all)." })
  minimumStage?: MaturityStage;

  @Field(() => String, { nullable: true, description: "Preferred province (33) or regency (33.10) code; feeds proximity." })
  preferredRegionCode?: string | null;

  @Field(() => Float, { nullable: true, description: "Latitude of the delivery point, within Indonesia; give with longitude." })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "Longitude of the delivery point, within Indonesia; give with latitude." })
  longitude?: number | null;

  @Field(() => Int, { nullable: true, description: "Only suppliers within this many km of latitude/longitude (1 to 5000); needs the coordinates." })
  radiusKm?: number | null;

  @Field(() => DateScalar, { description: "When supply is to start, e.g. 2027-03-01." })
  startDate!: Date;

  @Field(() => DateScalar, { nullable: true, description: "Last day of supply, inclusive, after startDate and at most 120 months on, e.g. 2028-02-29. Give endDate or termMonths, not both; neither: the default term of 12 months." })
  endDate?: Date | null;

  @Field(() => Int, { nullable: true, description: "Length of supply in months from startDate (1 to 120): 12 from 2027-03-01 ends on 2028-02-29. Give endDate or termMonths, not both; neither: 12." })
  termMonths?: number | null;

  @Field(() => MatchWeightsInput, { nullable: true, description: "This need's own factor weights; leave out for the defaults." })
  weights?: MatchWeightsInput | null;
}

@InputType({ description: "Changes to a need's terms (DRAFT or OPEN needs only). A field left out stays as it is." })
export class NeedUpdateInput {
  @Field(() => String, { nullable: true, description: "New title." })
  title?: string;

  @Field(() => String, { nullable: true, description: "New description." })
  description?: string;

  @Field(() => [Process], { nullable: true, description: "New processes, 1 to 10, each once." })
  processes?: Process[];

  @Field(() => [SpecificProcess], { nullable: true, description: "New specific processes (replaces the list; [] for none), each under one of the need's processes." })
  specificProcesses?: SpecificProcess[];

  @Field(() => [String], { nullable: true, description: "New materials (replaces the list)." })
  materials?: string[];

  @Field(() => Int, { nullable: true, description: "New monthly quantity, above 0." })
  quantityPerMonth?: number;

  @Field(() => QuantityUnit, { nullable: true, description: "New unit." })
  unit?: QuantityUnit;

  @Field(() => Float, { nullable: true, description: "New tolerance in mm; null clears it." })
  toleranceMm?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the tolerance is a hard requirement (needs a tolerance); null sets false." })
  toleranceCritical?: boolean | null;

  @Field(() => Int, { nullable: true, description: "New reject-rate limit in ppm; null clears it." })
  maxRejectPpm?: number | null;

  @Field(() => [CertificationType], { nullable: true, description: "New required certificates (replaces the list)." })
  requiredCertifications?: CertificationType[];

  @Field(() => MaturityStage, { nullable: true, description: "New minimum stage." })
  minimumStage?: MaturityStage;

  @Field(() => String, { nullable: true, description: "New preferred region code; null clears it." })
  preferredRegionCode?: string | null;

  @Field(() => Float, { nullable: true, description: "New latitude; null clears the location (with longitude)." })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "New longitude; null clears the location (with latitude)." })
  longitude?: number | null;

  @Field(() => Int, { nullable: true, description: "New radius in km; null clears it." })
  radiusKm?: number | null;

  @Field(() => DateScalar, { nullable: true, description: "New start date; the end date stays unless endDate or termMonths is given (and must still come after it)." })
  startDate?: Date;

  @Field(() => DateScalar, { nullable: true, description: "New last day of supply, after startDate, at most 120 months on; null: the default 12 months from startDate. Not with termMonths." })
  endDate?: Date | null;

  @Field(() => Int, { nullable: true, description: "New length of supply in months from startDate (1 to 120). Not with endDate." })
  termMonths?: number | null;

  @Field(() => MatchWeightsInput, { nullable: true, description: "New factor weights; null restores the defaults." })
  weights?: MatchWeightsInput | null;
}

@InputType({ description: "Narrows a list of needs; every given condition must hold." })
export class NeedFilter {
  @Field(() => [NeedStatus], { nullable: true, description: "Only needs in these statuses." })
  statuses?: NeedStatus[] | null;

  @Field(() => Process, { nullable: true, description: "Only needs that name this process." })
  process?: Process | null;

  @Field(() => String, { nullable: true, description: "Global id of a firm." })
  firmId?: string | null;
}
