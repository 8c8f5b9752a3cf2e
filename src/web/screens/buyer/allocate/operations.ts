/** The allocation screen's reads: the firm's open needs, and `allocate` over those picked. */
import { type ResultOf, graphql } from "../../../graphql";

export const OpenNeedsQuery = graphql(`
  query AllocatableNeeds {
    needs(first: 100, filter: { statuses: [OPEN] }) {
      nodes { id title quantityPerMonth unit startDate }
    }
  }
`);

export const AllocateQuery = graphql(`
  query Allocate($needIds: [ID!]!, $method: AllocationMethod!) {
    allocate(needIds: $needIds, method: $method) {
      method status provenOptimal unsolvedGroups coverage objective totalScore
      needs {
        quantity covered uncovered unit scoreCoverage eligibleIkms candidates
        need { id title }
        cluster { kind name }
        assignments { units score ikm { id legalName regionName } }
        shortfalls { reason units message needs { id title } }
      }
    }
  }
`);

export type Allocation = ResultOf<typeof AllocateQuery>["allocate"];
export type NeedAllocation = Allocation["needs"][number];
export type Method = "OPTIMAL" | "GREEDY";
