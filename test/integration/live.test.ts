/**
 * Live events over graphql-ws with the real client, across two server processes on one database:
 * a change made through server A reaches subscribers connected to server B (PostgreSQL
 * LISTEN/NOTIFY). Filtering by argument, access, clean completion, nothing sent for a refused
 * change, reconnecting after a server restart, and the event bus listening again after its
 * connection is cut, then delivering what was committed while it could not listen.
 */
import pg from "pg";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { toGlobalId } from "../../src/domain/ids.js";
import { SUBSCRIBER_BACKLOG } from "../../src/infra/events/bus.js";
import { type RunningApp, startServer } from "../../src/http/server.js";
import { makeFirm, makeFoundation, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { closeSubscriptions, listening, subscribe, until, watch } from "../helpers/subscriptions.js";

let t: TestApp;
let b: RunningApp;
const secret = new TextEncoder().encode("test-secret-test-secret-test-secret!");
let lpb: { id: string; gid: string };
let other: { id: string; gid: string };
const tokens: Record<"admin" | "foundation" | "colleague" | "thirdMentor" | "other" | "firm" | "otherFirm" | "ikm" | "strangerIkm", string> = {} as never;
let firm: Awaited<ReturnType<typeof makeFirm>>;
let menteeA: Awaited<ReturnType<typeof makeIkm>>;
let menteeB: Awaited<ReturnType<typeof makeIkm>>;
let stranger: Awaited<ReturnType<typeof makeIkm>>;
/** The email of the mentor behind tokens.foundation, who makes the test's stage changes. */
let mentorEmail: string;

const STAGE_CHANGED = `subscription($f: ID, $i: ID) { stageChanged(foundationId: $f, ikmId: $i) { id fromStage toStage reason ikm { id } } }`;
const CHANGE = `mutation($input: ChangeStageInput!) { changeStage(input: $input) { id } }`;

/** Starts a second server process's worth of services on the same database. */
function startSecond(port = 0): Promise<RunningApp> {
  return startServer(
    { db: t.database, databaseUrl: t.databaseUrl, log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), jwt: { secret, ttl: "1h" }, introspection: true },
    { host: "127.0.0.1", port },
  );
}

/**
 * After a LISTEN outage the event bus reads what it missed with a reconnect backoff of up to
 * 5 s between attempts (PgListener's maxDelayMs), so events can take that long and more to arrive.
 */
const AFTER_OUTAGE_MS = 15_000;

/** Demotes or promotes through server A (HTTP), with what the rules need (as the foundation, unless told). */
async function changeStage(ikm: { id: string; gid: string }, toStage: string, token = tokens.foundation): Promise<any> {
  const row = await t.prisma.ikm.findUniqueOrThrow({ where: { id: ikm.id } });
  const assessment = await t.prisma.assessment.create({
    data: { ikmId: ikm.id, assessedOn: new Date(), assessor: "X", pillarScores: {}, itemScores: {}, proposedStage: toStage as never },
  });
  const r = await t.gql(CHANGE, {
    input: { ikmId: ikm.gid, toStage, expectedVersion: row.stageVersion, reason: "Changed for the live test", assessmentId: toGlobalId("Assessment", assessment.id) },
  }, token);
  expect(r.errors).toBeUndefined();
  return r.data.changeStage;
}

