import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Ikm as IkmRow, Koperasi as KoperasiRow, Sentra as SentraRow } from "../../infra/db/models.js";
import { notFound } from "../../domain/errors.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import { LIMITS } from "../../domain/limits.js";
import { regionName } from "../../domain/regions.js";
import { PageArgs } from "../../api/common/relay.js";
import type { Context } from "../../api/context.js";
import { Ikm } from "../ikms/ikm.types.js";
import { ClusterFilterArgs, Koperasi, KoperasiConnection, KoperasiInput, Sentra, SentraConnection, SentraInput } from "./cluster.types.js";

/** PP 29/2018: a sentra IKM has at least five IKM units. */
const SENTRA_MIN_MEMBERS = 5;

@Resolver(() => Sentra)
export class SentraResolver {
  @Query(() => Sentra, { description: "A sentra IKM (public)." })
  async sentra(@Arg("id", () => ID, { description: "The sentra's global id." }) id: string, @Ctx() ctx: Context): Promise<SentraRow> {
    const row = await ctx.services.clusters.getSentra(expectId(id, "Sentra", "id"));
    if (!row) throw notFound("Sentra", id);
    return row;
  }

  @Query(() => SentraConnection, { description: "Sentra IKM by name (public)." })
  sentras(@Args(() => PageArgs) page: PageArgs, @Args(() => ClusterFilterArgs) filter: ClusterFilterArgs, @Ctx() ctx: Context) {
    return ctx.services.clusters.listSentras(page, filter);
  }

  @Authorized("ADMIN", "FOUNDATION")
  @Mutation(() => Sentra, { description: "Registers a sentra IKM (administrators and foundation members)." })
  createSentra(@Arg("input", () => SentraInput, { description: "The sentra." }) input: SentraInput, @Ctx() ctx: Context) {
    return ctx.services.clusters.createSentra(ctx.viewer, input);
  }

  @Authorized()
  @Mutation(() => Sentra, { description: "Adds the IKM to the sentra; whoever may edit the IKM may do it." })
  async joinSentra(@Arg("sentraId", () => ID, { description: "The sentra's global id." }) sentraId: string, @Arg("ikmId", () => ID, { description: "The IKM's global id." }) ikmId: string, @Ctx() ctx: Context) {
    const id = expectId(sentraId, "Sentra", "sentraId");
    await ctx.services.clusters.join(ctx.viewer, "sentra", id, expectId(ikmId, "Ikm", "ikmId"));
    return ctx.services.clusters.getSentra(id);
  }

  @Authorized()
  @Mutation(() => Sentra, { description: "Removes the IKM from the sentra; whoever may edit the IKM may do it." })
  async leaveSentra(@Arg("sentraId", () => ID, { description: "The sentra's global id." }) sentraId: string, @Arg("ikmId", () => ID, { description: "The IKM's global id." }) ikmId: string, @Ctx() ctx: Context) {
    const id = expectId(sentraId, "Sentra", "sentraId");
    await ctx.services.clusters.leave(ctx.viewer, "sentra", id, expectId(ikmId, "Ikm", "ikmId"));
    return ctx.services.clusters.getSentra(id);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() s: SentraRow): string {
    return toGlobalId("Sentra", s.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "Name of the regency/city (or province) of regionCode; null when Jalin does not know the code." })
  regionName(@Root() s: SentraRow): string | null {
    return regionName(s.regionCode);
  }

  @FieldResolver(() => Int, { description: "Member IKMs." })
  memberCount(@Root() s: SentraRow, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.memberCountBySentra.load(s.id);
  }

  @FieldResolver(() => Boolean, { description: `True when it has at least ${SENTRA_MIN_MEMBERS} member IKMs (PP 29/2018).` })
  async qualifies(@Root() s: SentraRow, @Ctx() ctx: Context): Promise<boolean> {
    return (await ctx.loaders.memberCountBySentra.load(s.id)) >= SENTRA_MIN_MEMBERS;
  }

