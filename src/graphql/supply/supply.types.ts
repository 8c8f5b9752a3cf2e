import { Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ALLOCATION, CONSORTIUM, KUR, MACHINE_RESTRUCTURING } from "../../supply/config.js";
import { Process, QuantityUnit } from "../common/enums.js";
import { MatchGap, SupplierMatch } from "../match/match.types.js";

export enum ClusterKind {
  KOPERASI = "KOPERASI",
  SENTRA = "SENTRA",
  FOUNDATION = "FOUNDATION",
}
export enum AllocationMethod {
  OPTIMAL = "OPTIMAL",
  GREEDY = "GREEDY",
}
export enum ShortfallReason {
  NO_ELIGIBLE_IKM = "NO_ELIGIBLE_IKM",
  NO_FREE_CAPACITY = "NO_FREE_CAPACITY",
  CAPACITY_SHORT = "CAPACITY_SHORT",
  CONSORTIUM_RULES = "CONSORTIUM_RULES",
  NOT_CONSIDERED = "NOT_CONSIDERED",
  TAKEN_BY_OTHER_NEEDS = "TAKEN_BY_OTHER_NEEDS",
  LEFT_UNALLOCATED = "LEFT_UNALLOCATED",
}
export enum GapPathKind {
  SHARED_FACILITY = "SHARED_FACILITY",
  MACHINE = "MACHINE",
  CERTIFY = "CERTIFY",
  MENTORING = "MENTORING",
  NONE = "NONE",
}
export enum MachineOrigin {
  DOMESTIC = "DOMESTIC",
  IMPORTED = "IMPORTED",
}
export enum KurBandName {
  SUPER_MICRO = "SUPER_MICRO",
  MICRO = "MICRO",
  SMALL = "SMALL",
}

registerEnumType(ClusterKind, { name: "ClusterKind", description: "A koperasi, a sentra, or a foundation's mentees (with its regional centres')." });
registerEnumType(AllocationMethod, {
  name: "AllocationMethod",
  description: "OPTIMAL: a mixed-integer program solved by HiGHS (greedy's answer when the solver finds nothing better in time). GREEDY: the baseline, best pairs first.",
});
registerEnumType(ShortfallReason, {
  name: "ShortfallReason",
  description:
    "Why units stay uncovered, in the order checked. NO_ELIGIBLE_IKM: nobody meets the hard requirements. NO_FREE_CAPACITY: eligible IKMs have " +
    "less than the minimum share free (committed under partnerships, or stated in another unit). CAPACITY_SHORT: all eligible IKMs' free capacity " +
    "together is less. CONSORTIUM_RULES: no consortium within the rules (members, one cluster, minimum share) reaches more. NOT_CONSIDERED: IKMs " +
    "beyond the best candidates per need could have. TAKEN_BY_OTHER_NEEDS: the capacity went to the needs named. LEFT_UNALLOCATED: capacity was " +
    "there and the method left it (greedy's order, or a solve stopped by its time limit).",
});
registerEnumType(GapPathKind, {
  name: "GapPathKind",
  description: "SHARED_FACILITY: a shared facility of the IKM's koperasi or sentra offers the process (reachable, not its own). MACHINE: the machine to buy, with machine restructuring and KUR. CERTIFY, MENTORING: what closes a certificate or stage gap. NONE: no programme closes it (distance).",
});
registerEnumType(MachineOrigin, { name: "MachineOrigin", description: "Where a machine is made: the restructuring discount differs." });
registerEnumType(KurBandName, { name: "KurBandName", description: "KUR (Kredit Usaha Rakyat) bands by loan amount." });

@ObjectType({ description: "The cluster a consortium's members share. Exactly one of koperasi, sentra and foundation is set, as kind says." })
export class SupplyCluster {
  @Field(() => ClusterKind)
  kind!: ClusterKind;
  /** The cluster's uuid; the field resolvers load it. */
  id!: string;
}

@ObjectType({ description: "One member of a consortium." })
export class ConsortiumMember {
  ikmId!: string;
  @Field(() => Int, { description: "Whole units a month it makes, in the need's unit; never above freeCapacity." })
  share!: number;
  @Field(() => Float, {
    description: "Its match score for the need (0..100), with the capacity factor measured against a share it can make: the split answers the capacity question.",
  })
  score!: number;
  @Field(() => Int, { description: "Units a month it can still take for the need: its capacity less what partnerships already commit." })
  freeCapacity!: number;
}

@ObjectType()
export class Coordination {
  @Field(() => Int)
  members!: number;
  @Field(() => Float, { nullable: true, description: "Largest distance between two members, km; null when fewer than two have coordinates." })
  spreadKm!: number | null;
  @Field(() => Float, {
    description: `Points off the combined score: ${CONSORTIUM.coordination.perMember} per member beyond the first, plus ${CONSORTIUM.coordination.perKmSpread} per km of spread (at most ${CONSORTIUM.coordination.maxSpreadPenalty}).`,
  })
  cost!: number;
}

