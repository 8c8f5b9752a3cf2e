import "reflect-metadata";
import { type GraphQLField, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from "graphql";
import { type BuildSchemaOptions, buildSchema } from "type-graphql";
import { AccountResolver } from "../features/accounts/account.resolver.js";
import { type PubSub, createLocalPubSub } from "../infra/events/bus.js";
import { authChecker } from "./auth-checker.js";
import { useDirectResolvers } from "./direct-resolvers.js";
import { KoperasiResolver, SentraResolver } from "../features/clusters/cluster.resolver.js";
import { FirmResolver } from "../features/firms/firm.resolver.js";
import { CapabilityResolver, FiveRAuditResolver, IkmResolver, MachineResolver } from "../features/ikms/ikm.resolver.js";
import { DeliveryResolver, PartnershipDeliveriesResolver } from "../features/deliveries/delivery.resolver.js";
import { LapsingResolver } from "../features/lapsing/lapsing.resolver.js";
import { LapsingSubscriptionResolver } from "../features/lapsing/lapsing.subscription.js";
import { MatchGapResolver, MatchResolver, ProcessTaxonomyResolver, RequirementCheckResolver } from "../features/matching/match.resolver.js";
import {
  AssessmentResolver, FoundationDashboardResolver, FoundationResolver, IkmMaturityResolver, MentorshipResolver, StageChangeResolver,
} from "../features/maturity/maturity.resolver.js";
import { MaturitySubscriptionResolver } from "../features/maturity/maturity.subscription.js";
import { NeedResolver } from "../features/needs/need.resolver.js";
import { NeedSubscriptionResolver } from "../features/needs/need.subscription.js";
import { NodeResolver } from "./node.resolver.js";
import { FirmPartnershipsResolver, IkmPartnershipsResolver, PartnershipResolver } from "../features/partnerships/partnership.resolver.js";
import { IkmResponsesResolver, NeedResponsesResolver, ResponseResolver } from "../features/responses/response.resolver.js";
import { ResponseSubscriptionResolver } from "../features/responses/response.subscription.js";
import { CandidateSamplesResolver, IkmSamplesResolver, NeedSamplesResolver, SampleResolver } from "../features/samples/sample.resolver.js";
import { IkmCandidaciesResolver, NeedShortlistResolver, ShortlistMemberResolver, ShortlistResolver } from "../features/shortlist/shortlist.resolver.js";
import { CandidacySubscriptionResolver } from "../features/shortlist/candidacy.subscription.js";
import { VocabularyResolver } from "../features/vocabulary/vocabulary.resolver.js";
import { ConsortiumShareResolver, KoperasiResponsesResolver, ResponseRevisionMembersResolver } from "../features/responses/response.consortium.js";
import {
  AllocationAssignmentResolver, AllocationShortfallResolver, ConsortiumMemberResolver, ConsortiumProposalsResolver, IkmLoadResolver,
  NeedAllocationResolver, SingleSupplierResolver, SupplierMatchPathsResolver, SupplyClusterResolver, SupplyResolver,
} from "../features/supply/supply.resolver.js";

const resolvers = [
  AccountResolver, FirmResolver, NeedResolver, NeedSubscriptionResolver, IkmResolver, CapabilityResolver, MachineResolver,
  FiveRAuditResolver, SentraResolver, KoperasiResolver, NodeResolver, MatchResolver, FoundationResolver,
  FoundationDashboardResolver, MentorshipResolver, AssessmentResolver, StageChangeResolver, IkmMaturityResolver,
  MaturitySubscriptionResolver, SupplyResolver, SupplyClusterResolver, ConsortiumProposalsResolver, ConsortiumMemberResolver,
  SingleSupplierResolver, AllocationAssignmentResolver, IkmLoadResolver, NeedAllocationResolver, AllocationShortfallResolver,
  SupplierMatchPathsResolver, PartnershipResolver, IkmPartnershipsResolver, FirmPartnershipsResolver,
  DeliveryResolver, PartnershipDeliveriesResolver,
  ResponseResolver, NeedResponsesResolver, IkmResponsesResolver, ResponseSubscriptionResolver,
  SampleResolver, CandidateSamplesResolver, IkmSamplesResolver, NeedSamplesResolver,
  ShortlistResolver, ShortlistMemberResolver, NeedShortlistResolver, IkmCandidaciesResolver, CandidacySubscriptionResolver,
  VocabularyResolver,
  ConsortiumShareResolver, ResponseRevisionMembersResolver, KoperasiResponsesResolver,
  LapsingResolver, MatchGapResolver, ProcessTaxonomyResolver, RequirementCheckResolver,
  LapsingSubscriptionResolver,
] as const;

/** The executable schema; schema.graphql is this, printed (npm run schema). */
export async function createSchema(pubSub: PubSub = createLocalPubSub()): Promise<GraphQLSchema> {
  const options: BuildSchemaOptions = {
    pubSub,
    resolvers: [...resolvers],
    authChecker,
    validate: false, // inputs are validated by the services (zod), whatever the transport
    emitSchemaFile: false,
  };
  const schema = await buildSchema(options);
  // type-graphql has no option for the root types' descriptions.
  for (const [root, description] of ROOT_DESCRIPTIONS) {
    const type = root(schema);
    if (type) type.description = description;
  }
  useDefaultResolvers(schema);
  useDirectResolvers(schema, options);
  return schema;
}

/** What `passesThrough` hands a resolver besides its root: any use of them shows the resolver does more. */
const UNTOUCHABLE = new Proxy({}, { get: () => { throw new Error("touched"); }, has: () => { throw new Error("touched"); } });

/**
 * Whether `field`'s resolver only answers its root's property of the field's name: called once with a
 * root that records what is read (and context, info and arguments that throw when touched), it must
 * read that one property, nothing else, and return it as it is, synchronously.
 */
function passesThrough(field: GraphQLField<unknown, unknown>): boolean {
  const resolve = field.resolve;
  if (!resolve) return false;
  const answer = Symbol("answer");
  const read: PropertyKey[] = [];
  const root = new Proxy({}, { get: (_, key) => (read.push(key), answer), has: () => { throw new Error("touched"); } });
  try {
    return resolve(root, UNTOUCHABLE as Record<string, unknown>, UNTOUCHABLE, UNTOUCHABLE as GraphQLResolveInfo) === answer
      && read.length === 1 && read[0] === field.name;
  } catch {
    return false;
  }
}

/**
 * type-graphql gives every plain field (a class property, no middleware, no role) a resolver that
 * builds a middleware context and returns `root[property]`: graphql-js's default resolver does the
 * same without the allocations. On a nested read of ~370 fields that wrapper was ~4% of the main
 * thread (issue 17). Every object type's field whose resolver provably passes its root's property
 * through (passesThrough) gets the default resolver; the root types and every other resolver stay.
 * Returns how many were replaced.
 */
export function useDefaultResolvers(schema: GraphQLSchema): number {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  let replaced = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || roots.has(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (passesThrough(field)) {
        field.resolve = undefined;
        replaced++;
      }
    }
  }
  return replaced;
}

const ROOT_DESCRIPTIONS: ReadonlyArray<readonly [(schema: GraphQLSchema) => GraphQLObjectType | null | undefined, string]> = [
  [(s) => s.getQueryType(), "Reads, over HTTP (POST or GET) or graphql-ws. Anonymous callers see public profiles only; see each field for who may ask."],
  [(s) => s.getMutationType(), "Writes, over HTTP POST or graphql-ws; a refused request writes nothing."],
  [(s) => s.getSubscriptionType(), "Live events over graphql-ws (same path as HTTP). Resumable ones take `after` (the last eventId received)."],
];

/** SDL of the schema, sorted so that the committed file changes only when the API does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}
`;
}
