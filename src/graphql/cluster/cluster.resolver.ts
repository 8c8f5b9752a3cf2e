import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Ikm as IkmRow, Koperasi as KoperasiRow, Sentra as SentraRow } from "../../generated/prisma/client.js";
import { notFound } from "../../domain/errors.js";
import { expectId, toGlobalId } from "../../domain/ids.js";
import { LIMITS } from "../../domain/limits.js";
import { regionName } from "../../domain/regions.js";
import { PageArgs } from "../common/relay.js";
import type { Context } from "../context.js";
import { Ikm } from "../ikm/ikm.types.js";
import { ClusterFilterArgs, Koperasi, KoperasiConnection, KoperasiInput, Sentra, SentraConnection, SentraInput } from "./cluster.types.js";

/** PP 29/2018: a sentra IKM has at least five IKM units. */
export const SENTRA_MIN_MEMBERS = 5;

@Resolver(() => Sentra)
export class SentraResolver {
  @Query(() => Sentra)
  async sentra(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<SentraRow> {
    const row = await ctx.services.clusters.getSentra(expectId(id, "Sentra", "id"));
    if (!row) throw notFound("Sentra", id);
    return row;
  }

  @Query(() => SentraConnection)
  sentras(@Args(() => PageArgs) page: PageArgs, @Args(() => ClusterFilterArgs) filter: ClusterFilterArgs, @Ctx() ctx: Context) {
    return ctx.services.clusters.listSentras(page, filter);
  }

  @Authorized("ADMIN", "FOUNDATION")
  @Mutation(() => Sentra)
  createSentra(@Arg("input", () => SentraInput) input: SentraInput, @Ctx() ctx: Context) {
    return ctx.services.clusters.createSentra(ctx.viewer, input);
  }

  @Authorized()
  @Mutation(() => Sentra, { description: "Adds the IKM to the sentra; whoever may edit the IKM may do it." })
  async joinSentra(@Arg("sentraId", () => ID) sentraId: string, @Arg("ikmId", () => ID) ikmId: string, @Ctx() ctx: Context) {
    const id = expectId(sentraId, "Sentra", "sentraId");
    await ctx.services.clusters.join(ctx.viewer, "sentra", id, expectId(ikmId, "Ikm", "ikmId"));
    return ctx.services.clusters.getSentra(id);
  }

  @Authorized()
  @Mutation(() => Sentra)
  async leaveSentra(@Arg("sentraId", () => ID) sentraId: string, @Arg("ikmId", () => ID) ikmId: string, @Ctx() ctx: Context) {
    const id = expectId(sentraId, "Sentra", "sentraId");
    await ctx.services.clusters.leave(ctx.viewer, "sentra", id, expectId(ikmId, "Ikm", "ikmId"));
    return ctx.services.clusters.getSentra(id);
  }

  @FieldResolver(() => ID)
  id(@Root() s: SentraRow): string {
    return toGlobalId("Sentra", s.id);
  }

  @FieldResolver(() => String, { nullable: true })
  regionName(@Root() s: SentraRow): string | null {
    return regionName(s.regionCode);
  }

  @FieldResolver(() => Int)
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
  @Query(() => Koperasi)
  async koperasi(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<KoperasiRow> {
    const row = await ctx.services.clusters.getKoperasi(expectId(id, "Koperasi", "id"));
    if (!row) throw notFound("Koperasi", id);
    return row;
  }

  @Query(() => KoperasiConnection)
  koperasis(@Args(() => PageArgs) page: PageArgs, @Args(() => ClusterFilterArgs) filter: ClusterFilterArgs, @Ctx() ctx: Context) {
    return ctx.services.clusters.listKoperasis(page, filter);
  }

  @Authorized("ADMIN")
  @Mutation(() => Koperasi)
  createKoperasi(@Arg("input", () => KoperasiInput) input: KoperasiInput, @Ctx() ctx: Context) {
    return ctx.services.clusters.createKoperasi(ctx.viewer, input);
  }

  @Authorized()
  @Mutation(() => Koperasi, { description: "Adds the IKM to the koperasi; whoever may edit the IKM may do it." })
  async joinKoperasi(@Arg("koperasiId", () => ID) koperasiId: string, @Arg("ikmId", () => ID) ikmId: string, @Ctx() ctx: Context) {
    const id = expectId(koperasiId, "Koperasi", "koperasiId");
    await ctx.services.clusters.join(ctx.viewer, "koperasi", id, expectId(ikmId, "Ikm", "ikmId"));
    return ctx.services.clusters.getKoperasi(id);
  }

  @Authorized()
  @Mutation(() => Koperasi)
  async leaveKoperasi(@Arg("koperasiId", () => ID) koperasiId: string, @Arg("ikmId", () => ID) ikmId: string, @Ctx() ctx: Context) {
    const id = expectId(koperasiId, "Koperasi", "koperasiId");
    await ctx.services.clusters.leave(ctx.viewer, "koperasi", id, expectId(ikmId, "Ikm", "ikmId"));
    return ctx.services.clusters.getKoperasi(id);
  }

  @FieldResolver(() => ID)
  id(@Root() k: KoperasiRow): string {
    return toGlobalId("Koperasi", k.id);
  }

  @FieldResolver(() => String, { nullable: true })
  regionName(@Root() k: KoperasiRow): string | null {
    return regionName(k.regionCode);
  }

  @FieldResolver(() => Int)
  memberCount(@Root() k: KoperasiRow, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.memberCountByKoperasi.load(k.id);
  }

  @FieldResolver(() => [Ikm], { description: `Member IKMs by legal name (at most ${LIMITS.maxPageSize}; use ikms(filter: {koperasiId}) to page).` })
  async members(@Root() k: KoperasiRow, @Ctx() ctx: Context): Promise<IkmRow[]> {
    return (await ctx.loaders.membersByKoperasi.load(k.id)).slice(0, LIMITS.maxPageSize);
  }
}
