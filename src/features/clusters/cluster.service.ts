import type { Database } from "../../infra/db/repositories/index.js";
import { z } from "zod";
import type { Koperasi, Sentra } from "../../infra/db/models.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { Process } from "../../domain/enums.js";
import { notFound } from "../../domain/errors.js";
import type { IkmService } from "../ikms/ikm.service.js";
import { type PageArgs, paginate } from "../../domain/pagination.js";
import { parseInput, regionCode, text } from "../common/validation.js";
import { type Viewer, forbidden, requireUser } from "../../access/viewer.js";
import { regionWhere } from "../../infra/db/repositories/filters.js";

const sentraSchema = z.object({
  name: text(),
  regionCode,
  product: text(),
  process: z.enum(Process),
  rawMaterial: text(),
});

const koperasiSchema = z.object({
  name: text(),
  regionCode,
  registrationNumber: z.string().trim().min(3).max(60).nullish(),
  offtaker: z.boolean().default(false),
  sharedFacility: z.boolean().default(false),
});

export type ClusterKind = "sentra" | "koperasi";

/** Sentra IKM and koperasi: who may create them, and memberships of IKMs in them. */
export class ClusterService {
  /** Transitional: the ORM client, until every query of this service sits in a repository. */
  private get db() {
    return this.database.prisma;
  }

  constructor(
    private readonly database: Database,
    private readonly ikms: IkmService,
  ) {}

  /** Sentra are registered by administrators and by mentoring foundations. */
  createSentra(viewer: Viewer, input: unknown): Promise<Sentra> {
    const user = requireUser(viewer);
    if (user.role !== "ADMIN" && user.role !== "FOUNDATION") throw forbidden("register a sentra");
    return this.db.sentra.create({ data: parseInput(sentraSchema, input) });
  }

  /** Koperasi are registered by administrators (a koperasi is a legal entity with a registration). */
  createKoperasi(viewer: Viewer, input: unknown): Promise<Koperasi> {
    const user = requireUser(viewer);
    if (user.role !== "ADMIN") throw forbidden("register a koperasi");
    const data = parseInput(koperasiSchema, input);
    return this.db.koperasi.create({ data: { ...data, registrationNumber: data.registrationNumber ?? null } });
  }

  /** Adds the IKM to the cluster; joining twice is harmless. Whoever may edit the IKM may do it. */
  async join(viewer: Viewer, kind: ClusterKind, clusterId: string, ikmId: string): Promise<void> {
    await this.ikms.assertCanEdit(viewer, ikmId);
    await this.assertExists(kind, clusterId);
    if (kind === "sentra") {
      await this.db.sentraMembership.upsert({
        where: { sentraId_ikmId: { sentraId: clusterId, ikmId } },
        create: { sentraId: clusterId, ikmId },
        update: {},
      });
    } else {
      await this.db.koperasiMembership.upsert({
        where: { koperasiId_ikmId: { koperasiId: clusterId, ikmId } },
        create: { koperasiId: clusterId, ikmId },
        update: {},
      });
    }
    await this.ikms.changes.ikmsChanged([ikmId]); // the matcher re-reads its koperasi peers too
  }

  async leave(viewer: Viewer, kind: ClusterKind, clusterId: string, ikmId: string): Promise<void> {
    await this.ikms.assertCanEdit(viewer, ikmId);
    await this.assertExists(kind, clusterId);
    if (kind === "sentra") {
      await this.db.sentraMembership.deleteMany({ where: { sentraId: clusterId, ikmId } });
      await this.ikms.changes.ikmsChanged([ikmId]);
    } else {
      await this.db.koperasiMembership.deleteMany({ where: { koperasiId: clusterId, ikmId } });
      // The members left behind lose this IKM's processes from their peers.
      const peers = await this.db.koperasiMembership.findMany({ where: { koperasiId: clusterId }, select: { ikmId: true } });
      await this.ikms.changes.ikmsChanged([ikmId, ...peers.map((p) => p.ikmId)]);
    }
  }

  getSentra(id: string) {
    return this.db.sentra.findUnique({ where: { id } });
  }

  getKoperasi(id: string) {
    return this.db.koperasi.findUnique({ where: { id } });
  }

  listSentras(args: PageArgs, filter: { regionCode?: string | null; process?: Process | null } = {}) {
    const where = {
      AND: [filter.regionCode ? regionWhere(filter.regionCode) : {}, filter.process ? { process: filter.process } : {}],
    };
    return paginate<Sentra>(
      args,
      { field: "name", direction: "asc", kind: "string", valueOf: (s) => s.name, idOf: (s) => s.id },
      (q) => this.db.sentra.findMany({ ...q, where: { AND: [where, q.where] } }),
      () => this.db.sentra.count({ where }),
    );
  }

  listKoperasis(args: PageArgs, filter: { regionCode?: string | null } = {}) {
    const where = filter.regionCode ? regionWhere(filter.regionCode) : {};
    return paginate<Koperasi>(
      args,
      { field: "name", direction: "asc", kind: "string", valueOf: (k) => k.name, idOf: (k) => k.id },
      (q) => this.db.koperasi.findMany({ ...q, where: { AND: [where, q.where] } }),
      () => this.db.koperasi.count({ where }),
    );
  }

  private async assertExists(kind: ClusterKind, id: string): Promise<void> {
    const found =
      kind === "sentra"
        ? await this.db.sentra.findUnique({ where: { id }, select: { id: true } })
        : await this.db.koperasi.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw notFound(kind === "sentra" ? "Sentra" : "Koperasi", id);
  }
}
