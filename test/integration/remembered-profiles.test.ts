/**
 * Supplier profiles the match index remembers for explanations (src/infra/match-index/profiles.ts),
 * and the explanations remembered with them (src/features/matching/explanations.ts), on a real
 * PostgreSQL through the API: the console's Matches page asked again reads no profile,
 * a write through the API is explained in the very next answer, a write by another process once
 * the index has heard of it, and every explanation equals the pure scorer's over the rows as they
 * are in PostgreSQL then.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { fromGlobalId } from "../../src/domain/ids.js";
import { needProfile } from "../../src/features/matching/match.service.js";
import { scoreMatch } from "../../src/core/matching/scorer.js";
import { loadProfiles } from "../../src/infra/db/supplier-profiles.js";

let t: TestApp;
let firmToken: string;
let adminToken: string;
let needId: string;
let ikms: Array<Awaited<ReturnType<typeof makeIkm>>>;
/** The ids of each profile read the match index's pool ran since the last reset. */
const profileReads: string[][] = [];
let indexPool: pg.Pool;

const CONSOLE = `query($n: ID!) { matches(needId: $n, first: 20) { totalCount nodes {
  score band ikm { id legalName }
  factors { factor value weight contribution detail applicable }
  requirements { kind met message }
  gaps { kind hard message } } } }`;

interface ConsoleNode { score: number; ikm: { id: string }; factors: Array<{ factor: string; value: number; detail: string }> }

const page = async () => {
  const r = await t.gql(CONSOLE, { n: needId }, firmToken);
  expect(r.errors).toBeUndefined();
  return r.data.matches as { totalCount: number; nodes: ConsoleNode[] };
};

/** The pure scorer's total for each IKM on the page, over its rows in PostgreSQL now (not through the index). */
const pureTotals = async (nodes: ConsoleNode[]) => {
  const need = needProfile(await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: fromGlobalId(needId)!.id } }));
  const ids = nodes.map((n) => fromGlobalId(n.ikm.id)!.id);
  const fresh = await loadProfiles(indexPool, ids, t.app.matchIndex.referenceMonth());
  return Object.fromEntries(fresh.map((p) => [p.id, scoreMatch(need, p).total]));
};
const explanationCounts = () => ({ ...t.app.services.matching.explanations.counts });
const explanationsSince = (before: ReturnType<typeof explanationCounts>) => {
  const now = explanationCounts();
  return { hits: now.hits - before.hits, misses: now.misses - before.misses };
};
/** The capacity factor's explanation of one IKM on the page. */
const capacityDetail = (p: { nodes: ConsoleNode[] }, gid: string) =>
  p.nodes.find((n) => n.ikm.id === gid)!.factors.find((f) => f.factor === "capacity")!.detail;
const shownTotals = (nodes: ConsoleNode[]) => Object.fromEntries(nodes.map((n) => [fromGlobalId(n.ikm.id)!.id, n.score]));

beforeAll(async () => {
  t = await startTestApp();
  indexPool = (t.app.matchIndex as unknown as { pg: pg.Pool }).pg;
  const query = indexPool.query.bind(indexPool) as (...args: unknown[]) => unknown;
  (indexPool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0] as { name?: string; values?: unknown[] } | string;
    if (typeof first === "object" && first.name === "jalin_profiles_by_id") profileReads.push([...(first.values![0] as string[])].sort());
    return query(...args);
  };
  const firm = await makeFirm(t.prisma);
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  adminToken = (await t.user("ADMIN")).token;
  ikms = [];
  for (let i = 0; i < 4; i++) ikms.push(await makeIkm(t.prisma, { name: `CV Profil ${i}`, processes: ["MACHINING_MANUAL"] }));
  const input = needInput({ title: "Turned pins", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 500 });
  needId = (await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input }, firmToken)).data.createNeed.id;
  expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: needId }, firmToken)).errors).toBeUndefined();
  await t.app.matchIndex.sync();
}, 120_000);
afterAll(() => t.stop());

