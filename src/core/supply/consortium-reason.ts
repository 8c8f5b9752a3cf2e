/**
 * Why consortia proposes nothing for a need (issue 16): in the order the rules of
 * ./consortium.ts apply, the first that leaves no proposal. Pure; the same member pool as
 * proposeConsortia (memberPool, clusterMembers), so the reason and the proposals never disagree.
 */
import type { Weights } from "../matching/config.js";
import { effectiveWeights } from "../matching/scorer.js";
import { processesText } from "../matching/taxonomy.js";
import type { NeedProfile } from "../matching/types.js";
import { type Candidate, clusterMembers, memberPool } from "./consortium.js";
import { CONSORTIUM } from "./config.js";

export type NoConsortiumKind = "ONE_COVERS" | "NO_ELIGIBLE" | "NO_CLUSTER" | "TOO_LITTLE_CAPACITY" | "NO_VALID_SPLIT";

export interface NoConsortiumReason {
  kind: NoConsortiumKind;
  message: string;
}

const fmt = (n: number): string => n.toLocaleString("en-US");

/**
 * The reason proposeConsortia gave no proposal for `candidates` (the ones it was given; call it
 * only then): the first rule, in their order, that leaves none. The capacity counted is each member's free capacity (stated
 * less what ACTIVE partnerships and awards' PENDING ones hold), as in the proposals.
 */
export function whyNoConsortium(need: NeedProfile, candidates: readonly Candidate[], weights: Weights = effectiveWeights(need)): NoConsortiumReason {
  const quantity = need.quantityPerMonth;
  const unit = need.unit;
  const processes = processesText(need, " and ");
  const { minimum, eligible, oneCovers, usable } = memberPool(need, candidates, weights);
  if (oneCovers) {
    return { kind: "ONE_COVERS", message: `an eligible IKM can supply all ${fmt(quantity)} ${unit} a month alone (see singleSuppliers): consortia are proposed only when none can` };
  }
  if (eligible === 0) {
    return { kind: "NO_ELIGIBLE", message: `no IKM meets every hard requirement of the need (${processes}, certificates, minimum stage, radius): there is no one to group` };
  }
  const clusters = [...clusterMembers(usable).values()].filter((c) => c.members.length >= 2);
  if (clusters.length === 0) {
    return {
      kind: "NO_CLUSTER",
      message: `no koperasi, sentra or foundation has two or more eligible members working ${processes} with at least ${fmt(minimum)} ${unit} a month free ` +
        `(${eligible} eligible IKM${eligible === 1 ? "" : "s"}, ${usable.length} with that much free)`,
    };
  }
  // The most any cluster's members can take together, counting its largest free capacities up to the member limit.
  let most = 0;
  for (const c of clusters) {
    const top = c.members.map((m) => m.capacity).sort((a, b) => b - a).slice(0, CONSORTIUM.maxMembers);
    most = Math.max(most, top.reduce((sum, x) => sum + x, 0));
  }
  if (most < quantity) {
    return {
      kind: "TOO_LITTLE_CAPACITY",
      message: `the eligible members' free capacity adds up to ${fmt(most)} of ${fmt(quantity)} ${unit} a month at most (in the best cluster, up to ${CONSORTIUM.maxMembers} members, after what their partnerships hold)`,
    };
  }
  return {
    kind: "NO_VALID_SPLIT",
    message: `no member set of one cluster covers ${fmt(quantity)} ${unit} a month within the rules (at most ${CONSORTIUM.maxMembers} members, each taking at least ${fmt(minimum)})`,
  };
}
