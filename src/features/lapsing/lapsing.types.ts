import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { CertificationType, describeValues } from "../../api/common/enums.js";
import { DateScalar, DateTimeScalar } from "../../api/common/scalars.js";
import { CertificateLapseKind } from "../../domain/enums.js";
import { EVENT_ID_DESCRIPTION, RESUME_AFTER_DESCRIPTION } from "../needs/need.types.js";
import { LAPSE_SWEEP } from "./lapse-sweep.js";
import { Ikm } from "../ikms/ikm.types.js";
import { Partnership } from "../partnerships/partnership.types.js";

@ObjectType({ description: "A certificate of an IKM that lapses soon, or before a partnership that requires it ends (issue 22)." })
export class CertificateLapse {
  @Field(() => Ikm, { description: "The IKM holding the certificate." })
  ikm!: unknown;

  @Field(() => CertificationType, { description: "Which certificate." })
  type!: CertificationType;

  @Field(() => DateScalar, { description: "Its last valid day, counting renewals on file that start by the day after the previous one ends: renew before it." })
  lapsesOn!: Date;

  @Field(() => Int, { description: "Days from today to lapsesOn." })
  daysLeft!: number;

  @Field(() => [Partnership], { description: "ACTIVE partnerships whose need requires this certificate and that run past lapsesOn (to their end date, else their need's); empty when none." })
  partnerships!: unknown[];
}

registerEnumType(CertificateLapseKind, {
  name: "CertificateLapseKind",
  description: "Which warning about a lapsing certificate.",
  valuesConfig: describeValues(CertificateLapseKind, {
    LAPSING_SOON: `The certificate, through renewals on file, lapses within ${LAPSE_SWEEP.withinDays} days.`,
    LAPSES_DURING_PARTNERSHIP: "An ACTIVE partnership whose need requires the certificate runs past the day it lapses.",
  }),
});

@ObjectType({ description: "The certificate a lapse warning is about: the last renewal on file of its type." })
export class LapsingCertificate {
  @Field(() => String, { description: "The certification's id (Certification.id)." }) id!: string;
  @Field(() => CertificationType, { description: "Which certificate." }) type!: CertificationType;
  @Field(() => String, { description: "The certificate's number, as printed." }) number!: string;
  @Field(() => DateScalar, { description: "Its last valid day: renew before it." }) validUntil!: Date;
}

@ObjectType({ description: "A warning that an IKM's certificate lapses soon, or before a partnership requiring it ends (issue 22). Told once per certificate, kind and partnership." })
export class CertificateLapseWarning {
  @Field(() => ID, { description: EVENT_ID_DESCRIPTION }) eventId!: string;
  @Field(() => CertificateLapseKind, { description: "Which warning." }) kind!: CertificateLapseKind;
  @Field(() => Ikm, { description: "The IKM holding the certificate." }) ikm!: unknown;
  @Field(() => LapsingCertificate, { description: "The certificate that lapses." }) certificate!: LapsingCertificate;
  @Field(() => Partnership, { nullable: true, description: "LAPSES_DURING_PARTNERSHIP: the ACTIVE partnership at risk (null if it is no longer to be seen); LAPSING_SOON: null." }) partnership!: unknown;
  @Field(() => Int, { description: "Days from the day the warning was given to validUntil." }) daysLeft!: number;
  @Field(() => String, { description: "What to do, in words: renew before validUntil and add the renewal, or tell the buyer." }) action!: string;
  @Field(() => DateTimeScalar, { description: "When the warning was given." }) sentAt!: Date;
}

@ArgsType()
export class CertificateLapsingArgs {
  @Field(() => ID, { nullable: true, description: "Warnings of this IKM." })
  ikmId?: string | null;

  @Field(() => ID, { nullable: true, description: "Warnings of this foundation's active mentees (its regional centres' included)." })
  foundationId?: string | null;

  @Field(() => ID, { nullable: true, description: RESUME_AFTER_DESCRIPTION })
  after?: string | null;
}
