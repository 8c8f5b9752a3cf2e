import { Field, Float, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { MATCHING } from "../../core/matching/config.js";
import { MaturityStage, Process, SpecificProcess, describeValues } from "../../api/common/enums.js";
import { Connection } from "../../api/common/relay.js";
import { VocabularySuggestion } from "../vocabulary/vocabulary.types.js";

export enum MatchBand {
  EXCELLENT = "EXCELLENT",
  GOOD = "GOOD",
  FAIR = "FAIR",
  POOR = "POOR",
}
export enum MatchFactor {
  capabilityFit = "capabilityFit",
  capacity = "capacity",
  quality = "quality",
  delivery = "delivery",
  stage = "stage",
  proximity = "proximity",
  cluster = "cluster",
}
export enum Eligibility {
  ELIGIBLE = "ELIGIBLE",
  NEAR_MISS = "NEAR_MISS",
}
export enum RequirementKind {
  PROCESS = "PROCESS",
  CERTIFICATION = "CERTIFICATION",
  STAGE = "STAGE",
  RADIUS = "RADIUS",
  TOLERANCE = "TOLERANCE",
}
export enum GapKind {
  PROCESS = "PROCESS",
  UNCONFIRMED_PROCESS = "UNCONFIRMED_PROCESS",
  CERTIFICATION = "CERTIFICATION",
  STAGE = "STAGE",
  RADIUS = "RADIUS",
  CAPACITY = "CAPACITY",
  MATERIAL = "MATERIAL",
  TOLERANCE = "TOLERANCE",
  REJECT_RATE = "REJECT_RATE",
  TREND = "TREND",
}

const b = MATCHING.bands;
registerEnumType(MatchBand, {
  name: "MatchBand",
  description: `Band of the total score: EXCELLENT >= ${b.excellent}, GOOD >= ${b.good}, FAIR >= ${b.fair}, POOR below.`,
  valuesConfig: describeValues(MatchBand, {
    EXCELLENT: `Total score ${b.excellent} or more.`,
    GOOD: `Total score from ${b.good} to below ${b.excellent}.`,
    FAIR: `Total score from ${b.fair} to below ${b.good}.`,
    POOR: `Total score below ${b.fair}.`,
  }),
});
registerEnumType(MatchFactor, {
  name: "MatchFactor",
  description: "The weighted factors of a match, each scored 0..100.",
  valuesConfig: describeValues(MatchFactor, {
    capabilityFit: "How well the IKM's capabilities for the need's processes cover its materials and hold its tolerance.",
    capacity: "The IKM's monthly capacity for the need's processes against the quantity asked for (100 when it covers all).",
    quality: "Certificates valid on the need's start date, the latest 5R audit and the reject rate.",
    delivery: "On-time rate of the delivery record, smoothed for short records.",
    stage: "The IKM's maturity stage (PEMULA 25 ... MANDIRI 100).",
    proximity: "Distance to where the need wants the part made; applies only when the need names a place or region.",
    cluster: "Backing of a sentra or koperasi that works a process the need asks for.",
  }),
});
registerEnumType(Eligibility, {
  name: "Eligibility",
  description: "ELIGIBLE: meets every hard requirement. NEAR_MISS: misses exactly one and shares a process with the need.",
  valuesConfig: describeValues(Eligibility, {
    ELIGIBLE: "Meets every hard requirement.",
    NEAR_MISS: "Misses exactly one hard requirement and shares at least one process with the need.",
  }),
});
registerEnumType(RequirementKind, {
  name: "RequirementKind",
  description: "Hard requirements: unmet, they exclude the supplier.",
  valuesConfig: describeValues(RequirementKind, {
    PROCESS: "Works every process the need names: each family named alone, and each specific process (confirmed on the capability, or a machine on file does it).",
    CERTIFICATION: "Holds a required certificate valid on the need's start date.",
    STAGE: "Is at or above the need's minimum maturity stage.",
    RADIUS: "Lies within the need's radiusKm of its location (an unknown location fails).",
    TOLERANCE: "Holds the need's tolerance, when the need marks it critical (an unstated tolerance fails).",
  }),
});
registerEnumType(GapKind, {
  name: "GapKind",
  description: "What a supplier lacks: a hard requirement, or a shortfall that costs points.",
  valuesConfig: describeValues(GapKind, {
    PROCESS: "Hard: does not work a process (family or specific process) the need names.",
    UNCONFIRMED_PROCESS: "Hard: works the family of a specific process the need names, but has not confirmed that process (names another or none, and no machine on file does it): the message says what to confirm.",
    CERTIFICATION: "Hard: lacks a required certificate, or it is not valid on the start date.",
    STAGE: "Hard: below the need's minimum stage.",
    RADIUS: "Hard: outside the need's radius, or location unknown.",
    CAPACITY: "Soft: makes less a month than the need asks for (see shortfall).",
    MATERIAL: "Soft: does not work some of the need's materials in these processes.",
    TOLERANCE: `Soft: cannot hold the need's tolerance; more than ${MATCHING.caps.largeToleranceMissRatio}x looser caps the band below EXCELLENT. Hard when the need marks its tolerance critical.`,
    REJECT_RATE: "Soft: its reject rate (delivery record) is above the need's maxRejectPpm; caps the band below EXCELLENT.",
    TREND: `Soft: its delivery record is worsening (rejects or on-time in the last ${MATCHING.recency.recentMonths} months against the months before); caps the band below EXCELLENT: ask for a corrective action.`,
  }),
});

@ObjectType({ description: "One factor of a match: its value, the need's weight for it, and what it adds to the total." })
export class MatchFactorScore {
  @Field(() => MatchFactor, { description: "Which factor." })
  factor!: MatchFactor;

  @Field(() => Float, { description: "0..100." })
  value!: number;

  @Field(() => Float, { description: "Normalised weight for this need; the weights of a need sum to 1." })
  weight!: number;

  @Field(() => Float, { description: "value x weight." })
  contribution!: number;

  @Field(() => Boolean, { description: "False when the factor does not apply to this need (its weight is then 0)." })
  applicable!: boolean;

  @Field(() => String, { description: "The figures behind the value, in words." })
  detail!: string;
}

@ObjectType({ description: "One hard requirement of the need, checked against the supplier." })
export class RequirementCheck {
  @Field(() => RequirementKind, { description: "Which requirement." })
  kind!: RequirementKind;

  @Field(() => Boolean, { description: "True when the supplier meets it." })
  met!: boolean;

  @Field(() => String, { description: "The process, certification type, minimum stage or radius concerned." })
  subject!: string;

  @Field(() => String, { description: "Why it is met or not, in words." })
  message!: string;
}

@ObjectType({ description: "Something the supplier lacks for this need, hard (it excludes) or soft (it costs points)." })
export class MatchGap {
  @Field(() => GapKind, { description: "What is lacking." })
  kind!: GapKind;

  @Field(() => Boolean, { description: "True for a hard requirement the supplier must meet to be eligible." })
  hard!: boolean;

  @Field(() => String, { description: "What is missing: the process, certification, stage, radius, materials or tolerance concerned." })
  subject!: string;

  @Field(() => String, { description: "What is lacking, in words." })
  message!: string;

  @Field(() => Float, { nullable: true, description: "For CAPACITY: how much more per month the need asks for." })
  shortfall!: number | null;
}

@ObjectType({ description: "How well one IKM fits one component need, and why." })
export class SupplierMatch {
  @Field(() => Float, { description: `Total score, 0..100: the sum of the factors' contributions, held at ${MATCHING.caps.ceiling} (below EXCELLENT) when capped.` })
  score!: number;

  @Field(() => MatchBand, { description: "Band of the total score." })
  band!: MatchBand;

  @Field(() => Boolean, { description: "True when a large miss of a soft tolerance, a reject rate above the need's limit, a worsening delivery record, or a required certificate lapsing before the need ends holds the score below EXCELLENT; a gap (TOLERANCE, REJECT_RATE, TREND, or a soft CERTIFICATION naming the date to renew by) names each cause." })
  capped!: boolean;

  @Field(() => Boolean, { description: "True when the supplier meets every hard requirement." })
  eligible!: boolean;

  @Field(() => Boolean, { description: "True when it misses exactly one hard requirement and shares a process with the need." })
  nearMiss!: boolean;

  @Field(() => Float, { nullable: true, description: "Great-circle distance when both places are known." })
  distanceKm!: number | null;

  @Field(() => [MatchFactorScore], { description: "Every factor, in a fixed order: value, weight and contribution." })
  factors!: MatchFactorScore[];

  @Field(() => [RequirementCheck], { description: "Every hard requirement of the need, met or not." })
  requirements!: RequirementCheck[];

  @Field(() => [MatchGap], { description: "What the supplier lacks; empty for a perfect fit." })
  gaps!: MatchGap[];
}

export const SupplierMatchConnection = Connection(SupplierMatch, "SupplierMatch");

@InputType({ description: "Narrows a need's ranked suppliers." })
export class MatchFilterInput {
  @Field(() => Eligibility, { nullable: true, description: "Default ELIGIBLE." })
  eligibility?: Eligibility | null;

  @Field(() => String, { nullable: true, description: "Province (33) or regency (33.10)." })
  regionCode?: string | null;

  @Field(() => [MatchBand], { nullable: true, description: "Only scores in these bands." })
  bands?: MatchBand[] | null;

  @Field(() => [MaturityStage], { nullable: true, description: "Only IKMs at these maturity stages." })
  stages?: MaturityStage[] | null;

  @Field(() => ID, { nullable: true, description: "Only members of this sentra." })
  sentraId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only members of this koperasi." })
  koperasiId?: string | null;
}

@ObjectType({ description: "Factor weights, normalised to sum to 1." })
export class MatchWeights {
  @Field(() => Float, { description: "Weight of capabilityFit." }) capabilityFit!: number;
  @Field(() => Float, { description: "Weight of capacity." }) capacity!: number;
  @Field(() => Float, { description: "Weight of quality." }) quality!: number;
  @Field(() => Float, { description: "Weight of delivery." }) delivery!: number;
  @Field(() => Float, { description: "Weight of stage." }) stage!: number;
  @Field(() => Float, { description: "Weight of proximity (0 when the need names no place or region)." }) proximity!: number;
  @Field(() => Float, { description: "Weight of cluster." }) cluster!: number;
}

@InputType({ description: "A need's own factor weights: non-negative, on top of the defaults, normalised on use." })
export class MatchWeightsInput {
  @Field(() => Float, { nullable: true, description: `Raw weight of capabilityFit, 0 to 1000; null or absent keeps the default ${MATCHING.weights.capabilityFit}.` }) capabilityFit?: number | null;
  @Field(() => Float, { nullable: true, description: `Raw weight of capacity, 0 to 1000; null or absent keeps the default ${MATCHING.weights.capacity}.` }) capacity?: number | null;
  @Field(() => Float, { nullable: true, description: `Raw weight of quality, 0 to 1000; null or absent keeps the default ${MATCHING.weights.quality}.` }) quality?: number | null;
  @Field(() => Float, { nullable: true, description: `Raw weight of delivery, 0 to 1000; null or absent keeps the default ${MATCHING.weights.delivery}.` }) delivery?: number | null;
  @Field(() => Float, { nullable: true, description: `Raw weight of stage, 0 to 1000; null or absent keeps the default ${MATCHING.weights.stage}.` }) stage?: number | null;
  @Field(() => Float, { nullable: true, description: `Raw weight of proximity, 0 to 1000; null or absent keeps the default ${MATCHING.weights.proximity}.` }) proximity?: number | null;
  @Field(() => Float, { nullable: true, description: `Raw weight of cluster, 0 to 1000; null or absent keeps the default ${MATCHING.weights.cluster}.` }) cluster?: number | null;
}

@ObjectType({ description: "A word people use for a process, and the process Jalin files it under." })
export class ProcessTerm {
  @Field(() => String, { description: "The word as written (Indonesian or English), e.g. \"bubut\"." })
  term!: string;

  @Field(() => String, { nullable: true, description: "The Process enum value, or null when the word names no process." })
  process!: string | null;

  @Field(() => SpecificProcess, { nullable: true, description: "The specific process the word names (\"mesin bubut\" -> TURNING, \"cat semprot\" -> SPRAY_PAINTING), or null when it names a family alone or no process." })
  specificProcess!: SpecificProcess | null;

  @Field(() => String, { nullable: true, description: "The material family the word names (e.g. \"kuningan\" -> \"brass\"), or null when it names none." })
  materialFamily!: string | null;

  @Field(() => [VocabularySuggestion], {
    description: "When the word names neither a process nor a material: the known words nearest to it, closest first (\"bubud\" -> bubut (MACHINING_MANUAL)); otherwise empty.",
  })
  suggestions!: VocabularySuggestion[];
}

@ObjectType({ description: "A specific process in the process taxonomy: its family, names, KBLI class and sources." })
export class SpecificProcessInfo {
  @Field(() => SpecificProcess, { description: "The specific process." })
  code!: SpecificProcess;

  @Field(() => Process, { description: "Its family." })
  family!: Process;

  @Field(() => String, { description: "Indonesian name, e.g. \"Lapis krom\"." })
  nameId!: string;

  @Field(() => String, { description: "English name, e.g. \"Chromium plating\"." })
  nameEn!: string;

  @Field(() => String, { nullable: true, description: "KBLI 2020 class (5 digits) a shop doing it registers under, or null where none maps." })
  kbli!: string | null;

  @Field(() => [String], { description: "The classifications and standards that name it, with their dates." })
  sources!: string[];

  @Field(() => [String], { description: "Words (Indonesian and English, shop usage) that name it, as the vocabulary reads them; machine types with these words count as evidence." })
  words!: string[];
}

@ObjectType({ description: "A process family with its specific processes." })
export class ProcessFamily {
  @Field(() => Process, { description: "The family (the Process enum)." })
  process!: Process;

  @Field(() => [SpecificProcessInfo], { description: "Its specific processes; empty for a family with none (e.g. ASSEMBLY, the e-Smart commodities)." })
  specifics!: SpecificProcessInfo[];
}
