import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { FIVE_R_SECTIONS, MATURITY } from "../../maturity/config.js";
import { MaturityStage } from "../common/enums.js";
import { Connection, Node, PageInfo } from "../common/relay.js";
import { DateScalar, DateTimeScalar } from "../common/scalars.js";
import { ComponentNeed, EVENT_ID_DESCRIPTION, RESUME_AFTER_DESCRIPTION } from "../need/need.types.js";
import { Ikm } from "../ikm/ikm.types.js";

export enum MentorshipStatus {
  PENDING = "PENDING",
  ACTIVE = "ACTIVE",
  GRADUATED = "GRADUATED",
  ENDED = "ENDED",
}
export enum MentorshipEnd {
  GRADUATED = "GRADUATED",
  ENDED = "ENDED",
}
export enum FiveRSection {
  RINGKAS = "RINGKAS",
  RAPI = "RAPI",
  RESIK = "RESIK",
  RAWAT = "RAWAT",
  RAJIN = "RAJIN",
}
registerEnumType(MentorshipStatus, { name: "MentorshipStatus", description: "PENDING: proposed by the foundation, waiting for the IKM to accept; ACTIVE; GRADUATED; ENDED." });
registerEnumType(MentorshipEnd, { name: "MentorshipEnd", description: "How a mentorship ends: the mentee graduated, or it ended otherwise." });
registerEnumType(FiveRSection, { name: "FiveRSection", description: `5R (5S) sections: ${FIVE_R_SECTIONS.join(", ").toLowerCase()}.` });

@ObjectType({ implements: Node, description: "A mentoring foundation, or one of its regional centres (parent: the foundation)." })
export class Foundation extends Node {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  regionCode!: string | null;
}

@ObjectType({ implements: Node, description: "A foundation mentoring an IKM, with its sponsor firm (\"ayah angkat\")." })
export class Mentorship extends Node {
  @Field(() => String, { nullable: true })
  mentorName!: string | null;

  @Field(() => DateScalar)
  startedOn!: Date;

  @Field(() => DateScalar, { nullable: true })
  endedOn!: Date | null;

  @Field(() => MentorshipStatus)
  status!: MentorshipStatus;
}

@ObjectType({ description: "Pillar scores, 0 to 100 each." })
export class PillarScores {
  @Field(() => Float) production!: number;
  @Field(() => Float) marketing!: number;
  @Field(() => Float) finance!: number;
  @Field(() => Float) hr!: number;
  @Field(() => Float) ehs!: number;
}

@InputType({ description: "Pillar scores, 0 to 100 each; all five are required." })
export class PillarScoresInput {
  @Field(() => Float) production!: number;
  @Field(() => Float) marketing!: number;
  @Field(() => Float) finance!: number;
  @Field(() => Float) hr!: number;
  @Field(() => Float) ehs!: number;
}

@ObjectType({ description: "The production pillar's published items (README, Sources), 0 to 100 each; null when not scored." })
export class ProductionItemScores {
  @Field(() => Float, { nullable: true }) costControl!: number | null;
  @Field(() => Float, { nullable: true }) qualityControl!: number | null;
  @Field(() => Float, { nullable: true }) sopConformity!: number | null;
  @Field(() => Float, { nullable: true }) onTimeDelivery!: number | null;
  @Field(() => Float, { nullable: true }) wasteHandling!: number | null;
  @Field(() => Float, { nullable: true }) fiveR!: number | null;
  @Field(() => Float, { nullable: true }) training!: number | null;
  @Field(() => Float, { nullable: true }) orderFulfilment!: number | null;
}

@InputType({ description: "The production pillar's items, 0 to 100 each; leave out what was not scored." })
export class ProductionItemScoresInput {
  @Field(() => Float, { nullable: true }) costControl?: number | null;
  @Field(() => Float, { nullable: true }) qualityControl?: number | null;
  @Field(() => Float, { nullable: true }) sopConformity?: number | null;
  @Field(() => Float, { nullable: true }) onTimeDelivery?: number | null;
  @Field(() => Float, { nullable: true }) wasteHandling?: number | null;
  @Field(() => Float, { nullable: true }) fiveR?: number | null;
  @Field(() => Float, { nullable: true }) training?: number | null;
  @Field(() => Float, { nullable: true }) orderFulfilment?: number | null;
}

@ObjectType({ description: "One 5R audit item, scored 0, 1 or 2." })
export class FiveRItem {
  @Field(() => FiveRSection) section!: FiveRSection;
  @Field(() => String) item!: string;
  @Field(() => Int) score!: number;
}

@InputType({ description: "One 5R audit item, scored 0, 1 or 2." })
export class FiveRItemInput {
  @Field(() => FiveRSection) section!: FiveRSection;
  @Field(() => String) item!: string;
  @Field(() => Int) score!: number;
}

