import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { FIVE_R_SECTIONS, MATURITY } from "../../core/maturity/config.js";
import { MaturityStage, describeValues } from "../../api/common/enums.js";
import { Connection, Node, PageInfo } from "../../api/common/relay.js";
import { DateScalar, DateTimeScalar } from "../../api/common/scalars.js";
import { ComponentNeed, EVENT_ID_DESCRIPTION, RESUME_AFTER_DESCRIPTION } from "../needs/need.types.js";
import { Ikm } from "../ikms/ikm.types.js";

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
registerEnumType(MentorshipStatus, {
  name: "MentorshipStatus",
  description: "PENDING: proposed by the foundation, waiting for the IKM to accept; ACTIVE; GRADUATED; ENDED.",
  valuesConfig: describeValues(MentorshipStatus, {
    PENDING: "Proposed by the foundation, waiting for the IKM to accept; gives the foundation no access yet.",
    ACTIVE: "Running: the foundation may see the IKM's assessments, stage history and financial figures, assess it and change its stage.",
    GRADUATED: "Ended because the mentee graduated.",
    ENDED: "Ended otherwise (or declined while PENDING).",
  }),
});
registerEnumType(MentorshipEnd, {
  name: "MentorshipEnd",
  description: "How a mentorship ends: the mentee graduated, or it ended otherwise.",
  valuesConfig: describeValues(MentorshipEnd, {
    GRADUATED: "The mentee graduated from the programme.",
    ENDED: "Ended for any other reason.",
  }),
});
registerEnumType(FiveRSection, {
  name: "FiveRSection",
  description: `5R (5S) sections: ${FIVE_R_SECTIONS.join(", ").toLowerCase()}.`,
  valuesConfig: describeValues(FiveRSection, {
    RINGKAS: "Ringkas (sort): only what is needed at the workplace.",
    RAPI: "Rapi (set in order): a place for everything.",
    RESIK: "Resik (shine): clean workplace and machines.",
    RAWAT: "Rawat (standardise): keep the first three as standard practice.",
    RAJIN: "Rajin (sustain): the habit, kept by everyone.",
  }),
});

@ObjectType({ implements: Node, description: "A mentoring foundation, or one of its regional centres (parent: the foundation)." })
export class Foundation extends Node {
  @Field(() => String, { description: "The foundation's or regional centre's name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Kemendagri region code where it sits: province (33) or regency (33.72); null when not given." })
  regionCode!: string | null;
}

@ObjectType({ implements: Node, description: "A foundation mentoring an IKM, with its sponsor firm (\"ayah angkat\")." })
export class Mentorship extends Node {
  @Field(() => String, { nullable: true, description: "The mentor (pendamping) assigned, when named." })
  mentorName!: string | null;

  @Field(() => DateScalar, { description: "When the mentorship started." })
  startedOn!: Date;

  @Field(() => DateScalar, { nullable: true, description: "When it ended; null while PENDING or ACTIVE." })
  endedOn!: Date | null;

  @Field(() => MentorshipStatus, { description: "Where the mentorship stands." })
  status!: MentorshipStatus;
}

@ObjectType({ description: "Pillar scores, 0 to 100 each." })
export class PillarScores {
  @Field(() => Float, { description: "Production pillar, 0 to 100." }) production!: number;
  @Field(() => Float, { description: "Marketing pillar, 0 to 100." }) marketing!: number;
  @Field(() => Float, { description: "Finance pillar, 0 to 100." }) finance!: number;
  @Field(() => Float, { description: "Human resources pillar, 0 to 100." }) hr!: number;
  @Field(() => Float, { description: "Environment, health and safety (EHS) pillar, 0 to 100." }) ehs!: number;
}

@InputType({ description: "Pillar scores, 0 to 100 each; all five are required." })
export class PillarScoresInput {
  @Field(() => Float, { description: "Production pillar, 0 to 100." }) production!: number;
  @Field(() => Float, { description: "Marketing pillar, 0 to 100." }) marketing!: number;
  @Field(() => Float, { description: "Finance pillar, 0 to 100." }) finance!: number;
  @Field(() => Float, { description: "Human resources pillar, 0 to 100." }) hr!: number;
  @Field(() => Float, { description: "Environment, health and safety (EHS) pillar, 0 to 100." }) ehs!: number;
}

