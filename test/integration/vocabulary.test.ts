/**
 * The vocabulary over HTTP (issue 23): an unknown processTerm answers text-search results and
 * suggestions instead of BAD_USER_INPUT; administrators add words (audited, CONFLICT when a word
 * means something already), effective at once on a second server process on the same database:
 * through its database check for a search, and through the VOCABULARY_CHANGED event for its
 * vocabulary; a new material word changes how the matcher reads existing capabilities.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../src/domain/ids.js";
import { decodeCursor } from "../../src/domain/pagination.js";
import { type RunningApp, startServer } from "../../src/http/server.js";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { type GraphQLResponse, type TestApp, codes, startTestApp } from "../helpers/harness.js";
import { until } from "../helpers/subscriptions.js";

let t: TestApp;
let b: RunningApp;
let admin: string;
let ikmToken: string;
let firmToken: string;
let sablon: Awaited<ReturnType<typeof makeIkm>>;
let nodular: Awaited<ReturnType<typeof makeIkm>>;
let firmId: string;

/** A query on server B (started on the same database, with its own vocabulary, index and event bus). */
async function onB<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(b.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

const IKMS = `query($t: String!) { ikms(first: 50, filter: { processTerm: $t }) { totalCount nodes { id legalName } } }`;
const TERMS = `query($t: [String!]!) { processTerms(terms: $t) { term process materialFamily suggestions { word process materialFamily similarity label } } }`;
const ADD = `mutation($i: AddSynonymInput!) { addSynonym(input: $i) { id word process materialFamily source note addedByName createdAt } }`;

beforeAll(async () => {
  t = await startTestApp();
  const secret = new TextEncoder().encode("test-secret-test-secret-test-secret!");
  b = await startServer(
    { db: t.database, databaseUrl: t.databaseUrl, log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), jwt: { secret, ttl: "1h" }, introspection: true },
    { host: "127.0.0.1", port: 0 },
  );
  admin = (await t.user("ADMIN")).token;
  sablon = await makeIkm(t.prisma, { name: "CV Sablon Logam Uji", processes: ["PLATING_PAINTING"] });
  await t.prisma.capability.updateMany({ where: { ikmId: sablon.id }, data: { notes: "Jasa sablon dan cat semprot untuk panel logam" } });
  nodular = await makeIkm(t.prisma, { name: "CV Cor Nodular Uji", processes: ["CASTING"] });
  await t.prisma.capability.updateMany({ where: { ikmId: nodular.id }, data: { materials: ["besi nodular"] } });
  // Both indexes rebuilt: the IKMs sit in the columns (built with the words known then), not in the
  // overlay the pure scorer reads, so a stale column would show.
  for (const index of [t.app.matchIndex, b.matchIndex]) {
    await index.sync();
    index.rebuildSoon();
    await index.settled();
  }
  ikmToken = (await t.user("IKM", { ikmId: sablon.id })).token;
  const firm = await makeFirm(t.prisma);
  firmId = firm.id;
  firmToken = (await t.user("FIRM", { firmId })).token;
}, 120_000);

afterAll(async () => {
  await b?.stop();
  await t?.stop();
});