@ObjectType({ description: "A 5R section's items rolled up to a percentage." })
export class FiveRSectionScore {
  @Field(() => FiveRSection) section!: FiveRSection;
  @Field(() => Float) percent!: number;
}

@ObjectType({ implements: Node, description: "An assessment of an IKM by its mentoring foundation." })
export class Assessment extends Node {
  @Field(() => DateScalar)
  assessedOn!: Date;

  @Field(() => String, { description: "Who assessed (as written on the assessment sheet)." })
  assessor!: string;

  @Field(() => Float, { nullable: true, description: "Mean of the pillar scores; the proposed stage is read from it." })
  pillarAverage!: number | null;

  @Field(() => MaturityStage, {
    description: `The stage the pillar average reaches: MADYA from ${MATURITY.stageThresholds.MADYA}, PRAMANDIRI from ${MATURITY.stageThresholds.PRAMANDIRI}, MANDIRI from ${MATURITY.stageThresholds.MANDIRI} (assumed cut-offs; none are published).`,
  })
  proposedStage!: MaturityStage;

  @Field(() => Float, { nullable: true, description: "5R items rolled up: points scored over points possible, in percent." })
  fiveRPercent!: number | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => [String])
  evidenceUrls!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: "A move of an IKM from one maturity stage to another, kept as history." })
export class StageChange extends Node {
  @Field(() => MaturityStage, { nullable: true, description: "Null for the first stage on record." })
  fromStage!: MaturityStage | null;

  @Field(() => MaturityStage)
  toStage!: MaturityStage;

  @Field(() => DateTimeScalar)
  changedAt!: Date;

  @Field(() => String)
  reason!: string;
}

@InputType()
export class StartMentorshipInput {
  @Field(() => ID)
  ikmId!: string;

  @Field(() => ID, { nullable: true, description: "Your foundation or one of its regional centres; default your own. Required for administrators." })
  foundationId?: string | null;

  @Field(() => String, { nullable: true })
  mentorName?: string | null;

  @Field(() => ID, { nullable: true, description: "The sponsor firm (\"ayah angkat\")." })
  sponsorFirmId?: string | null;

  @Field(() => DateScalar)
  startedOn!: Date;
}

@InputType()
export class EndMentorshipInput {
  @Field(() => MentorshipEnd)
  status!: MentorshipEnd;

  @Field(() => DateScalar)
  endedOn!: Date;
}

@InputType()
export class AssessmentInput {
  @Field(() => ID)
  ikmId!: string;

  @Field(() => ID, { nullable: true, description: "Which of your foundations records it; default the one mentoring the IKM." })
  foundationId?: string | null;

  @Field(() => DateScalar, { description: "Not in the future." })
  assessedOn!: Date;

  @Field(() => String)
  assessor!: string;

  @Field(() => PillarScoresInput)
  pillarScores!: PillarScoresInput;

  @Field(() => ProductionItemScoresInput, { nullable: true })
  itemScores?: ProductionItemScoresInput | null;

  @Field(() => [FiveRItemInput], { nullable: true, description: `Up to ${MATURITY.maxFiveRItems} items.` })
  fiveRItems?: FiveRItemInput[] | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => [String], { nullable: true, description: `Links (http or https) to evidence, up to ${MATURITY.maxEvidenceLinks}.` })
  evidenceUrls?: string[] | null;
}

@InputType({
  description: `Stages move one step at a time; a promotion cites an assessment proposing at least the new stage. Skipping a stage, or promoting without such an assessment, needs override and a reason; a demotion needs a reason (at least ${MATURITY.minReasonLength} characters).`,
})
export class ChangeStageInput {
  @Field(() => ID)
  ikmId!: string;

  @Field(() => MaturityStage)
  toStage!: MaturityStage;

  @Field(() => Int, { description: "The IKM's stageVersion you based the change on; if it moved meanwhile, the change is refused with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Field(() => ID, { nullable: true })
  assessmentId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  override?: boolean;
}

@ObjectType()
export class StageCount {
  @Field(() => MaturityStage) stage!: MaturityStage;
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: "Share of the group, 0 to 1." }) share!: number;
}

@ObjectType()
export class StageDistribution {
  @Field(() => Int, { description: "Active mentees." }) total!: number;
  @Field(() => [StageCount], { description: "Every stage, in order." }) byStage!: StageCount[];
}

@ObjectType({ description: "Active mentees of one province or one sponsor firm." })
export class MenteeGroup {
  @Field(() => String, { nullable: true, description: "The province code, or the sponsor firm's id; null for mentees without a sponsor." })
  key!: string | null;

  @Field(() => String, { nullable: true, description: "The province's or the sponsor firm's name." })
  name!: string | null;

