import { Field, InputType, ObjectType } from "type-graphql";
import { UserRole } from "../common/enums.js";
import { Node } from "../common/relay.js";

@ObjectType({ implements: Node, description: "A person who signs in to Jalin." })
export class User extends Node {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: "Visible to the user and administrators only." })
  email!: string | null;

  @Field(() => UserRole)
  role!: UserRole;
}

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: "Bearer token: send as `Authorization: Bearer <token>`." })
  token!: string;

  @Field(() => User)
  user!: User;
}

@InputType()
export class AccountInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { description: "At least 10 characters." })
  password!: string;
}

