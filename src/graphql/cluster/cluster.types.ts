import { ArgsType, Field, InputType, ObjectType } from "type-graphql";
import { Process } from "../common/enums.js";
import { Connection, Node } from "../common/relay.js";

@ObjectType({ implements: Node, description: "Sentra IKM: at least 5 IKM units in one place with similar products, raw material or process (PP 29/2018)." })
export class Sentra extends Node {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  regionCode!: string;

  @Field(() => String)
  product!: string;

  @Field(() => Process)
  process!: Process;

  @Field(() => String)
  rawMaterial!: string;
}

@ObjectType({ implements: Node, description: "A cooperative that finances, markets and aggregates orders for member IKMs." })
export class Koperasi extends Node {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  regionCode!: string;

  @Field(() => String, { nullable: true })
  registrationNumber!: string | null;

  @Field(() => Boolean, { description: "Takes a big firm's order and splits it among members." })
  offtaker!: boolean;

  @Field(() => Boolean, { description: "Runs a shared production facility (factory sharing)." })
  sharedFacility!: boolean;
}

export const SentraConnection = Connection(Sentra, "Sentra");
export const KoperasiConnection = Connection(Koperasi, "Koperasi");

@InputType()
export class SentraInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  regionCode!: string;

  @Field(() => String)
  product!: string;

  @Field(() => Process)
  process!: Process;

  @Field(() => String)
  rawMaterial!: string;
}

@InputType()
export class KoperasiInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  regionCode!: string;

  @Field(() => String, { nullable: true })
  registrationNumber?: string | null;

  @Field(() => Boolean, { nullable: true })
  offtaker?: boolean;

  @Field(() => Boolean, { nullable: true })
  sharedFacility?: boolean;
}

@ArgsType()
export class ClusterFilterArgs {
  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => Process, { nullable: true, description: "Sentra only." })
  process?: Process | null;
}
