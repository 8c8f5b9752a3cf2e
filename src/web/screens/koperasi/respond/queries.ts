/** The need answered, the koperasi's members and its own response to the need, and the mutations that send a consortium's terms. */
import { type ResultOf, type VariablesOf, graphql } from "../../../graphql";
import { KoperasiResponseFields, MemberFields, NeedFields } from "../queries";

export const RespondNeedQuery = graphql(`
  query KoperasiRespondNeed($id: ID!) {
    viewer { id koperasi { id name members { ...MemberFields } } }
    need(id: $id) {
      ...NeedFields description
      responses(first: 10, includeWithdrawn: true) { nodes { ...KoperasiResponseFields } }
    }
  }
`, [MemberFields, NeedFields, KoperasiResponseFields]);

export const SubmitConsortium = graphql(`
  mutation SubmitConsortium($input: SubmitResponseInput!) { submitResponse(input: $input) { ...KoperasiResponseFields } }
`, [KoperasiResponseFields]);

export const ReviseConsortium = graphql(`
  mutation ReviseConsortium($id: ID!, $expectedVersion: Int, $input: ResponseTermsInput!) {
    reviseResponse(id: $id, expectedVersion: $expectedVersion, input: $input) { ...KoperasiResponseFields }
  }
`, [KoperasiResponseFields]);

export type RespondNeed = ResultOf<typeof RespondNeedQuery>["need"];
export type Terms = VariablesOf<typeof ReviseConsortium>["input"];
