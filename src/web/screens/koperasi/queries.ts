/**
 * What the koperasi area reads: its members' public profiles (stage, processes, capacity,
 * certificates), the open needs, Jalin's consortium proposal for each from the koperasi's own
 * members (`consortia`, which a koperasi's managers get for their members only), and its own
 * consortium responses (Koperasi.responses and need { responses }, for their koperasi only).
 */
import { type ResultOf, graphql } from "../../graphql";

export const MemberFields = graphql(`
  fragment MemberFields on Ikm @_unmask {
    id legalName currentStage regionName
    capabilities { process monthlyCapacity capacityUnit }
    certifications { type validFrom validUntil }
  }
`);

export const KoperasiResponseFields = graphql(`
  fragment KoperasiResponseFields on NeedResponse @_unmask {
    id kind status version unitPriceIdr quantityPerMonth leadTimeDays validUntil notes updatedAt
    koperasi { id }
    members { quantityPerMonth ikm { id legalName } }
  }
`);

export const NeedFields = graphql(`
  fragment NeedFields on ComponentNeed @_unmask {
    id title status quantityPerMonth unit processes minimumStage requiredCertifications startDate endDate firm { name }
  }
`);

export const KoperasiHomeQuery = graphql(`
  query KoperasiHome {
    viewer { id koperasi { id name regionName memberCount members { ...MemberFields } } }
    needs(first: 100, filter: { statuses: [OPEN] }) {
      totalCount
      nodes { ...NeedFields responses(first: 5) { nodes { id status } } }
    }
  }
`, [MemberFields, NeedFields]);

/**
 * Jalin's answer for one need from the koperasi's members: at most one proposal (the koperasi is
 * the only cluster a manager is answered for), its members best score first with their shares and
 * free capacity (stated capacity less what their partnerships hold), or why there is none.
 */
export const NeedConsortiaQuery = graphql(`
  query KoperasiNeedConsortia($needId: ID!) {
    consortia(needId: $needId) {
      eligibleSuppliers
      singleSuppliers { freeCapacity ikm { id legalName } }
      proposals { covered members { share freeCapacity ikm { id legalName } } }
      reason { kind message }
    }
  }
`);

export type Member = ResultOf<typeof MemberFields>;
export type Consortia = ResultOf<typeof NeedConsortiaQuery>["consortia"];
export type Proposal = Consortia["proposals"][number];
export type Need = ResultOf<typeof NeedFields>;
export type KoperasiResponse = ResultOf<typeof KoperasiResponseFields>;
