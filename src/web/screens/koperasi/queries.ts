/**
 * What the koperasi area reads: its members' public profiles (stage, processes, capacity,
 * certificates), the open needs, and its own consortium responses (Koperasi.responses and
 * need { responses }, which a koperasi's managers read for their koperasi only).
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

export type Member = ResultOf<typeof MemberFields>;
export type Need = ResultOf<typeof NeedFields>;
export type KoperasiResponse = ResultOf<typeof KoperasiResponseFields>;
