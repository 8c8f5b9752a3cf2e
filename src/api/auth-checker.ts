import type { AuthChecker } from "type-graphql";
import { DomainError, ErrorCode } from "../domain/errors.js";
import type { Context } from "./context.js";

/**
 * `@Authorized()` needs a signed-in user; `@Authorized("FIRM", "ADMIN")` one of those roles.
 * Tenant rules (own firm, own IKM, mentored IKM) live in the services, next to the data they guard.
 */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  const { viewer } = context;
  if (viewer.kind !== "user") {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, "Sign in first: send an Authorization: Bearer <token> header.");
  }
  if (roles.length === 0 || roles.includes(viewer.role)) return true;
  throw new DomainError(ErrorCode.FORBIDDEN, `This needs one of the roles ${roles.join(", ")}; you are ${viewer.role}.`);
};
