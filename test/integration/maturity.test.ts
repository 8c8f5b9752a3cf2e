/**
 * Maturity tracking over HTTP: mentorships, assessments, stage changes (rules, optimistic version,
 * concurrency), who may do what, and the foundation dashboards against figures computed here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../src/domain/ids.js";
import type { MaturityStage } from "../../src/domain/enums.js";
import { MATURITY } from "../../src/core/maturity/config.js";
import { makeFirm, makeFoundation, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";

let t: TestApp;
let ydba: { id: string; gid: string };
let lpb: { id: string; gid: string };
let other: { id: string; gid: string };
const tokens: Record<"admin" | "parent" | "centre" | "other" | "firm" | "ikm" | "strangerIkm", string> = {} as never;
let mentee: Awaited<ReturnType<typeof makeIkm>>;
let stranger: Awaited<ReturnType<typeof makeIkm>>;
let sponsor: Awaited<ReturnType<typeof makeFirm>>;

const today = new Date().toISOString().slice(0, 10);
const pillars = (avg: number) => ({ production: avg + 2, marketing: avg - 2, finance: avg, hr: avg + 1, ehs: avg - 1 });

const START = `mutation($input: StartMentorshipInput!) { startMentorship(input: $input) { id status foundation { name } sponsorFirm { name } } }`;
const ACCEPT = `mutation($id: ID!) { acceptMentorship(id: $id) { status } }`;
const END = `mutation($id: ID!, $input: EndMentorshipInput!) { endMentorship(id: $id, input: $input) { status endedOn } }`;
const ASSESS = `mutation($input: AssessmentInput!) {
  recordAssessment(input: $input) { id proposedStage pillarAverage fiveRPercent fiveRBySection { section percent } itemScores { costControl training } foundation { name } recordedBy { name } }
}`;
const CHANGE = `mutation($input: ChangeStageInput!) { changeStage(input: $input) { id fromStage toStage reason assessment { id } changedBy { name } ikm { currentStage stageVersion } } }`;
const HISTORY = `query($id: ID!) { ikm(id: $id) { currentStage stageVersion assessments { id proposedStage } stageHistory { fromStage toStage reason } mentorships { status } } }`;

beforeAll(async () => {
  t = await startTestApp();
  ydba = await makeFoundation(t.prisma, "YDBA (test)");
  lpb = await makeFoundation(t.prisma, "LPB Solo Raya (test)", ydba.id);
  other = await makeFoundation(t.prisma, "Other foundation (test)");
  sponsor = await makeFirm(t.prisma, "PT Sponsor Uji");
  mentee = await makeIkm(t.prisma, { stage: "MADYA" });
  stranger = await makeIkm(t.prisma, { stage: "MADYA" });
  tokens.admin = (await t.user("ADMIN")).token;
  tokens.parent = (await t.user("FOUNDATION", { foundationId: ydba.id })).token;
  tokens.centre = (await t.user("FOUNDATION", { foundationId: lpb.id })).token;
  tokens.other = (await t.user("FOUNDATION", { foundationId: other.id })).token;
  tokens.firm = (await t.user("FIRM", { firmId: sponsor.id })).token;
  tokens.ikm = (await t.user("IKM", { ikmId: mentee.id })).token;
  tokens.strangerIkm = (await t.user("IKM", { ikmId: stranger.id })).token;
});
afterAll(() => t.stop());

describe("mentorships", () => {
  let proposal: string;

  it("a regional centre proposes to mentor an IKM, with its sponsor firm; it waits for the IKM", async () => {
    const r = await t.gql(START, { input: { ikmId: mentee.gid, mentorName: "Bu Ani", sponsorFirmId: toGlobalId("Firm", sponsor.id), startedOn: "2024-01-15" } }, tokens.centre);
    expect(r.errors).toBeUndefined();
    expect(r.data.startMentorship).toMatchObject({ status: "PENDING", foundation: { name: "LPB Solo Raya (test)" }, sponsorFirm: { name: "PT Sponsor Uji" } });
    proposal = r.data.startMentorship.id;
  });

  it("gives a proposing foundation nothing until the IKM accepts", async () => {
    const assess = await t.gql(ASSESS, { input: { ikmId: mentee.gid, assessedOn: today, assessor: "X", pillarScores: pillars(50) } }, tokens.centre);
    expect(codes(assess)).toEqual(["FORBIDDEN"]);
    expect((await t.gql(HISTORY, { id: mentee.gid }, tokens.centre)).data.ikm.assessments).toBeNull();
    expect(codes(await t.gql(ACCEPT, { id: proposal }, tokens.centre))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(ACCEPT, { id: proposal }, tokens.strangerIkm))).toEqual(["NOT_FOUND"]);
    expect(codes(await t.gql(ACCEPT, { id: proposal }, tokens.firm))).toEqual(["FORBIDDEN"]);
    const accepted = await t.gql(ACCEPT, { id: proposal }, tokens.ikm);
    expect(accepted.data.acceptMentorship.status).toBe("ACTIVE");
    expect(codes(await t.gql(ACCEPT, { id: proposal }, tokens.ikm))).toEqual(["INVALID_TRANSITION"]);
  });

  it("refuses a second open mentorship by the same foundation with CONFLICT", async () => {
    const r = await t.gql(START, { input: { ikmId: mentee.gid, startedOn: "2024-02-01" } }, tokens.centre);
    expect(codes(r)).toEqual(["CONFLICT"]);
  });

  it("refuses firms and IKMs (FORBIDDEN), another foundation's centre (BAD_USER_INPUT), anonymous callers", async () => {
    const input = { ikmId: stranger.gid, startedOn: "2024-01-01" };
    expect(codes(await t.gql(START, { input }, tokens.firm))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(START, { input }, tokens.ikm))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(START, { input: { ...input, foundationId: lpb.gid } }, tokens.other))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await t.gql(START, { input }))).toEqual(["UNAUTHENTICATED"]);
    expect(await t.prisma.mentorship.count({ where: { ikmId: stranger.id } })).toBe(0);
  });

  it("shows on the IKM's public profile", async () => {
    const r = await t.gql(HISTORY, { id: mentee.gid });
    expect(r.data.ikm.mentorships).toEqual([{ status: "ACTIVE" }]);
    expect(r.data.ikm.assessments).toBeNull(); // anonymous
  });

  it("ends: the foundation's sight of the IKM's records and its right to grade end with it", async () => {
    const ikm = await makeIkm(t.prisma);
    const ikmToken = (await t.user("IKM", { ikmId: ikm.id })).token;
    const id = toGlobalId("Mentorship", (await t.prisma.mentorship.create({ data: { foundationId: lpb.id, ikmId: ikm.id, startedOn: new Date("2024-01-01") } })).id);
    expect((await t.gql(ASSESS, { input: { ikmId: ikm.gid, assessedOn: today, assessor: "X", pillarScores: pillars(50) } }, tokens.centre)).errors).toBeUndefined();
    expect((await t.gql(HISTORY, { id: ikm.gid }, tokens.centre)).data.ikm.assessments).toHaveLength(1);
    expect(codes(await t.gql(END, { id, input: { status: "GRADUATED", endedOn: today } }, ikmToken))).toEqual(["BAD_USER_INPUT"]); // an IKM leaves, it does not graduate itself
    expect(codes(await t.gql(END, { id, input: { status: "ENDED", endedOn: today } }, tokens.other))).toEqual(["NOT_FOUND"]);
    expect(codes(await t.gql(END, { id, input: { status: "ENDED", endedOn: "2023-01-01" } }, tokens.centre))).toEqual(["BAD_USER_INPUT"]);
    const ended = await t.gql(END, { id, input: { status: "GRADUATED", endedOn: today } }, tokens.centre);
    expect(ended.data.endMentorship).toEqual({ status: "GRADUATED", endedOn: today });
    expect(codes(await t.gql(END, { id, input: { status: "ENDED", endedOn: today } }, tokens.centre))).toEqual(["INVALID_TRANSITION"]);
    expect((await t.gql(HISTORY, { id: ikm.gid }, tokens.centre)).data.ikm.assessments).toBeNull();
    expect((await t.gql(HISTORY, { id: ikm.gid }, ikmToken)).data.ikm.assessments).toHaveLength(1); // the IKM keeps its own
    expect(codes(await t.gql(ASSESS, { input: { ikmId: ikm.gid, assessedOn: today, assessor: "X", pillarScores: pillars(50) } }, tokens.centre))).toEqual(["FORBIDDEN"]);
  });
});

describe("assessments", () => {
  let assessmentId: string;

  it("records pillar and item scores and 5R items, and proposes a stage from the pillar average", async () => {
    const r = await t.gql(ASSESS, {
      input: {
        ikmId: mentee.gid, assessedOn: "2026-10-01", assessor: "Pak Assessor",
        pillarScores: pillars(55), itemScores: { costControl: 60, training: 40 },
        fiveRItems: [
          { section: "RINGKAS", item: "Unneeded items removed", score: 2 },
          { section: "RINGKAS", item: "Red tags used", score: 1 },
          { section: "RAPI", item: "Tools have a place", score: 1 },
          { section: "RESIK", item: "Machines clean", score: 0 },
        ],
        evidenceUrls: ["https://example.org/foto-1.jpg"],
      },
    }, tokens.centre);
    expect(r.errors).toBeUndefined();
    assessmentId = r.data.recordAssessment.id;
    expect(r.data.recordAssessment).toMatchObject({
      proposedStage: "PRAMANDIRI", pillarAverage: 55, fiveRPercent: 50,
      fiveRBySection: [{ section: "RINGKAS", percent: 75 }, { section: "RAPI", percent: 50 }, { section: "RESIK", percent: 0 }],
      itemScores: { costControl: 60, training: 40 }, foundation: { name: "LPB Solo Raya (test)" }, recordedBy: { name: "FOUNDATION tester" },
    });
  });

  it.each<[number, MaturityStage]>([
    [0, "PEMULA"], [MATURITY.stageThresholds.MADYA - 0.2, "PEMULA"], [MATURITY.stageThresholds.MADYA, "MADYA"],
    [MATURITY.stageThresholds.PRAMANDIRI, "PRAMANDIRI"], [MATURITY.stageThresholds.MANDIRI - 0.2, "PRAMANDIRI"], [MATURITY.stageThresholds.MANDIRI, "MANDIRI"], [100, "MANDIRI"],
  ])("a pillar average of %d proposes %s", async (avg, stage) => {
    const all = { production: avg, marketing: avg, finance: avg, hr: avg, ehs: avg };
    const r = await t.gql(ASSESS, { input: { ikmId: mentee.gid, assessedOn: "2026-09-01", assessor: "X", pillarScores: all } }, tokens.parent);
    expect(r.data.recordAssessment.proposedStage).toBe(stage);
  });

  it("refuses bad scores, future dates and unknown items with every problem by field, writing nothing", async () => {
    const before = await t.prisma.assessment.count();
    const r = await t.gql(ASSESS, {
      input: {
        ikmId: mentee.gid, assessedOn: "2099-01-01", assessor: " ", pillarScores: { ...pillars(50), ehs: 120 },
        fiveRItems: [{ section: "RAPI", item: "x", score: 3 }], evidenceUrls: ["javascript:alert(1)"],
      },
    }, tokens.centre);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    const paths = r.errors![0].extensions!.fields!.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["input.assessedOn", "input.assessor", "input.pillarScores.ehs", "input.fiveRItems.0.score", "input.evidenceUrls.0"]));
    expect(await t.prisma.assessment.count()).toBe(before);
  });

  it("is for the mentoring foundation (and those above it) and administrators only", async () => {
    const input = { ikmId: mentee.gid, assessedOn: "2026-10-01", assessor: "X", pillarScores: pillars(50) };
    expect(codes(await t.gql(ASSESS, { input }, tokens.other))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(ASSESS, { input }, tokens.firm))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(ASSESS, { input }, tokens.ikm))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(ASSESS, { input: { ...input, ikmId: stranger.gid } }, tokens.centre))).toEqual(["FORBIDDEN"]);
    // A missing IKM answers a foundation as one it does not mentor; an administrator learns it is missing.
    const missing = { ...input, ikmId: toGlobalId("Ikm", "00000000-0000-4000-8000-000000000000") };
    expect(codes(await t.gql(ASSESS, { input: missing }, tokens.centre))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(ASSESS, { input: missing }, tokens.admin))).toEqual(["NOT_FOUND"]);
    expect((await t.gql(ASSESS, { input }, tokens.admin)).errors).toBeUndefined();
  });

  it("shows to the IKM itself, its foundations and administrators; null to firms, other IKMs and other foundations", async () => {
    for (const who of ["ikm", "centre", "parent", "admin"] as const) {
      const r = await t.gql(HISTORY, { id: mentee.gid }, tokens[who]);
      expect(r.data.ikm.assessments.map((a: { id: string }) => a.id), who).toContain(assessmentId);
    }
    for (const who of ["firm", "strangerIkm", "other"] as const) {
      const r = await t.gql(HISTORY, { id: mentee.gid }, tokens[who]);
      expect(r.data.ikm.assessments, who).toBeNull();
      expect(r.data.ikm.stageHistory, who).toBeNull();
    }
    const node = `query($id: ID!) { node(id: $id) { ... on Assessment { proposedStage } } }`;
    expect((await t.gql(node, { id: assessmentId }, tokens.ikm)).data.node).toEqual({ proposedStage: "PRAMANDIRI" });
    expect((await t.gql(node, { id: assessmentId }, tokens.firm)).data.node).toBeNull();
  });
});

describe("stage changes", () => {
  let ikm: Awaited<ReturnType<typeof makeIkm>>;
  const assess = async (avg: number) =>
    (await t.gql(ASSESS, { input: { ikmId: ikm.gid, assessedOn: today, assessor: "X", pillarScores: pillars(avg) } }, tokens.centre)).data.recordAssessment.id as string;
  const change = (input: Record<string, unknown>, token = tokens.centre) => t.gql(CHANGE, { input: { ikmId: ikm.gid, ...input } }, token);
  const version = async () => (await t.prisma.ikm.findUniqueOrThrow({ where: { id: ikm.id } })).stageVersion;

  beforeAll(async () => {
    ikm = await makeIkm(t.prisma, { stage: "MADYA" });
    await t.prisma.mentorship.create({ data: { foundationId: lpb.id, ikmId: ikm.id, startedOn: new Date("2023-01-01") } });
  });

  it("promotes one step citing an assessment that proposes it, and keeps it as history", async () => {
    const assessmentId = await assess(60);
    const r = await change({ toStage: "PRAMANDIRI", expectedVersion: 0, assessmentId });
    expect(r.errors).toBeUndefined();
    expect(r.data.changeStage).toMatchObject({
      fromStage: "MADYA", toStage: "PRAMANDIRI", reason: "Assessment proposes PRAMANDIRI", assessment: { id: assessmentId },
      changedBy: { name: "FOUNDATION tester" }, ikm: { currentStage: "PRAMANDIRI", stageVersion: 1 },
    });
    const history = await t.gql(HISTORY, { id: ikm.gid }, tokens.centre);
    expect(history.data.ikm.stageHistory).toEqual([{ fromStage: "MADYA", toStage: "PRAMANDIRI", reason: "Assessment proposes PRAMANDIRI" }]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["the same stage", { toStage: "PRAMANDIRI" }, "already PRAMANDIRI"],
    ["a promotion without an assessment", { toStage: "MANDIRI" }, "cites an assessment"],
    ["a skip without override", { toStage: "PEMULA", reason: "Quality system collapsed after the fire" }, "skips 1 stage"],
    ["an override without a reason", { toStage: "MANDIRI", override: true, reason: "short" }, "override needs a reason"],
    ["a demotion without a reason", { toStage: "MADYA" }, "demotion from PRAMANDIRI to MADYA needs a reason"],
  ])("refuses %s with INVALID_TRANSITION and a message that says what to do", async (_label, input, message) => {
    const r = await change({ expectedVersion: 1, ...input });
    expect(codes(r)).toEqual(["INVALID_TRANSITION"]);
    expect(r.errors![0].message).toContain(message);
    expect(await version()).toBe(1);
  });

  it("refuses a promotion citing an assessment that proposes less, or another IKM's assessment", async () => {
    const low = await assess(30); // MADYA
    expect(codes(await change({ toStage: "MANDIRI", expectedVersion: 1, assessmentId: low }))).toEqual(["INVALID_TRANSITION"]);
    const foreign = (await t.prisma.assessment.findFirstOrThrow({ where: { ikmId: mentee.id } })).id;
    expect(codes(await change({ toStage: "MANDIRI", expectedVersion: 1, assessmentId: toGlobalId("Assessment", foreign) }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses a promotion citing an assessment older than the last stage change, or than a year", async () => {
    const dated = async (assessedOn: string) =>
      toGlobalId("Assessment", (await t.prisma.assessment.create({ data: { ikmId: ikm.id, assessedOn: new Date(assessedOn), assessor: "X", pillarScores: {}, itemScores: {}, proposedStage: "MANDIRI" } })).id);
    const beforeChange = await dated(new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10));
    const r = await change({ toStage: "MANDIRI", expectedVersion: 1, assessmentId: beforeChange });
    expect(codes(r)).toEqual(["INVALID_TRANSITION"]);
    expect(r.errors![0].message).toContain("predates the IKM's last stage change");
    await t.prisma.stageChange.updateMany({ where: { ikmId: ikm.id }, data: { changedAt: new Date("2020-01-01") } });
    const old = await change({ toStage: "MANDIRI", expectedVersion: 1, assessmentId: await dated("2021-01-01") });
    expect(old.errors![0].message).toContain(`more than ${MATURITY.reassessAfterMonths} months old`);
    await t.prisma.stageChange.updateMany({ where: { ikmId: ikm.id }, data: { changedAt: new Date() } });
    expect(await version()).toBe(1);
  });

  it("refuses a change based on a stale version with CONFLICT, naming the current stage", async () => {
    const r = await change({ toStage: "MADYA", expectedVersion: 0, reason: "Lost its main customer and capacity" });
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0].message).toContain("PRAMANDIRI now, at stageVersion 1");
  });

  it("lets exactly one of many concurrent changes from the same version win; the others get CONFLICT", async () => {
    const assessmentId = await assess(90);
    const before = await t.prisma.stageChange.count({ where: { ikmId: ikm.id } });
    // More requests than the database pool has connections: none may wait on another for one.
    const results = await Promise.all(Array.from({ length: 16 }, () => change({ toStage: "MANDIRI", expectedVersion: 1, assessmentId })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => codes(r)[0] === "CONFLICT")).toHaveLength(15);
    expect(await t.prisma.stageChange.count({ where: { ikmId: ikm.id } })).toBe(before + 1);
    expect(await version()).toBe(2);
  });

  it("demotes with a reason, and overrides a skip with a reason", async () => {
    expect((await change({ toStage: "PRAMANDIRI", expectedVersion: 2, reason: "Reject rate tripled this year" })).errors).toBeUndefined();
    expect((await change({ toStage: "PEMULA", expectedVersion: 3, override: true, reason: "Workshop closed for a year after the flood" })).errors).toBeUndefined();
    expect(await version()).toBe(4);
    // Each change records when the stage it leaves was entered: the previous change's time.
    const [a, b] = await t.prisma.stageChange.findMany({ where: { ikmId: ikm.id }, orderBy: { changedAt: "desc" }, take: 2 });
    expect(a.fromStageSince).toEqual(b.changedAt);
  });

  it("is for the mentoring foundations and administrators only", async () => {
    const input = { toStage: "MADYA", expectedVersion: 4, reason: "Reopened with new machines", override: true };
    expect(codes(await change(input, tokens.other))).toEqual(["FORBIDDEN"]);
    expect(codes(await change(input, tokens.firm))).toEqual(["FORBIDDEN"]);
    expect(codes(await change(input, tokens.ikm))).toEqual(["FORBIDDEN"]);
    expect(codes(await change(input, tokens.parent))).toEqual([]);
  });

  it("feeds matching: a need's minimum stage sees the new stage at once", async () => {
    const firm = await makeFirm(t.prisma);
    const firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
    const draft = await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input: needInput({ processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 100, minimumStage: "PRAMANDIRI" }) }, firmToken);
    const needId = draft.data.createNeed.id;
    await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id: needId }, firmToken);
    const explain = `query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { eligible } }`;
    expect((await t.gql(explain, { n: needId, i: ikm.gid }, firmToken)).data.explainMatch.eligible).toBe(false);
    const assessmentId = await assess(60);
    expect((await change({ toStage: "PRAMANDIRI", expectedVersion: 5, assessmentId })).errors).toBeUndefined();
    expect((await t.gql(explain, { n: needId, i: ikm.gid }, firmToken)).data.explainMatch.eligible).toBe(true);
    const matches = await t.gql(`query($n: ID!) { matches(needId: $n) { nodes { ikm { id } } } }`, { n: needId }, firmToken);
    expect(matches.data.matches.nodes.map((m: { ikm: { id: string } }) => m.ikm.id)).toContain(ikm.gid);
  });
});

describe("a foundation's dashboard", () => {
  let dash: { id: string; gid: string };
  let centre: { id: string; gid: string };
  let dashToken: string;
  const now = new Date();
  const monthsAgo = (n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, now.getUTCDate()));
  // 20 mentees: 10 MANDIRI, 9 PRAMANDIRI, 1 MADYA (the Solo Raya shares); regions 33.72 x 12, 33.10 x 5, 34.71 x 3.
  const plan: Array<{ stage: MaturityStage; region: string; sponsor: 0 | 1 | null; centre: boolean; assessedMonthsAgo: number | null }> = Array.from({ length: 20 }, (_, i) => ({
    stage: i < 10 ? "MANDIRI" : i < 19 ? "PRAMANDIRI" : "MADYA",
    region: i < 12 ? "33.72" : i < 17 ? "33.10" : "34.71",
    sponsor: i % 4 === 3 ? null : ((i % 2) as 0 | 1),
    centre: i >= 15,
    assessedMonthsAgo: i < 14 ? 3 : i < 17 ? 14 : null,
  }));
  const ids: string[] = [];
  let sponsors: Awaited<ReturnType<typeof makeFirm>>[];

  beforeAll(async () => {
    dash = await makeFoundation(t.prisma, "Dashboard foundation");
    centre = await makeFoundation(t.prisma, "Dashboard centre", dash.id);
    dashToken = (await t.user("FOUNDATION", { foundationId: dash.id })).token;
    sponsors = [await makeFirm(t.prisma, "PT Ayah Angkat A"), await makeFirm(t.prisma, "PT Ayah Angkat B")];
    for (const p of plan) {
      const ikm = await makeIkm(t.prisma, { stage: p.stage, regionCode: p.region, processes: ["CASTING"] });
      ids.push(ikm.id);
      await t.prisma.mentorship.create({
        data: { foundationId: p.centre ? centre.id : dash.id, ikmId: ikm.id, startedOn: monthsAgo(40), sponsorFirmId: p.sponsor === null ? null : sponsors[p.sponsor].id },
      });
      if (p.assessedMonthsAgo !== null) {
        await t.prisma.assessment.create({
          data: { ikmId: ikm.id, foundationId: dash.id, assessedOn: monthsAgo(p.assessedMonthsAgo), assessor: "X", pillarScores: {}, itemScores: {}, proposedStage: p.stage },
        });
      }
    }
    // A graduated mentee counts nowhere; a mentee of both the foundation and its centre counts once.
    const graduated = await makeIkm(t.prisma, { stage: "MANDIRI" });
    await t.prisma.mentorship.create({ data: { foundationId: dash.id, ikmId: graduated.id, startedOn: monthsAgo(60), endedOn: monthsAgo(2), status: "GRADUATED" } });
    await t.prisma.mentorship.create({ data: { foundationId: centre.id, ikmId: ids[0], startedOn: monthsAgo(10), sponsorFirmId: sponsors[0].id } });
    // Stage histories (months ago): mentees 0-3 spent 6, 10, 14, 20 months in MADYA; mentees 0 and 1
    // then 12 and 24 months in PRAMANDIRI, becoming MANDIRI 4 and 2 months ago (inside the window).
    const history: Array<[number, MaturityStage | null, MaturityStage, number]> = [
      [0, null, "MADYA", 22], [0, "MADYA", "PRAMANDIRI", 16], [0, "PRAMANDIRI", "MANDIRI", 4],
      [1, null, "MADYA", 36], [1, "MADYA", "PRAMANDIRI", 26], [1, "PRAMANDIRI", "MANDIRI", 2],
      [2, null, "MADYA", 50], [2, "MADYA", "PRAMANDIRI", 36],
      [3, null, "MADYA", 50], [3, "MADYA", "PRAMANDIRI", 30],
    ];
    history.push([5, "MANDIRI", "PRAMANDIRI", 1]); // a demotion inside the window is no promotion
    const entered = new Map<number, number>(); // mentee -> months ago its present stage was entered
    for (const [i, from, to, ago] of history) {
      const since = entered.get(i);
      await t.prisma.stageChange.create({ data: { ikmId: ids[i], fromStage: from, toStage: to, changedAt: monthsAgo(ago), fromStageSince: since === undefined ? null : monthsAgo(since), reason: "history" } });
      entered.set(i, ago);
    }
  });

  const DASH = `query($f: ID) { foundationDashboard(foundationId: $f) {
    stages { total byStage { stage count share } }
    byRegion { key name count share byStage { stage count } }
    bySponsor { key name count }
    progression { mentees promotedInWindow promotedShare windowMonths stays { stage medianMonths completedStays current } }
  } }`;

  it("counts active mentees per stage with shares, the regional centre's included, each once", async () => {
    const r = await t.gql(DASH, { f: dash.gid }, dashToken);
    expect(r.errors).toBeUndefined();
    const d = r.data.foundationDashboard;
    expect(d.stages).toEqual({
      total: 20,
      byStage: [
        { stage: "PEMULA", count: 0, share: 0 },
        { stage: "MADYA", count: 1, share: 0.05 },
        { stage: "PRAMANDIRI", count: 9, share: 0.45 },
        { stage: "MANDIRI", count: 10, share: 0.5 },
      ],
    });
    expect(d.byRegion.map((g: any) => [g.key, g.name, g.count, g.share])).toEqual([["33", "Jawa Tengah", 17, 0.85], ["34", "DI Yogyakarta", 3, 0.15]]);
    expect(d.byRegion[1].byStage.find((s: any) => s.stage === "PRAMANDIRI").count).toBe(2);
    const expectedBySponsor = [0, 1, null].map((s) => plan.filter((p) => p.sponsor === s).length);
    expect(d.bySponsor.map((g: any) => [g.name, g.count]).sort()).toEqual(
      [["PT Ayah Angkat A", expectedBySponsor[0]], ["PT Ayah Angkat B", expectedBySponsor[1]], [null, expectedBySponsor[2]]].sort(),
    );
  });

  it("reports median months per stage over completed stays, and the share promoted in 12 months", async () => {
    const d = (await t.gql(DASH, { f: dash.gid }, dashToken)).data.foundationDashboard.progression;
    expect(d).toMatchObject({ mentees: 20, windowMonths: 12, promotedInWindow: 2, promotedShare: 0.1 });
    const stays = Object.fromEntries(d.stays.map((s: any) => [s.stage, s]));
    expect(stays.MADYA.completedStays).toBe(4);
    expect(stays.MADYA.medianMonths).toBeCloseTo(12, 0); // median of 6, 10, 14, 20
    expect(stays.PRAMANDIRI.completedStays).toBe(2);
    expect(stays.PRAMANDIRI.medianMonths).toBeCloseTo(18, 0); // median of 12, 24
    expect(stays.MANDIRI).toMatchObject({ completedStays: 0, current: 10 }); // mentee 5 left MANDIRI, but when it entered is unknown
    expect(stays.PEMULA).toEqual({ stage: "PEMULA", medianMonths: null, completedStays: 0, current: 0 });
  });

  it("lists mentees due for reassessment, never-assessed first, page by page", async () => {
    const q = `query($f: ID, $after: String) { foundationDashboard(foundationId: $f) { dueForReassessment(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { lastAssessedOn ikm { id } } } } }`;
    const seen: Array<{ lastAssessedOn: string | null; ikm: { id: string } }> = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const r: any = (await t.gql(q, { f: dash.gid, after }, dashToken)).data.foundationDashboard.dueForReassessment;
      expect(r.totalCount).toBe(6);
      seen.push(...r.nodes);
      if (!r.pageInfo.hasNextPage) break;
      after = r.pageInfo.endCursor;
    }
    const expected = plan.map((p, i) => ({ ...p, id: ids[i] })).filter((p) => p.assessedMonthsAgo === null || p.assessedMonthsAgo >= MATURITY.reassessAfterMonths);
    expect(seen.map((s) => s.ikm.id).sort()).toEqual(expected.map((p) => toGlobalId("Ikm", p.id)).sort());
    expect(seen.slice(0, 3).every((s) => s.lastAssessedOn === null)).toBe(true);
    expect(seen.slice(3).every((s) => s.lastAssessedOn !== null)).toBe(true);
    expect(codes(await t.gql(q, { f: dash.gid, after: "bogus" }, dashToken))).toEqual(["BAD_USER_INPUT"]);
  });

  it("lists open needs with the mentees eligible for them now, the best first", async () => {
    const firm = await makeFirm(t.prisma);
    const firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
    const open = async (input: Record<string, unknown>) => {
      const id = (await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input: needInput(input) }, firmToken)).data.createNeed.id;
      await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id }, firmToken);
      return id;
    };
    const castingAll = await open({ title: "Casting, any stage", processes: ["CASTING"], materials: [], quantityPerMonth: 100 });
    const castingMandiri = await open({ title: "Casting, mandiri", processes: ["CASTING"], materials: [], quantityPerMonth: 100, minimumStage: "MANDIRI" });
    await open({ title: "Plating", processes: ["PLATING_PAINTING"], materials: [], quantityPerMonth: 100 });
    const q = `query($f: ID) { foundationDashboard(foundationId: $f) { eligibleForOpenNeeds { need { id title } eligibleMentees best { ikm { id } total } } } }`;
    const r = await t.gql(q, { f: dash.gid }, dashToken);
    expect(r.errors).toBeUndefined();
    const rows = r.data.foundationDashboard.eligibleForOpenNeeds;
    expect(rows.map((x: any) => [x.need.id, x.eligibleMentees])).toEqual([[castingAll, 20], [castingMandiri, 10]]);
    expect(rows[0].best).toHaveLength(MATURITY.topMenteesPerNeed);
    const mentees = new Set(ids.map((id) => toGlobalId("Ikm", id)));
    for (const row of rows) for (const b of row.best) expect(mentees.has(b.ikm.id)).toBe(true);
    // The centre's own dashboard counts only its mentees.
    const centreRows = (await t.gql(q, { f: centre.gid }, dashToken)).data.foundationDashboard.eligibleForOpenNeeds;
    expect(centreRows[0].eligibleMentees).toBe(plan.filter((p) => p.centre).length + 1); // plus mentee 0, mentored by both
  });

  it("is for the foundation's people, those above it, and administrators", async () => {
    const q = `query($f: ID) { foundationDashboard(foundationId: $f) { stages { total } } }`;
    expect((await t.gql(q, { f: centre.gid }, dashToken)).data.foundationDashboard.stages.total).toBe(6);
    expect((await t.gql(q, {}, dashToken)).data.foundationDashboard.stages.total).toBe(20); // own foundation by default
    expect((await t.gql(q, { f: dash.gid }, tokens.admin)).data.foundationDashboard.stages.total).toBe(20);
    expect(codes(await t.gql(q, { f: dash.gid }, tokens.other))).toEqual(["FORBIDDEN"]);
    const centreToken = (await t.user("FOUNDATION", { foundationId: centre.id })).token;
    expect(codes(await t.gql(q, { f: dash.gid }, centreToken))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(q, { f: dash.gid }, tokens.firm))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(q, { f: dash.gid }, tokens.ikm))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(q, { f: dash.gid }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await t.gql(q, {}, tokens.admin))).toEqual(["BAD_USER_INPUT"]);
  });

  it("reads each dashboard figure with one statement after the access check", async () => {
    const fields = ["stages { total }", "byRegion { count }", "bySponsor { name count }", "progression { mentees }", "dueForReassessment { totalCount }", "foundation { name }"];
    const access = await countStatements(`query($f: ID) { foundationDashboard(foundationId: $f) { __typename } }`);
    for (const field of fields) {
      expect(await countStatements(`query($f: ID) { foundationDashboard(foundationId: $f) { ${field} } }`), field).toBe(access + 1);
    }
  });

  async function countStatements(query: string): Promise<number> {
    t.statements.reset();
    const r = await t.gql(query, { f: dash.gid }, dashToken);
    expect(r.errors).toBeUndefined();
    return t.statements.count;
  }

  it("reads assessments and stage history of many IKMs in a constant number of statements", async () => {
    const q = `query($first: Int) { ikms(first: $first, filter: { processes: [CASTING] }) { nodes { assessments { id } stageHistory { toStage changedBy { name } } mentorships { foundation { name } sponsorFirm { name } } } } }`;
    t.statements.reset();
    expect((await t.gql(q, { first: 3 }, tokens.admin)).errors).toBeUndefined();
    const few = t.statements.count;
    t.statements.reset();
    const many = await t.gql(q, { first: 20 }, dashToken);
    expect(many.errors).toBeUndefined();
    expect(many.data.ikms.nodes.filter((n: any) => n.assessments !== null).length).toBeGreaterThanOrEqual(18);
    expect(t.statements.count).toBeLessThanOrEqual(few + 1); // + the foundation's visibility check
  });
});
