import DataLoader from "dataloader";
import type { Database, Repositories } from "../infra/db/repositories/index.js";
import type { Assessment, Capability, Certification, ComponentNeed, DeliveryRecord, FiveRAudit, Firm, Foundation, Ikm, IkmKbli, Koperasi, Machine, Mentorship, NeedResponse, NeedResponseMember, NeedResponseRevision, NeedResponseRevisionMember, NeedStatusChange, Partnership, Sentra, ShortlistCandidate, ShortlistMember, StageChange, User } from "../infra/db/models.js";
import type { ClusterMember } from "../infra/db/repositories/loaders.repository.js";
import type { SampleChecklistItem, SampleRequest } from "../infra/db/models.js";
import type { SampleWithFirm } from "../infra/db/repositories/sample.repository.js";
import { needScope } from "../access/needs.js";
import { ownFirmOnly } from "../access/partnerships.js";
import type { Services } from "../features/index.js";
import type { SharedFacility } from "../core/supply/programmes.js";
import type { MatchResult, SupplierProfile } from "../core/matching/types.js";
import type { Viewer } from "../access/viewer.js";
import type { Projection } from "../infra/db/sql/loaders.js";

/** One row per key, in key order (null where missing). */
function byId<T extends { id: string }>(fetch: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await fetch([...ids]);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/**
 * Hands rows a list query already read to the by-id loader of their type, so a field asking for one
 * of them again in this request (a need's firm on a page of firms) reads nothing. A list reads the
 * same columns as the loader (infra/db/sql), so the row is the one the loader would have read.
 */
export function primeRows<T extends { id: string }>(loader: DataLoader<string, T | null>, rows: readonly T[]): void {
  for (const row of rows) loader.prime(row.id, row);
}

/** All rows per key, in key order (empty where none). */
function grouped<T>(fetch: (ids: string[]) => Promise<T[]>, keyOf: (row: T) => string) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await fetch([...ids]);
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = map.get(key);
      if (list) list.push(row);
      else map.set(key, [row]);
    }
    return ids.map((id) => map.get(id) ?? []);
  });
}

function counted(fetch: (ids: string[]) => Promise<{ key: string; count: number }[]>) {
  return new DataLoader<string, number>(async (ids) => {
    const rows = await fetch([...ids]);
    const map = new Map(rows.map((r) => [r.key, r.count]));
    return ids.map((id) => map.get(id) ?? 0);
  });
}

interface LoaderDeps {
  repos: Repositories;
  services: Services;
  viewer: Viewer;
}

/**
 * How to make each loader, defined once. Every nested read of a list goes through one of these, so
 * a page of 50 firms with their needs costs one statement per relation, not one per firm (see
 * test/integration/n-plus-one). The statements are LoaderRepository's (src/infra/db/repositories).
 */
