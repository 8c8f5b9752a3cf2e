import { createPubSub } from "@graphql-yoga/subscription";

/**
 * Every topic with its payload type. Payloads carry ids, not rows: each subscriber loads what it
 * may see through its own context, so one event never leaks data across tenants.
 */
export type Topics = {
  /** A need became OPEN (published to suppliers). */
  NEED_PUBLISHED: [payload: { needId: string; firmId: string; publishedAt: string }];
};

export type PubSub = ReturnType<typeof createPubSub<Topics>>;

/** In-process transport. Services publish only after their transaction commits. */
export function createInProcessPubSub(): PubSub {
  return createPubSub<Topics>();
}
