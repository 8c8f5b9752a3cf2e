/** The need answered, the IKM's own response to it (live or withdrawn), and the mutations that send terms (the shared WithdrawResponse takes it back). */
import { type ResultOf, type VariablesOf, graphql } from "../../../graphql";

export const OwnResponse = graphql(`
  fragment OwnResponse on NeedResponse @_unmask {
    id kind status version unitPriceIdr quantityPerMonth leadTimeDays validUntil notes updatedAt koperasi { id }
  }
`);

export const RespondNeedQuery = graphql(`
  query RespondNeed($id: ID!) {
    need(id: $id) {
      id title description status quantityPerMonth unit startDate endDate firm { name }
      responses(first: 10, includeWithdrawn: true) { nodes { ...OwnResponse } }
    }
  }
`, [OwnResponse]);

export const SubmitResponse = graphql(`
  mutation SubmitResponse($input: SubmitResponseInput!) { submitResponse(input: $input) { ...OwnResponse } }
`, [OwnResponse]);

export const ReviseResponse = graphql(`
  mutation ReviseResponse($id: ID!, $expectedVersion: Int, $input: ResponseTermsInput!) {
    reviseResponse(id: $id, expectedVersion: $expectedVersion, input: $input) { ...OwnResponse }
  }
`, [OwnResponse]);

export type Need = ResultOf<typeof RespondNeedQuery>["need"];
export type Response = ResultOf<typeof OwnResponse>;
export type Terms = VariablesOf<typeof ReviseResponse>["input"];
export type Kind = Terms["kind"];
