/**
 * Deliveries and 5R audits through the API (issue 16): a firm records a month of deliveries under
 * its partnership, a mentoring foundation or a partner firm records a 5R audit, and the IKM's
 * delivery and quality factors in explainMatch move when the mutation answers (matchesChanged
 * subscribers hear it). An assessment's 5R items count as an audit. Bad input writes nothing.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { makeFirm, makeFoundation, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";
import { closeSubscriptions, subscribe } from "../helpers/subscriptions.js";

const RECORD = `mutation($input: DeliveryInput!) { recordDelivery(input: $input) { month lotsDelivered lotsOnTime qtyDelivered qtyRejected version } }`;
const AUDIT = `mutation($input: FiveRAuditInput!) { recordFiveRAudit(input: $input) { auditedOn auditor itemsScored pointsEarned scorePercent } }`;
const EXPLAIN = `query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { factors { factor value detail } } }`;
const DELIVERIES = `query($id: ID!) { node(id: $id) { ... on Partnership { deliveries { month lotsDelivered lotsOnTime qtyDelivered qtyRejected version } } } }`;

let t: TestApp;
let firm: Awaited<ReturnType<typeof makeFirm>>;
let other: Awaited<ReturnType<typeof makeFirm>>;
let tokens: Record<"firm" | "other" | "admin" | "fdn" | "ikm", string>;
let foundation: { id: string; gid: string };
let needId: string;

const thisMonth = new Date().toISOString().slice(0, 7);
const uuid = (gid: string) => fromGlobalId(gid)!.id;
const paths = (r: { errors?: { extensions?: { fields?: { path: string }[] } }[] }) => (r.errors?.[0]?.extensions?.fields ?? []).map((f) => f.path).sort();

async function partnership(ikmId: string, overrides: { firmId?: string; status?: "PENDING" | "ACTIVE" | "ENDED"; startDate?: string; endDate?: string } = {}): Promise<string> {
  const row = await t.prisma.partnership.create({
    data: {
      firmId: overrides.firmId ?? firm.id, ikmId, component: "Turned pins", processes: ["MACHINING_MANUAL"], quantityPerMonth: 1, unit: "PCS",
      startDate: new Date(overrides.startDate ?? "2025-01-01"), endDate: overrides.endDate ? new Date(overrides.endDate) : null, status: overrides.status ?? "ACTIVE",
    },
  });
  return toGlobalId("Partnership", row.id);
}

const figures = (partnershipId: string, overrides: Record<string, unknown> = {}) => ({
  partnershipId, month: "2025-03-15", lotsDelivered: 20, lotsOnTime: 20, qtyDelivered: 4000, qtyRejected: 0, ...overrides,
});

async function factors(ikmGid: string): Promise<Record<string, { value: number; detail: string }>> {
  const r = await t.gql(EXPLAIN, { n: needId, i: ikmGid }, tokens.firm);
  expect(r.errors).toBeUndefined();
  return Object.fromEntries(r.data.explainMatch.factors.map((f: any) => [f.factor, f]));
}

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t.prisma);
  other = await makeFirm(t.prisma);
  foundation = await makeFoundation(t.prisma, "Yayasan Uji");
  tokens = {
    firm: (await t.user("FIRM", { firmId: firm.id })).token,
    other: (await t.user("FIRM", { firmId: other.id })).token,
    admin: (await t.user("ADMIN")).token,
    fdn: (await t.user("FOUNDATION", { foundationId: foundation.id })).token,
    ikm: "",
  };
  const input = needInput({ title: "Turned pins", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 100 });
  needId = (await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input }, tokens.firm)).data.createNeed.id;
  expect((await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: needId }, tokens.firm)).errors).toBeUndefined();
});
afterAll(async () => {
  await closeSubscriptions(t.app);
  await t.stop();
});

describe("recordDelivery", () => {
  it("moves the IKM's delivery and quality factors in explainMatch at once, and matchesChanged hears it", async () => {
    const x = await makeIkm(t.prisma);
    await t.app.services.matching.ikmsChanged([x.id]);
    const p = await partnership(x.id);
    const before = await factors(x.gid);
    const s = await subscribe(t.app, tokens.firm, `subscription($n: ID!) { matchesChanged(needId: $n) { moved { id } entered { id } } }`, { n: needId });

    const r = await t.gql(RECORD, { input: figures(p, { lotsOnTime: 10, qtyRejected: 400 }) }, tokens.firm);
    expect(r.errors).toBeUndefined();
    expect(r.data.recordDelivery).toEqual({ month: "2025-03-01", lotsDelivered: 20, lotsOnTime: 10, qtyDelivered: 4000, qtyRejected: 400, version: 0 });

    const after = await factors(x.gid);
    expect(after.delivery.value).toBeLessThan(before.delivery.value);
    expect(after.quality.value).toBeLessThan(before.quality.value);
    await s.received(1);
    expect(s.events.some((e) => [...e.matchesChanged.moved, ...e.matchesChanged.entered].some((i: any) => i.id === x.gid))).toBe(true);

    const list = await t.gql(DELIVERIES, { id: p }, tokens.firm);
    expect(list.data.node.deliveries).toEqual([{ month: "2025-03-01", lotsDelivered: 20, lotsOnTime: 10, qtyDelivered: 4000, qtyRejected: 400, version: 0 }]);
  });

  it("keeps one record per partnership and month: a second is a correction naming its version, else CONFLICT", async () => {
    const x = await makeIkm(t.prisma);
    const p = await partnership(x.id);
    expect((await t.gql(RECORD, { input: figures(p) }, tokens.firm)).errors).toBeUndefined();

    const again = await t.gql(RECORD, { input: figures(p, { lotsOnTime: 1 }) }, tokens.firm);
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(again.errors![0].message).toMatch(/expectedVersion: 0/);
    const unknown = await t.gql(RECORD, { input: figures(p, { month: "2025-04-01", expectedVersion: 0 }) }, tokens.firm);
    expect(codes(unknown)).toEqual(["CONFLICT"]);

    const corrected = await t.gql(RECORD, { input: figures(p, { lotsOnTime: 18, expectedVersion: 0 }) }, tokens.admin);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.recordDelivery).toMatchObject({ lotsOnTime: 18, version: 1 });
    const stale = await t.gql(RECORD, { input: figures(p, { lotsOnTime: 2, expectedVersion: 0 }) }, tokens.firm);
    expect(codes(stale)).toEqual(["CONFLICT"]);

    const rows = await t.prisma.deliveryRecord.findMany({ where: { partnershipId: uuid(p) } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ lotsOnTime: 18, version: 1, ikmId: x.id, firmId: firm.id });
  });

  it("two first records of one month at once: one is written, the other is CONFLICT", async () => {
    const x = await makeIkm(t.prisma);
    const p = await partnership(x.id);
    const answers = await Promise.all([
      t.gql(RECORD, { input: figures(p, { lotsOnTime: 11 }) }, tokens.firm),
      t.gql(RECORD, { input: figures(p, { lotsOnTime: 12 }) }, tokens.admin),
    ]);
    expect(answers.map((a) => codes(a)).sort()).toEqual([[], ["CONFLICT"]]);
    const won = answers.find((a) => !a.errors)!.data.recordDelivery.lotsOnTime;
    const rows = await t.prisma.deliveryRecord.findMany({ where: { partnershipId: uuid(p) } });
    expect(rows.map((r) => [r.lotsOnTime, r.version])).toEqual([[won, 0]]);
  });

  it("refuses bad input with typed errors and writes nothing", async () => {
    const x = await makeIkm(t.prisma);
    const p = await partnership(x.id, { startDate: "2025-06-10" });
    const pending = await partnership(x.id, { status: "PENDING" });
    const ended = await partnership(x.id, { status: "ENDED", startDate: "2025-01-01", endDate: "2025-05-20" });
    const cases: [Record<string, unknown>, string, string[]][] = [
      [figures(p, { month: "2025-07-01", lotsOnTime: 21 }), "BAD_USER_INPUT", ["input.lotsOnTime"]],
      [figures(p, { month: "2025-07-01", qtyRejected: 4001 }), "BAD_USER_INPUT", ["input.qtyRejected"]],
      [figures(p, { month: "2025-07-01", lotsDelivered: -1 }), "BAD_USER_INPUT", ["input.lotsDelivered"]],
      [figures(p, { month: "2025-07-01", qtyDelivered: 10.5 }), "BAD_USER_INPUT", []], // refused by GraphQL itself (Int),
      [figures(p, { month: "2025-05-31" }), "BAD_USER_INPUT", ["input.month"]],
      [figures(p, { month: "2199-01-01" }), "BAD_USER_INPUT", ["input.month"]],
      [figures(ended, { month: "2025-06-01" }), "BAD_USER_INPUT", ["input.month"]],
      [figures(p, { month: "2025-05-01", lotsOnTime: 30, qtyRejected: 5000 }), "BAD_USER_INPUT", ["input.lotsOnTime", "input.month", "input.qtyRejected"]],
      [figures(pending), "INVALID_TRANSITION", []],
    ];
    for (const [input, code, fields] of cases) {
      const r = await t.gql(RECORD, { input }, tokens.firm);
      expect(codes(r), JSON.stringify(input)).toEqual([code]);
      expect(paths(r), JSON.stringify(r.errors)).toEqual(fields);
    }
    // Another firm's partnership answers like a missing one.
    const foreign = await t.gql(RECORD, { input: figures(p, { month: "2025-07-01" }) }, tokens.other);
    const missing = await t.gql(RECORD, { input: figures(toGlobalId("Partnership", crypto.randomUUID()), { month: "2025-07-01" }) }, tokens.other);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);
    expect(await t.prisma.deliveryRecord.count({ where: { ikmId: x.id } })).toBe(0);

    // Within an ENDED partnership's dates, and this month, it records.
    expect((await t.gql(RECORD, { input: figures(ended, { month: "2025-05-01" }) }, tokens.firm)).errors).toBeUndefined();
    expect((await t.gql(RECORD, { input: figures(p, { month: `${thisMonth}-01` }) }, tokens.firm)).errors).toBeUndefined();
  });
});

describe("5R audits", () => {
  const items = [
    { section: "RINGKAS", item: "Unneeded items removed", score: 2 },
    { section: "RAPI", item: "Tools on shadow boards", score: 1 },
  ];

  it("a mentoring foundation's audit replaces '5R not audited' in explainMatch at once", async () => {
    const x = await makeIkm(t.prisma);
    await t.prisma.mentorship.create({ data: { foundationId: foundation.id, ikmId: x.id, startedOn: new Date("2025-01-01"), status: "ACTIVE" } });
    await t.app.services.matching.ikmsChanged([x.id]);
    expect((await factors(x.gid)).quality.detail).toMatch(/5R not audited/);

    const r = await t.gql(AUDIT, { input: { ikmId: x.gid, auditedOn: "2025-03-01", auditor: "Tim Yayasan", items } }, tokens.fdn);
    expect(r.errors).toBeUndefined();
    expect(r.data.recordFiveRAudit).toEqual({ auditedOn: "2025-03-01", auditor: "Tim Yayasan", itemsScored: 2, pointsEarned: 3, scorePercent: 75 });
    expect((await factors(x.gid)).quality.detail).toMatch(/5R 75%/);
  });

  it("is recorded by a firm with an ACTIVE partnership, not by one without, nor the IKM; bad items write nothing", async () => {
    const x = await makeIkm(t.prisma);
    await partnership(x.id);
    const ikmToken = (await t.user("IKM", { ikmId: x.id })).token;
    const input = { ikmId: x.gid, auditedOn: "2025-03-01", auditor: "QA PT Uji", items };
    expect((await t.gql(AUDIT, { input }, tokens.firm)).errors).toBeUndefined();
    expect(codes(await t.gql(AUDIT, { input }, tokens.other))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(AUDIT, { input }, ikmToken))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(AUDIT, { input }, tokens.fdn))).toEqual(["FORBIDDEN"]);
    for (const bad of [{ items: [] }, { items: [{ ...items[0], score: 3 }] }, { auditedOn: "2199-01-01" }, { auditor: " " }]) {
      const r = await t.gql(AUDIT, { input: { ...input, ...bad } }, tokens.firm);
      expect(codes(r), JSON.stringify(bad)).toEqual(["BAD_USER_INPUT"]);
    }
    expect(await t.prisma.fiveRAudit.count({ where: { ikmId: x.id } })).toBe(1);
  });

  it("an assessment with 5R items counts as an audit: the matcher no longer says '5R not audited'", async () => {
    const x = await makeIkm(t.prisma);
    await t.prisma.mentorship.create({ data: { foundationId: foundation.id, ikmId: x.id, startedOn: new Date("2025-01-01"), status: "ACTIVE" } });
    await t.app.services.matching.ikmsChanged([x.id]);
    expect((await factors(x.gid)).quality.detail).toMatch(/5R not audited/);
    const r = await t.gql(`mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id fiveRPercent } }`, {
      input: { ikmId: x.gid, assessedOn: "2025-04-01", assessor: "Tim Yayasan", pillarScores: { production: 60, marketing: 50, finance: 50, hr: 50, ehs: 50 }, fiveRItems: [...items, { section: "RESIK", item: "Floor clean", score: 2 }] },
    }, tokens.fdn);
    expect(r.errors).toBeUndefined();
    expect((await factors(x.gid)).quality.detail).toMatch(/5R 83.33%/);
    const audit = await t.prisma.fiveRAudit.findFirstOrThrow({ where: { ikmId: x.id } });
    expect(audit).toMatchObject({ assessmentId: uuid(r.data.recordAssessment.id), itemsScored: 3, pointsEarned: 5, auditor: "Tim Yayasan" });

    // One without 5R items writes no audit.
    const plain = await t.gql(`mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id } }`, {
      input: { ikmId: x.gid, assessedOn: "2025-05-01", assessor: "Tim Yayasan", pillarScores: { production: 60, marketing: 50, finance: 50, hr: 50, ehs: 50 } },
    }, tokens.fdn);
    expect(plain.errors).toBeUndefined();
    expect(await t.prisma.fiveRAudit.count({ where: { ikmId: x.id } })).toBe(1);
  });
});

describe("the migration", () => {
  it("writes a 5R audit for each assessment recorded earlier with 5R items, and none for one without", async () => {
    const x = await makeIkm(t.prisma);
    const base = { ikmId: x.id, assessor: "Lama", pillarScores: {}, itemScores: {}, proposedStage: "MADYA" as const };
    const withItems = await t.prisma.assessment.create({
      data: { ...base, assessedOn: new Date("2024-06-01"), fiveRPercent: 75, fiveRItems: [{ section: "RINGKAS", item: "a", score: 2 }, { section: "RAPI", item: "b", score: 1 }] },
    });
    await t.prisma.assessment.create({ data: { ...base, assessedOn: new Date("2024-07-01") } });
    const sql = readFileSync(new URL("../../prisma/migrations/20261203170512_deliveries_and_audits/migration.sql", import.meta.url), "utf8");
    await t.prisma.$executeRawUnsafe(sql.slice(sql.indexOf('INSERT INTO "FiveRAudit"')));
    const audits = await t.prisma.fiveRAudit.findMany({ where: { ikmId: x.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ assessmentId: withItems.id, itemsScored: 2, pointsEarned: 3, auditor: "Lama", auditedOn: new Date("2024-06-01") });
    expect(Number(audits[0].scorePercent)).toBe(75);
  });
});
