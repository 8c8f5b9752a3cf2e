/** What the need's page reads about supply beyond the ranking: near misses and consortium proposals. */
import { type ResultOf, graphql } from "../../../graphql";

/** Suppliers that miss exactly one hard requirement and share a process with the need. */
export const NearMissesQuery = graphql(`
  query NeedNearMisses($needId: ID!) {
    matches(needId: $needId, first: 20, filter: { eligibility: NEAR_MISS }) {
      totalCount
      nodes {
        score
        ikm { id legalName regionName currentStage }
        gaps { kind hard message subject shortfall renewBy }
        gapPaths { kind message gap { kind subject hard } }
      }
    }
  }
`);

export type NearMiss = ResultOf<typeof NearMissesQuery>["matches"]["nodes"][number];

/** Members of one cluster who together cover the need, best rank first, or why there are none. */
export const ConsortiaQuery = graphql(`
  query NeedConsortia($needId: ID!) {
    consortia(needId: $needId) {
      eligibleSuppliers
      reason { kind message }
      singleSuppliers { freeCapacity ikm { id legalName } }
      proposals {
        rank combinedScore covered koperasiLed optimal
        cluster { kind name koperasi { id name } }
        coordination { members cost spreadKm }
        members { share freeCapacity score ikm { id legalName regionName } }
        weakest { ikm { id } }
      }
    }
  }
`);

export type Proposal = ResultOf<typeof ConsortiaQuery>["consortia"]["proposals"][number];
