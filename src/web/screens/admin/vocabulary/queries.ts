/**
 * What the vocabulary screen reads and writes: the process taxonomy (specific processes with their
 * names and words), how Jalin reads a word (processTerms, with the nearest known words when it knows
 * none), the words administrators added (vocabulary) and addSynonym.
 */
import { type ResultOf, graphql } from "../../../graphql";

export const AdminTaxonomyQuery = graphql(`
  query AdminTaxonomy { processTaxonomy { process specifics { code nameId nameEn words } } }
`);

export const AdminReadWordQuery = graphql(`
  query AdminReadWord($terms: [String!]!) {
    processTerms(terms: $terms) { term process specificProcess materialFamily suggestions { word label process materialFamily similarity } }
  }
`);

export const AdminAddedWordsQuery = graphql(`
  query AdminAddedWords($filter: VocabularyFilter) {
    vocabulary(first: 100, filter: $filter) {
      totalCount
      nodes { id word process specificProcess materialFamily source note addedByName createdAt }
    }
  }
`);

export const AdminAddSynonym = graphql(`
  mutation AdminAddSynonym($input: AddSynonymInput!) {
    addSynonym(input: $input) { id word process specificProcess materialFamily }
  }
`);

export type Taxonomy = ResultOf<typeof AdminTaxonomyQuery>["processTaxonomy"];
export type Reading = ResultOf<typeof AdminReadWordQuery>["processTerms"][number];
export type Suggestion = Reading["suggestions"][number];
export type AddedWord = ResultOf<typeof AdminAddedWordsQuery>["vocabulary"]["nodes"][number];
