import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { CandidateKind, CandidateStatus } from "../../domain/enums.js";
import { describeValues } from "../../api/common/enums.js";
import { Node } from "../../api/common/relay.js";
import { DateScalar, DateTimeScalar } from "../../api/common/scalars.js";
import { EVENT_ID_DESCRIPTION, RESUME_AFTER_DESCRIPTION } from "../needs/need.types.js";
import { ComponentNeed } from "../needs/need.types.js";
import { Partnership } from "../partnerships/partnership.types.js";

export { CandidateKind, CandidateStatus };

registerEnumType(CandidateKind, {
  name: "CandidateKind",
  description: "Who a shortlist candidate is.",
  valuesConfig: describeValues(CandidateKind, {
    IKM: "One IKM supplies the whole need.",
    CONSORTIUM: "Several IKMs supply it together, each its share (members), led by a koperasi or not.",
  }),
});

registerEnumType(CandidateStatus, {
  name: "CandidateStatus",
  description: "Where a shortlist candidate stands.",
  valuesConfig: describeValues(CandidateStatus, {
    SHORTLISTED: "On the need's shortlist: samples may be asked of it, and it may be awarded.",
    REMOVED: "Taken off the shortlist by the firm before the award (reason says why).",
    AWARDED: "Won the award: a partnership per member was created, PENDING until each member accepts it.",
    NOT_AWARDED: "The need went to another candidate, or was cancelled.",
  }),
});

@ObjectType({ description: "An IKM in a shortlist candidate and the quantity a month it would supply." })
export class ShortlistMember {
  @Field(() => Int, { description: "Units a month this IKM would supply, in the need's unit (all of the need's quantity for an IKM candidate)." })
  quantityPerMonth!: number;
}

@ObjectType({
  implements: Node,
  description:
    "A named candidate on a need's shortlist: one IKM, or a consortium of IKMs with their shares. " +
    "Seen by the need's firm, the candidate's member IKMs (and the foundations mentoring them), and administrators; anyone else gets NOT_FOUND, as for a missing one.",
})
export class ShortlistCandidate extends Node {
  @Field(() => CandidateKind, { description: "IKM or CONSORTIUM." })
  kind!: CandidateKind;

  @Field(() => CandidateStatus, { description: "SHORTLISTED, REMOVED, AWARDED or NOT_AWARDED." })
  status!: CandidateStatus;

  @Field(() => String, { nullable: true, description: "The firm's note on why it is shortlisted." })
  note!: string | null;

  @Field(() => String, { nullable: true, description: "Why it was removed or not awarded." })
  reason!: string | null;

