import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ResponseKind, ResponseStatus } from "../../domain/enums.js";
import { describeValues } from "../../api/common/enums.js";
import { Connection, Node, PageArgs } from "../../api/common/relay.js";
import { DateScalar, DateTimeScalar } from "../../api/common/scalars.js";
import { EVENT_ID_DESCRIPTION, RESUME_AFTER_DESCRIPTION } from "../needs/need.types.js";
import { RESPONSES } from "./response.config.js";

export { ResponseKind, ResponseStatus };

registerEnumType(ResponseKind, {
  name: "ResponseKind",
  description: "What a response offers: interest only, or a priced quotation.",
  valuesConfig: describeValues(ResponseKind, {
    INTEREST: "The IKM is interested; it may say how much it could make and how soon, but names no price (unitPriceIdr and validUntil are left out).",
    QUOTATION: "A priced offer: unitPriceIdr, quantityPerMonth, leadTimeDays and validUntil are all required.",
  }),
});

registerEnumType(ResponseStatus, {
  name: "ResponseStatus",
  description: "Whether a response stands or was taken back.",
  valuesConfig: describeValues(ResponseStatus, {
    ACTIVE: "The IKM's live answer to the need.",
    WITHDRAWN: "Taken back by the IKM; submitResponse revives it with new terms (its history goes on).",
  }),
});

/** What happened to a response, as responseReceived announces it. */
export enum ResponseChange {
  SUBMITTED = "SUBMITTED",
  REVISED = "REVISED",
  WITHDRAWN = "WITHDRAWN",
}

registerEnumType(ResponseChange, {
  name: "ResponseChange",
  description: "What happened to a response.",
  valuesConfig: describeValues(ResponseChange, {
    SUBMITTED: "Submitted: a first response, or one submitted again after a withdrawal (the same response, its history going on).",
    REVISED: "Its terms were replaced (reviseResponse).",
    WITHDRAWN: "Taken back by the IKM (withdrawResponse).",
  }),
});

@ObjectType({ description: "One state a response had: its submission, a revision, a withdrawal or a resubmission, with the terms then." })
export class NeedResponseRevision {
  @Field(() => ResponseKind, { description: "INTEREST or QUOTATION." })
  kind!: ResponseKind;

  @Field(() => Float, { nullable: true, description: `Price per unit of the need, in whole rupiah (at most ${RESPONSES.maxUnitPriceIdr}, exact as a Float); QUOTATION only.` })
  unitPriceIdr!: number | null;

  @Field(() => Int, { nullable: true, description: "Units offered per month, in the need's unit." })
  quantityPerMonth!: number | null;

  @Field(() => Int, { nullable: true, description: "Days from an order to the first delivery." })
  leadTimeDays!: number | null;

  @Field(() => DateScalar, { nullable: true, description: "Last day the quotation's price holds; QUOTATION only." })
  validUntil!: Date | null;

  @Field(() => String, { nullable: true, description: "Anything the IKM wants the firm to know." })
  notes!: string | null;

  @Field(() => [String], { description: "Links to documents (drawings, certificates, catalogues), https only." })
  documentUrls!: string[];
  @Field(() => Int, { description: "Its number: 1 for the first submission, one more for each change; the response's version when it was made." })
  number!: number;

  @Field(() => ResponseStatus, { description: "ACTIVE, or WITHDRAWN for a withdrawal." })
  status!: ResponseStatus;

  @Field(() => DateTimeScalar, { description: "When it was made." })
  createdAt!: Date;
}

@ObjectType({
  implements: Node,
  description:
    "An answer to an OPEN component need, interest or a quotation: an IKM's own (ikm), or a koperasi's for a consortium of its members (koperasi, members). " +
    "One per need and responder; revised or withdrawn by the responder, every state kept in revisions. " +
    "Seen by the need's firm's members, the IKM's members, foundations actively mentoring the IKM (or a member of the consortium), for a consortium the koperasi's managers and its member IKMs' members, and administrators; " +
    "anyone else gets NOT_FOUND, as for a missing one.",
})
export class NeedResponse extends Node {
  @Field(() => ResponseKind, { description: "INTEREST or QUOTATION." })
  kind!: ResponseKind;

  @Field(() => Int, { nullable: true, description: "Units offered per month, in the need's unit." })
  quantityPerMonth!: number | null;

  @Field(() => Int, { nullable: true, description: "Days from an order to the first delivery." })
  leadTimeDays!: number | null;

  @Field(() => DateScalar, { nullable: true, description: "Last day the quotation's price holds; QUOTATION only." })
  validUntil!: Date | null;

  @Field(() => String, { nullable: true, description: "Anything the IKM wants the firm to know." })
  notes!: string | null;