const FACTORIES = {
    firm: ({ repos }: LoaderDeps) => byId<Firm>((ids) => repos.loaders.firms(ids)),
    ikm: ({ repos }: LoaderDeps) => byId<Ikm>((ids) => repos.loaders.ikms(ids)),
    /** IKMs a page of matches names, whole rows: remembered by the match index until it applies a change to them. */
    matchedIkm: ({ repos, services }: LoaderDeps) => byId<Ikm>((ids) => services.matching.matchedIkms(ids, (missing) => repos.loaders.ikms(missing))),
    /** Needs by id, unfiltered: only for needs the caller has already checked the viewer may see. */
    need: ({ repos }: LoaderDeps) => byId<ComponentNeed>((ids) => repos.loaders.needs(ids)),
    user: ({ repos }: LoaderDeps) => byId<User>((ids) => repos.loaders.users(ids)),
    /** The needs of each firm the viewer may see (access/needs.ts, needScope decides); none for anonymous viewers. */
    needsByFirm: ({ repos, viewer }: LoaderDeps) => {
      const scope = viewer.kind === "user" ? needScope(viewer) : null;
      return grouped<ComponentNeed>(
        (ids) => (scope ? repos.loaders.visibleNeedsOfFirms(ids, scope) : Promise.resolve([])),
        (n) => n.firmId,
      );
    },
    membersByFirm: ({ repos }: LoaderDeps) => grouped<User>((ids) => repos.loaders.membersOfFirms(ids), (u) => u.firmId as string),
    statusChangesByNeed: ({ repos }: LoaderDeps) => grouped<NeedStatusChange>((ids) => repos.loaders.statusChangesOfNeeds(ids), (c) => c.needId),
    capabilitiesByIkm: ({ repos }: LoaderDeps) => grouped<Capability>((ids) => repos.loaders.capabilitiesOfIkms(ids), (c) => c.ikmId),
    machinesByIkm: ({ repos }: LoaderDeps) => grouped<Machine>((ids) => repos.loaders.machinesOfIkms(ids), (m) => m.ikmId),
    certificationsByIkm: ({ repos }: LoaderDeps) => grouped<Certification>((ids) => repos.loaders.certificationsOfIkms(ids), (c) => c.ikmId),
    fiveRByIkm: ({ repos }: LoaderDeps) => grouped<FiveRAudit>((ids) => repos.loaders.fiveRAuditsOfIkms(ids), (a) => a.ikmId),
    deliveriesByIkm: ({ repos }: LoaderDeps) => grouped<DeliveryRecord>((ids) => repos.loaders.deliveriesOfIkms(ids), (d) => d.ikmId),
    kbliByIkm: ({ repos }: LoaderDeps) => grouped<IkmKbli>((ids) => repos.loaders.kbliOfIkms(ids), (k) => k.ikmId),
    sentrasByIkm: ({ repos }: LoaderDeps) => grouped<Sentra & { ikmId: string }>((ids) => repos.loaders.sentrasOfIkms(ids), (s) => s.ikmId),
    koperasisByIkm: ({ repos }: LoaderDeps) => grouped<Koperasi & { ikmId: string }>((ids) => repos.loaders.koperasisOfIkms(ids), (k) => k.ikmId),
    membersBySentra: ({ repos }: LoaderDeps) => grouped<ClusterMember>((ids) => repos.loaders.membersOfSentras(ids), (i) => i.clusterId),
    membersByKoperasi: ({ repos }: LoaderDeps) => grouped<ClusterMember>((ids) => repos.loaders.membersOfKoperasis(ids), (i) => i.clusterId),
    memberCountBySentra: ({ repos }: LoaderDeps) => counted((ids) => repos.loaders.memberCountsOfSentras(ids)),
    memberCountByKoperasi: ({ repos }: LoaderDeps) => counted((ids) => repos.loaders.memberCountsOfKoperasis(ids)),
    foundation: ({ repos }: LoaderDeps) => byId<Foundation>((ids) => repos.loaders.foundations(ids)),
    centresByFoundation: ({ repos }: LoaderDeps) => grouped<Foundation>((ids) => repos.loaders.centresOfFoundations(ids), (f) => f.parentId as string),
    /** Each foundation with every regional centre below it (MaturityService.scopeOf, batched): one statement per batch. */
    foundationScope: ({ repos }: LoaderDeps) => grouped<{ root: string; id: string }>((ids) => repos.loaders.foundationScopes(ids), (r) => r.root),
    mentorshipsByIkm: ({ repos }: LoaderDeps) => grouped<Mentorship>((ids) => repos.loaders.mentorshipsOfIkms(ids), (m) => m.ikmId),
    assessmentsByIkm: ({ repos }: LoaderDeps) => grouped<Assessment>((ids) => repos.loaders.assessmentsOfIkms(ids), (a) => a.ikmId),
    stageChangesByIkm: ({ repos }: LoaderDeps) => grouped<StageChange>((ids) => repos.loaders.stageChangesOfIkms(ids), (c) => c.ikmId),
    sentra: ({ repos }: LoaderDeps) => byId<Sentra>((ids) => repos.loaders.sentras(ids)),
    koperasi: ({ repos }: LoaderDeps) => byId<Koperasi>((ids) => repos.loaders.koperasis(ids)),
    /** Matcher profiles (capabilities, clusters) by IKM id: one statement per batch. */
    supplierProfile: ({ services }: LoaderDeps) => byId<SupplierProfile>((ids) => services.supply.profiles(ids)),
    /** Shared facilities (factory sharing) of each IKM's koperasi and sentra: one statement per batch. */
    sharedFacilitiesByIkm: ({ services }: LoaderDeps) =>
      new DataLoader<string, SharedFacility[]>(async (ids) => {
        const map = await services.supply.sharedFacilities(ids);
        return ids.map((id) => map.get(id) ?? []);
      }),
    /**
     * Partnerships of each IKM, newest start first. A firm member's loader reads only their own
     * firm's (access/partnerships.ts, ownFirmOnly: the field shows them no others); everyone else's reads all, for the field to decide.
     */
    partnershipsByIkm: ({ repos, viewer }: LoaderDeps) => {
      const firmId = ownFirmOnly(viewer) ?? undefined;
      return grouped<Partnership>((ids) => repos.loaders.partnershipsOfIkms(ids, firmId), (p) => p.ikmId);
    },
    /** Partnerships of each firm, newest start first: for callers that checked the viewer may see them. */
    partnershipsByFirm: ({ repos }: LoaderDeps) => grouped<Partnership>((ids) => repos.loaders.partnershipsOfFirms(ids), (p) => p.firmId),
    /** Deliveries under each partnership, oldest month first: for partnerships the viewer was shown. */
    deliveriesByPartnership: ({ repos }: LoaderDeps) => grouped<DeliveryRecord>((ids) => repos.loaders.deliveriesOfPartnerships(ids), (d) => d.partnershipId as string),
    /** Foundations actively mentoring each IKM, and those above them: decides who sees its private figures. */
    mentoringFoundationsByIkm: ({ repos }: LoaderDeps) => grouped<{ ikmId: string; foundationId: string }>((ids) => repos.ikms.mentoringFoundations(ids), (m) => m.ikmId),
    /**
     * The first page of responses of each need, keyed by ResponsePageKey (JSON): the needs of a batch
     * that ask the same way (one IKM's, one koperasi's or all, withdrawn or not, page size) in one statement.
     */
    responsePageByNeed: ({ repos }: LoaderDeps) =>
      new DataLoader<string, NeedResponse[]>(async (keys) => {
        const asked = keys.map((k) => JSON.parse(k) as [needId: string, ikmId: string | null, includeWithdrawn: boolean, limit: number, koperasiId: string | null]);
        const found = new Map<string, NeedResponse[]>();
        for (const group of new Set(asked.map(([, ...how]) => JSON.stringify(how)))) {
          const [ikmId, includeWithdrawn, limit, koperasiId] = JSON.parse(group) as [string | null, boolean, number, string | null];
          const needIds = asked.filter(([, ...how]) => JSON.stringify(how) === group).map(([needId]) => needId);
          for (const row of await repos.loaders.responsesOfNeeds(needIds, ikmId, includeWithdrawn, limit, koperasiId)) {
            const key = JSON.stringify([row.needId, ikmId, includeWithdrawn, limit, koperasiId]);
            found.set(key, [...(found.get(key) ?? []), row]);
          }
        }
        return keys.map((k) => found.get(k) ?? []);
      }),
    /** Response counts of each need, keyed JSON [needId, ikmId, includeWithdrawn, koperasiId]. */
    responseCountByNeed: ({ repos }: LoaderDeps) =>
      new DataLoader<string, number>(async (keys) => {
        const asked = keys.map((k) => JSON.parse(k) as [string, string | null, boolean, string | null]);
        const counts = new Map<string, number>();
        for (const group of new Set(asked.map(([, ...how]) => JSON.stringify(how)))) {
          const [ikmId, includeWithdrawn, koperasiId] = JSON.parse(group) as [string | null, boolean, string | null];
          const needIds = asked.filter(([, ...how]) => JSON.stringify(how) === group).map(([needId]) => needId);
          for (const { key, count } of await repos.loaders.responseCountsOfNeeds(needIds, ikmId, includeWithdrawn, koperasiId)) counts.set(JSON.stringify([key, ikmId, includeWithdrawn, koperasiId]), count);
        }
        return keys.map((k) => counts.get(k) ?? 0);
      }),
    /** Revisions of each response, oldest first: for callers that checked the viewer sees the response. */
    revisionsByResponse: ({ repos }: LoaderDeps) => grouped<NeedResponseRevision>((ids) => repos.loaders.revisionsOfResponses(ids), (r) => r.responseId),
    /** Members and shares of each consortium response now: for callers that checked the viewer sees the response. */
    membersByResponse: ({ repos }: LoaderDeps) => grouped<NeedResponseMember>((ids) => repos.responses.membersOf(ids), (m) => m.responseId),
    /** Members and shares each consortium response's revision had: for callers that checked the viewer sees the response. */
    membersByRevision: ({ repos }: LoaderDeps) => grouped<NeedResponseRevisionMember>((ids) => repos.responses.revisionMembersOf(ids), (m) => m.revisionId),
    /**
     * A responder's match for a need, keyed `needId:ikmId` (for callers that checked the viewer sees
     * the response): the needs of a batch in one statement, the suppliers scored from the match index.
     */
    responseMatch: ({ repos, services }: LoaderDeps) =>
      new DataLoader<string, MatchResult | null>(async (keys) => {
        const pairs = keys.map((k) => k.split(":") as [string, string]);
        const needs = await repos.loaders.needs([...new Set(pairs.map(([needId]) => needId))]);
        const scored = new Map<string, Map<string, MatchResult>>();
        for (const need of needs) {
          const ikmIds = [...new Set(pairs.filter(([needId]) => needId === need.id).map(([, ikmId]) => ikmId))];
          scored.set(need.id, await services.matching.scoreFor(need, ikmIds));
        }
        return pairs.map(([needId, ikmId]) => scored.get(needId)?.get(ikmId) ?? null);
      }),
    /** Sample requests by id, unfiltered: for callers that checked the viewer may see them. */
    sample: ({ repos }: LoaderDeps) => byId<SampleRequest>((ids) => repos.samples.byIds(ids)),
    /** Checklist items of each sample, in its order: for samples the viewer was shown. */
    sampleItemsBySample: ({ repos }: LoaderDeps) => grouped<SampleChecklistItem>((ids) => repos.samples.itemsOfSamples(ids), (i) => i.sampleId),
    /** Samples of each shortlist candidate, newest first, with their need's firm (the field filters by access/samples.ts). */
    samplesByCandidate: ({ repos }: LoaderDeps) => grouped<SampleWithFirm>((ids) => repos.samples.samplesOfCandidates(ids), (s) => s.candidateId),
    /** Samples asked of each IKM, newest first: for callers that checked the viewer sees the IKM's private side. */
    samplesByIkm: ({ repos }: LoaderDeps) => grouped<SampleRequest>((ids) => repos.samples.samplesOfIkms(ids), (s) => s.ikmId),
    /** Samples of each need, newest first: for callers that checked the viewer manages the need. */
    samplesByNeed: ({ repos }: LoaderDeps) => grouped<SampleRequest>((ids) => repos.samples.samplesOfNeeds(ids), (s) => s.needId),
    /** Shortlist candidates by id, unfiltered: for callers that checked the viewer sees a sample of it. */
    sampleCandidate: ({ repos }: LoaderDeps) => byId<ShortlistCandidate>((ids) => repos.samples.candidates(ids)),
    /** Shortlist candidates of each need, oldest first: for callers that checked the viewer sees the shortlist. */
    candidatesByNeed: ({ repos }: LoaderDeps) => grouped<ShortlistCandidate>((ids) => repos.shortlist.candidatesOfNeeds(ids), (c) => c.needId),
    /** Members of each candidate, in IKM id order. */
    membersByCandidate: ({ repos }: LoaderDeps) => grouped<ShortlistMember>((ids) => repos.shortlist.membersOfCandidates(ids), (m) => m.candidateId),
    /** The candidacies of each IKM, newest first: for callers that checked the viewer sees the IKM's private side. */
    candidaciesByIkm: ({ repos }: LoaderDeps) => grouped<ShortlistCandidate & { memberIkmId: string }>((ids) => repos.shortlist.candidaciesOfIkms(ids), (c) => c.memberIkmId),
    /** Partnerships created for each need (an award's), oldest first: the caller filters what the viewer sees. */
    partnershipsByNeed: ({ repos }: LoaderDeps) => grouped<Partnership>((ids) => repos.shortlist.partnershipsOfNeeds(ids), (p) => p.needId as string),
    /** Responses by id, unfiltered: for a candidate the viewer was shown. */
    response: ({ repos }: LoaderDeps) => byId<NeedResponse>((ids) => repos.responses.byIds(ids)),
};

