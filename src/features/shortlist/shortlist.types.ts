import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { CandidateKind, CandidateStatus } from "../../domain/enums.js";
import { describeValues } from "../../api/common/enums.js";
import { Node } from "../../api/common/relay.js";
import { DateTimeScalar } from "../../api/common/scalars.js";

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
