import { Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ALLOCATION, CONSORTIUM, KUR, MACHINE_RESTRUCTURING } from "../../core/supply/config.js";
import { Process, QuantityUnit, describeValues } from "../../api/common/enums.js";
import { MatchGap, SupplierMatch } from "../matching/match.types.js";

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
  CONFIRM = "CONFIRM",
  MENTORING = "MENTORING",
  OWNED_MACHINE = "OWNED_MACHINE",
  NONE = "NONE",
}
export enum NoConsortiumKind {
  ONE_COVERS = "ONE_COVERS",
  NO_ELIGIBLE = "NO_ELIGIBLE",
  NO_CLUSTER = "NO_CLUSTER",
  TOO_LITTLE_CAPACITY = "TOO_LITTLE_CAPACITY",
  NO_VALID_SPLIT = "NO_VALID_SPLIT",
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

registerEnumType(ClusterKind, {
  name: "ClusterKind",
  description: "A koperasi, a sentra, or a foundation's mentees (with its regional centres').",
  valuesConfig: describeValues(ClusterKind, {
    KOPERASI: "Members of one koperasi (cooperative); it may take the order and split it.",
    SENTRA: "Members of one sentra IKM (industry cluster).",
    FOUNDATION: "Active mentees of one foundation and its regional centres.",
  }),
});
registerEnumType(AllocationMethod, {
  name: "AllocationMethod",
  description: "OPTIMAL: a mixed-integer program solved by HiGHS (greedy's answer when the solver finds nothing better in time). GREEDY: the baseline, best pairs first.",
  valuesConfig: describeValues(AllocationMethod, {
    OPTIMAL: "A mixed-integer program solved by HiGHS within a time limit; greedy's answer where the solver finds nothing better in time.",
    GREEDY: "The baseline: best need-supplier pairs first, each taking what it can.",
  }),
});
registerEnumType(ShortfallReason, {
  name: "ShortfallReason",
  description: "Why units stay uncovered, in the order checked.",
  valuesConfig: describeValues(ShortfallReason, {
    NO_ELIGIBLE_IKM: "Nobody meets the need's hard requirements.",
    NO_FREE_CAPACITY: "Eligible IKMs have less than the minimum share free (committed under partnerships, or capacity stated in another unit).",
    CAPACITY_SHORT: "All eligible IKMs' free capacity together is less than the quantity.",
    CONSORTIUM_RULES: "No consortium within the rules (members, one cluster, minimum share) reaches more.",
    NOT_CONSIDERED: "IKMs beyond the best candidates per need could have covered it.",
    TAKEN_BY_OTHER_NEEDS: "The capacity went to the other needs named (needs).",
    LEFT_UNALLOCATED: "Capacity was there and the method left it (greedy's order, or a solve stopped by its time limit).",
  }),
});
registerEnumType(GapPathKind, {
  name: "GapPathKind",
  description: "How a gap of a match could be closed.",
  valuesConfig: describeValues(GapPathKind, {
    SHARED_FACILITY: "A shared facility of the IKM's koperasi or sentra offers the process (reachable, not its own).",
    MACHINE: "Buy the machine the process needs, with machine restructuring and KUR financing when a price is given.",
    CERTIFY: "Obtain the certificate, valid when supply starts.",
    CONFIRM: "For an UNCONFIRMED_PROCESS gap: name the specific process on the family's capability, or record the machine that does it (process is the family).",
    MENTORING: "Reach the stage through mentoring and a new assessment.",
    OWNED_MACHINE: "The IKM owns the kind of machine this gap would call for already (machine names them): what closes the gap instead, in words. A machine it owns is never proposed.",
    NONE: "No programme closes it (distance: it depends on where the IKM works).",
  }),
});
registerEnumType(NoConsortiumKind, {
  name: "NoConsortiumKind",
  description: "Why consortia proposes nothing: the first of its rules, in this order, that leaves no proposal.",
  valuesConfig: describeValues(NoConsortiumKind, {
    ONE_COVERS: "An eligible IKM's free capacity covers the need alone (singleSuppliers): consortia are proposed only when none can.",
    NO_ELIGIBLE: "No IKM meets every hard requirement of the need.",
    NO_CLUSTER: `No koperasi, sentra or foundation has two or more eligible members each with at least the minimum share (${CONSORTIUM.minShare * 100}% of the quantity) free.`,
    TOO_LITTLE_CAPACITY: `The eligible members' free capacity (stated less what ACTIVE partnerships and awards' PENDING ones hold) adds up to less than the quantity in every cluster, counting up to ${CONSORTIUM.maxMembers} members.`,
    NO_VALID_SPLIT: `Capacity would suffice, but no member set of one cluster splits the quantity within the rules (at most ${CONSORTIUM.maxMembers} members, each at least the minimum share).`,
  }),
});
registerEnumType(MachineOrigin, {
  name: "MachineOrigin",
  description: "Where a machine is made: the restructuring discount differs.",
  valuesConfig: describeValues(MachineOrigin, {
    DOMESTIC: `Made in Indonesia: ${MACHINE_RESTRUCTURING.domesticDiscount * 100}% reimbursed.`,
    IMPORTED: `Imported: ${MACHINE_RESTRUCTURING.importedDiscount * 100}% reimbursed.`,
  }),
});
registerEnumType(KurBandName, {
  name: "KurBandName",
  description: "KUR (Kredit Usaha Rakyat) bands by loan amount.",
  valuesConfig: describeValues(KurBandName, {
    SUPER_MICRO: "KUR super-micro: the smallest loans, lowest rate.",
    MICRO: "KUR micro.",
    SMALL: "KUR small: the largest loans.",
  }),
});

@ObjectType({ description: "The cluster a consortium's members share. Exactly one of koperasi, sentra and foundation is set, as kind says." })
export class SupplyCluster {
  @Field(() => ClusterKind, { description: "Which kind of cluster; the field of that name is set." })
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

@ObjectType({ description: "The cost of coordinating a consortium's members." })
export class Coordination {
  @Field(() => Int, { description: "Members in the consortium." })
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
  @Field(() => SupplyCluster, { description: "The cluster all members belong to." })
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
  @Field(() => Coordination, { description: "What coordinating the members costs in points." })
  coordination!: Coordination;
  @Field(() => Float, { description: "combinedScore - coordination.cost: the order proposals come in." })
  rank!: number;
  @Field(() => Boolean, { description: "True when the search proved no other member set of this cluster ranks higher." })
  optimal!: boolean;
}

@ObjectType({ description: "An eligible IKM with enough free capacity to cover the need alone." })
export class SingleSupplier {
  ikmId!: string;
  @Field(() => Int, { description: "Units a month it can still take for the need." })
  freeCapacity!: number;
}

@ObjectType({ description: "Why consortia proposes nothing for a need." })
export class NoConsortiumReason {
  @Field(() => NoConsortiumKind, { description: "Which rule left no proposal." })
  kind!: NoConsortiumKind;
  @Field(() => String, { description: "The reason in words, with the figures (e.g. \"the eligible members' free capacity adds up to 9,000 of 12,000 PCS a month at most\"); never names another buyer." })
  message!: string;
}

@ObjectType({ description: "Consortium proposals for a need, or why there are none." })
export class ConsortiumProposals {
  needId!: string;
  @Field(() => Int, { description: "IKMs that meet every hard requirement of the need (for a koperasi's manager: its members that do)." })
  eligibleSuppliers!: number;
  @Field(() => [SingleSupplier], { description: "Eligible IKMs (for a koperasi's manager: its members) with the free capacity to cover the need alone: when there are any, no consortium is proposed." })
  singleSuppliers!: SingleSupplier[];
  @Field(() => [ConsortiumProposal], { description: `At most ${CONSORTIUM.proposals}, best rank first; one per cluster, each member set once.` })
  proposals!: ConsortiumProposal[];
  @Field(() => NoConsortiumReason, { nullable: true, description: "Why proposals is empty (kind and words); null when there is a proposal." })
  reason!: NoConsortiumReason | null;
}

@ObjectType({ description: "Units a need gets from one IKM." })
export class AllocationAssignment {
  ikmId!: string;
  @Field(() => Int, { description: "Units a month, in the need's unit." })
  units!: number;
  @Field(() => Float, { description: "The IKM's match score for the need." })
  score!: number;
}

@ObjectType({ description: "Units of a need left uncovered, and why." })
export class AllocationShortfall {
  @Field(() => ShortfallReason, { description: "Why these units stay uncovered." })
  reason!: ShortfallReason;
  @Field(() => Int, { description: "Units a month left uncovered for this reason, in the need's unit." })
  units!: number;
  @Field(() => String, { description: "The reason in words, with the figures." })
  message!: string;
  /** For TAKEN_BY_OTHER_NEEDS: the needs, among those allocated, that took the capacity. */
  needIds!: string[];
}

@ObjectType({ description: "What one need got." })
export class NeedAllocation {
  needId!: string;
  @Field(() => Int, { description: "The need's quantity a month." })
  quantity!: number;
  @Field(() => QuantityUnit, { description: "The need's unit." })
  unit!: QuantityUnit;
  @Field(() => [AllocationAssignment], { description: "Most units first. Two or more make a consortium of one cluster." })
  assignments!: AllocationAssignment[];
  @Field(() => SupplyCluster, { nullable: true, description: "For a consortium: the cluster its members share (a koperasi first)." })
  cluster!: SupplyCluster | null;
  @Field(() => Int, { description: "Units a month assigned, in the need's unit." })
  covered!: number;
  @Field(() => Int, { description: "quantity - covered." })
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
  @Field(() => Process, { description: "The process." })
  process!: Process;
  @Field(() => QuantityUnit, { description: "Unit the capacity is stated in." })
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
  @Field(() => [IkmLoad], { description: "Per IKM and process the allocation uses: its free capacity before, and what the allocation gives." })
  loads!: IkmLoad[];
}

@ObjectType({ description: `Machine restructuring (restrukturisasi mesin): ${MACHINE_RESTRUCTURING.domesticDiscount * 100}% of a domestic machine, ${MACHINE_RESTRUCTURING.importedDiscount * 100}% of an imported one, reimbursed within a per-company floor and cap.` })
export class MachineRestructuring {
  @Field(() => Float, { description: `Share of the price reimbursed, 0 to 1: ${MACHINE_RESTRUCTURING.domesticDiscount} for a domestic machine, ${MACHINE_RESTRUCTURING.importedDiscount} for an imported one.` })
  discountRate!: number;
  @Field(() => Float, { description: "What the programme pays back, rupiah (0 below the floor or once the cap is used up)." })
  reimbursementIdr!: number;
  @Field(() => Float, { description: "What the IKM pays in the end, rupiah." })
  netCostIdr!: number;
  @Field(() => Boolean, { description: "True when the per-company cap cut the reimbursement." })
  capped!: boolean;
  @Field(() => Boolean, { description: `True when the reimbursement would be under the per-company floor (Rp${MACHINE_RESTRUCTURING.minPerCompanyIdr.toLocaleString("en")}), so nothing is paid.` })
  belowMinimum!: boolean;
  @Field(() => Boolean, { description: "The IKM pays first and is reimbursed after a verifier's visit." })
  paidAfterVerification!: boolean;
  @Field(() => String, { description: "Where the programme figures come from." })
  source!: string;
  @Field(() => String, { description: "When the figures were valid." })
  asOf!: string;
}

@ObjectType({ description: `A KUR band (${KUR.asOf}): loan amounts and yearly interest.` })
export class KurBand {
  @Field(() => KurBandName, { description: "Which band." })
  name!: KurBandName;
  @Field(() => Float, { description: "Smallest loan in the band, rupiah." })
  minIdr!: number;
  @Field(() => Float, { description: "Largest loan in the band, rupiah." })
  maxIdr!: number;
  @Field(() => Float, { description: "Lowest yearly interest rate, percent." })
  rateMinPct!: number;
  @Field(() => Float, { description: "Highest yearly interest rate, percent." })
  rateMaxPct!: number;
  @Field(() => String, { description: "Where the figures come from." })
  source!: string;
  @Field(() => String, { description: "When the figures were valid." })
  asOf!: string;
}

@ObjectType({ description: "A shared production facility (factory sharing) of a koperasi or sentra." })
export class SharedFacility {
  @Field(() => String, { description: "The facility's name." })
  name!: string;
  @Field(() => SupplyCluster, { description: "The koperasi or sentra that runs it." })
  cluster!: SupplyCluster;
  @Field(() => [Process], { description: "Processes it offers." })
  processes!: Process[];
  @Field(() => Int, { nullable: true, description: "Units a month members can book, when stated." })
  monthlyCapacity!: number | null;
  @Field(() => QuantityUnit, { nullable: true, description: "Unit of monthlyCapacity; null when no capacity is stated." })
  capacityUnit!: QuantityUnit | null;
}

@ObjectType({ description: "One way to close one gap, and what helps pay for it." })
export class GapPath {
  @Field(() => GapPathKind, { description: "What kind of path." })
  kind!: GapPathKind;
  @Field(() => MatchGap, { description: "The gap this path closes." })
  gap!: MatchGap;
  @Field(() => String, { description: "What to do, in words." })
  message!: string;
  @Field(() => Process, { nullable: true, description: "The process family concerned (SHARED_FACILITY, MACHINE, OWNED_MACHINE and CONFIRM); null otherwise." })
  process!: Process | null;
  @Field(() => String, { nullable: true, description: "MACHINE: the machine the process (or the specific process the gap names) needs; OWNED_MACHINE: the IKM's own machines of that kind." })
  machine!: string | null;
  @Field(() => Float, { nullable: true, description: "MACHINE: the price given, rupiah." })
  priceIdr!: number | null;
  @Field(() => MachineOrigin, { nullable: true, description: "MACHINE: where the priced machine is made; null without a price." })
  origin!: MachineOrigin | null;
  @Field(() => MachineRestructuring, { nullable: true, description: "MACHINE, with a price: the reimbursement and net cost." })
  restructuring!: MachineRestructuring | null;
  @Field(() => KurBand, { nullable: true, description: "MACHINE, with a price: the KUR band for the full price (the IKM pays first and is reimbursed later); null above the largest band." })
  financing!: KurBand | null;
  @Field(() => SharedFacility, { nullable: true, description: "SHARED_FACILITY: reachable capability, not the IKM's own." })
  facility!: SharedFacility | null;
  @Field(() => String, { nullable: true, description: "Where the programme figures come from." })
  source!: string | null;
  @Field(() => String, { nullable: true, description: "When the programme figures were valid." })
  asOf!: string | null;
}

@ObjectType({ description: "The ways to close each gap of one IKM's match to one need." })
export class GapPaths {
  @Field(() => SupplierMatch, { description: "The match, with its gaps." })
  match!: SupplierMatch;
  @Field(() => [GapPath], { description: "In the order of the match's gaps." })
  paths!: GapPath[];
}

@InputType({ description: "The price of a machine the IKM has in mind for a process." })
export class MachinePriceInput {
  @Field(() => Process, { description: "The process the machine is for." })
  process!: Process;
  @Field(() => Float, { description: "Rupiah, whole." })
  priceIdr!: number;
  @Field(() => MachineOrigin, { description: "Where the machine is made." })
  origin!: MachineOrigin;
}
