/** The firm's partnerships with their monthly deliveries, recording a month, and ending one (withdrawing a PENDING one). */
import { type ResultOf, graphql } from "../../../graphql";

export const FirmPartnershipsQuery = graphql(`
  query FirmPartnerships {
    viewer {
      id
      firm {
        id name
        partnerships {
          id component status quantityPerMonth unit startDate endDate processes createdAt
          ikm { id legalName regionName }
          koperasi { id name }
          need { id title }
          deliveries { month qtyDelivered qtyRejected lotsDelivered lotsOnTime version }
        }
      }
    }
  }
`);

type Firm = NonNullable<NonNullable<ResultOf<typeof FirmPartnershipsQuery>["viewer"]>["firm"]>;
export type Partnership = NonNullable<Firm["partnerships"]>[number];
export type Delivery = Partnership["deliveries"][number];

export const RecordDelivery = graphql(`
  mutation RecordDelivery($input: DeliveryInput!) {
    recordDelivery(input: $input) { month qtyDelivered qtyRejected lotsDelivered lotsOnTime version }
  }
`);

export const EndPartnership = graphql(`
  mutation FirmEndPartnership($id: ID!, $endDate: Date) { endPartnership(id: $id, endDate: $endDate) { id status endDate } }
`);