beforeAll(async () => {
  t = await startTestApp();
  b = await startSecond();
  const ydba = await makeFoundation(t.prisma, "YDBA (live)");
  lpb = await makeFoundation(t.prisma, "LPB (live)", ydba.id);
  other = await makeFoundation(t.prisma, "Other (live)");
  firm = await makeFirm(t.prisma);
  const otherFirm = await makeFirm(t.prisma);
  menteeA = await makeIkm(t.prisma, { stage: "MADYA", processes: ["CASTING"] });
  menteeB = await makeIkm(t.prisma, { stage: "MADYA", processes: ["CASTING"] });
  stranger = await makeIkm(t.prisma, { stage: "MADYA", processes: ["CASTING"] });
  for (const m of [menteeA, menteeB]) {
    await t.prisma.mentorship.create({ data: { foundationId: lpb.id, ikmId: m.id, startedOn: new Date("2024-01-01") } });
  }
  await t.prisma.mentorship.create({ data: { foundationId: other.id, ikmId: stranger.id, startedOn: new Date("2024-01-01") } });
  tokens.admin = (await t.user("ADMIN")).token;
  const mentor = await t.user("FOUNDATION", { foundationId: ydba.id });
  tokens.foundation = mentor.token;
  mentorEmail = (await t.prisma.user.findUniqueOrThrow({ where: { id: mentor.id } })).email;
  tokens.colleague = (await t.user("FOUNDATION", { foundationId: ydba.id })).token;
  tokens.thirdMentor = (await t.user("FOUNDATION", { foundationId: ydba.id })).token;
  tokens.other = (await t.user("FOUNDATION", { foundationId: other.id })).token;
  tokens.firm = (await t.user("FIRM", { firmId: firm.id })).token;
  tokens.otherFirm = (await t.user("FIRM", { firmId: otherFirm.id })).token;
  tokens.ikm = (await t.user("IKM", { ikmId: menteeA.id })).token;
  tokens.strangerIkm = (await t.user("IKM", { ikmId: stranger.id })).token;
  await Promise.all([t.app.matchIndex.sync(), b.matchIndex.sync()]);
});

// Each test starts with nothing subscribed on either server.
afterEach(() => closeSubscriptions(t.app, b));

afterAll(async () => {
  await closeSubscriptions(t.app, b);
  await b?.stop();
  await t.stop();
});

