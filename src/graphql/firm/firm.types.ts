import { ArgsType, Field, InputType, ObjectType } from "type-graphql";
import { FirmSector, FirmTier } from "../common/enums.js";
import { Connection, Node } from "../common/relay.js";
import { DateTimeScalar } from "../common/scalars.js";
import { AccountInput } from "../account/account.types.js";

@ObjectType({ implements: Node, description: "A large manufacturer (OEM/APM) or a tier-1/tier-2 supplier that buys components." })
export class Firm extends Node {
  @Field(() => String)
  name!: string;

  @Field(() => FirmSector)
  sector!: FirmSector;

  @Field(() => FirmTier)
  tier!: FirmTier;

  @Field(() => String, { description: "Kemendagri region code, e.g. 32.16 (Kabupaten Bekasi)." })
  regionCode!: string;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const FirmConnection = Connection(Firm, "Firm");

@InputType()
export class FirmInput {
  @Field(() => String)
  name!: string;

  @Field(() => FirmSector)
  sector!: FirmSector;

  @Field(() => FirmTier)
  tier!: FirmTier;

  @Field(() => String)
  regionCode!: string;

  @Field(() => String, { nullable: true })
  website?: string | null;
}

@InputType()
export class FirmUpdateInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => FirmSector, { nullable: true })
  sector?: FirmSector;

  @Field(() => FirmTier, { nullable: true })
  tier?: FirmTier;

  @Field(() => String, { nullable: true })
  regionCode?: string;

  @Field(() => String, { nullable: true })
  website?: string | null;
}

@InputType()
export class RegisterFirmInput {
  @Field(() => FirmInput)
  firm!: FirmInput;

  @Field(() => AccountInput, { description: "The firm's first member, who signs in with it." })
  account!: AccountInput;
}

@InputType()
export class FirmFilter {
  @Field(() => FirmSector, { nullable: true })
  sector?: FirmSector | null;

  @Field(() => FirmTier, { nullable: true })
  tier?: FirmTier | null;

  @Field(() => String, { nullable: true, description: "Province (33) or regency (33.10); a province includes its regencies." })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the name, case-insensitive." })
  search?: string | null;
}

@ArgsType()
export class FirmsArgs {
  @Field(() => FirmFilter, { nullable: true })
  filter?: FirmFilter | null;
}
