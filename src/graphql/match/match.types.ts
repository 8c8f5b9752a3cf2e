import { Field, Float, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { MATCHING } from "../../matching/config.js";
import { MaturityStage } from "../common/enums.js";
import { Connection } from "../common/relay.js";

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
}
export enum GapKind {
  PROCESS = "PROCESS",
  CERTIFICATION = "CERTIFICATION",
  STAGE = "STAGE",
  RADIUS = "RADIUS",
  CAPACITY = "CAPACITY",
  MATERIAL = "MATERIAL",
  TOLERANCE = "TOLERANCE",
}

const b = MATCHING.bands;
registerEnumType(MatchBand, {
  name: "MatchBand",
  description: `Band of the total score: EXCELLENT >= ${b.excellent}, GOOD >= ${b.good}, FAIR >= ${b.fair}, POOR below.`,
});
registerEnumType(MatchFactor, { name: "MatchFactor", description: "The weighted factors of a match, each scored 0..100." });
registerEnumType(Eligibility, {
  name: "Eligibility",
  description: "ELIGIBLE: meets every hard requirement. NEAR_MISS: misses exactly one and shares a process with the need.",
});
registerEnumType(RequirementKind, { name: "RequirementKind", description: "Hard requirements: unmet, they exclude the supplier." });
registerEnumType(GapKind, { name: "GapKind", description: "What a supplier lacks: a hard requirement, or a shortfall that costs points." });

@ObjectType({ description: "One factor of a match: its value, the need's weight for it, and what it adds to the total." })
export class MatchFactorScore {
  @Field(() => MatchFactor)
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

@ObjectType()
export class RequirementCheck {
  @Field(() => RequirementKind)
  kind!: RequirementKind;

  @Field(() => Boolean)
  met!: boolean;

  @Field(() => String, { description: "The process, certification type, minimum stage or radius concerned." })
  subject!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType()
export class MatchGap {
  @Field(() => GapKind)
  kind!: GapKind;

  @Field(() => Boolean, { description: "True for a hard requirement the supplier must meet to be eligible." })
  hard!: boolean;

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  message!: string;

  @Field(() => Float, { nullable: true, description: "For CAPACITY: how much more per month the need asks for." })
  shortfall!: number | null;
}

@ObjectType({ description: "How well one IKM fits one component need, and why." })
export class SupplierMatch {
  @Field(() => Float, { description: "Total score, 0..100: the sum of the factors' contributions." })
  score!: number;

  @Field(() => MatchBand)
  band!: MatchBand;

  @Field(() => Boolean)
  eligible!: boolean;

  @Field(() => Boolean)
  nearMiss!: boolean;

  @Field(() => Float, { nullable: true, description: "Great-circle distance when both places are known." })
  distanceKm!: number | null;

  @Field(() => [MatchFactorScore])
  factors!: MatchFactorScore[];

  @Field(() => [RequirementCheck])
  requirements!: RequirementCheck[];

  @Field(() => [MatchGap])
  gaps!: MatchGap[];
}

export const SupplierMatchConnection = Connection(SupplierMatch, "SupplierMatch");

@InputType()
export class MatchFilterInput {
  @Field(() => Eligibility, { nullable: true, description: "Default ELIGIBLE." })
  eligibility?: Eligibility | null;

  @Field(() => String, { nullable: true, description: "Province (33) or regency (33.10)." })
  regionCode?: string | null;

  @Field(() => [MatchBand], { nullable: true })
  bands?: MatchBand[] | null;

  @Field(() => [MaturityStage], { nullable: true })
  stages?: MaturityStage[] | null;

  @Field(() => ID, { nullable: true, description: "Only members of this sentra." })
  sentraId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only members of this koperasi." })
  koperasiId?: string | null;
}

@ObjectType({ description: "Factor weights, normalised to sum to 1." })
export class MatchWeights {
  @Field(() => Float) capabilityFit!: number;
  @Field(() => Float) capacity!: number;
  @Field(() => Float) quality!: number;
  @Field(() => Float) delivery!: number;
  @Field(() => Float) stage!: number;
  @Field(() => Float) proximity!: number;
  @Field(() => Float) cluster!: number;
}

@InputType({ description: "A need's own factor weights: non-negative, on top of the defaults, normalised on use." })
export class MatchWeightsInput {
  @Field(() => Float, { nullable: true }) capabilityFit?: number | null;
  @Field(() => Float, { nullable: true }) capacity?: number | null;
  @Field(() => Float, { nullable: true }) quality?: number | null;
  @Field(() => Float, { nullable: true }) delivery?: number | null;
  @Field(() => Float, { nullable: true }) stage?: number | null;
  @Field(() => Float, { nullable: true }) proximity?: number | null;
  @Field(() => Float, { nullable: true }) cluster?: number | null;
}

@ObjectType({ description: "A word people use for a process, and the process Jalin files it under." })
export class ProcessTerm {
  @Field(() => String)
  term!: string;

  @Field(() => String, { nullable: true, description: "The Process enum value, or null when the word is unknown." })
  process!: string | null;
}