@ObjectType({ description: "Members of one cluster who together cover a need's monthly quantity." })
export class ConsortiumProposal {
  @Field(() => SupplyCluster)
  cluster!: SupplyCluster;
  @Field(() => Boolean, { description: "A koperasi takes the order and splits it as the members say; otherwise the buyer orders each share from its member." })
  koperasiLed!: boolean;
  @Field(() => [ConsortiumMember], { description: "Best score first; the shares sum to the need's quantity." })
  members!: ConsortiumMember[];
  @Field(() => Int, { description: "Sum of the shares: the need's quantityPerMonth." })
  covered!: number;
  @Field(() => Float, { description: "The members' scores weighted by their shares (0..100)." })
  combinedScore!: number;
  @Field(() => ConsortiumMember, { description: "The member with the lowest score: the link a buyer audits first." })
  weakest!: ConsortiumMember;
  @Field(() => Coordination)
  coordination!: Coordination;
  @Field(() => Float, { description: "combinedScore - coordination.cost: the order proposals come in." })
  rank!: number;
  @Field(() => Boolean, { description: "True when the search proved no other member set of this cluster ranks higher." })
  optimal!: boolean;
}

@ObjectType()
export class SingleSupplier {
  ikmId!: string;
  @Field(() => Int, { description: "Units a month it can still take for the need." })
  freeCapacity!: number;
}

@ObjectType({ description: "Consortium proposals for a need, or why there are none." })
export class ConsortiumProposals {
  needId!: string;
  @Field(() => Int, { description: "IKMs that meet every hard requirement of the need." })
  eligibleSuppliers!: number;
  @Field(() => [SingleSupplier], { description: "Eligible IKMs with the free capacity to cover the need alone: when there are any, no consortium is proposed." })
  singleSuppliers!: SingleSupplier[];
  @Field(() => [ConsortiumProposal], { description: `At most ${CONSORTIUM.proposals}, best rank first; one per cluster, each member set once.` })
  proposals!: ConsortiumProposal[];
}

@ObjectType()
export class AllocationAssignment {
  ikmId!: string;
  @Field(() => Int, { description: "Units a month, in the need's unit." })
  units!: number;
  @Field(() => Float, { description: "The IKM's match score for the need." })
  score!: number;
}

@ObjectType()
export class AllocationShortfall {
  @Field(() => ShortfallReason)
  reason!: ShortfallReason;
  @Field(() => Int)
  units!: number;
  @Field(() => String)
  message!: string;
  /** For TAKEN_BY_OTHER_NEEDS: the needs, among those allocated, that took the capacity. */
  needIds!: string[];
}

@ObjectType({ description: "What one need got." })
export class NeedAllocation {
  needId!: string;
  @Field(() => Int)
  quantity!: number;
  @Field(() => QuantityUnit)
  unit!: QuantityUnit;
  @Field(() => [AllocationAssignment], { description: "Most units first. Two or more make a consortium of one cluster." })
  assignments!: AllocationAssignment[];
  @Field(() => SupplyCluster, { nullable: true, description: "For a consortium: the cluster its members share (a koperasi first)." })
  cluster!: SupplyCluster | null;
  @Field(() => Int)
  covered!: number;
  @Field(() => Int)
  uncovered!: number;
  @Field(() => Float, { description: "Sum of score x units / quantity: 0..100." })
  scoreCoverage!: number;
  @Field(() => Int, { description: "IKMs that meet every hard requirement." })
  eligibleIkms!: number;
  @Field(() => Int, { description: `Eligible IKMs that entered the model: able to take the minimum share, at most ${ALLOCATION.candidatesPerNeed}.` })
  candidates!: number;
  @Field(() => [AllocationShortfall], { description: "Why the uncovered units are uncovered; their units sum to uncovered." })
  shortfalls!: AllocationShortfall[];
}

@ObjectType({ description: "One IKM's capacity in one process after the allocation." })
export class IkmLoad {
  ikmId!: string;
  @Field(() => Process)
  process!: Process;
  @Field(() => QuantityUnit)
  unit!: QuantityUnit;
  @Field(() => Int, { description: "Free before the allocation: capacity less partnerships." })
  free!: number;
  @Field(() => Int, { description: "Given by this allocation; never above free." })
  allocated!: number;
}