@ObjectType({ description: "The production pillar's published items (README, Sources), 0 to 100 each; null when not scored." })
export class ProductionItemScores {
  @Field(() => Float, { nullable: true, description: "Cost control, 0 to 100; null when not scored." }) costControl!: number | null;
  @Field(() => Float, { nullable: true, description: "Quality control, 0 to 100; null when not scored." }) qualityControl!: number | null;
  @Field(() => Float, { nullable: true, description: "Working to SOPs, 0 to 100; null when not scored." }) sopConformity!: number | null;
  @Field(() => Float, { nullable: true, description: "On-time delivery and condition of goods, 0 to 100; null when not scored." }) onTimeDelivery!: number | null;
  @Field(() => Float, { nullable: true, description: "Waste handling, 0 to 100; null when not scored." }) wasteHandling!: number | null;
  @Field(() => Float, { nullable: true, description: "5R (5S) practice, 0 to 100; null when not scored." }) fiveR!: number | null;
  @Field(() => Float, { nullable: true, description: "Training, 0 to 100; null when not scored." }) training!: number | null;
  @Field(() => Float, { nullable: true, description: "Ability to fill orders, 0 to 100; null when not scored." }) orderFulfilment!: number | null;
}

@InputType({ description: "The production pillar's items, 0 to 100 each; leave out what was not scored." })
export class ProductionItemScoresInput {
  @Field(() => Float, { nullable: true, description: "Cost control, 0 to 100." }) costControl?: number | null;
  @Field(() => Float, { nullable: true, description: "Quality control, 0 to 100." }) qualityControl?: number | null;
  @Field(() => Float, { nullable: true, description: "Working to SOPs, 0 to 100." }) sopConformity?: number | null;
  @Field(() => Float, { nullable: true, description: "On-time delivery and condition of goods, 0 to 100." }) onTimeDelivery?: number | null;
  @Field(() => Float, { nullable: true, description: "Waste handling, 0 to 100." }) wasteHandling?: number | null;
  @Field(() => Float, { nullable: true, description: "5R (5S) practice, 0 to 100." }) fiveR?: number | null;
  @Field(() => Float, { nullable: true, description: "Training, 0 to 100." }) training?: number | null;
  @Field(() => Float, { nullable: true, description: "Ability to fill orders, 0 to 100." }) orderFulfilment?: number | null;
}

@ObjectType({ description: "One 5R audit item, scored 0, 1 or 2." })
export class FiveRItem {
  @Field(() => FiveRSection, { description: "The 5R section the item belongs to." }) section!: FiveRSection;
  @Field(() => String, { description: "The item as written on the audit sheet." }) item!: string;
  @Field(() => Int, { description: "0, 1 or 2." }) score!: number;
}

@InputType({ description: "One 5R audit item, scored 0, 1 or 2." })
export class FiveRItemInput {
  @Field(() => FiveRSection, { description: "The 5R section the item belongs to." }) section!: FiveRSection;
  @Field(() => String, { description: "The item as written on the audit sheet." }) item!: string;
  @Field(() => Int, { description: "0, 1 or 2." }) score!: number;
}

@ObjectType({ description: "A 5R section's items rolled up to a percentage." })
export class FiveRSectionScore {
  @Field(() => FiveRSection, { description: "The 5R section." }) section!: FiveRSection;
  @Field(() => Float, { description: "Points scored over points possible in the section, 0 to 100." }) percent!: number;
}

@ObjectType({ implements: Node, description: "An assessment of an IKM by its mentoring foundation." })
export class Assessment extends Node {
  @Field(() => DateScalar, { description: "The day of the assessment." })
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

  @Field(() => String, { nullable: true, description: "The assessor's notes." })
  notes!: string | null;

  @Field(() => [String], { description: "Links to evidence (photos, documents); empty when none." })
  evidenceUrls!: string[];

  @Field(() => DateTimeScalar, { description: "When the assessment was recorded in Jalin." })
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: "A move of an IKM from one maturity stage to another, kept as history." })
export class StageChange extends Node {
  @Field(() => MaturityStage, { nullable: true, description: "Null for the first stage on record." })
  fromStage!: MaturityStage | null;