  @FieldResolver(() => [Ikm], { description: `Member IKMs by legal name (at most ${LIMITS.maxPageSize}; use ikms(filter: {sentraId}) to page).` })
  async members(@Root() s: SentraRow, @Ctx() ctx: Context): Promise<IkmRow[]> {
    return (await ctx.loaders.membersBySentra.load(s.id)).slice(0, LIMITS.maxPageSize);
  }
}

@Resolver(() => Koperasi)
export class KoperasiResolver {
  @Query(() => Koperasi, { description: "A koperasi (public)." })
  async koperasi(@Arg("id", () => ID, { description: "The koperasi's global id." }) id: string, @Ctx() ctx: Context): Promise<KoperasiRow> {
    const row = await ctx.services.clusters.getKoperasi(expectId(id, "Koperasi", "id"));
    if (!row) throw notFound("Koperasi", id);
    return row;
  }

  @Query(() => KoperasiConnection, { description: "Koperasi by name (public)." })
  koperasis(@Args(() => PageArgs) page: PageArgs, @Args(() => ClusterFilterArgs) filter: ClusterFilterArgs, @Ctx() ctx: Context) {
    return ctx.services.clusters.listKoperasis(page, filter);
  }

  @Authorized("ADMIN")
  @Mutation(() => Koperasi, { description: "Registers a koperasi (administrators only)." })
  createKoperasi(@Arg("input", () => KoperasiInput, { description: "The koperasi." }) input: KoperasiInput, @Ctx() ctx: Context) {
    return ctx.services.clusters.createKoperasi(ctx.viewer, input);
  }

  @Authorized()
  @Mutation(() => Koperasi, { description: "Adds the IKM to the koperasi; whoever may edit the IKM may do it." })
  async joinKoperasi(@Arg("koperasiId", () => ID, { description: "The koperasi's global id." }) koperasiId: string, @Arg("ikmId", () => ID, { description: "The IKM's global id." }) ikmId: string, @Ctx() ctx: Context) {
    const id = expectId(koperasiId, "Koperasi", "koperasiId");
    await ctx.services.clusters.join(ctx.viewer, "koperasi", id, expectId(ikmId, "Ikm", "ikmId"));
    return ctx.services.clusters.getKoperasi(id);
  }

  @Authorized()
  @Mutation(() => Koperasi, { description: "Removes the IKM from the koperasi; whoever may edit the IKM may do it." })
  async leaveKoperasi(@Arg("koperasiId", () => ID, { description: "The koperasi's global id." }) koperasiId: string, @Arg("ikmId", () => ID, { description: "The IKM's global id." }) ikmId: string, @Ctx() ctx: Context) {
    const id = expectId(koperasiId, "Koperasi", "koperasiId");
    await ctx.services.clusters.leave(ctx.viewer, "koperasi", id, expectId(ikmId, "Ikm", "ikmId"));
    return ctx.services.clusters.getKoperasi(id);
  }

  @FieldResolver(() => ID, { description: "Global id (Query.node)." })
  id(@Root() k: KoperasiRow): string {
    return toGlobalId("Koperasi", k.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "Name of the regency/city (or province) of regionCode; null when Jalin does not know the code." })
  regionName(@Root() k: KoperasiRow): string | null {
    return regionName(k.regionCode);
  }

  @FieldResolver(() => Int, { description: "Member IKMs." })
  memberCount(@Root() k: KoperasiRow, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.memberCountByKoperasi.load(k.id);
  }

  @FieldResolver(() => [Ikm], { description: `Member IKMs by legal name (at most ${LIMITS.maxPageSize}; use ikms(filter: {koperasiId}) to page).` })
  async members(@Root() k: KoperasiRow, @Ctx() ctx: Context): Promise<IkmRow[]> {
    return (await ctx.loaders.membersByKoperasi.load(k.id)).slice(0, LIMITS.maxPageSize);
  }
}
