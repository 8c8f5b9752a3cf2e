import { ArgsType, Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { LIMITS } from "../../domain/limits.js";
import { AccountInput } from "../accounts/account.types.js";
import { CertificationType, KbliVersion, MaturityStage, Process, QuantityUnit, SpecificProcess } from "../../api/common/enums.js";
import { Connection, Node } from "../../api/common/relay.js";
import { DateScalar } from "../../api/common/scalars.js";

@ObjectType({ implements: Node, description: "An industri kecil dan menengah (IKM): a small or medium supplier." })
export class Ikm extends Node {
  @Field(() => String, { description: "Registered business name, e.g. \"UD Cor Logam Batur\"." })
  legalName!: string;

  @Field(() => String, { nullable: true, description: "Nomor Induk Berusaha (13 digits)." })
  nib!: string | null;

  @Field(() => String, { description: "Kemendagri region code: regency/city (33.10) or province (33); the first part is the province." })
  regionCode!: string;

  @Field(() => String, { nullable: true, description: "Street address; null when not given." })
  address!: string | null;

  @Field(() => Float, { nullable: true, description: "Latitude of the workshop (WGS 84); null when unknown (proximity then uses the region)." })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: "Longitude of the workshop (WGS 84); null when unknown." })
  longitude!: number | null;

  @Field(() => Int, { description: "Workers, the owner included; the size class is derived from it." })
  workers!: number;

  @Field(() => Int, { nullable: true, description: "Year the business was founded; null when not given." })
  foundedYear!: number | null;

  @Field(() => String, { nullable: true, description: "What the IKM makes, in its own words; null when not given." })
  description!: string | null;

  @Field(() => MaturityStage, { description: "Maturity stage now (PEMULA for a new profile); a mentoring foundation moves it with changeStage." })
  currentStage!: MaturityStage;

  @Field(() => Boolean, { description: "True for generated (demo or benchmark) records, never a real business." })
  synthetic!: boolean;
}

export const IkmConnection = Connection(Ikm, "Ikm");

@ObjectType({ description: "An industry classification (KBLI) code of an IKM." })
export class Kbli {
  @Field(() => String, { description: "5-digit manufacturing KBLI code (divisions 10-33)." })
  code!: string;

  @Field(() => KbliVersion, { description: "The KBLI edition the code belongs to." })
  version!: KbliVersion;
}

@ObjectType({ description: "A process an IKM works, with its materials, tolerance and monthly capacity." })
export class Capability {
  @Field(() => Process, { description: "The process." })
  process!: Process;

  specificProcesses!: SpecificProcess[];

  @Field(() => [String], { description: "Materials it works in this process, lower-case (e.g. \"besi cor fc250\")." })
  materials!: string[];

  @Field(() => Float, { nullable: true, description: "Best achievable tolerance in millimetres." })
  toleranceMm!: number | null;

  @Field(() => Int, { description: "Units it can make a month in this process (whole number, 0 or more)." })
  monthlyCapacity!: number;

  @Field(() => QuantityUnit, { description: "Unit of monthlyCapacity." })
  capacityUnit!: QuantityUnit;

  @Field(() => String, { nullable: true, description: "Free-text notes; null when none." })
  notes!: string | null;
}

@ObjectType({ description: "A kind of machine an IKM owns, and how many." })
export class Machine {
  @Field(() => String, { description: "What the machine is, e.g. \"lathe\", \"press 60 t\"." })
  type!: string;

  @Field(() => Int, { description: "How many of this machine, at least 1." })
  count!: number;

  @Field(() => Boolean, { description: "True for a computer-controlled (CNC) machine." })
  cnc!: boolean;

  @Field(() => String, { nullable: true, description: "Maker; null when not given." })
  brand!: string | null;

  @Field(() => Int, { nullable: true, description: "Year made; null when not given." })
  yearMade!: number | null;
}

@ObjectType({ description: "A certificate an IKM holds, with its validity." })
export class Certification {
  @Field(() => String, { description: "Global-unique certification id (uuid), for removeCertification." })
  id!: string;

  @Field(() => CertificationType, { description: "Which certificate." })
  type!: CertificationType;

  @Field(() => String, { description: "The certificate's number, as printed." })
  number!: string;

  @Field(() => String, { description: "Who issued it." })
  issuer!: string;

  @Field(() => DateScalar, { description: "First day it is valid." })
  validFrom!: Date;

