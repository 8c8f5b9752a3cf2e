import { ArgsType, Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { AccountInput } from "../account/account.types.js";
import { CertificationType, KbliVersion, MaturityStage, Process, QuantityUnit } from "../common/enums.js";
import { Connection, Node } from "../common/relay.js";
import { DateScalar } from "../common/scalars.js";

@ObjectType({ implements: Node, description: "An industri kecil dan menengah (IKM): a small or medium supplier." })
export class Ikm extends Node {
  @Field(() => String)
  legalName!: string;

  @Field(() => String, { nullable: true, description: "Nomor Induk Berusaha (13 digits)." })
  nib!: string | null;

  @Field(() => String)
  regionCode!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => Int)
  workers!: number;

  @Field(() => Int, { nullable: true })
  foundedYear!: number | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => MaturityStage)
  currentStage!: MaturityStage;

  @Field(() => Boolean, { description: "True for generated (demo or benchmark) records, never a real business." })
  synthetic!: boolean;
}

export const IkmConnection = Connection(Ikm, "Ikm");

@ObjectType()
export class Kbli {
  @Field(() => String)
  code!: string;

  @Field(() => KbliVersion)
  version!: KbliVersion;
}

@ObjectType()
export class Capability {
  @Field(() => Process)
  process!: Process;

  @Field(() => [String])
  materials!: string[];

  @Field(() => Float, { nullable: true, description: "Best achievable tolerance in millimetres." })
  toleranceMm!: number | null;

  @Field(() => Int)
  monthlyCapacity!: number;

  @Field(() => QuantityUnit)
  capacityUnit!: QuantityUnit;

  @Field(() => String, { nullable: true })
  notes!: string | null;
}

@ObjectType()
export class Machine {
  @Field(() => String)
  type!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Boolean)
  cnc!: boolean;

  @Field(() => String, { nullable: true })
  brand!: string | null;

  @Field(() => Int, { nullable: true })
  yearMade!: number | null;
}

@ObjectType()
export class Certification {
  @Field(() => String, { description: "Global-unique certification id (uuid), for removeCertification." })
  id!: string;

  @Field(() => CertificationType)
  type!: CertificationType;

  @Field(() => String)
  number!: string;

  @Field(() => String)
  issuer!: string;

  @Field(() => DateScalar)
  validFrom!: Date;

  @Field(() => DateScalar, { nullable: true })
  validUntil!: Date | null;
}

@ObjectType({ description: "A 5R (5S) audit: items scored 0-2, rolled up to a percentage." })
export class FiveRAudit {
  @Field(() => DateScalar)
  auditedOn!: Date;

  @Field(() => String)
  auditor!: string;

  @Field(() => Int)
  itemsScored!: number;

  @Field(() => Int)
  pointsEarned!: number;
}

@ObjectType({ description: "Deliveries in one month to one buyer." })
export class DeliveryRecord {
  @Field(() => DateScalar)
  month!: Date;

  @Field(() => Int)
  lotsDelivered!: number;

  @Field(() => Int)
  lotsOnTime!: number;

  @Field(() => Int)
  qtyDelivered!: number;

  @Field(() => Int)
  qtyRejected!: number;
}

@ObjectType({ description: "Totals over the whole delivery history; rates are null without deliveries." })
export class DeliverySummary {
  @Field(() => Int)
  months!: number;

  @Field(() => Int)
  lotsDelivered!: number;

  @Field(() => Float, { nullable: true })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true })
  rejectRate!: number | null;
}

@ObjectType({ description: "Figures shown to the IKM itself, administrators and its mentoring foundation only." })
export class IkmFinancials {
  @Field(() => Float, { nullable: true })
  investmentIdr!: number | null;

  @Field(() => Float, { nullable: true })
  capitalIdr!: number | null;

  @Field(() => Float, { nullable: true })
  annualSalesIdr!: number | null;
}

@InputType()
export class KbliInput {
  @Field(() => String)
  code!: string;