/** Relations whose rows may be read narrowed (projection.ts), and how. */
const NARROWED = {
  capabilitiesByIkm: (repos: Repositories, projection: Projection) =>
    grouped<Capability>((ids) => repos.loaders.capabilitiesOfIkms(ids, projection), (c) => c.ikmId),
  certificationsByIkm: (repos: Repositories, projection: Projection) =>
    grouped<Certification>((ids) => repos.loaders.certificationsOfIkms(ids, projection), (c) => c.ikmId),
};
type Narrowed = { readonly [K in keyof typeof NARROWED]: ReturnType<(typeof NARROWED)[K]> };

type LoaderSet = { readonly [K in keyof typeof FACTORIES]: ReturnType<(typeof FACTORIES)[K]> } & {
  /**
   * The loader of `relation` reading `projection`'s columns (one per relation and column set in a
   * request, apart from the whole-row loader of the same name); null: the whole-row loader.
   */
  narrowed<K extends keyof Narrowed>(relation: K, projection: Projection | null): Narrowed[K];
};

/**
 * Per-request loaders, made on first use: each HTTP request and each subscription event gets a fresh
 * set (so no data outlives its viewer), and one that reads two relations builds two loaders, not
 * thirty. Creating a set is one small object; the getters live on the prototype.
 */
