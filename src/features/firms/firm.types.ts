import { ArgsType, Field, InputType, ObjectType } from "type-graphql";
import { LIMITS } from "../../domain/limits.js";
import { FirmSector, FirmTier } from "../../api/common/enums.js";
import { Connection, Node } from "../../api/common/relay.js";
import { DateTimeScalar } from "../../api/common/scalars.js";
import { AccountInput } from "../accounts/account.types.js";

@ObjectType({ implements: Node, description: "A large manufacturer (OEM/APM) or a tier-1/tier-2 supplier that buys components." })
export class Firm extends Node {
  @Field(() => String, { description: "The firm's registered name." })
  name!: string;

  @Field(() => FirmSector, { description: "The industry the firm serves." })
  sector!: FirmSector;

  @Field(() => FirmTier, { description: "OEM/APM, tier 1 or tier 2." })
  tier!: FirmTier;

  @Field(() => String, { description: "Kemendagri region code, e.g. 32.16 (Kabupaten Bekasi)." })
  regionCode!: string;

  @Field(() => String, { nullable: true, description: "The firm's website; null when not given." })
  website!: string | null;

  @Field(() => DateTimeScalar, { description: "When the firm registered in Jalin." })
  createdAt!: Date;
}

export const FirmConnection = Connection(Firm, "Firm");

@InputType({ description: "A firm's profile." })
export class FirmInput {
  @Field(() => String, { description: `Registered name, at most ${LIMITS.maxNameLength} characters.` })
  name!: string;

  @Field(() => FirmSector, { description: "The industry the firm serves." })
  sector!: FirmSector;

  @Field(() => FirmTier, { description: "OEM/APM, tier 1 or tier 2." })
  tier!: FirmTier;

  @Field(() => String, { description: "Kemendagri province (32) or regency (32.16) code where it sits." })
  regionCode!: string;

  @Field(() => String, { nullable: true, description: "Website, a URL such as https://example.co.id." })
  website?: string | null;
}

@InputType({ description: "Changes to a firm's profile; fields left out stay as they are." })
export class FirmUpdateInput {
  @Field(() => String, { nullable: true, description: "New name." })
  name?: string;

  @Field(() => FirmSector, { nullable: true, description: "New sector." })
  sector?: FirmSector;

  @Field(() => FirmTier, { nullable: true, description: "New tier." })
  tier?: FirmTier;

  @Field(() => String, { nullable: true, description: "New region code." })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: "New website; null clears it." })
  website?: string | null;
}

@InputType({ description: "A new firm and its first member's account." })
export class RegisterFirmInput {
  @Field(() => FirmInput, { description: "The firm's profile." })
  firm!: FirmInput;

  @Field(() => AccountInput, { description: "The firm's first member, who signs in with it." })
  account!: AccountInput;
}

@InputType({ description: "Narrows a list of firms; every given condition must hold." })
export class FirmFilter {
  @Field(() => FirmSector, { nullable: true, description: "Only firms in this sector." })
  sector?: FirmSector | null;

  @Field(() => FirmTier, { nullable: true, description: "Only firms of this tier." })
  tier?: FirmTier | null;

  @Field(() => String, { nullable: true, description: "Province (33) or regency (33.10); a province includes its regencies." })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the name, case-insensitive." })
  search?: string | null;
}

@ArgsType()
export class FirmsArgs {
  @Field(() => FirmFilter, { nullable: true, description: "Only firms matching every condition given." })
  filter?: FirmFilter | null;
}