describe("a word Jalin does not know", () => {
  it("never fails an IKM search: it lists the IKMs whose own text resembles it", async () => {
    const r = await t.gql(IKMS, { t: "sablon" }, ikmToken);
    expect(r.errors).toBeUndefined();
    expect(r.data.ikms.nodes.map((n: any) => n.id)).toEqual([sablon.gid]);
    // A misspelling still finds it (pg_trgm word similarity), and a word nobody wrote finds nobody.
    const typo = await t.gql(IKMS, { t: "sabln" }, ikmToken);
    expect(typo.data.ikms.nodes.map((n: any) => n.id)).toEqual([sablon.gid]);
    const none = await t.gql(IKMS, { t: "xyzzy" }, ikmToken);
    expect(none.errors).toBeUndefined();
    expect(none.data.ikms).toEqual({ totalCount: 0, nodes: [] });
  });

  it("gets the nearest known words as suggestions, in processTerms and vocabularySuggestions", async () => {
    const r = await t.gql(TERMS, { t: ["bubud", "kuningan", "cat semprot", "xyzzy"] }, ikmToken);
    expect(r.errors).toBeUndefined();
    const [bubud, kuningan, cat, xyzzy] = r.data.processTerms;
    expect(bubud).toMatchObject({ term: "bubud", process: null, materialFamily: null });
    expect(bubud.suggestions[0]).toEqual({ word: "bubut", process: "MACHINING_MANUAL", materialFamily: null, similarity: 0.8, label: "bubut (MACHINING_MANUAL)" });
    expect(kuningan).toMatchObject({ process: null, materialFamily: "brass", suggestions: [] });
    expect(cat).toMatchObject({ process: "PLATING_PAINTING", suggestions: [] });
    expect(xyzzy).toMatchObject({ process: null, materialFamily: null, suggestions: [] });
    const s = await t.gql(`{ vocabularySuggestions(term: "Powder Coting", first: 2) { word process label } }`, {}, firmToken);
    expect(s.data.vocabularySuggestions[0]).toEqual({ word: "powder coating", process: "PLATING_PAINTING", label: "powder coating (PLATING_PAINTING)" });
    expect(s.data.vocabularySuggestions).toHaveLength(2);
    const bad = await t.gql(`{ vocabularySuggestions(term: "bubud", first: 50) { word } }`, {}, firmToken);
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("addSynonym", () => {
  it("adds a process word, effective at once on this server and on the second", async () => {
    const byEnum = await t.gql(`{ ikms(first: 50, filter: { processes: [PLATING_PAINTING] }) { totalCount } }`, {}, ikmToken);
    const before = await onB(IKMS, { t: "Ngecat" }, ikmToken);
    expect(before.data.ikms.totalCount).toBe(0);
    const r = await t.gql(ADD, { i: { word: "  Ngecat! ", process: "PLATING_PAINTING", source: "Observed in shop usage, 2026", note: "heard at a Tegal workshop" } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.addSynonym).toMatchObject({ word: "ngecat", process: "PLATING_PAINTING", materialFamily: null, source: "Observed in shop usage, 2026", note: "heard at a Tegal workshop", addedByName: "ADMIN tester" });
    for (const gql of [t.gql, onB]) {
      const found = await gql(IKMS, { t: "jasa ngecat" }, ikmToken);
      expect(found.errors).toBeUndefined();
      expect(found.data.ikms.totalCount).toBe(byEnum.data.ikms.totalCount);
      const terms = await gql(TERMS, { t: ["ngecat"] }, ikmToken);
      expect(terms.data.processTerms[0]).toMatchObject({ process: "PLATING_PAINTING", suggestions: [] });
    }
  });

  it("reaches the second server's vocabulary through the event, without a request asking", async () => {
    const r = await t.gql(ADD, { i: { word: "bubut kasar", process: "MACHINING_MANUAL", source: "Observed in shop usage, 2026" } }, admin);
    expect(r.errors).toBeUndefined();
    // B's in-memory vocabulary changes only when it hears VOCABULARY_CHANGED (no database check here).
    await until(() => b.services.vocabulary.current().exactly("bubut kasar").process?.process === "MACHINING_MANUAL", 20_000, "server B reloaded");
    expect(b.services.vocabulary.current().exactly("bubut kasar").process).toMatchObject({ learned: true, source: "Observed in shop usage, 2026" });
  });

  it("adds a material word, and the matcher reads existing capabilities with it", async () => {
    const need = await t.gql(`mutation($i: NeedInput!) { createNeed(input: $i) { id } }`, {
      i: needInput({ title: "Nodular housing", processes: ["CASTING"], materials: ["besi cor FCD450"] }),
    }, firmToken);
    expect(need.errors).toBeUndefined();
    const explain = `query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { gaps { kind message } } }`;
    const vars = { n: need.data.createNeed.id, i: nodular.gid };
    const before = await t.gql(explain, vars, firmToken);
    expect(before.data.explainMatch.gaps.map((g: any) => g.kind)).toContain("MATERIAL");
    const r = await t.gql(ADD, { i: { word: "besi nodular", materialFamily: "Cast Iron", source: "JIS G 5502 (spheroidal graphite iron), consulted 2026" } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.addSynonym).toMatchObject({ word: "besi nodular", process: null, materialFamily: "cast iron" });
    const after = await t.gql(explain, vars, firmToken);
    expect(after.data.explainMatch.gaps.map((g: any) => g.kind)).not.toContain("MATERIAL");
    const onSecond = await onB(TERMS, { t: ["besi nodular"] }, firmToken);
    expect(onSecond.data.processTerms[0]).toMatchObject({ materialFamily: "cast iron" });
    // The match index re-read the IKM: the ranking's cursor carries the index's total, which equals
    // the score re-computed from PostgreSQL (a stale index would still rank it without the material),
    // on this server at once, and on the second once it heard the event.
    const ranked = async (gql: typeof t.gql) => {
      const m = await gql(`query($n: ID!) { matches(needId: $n, first: 50) { edges { cursor node { score ikm { id } } } } }`, { n: vars.n }, firmToken);
      const edge = m.data.matches.edges.find((e: any) => e.node.ikm.id === nodular.gid);
      return { score: edge.node.score as number, indexTotal: decodeCursor(edge.cursor)![0] as number };
    };
    const here = await ranked(t.gql);
    expect(here.indexTotal).toBeCloseTo(here.score, 6);
    await until(async () => {
      const there = await ranked(onB);
      return Math.abs(there.indexTotal - there.score) < 1e-6;
    }, 20_000, "server B's index re-read the IKM");
  });

  it("refuses a word that already is a word of its kind, naming what it means, and writes nothing", async () => {
    const count = await t.prisma.vocabularyEntry.count();
    const taken = await t.gql(ADD, { i: { word: "Sepuh", process: "PLATING_PAINTING", source: "Observed in shop usage, 2026" } }, admin);
    expect(codes(taken)).toEqual(["CONFLICT"]);
    expect(taken.errors![0]!.message).toContain("HEAT_TREATMENT");
    const again = await t.gql(ADD, { i: { word: "ngecat", process: "PLATING_PAINTING", source: "Observed in shop usage, 2026" } }, admin);
    expect(codes(again)).toEqual(["CONFLICT"]);
    const material = await t.gql(ADD, { i: { word: "Alumunium", materialFamily: "steel", source: "Observed in shop usage, 2026" } }, admin);
    expect(codes(material)).toEqual(["CONFLICT"]);
    expect(material.errors![0]!.message).toContain('the material family "aluminium"');
    expect(await t.prisma.vocabularyEntry.count()).toBe(count);
  });

  it.each([
    [{ word: "x", process: "CASTING", source: "Observed in shop usage, 2026" }, "input.word"],
    [{ word: "cor nodular", source: "Observed in shop usage, 2026" }, "input.process"],
    [{ word: "cor nodular", process: "CASTING", materialFamily: "steel", source: "Observed in shop usage, 2026" }, "input.process"],
    [{ word: "logam putih", materialFamily: "unobtainium", source: "Observed in shop usage, 2026" }, "input.materialFamily"],
    [{ word: "cor nodular", process: "CASTING", source: "  " }, "input.source"],
  ])("refuses bad input %j with BAD_USER_INPUT at %s, writing nothing", async (input, path) => {
    const count = await t.prisma.vocabularyEntry.count();
    const r = await t.gql(ADD, { i: input }, admin);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect((r.errors![0]!.extensions!.fields ?? []).map((f) => f.path)).toContain(path);
    expect(await t.prisma.vocabularyEntry.count()).toBe(count);
  });

  it("is for administrators only; the audit list too", async () => {
    for (const token of [ikmToken, firmToken]) {
      const r = await t.gql(ADD, { i: { word: "ngelas", process: "WELDING_FABRICATION", source: "Observed in shop usage, 2026" } }, token);
      expect(codes(r)).toEqual(["FORBIDDEN"]);
      expect(codes(await t.gql(`{ vocabulary { totalCount } }`, {}, token))).toEqual(["FORBIDDEN"]);
    }
    const anonymous = await t.gql(ADD, { i: { word: "ngelas", process: "WELDING_FABRICATION", source: "Observed in shop usage, 2026" } });
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    expect(await t.prisma.vocabularyEntry.count({ where: { word: "ngelas" } })).toBe(0);
  });

  it("lists the added words, newest first, with who added them, filtered", async () => {
    const all = await t.gql(`{ vocabulary(first: 10) { totalCount nodes { word process materialFamily addedByName } } }`, {}, admin);
    expect(all.errors).toBeUndefined();
    expect(all.data.vocabulary.nodes.map((n: any) => n.word)).toEqual(["besi nodular", "bubut kasar", "ngecat"]);
    const materials = await t.gql(`{ vocabulary(filter: { materialFamily: "cast iron" }) { totalCount nodes { word } } }`, {}, admin);
    expect(materials.data.vocabulary).toEqual({ totalCount: 1, nodes: [{ word: "besi nodular" }] });
    const prefix = await t.gql(`{ vocabulary(filter: { wordStartsWith: "Bubut" }) { nodes { word } } }`, {}, admin);
    expect(prefix.data.vocabulary.nodes).toEqual([{ word: "bubut kasar" }]);
    const page = await t.gql(`{ vocabulary(first: 1) { pageInfo { hasNextPage endCursor } } }`, {}, admin);
    const next = await t.gql(`query($a: String) { vocabulary(first: 5, after: $a) { nodes { word } } }`, { a: page.data.vocabulary.pageInfo.endCursor }, admin);
    expect(next.data.vocabulary.nodes.map((n: any) => n.word)).toEqual(["bubut kasar", "ngecat"]);
  });
});

it("keeps a toGlobalId-free entry id (UUID)", async () => {
  const r = await t.gql(`{ vocabulary(first: 1) { nodes { id } } }`, {}, admin);
  expect(r.data.vocabulary.nodes[0].id).toMatch(/^[0-9a-f-]{36}$/);
  expect(r.data.vocabulary.nodes[0].id).not.toBe(toGlobalId("Ikm", r.data.vocabulary.nodes[0].id));
});
