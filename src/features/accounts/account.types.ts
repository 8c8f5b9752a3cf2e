import { Field, InputType, ObjectType } from "type-graphql";
import { UserRole } from "../../api/common/enums.js";
import { Node } from "../../api/common/relay.js";

@ObjectType({ implements: Node, description: "A person who signs in to Jalin." })
export class User extends Node {
  @Field(() => String, { description: "The person's display name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Visible to the user and administrators only." })
  email!: string | null;

  @Field(() => UserRole, { description: "What the user acts for: FIRM, FOUNDATION, IKM or KOPERASI (each of exactly one tenant), or ADMIN." })
  role!: UserRole;
}

@ObjectType({ description: "A signed-in session: the bearer token and whom it signs in." })
export class AuthPayload {
  @Field(() => String, { description: "Bearer token: send as `Authorization: Bearer <token>`." })
  token!: string;

  @Field(() => User, { description: "The user the token signs in." })
  user!: User;
}

@InputType({ description: "A new user's account; the email signs in." })
export class AccountInput {
  @Field(() => String, { description: "The person's display name." })
  name!: string;

  @Field(() => String, { description: "Email address to sign in with; stored lower-case and unique." })
  email!: string;

  @Field(() => String, { description: "At least 10 characters." })
  password!: string;
}