  @Field(() => MaturityStage, { description: "The stage the IKM moved to." })
  toStage!: MaturityStage;

  @Field(() => DateTimeScalar, { description: "When the change was recorded." })
  changedAt!: Date;

  @Field(() => String, { description: "Why: the reason given, or for a promotion without one, the assessment that proposes it." })
  reason!: string;
}

@InputType({ description: "A foundation proposes to mentor an IKM (PENDING until the IKM accepts); an administrator starts it ACTIVE." })
export class StartMentorshipInput {
  @Field(() => ID, { description: "The IKM to mentor." })
  ikmId!: string;

  @Field(() => ID, { nullable: true, description: "Your foundation or one of its regional centres; default your own. Required for administrators." })
  foundationId?: string | null;

  @Field(() => String, { nullable: true, description: "The mentor (pendamping) assigned, if known." })
  mentorName?: string | null;

  @Field(() => ID, { nullable: true, description: "The sponsor firm (\"ayah angkat\")." })
  sponsorFirmId?: string | null;

  @Field(() => DateScalar, { description: "The day mentoring starts." })
  startedOn!: Date;
}

@InputType({ description: "How and when a mentorship ends." })
export class EndMentorshipInput {
  @Field(() => MentorshipEnd, { description: "GRADUATED or ENDED." })
  status!: MentorshipEnd;

  @Field(() => DateScalar, { description: "The day it ends." })
  endedOn!: Date;
}

@InputType({ description: "An assessment of a mentee: pillar scores, production items and 5R audit items, from which Jalin proposes a stage." })
export class AssessmentInput {
  @Field(() => ID, { description: "The IKM assessed; it must be actively mentored by your foundation or its centres (administrators: any)." })
  ikmId!: string;

  @Field(() => ID, { nullable: true, description: "Which of your foundations records it; default the one mentoring the IKM." })
  foundationId?: string | null;

  @Field(() => DateScalar, { description: "Not in the future." })
  assessedOn!: Date;

  @Field(() => String, { description: "Who assessed, as written on the assessment sheet." })
  assessor!: string;

  @Field(() => PillarScoresInput, { description: "The five pillar scores." })
  pillarScores!: PillarScoresInput;

  @Field(() => ProductionItemScoresInput, { nullable: true, description: "The production pillar's items; null when not scored." })
  itemScores?: ProductionItemScoresInput | null;

  @Field(() => [FiveRItemInput], { nullable: true, description: `Up to ${MATURITY.maxFiveRItems} items.` })
  fiveRItems?: FiveRItemInput[] | null;

  @Field(() => String, { nullable: true, description: "The assessor's notes." })
  notes?: string | null;

  @Field(() => [String], { nullable: true, description: `Links (http or https) to evidence, up to ${MATURITY.maxEvidenceLinks}.` })
  evidenceUrls?: string[] | null;
}

@InputType({
  description: `Stages move one step at a time; a promotion cites an assessment proposing at least the new stage. Skipping a stage, or promoting without such an assessment, needs override and a reason; a demotion needs a reason (at least ${MATURITY.minReasonLength} characters).`,
})
export class ChangeStageInput {
  @Field(() => ID, { description: "The IKM whose stage changes." })
  ikmId!: string;

  @Field(() => MaturityStage, { description: "The new stage." })
  toStage!: MaturityStage;

  @Field(() => Int, { description: "The IKM's stageVersion you based the change on; if it moved meanwhile, the change is refused with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: "Why. Required for a demotion or an override (at least the minimum length); for a promotion it defaults to citing the assessment." })
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: "The assessment the promotion cites: it must propose at least the new stage, be assessed since the IKM's last stage change and within 12 months." })
  assessmentId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Allow skipping a stage or promoting without a qualifying assessment; needs a reason." })
  override?: boolean;
}

@ObjectType({ description: "Mentees in one maturity stage." })
export class StageCount {
  @Field(() => MaturityStage, { description: "The stage." }) stage!: MaturityStage;
  @Field(() => Int, { description: "Active mentees in the stage." }) count!: number;
  @Field(() => Float, { description: "Share of the group, 0 to 1." }) share!: number;
}

