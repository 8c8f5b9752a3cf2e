import type { AuthChecker } from "type-graphql";
import { assertHasRole } from "../access/roles.js";
import type { Context } from "./context.js";

/**
 * `@Authorized()` needs a signed-in user; `@Authorized("FIRM", "ADMIN")` one of those roles
 * (access/roles.ts decides). Tenant rules (own firm, own IKM, mentored IKM) live in access/ too,
 * called by the services next to the data they guard.
 */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => assertHasRole(context.viewer, roles);
