import { Field, Int, ObjectType } from "type-graphql";
import { CertificationType } from "../../api/common/enums.js";
import { DateScalar } from "../../api/common/scalars.js";
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