@ObjectType({ description: "Active mentees by maturity stage." })
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

  @Field(() => Int, { description: "Active mentees in the group." }) count!: number;
  @Field(() => Float, { description: "Share of all active mentees, 0 to 1." }) share!: number;
  @Field(() => [StageCount], { description: "The group's mentees by stage, every stage in order." }) byStage!: StageCount[];
}

@ObjectType({ description: "How long mentees stay in one stage." })
export class StageStay {
  @Field(() => MaturityStage, { description: "The stage." }) stage!: MaturityStage;
  @Field(() => Float, { nullable: true, description: "Median months between entering and leaving the stage, over completed stays." })
  medianMonths!: number | null;
  @Field(() => Int, { description: "Completed stays in the stage (entered and later left) the median is over." }) completedStays!: number;
  @Field(() => Int, { description: "Active mentees in the stage now." }) current!: number;
}

@ObjectType({ description: "How a foundation's active mentees progress through the stages." })
export class Progression {
  @Field(() => Int, { description: "Active mentees counted." }) mentees!: number;
  @Field(() => [StageStay], { description: "One entry per stage, in order." }) stays!: StageStay[];
  @Field(() => Int, { description: "Mentees promoted at least once within the window." }) promotedInWindow!: number;
  @Field(() => Float, { description: "promotedInWindow over mentees, 0 to 1." }) promotedShare!: number;
  @Field(() => Int, { description: "The window, in months back from now, promotions are counted in." }) windowMonths!: number;
}

@ObjectType({ description: "An active mentee with no assessment within the reassessment period." })
export class DueMentee {
  @Field(() => Ikm, { description: "The mentee." }) ikm!: Ikm;
  @Field(() => DateScalar, { nullable: true, description: "Null when never assessed." }) lastAssessedOn!: Date | null;
}

@ObjectType({ description: "One due mentee in a page, with its cursor." })
export class DueMenteeEdge {
  @Field(() => String, { description: "Opaque position of this edge: pass it as `after` to continue after it." }) cursor!: string;
  @Field(() => DueMentee, { description: "The due mentee." }) node!: DueMentee;
}

@ObjectType({ description: "A page of mentees due for reassessment, never-assessed first, then the longest since their last assessment." })
export class DueMenteeConnection {
  @Field(() => [DueMenteeEdge], { description: "The page's items, each with its cursor." }) edges!: DueMenteeEdge[];
  @Field(() => [DueMentee], { description: "The edges' nodes, for clients that need no cursors." }) nodes!: DueMentee[];
  @Field(() => PageInfo, { description: "Whether more pages follow, and the cursor to ask for the next." }) pageInfo!: PageInfo;
  @Field(() => Int, { description: "Number of due mentees, over all pages." }) totalCount!: number;
}

@ObjectType({ description: "A mentee that meets every requirement of an open need, with its match total." })
export class MenteeMatch {
  @Field(() => Ikm, { description: "The mentee." }) ikm!: Ikm;
  @Field(() => Float, { description: "Match total, 0 to 100." }) total!: number;
}

@ObjectType({ description: "An open need and the foundation's active mentees eligible for it." })
export class OpenNeedMentees {
  @Field(() => ComponentNeed, { description: "The open need." }) need!: ComponentNeed;
  @Field(() => Int, { description: "Active mentees that pass every hard requirement of the need now." }) eligibleMentees!: number;
  @Field(() => [MenteeMatch], { description: `The best ${MATURITY.topMenteesPerNeed}.` }) best!: MenteeMatch[];
}

@ObjectType({ description: "A foundation's dashboard over its active mentees (its regional centres' included). Each field is one database query." })
export class FoundationDashboard {}

@ObjectType({ description: "A newly opened need an IKM is eligible for." })
export class OpportunityAlert {
  @Field(() => ComponentNeed, { description: "The newly opened need." }) need!: ComponentNeed;
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
  @Field(() => ComponentNeed, { description: "The need whose ranking changed." }) need!: ComponentNeed;
  @Field(() => [Ikm], { description: "Suppliers that entered the first places." }) entered!: Ikm[];
  @Field(() => [Ikm], { description: "Suppliers that left them." }) left!: Ikm[];
  @Field(() => [Ikm], { description: "Suppliers still there whose place or total changed." }) moved!: Ikm[];
  @Field(() => DateTimeScalar, { description: "When the change was found." }) changedAt!: Date;
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