describe("stageChanged across two server processes", () => {
  it("delivers a change made through server A to subscribers of server B, filtered by argument", async () => {
    const byFoundation = await subscribe(b, tokens.foundation, STAGE_CHANGED, { f: lpb.gid });
    const byParent = await subscribe(b, tokens.foundation, STAGE_CHANGED, { f: toGlobalId("Foundation", (await t.prisma.foundation.findFirstOrThrow({ where: { name: "YDBA (live)" } })).id) });
    const ownIkm = await subscribe(b, tokens.ikm, STAGE_CHANGED, { i: menteeA.gid });
    const otherIkm = await subscribe(b, tokens.foundation, STAGE_CHANGED, { i: menteeB.gid });
    const otherFoundation = await subscribe(b, tokens.other, STAGE_CHANGED, { f: other.gid });

    const change = await changeStage(menteeA, "PRAMANDIRI");
    await byFoundation.received(1);
    await byParent.received(1);
    await ownIkm.received(1);
    expect(byFoundation.events[0].stageChanged).toEqual({ id: change.id, fromStage: "MADYA", toStage: "PRAMANDIRI", reason: "Changed for the live test", ikm: { id: menteeA.gid } });
    expect(ownIkm.events[0].stageChanged.id).toBe(change.id);

    const bChange = await changeStage(menteeB, "PRAMANDIRI");
    await byFoundation.received(2);
    await otherIkm.received(1);
    expect(otherIkm.events.map((e) => e.stageChanged.id)).toEqual([bChange.id]);
    // A change each of the other two may hear, after those: the first it hears of another IKM's.
    const back = await changeStage(menteeA, "MADYA");
    const strangers = await changeStage(stranger, "PRAMANDIRI", tokens.admin);
    await ownIkm.received(2);
    await otherFoundation.received(1);
    expect(ownIkm.events.map((e) => e.stageChanged.id)).toEqual([change.id, back.id]); // menteeB's change is not menteeA's
    expect(otherFoundation.events.map((e) => e.stageChanged.id)).toEqual([strangers.id]); // nor were LPB's mentees' changes
    expect(otherIkm.events.map((e) => e.stageChanged.id)).toEqual([bChange.id]);
  });

  it("reads what an event needs once per process, however many subscribe there", async () => {
    const statementsFor = async (subscribers: number, toStage: string) => {
      await until(() => listening(b) === 0); // the last round's subscribers are gone
      const subs = await Promise.all(Array.from({ length: subscribers }, () => subscribe(b, tokens.foundation, STAGE_CHANGED, { f: lpb.gid })));
      expect(listening(b)).toBe(subscribers);
      t.statements.reset();
      await changeStage(menteeB, toStage);
      for (const s of subs) await s.received(1); // each was sent after its reads
      const count = t.statements.count;
      for (const s of subs) s.unsubscribe();
      return count;
    };
    const few = await statementsFor(2, "MADYA");
    const many = await statementsFor(20, "PRAMANDIRI");
    expect(many).toBe(few);
  });

  it("runs each event's selection once per kind of viewer and query, and apart for the user an answer is about", async () => {
    // capabilities are read through the executing context's loader: one statement per execution.
    const WITH_CAPS = `subscription($f: ID) { stageChanged(foundationId: $f) { id toStage ikm { id capabilities { process } } } }`;
    const ID_ONLY = `subscription($f: ID) { stageChanged(foundationId: $f) { id } }`;
    // An account's email is for that user (and administrators): the answer asks whether the viewer is
    // the changer. Capabilities again count the executions.
    const WITH_EMAIL = `subscription($f: ID) { stageChanged(foundationId: $f) { id changedBy { email } ikm { capabilities { process } } } }`;
    const round = async (asked: Array<[token: string, query: string]>, toStage: string) => {
      await until(() => listening(b) === 0);
      const subs = await Promise.all(asked.map(([token, query]) => subscribe(b, token, query, { f: lpb.gid })));
      t.statements.reset();
      const change = await changeStage(menteeB, toStage);
      for (const s of subs) await s.received(1);
      const count = t.statements.count;
      for (const s of subs) s.unsubscribe();
      return { count, change, answers: subs.map((s) => s.events[0]) };
    };
    const five = (token: string, query: string) => Array.from({ length: 5 }, (): [string, string] => [token, query]);
    const one = await round([...five(tokens.foundation, WITH_CAPS), ...five(tokens.foundation, WITH_CAPS)], "MADYA");
    const colleagues = await round([...five(tokens.foundation, WITH_CAPS), ...five(tokens.colleague, WITH_CAPS)], "PRAMANDIRI");
    const mixed = await round([...five(tokens.foundation, WITH_CAPS), ...five(tokens.foundation, ID_ONLY)], "MADYA");
    const kinds = await round([...five(tokens.foundation, WITH_CAPS), ...five(tokens.admin, WITH_CAPS)], "PRAMANDIRI");
    // Ten subscribers of one user: one execution. Two users of one foundation and role: still one,
    // as the answer never read who the user is. An administrator is another kind of viewer: two.
    expect(colleagues.count).toBe(one.count);
    expect(kinds.count).toBe(one.count + 1);
    // One user, two queries: each query its own execution, and each subscriber its own selection.
    expect(mixed.count).toBe(one.count);
    const caps = (await t.prisma.capability.findMany({ where: { ikmId: menteeB.id }, orderBy: { process: "asc" } })).map((c) => ({ process: c.process }));
    for (const answer of [...one.answers, ...colleagues.answers, ...mixed.answers.slice(0, 5), ...kinds.answers]) {
      expect(answer.stageChanged.ikm).toEqual({ id: menteeB.gid, capabilities: caps });
    }
    expect(one.answers.every((a) => a.stageChanged.id === one.change.id && a.stageChanged.toStage === "MADYA")).toBe(true);
    expect(mixed.answers.slice(5)).toEqual(Array.from({ length: 5 }, () => ({ stageChanged: { id: mixed.change.id } })));

    // The mentor who made the change sees their own email; two colleagues of the same kind see null,
    // whichever executed first. The changer's answer is theirs alone; the colleagues share theirs.
    const alone = await round(five(tokens.foundation, WITH_EMAIL), "MADYA");
    const emails = await round([...five(tokens.colleague, WITH_EMAIL), ...five(tokens.foundation, WITH_EMAIL), ...five(tokens.thirdMentor, WITH_EMAIL)], "PRAMANDIRI");
    const reversed = await round([...five(tokens.foundation, WITH_EMAIL), ...five(tokens.colleague, WITH_EMAIL), ...five(tokens.thirdMentor, WITH_EMAIL)], "MADYA");
    for (const [r, mentorAt] of [[emails, 1], [reversed, 0]] as const) {
      const emailsSeen = r.answers.map((a) => a.stageChanged.changedBy.email);
      const expected = [0, 1, 2].flatMap((group) => Array.from({ length: 5 }, () => (group === mentorAt ? mentorEmail : null)));
      expect(emailsSeen).toEqual(expected);
      expect(r.answers.every((a) => a.stageChanged.id === r.change.id && a.stageChanged.ikm.capabilities.length === caps.length)).toBe(true);
      // Two executions (one more than the changer's alone), and the changer's row still read once.
      expect(r.count).toBe(alone.count + 1);
    }
    await changeStage(menteeB, "PRAMANDIRI"); // where the tests after this one expect it
  });

  it("sends nothing for a change that is refused", async () => {
    const s = await subscribe(b, tokens.foundation, STAGE_CHANGED, { i: menteeA.gid });
    const stale = await t.gql(CHANGE, { input: { ikmId: menteeA.gid, toStage: "MADYA", expectedVersion: 0, reason: "Stale demotion attempt" } }, tokens.foundation);
    expect(stale.errors?.[0].extensions?.code).toBe("CONFLICT");
    // A change that goes through: the first event, so the refused one was never sent before it.
    const change = await changeStage(menteeA, "PRAMANDIRI");
    await s.received(1);
    expect(s.events.map((e) => e.stageChanged.id)).toEqual([change.id]);
  });

  it("stops telling a foundation of an IKM once the mentorship ends", async () => {
    const ikm = await makeIkm(t.prisma, { stage: "MADYA" });
    const ikmToken = (await t.user("IKM", { ikmId: ikm.id })).token;
    const mentorship = await t.prisma.mentorship.create({ data: { foundationId: lpb.id, ikmId: ikm.id, startedOn: new Date("2024-01-01") } });
    const foundationView = await subscribe(b, tokens.foundation, STAGE_CHANGED, { i: ikm.gid });
    const ownView = await subscribe(b, ikmToken, STAGE_CHANGED, { i: ikm.gid });
    await changeStage(ikm, "PRAMANDIRI");
    await foundationView.received(1);
    await t.prisma.mentorship.update({ where: { id: mentorship.id }, data: { status: "ENDED", endedOn: new Date() } });
    const row = await t.prisma.ikm.findUniqueOrThrow({ where: { id: ikm.id } });
    const r = await t.gql(CHANGE, { input: { ikmId: ikm.gid, toStage: "MADYA", expectedVersion: row.stageVersion, reason: "Administrator's correction after the programme" } }, tokens.admin);
    expect(r.errors).toBeUndefined();
    await ownView.received(2);
    // Mentored again, a change reaches the foundation: the next it hears, so it heard nothing between.
    await t.prisma.mentorship.create({ data: { foundationId: lpb.id, ikmId: ikm.id, startedOn: new Date() } });
    const again = await changeStage(ikm, "PRAMANDIRI", tokens.admin);
    await foundationView.received(2);
    expect(foundationView.events[1].stageChanged.id).toBe(again.id);
  });

  it("delivers an event queued in a transaction only if it commits", async () => {
    const s = await subscribe(b, tokens.foundation, STAGE_CHANGED, { i: menteeA.gid });
    const fake = { stageChangeId: "00000000-0000-4000-8000-000000000000", ikmId: menteeA.id, foundationIds: [lpb.id], fromStage: null, toStage: "MANDIRI" as const, changedAt: new Date().toISOString() };
    await expect(t.prisma.$transaction(async (tx) => {
      await t.app.events.publish(tx, "STAGE_CHANGED", fake);
      throw new Error("rolled back after queueing the event");
    })).rejects.toThrow("rolled back");
    // A committed change after it: the first event, so the rolled-back one was never sent before it.
    const change = await changeStage(menteeA, "MADYA");
    await s.received(1);
    expect(s.events.map((e) => e.stageChanged.id)).toEqual([change.id]);
    expect(s.errors).toEqual([]); // the rolled-back event reached nobody, not even as an error
  });

  it("refuses subscribers who may not see the changes", async () => {
    const cases: Array<[string | null, Record<string, unknown>, string]> = [
      [tokens.other, { f: lpb.gid }, "FORBIDDEN"],
      [tokens.firm, { f: lpb.gid }, "FORBIDDEN"],
      [tokens.strangerIkm, { i: menteeA.gid }, "FORBIDDEN"],
      [tokens.other, { i: menteeA.gid }, "FORBIDDEN"],
      [null, { f: lpb.gid }, "UNAUTHENTICATED"],
      [tokens.foundation, { f: lpb.gid, i: menteeA.gid }, "BAD_USER_INPUT"],
      [tokens.foundation, {}, "BAD_USER_INPUT"],
      // A missing IKM is refused as another IKM would be; an administrator learns it is missing.
      [tokens.foundation, { i: toGlobalId("Ikm", "00000000-0000-4000-8000-000000000000") }, "FORBIDDEN"],
      [tokens.admin, { i: toGlobalId("Ikm", "00000000-0000-4000-8000-000000000000") }, "NOT_FOUND"],
    ];
    for (const [token, variables, code] of cases) {
      const s = await subscribe(b, token, STAGE_CHANGED, variables);
      expect(await s.failed(), JSON.stringify(variables)).toEqual([code]);
    }
  });

  it("completes cleanly when the client unsubscribes, and the server forgets it", async () => {
    const watch = await subscribe(b, tokens.firm, `subscription($n: ID!) { matchesChanged(needId: $n) { need { id } } }`, { n: await openNeed({ title: "Completion" }) });
    const alerts = await subscribe(b, tokens.ikm, `subscription { opportunityPublished { need { id } } }`);
    expect(b.services.live.stats()).toMatchObject({ alertSubscribers: 1, watchedNeeds: 1 });
    watch.unsubscribe();
    alerts.unsubscribe();
    await until(() => b.services.live.stats().watchedNeeds === 0 && b.services.live.stats().alertSubscribers === 0);
    expect(b.services.live.stats()).toEqual({ alertSubscribers: 0, watchedNeeds: 0 });
    expect(watch.completed && alerts.completed).toBe(true);
  });
});