  @Field(() => [String], { description: "Links to documents (drawings, certificates, catalogues), https only." })
  documentUrls!: string[];

  @Field(() => ResponseStatus, { description: "ACTIVE or WITHDRAWN." })
  status!: ResponseStatus;

  @Field(() => Int, { description: "The number of its newest revision; pass it as expectedVersion to reviseResponse and withdrawResponse." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When it was first submitted." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When it last changed." })
  updatedAt!: Date;
}

export const NeedResponseConnection = Connection(NeedResponse, "NeedResponse");

@ObjectType({ description: "One member IKM of a koperasi's consortium response and the quantity a month it makes." })
export class ConsortiumShare {
  @Field(() => Int, { description: "Units a month this member makes, in the need's unit; the members' shares add up to the response's quantityPerMonth." })
  quantityPerMonth!: number;
}

@InputType({ description: "A member IKM of your koperasi and its share of a consortium response." })
export class ConsortiumShareInput {
  @Field(() => ID, { description: "The member IKM's global id; it must be a member of the koperasi answering." })
  ikmId!: string;

  @Field(() => Int, { description: `Units a month this member makes, in the need's unit (1 to ${RESPONSES.maxQuantityPerMonth}).` })
  quantityPerMonth!: number;
}

@InputType({ description: "The terms of a response; a revision gives them all again." })
export class ResponseTermsInput {
  @Field(() => ResponseKind, { description: "INTEREST or QUOTATION (which needs unitPriceIdr, quantityPerMonth, leadTimeDays and validUntil)." })
  kind!: ResponseKind;

  @Field(() => Float, { nullable: true, description: `Price per unit of the need, whole rupiah above 0, at most ${RESPONSES.maxUnitPriceIdr}; QUOTATION only.` })
  unitPriceIdr?: number | null;

  @Field(() => Int, { nullable: true, description: `Units offered per month, in the need's unit (1 to ${RESPONSES.maxQuantityPerMonth}).` })
  quantityPerMonth?: number | null;

  @Field(() => Int, { nullable: true, description: `Days from an order to the first delivery (0 to ${RESPONSES.maxLeadTimeDays}).` })
  leadTimeDays?: number | null;

  @Field(() => DateScalar, { nullable: true, description: `Last day the price holds: today or later, at most ${RESPONSES.maxValidityDays} days ahead; QUOTATION only.` })
  validUntil?: Date | null;

  @Field(() => String, { nullable: true, description: "Anything the firm should know (at most 4000 characters)." })
  notes?: string | null;

  @Field(() => [String], { nullable: true, description: `Links to documents, https only, each once, at most ${RESPONSES.maxDocuments}.` })
  documentUrls?: string[] | null;

  @Field(() => [ConsortiumShareInput], {
    nullable: true,
    description:
      `A koperasi's response only (required there, refused for an IKM's): ${RESPONSES.minConsortiumMembers} to ${RESPONSES.maxConsortiumMembers} distinct member IKMs of the koperasi and each one's quantity a month. ` +
      "quantityPerMonth, when given, must equal the sum of the shares; left out, it is that sum.",
  })
  members?: ConsortiumShareInput[] | null;
}

@InputType({ description: "An IKM's answer to an OPEN need, or a koperasi's for a consortium of its members (with members)." })
export class SubmitResponseInput extends ResponseTermsInput {
  @Field(() => ID, { description: "The OPEN need answered." })
  needId!: string;

  @Field(() => ID, { nullable: true, description: "Administrators only: the IKM answering. IKM members answer for their own IKM." })
  ikmId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Administrators only: the koperasi answering for a consortium of its members (give members). Koperasi managers answer for their own koperasi.",
  })
  koperasiId?: string | null;
}

@ArgsType()
export class ResponsesArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: "Include withdrawn responses too (default false: live ones only)." })
  includeWithdrawn?: boolean | null;
}

@ObjectType({ description: "A response submitted, revised, withdrawn or resubmitted." })
export class ResponseEvent {
  @Field(() => ResponseChange, { description: "SUBMITTED, REVISED or WITHDRAWN." })
  change!: ResponseChange;

  @Field(() => NeedResponse, { description: "The response as it is now." })
  response!: object;

  @Field(() => Int, { description: "The response's version this event announced (the response may have moved on since)." })
  version!: number;

  @Field(() => ID, { description: EVENT_ID_DESCRIPTION })
  eventId!: string;
}

@ArgsType()
export class ResponseReceivedArgs {
  @Field(() => ID, { nullable: true, description: "One need of your firm; leave out for every need of your firm (administrators: of every firm)." })
  needId?: string | null;

  @Field(() => ID, { nullable: true, description: RESUME_AFTER_DESCRIPTION })
  after?: string | null;
}