  @Field(() => DateScalar, { nullable: true, description: "Last day it is valid; null when it does not expire." })
  validUntil!: Date | null;
}

@ObjectType({ description: "A 5R (5S) audit: items scored 0-2, rolled up to a percentage." })
export class FiveRAudit {
  @Field(() => DateScalar, { description: "The day of the audit." })
  auditedOn!: Date;

  @Field(() => String, { description: "Who audited." })
  auditor!: string;

  @Field(() => Int, { description: "Items scored in the audit." })
  itemsScored!: number;

  @Field(() => Int, { description: "Points earned over all items (each item 0 to 2)." })
  pointsEarned!: number;
}

@ObjectType({ description: "Deliveries in one month to one buyer." })
export class DeliveryRecord {
  @Field(() => DateScalar, { description: "First day of the month." })
  month!: Date;

  @Field(() => Int, { description: "Lots delivered in the month." })
  lotsDelivered!: number;

  @Field(() => Int, { description: "Of those, lots delivered on time." })
  lotsOnTime!: number;

  @Field(() => Int, { description: "Quantity delivered in the month." })
  qtyDelivered!: number;

  @Field(() => Int, { description: "Of that quantity, how much the buyer rejected." })
  qtyRejected!: number;
}

@ObjectType({ description: "Totals over the whole delivery history; rates are null without deliveries." })
export class DeliverySummary {
  @Field(() => Int, { description: "Months on record." })
  months!: number;

  @Field(() => Int, { description: "Lots delivered over all months." })
  lotsDelivered!: number;

  @Field(() => Float, { nullable: true, description: "Lots on time over lots delivered, 0 to 1; null without deliveries." })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: "Quantity rejected over quantity delivered, 0 to 1; null without deliveries." })
  rejectRate!: number | null;
}

@ObjectType({ description: "Figures shown to the IKM itself, administrators and its mentoring foundation only." })
export class IkmFinancials {
  @Field(() => Float, { nullable: true, description: "Investment, in rupiah; null when not given." })
  investmentIdr!: number | null;

  @Field(() => Float, { nullable: true, description: "Capital, in rupiah; null when not given." })
  capitalIdr!: number | null;

  @Field(() => Float, { nullable: true, description: "Annual sales, in rupiah; null when not given." })
  annualSalesIdr!: number | null;
}

@InputType({ description: "A KBLI industry code with its edition." })
export class KbliInput {
  @Field(() => String, { description: "5-digit manufacturing KBLI code (divisions 10-33)." })
  code!: string;

  @Field(() => KbliVersion, { description: "The KBLI edition the code belongs to." })
  version!: KbliVersion;
}

@InputType({ description: "An IKM's profile at registration. Financial figures are shown only to the IKM, its mentoring foundations and administrators." })
export class IkmProfileInput {
  @Field(() => String, { description: `Registered business name, at most ${LIMITS.maxNameLength} characters.` })
  legalName!: string;

  @Field(() => String, { nullable: true, description: "Nomor Induk Berusaha, 13 digits; unique across IKMs." })
  nib?: string | null;

  @Field(() => String, { description: "Kemendagri regency/city (33.10) or province (33) code." })
  regionCode!: string;

  @Field(() => String, { nullable: true, description: "Street address, up to 500 characters." })
  address?: string | null;

  @Field(() => Float, { nullable: true, description: "Latitude within Indonesia; give with longitude." })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "Longitude within Indonesia; give with latitude." })
  longitude?: number | null;

  @Field(() => Int, { description: "Workers, the owner included: at least 1." })
  workers!: number;

  @Field(() => Float, { nullable: true, description: "Investment, whole rupiah; decides the Kemenperin size class." })
  investmentIdr?: number | null;

  @Field(() => Float, { nullable: true, description: "Capital, whole rupiah." })
  capitalIdr?: number | null;

  @Field(() => Float, { nullable: true, description: "Annual sales, whole rupiah." })
  annualSalesIdr?: number | null;

  @Field(() => Int, { nullable: true, description: "Year founded, 1900 to this year." })
  foundedYear?: number | null;

  @Field(() => String, { nullable: true, description: "What the IKM makes, in its own words." })
  description?: string | null;

  @Field(() => [KbliInput], { nullable: true, description: "KBLI codes, up to 20, each once." })
  kbliCodes?: KbliInput[];
}

