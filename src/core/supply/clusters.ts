/**
 * The clusters an IKM supplies together in (issue 7): its koperasi, sentra and mentoring
 * foundations (with the foundations above its own, as the profile lists them). Consortia and
 * allocation both group members by these. Pure.
 */
import type { SupplierProfile } from "../matching/types.js";

export type ClusterKind = "KOPERASI" | "SENTRA" | "FOUNDATION";

export interface ClusterRef {
  kind: ClusterKind;
  id: string;
}

/** Kinds in the order ties are broken and a shared cluster is reported: a koperasi can take the order itself. */
export const CLUSTER_KIND_ORDER: readonly ClusterKind[] = ["KOPERASI", "SENTRA", "FOUNDATION"];

/** The IKM's clusters, each once, koperasi first, then sentra, then foundations. */
export function clustersOf(profile: Pick<SupplierProfile, "koperasiIds" | "sentraIds" | "foundationIds">): ClusterRef[] {
  return [
    ...[...new Set(profile.koperasiIds)].map((id) => ({ kind: "KOPERASI" as const, id })),
    ...[...new Set(profile.sentraIds)].map((id) => ({ kind: "SENTRA" as const, id })),
    ...[...new Set(profile.foundationIds)].map((id) => ({ kind: "FOUNDATION" as const, id })),
  ];
}
