import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { SampleStatus } from "../../domain/enums.js";
import { describeValues } from "../../api/common/enums.js";
import { Node } from "../../api/common/relay.js";
import { DateScalar, DateTimeScalar } from "../../api/common/scalars.js";
import { SAMPLES } from "./sample.config.js";

export { SampleStatus };

registerEnumType(SampleStatus, {
  name: "SampleStatus",
  description: "A sample request's life: REQUESTED -> SUBMITTED -> APPROVED or REJECTED; CANCELLED from REQUESTED or SUBMITTED.",
  valuesConfig: describeValues(SampleStatus, {
    REQUESTED: "Asked of the IKM; it sends the samples and their documents with submitSample.",
    SUBMITTED: "Sent by the IKM; the firm approves or rejects it with decideSample.",
    APPROVED: "The firm accepted the samples: every required checklist item was accepted.",
    REJECTED: "The firm refused the samples, with its reasons; it may ask the candidate again with requestSamples.",
    CANCELLED: "Called off by the firm before a decision (decisionReason says why).",
  }),
});

@ObjectType({ description: "One element of the checklist catalogue (sampleChecklist)." })
export class ChecklistElement {
  @Field(() => String, { description: "Stable code to name in requestSamples' checklist, e.g. \"PPAP-09 DIMENSIONAL_RESULTS\"." })
  code!: string;

  @Field(() => String, { description: "The element's name, in English (AIAG's)." })
  title!: string;

  @Field(() => String, { description: "The element's name, in Indonesian." })
  titleId!: string;

  @Field(() => Boolean, { description: "True when it is in Jalin's default selection (asked when a request names no checklist)." })
  inDefault!: boolean;
}

@ObjectType({ description: "The checklist a firm picks sample documents from, with its source, Jalin's default selection and the bounds of a request." })
export class SampleChecklistCatalogue {
  @Field(() => String, { description: "Where the elements come from: AIAG's PPAP manual, 4th edition (2006)." })
  source!: string;

  @Field(() => [ChecklistElement], { description: "The 18 PPAP elements, in AIAG's order." })
  elements!: ChecklistElement[];

  @Field(() => [String], { description: "Jalin's default selection for a small first-tier IKM (not AIAG's): asked when a request names neither checklist nor customItems." })
  defaultCodes!: string[];

  @Field(() => Int, { description: "Most pieces one request asks of each IKM." })
  maxPieces!: number;

  @Field(() => Int, { description: "A due date is at most this many days ahead." })
  maxDueDays!: number;

  @Field(() => Int, { description: "Most checklist items in one request (catalogue and custom together)." })
  maxItems!: number;
}

@ObjectType({ description: "One item of a sample's checklist: the IKM's document for it and the firm's verdict." })
export class SampleChecklistItem {
  @Field(() => String, { description: "The item's code: a catalogue code, or the firm's own." })
  code!: string;

  @Field(() => String, { description: "What is asked." })
  title!: string;

  @Field(() => Boolean, { description: "True when the sample cannot be submitted without a document for it, nor approved without accepting it." })
  required!: boolean;

  @Field(() => String, { nullable: true, description: "The IKM's document (an https link); null until submitted." })
  documentUrl!: string | null;

  @Field(() => Boolean, { nullable: true, description: "The firm's verdict on this item; null until decided (or not judged)." })
  accepted!: boolean | null;

  @Field(() => String, { nullable: true, description: "The firm's remark on this item." })
  remark!: string | null;
}

@ObjectType({
  implements: Node,
  description:
    "Samples a firm asked of one IKM of a shortlist candidate: pieces, a due date and a checklist; sent by the IKM, approved or rejected by the firm. " +
    "Seen by the need's firm, the IKM's members, foundations actively mentoring the IKM, and administrators; anyone else gets NOT_FOUND, as for a missing one.",
})
export class SampleRequest extends Node {
  @Field(() => SampleStatus, { description: "REQUESTED, SUBMITTED, APPROVED, REJECTED or CANCELLED." })
  status!: SampleStatus;

  @Field(() => Int, { description: "Pieces to send." })
  pieces!: number;

  @Field(() => DateScalar, { description: "The day the samples are due." })
  dueDate!: Date;

  @Field(() => String, { description: "Where the checklist comes from, e.g. AIAG's PPAP manual or the firm's own." })
  checklistSource!: string;

