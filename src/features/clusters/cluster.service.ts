import type { Database } from "../../infra/db/repositories/index.js";
import { z } from "zod";
import type { Koperasi, Sentra } from "../../infra/db/models.js";
import { Process } from "../../domain/enums.js";
import { notFound } from "../../domain/errors.js";
import type { IkmService } from "../ikms/ikm.service.js";
import { type PageArgs, paginate } from "../../domain/pagination.js";
import { parseInput, regionCode, text } from "../common/validation.js";
import type { Viewer } from "../../access/viewer.js";
import { assertMayCreateKoperasi, assertMayCreateSentra } from "../../access/clusters.js";

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
  private get clusters() {
    return this.database.repos.clusters;
  }

  constructor(
    private readonly database: Database,
    private readonly ikms: IkmService,
  ) {}

  /** Sentra are registered by administrators and by mentoring foundations. */
  createSentra(viewer: Viewer, input: unknown): Promise<Sentra> {
    assertMayCreateSentra(viewer);
    return this.clusters.createSentra(parseInput(sentraSchema, input));
  }

  /** Koperasi are registered by administrators (a koperasi is a legal entity with a registration). */
  createKoperasi(viewer: Viewer, input: unknown): Promise<Koperasi> {
    assertMayCreateKoperasi(viewer);
    const data = parseInput(koperasiSchema, input);
    return this.clusters.createKoperasi({ ...data, registrationNumber: data.registrationNumber ?? null });
  }

  /** Adds the IKM to the cluster; joining twice is harmless. Whoever may edit the IKM may do it. */
  async join(viewer: Viewer, kind: ClusterKind, clusterId: string, ikmId: string): Promise<void> {
    await this.ikms.assertCanEdit(viewer, ikmId);
    await this.assertExists(kind, clusterId);
    if (kind === "sentra") await this.clusters.joinSentra(clusterId, ikmId);
    else await this.clusters.joinKoperasi(clusterId, ikmId);
    await this.ikms.changes.ikmsChanged([ikmId]); // the matcher re-reads its koperasi peers too
  }

  async leave(viewer: Viewer, kind: ClusterKind, clusterId: string, ikmId: string): Promise<void> {
    await this.ikms.assertCanEdit(viewer, ikmId);
    await this.assertExists(kind, clusterId);
    if (kind === "sentra") {
      await this.clusters.leaveSentra(clusterId, ikmId);
      await this.ikms.changes.ikmsChanged([ikmId]);
    } else {
      await this.clusters.leaveKoperasi(clusterId, ikmId);
      // The members left behind lose this IKM's processes from their peers.
      const peers = await this.clusters.koperasiMemberIds(clusterId);
      await this.ikms.changes.ikmsChanged([ikmId, ...peers]);
    }
  }

  getSentra(id: string) {
    return this.clusters.findSentra(id);
  }

  getKoperasi(id: string) {
    return this.clusters.findKoperasi(id);
  }

  listSentras(args: PageArgs, filter: { regionCode?: string | null; process?: Process | null } = {}) {
    const clusters = this.clusters;
    return paginate<Sentra>(
      args,
      { field: "name", direction: "asc", kind: "string", valueOf: (s) => s.name, idOf: (s) => s.id },
      (q) => clusters.pageSentras(filter, q),
      () => clusters.countSentras(filter),
    );
  }

  listKoperasis(args: PageArgs, filter: { regionCode?: string | null } = {}) {
    const clusters = this.clusters;
    return paginate<Koperasi>(
      args,
      { field: "name", direction: "asc", kind: "string", valueOf: (k) => k.name, idOf: (k) => k.id },
      (q) => clusters.pageKoperasis(filter, q),
      () => clusters.countKoperasis(filter),
    );
  }

  private async assertExists(kind: ClusterKind, id: string): Promise<void> {
    const found = kind === "sentra" ? await this.clusters.sentraExists(id) : await this.clusters.koperasiExists(id);
    if (!found) throw notFound(kind === "sentra" ? "Sentra" : "Koperasi", id);
  }
}
