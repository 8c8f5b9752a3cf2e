/**
 * What a use case already read for an answer (the need row, the supplier's profile), carried on the
 * answer object itself so its field resolvers (need, gapPaths) do not read them again. Answers made
 * elsewhere (live updates) carry nothing: the resolvers then load what they need.
 */
import type { ComponentNeed } from "../../infra/db/models.js";
import type { SupplierProfile } from "../../core/matching/types.js";

export interface MatchSources {
  need?: ComponentNeed;
  supplier?: SupplierProfile;
}

const SOURCES = Symbol("sources");

/** `value`, carrying `sources` (a hidden property: GraphQL never shows it). */
export function carry<T extends object>(value: T, sources: MatchSources): T {
  Object.defineProperty(value, SOURCES, { value: sources, enumerable: false, configurable: true });
  return value;
}

/** What `value` carries, if anything. */
export function carried(value: object): MatchSources {
  return (value as { [SOURCES]?: MatchSources })[SOURCES] ?? {};
}