async function openNeed(overrides: Record<string, unknown>, token = tokens.firm): Promise<string> {
  const id = (await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input: needInput(overrides) }, token)).data.createNeed.id;
  const r = await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id }, token);
  expect(r.errors).toBeUndefined();
  return id;
}

describe("opportunityPublished", () => {
  it("tells an IKM on server B of a need opened through server A that it fits well, and no one else", async () => {
    const fits = await subscribe(b, tokens.ikm, `subscription { opportunityPublished { need { id title } total eventId } }`);
    const foundationView = await subscribe(b, tokens.foundation, `subscription($i: ID) { opportunityPublished(ikmId: $i) { need { id } } }`, { i: menteeA.gid });
    const misses = await subscribe(b, tokens.strangerIkm, `subscription { opportunityPublished { need { id } } }`);
    await t.prisma.capability.deleteMany({ where: { ikmId: stranger.id } }); // no longer works the process
    await t.prisma.capability.create({ data: { ikmId: stranger.id, process: "PLATING_PAINTING", materials: [], monthlyCapacity: 10, capacityUnit: "PCS" } });
    await b.matchIndex.sync();
    // Weighted to capability and capacity only: menteeA scores 100 on both (material matched, no tolerance asked, capacity 10x the need).
    const needId = await openNeed({ title: "Cast housings", processes: ["CASTING"], materials: ["baja"], quantityPerMonth: 100, weights: { capabilityFit: 1, capacity: 1, quality: 0, delivery: 0, stage: 0, proximity: 0, cluster: 0 } });
    await fits.received(1);
    await foundationView.received(1);
    expect(fits.events[0].opportunityPublished).toMatchObject({ need: { id: needId, title: "Cast housings" }, total: 100 });
    // A need the stranger fits: the first alert it hears, so it heard none of the casting need.
    const painting = await openNeed({ title: "Painted covers", processes: ["PLATING_PAINTING"], materials: [], quantityPerMonth: 1, weights: { capabilityFit: 1, capacity: 1, quality: 0, delivery: 0, stage: 0, proximity: 0, cluster: 0 } });
    await misses.received(1);
    expect(misses.events.map((e) => e.opportunityPublished.need.id)).toEqual([painting]);
    // A need it fits poorly (a high minimum stage makes it ineligible) is not announced.
    await openNeed({ title: "Mandiri only", processes: ["CASTING"], materials: ["baja"], quantityPerMonth: 100, minimumStage: "MANDIRI" });
    const later = await openNeed({ title: "Second fit", processes: ["CASTING"], materials: ["baja"], quantityPerMonth: 100, weights: { capabilityFit: 1, capacity: 1, quality: 0, delivery: 0, stage: 0, proximity: 0, cluster: 0 } });
    await fits.received(2);
    expect(fits.events.map((e) => e.opportunityPublished.need.id)).toEqual([needId, later]);
  });

  it("refuses to tell anyone but the IKM, its foundations and administrators", async () => {
    for (const [token, variables, code] of [
      [tokens.firm, { i: menteeA.gid }, "FORBIDDEN"],
      [tokens.other, { i: menteeA.gid }, "FORBIDDEN"],
      [tokens.strangerIkm, { i: menteeA.gid }, "FORBIDDEN"],
      [tokens.admin, {}, "BAD_USER_INPUT"],
    ] as const) {
      const s = await subscribe(b, token, `subscription($i: ID) { opportunityPublished(ikmId: $i) { need { id } } }`, variables);
      expect(await s.failed()).toEqual([code]);
    }
  });
});