@InputType({ description: "Changes to an IKM profile: give at least one field; fields left out stay as they are, null clears an optional one." })
export class IkmUpdateInput {
  @Field(() => String, { nullable: true, description: "New registered business name." })
  legalName?: string;

  @Field(() => String, { nullable: true, description: "New NIB (13 digits); null clears it." })
  nib?: string | null;

  @Field(() => String, { nullable: true, description: "New region code." })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: "New address; null clears it." })
  address?: string | null;

  @Field(() => Float, { nullable: true, description: "New latitude; null clears the location (with longitude)." })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "New longitude; null clears the location (with latitude)." })
  longitude?: number | null;

  @Field(() => Int, { nullable: true, description: "New number of workers, at least 1." })
  workers?: number;

  @Field(() => Float, { nullable: true, description: "New investment in whole rupiah; null clears it." })
  investmentIdr?: number | null;

  @Field(() => Float, { nullable: true, description: "New capital in whole rupiah; null clears it." })
  capitalIdr?: number | null;

  @Field(() => Float, { nullable: true, description: "New annual sales in whole rupiah; null clears it." })
  annualSalesIdr?: number | null;

  @Field(() => Int, { nullable: true, description: "New founding year; null clears it." })
  foundedYear?: number | null;

  @Field(() => String, { nullable: true, description: "New description; null clears it." })
  description?: string | null;

  @Field(() => [KbliInput], { nullable: true, description: "New KBLI codes: replaces the list." })
  kbliCodes?: KbliInput[];
}

@InputType({ description: "A new IKM profile and its first member's account." })
export class RegisterIkmInput {
  @Field(() => IkmProfileInput, { description: "The IKM's profile." })
  ikm!: IkmProfileInput;

  @Field(() => AccountInput, { description: "The first member's account; it signs in as an IKM user." })
  account!: AccountInput;
}

@InputType({ description: "A process the IKM works; setCapabilities takes each process once." })
export class CapabilityInput {
  @Field(() => Process, { description: "The process." })
  process!: Process;

  @Field(() => [SpecificProcess], { nullable: true, description: "Specific processes of this family the IKM works, each once (e.g. POWDER_COATING under PLATING_PAINTING). Default none." })
  specificProcesses?: SpecificProcess[];

  @Field(() => [String], { nullable: true, description: "Materials worked in this process (up to 20), stored lower-case. Default none." })
  materials?: string[];

  @Field(() => Float, { nullable: true, description: "Best tolerance it holds, in mm: above 0, at most 100." })
  toleranceMm?: number | null;

  @Field(() => Int, { description: "Units it can make a month in this process: a whole number, 0 or more." })
  monthlyCapacity!: number;

  @Field(() => QuantityUnit, { description: "Unit of monthlyCapacity." })
  capacityUnit!: QuantityUnit;

  @Field(() => String, { nullable: true, description: "Free-text notes, up to 1000 characters." })
  notes?: string | null;
}

@InputType({ description: "A kind of machine the IKM owns." })
export class MachineInput {
  @Field(() => String, { description: "What the machine is, e.g. \"lathe\", up to 120 characters." })
  type!: string;

  @Field(() => Int, { description: "How many, 1 to 10,000." })
  count!: number;

  @Field(() => Boolean, { description: "True for a computer-controlled (CNC) machine." })
  cnc!: boolean;

  @Field(() => String, { nullable: true, description: "Maker, up to 120 characters." })
  brand?: string | null;

  @Field(() => Int, { nullable: true, description: "Year made, 1900 to this year." })
  yearMade?: number | null;
}

@InputType({ description: "A certificate the IKM holds." })
export class CertificationInput {
  @Field(() => CertificationType, { description: "Which certificate." })
  type!: CertificationType;

  @Field(() => String, { description: "The certificate's number, as printed." })
  number!: string;

  @Field(() => String, { description: "Who issued it." })
  issuer!: string;

  @Field(() => DateScalar, { description: "First day it is valid." })
  validFrom!: Date;

  @Field(() => DateScalar, { nullable: true, description: "Last day it is valid; leave out when it does not expire." })
  validUntil?: Date | null;
}

@InputType({ description: "Narrows a list of IKMs; every given condition must hold." })
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
  @Field(() => IkmFilter, { nullable: true, description: "Only IKMs matching every condition given." })
  filter?: IkmFilter | null;
}
