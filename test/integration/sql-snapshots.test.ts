/**
 * The SQL each operation issues, kept as reviewed snapshot files (test/integration/__snapshots__/sql/):
 * a change to what an operation reads or writes shows as a diff to review, and the restructure
 * (issue 15) must show these files getting shorter (duplicate reads gone), never longer.
 *
 * Two sources are recorded: the statements of the request's database handle (createDb's statement
 * log: Prisma's, and the hot reads' prepared statements, src/infra/db/sql/), and those of the match index's own pg pool (refreshes after a write, direct and by NOTIFY),
 * waited for with matchIndex.sync(). Each list is sorted: DataLoader batches and parallel reads
 * finish in any order, and the log records a statement when it finishes. Ids, uuids, timestamps and
 * numbers written into the text are replaced by placeholders; parameter values are not recorded.
 * Update after a reviewed change with `npx vitest run test/integration/sql-snapshots.test.ts -u`.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFirm, makeFoundation, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";

let t: TestApp;
/** Statements of the match index's pg pool since the last reset. */
const indexStatements: string[] = [];
const tokens = {} as Record<"firm" | "centre" | "koperasi", string>;
let needId: string;
let mentee: Awaited<ReturnType<typeof makeIkm>>;
let firmGid: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  // Notified ids wait until a refresh or sync takes them, so a write's own notification is never
  // read on its own before the writer's refresh (which would read it once more, by design: see
  // MatchIndex.refresh); what is recorded is then the same on every run, however busy the machine.
  // Profiles are not remembered (infra/match-index/profiles.ts), so each operation shows every
  // profile it reads, whichever ran before it; remembered-profiles.test.ts shows what a repeat skips.
  t = await startTestApp({ matchIndex: { notifyDebounceMs: 2 ** 31 - 1, rememberedProfiles: 0 } });
  // The index's pool is private: its query method is wrapped to log statement text only.
  const pool = (t.app.matchIndex as unknown as { pg: pg.Pool }).pg;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    const text = typeof first === "string" ? first : (first as { text?: string } | undefined)?.text;
    if (text !== undefined && !/pg_notify/.test(text)) indexStatements.push(text);
    return query(...args);
  };

  const firm = await makeFirm(t.prisma, "PT Snapshot");
  firmGid = firm.gid;
  tokens.firm = (await t.user("FIRM", { firmId: firm.id })).token;
  // Three stamping IKMs, none big enough alone (1,000 a month each for a need of 1,500), in one sentra
  // and two of them in one koperasi: matches, gaps and consortia all have something to say.
  const ikms = [];
  for (let i = 0; i < 3; i++) ikms.push(await makeIkm(t.prisma, { name: `CV Snapshot ${i}`, processes: ["STAMPING"] }));
  const sentra = await t.prisma.sentra.create({
    data: { name: "Sentra Snapshot", regionCode: "33.72", product: "brackets", process: "STAMPING", rawMaterial: "baja" },
  });
  await t.prisma.sentraMembership.createMany({ data: ikms.map((k) => ({ sentraId: sentra.id, ikmId: k.id })) });
  const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Snapshot", regionCode: "33.72", offtaker: true } });
  await t.prisma.koperasiMembership.createMany({ data: ikms.slice(0, 2).map((k) => ({ koperasiId: koperasi.id, ikmId: k.id })) });
  tokens.koperasi = (await t.user("KOPERASI", { koperasiId: koperasi.id })).token;
  await t.prisma.sharedFacility.create({ data: { name: "Press line", sentraId: sentra.id, processes: ["STAMPING"] } });
  await t.app.services.matching.ikmsChanged(ikms.map((k) => k.id));

  const created = await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`,
    { input: needInput({ title: "Snapshot bracket", materials: ["baja"], quantityPerMonth: 1500 }) }, tokens.firm);
  expect(created.errors).toBeUndefined();
  needId = created.data.createNeed.id;
  const opened = await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: needId }, tokens.firm);
  expect(opened.errors).toBeUndefined();

  const foundation = await makeFoundation(t.prisma, "Yayasan Snapshot");
  const centre = await makeFoundation(t.prisma, "Centre Snapshot", foundation.id);
  tokens.centre = (await t.user("FOUNDATION", { foundationId: centre.id })).token;
  mentee = ikms[2]!;
  await t.prisma.mentorship.create({ data: { foundationId: centre.id, ikmId: mentee.id, startedOn: new Date("2023-01-01") } });
  await t.app.matchIndex.sync();
});
afterAll(() => t.stop());

/** Placeholders for what differs between runs; the statements' shape stays. */
function normalise(sql: string): string {
  return sql
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>")
    .replace(/\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?/g, "<date>")
    .replace(/\s+/g, " ")
    .trim();
}

/** Runs the operation once after a reset and renders what it issued, waiting for the index to settle. */
async function sqlOf(operation: () => Promise<{ errors?: unknown[] }>): Promise<string> {
  await t.app.matchIndex.sync();
  t.statements.reset();
  indexStatements.length = 0;
  const r = await operation();
  expect(r.errors).toBeUndefined();
  // Refreshes the write asked for (directly and through the trigger's NOTIFY) land before this resolves.
  await t.app.matchIndex.sync();
  const prisma = [...t.statements.statements].map(normalise).sort();
  const index = indexStatements.map(normalise).sort();
  expect(t.statements.count).toBe(t.statements.statements.length); // none dropped by the log's cap
  const block = (title: string, list: string[]) =>
    `-- ${title}: ${list.length} statement${list.length === 1 ? "" : "s"}\n${list.map((s) => `${s};\n`).join("")}`;
  return `${block("Prisma and prepared statements", prisma)}\n${block("match index", index)}`;
}

const file = (name: string) => `./__snapshots__/sql/${name}.sql`;

describe("SQL statements per operation (reviewed snapshots)", () => {
  it("matches { ikm need gapPaths }", async () => {
    const sql = await sqlOf(() => t.gql(`query($n: ID!) { matches(needId: $n, first: 10) { totalCount nodes {
      score ikm { legalName } need { title } gapPaths { kind message } } } }`, { n: needId }, tokens.firm));
    await expect(sql).toMatchFileSnapshot(file("matches"));
  });

  it("consortia", async () => {
    const sql = await sqlOf(() => t.gql(`query($n: ID!) { consortia(needId: $n) { eligibleSuppliers need { title }
      singleSuppliers { ikm { legalName } freeCapacity } proposals { rank covered members { ikm { legalName } share } } } }`, { n: needId }, tokens.firm));
    await expect(sql).toMatchFileSnapshot(file("consortia"));
  });

  it("consortia as a koperasi's manager (its members only)", async () => {
    const sql = await sqlOf(() => t.gql(`query($n: ID!) { consortia(needId: $n) { eligibleSuppliers need { title }
      singleSuppliers { ikm { legalName } freeCapacity } proposals { rank covered members { ikm { legalName } share } } } }`, { n: needId }, tokens.koperasi));
    await expect(sql).toMatchFileSnapshot(file("consortia-koperasi"));
  });

  it("a nested firm -> needs -> firm read", async () => {
    const sql = await sqlOf(() => t.gql(`query($id: ID!) { node(id: $id) { ... on Firm { name needs { title status firm { name } } } } }`,
      { id: firmGid }, tokens.firm));
    await expect(sql).toMatchFileSnapshot(file("firm-needs-firm"));
  });

  it("the nested read of npm run bench (firms -> needs -> firm; ikms -> capabilities, certifications)", async () => {
    const sql = await sqlOf(() => t.gql(`{ firms(first: 20) { totalCount nodes { name needs { title status firm { name } } } }
      ikms(first: 50, filter: { search: "Snapshot" }) { nodes { legalName capabilities { process monthlyCapacity } certifications { type validUntil } } } }`,
      {}, tokens.firm));
    await expect(sql).toMatchFileSnapshot(file("nested-read"));
  });

  it("changeStage", async () => {
    const assessed = await t.gql(`mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id } }`, {
      input: { ikmId: mentee.gid, assessedOn: today, assessor: "X", pillarScores: { production: 62, marketing: 58, finance: 60, hr: 61, ehs: 59 } },
    }, tokens.centre);
    expect(assessed.errors).toBeUndefined();
    const sql = await sqlOf(() => t.gql(`mutation($input: ChangeStageInput!) { changeStage(input: $input) {
      id fromStage toStage ikm { currentStage stageVersion } } }`,
      { input: { ikmId: mentee.gid, toStage: "PRAMANDIRI", expectedVersion: 0, assessmentId: assessed.data.recordAssessment.id } }, tokens.centre));
    await expect(sql).toMatchFileSnapshot(file("change-stage"));
  });
});

it("the ids in a snapshot are placeholders", () => {
  expect(normalise(`SELECT 1\n  WHERE id = '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b' AND at > '2026-12-03T14:25:03.120Z' AND on = '2027-03-01'`))
    .toBe("SELECT 1 WHERE id = '<uuid>' AND at > '<date>' AND on = '<date>'");
});