describe("matchesChanged", () => {
  it("tells the need's firm on server B when a stage change through server A brings a new eligible IKM", async () => {
    const needId = await openNeed({ title: "Pramandiri castings", processes: ["CASTING"], materials: ["baja"], quantityPerMonth: 100, minimumStage: "PRAMANDIRI" });
    const s = await subscribe(b, tokens.firm, `subscription($n: ID!) { matchesChanged(needId: $n) { need { id } entered { id } left { id } } }`, { n: needId });
    const before = (await t.gql(`query($n: ID!) { matches(needId: $n) { nodes { ikm { id } } } }`, { n: needId }, tokens.firm)).data.matches.nodes;
    expect(before.map((m: any) => m.ikm.id)).not.toContain(menteeA.gid);
    await changeStage(menteeA, "PRAMANDIRI");
    await s.received(1);
    expect(s.events[0].matchesChanged).toEqual({ need: { id: needId }, entered: [{ id: menteeA.gid }], left: [] });
    // And when it leaves again.
    await changeStage(menteeA, "MADYA");
    await s.received(2);
    expect(s.events[1].matchesChanged).toMatchObject({ entered: [], left: [{ id: menteeA.gid }] });
  });

  it("is for the need's firm and administrators only; another firm's need is NOT_FOUND", async () => {
    const needId = await openNeed({ title: "Private need" });
    const foreign = await subscribe(b, tokens.otherFirm, `subscription($n: ID!) { matchesChanged(needId: $n) { need { id } } }`, { n: needId });
    expect(await foreign.failed()).toEqual(["NOT_FOUND"]);
    const supplier = await subscribe(b, tokens.ikm, `subscription($n: ID!) { matchesChanged(needId: $n) { need { id } } }`, { n: needId });
    expect(await supplier.failed()).toEqual(["FORBIDDEN"]);
    const admin = await subscribe(b, tokens.admin, `subscription($n: ID!) { matchesChanged(needId: $n) { need { id } } }`, { n: needId });
    expect(admin.errors).toEqual([]);
  });
});