  @Field(() => KbliVersion)
  version!: KbliVersion;
}

@InputType()
export class IkmProfileInput {
  @Field(() => String)
  legalName!: string;

  @Field(() => String, { nullable: true })
  nib?: string | null;

  @Field(() => String)
  regionCode!: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => Int)
  workers!: number;

  @Field(() => Float, { nullable: true })
  investmentIdr?: number | null;

  @Field(() => Float, { nullable: true })
  capitalIdr?: number | null;

  @Field(() => Float, { nullable: true })
  annualSalesIdr?: number | null;

  @Field(() => Int, { nullable: true })
  foundedYear?: number | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [KbliInput], { nullable: true })
  kbliCodes?: KbliInput[];
}

@InputType()
export class IkmUpdateInput {
  @Field(() => String, { nullable: true })
  legalName?: string;

  @Field(() => String, { nullable: true })
  nib?: string | null;

  @Field(() => String, { nullable: true })
  regionCode?: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => Int, { nullable: true })
  workers?: number;

  @Field(() => Float, { nullable: true })
  investmentIdr?: number | null;

  @Field(() => Float, { nullable: true })
  capitalIdr?: number | null;

  @Field(() => Float, { nullable: true })
  annualSalesIdr?: number | null;

  @Field(() => Int, { nullable: true })
  foundedYear?: number | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [KbliInput], { nullable: true })
  kbliCodes?: KbliInput[];
}

@InputType()
export class RegisterIkmInput {
  @Field(() => IkmProfileInput)
  ikm!: IkmProfileInput;

  @Field(() => AccountInput)
  account!: AccountInput;
}

@InputType()
export class CapabilityInput {
  @Field(() => Process)
  process!: Process;

  @Field(() => [String], { nullable: true })
  materials?: string[];

  @Field(() => Float, { nullable: true })
  toleranceMm?: number | null;

  @Field(() => Int)
  monthlyCapacity!: number;

  @Field(() => QuantityUnit)
  capacityUnit!: QuantityUnit;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType()
export class MachineInput {
  @Field(() => String)
  type!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Boolean)
  cnc!: boolean;

  @Field(() => String, { nullable: true })
  brand?: string | null;

  @Field(() => Int, { nullable: true })
  yearMade?: number | null;
}

@InputType()
export class CertificationInput {
  @Field(() => CertificationType)
  type!: CertificationType;

  @Field(() => String)
  number!: string;

  @Field(() => String)
  issuer!: string;

  @Field(() => DateScalar)
  validFrom!: Date;

  @Field(() => DateScalar, { nullable: true })
  validUntil?: Date | null;
}

@InputType()
export class IkmFilter {
  @Field(() => [Process], { nullable: true, description: "IKMs with every one of these processes." })
  processes?: Process[] | null;

  @Field(() => String, { nullable: true, description: "Province (33) or regency (33.10); a province includes its regencies." })
  regionCode?: string | null;

  @Field(() => MaturityStage, { nullable: true, description: "At this stage or above." })
  minimumStage?: MaturityStage | null;

  @Field(() => [MaturityStage], { nullable: true, description: "At one of these stages." })
  stages?: MaturityStage[] | null;

  @Field(() => CertificationType, { nullable: true, description: "Holding this certification, valid today." })
  certification?: CertificationType | null;

  @Field(() => String, { nullable: true, description: "Global id of a sentra the IKM belongs to." })
  sentraId?: string | null;

  @Field(() => String, { nullable: true, description: "Global id of a koperasi the IKM belongs to." })
  koperasiId?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the legal name, case-insensitive." })
  search?: string | null;

  @Field(() => String, { nullable: true, description: "A process in Indonesian or English words (bubut, turning, cetak plastik, ...)." })
  processTerm?: string | null;
}

@ArgsType()
export class IkmsArgs {
  @Field(() => IkmFilter, { nullable: true })
  filter?: IkmFilter | null;
}