class LazyLoaders {
  /** Narrowed loaders by relation and projection (projection.ts hands out one array per column set). */
  private narrowedLoaders: Map<string, Map<Projection, unknown>> | null = null;

  constructor(readonly deps: LoaderDeps) {}

  narrowed<K extends keyof Narrowed>(relation: K, projection: Projection | null): Narrowed[K] {
    if (!projection) return (this as unknown as LoaderSet)[relation] as Narrowed[K];
    this.narrowedLoaders ??= new Map();
    let byProjection = this.narrowedLoaders.get(relation);
    if (!byProjection) this.narrowedLoaders.set(relation, (byProjection = new Map()));
    let loader = byProjection.get(projection);
    if (!loader) byProjection.set(projection, (loader = NARROWED[relation](this.deps.repos, projection)));
    return loader as Narrowed[K];
  }
}
for (const key of Object.keys(FACTORIES) as (keyof typeof FACTORIES)[]) {
  Object.defineProperty(LazyLoaders.prototype, key, {
    get(this: LazyLoaders) {
      const value = FACTORIES[key](this.deps);
      Object.defineProperty(this, key, { value, enumerable: true });
      return value;
    },
  });
}

export function createLoaders(database: Database, services: Services, viewer: Viewer): LoaderSet {
  return new LazyLoaders({ repos: database.repos, services, viewer }) as unknown as LoaderSet;
}

export type Loaders = ReturnType<typeof createLoaders>;
