/**
 * Rankings and counts the match index remembers until it next changes (src/infra/match-index/answers.ts),
 * on a real PostgreSQL through the API: a need asked again is not scanned again and gets the same
 * answer, and every write, through the API or by another process, is in the next answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { needProfile } from "../../src/features/matching/match.service.js";
import type { NeedProfile } from "../../src/core/matching/types.js";

let t: TestApp;
let firmToken: string;
let adminToken: string;
let needId: string;
let need: NeedProfile;
let ikms: Array<Awaited<ReturnType<typeof makeIkm>>>;

const MATCHES = `query($n: ID!) { matches(needId: $n, first: 10) { totalCount nodes { score band ikm { id legalName } } } }`;

/** Scans the workers ran (split or whole), and answers from memory and by a scan, since the server started. */
const tally = () => {
  const scans = t.app.matchIndex.scanCounts();
  return { scans: scans.split + scans.whole, ...t.app.matchIndex.answerCounts() };
};
const since = (before: ReturnType<typeof tally>) => {
  const now = tally();
  return { scans: now.scans - before.scans, hits: now.hits - before.hits, misses: now.misses - before.misses };
};
const ranking = async () => {
  const r = await t.gql(MATCHES, { n: needId }, firmToken);
  expect(r.errors).toBeUndefined();
  return r.data.matches as { totalCount: number; nodes: Array<{ score: number; band: string; ikm: { id: string; legalName: string } }> };
};

beforeAll(async () => {
  t = await startTestApp();
  const firm = await makeFirm(t.prisma);
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  adminToken = (await t.user("ADMIN")).token;
  ikms = [];
  for (let i = 0; i < 4; i++) ikms.push(await makeIkm(t.prisma, { name: `CV Ingat ${i}`, processes: ["MACHINING_MANUAL"] }));
  const input = needInput({ title: "Turned bushes", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 500 });
  needId = (await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input }, firmToken)).data.createNeed.id;
  expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: needId }, firmToken)).errors).toBeUndefined();
  need = needProfile(await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: fromGlobalId(needId)!.id } }));
  await t.app.matchIndex.sync();
}, 120_000);
afterAll(() => t.stop());

