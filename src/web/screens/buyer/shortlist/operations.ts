/** The buyer's shortlist operations: candidates with their samples, and each step of the loop. */
import { type ResultOf, graphql } from "../../../graphql";

export const ShortlistQuery = graphql(`
  query Shortlist($needId: ID!) {
    need(id: $needId) {
      id status version
      shortlist(includeDecided: true) {
        id kind status note reason createdAt
        koperasi { id name }
        response { id }
        members { quantityPerMonth ikm { id legalName } }
        samples {
          id status version pieces dueDate submittedAt late overdue decisionReason submissionNote
          ikm { id legalName }
          items { code title required documentUrl }
        }
      }
    }
  }
`);

export type Candidate = NonNullable<ResultOf<typeof ShortlistQuery>["need"]["shortlist"]>[number];
export type Sample = Candidate["samples"][number];

export const ShortlistCandidate = graphql(`
  mutation ShortlistCandidate($input: ShortlistCandidateInput!) { shortlistCandidate(input: $input) { id status } }
`);

export const RemoveCandidate = graphql(`
  mutation RemoveCandidate($id: ID!, $reason: String!) { removeCandidate(id: $id, reason: $reason) { id status reason } }
`);

export const RequestSamples = graphql(`
  mutation RequestSamples($input: RequestSamplesInput!) { requestSamples(input: $input) { id status } }
`);

export const DecideSample = graphql(`
  mutation DecideSample($id: ID!, $version: Int!, $input: DecideSampleInput!) {
    decideSample(id: $id, expectedVersion: $version, input: $input) { id status version }
  }
`);

export const AwardNeed = graphql(`
  mutation AwardNeed($input: AwardNeedInput!) {
    awardNeed(input: $input) { need { id status } candidate { id status } partnerships { id status quantityPerMonth ikm { legalName } } }
  }
`);