describe("a subscriber that falls behind", () => {
  it("gets the events it had, then RESUME_REQUIRED over graphql-ws, and the server lets go of it", async () => {
    const key = `foundation:${lpb.id}`;
    const s = await subscribe(b, tokens.foundation, `subscription($f: ID) { stageChanged(foundationId: $f) { eventId id } }`, { f: lpb.gid });
    expect(b.events.pubsub.listening(`STAGE_CHANGED_FOR:${key}`)).toBe(1);
    const change = await t.prisma.stageChange.findFirstOrThrow({ where: { ikmId: menteeB.id }, orderBy: { changedAt: "desc" } });
    // More events at once than a subscriber may have waiting, as a catch-up after a LISTEN outage
    // hands them over; graphql-ws sends them one at a time, each after its socket write.
    const sent = Array.from({ length: SUBSCRIBER_BACKLOG + 10 }, (_, i) => String(9_000_000_000 + i));
    for (const eventId of sent) {
      b.events.pubsub.publish("STAGE_CHANGED_FOR", key, {
        stageChangeId: change.id, ikmId: menteeB.id, foundationIds: [lpb.id], fromStage: change.fromStage, toStage: change.toStage,
        changedAt: change.changedAt.toISOString(), eventId, sentAt: new Date().toISOString(),
      });
    }
    // Let go once its deliveries reach it (they go out in turns: the first 256 at once), holding nothing more.
    await until(() => b.events.pubsub.listening(`STAGE_CHANGED_FOR:${key}`) === 0);
    expect(await s.failed(AFTER_OUTAGE_MS)).toEqual(["RESUME_REQUIRED"]);
    expect(s.errors[0].message).toMatch(/more than 256 events behind.*subscribe again with after set to the last eventId you received/);
    // Every event it had, oldest first, none dropped: it resumes after the last one.
    expect(s.events.map((e) => e.stageChanged.eventId)).toEqual(sent.slice(0, SUBSCRIBER_BACKLOG));
    await until(() => listening(b) === 0);
  });
});