describe("supplier profiles remembered for explanations", () => {
  it("explains a page asked again without reading its profiles, with the same answer", async () => {
    profileReads.length = 0;
    const first = await page();
    expect(first.nodes).toHaveLength(4);
    expect(profileReads).toEqual([ikms.map((k) => k.id).sort()]);
    const before = t.app.matchIndex.profileCounts();
    const explainedBefore = explanationCounts();
    expect(await page()).toEqual(first);
    expect(profileReads).toHaveLength(1);
    const after = t.app.matchIndex.profileCounts();
    expect({ hits: after.hits - before.hits, misses: after.misses - before.misses }).toEqual({ hits: 4, misses: 0 });
    // Same need, same profiles, same words: the four explanations are given again, not scored.
    expect(explanationsSince(explainedBefore)).toEqual({ hits: 4, misses: 0 });
    // explainMatch and the IKM's side read the same remembered profiles.
    const explained = await t.gql(`query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { score } }`, { n: needId, i: ikms[1].gid }, firmToken);
    expect(explained.data.explainMatch.score).toBe(first.nodes.find((n) => n.ikm.id === ikms[1].gid)!.score);
    expect(profileReads).toHaveLength(1);
    expect(shownTotals(first.nodes)).toEqual(await pureTotals(first.nodes));
    // Operators see the same counts at /metrics.
    const text = await (await fetch(`${new URL(t.app.url).origin}/metrics`)).text();
    const counted = (result: string) => Number(new RegExp(`^jalin_match_index_profiles_total\\{result="${result}"\\} (\\d+)$`, "m").exec(text)?.[1]);
    const { hits, misses } = t.app.matchIndex.profileCounts();
    expect({ hit: counted("hit"), miss: counted("miss") }).toEqual({ hit: hits, miss: misses });
  });

  it("explains a write through the API in the very next answer, reading only the changed IKM", async () => {
    const before = await page();
    const changed = ikms[2];
    const r = await t.gql(`mutation($id: ID!, $c: [CapabilityInput!]!) { setCapabilities(ikmId: $id, capabilities: $c) { id } }`, {
      id: changed.gid, c: [{ process: "MACHINING_MANUAL", materials: ["baja"], monthlyCapacity: 520, capacityUnit: "PCS" }],
    }, adminToken);
    expect(r.errors).toBeUndefined();
    profileReads.length = 0;
    const explainedBefore = explanationCounts();
    const after = await page();
    expect(profileReads).toEqual([[changed.id]]);
    expect(explanationsSince(explainedBefore)).toEqual({ hits: 3, misses: 1 });
    expect(capacityDetail(before, changed.gid)).toContain("1,000 of 500");
    expect(capacityDetail(after, changed.gid)).toContain("520 of 500");
    expect(shownTotals(after.nodes)).toEqual(await pureTotals(after.nodes));
  });

  it("explains a write by another process once the index has heard of it", async () => {
    const before = await page();
    const changed = ikms[3];
    // Written straight to PostgreSQL, as another server process or a script would.
    await t.prisma.capability.updateMany({ where: { ikmId: changed.id }, data: { monthlyCapacity: 510 } });
    await t.app.matchIndex.sync();
    profileReads.length = 0;
    const after = await page();
    expect(profileReads).toEqual([[changed.id]]);
    expect(capacityDetail(before, changed.gid)).toContain("1,000 of 500");
    expect(capacityDetail(after, changed.gid)).toContain("510 of 500");
    expect(shownTotals(after.nodes)).toEqual(await pureTotals(after.nodes));
  });

  it("judges an IKM's opportunities again only for what changed, explaining only the page", async () => {
    const member = await t.user("IKM", { ikmId: ikms[0].id });
    // A second open need, so the IKM has two opportunities.
    const input = needInput({ title: "Turned shafts", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 200 });
    const second = (await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input }, firmToken)).data.createNeed.id;
    expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: second }, firmToken)).errors).toBeUndefined();
    const OPPORTUNITIES = `query($first: Int) { opportunities(first: $first) { totalCount nodes { score need { id } factors { factor detail } } } }`;
    const ask = async (first: number) => {
      const r = await t.gql(OPPORTUNITIES, { first }, member.token);
      expect(r.errors).toBeUndefined();
      return r.data.opportunities as { totalCount: number; nodes: Array<{ score: number; need: { id: string } }> };
    };
    const counts = () => ({ ...t.app.services.matching.explanations.counts });
    const delta = (before: ReturnType<typeof counts>) => {
      const now = counts();
      return { verdicts: now.verdictMisses - before.verdictMisses, explained: now.misses - before.misses };
    };
    const open = await t.prisma.componentNeed.count({ where: { status: "OPEN" } });
    let before = counts();
    const all = await ask(20);
    expect(all.totalCount).toBeGreaterThanOrEqual(2);
    expect(delta(before).verdicts).toBe(open);
    before = counts();
    const top = await ask(1);
    expect(top.nodes).toEqual(all.nodes.slice(0, 1));
    expect(top.totalCount).toBe(all.totalCount);
    // Asked again for one: nothing judged again, and at most that one explained.
    expect(delta(before).verdicts).toBe(0);
    expect(delta(before).explained).toBeLessThanOrEqual(1);
    // The buyer changes one need: that one is judged again, and the answer is the scorer's.
    const edited = await t.gql(`mutation($id: ID!, $input: NeedUpdateInput!) { updateNeed(id: $id, input: $input) { id } }`, { id: second, input: { quantityPerMonth: 900 } }, firmToken);
    expect(edited.errors).toBeUndefined();
    before = counts();
    const after = await ask(20);
    expect(delta(before).verdicts).toBe(1);
    // One profile per version of the row: two reads of the edited need give the same frozen object,
    // with the edited terms; a row of another version gets its own.
    const read = () => t.prisma.componentNeed.findUniqueOrThrow({ where: { id: fromGlobalId(second)!.id } });
    const [one, two] = [await read(), await read()];
    expect(one).not.toBe(two);
    expect(needProfile(one)).toBe(needProfile(two));
    expect(Object.isFrozen(needProfile(one)) && Object.isFrozen(needProfile(one).processes)).toBe(true);
    expect(needProfile(one).quantityPerMonth).toBe(900);
    expect(Object.isFrozen(one.processes)).toBe(false);
    expect(needProfile({ ...one, version: one.version - 1, quantityPerMonth: 200 }).quantityPerMonth).toBe(200);
    const supplier = (await loadProfiles(indexPool, [ikms[0].id], t.app.matchIndex.referenceMonth()))[0];
    for (const node of after.nodes) {
      const row = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: fromGlobalId(node.need.id)!.id } });
      expect(node.score).toBe(scoreMatch(needProfile(row), supplier).total);
    }
  });

  it("reads every profile again after the index rebuilt", async () => {
    await page();
    // A bulk change ("*") rebuilds the columns; nothing remembered from before it is trusted.
    await t.prisma.$executeRawUnsafe(`SELECT pg_notify('jalin_ikm_changed', '*')`);
    await t.app.matchIndex.sync();
    profileReads.length = 0;
    const after = await page();
    expect(profileReads).toEqual([ikms.map((k) => k.id).sort()]);
    expect(shownTotals(after.nodes)).toEqual(await pureTotals(after.nodes));
  });
});