describe("answers remembered by the match index", () => {
  it("answers a need asked again from memory, with the same answer, and no scan", async () => {
    let before = tally();
    const asked = await ranking();
    expect(asked.totalCount).toBe(4);
    expect(since(before)).toEqual({ scans: 2, hits: 0, misses: 2 }); // the ranking and its count
    before = tally();
    expect(await ranking()).toEqual(asked);
    expect(since(before)).toEqual({ scans: 0, hits: 2, misses: 0 });
    // Operators see the same counts at /metrics.
    const text = await (await fetch(`${new URL(t.app.url).origin}/metrics`)).text();
    const counted = (result: string) => Number(new RegExp(`^jalin_match_index_answers_total\\{result="${result}"\\} (\\d+)$`, "m").exec(text)?.[1]);
    const { hits, misses } = t.app.matchIndex.answerCounts();
    expect({ hit: counted("hit"), miss: counted("miss") }).toEqual({ hit: hits, miss: misses });
    expect(hits).toBeGreaterThanOrEqual(2);
  });

  it("puts a write through the API in the very next answer", async () => {
    const asked = await ranking();
    const leaving = ikms[0];
    expect(asked.nodes.map((n) => n.ikm.id)).toContain(leaving.gid);
    // The IKM now does stamping only: no longer a candidate for a machining need.
    const r = await t.gql(`mutation($id: ID!, $c: [CapabilityInput!]!) { setCapabilities(ikmId: $id, capabilities: $c) { id } }`, {
      id: leaving.gid, c: [{ process: "STAMPING", materials: ["baja"], monthlyCapacity: 1000, capacityUnit: "PCS" }],
    }, adminToken);
    expect(r.errors).toBeUndefined();
    const before = tally();
    const after = await ranking();
    // The ranking held the IKM, so it is scanned again; the count was corrected when the change arrived.
    expect(since(before)).toEqual({ scans: 1, hits: 1, misses: 1 });
    expect(after.totalCount).toBe(asked.totalCount - 1);
    expect(after.nodes.map((n) => n.ikm.id)).not.toContain(leaving.gid);
  });

  it("puts a write by another process in the answer once the index has heard of it", async () => {
    const asked = await ranking();
    // Written straight to PostgreSQL, as another server process or a migration script would.
    const arriving = await makeIkm(t.prisma, { name: "CV Ingat Baru", processes: ["MACHINING_MANUAL"] });
    ikms.push(arriving);
    await t.app.matchIndex.sync();
    const after = await ranking();
    expect(after.totalCount).toBe(asked.totalCount + 1);
    expect(after.nodes.map((n) => n.ikm.id)).toContain(arriving.gid);
  });

  it("lets identical questions asked together share one scan, and gives each different question its own", async () => {
    let before = tally();
    const together = await Promise.all(Array.from({ length: 6 }, () => t.app.matchIndex.rank(need, { first: 7 })));
    expect(since(before)).toEqual({ scans: 1, hits: 5, misses: 1 });
    for (const answer of together) expect(answer).toBe(together[0]);
    expect(together[0].ranked.length).toBe(4);
    // Answers are shared, so nobody may change one.
    expect(() => (together[0].ranked as Array<{ id: string; total: number }>).pop()).toThrow(TypeError);

    const third = together[0].ranked[2];
    before = tally();
    const different = [
      t.app.matchIndex.rank(need, { first: 8 }),
      t.app.matchIndex.rank(need, { first: 7, after: { total: third.total, id: third.id } }),
      t.app.matchIndex.rank(need, { first: 7, filter: { regionCode: "35" } }),
      t.app.matchIndex.rank(need, { first: 7, filter: { eligibility: "NEAR_MISS" } }),
      t.app.matchIndex.rank({ ...need, weights: { proximity: 3 } }, { first: 7 }),
      t.app.matchIndex.rank({ ...need, processes: ["STAMPING"] }, { first: 7 }),
    ];
    const answers = await Promise.all(different);
    expect(since(before)).toEqual({ scans: 6, hits: 0, misses: 6 });
    expect(answers[0].ranked).toEqual(together[0].ranked);
    expect(answers[1].ranked).toEqual(together[0].ranked.slice(3));
    expect(answers[2].ranked).toEqual([]); // every IKM here is in Central Java (33)
    expect(answers[5].ranked.map((r) => r.id)).toEqual([ikms[0].id]); // the one that now stamps
  });

  it("keeps the answers a write does not reach and corrects counts, with no scan", async () => {
    const setCapabilities = async (ikm: { gid: string }, process: string) => {
      const r = await t.gql(`mutation($id: ID!, $c: [CapabilityInput!]!) { setCapabilities(ikmId: $id, capabilities: $c) { id } }`, {
        id: ikm.gid, c: [{ process, materials: ["baja"], monthlyCapacity: 1000, capacityUnit: "PCS" }],
      }, adminToken);
      expect(r.errors).toBeUndefined();
    };
    const all = await t.app.matchIndex.rank(need, { first: 100 });
    expect(all.ranked.length).toBeGreaterThanOrEqual(4);
    const top = await t.app.matchIndex.rank(need, { first: 2 }); // the best two, and the third as `following`
    const total = await t.app.matchIndex.count(need);
    expect(total).toBe(all.ranked.length);

    // An IKM working another process changes: nothing remembered is checked further, let alone scanned.
    const stamper = await makeIkm(t.prisma, { name: "CV Ingat Tekan", processes: ["STAMPING"] });
    await t.app.matchIndex.sync();
    let before = tally();
    await setCapabilities(stamper, "FORGING");
    expect(await t.app.matchIndex.rank(need, { first: 2 })).toBe(top);
    expect(await t.app.matchIndex.count(need)).toBe(total);
    expect(await t.app.matchIndex.rank(need, { first: 100 })).toBe(all);
    expect(since(before)).toEqual({ scans: 0, hits: 3, misses: 0 });

    // The last-ranked IKM leaves: below the short page (kept), in the long one (scanned again), and counted (corrected).
    const last = all.ranked.at(-1)!;
    before = tally();
    await setCapabilities({ gid: toGlobalId("Ikm", last.id) }, "STAMPING");
    expect(await t.app.matchIndex.rank(need, { first: 2 })).toBe(top);
    expect(await t.app.matchIndex.count(need)).toBe(total - 1);
    const rescanned = await t.app.matchIndex.rank(need, { first: 100 });
    expect(rescanned.ranked).toEqual(all.ranked.slice(0, -1));
    expect(since(before)).toEqual({ scans: 1, hits: 2, misses: 1 });
    // Operators see what changes did to remembered answers at /metrics.
    const text = await (await fetch(`${new URL(t.app.url).origin}/metrics`)).text();
    const revised = (outcome: string) => Number(new RegExp(`^jalin_match_index_answer_revisions_total\\{outcome="${outcome}"\\} (\\d+)$`, "m").exec(text)?.[1]);
    const counts = t.app.matchIndex.answerCounts();
    expect({ kept: revised("kept"), updated: revised("updated"), forgotten: revised("forgotten") }).toEqual({ kept: counts.kept, updated: counts.updated, forgotten: counts.forgotten });
    expect(counts.kept * counts.updated * counts.forgotten).toBeGreaterThan(0);

    // It comes back as it was: last again, below the short page (kept); counted again (corrected).
    before = tally();
    await setCapabilities({ gid: toGlobalId("Ikm", last.id) }, "MACHINING_MANUAL");
    expect(await t.app.matchIndex.rank(need, { first: 2 })).toBe(top);
    expect(await t.app.matchIndex.count(need)).toBe(total);
    expect(since(before)).toEqual({ scans: 0, hits: 2, misses: 0 });

    // A certificate lifts it above everyone (quality): the short page is reached and scanned again.
    await t.prisma.certification.create({ data: { ikmId: last.id, type: "ISO_9001", number: "ingat-1", issuer: "Uji", validFrom: new Date("2020-01-01"), validUntil: null } });
    await t.app.matchIndex.sync();
    before = tally();
    const lifted = await t.app.matchIndex.rank(need, { first: 2 });
    expect(lifted.ranked[0].id).toBe(last.id);
    expect(lifted.ranked[0].total).toBeGreaterThan(top.ranked[0].total);
    expect(await t.app.matchIndex.count(need)).toBe(total);
    expect(since(before)).toEqual({ scans: 1, hits: 1, misses: 1 });
  });

  it("forgets every answer when a new word changes how a need reads", async () => {
    // "logam kuning" names no material family yet, so no IKM works the need's material; two here work brass.
    for (const name of ["CV Ingat Kuningan 1", "CV Ingat Kuningan 2"]) {
      const brass = await makeIkm(t.prisma, { name, processes: ["MACHINING_MANUAL"] });
      await t.prisma.capability.updateMany({ where: { ikmId: brass.id }, data: { materials: ["kuningan"] } });
    }
    await t.app.matchIndex.sync();
    const input = needInput({ title: "Yellow metal bushes", processes: ["MACHINING_MANUAL"], materials: ["logam kuning"], quantityPerMonth: 500 });
    const created = (await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input }, firmToken)).data.createNeed.id;
    expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: created }, firmToken)).errors).toBeUndefined();
    const ask = async () => {
      const r = await t.gql(`query($n: ID!) { matches(needId: $n, first: 3) { nodes { score ikm { id } } } }`, { n: created }, firmToken);
      expect(r.errors).toBeUndefined();
      return r.data.matches.nodes as Array<{ score: number; ikm: { id: string } }>;
    };
    const explained = async (ikmId: string) =>
      (await t.gql(`query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { score } }`, { n: created, i: ikmId }, firmToken)).data.explainMatch.score as number;
    const before = await ask();
    expect(before.length).toBe(3);
    for (const node of before) expect(node.score).toBe(await explained(node.ikm.id));
    // Now it reads as brass. No IKM's own materials read differently ("kuningan" was brass already),
    // so no IKM is re-read; every answer for the need must still be the scorer's.
    const added = await t.gql(`mutation($i: AddSynonymInput!) { addSynonym(input: $i) { word } }`,
      { i: { word: "logam kuning", materialFamily: "Brass", source: "Shop usage for brass (kuningan), 2026" } }, adminToken);
    expect(added.errors).toBeUndefined();
    const after = await ask();
    for (const node of after) expect(node.score).toBe(await explained(node.ikm.id));
    expect(after[0].score).toBeGreaterThan(before[0].score);
  });

  it("does not keep a scan that was running when the index changed", async () => {
    const running = t.app.matchIndex.rank(need, { first: 9 });
    await makeIkm(t.prisma, { name: "CV Ingat Sela", processes: ["MACHINING_MANUAL"] });
    await t.app.matchIndex.sync();
    await running;
    const before = tally();
    const now = await t.app.matchIndex.rank(need, { first: 9 });
    expect(since(before)).toMatchObject({ misses: 1, hits: 0 });
    expect(now.ranked.map((r) => r.id)).toContain((await t.prisma.ikm.findFirstOrThrow({ where: { legalName: "CV Ingat Sela" } })).id);
  });
});