describe("resilience", () => {
  it("a client reconnects after its server restarts and hears later changes", async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    let c = await startSecond(port);
    const s = await subscribe(c, tokens.foundation, STAGE_CHANGED, { i: menteeB.gid }, { retry: true });
    let reconnected = 0;
    s.client.on("connected", () => reconnected++);
    await c.stop();
    c = await startSecond(port);
    watch(c); // before the client is back
    try {
      await until(() => reconnected > 0);
      await until(() => listening(c) === 1); // the client subscribed again
      const change = await changeStage(menteeB, "MADYA");
      await s.received(1);
      expect(s.events[0].stageChanged.id).toBe(change.id);
    } finally {
      await s.client.dispose();
      await c.stop();
    }
  });

  it("the event bus listens again after its PostgreSQL connection is cut", async () => {
    const s = await subscribe(b, tokens.foundation, STAGE_CHANGED, { i: menteeB.gid });
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    try {
      const listeners = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "jalin_events"'`;
      expect((await admin.query(listeners)).rowCount).toBe(2); // servers A and B
      await admin.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
      await until(async () => (await admin.query(listeners)).rowCount === 2, AFTER_OUTAGE_MS, "both event buses listen again");
    } finally {
      await admin.end();
    }
    const change = await changeStage(menteeB, "PRAMANDIRI");
    await s.received(1, AFTER_OUTAGE_MS);
    expect(s.events[0].stageChanged.id).toBe(change.id);
  });

  it("delivers what was committed while the event bus could not listen, once it listens again, each once and in order", async () => {
    const s = await subscribe(b, tokens.foundation, STAGE_CHANGED, { i: menteeB.gid });
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    const database = pg.escapeIdentifier(new URL(t.databaseUrl).pathname.slice(1));
    // PostgreSQL will not disallow connections from a session in the same database.
    const control = new pg.Client({ connectionString: inject("pgAdminUrl") });
    await control.connect();
    const listeners = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "jalin_events"'`;
    const missed: string[] = [];
    try {
      // Nobody may connect to the database: both event buses lose LISTEN and cannot get it back.
      await control.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
      await until(async () => (await admin.query(listeners)).rowCount === 0, undefined, "both event buses lost LISTEN");
      // Two stage changes commit meanwhile (on this connection, the only one there can be), each
      // with its event written as services write it.
      const tx = { $executeRawUnsafe: async (sql: string, ...values: unknown[]) => (await admin.query(sql, values)).rowCount ?? 0 };
      for (const [fromStage, toStage] of [["PRAMANDIRI", "MANDIRI"], ["MANDIRI", "PRAMANDIRI"]] as const) {
        await admin.query("BEGIN");
        const { rows } = await admin.query<{ id: string; changedAt: Date }>(
          `INSERT INTO "StageChange" ("id", "ikmId", "fromStage", "toStage", "reason") VALUES (gen_random_uuid(), $1, $2, $3, 'Recorded while nobody listened') RETURNING "id", "changedAt"`,
          [menteeB.id, fromStage, toStage],
        );
        await t.app.events.publish(tx, "STAGE_CHANGED", {
          stageChangeId: rows[0].id, ikmId: menteeB.id, foundationIds: [lpb.id], fromStage, toStage, changedAt: rows[0].changedAt.toISOString(),
        });
        await admin.query("COMMIT");
        missed.push(toGlobalId("StageChange", rows[0].id));
      }
      // NOTIFY keeps nothing for a listener that is away: nothing has arrived. No pause to "let a
      // wrong path show": the live change below is the marker. A NOTIFY held for the away listener
      // and delivered late would arrive besides the replay, and show before that marker.
      expect(s.events).toEqual([]);
    } finally {
      await control.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`);
      await Promise.all([control.end(), admin.end()]);
    }
    await s.received(2, AFTER_OUTAGE_MS);
    expect(s.events.map((e) => e.stageChanged.id)).toEqual(missed);
    // A live change: the next event, so nothing missed came twice before it.
    const live = await changeStage(menteeB, "MADYA");
    await s.received(3, AFTER_OUTAGE_MS);
    expect(s.events.map((e) => e.stageChanged.id)).toEqual([...missed, live.id]);
    expect(s.errors).toEqual([]);
  });
});