describe("IKM rows remembered for the pages that name matched suppliers", () => {
  const NAMED = `query($n: ID!) { matches(needId: $n, first: 20) { nodes { ikm { id legalName regionName currentStage } } } }`;
  type Named = { id: string; legalName: string; regionName: string | null; currentStage: string };
  const named = async (): Promise<Named[]> => {
    const r = await t.gql(NAMED, { n: needId }, firmToken);
    expect(r.errors).toBeUndefined();
    return (r.data.matches.nodes as { ikm: Named }[]).map((n) => n.ikm);
  };
  /** The by-id reads of IKM rows the request path sent PostgreSQL since the last reset. */
  const ikmReads = () => t.statements.statements.filter((s) => /FROM "Ikm" WHERE "id" = ANY/.test(s));
  const rowCounts = () => t.app.matchIndex.ikmRowCounts();
  /** The names as PostgreSQL holds them now. */
  const namesNow = async () => Object.fromEntries((await t.prisma.ikm.findMany({ where: { id: { in: ikms.map((k) => k.id) } } })).map((k) => [k.id, k.legalName]));
  const shownNames = (page: Named[]) => Object.fromEntries(page.map((k) => [fromGlobalId(k.id)!.id, k.legalName]));

  it("names a page asked again without reading an IKM row, with the same answer, counted at /metrics", async () => {
    const first = await named();
    expect(first).toHaveLength(4);
    expect(shownNames(first)).toEqual(await namesNow());
    t.statements.reset();
    const before = rowCounts();
    expect(await named()).toEqual(first);
    expect(ikmReads()).toEqual([]);
    const after = rowCounts();
    expect({ hits: after.hits - before.hits, misses: after.misses - before.misses }).toEqual({ hits: 4, misses: 0 });
    const text = await (await fetch(`${new URL(t.app.url).origin}/metrics`)).text();
    const counted = (result: string) => Number(new RegExp(`^jalin_match_index_ikm_rows_total\\{result="${result}"\\} (\\d+)$`, "m").exec(text)?.[1]);
    const { hits, misses } = rowCounts();
    expect({ hit: counted("hit"), miss: counted("miss") }).toEqual({ hit: hits, miss: misses });
    // Shared between requests, so frozen: no resolver can change another request's answer.
    const [row] = await t.app.matchIndex.ikmRows([ikms[0].id], () => Promise.reject(new Error("remembered rows are not read again")));
    expect(Object.isFrozen(row) && Object.isFrozen(row.createdAt)).toBe(true);
  });

  it("names a rename through the API in the very next answer, reading only the renamed IKM", async () => {
    await named();
    const renamed = ikms[1];
    const r = await t.gql(`mutation($id: ID!, $input: IkmUpdateInput!) { updateIkm(id: $id, input: $input) { id } }`,
      { id: renamed.gid, input: { legalName: "CV Profil Satu Baru" } }, adminToken);
    expect(r.errors).toBeUndefined();
    t.statements.reset();
    const before = rowCounts();
    const after = await named();
    expect(after.find((k) => k.id === renamed.gid)!.legalName).toBe("CV Profil Satu Baru");
    expect(shownNames(after)).toEqual(await namesNow());
    const now = rowCounts();
    expect({ hits: now.hits - before.hits, misses: now.misses - before.misses }).toEqual({ hits: 3, misses: 1 });
    expect(ikmReads()).toHaveLength(1);
  });

  it("names a change by another process once the index has heard of it, and a rebuild forgets every row", async () => {
    await named();
    const changed = ikms[2];
    // Written straight to PostgreSQL, as another server process or a script would.
    await t.prisma.ikm.update({ where: { id: changed.id }, data: { legalName: "CV Profil Dua Lain", currentStage: "MANDIRI" } });
    await t.app.matchIndex.sync();
    let before = rowCounts();
    const after = await named();
    expect(after.find((k) => k.id === changed.gid)).toMatchObject({ legalName: "CV Profil Dua Lain", currentStage: "MANDIRI" });
    expect(shownNames(after)).toEqual(await namesNow());
    let now = rowCounts();
    expect({ hits: now.hits - before.hits, misses: now.misses - before.misses }).toEqual({ hits: 3, misses: 1 });
    // A bulk change ("*") rebuilds the columns; no row remembered from before it is trusted.
    await t.prisma.$executeRawUnsafe(`SELECT pg_notify('jalin_ikm_changed', '*')`);
    await t.app.matchIndex.sync();
    before = rowCounts();
    expect(await named()).toEqual(after);
    now = rowCounts();
    expect({ hits: now.hits - before.hits, misses: now.misses - before.misses }).toEqual({ hits: 0, misses: 4 });
  });
});
