import DataLoader from "dataloader";
import type { Database, Repositories } from "../infra/db/repositories/index.js";
import type { Assessment, Capability, Certification, ComponentNeed, DeliveryRecord, FiveRAudit, Firm, Foundation, Ikm, IkmKbli, Koperasi, Machine, Mentorship, NeedStatusChange, Partnership, Sentra, StageChange, User } from "../infra/db/models.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { scopeCte } from "../infra/db/foundation-tree.js";
import type { Services } from "../features/index.js";
import type { SharedFacility } from "../core/supply/programmes.js";
import type { SupplierProfile } from "../core/matching/types.js";
import type { Viewer } from "../access/viewer.js";

/** One row per key, in key order (null where missing). */
function byId<T extends { id: string }>(fetch: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await fetch([...ids]);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
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
  db: PrismaClient;
  repos: Repositories;
  services: Services;
  viewer: Viewer;
}

/**
 * How to make each loader, defined once. Every nested read of a list goes through one of these, so
 * a page of 50 firms with their needs costs one statement per relation, not one per firm (see
 * test/integration/n-plus-one).
 */
const FACTORIES = {
    firm: ({ db }: LoaderDeps) => byId<Firm>((ids) => db.firm.findMany({ where: { id: { in: ids } } })),
    ikm: ({ db }: LoaderDeps) => byId<Ikm>((ids) => db.ikm.findMany({ where: { id: { in: ids } } })),
    /** Needs by id, unfiltered: only for needs the caller has already checked the viewer may see. */
    need: ({ db }: LoaderDeps) => byId<ComponentNeed>((ids) => db.componentNeed.findMany({ where: { id: { in: ids } } })),
    user: ({ db }: LoaderDeps) => byId<User>((ids) => db.user.findMany({ where: { id: { in: ids } } })),
    needsByFirm: ({ db, services, viewer }: LoaderDeps) => {
      const needsVisible = viewer.kind === "user" ? services.needs.visibleWhere(viewer) : null;
      return grouped<ComponentNeed>(
        (ids) =>
          needsVisible
            ? db.componentNeed.findMany({
                where: { AND: [{ firmId: { in: ids } }, needsVisible] },
                orderBy: [{ createdAt: "desc" }, { id: "desc" }],
              })
            : Promise.resolve([]),
        (n) => n.firmId,
      );
    },
    membersByFirm: ({ db }: LoaderDeps) => grouped<User>(
      (ids) => db.user.findMany({ where: { firmId: { in: ids } }, orderBy: { name: "asc" } }),
      (u) => u.firmId as string,
    ),
    statusChangesByNeed: ({ db }: LoaderDeps) => grouped<NeedStatusChange>(
      (ids) => db.needStatusChange.findMany({ where: { needId: { in: ids } }, orderBy: [{ changedAt: "asc" }, { id: "asc" }] }),
      (c) => c.needId,
    ),
    capabilitiesByIkm: ({ db }: LoaderDeps) => grouped<Capability>(
      (ids) => db.capability.findMany({ where: { ikmId: { in: ids } }, orderBy: { process: "asc" } }),
      (c) => c.ikmId,
    ),
    machinesByIkm: ({ db }: LoaderDeps) => grouped<Machine>(
      (ids) => db.machine.findMany({ where: { ikmId: { in: ids } }, orderBy: [{ type: "asc" }, { id: "asc" }] }),
      (m) => m.ikmId,
    ),
    certificationsByIkm: ({ db }: LoaderDeps) => grouped<Certification>(
      (ids) => db.certification.findMany({ where: { ikmId: { in: ids } }, orderBy: [{ type: "asc" }, { validFrom: "desc" }] }),
      (c) => c.ikmId,
    ),
    fiveRByIkm: ({ db }: LoaderDeps) => grouped<FiveRAudit>(
      (ids) => db.fiveRAudit.findMany({ where: { ikmId: { in: ids } }, orderBy: [{ auditedOn: "desc" }, { id: "asc" }] }),
      (a) => a.ikmId,
    ),
    deliveriesByIkm: ({ db }: LoaderDeps) => grouped<DeliveryRecord>(
      (ids) => db.deliveryRecord.findMany({ where: { ikmId: { in: ids } }, orderBy: [{ month: "desc" }, { id: "asc" }] }),
      (d) => d.ikmId,
    ),
    kbliByIkm: ({ db }: LoaderDeps) => grouped<IkmKbli>(
      (ids) => db.ikmKbli.findMany({ where: { ikmId: { in: ids } }, orderBy: { code: "asc" } }),
      (k) => k.ikmId,
    ),
    sentrasByIkm: ({ db }: LoaderDeps) => grouped<Sentra & { ikmId: string }>(
      async (ids) =>
        (await db.sentraMembership.findMany({ where: { ikmId: { in: ids } }, include: { sentra: true } })).map((m) => ({
          ...m.sentra,
          ikmId: m.ikmId,
        })),
      (s) => s.ikmId,
    ),
    koperasisByIkm: ({ db }: LoaderDeps) => grouped<Koperasi & { ikmId: string }>(
      async (ids) =>
        (await db.koperasiMembership.findMany({ where: { ikmId: { in: ids } }, include: { koperasi: true } })).map((m) => ({
          ...m.koperasi,
          ikmId: m.ikmId,
        })),
      (k) => k.ikmId,
    ),
    membersBySentra: ({ db }: LoaderDeps) => grouped<Ikm & { clusterId: string }>(
      async (ids) =>
        (await db.sentraMembership.findMany({ where: { sentraId: { in: ids } }, include: { ikm: true }, orderBy: { ikm: { legalName: "asc" } } })).map(
          (m) => ({ ...m.ikm, clusterId: m.sentraId }),
        ),
      (i) => i.clusterId,
    ),
    membersByKoperasi: ({ db }: LoaderDeps) => grouped<Ikm & { clusterId: string }>(
      async (ids) =>
        (await db.koperasiMembership.findMany({ where: { koperasiId: { in: ids } }, include: { ikm: true }, orderBy: { ikm: { legalName: "asc" } } })).map(
          (m) => ({ ...m.ikm, clusterId: m.koperasiId }),
        ),
      (i) => i.clusterId,
    ),
    memberCountBySentra: ({ db }: LoaderDeps) => counted(async (ids) =>
      (await db.sentraMembership.groupBy({ by: ["sentraId"], where: { sentraId: { in: ids } }, _count: { _all: true } })).map((g) => ({
        key: g.sentraId,
        count: g._count._all,
      })),
    ),
    memberCountByKoperasi: ({ db }: LoaderDeps) => counted(async (ids) =>
      (await db.koperasiMembership.groupBy({ by: ["koperasiId"], where: { koperasiId: { in: ids } }, _count: { _all: true } })).map((g) => ({
        key: g.koperasiId,
        count: g._count._all,
      })),
    ),
    foundation: ({ db }: LoaderDeps) => byId<Foundation>((ids) => db.foundation.findMany({ where: { id: { in: ids } } })),
    centresByFoundation: ({ db }: LoaderDeps) => grouped<Foundation>(
      (ids) => db.foundation.findMany({ where: { parentId: { in: ids } }, orderBy: { name: "asc" } }),
      (f) => f.parentId as string,
    ),
    /** Each foundation with every regional centre below it (MaturityService.scopeOf, batched): one statement per batch. */
    foundationScope: ({ db }: LoaderDeps) => grouped<{ root: string; id: string }>(
      (ids) => db.$queryRawUnsafe(
        `WITH RECURSIVE ${scopeCte("id = ANY($1::uuid[])")} SELECT root::text AS root, id::text AS id FROM scope`,
        ids,
      ),
      (r) => r.root,
    ),
    mentorshipsByIkm: ({ db }: LoaderDeps) => grouped<Mentorship>(
      (ids) => db.mentorship.findMany({ where: { ikmId: { in: ids } }, orderBy: [{ startedOn: "desc" }, { id: "asc" }] }),
      (m) => m.ikmId,
    ),
    assessmentsByIkm: ({ db }: LoaderDeps) => grouped<Assessment>(
      (ids) => db.assessment.findMany({ where: { ikmId: { in: ids } }, orderBy: [{ assessedOn: "desc" }, { createdAt: "desc" }, { id: "asc" }] }),
      (a) => a.ikmId,
    ),
    stageChangesByIkm: ({ db }: LoaderDeps) => grouped<StageChange>(
      (ids) => db.stageChange.findMany({ where: { ikmId: { in: ids } }, orderBy: [{ changedAt: "asc" }, { id: "asc" }] }),
      (c) => c.ikmId,
    ),
    sentra: ({ db }: LoaderDeps) => byId<Sentra>((ids) => db.sentra.findMany({ where: { id: { in: ids } } })),
    koperasi: ({ db }: LoaderDeps) => byId<Koperasi>((ids) => db.koperasi.findMany({ where: { id: { in: ids } } })),
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
     * firm's (the field shows them no others); everyone else's reads all, for the field to decide.
     */
    partnershipsByIkm: ({ db, viewer }: LoaderDeps) => grouped<Partnership>(
      (ids) => db.partnership.findMany({
        where: { ikmId: { in: ids }, ...(viewer.kind === "user" && viewer.role === "FIRM" ? { firmId: viewer.firmId ?? "00000000-0000-0000-0000-000000000000" } : {}) },
        orderBy: [{ startDate: "desc" }, { createdAt: "desc" }, { id: "asc" }],
      }),
      (p) => p.ikmId,
    ),
    /** Partnerships of each firm, newest start first: for callers that checked the viewer may see them. */
    partnershipsByFirm: ({ db }: LoaderDeps) => grouped<Partnership>(
      (ids) => db.partnership.findMany({ where: { firmId: { in: ids } }, orderBy: [{ startDate: "desc" }, { createdAt: "desc" }, { id: "asc" }] }),
      (p) => p.firmId,
    ),
    /** Foundations actively mentoring each IKM, and those above them: decides who sees its private figures. */
    mentoringFoundationsByIkm: ({ repos }: LoaderDeps) => grouped<{ ikmId: string; foundationId: string }>((ids) => repos.ikms.mentoringFoundations(ids), (m) => m.ikmId),
};

type LoaderSet = { readonly [K in keyof typeof FACTORIES]: ReturnType<(typeof FACTORIES)[K]> };

/**
 * Per-request loaders, made on first use: each HTTP request and each subscription event gets a fresh
 * set (so no data outlives its viewer), and one that reads two relations builds two loaders, not
 * thirty. Creating a set is one small object; the getters live on the prototype.
 */
class LazyLoaders {
  constructor(readonly deps: LoaderDeps) {}
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
  return new LazyLoaders({ db: database.prisma, repos: database.repos, services, viewer }) as unknown as LoaderSet;
}

export type Loaders = ReturnType<typeof createLoaders>;
