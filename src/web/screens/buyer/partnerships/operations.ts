/** The firm's partnerships with their monthly deliveries, and recording a month. */
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
