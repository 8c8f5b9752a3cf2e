/** The IKM's partnerships with firms, their monthly deliveries, its whole delivery record, and accepting or declining one, and ending an active one. */
import { type ResultOf, graphql } from "../../../graphql";

export const PartnershipsQuery = graphql(`
  query SupplierPartnerships {
    viewer {
      id
      ikm {
        id legalName
        deliverySummary { months lotsDelivered onTimeRate rejectRate }
        partnerships {
          id component status startDate endDate quantityPerMonth unit processes
          firm { id name } koperasi { id name } need { id title }
          deliveries { month lotsDelivered lotsOnTime qtyDelivered qtyRejected version }
        }
      }
    }
  }
`);

export const AcceptPartnership = graphql(`
  mutation AcceptPartnership($id: ID!) { acceptPartnership(id: $id) { id status } }
`);

export const EndPartnership = graphql(`
  mutation EndPartnership($id: ID!, $endDate: Date) { endPartnership(id: $id, endDate: $endDate) { id status endDate } }
`);

type Ikm = NonNullable<NonNullable<ResultOf<typeof PartnershipsQuery>["viewer"]>["ikm"]>;
export type Partnership = NonNullable<Ikm["partnerships"]>[number];
export type Delivery = Partnership["deliveries"][number];
export type Summary = Ikm["deliverySummary"];