  @Field(() => Int) count!: number;
  @Field(() => Float, { description: "Share of all active mentees, 0 to 1." }) share!: number;
  @Field(() => [StageCount]) byStage!: StageCount[];
}

@ObjectType()
export class StageStay {
  @Field(() => MaturityStage) stage!: MaturityStage;
  @Field(() => Float, { nullable: true, description: "Median months between entering and leaving the stage, over completed stays." })
  medianMonths!: number | null;
  @Field(() => Int) completedStays!: number;
  @Field(() => Int, { description: "Active mentees in the stage now." }) current!: number;
}

@ObjectType()
export class Progression {
  @Field(() => Int) mentees!: number;
  @Field(() => [StageStay]) stays!: StageStay[];
  @Field(() => Int, { description: "Mentees promoted at least once within the window." }) promotedInWindow!: number;
  @Field(() => Float, { description: "promotedInWindow over mentees, 0 to 1." }) promotedShare!: number;
  @Field(() => Int) windowMonths!: number;
}

@ObjectType()
export class DueMentee {
  @Field(() => Ikm) ikm!: Ikm;
  @Field(() => DateScalar, { nullable: true, description: "Null when never assessed." }) lastAssessedOn!: Date | null;
}

@ObjectType()
export class DueMenteeEdge {
  @Field(() => String) cursor!: string;
  @Field(() => DueMentee) node!: DueMentee;
}

@ObjectType()
export class DueMenteeConnection {
  @Field(() => [DueMenteeEdge]) edges!: DueMenteeEdge[];
  @Field(() => [DueMentee]) nodes!: DueMentee[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType()
export class MenteeMatch {
  @Field(() => Ikm) ikm!: Ikm;
  @Field(() => Float, { description: "Match total, 0 to 100." }) total!: number;
}

@ObjectType({ description: "An open need and the foundation's active mentees eligible for it." })
export class OpenNeedMentees {
  @Field(() => ComponentNeed) need!: ComponentNeed;
  @Field(() => Int) eligibleMentees!: number;
  @Field(() => [MenteeMatch], { description: `The best ${MATURITY.topMenteesPerNeed}.` }) best!: MenteeMatch[];
}

@ObjectType({ description: "A foundation's dashboard over its active mentees (its regional centres' included). Each field is one database query." })
export class FoundationDashboard {}

@ObjectType({ description: "A newly opened need an IKM is eligible for." })
export class OpportunityAlert {
  @Field(() => ComponentNeed) need!: ComponentNeed;
  @Field(() => Float, { description: `Match total, at least ${MATURITY.opportunityAlertMinScore}.` }) total!: number;
  @Field(() => ID, { description: `${EVENT_ID_DESCRIPTION} It is the id of the needPublished event the alert comes from.` }) eventId!: string;
}

@ObjectType({ description: "A stage change as a stageChanged event: the change, and the event's id." })
export class StageChangeEvent extends StageChange {
  @Field(() => ID, { description: EVENT_ID_DESCRIPTION })
  eventId!: string;
}

@ObjectType({ description: "A need's ranked suppliers changed within the first places." })
export class MatchesChange {
  @Field(() => ComponentNeed) need!: ComponentNeed;
  @Field(() => [Ikm], { description: "Suppliers that entered the first places." }) entered!: Ikm[];
  @Field(() => [Ikm], { description: "Suppliers that left them." }) left!: Ikm[];
  @Field(() => [Ikm], { description: "Suppliers still there whose place or total changed." }) moved!: Ikm[];
  @Field(() => DateTimeScalar) changedAt!: Date;
}

@ArgsType()
export class StageChangedArgs {
  @Field(() => ID, { nullable: true, description: "Changes of this foundation's mentees (its regional centres' included)." })
  foundationId?: string | null;

  @Field(() => ID, { nullable: true, description: "Changes of this IKM." })
  ikmId?: string | null;

  @Field(() => ID, { nullable: true, description: RESUME_AFTER_DESCRIPTION })
  after?: string | null;
}

export const MenteeConnection = Connection(Ikm, "Mentee");

@InputType({ description: "Which of a foundation's active mentees to list; every field left out matches all." })
export class MenteeFilter {
  @Field(() => [MaturityStage], { nullable: true, description: "At one of these stages, e.g. [MADYA] for the mentees still to reach PRAMANDIRI." })
  stages?: MaturityStage[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: `true: no assessment in the last ${MATURITY.reassessAfterMonths} months (due for reassessment, as on the dashboard); false: assessed within them.`,
  })
  dueForReassessment?: boolean | null;

  @Field(() => String, { nullable: true, description: "Part of the legal name, case-insensitive." })
  search?: string | null;
}

@ArgsType()
export class MenteesArgs {
  @Field(() => MenteeFilter, { nullable: true, description: "Which mentees; all active ones when left out." })
  filter?: MenteeFilter | null;
}