  @Field(() => DateTimeScalar, { description: "When it was shortlisted." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was removed, awarded or passed over." })
  decidedAt!: Date | null;
}

/** What happened to an IKM's candidacy, as candidacyChanged announces it (CANDIDACY_CHANGED's changes). */
export enum CandidacyChange {
  SHORTLISTED = "SHORTLISTED",
  REMOVED = "REMOVED",
  SAMPLE_REQUESTED = "SAMPLE_REQUESTED",
  SAMPLE_APPROVED = "SAMPLE_APPROVED",
  SAMPLE_REJECTED = "SAMPLE_REJECTED",
  AWARDED = "AWARDED",
  NOT_AWARDED = "NOT_AWARDED",
}

registerEnumType(CandidacyChange, {
  name: "CandidacyChange",
  description: "What happened to a candidacy of the IKM.",
  valuesConfig: describeValues(CandidacyChange, {
    SHORTLISTED: "The IKM was shortlisted for a need, alone or in a consortium.",
    REMOVED: "The firm took the candidate off the shortlist (candidate.reason says why).",
    SAMPLE_REQUESTED: "The firm asked the IKM for samples (sampleId names the request).",
    SAMPLE_APPROVED: "The firm approved the IKM's samples (sampleId).",
    SAMPLE_REJECTED: "The firm rejected the IKM's samples, with reasons (sampleId).",
    AWARDED: "The need was awarded to the candidate: the IKM has a PENDING partnership to accept.",
    NOT_AWARDED: "The need went to another candidate, was reopened, or was cancelled (candidate.reason says which).",
  }),
});

@InputType({ description: "A consortium member and its share." })
export class ShortlistMemberInput {
  @Field(() => ID, { description: "The member IKM." })
  ikmId!: string;

  @Field(() => Int, { description: "Units a month it would supply, in the need's unit (above 0); the shares add up to the need's quantityPerMonth." })
  quantityPerMonth!: number;
}

@InputType({ description: "A candidate to shortlist: one IKM (ikmId), or a consortium (members)." })
export class ShortlistCandidateInput {
  @Field(() => ID, { description: "The OPEN or SHORTLISTED need of your firm." })
  needId!: string;

  @Field(() => ID, { nullable: true, description: "One IKM: it has an ACTIVE response to the need, or is an eligible match for it (every hard requirement met)." })
  ikmId?: string | null;

  @Field(() => ID, { nullable: true, description: "The ACTIVE response the candidate is chosen from. Alone, it names the candidate: the IKM that answered, or a koperasi's consortium with the members and shares its response offers. With ikmId it must be that IKM's (linked by itself when left out and there is one)." })
  responseId?: string | null;

  @Field(() => [ShortlistMemberInput], { nullable: true, description: "A consortium: 2 or more distinct IKMs whose shares add up to the need's quantityPerMonth." })
  members?: ShortlistMemberInput[] | null;

  @Field(() => ID, { nullable: true, description: "A consortium's lead koperasi: every member must belong to it." })
  koperasiId?: string | null;

  @Field(() => String, { nullable: true, description: "Why it is shortlisted (at most 4000 characters)." })
  note?: string | null;

  @Field(() => Int, { nullable: true, description: "The need's version you based this on; when it changed meanwhile, CONFLICT. Leave out to skip the check." })
  expectedVersion?: number | null;
}

@InputType({ description: "Awards a SHORTLISTED need to one of its SHORTLISTED candidates." })
export class AwardNeedInput {
  @Field(() => ID, { description: "The SHORTLISTED need of your firm." })
  needId!: string;

  @Field(() => ID, { description: "The SHORTLISTED candidate of that need that wins it." })
  candidateId!: string;

  @Field(() => DateScalar, { nullable: true, description: "First day of the partnerships; the need's startDate when left out." })
  startDate?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "Last day of the partnerships; the need's endDate (the end of its period) when left out." })
  endDate?: Date | null;

  @Field(() => Int, { description: "The need's version you decided on; when it changed meanwhile, CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: "Why this candidate, kept in the need's status history and on the candidate." })
  reason?: string | null;
}

@ObjectType({ description: "What an award did: the need AWARDED, the candidate AWARDED, and one PENDING partnership per member." })
export class AwardResult {
  @Field(() => ComponentNeed, { description: "The need, now AWARDED." })
  need!: object;

  @Field(() => ShortlistCandidate, { description: "The winning candidate, now AWARDED." })
  candidate!: object;

  @Field(() => [Partnership], { description: "One PENDING partnership per member, in IKM id order; each member accepts its own (acceptPartnership)." })
  partnerships!: object[];
}

@ObjectType({ description: "Something happened to one of the IKM's candidacies." })
export class CandidacyEvent {
  @Field(() => ID, { description: EVENT_ID_DESCRIPTION })
  eventId!: string;

  @Field(() => CandidacyChange, { description: "What happened." })
  change!: CandidacyChange;

  @Field(() => ShortlistCandidate, { description: "The candidate as it is now." })
  candidate!: object;

  @Field(() => ComponentNeed, { description: "The need it is a candidate for." })
  need!: object;

  @Field(() => ID, { nullable: true, description: "The sample request concerned, for the SAMPLE_ changes; null otherwise." })
  sampleId!: string | null;
}

@ArgsType()
export class CandidacyChangedArgs {
  @Field(() => ID, { description: "The IKM whose candidacies to follow." })
  ikmId!: string;

  @Field(() => ID, { nullable: true, description: RESUME_AFTER_DESCRIPTION })
  after?: string | null;
}