  @Field(() => String, { nullable: true, description: "The firm's instructions (packing, marking, where to send)." })
  instructions!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the IKM submitted it." })
  submittedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The IKM's note with its submission." })
  submissionNote!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the firm approved, rejected or cancelled it." })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The firm's reasons for its decision, or for calling the request off." })
  decisionReason!: string | null;

  @Field(() => Int, { description: "Bumped by every change; pass it as expectedVersion to submitSample, decideSample and cancelSampleRequest." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When it was asked." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When it last changed." })
  updatedAt!: Date;
}

@InputType({ description: "A checklist item of the firm's own, beside the catalogue's." })
export class CustomChecklistItemInput {
  @Field(() => String, { description: `Its code: capitals, digits, spaces, - and _ (at most ${SAMPLES.maxCodeLength}), not a catalogue code, e.g. SALT_SPRAY_TEST.` })
  code!: string;

  @Field(() => String, { description: `What is asked (at most ${SAMPLES.maxTitleLength} characters).` })
  title!: string;

  @Field(() => Boolean, { nullable: true, description: "Whether a document for it is needed to submit, and its acceptance to approve (default true)." })
  required?: boolean | null;
}

@InputType({ description: "Samples asked of every member IKM of a shortlisted candidate." })
export class RequestSamplesInput {
  @Field(() => ID, { description: "The SHORTLISTED candidate (its need SHORTLISTED too)." })
  candidateId!: string;

  @Field(() => Int, { description: `Pieces each IKM sends (1 to ${SAMPLES.maxPieces}).` })
  pieces!: number;

  @Field(() => DateScalar, { description: `The day they are due: today or later, at most ${SAMPLES.maxDueDays} days ahead.` })
  dueDate!: Date;

  @Field(() => [String], { nullable: true, description: "Catalogue codes (sampleChecklist), each once; leave checklist and customItems out for Jalin's default selection." })
  checklist?: string[] | null;

  @Field(() => [CustomChecklistItemInput], { nullable: true, description: `Items of the firm's own (at most ${SAMPLES.maxItems} items in all); they need checklistSource.` })
  customItems?: CustomChecklistItemInput[] | null;

  @Field(() => String, { nullable: true, description: "Where the checklist comes from; defaults to the catalogue's source, and is required with customItems." })
  checklistSource?: string | null;

  @Field(() => String, { nullable: true, description: `Instructions to the IKM (at most ${SAMPLES.maxTextLength} characters).` })
  instructions?: string | null;
}

@InputType({ description: "The IKM's document for one checklist item." })
export class SampleItemDocumentInput {
  @Field(() => String, { description: "The item's code, as the sample's checklist gives it." })
  code!: string;

  @Field(() => String, { description: "A link to the report or certificate, https only." })
  documentUrl!: string;
}

@InputType({ description: "The IKM's submission of a REQUESTED sample." })
export class SubmitSampleInput {
  @Field(() => String, { nullable: true, description: `A note to the firm (at most ${SAMPLES.maxTextLength} characters).` })
  note?: string | null;

  @Field(() => [SampleItemDocumentInput], { description: "A document per item: every required item needs one; each code once." })
  items!: SampleItemDocumentInput[];
}

@InputType({ description: "The firm's verdict on one checklist item." })
export class SampleItemVerdictInput {
  @Field(() => String, { description: "The item's code, as the sample's checklist gives it." })
  code!: string;

  @Field(() => Boolean, { description: "Whether the item is accepted." })
  accepted!: boolean;

  @Field(() => String, { nullable: true, description: `A remark (at most ${SAMPLES.maxRemarkLength} characters).` })
  remark?: string | null;
}

@InputType({ description: "The firm's decision on a SUBMITTED sample." })
export class DecideSampleInput {
  @Field(() => Boolean, { description: "True to approve (every required item must be accepted in items), false to reject (a reason is required)." })
  approve!: boolean;

  @Field(() => String, { nullable: true, description: `Why; required to reject (at most ${SAMPLES.maxTextLength} characters).` })
  reason?: string | null;

  @Field(() => [SampleItemVerdictInput], { nullable: true, description: "A verdict per item, each code once." })
  items?: SampleItemVerdictInput[] | null;
}

@ArgsType()
export class SampleRequestsArgs {
  @Field(() => SampleStatus, { nullable: true, description: "Only samples in this status; leave out for all." })
  status?: SampleStatus | null;
}