@ObjectType({ description: "Several needs assigned at once within the IKMs' free capacity. A proposal: nothing is committed." })
export class Allocation {
  @Field(() => AllocationMethod, { description: "The method whose answer this is (OPTIMAL may fall back to greedy's, see status)." })
  method!: AllocationMethod;
  @Field(() => String, { description: 'The solver\'s status ("Optimal", "Time limit reached", ...), or "Greedy" (with the reason when the solver\'s answer was not used).' })
  status!: string;
  @Field(() => Boolean, {
    description: "True when the solver proved this answer best: every group of needs solved to optimality, and rounding to whole units lost nothing. Always false for greedy.",
  })
  provenOptimal!: boolean;
  @Field(() => Int, { description: "Groups of needs (sharing no IKM) the time limit left unsolved; they carry greedy's answer." })
  unsolvedGroups!: number;
  @Field(() => Float, { description: `Per need: ${ALLOCATION.coverageReward} x share covered + score-weighted coverage - coordination per extra member; summed.` })
  objective!: number;
  @Field(() => Float, { description: "Sum of the needs' scoreCoverage." })
  totalScore!: number;
  @Field(() => Float, { description: "Mean over needs of covered / quantity, 0..1." })
  coverage!: number;
  @Field(() => [NeedAllocation], { description: "In the order the needs were given." })
  needs!: NeedAllocation[];
  @Field(() => [IkmLoad])
  loads!: IkmLoad[];
}

@ObjectType({ description: `Machine restructuring (restrukturisasi mesin): ${MACHINE_RESTRUCTURING.domesticDiscount * 100}% of a domestic machine, ${MACHINE_RESTRUCTURING.importedDiscount * 100}% of an imported one, reimbursed within a per-company floor and cap.` })
export class MachineRestructuring {
  @Field(() => Float)
  discountRate!: number;
  @Field(() => Float, { description: "What the programme pays back, rupiah (0 below the floor or once the cap is used up)." })
  reimbursementIdr!: number;
  @Field(() => Float, { description: "What the IKM pays in the end, rupiah." })
  netCostIdr!: number;
  @Field(() => Boolean)
  capped!: boolean;
  @Field(() => Boolean)
  belowMinimum!: boolean;
  @Field(() => Boolean, { description: "The IKM pays first and is reimbursed after a verifier's visit." })
  paidAfterVerification!: boolean;
  @Field(() => String)
  source!: string;
  @Field(() => String, { description: "When the figures were valid." })
  asOf!: string;
}

@ObjectType({ description: `A KUR band (${KUR.asOf}): loan amounts and yearly interest.` })
export class KurBand {
  @Field(() => KurBandName)
  name!: KurBandName;
  @Field(() => Float)
  minIdr!: number;
  @Field(() => Float)
  maxIdr!: number;
  @Field(() => Float)
  rateMinPct!: number;
  @Field(() => Float)
  rateMaxPct!: number;
  @Field(() => String)
  source!: string;
  @Field(() => String)
  asOf!: string;
}

@ObjectType({ description: "A shared production facility (factory sharing) of a koperasi or sentra." })
export class SharedFacility {
  @Field(() => String)
  name!: string;
  @Field(() => SupplyCluster)
  cluster!: SupplyCluster;
  @Field(() => [Process])
  processes!: Process[];
  @Field(() => Int, { nullable: true, description: "Units a month members can book, when stated." })
  monthlyCapacity!: number | null;
  @Field(() => QuantityUnit, { nullable: true })
  capacityUnit!: QuantityUnit | null;
}

@ObjectType({ description: "One way to close one gap, and what helps pay for it." })
export class GapPath {
  @Field(() => GapPathKind)
  kind!: GapPathKind;
  @Field(() => MatchGap)
  gap!: MatchGap;
  @Field(() => String, { description: "What to do, in words." })
  message!: string;
  @Field(() => Process, { nullable: true })
  process!: Process | null;
  @Field(() => String, { nullable: true, description: "MACHINE: the machine the process needs." })
  machine!: string | null;
  @Field(() => Float, { nullable: true, description: "MACHINE: the price given, rupiah." })
  priceIdr!: number | null;
  @Field(() => MachineOrigin, { nullable: true })
  origin!: MachineOrigin | null;
  @Field(() => MachineRestructuring, { nullable: true, description: "MACHINE, with a price: the reimbursement and net cost." })
  restructuring!: MachineRestructuring | null;
  @Field(() => KurBand, { nullable: true, description: "MACHINE, with a price: the KUR band for the net cost (null above the largest band)." })
  financing!: KurBand | null;
  @Field(() => SharedFacility, { nullable: true, description: "SHARED_FACILITY: reachable capability, not the IKM's own." })
  facility!: SharedFacility | null;
  @Field(() => String, { nullable: true, description: "Where the programme figures come from." })
  source!: string | null;
  @Field(() => String, { nullable: true })
  asOf!: string | null;
}

@ObjectType()
export class GapPaths {
  @Field(() => SupplierMatch)
  match!: SupplierMatch;
  @Field(() => [GapPath], { description: "In the order of the match's gaps." })
  paths!: GapPath[];
}

@InputType({ description: "The price of a machine the IKM has in mind for a process." })
export class MachinePriceInput {
  @Field(() => Process)
  process!: Process;
  @Field(() => Float, { description: "Rupiah, whole." })
  priceIdr!: number;
  @Field(() => MachineOrigin)
  origin!: MachineOrigin;
}
