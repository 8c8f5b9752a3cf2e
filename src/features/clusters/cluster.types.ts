import { ArgsType, Field, InputType, ObjectType } from "type-graphql";
import { Process } from "../../api/common/enums.js";
import { Connection, Node } from "../../api/common/relay.js";

@ObjectType({ implements: Node, description: "Sentra IKM: at least 5 IKM units in one place with similar products, raw material or process (PP 29/2018)." })
export class Sentra extends Node {
  @Field(() => String, { description: "The sentra's name." })
  name!: string;

  @Field(() => String, { description: "Kemendagri regency/city (33.10) or province (33) code where it sits." })
  regionCode!: string;

  @Field(() => String, { description: "What its IKMs make, e.g. \"cast-iron parts\"." })
  product!: string;

  @Field(() => Process, { description: "The process its IKMs share." })
  process!: Process;

  @Field(() => String, { description: "The raw material its IKMs share, e.g. \"besi cor\"." })
  rawMaterial!: string;
}

@ObjectType({ implements: Node, description: "A cooperative that finances, markets and aggregates orders for member IKMs." })
export class Koperasi extends Node {
  @Field(() => String, { description: "The koperasi's registered name." })
  name!: string;

  @Field(() => String, { description: "Kemendagri regency/city (33.10) or province (33) code where it sits." })
  regionCode!: string;

  @Field(() => String, { nullable: true, description: "Its legal registration number (badan hukum); null when not given." })
  registrationNumber!: string | null;

  @Field(() => Boolean, { description: "Takes a big firm's order and splits it among members." })
  offtaker!: boolean;

  @Field(() => Boolean, { description: "Runs a shared production facility (factory sharing)." })
  sharedFacility!: boolean;
}

export const SentraConnection = Connection(Sentra, "Sentra");
export const KoperasiConnection = Connection(Koperasi, "Koperasi");

@InputType({ description: "A new sentra IKM (administrators and foundations)." })
export class SentraInput {
  @Field(() => String, { description: "The sentra's name." })
  name!: string;

  @Field(() => String, { description: "Kemendagri province (33) or regency (33.10) code." })
  regionCode!: string;

  @Field(() => String, { description: "What its IKMs make." })
  product!: string;

  @Field(() => Process, { description: "The process its IKMs share." })
  process!: Process;

  @Field(() => String, { description: "The raw material its IKMs share." })
  rawMaterial!: string;
}

@InputType({ description: "A new koperasi (administrators only)." })
export class KoperasiInput {
  @Field(() => String, { description: "The koperasi's registered name." })
  name!: string;

  @Field(() => String, { description: "Kemendagri province (33) or regency (33.10) code." })
  regionCode!: string;

  @Field(() => String, { nullable: true, description: "Legal registration number, 3 to 60 characters." })
  registrationNumber?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Takes a big firm's order and splits it among members; default false." })
  offtaker?: boolean;

  @Field(() => Boolean, { nullable: true, description: "Runs a shared production facility; default false." })
  sharedFacility?: boolean;
}

@ArgsType()
export class ClusterFilterArgs {
  @Field(() => String, { nullable: true, description: "Province (33) or regency (33.10); a province includes its regencies." })
  regionCode?: string | null;

  @Field(() => Process, { nullable: true, description: "Sentra only." })
  process?: Process | null;
}
