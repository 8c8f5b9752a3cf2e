/**
 * `value` and everything reachable from it, frozen, for answers shared between requests (remembered
 * profiles and explanations): a caller that tried to change one throws (ES modules run in strict
 * mode) instead of changing what another request is shown.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
