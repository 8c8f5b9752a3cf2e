/**
 * Resuming subscriptions from an event id (`after`), across two server processes on one database:
 * a subscriber that was away hears exactly the events it missed, in order, each once, then live
 * ones; a resume shows only what the subscriber may see; a bad `after` is refused with a code; the
 * replay is a fixed number of statements however many events it carries; pruning keeps what a
 * resume needs and refuses what it no longer has.
 */
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import { EVENT_LOG, type Topics } from "../../src/infra/events/bus.js";
import { type RunningApp, startServer } from "../../src/http/server.js";
import { REPLAY_SQL } from "../../src/features/live/live.service.js";
import { makeFirm, makeFoundation, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { type Subscription, closeSubscriptions, listening, subscribe, until } from "../helpers/subscriptions.js";

let t: TestApp;
let b: RunningApp;
const secret = new TextEncoder().encode("test-secret-test-secret-test-secret!");
const tokens: Record<"admin" | "foundation" | "other" | "firm" | "ikm" | "painter", string> = {} as never;
let lpb: { id: string; gid: string };
let other: { id: string; gid: string };
let menteeA: Awaited<ReturnType<typeof makeIkm>>;
let menteeB: Awaited<ReturnType<typeof makeIkm>>;
let stranger: Awaited<ReturnType<typeof makeIkm>>;

const STAGE_CHANGED = `subscription($f: ID, $i: ID, $after: ID) {
  stageChanged(foundationId: $f, ikmId: $i, after: $after) { eventId id toStage ikm { id } } }`;
const CHANGE = `mutation($input: ChangeStageInput!) { changeStage(input: $input) { id } }`;
const FIT = { processes: ["CASTING"], materials: ["baja"], quantityPerMonth: 100, weights: { capabilityFit: 1, capacity: 1, quality: 0, delivery: 0, stage: 0, proximity: 0, cluster: 0 } };

/** A GraphQL request to either server. */
async function gql(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<any> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return response.json();
}

/** Promotes or demotes one step through the given server (as an administrator), with an assessment that backs it. */
async function changeStage(ikm: { id: string; gid: string }, toStage: string, url = t.app.url): Promise<string> {
  const row = await t.prisma.ikm.findUniqueOrThrow({ where: { id: ikm.id } });
  const assessment = await t.prisma.assessment.create({
    data: { ikmId: ikm.id, assessedOn: new Date(), assessor: "X", pillarScores: {}, itemScores: {}, proposedStage: toStage as never },
  });
  const r = await gql(url, CHANGE, {
    input: { ikmId: ikm.gid, toStage, expectedVersion: row.stageVersion, reason: "Changed for the resume test", assessmentId: toGlobalId("Assessment", assessment.id) },
  }, tokens.admin);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.changeStage.id;
}

/** Moves the IKM between MADYA and PRAMANDIRI, whichever it is not in. */
async function flip(ikm: { id: string; gid: string }, url = t.app.url): Promise<string> {
  const { currentStage } = await t.prisma.ikm.findUniqueOrThrow({ where: { id: ikm.id } });
  return changeStage(ikm, currentStage === "MADYA" ? "PRAMANDIRI" : "MADYA", url);
}

async function openNeed(overrides: Record<string, unknown>): Promise<string> {
  const id = (await t.gql(`mutation($input: NeedInput!) { createNeed(input: $input) { id } }`, { input: needInput(overrides) }, tokens.firm)).data.createNeed.id;
  const r = await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: OPEN) { status } }`, { id }, tokens.firm);
  expect(r.errors).toBeUndefined();
  return id;
}

/** The ids in the log of one topic after `after` (what a gap-free resume must deliver), optionally on one foundation's or IKM's route. */
async function loggedIds(topic: string, after: string, route: { foundationId?: string; ikmId?: string } = {}): Promise<string[]> {
  const rows = await t.prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id"::text AS id FROM "EventLog" WHERE "topic" = $1 AND "id" > $2::bigint
        AND ($3::uuid IS NULL OR $3::uuid = ANY ("foundationIds")) AND ($4::uuid IS NULL OR "ikmId" = $4::uuid) ORDER BY "EventLog"."id"`,
    topic, after, route.foundationId ?? null, route.ikmId ?? null,
  );
  return rows.map((r) => r.id);
}

/** Logged events of a topic after `after`, as the event bus hands them to its subscribers. */
async function loggedEvents<K extends "NEED_PUBLISHED">(topic: K, after: string): Promise<Array<Topics[K][0]>> {
  const rows = await t.prisma.$queryRawUnsafe<{ id: string; payload: object; sentAt: Date }[]>(
    `SELECT "id"::text AS id, "payload", "createdAt" AS "sentAt" FROM "EventLog" WHERE "topic" = $1 AND "id" > $2::bigint ORDER BY "EventLog"."id"`,
    topic, after,
  );
  return rows.map((r) => ({ ...(r.payload as Topics[K][0]), eventId: r.id, sentAt: new Date(r.sentAt).toISOString() }));
}

const rowId = (globalId: string) => fromGlobalId(globalId)!.id;
const ids = (s: Subscription, field: string) => s.events.map((e) => e[field].eventId as string);

beforeAll(async () => {
  t = await startTestApp();
  b = await startServer(
    { db: t.database, databaseUrl: t.databaseUrl, log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), jwt: { secret, ttl: "1h" }, introspection: true },
    { host: "127.0.0.1", port: 0 },
  );
  const ydba = await makeFoundation(t.prisma, "YDBA (resume)");
  lpb = await makeFoundation(t.prisma, "LPB (resume)", ydba.id);
  other = await makeFoundation(t.prisma, "Other (resume)");
  const firm = await makeFirm(t.prisma);
  menteeA = await makeIkm(t.prisma, { stage: "MADYA", processes: ["CASTING"] });
  menteeB = await makeIkm(t.prisma, { stage: "MADYA", processes: ["CASTING"] });
  stranger = await makeIkm(t.prisma, { stage: "MADYA", processes: ["CASTING"] });
  for (const m of [menteeA, menteeB]) await t.prisma.mentorship.create({ data: { foundationId: lpb.id, ikmId: m.id, startedOn: new Date("2024-01-01") } });
  await t.prisma.mentorship.create({ data: { foundationId: other.id, ikmId: stranger.id, startedOn: new Date("2024-01-01") } });
  tokens.admin = (await t.user("ADMIN")).token;
  tokens.foundation = (await t.user("FOUNDATION", { foundationId: ydba.id })).token;
  tokens.other = (await t.user("FOUNDATION", { foundationId: other.id })).token;
  tokens.firm = (await t.user("FIRM", { firmId: firm.id })).token;
  tokens.ikm = (await t.user("IKM", { ikmId: menteeA.id })).token;
  const painter = await makeIkm(t.prisma, { stage: "MADYA", processes: ["PLATING_PAINTING"] }); // fits no casting need
  tokens.painter = (await t.user("IKM", { ikmId: painter.id })).token;
  await Promise.all([t.app.matchIndex.sync(), b.matchIndex.sync()]);
});

// Each test starts with nothing subscribed on either server.
afterEach(() => closeSubscriptions(t.app, b));

afterAll(async () => {
  await closeSubscriptions(t.app, b);
  await b?.stop();
  await t.stop();
});

describe("stageChanged(after)", () => {
  it("replays exactly the changes missed while away, in order and once each, then live ones", async () => {
    const first = await subscribe(b, tokens.foundation, STAGE_CHANGED, { f: lpb.gid });
    const seen = [await changeStage(menteeA, "PRAMANDIRI"), await changeStage(menteeB, "PRAMANDIRI")];
    await first.received(2);
    expect(first.events.map((e) => e.stageChanged.id)).toEqual(seen);
    const [one, two] = ids(first, "stageChanged").map(BigInt);
    expect(two).toBeGreaterThan(one);
    const last = String(two);
    await first.leave();

    // While it is away: changes through both servers, one of another foundation's mentee, and an
    // event whose transaction rolls back (it takes an id from the sequence and never commits).
    const missed = [await changeStage(menteeA, "MADYA"), await changeStage(menteeB, "MADYA", b.url)];
    await changeStage(stranger, "PRAMANDIRI");
    await expect(t.prisma.$transaction(async (tx) => {
      await t.app.events.publish(tx, "STAGE_CHANGED", { stageChangeId: missed[0], ikmId: menteeA.id, foundationIds: [lpb.id], fromStage: null, toStage: "MANDIRI", changedAt: new Date().toISOString() });
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    missed.push(await changeStage(menteeA, "PRAMANDIRI", b.url));

    // Back, on the other server, from the last id it saw.
    const back = await subscribe(t.app, tokens.foundation, STAGE_CHANGED, { f: lpb.gid, after: last });
    await back.received(3);
    expect(back.events.map((e) => e.stageChanged.id)).toEqual(missed);
    expect(ids(back, "stageChanged")).toEqual(await loggedIds("STAGE_CHANGED", last, { foundationId: lpb.id })); // no gap, no repeat
    expect(back.events.map((e) => e.stageChanged.ikm.id)).not.toContain(stranger.gid);
    // A live change: the next event, and nothing replayed comes again before it.
    const live = await changeStage(menteeB, "PRAMANDIRI");
    await back.received(4);
    expect(back.events.map((e) => e.stageChanged.id)).toEqual([...missed, live]);
    expect(ids(back, "stageChanged")).toEqual(await loggedIds("STAGE_CHANGED", last, { foundationId: lpb.id }));
    expect(back.errors).toEqual([]);
  });

  it("loses nothing committed between the log read and live delivery", async () => {
    // Changes land while subscribers resume: each resumed stream holds every change after its
    // `after` exactly once, whichever way each change reached it (replay or live).
    const after = (await loggedIds("STAGE_CHANGED", "0")).at(-1) ?? "0";
    // The changes commit one after another while the four subscriptions start, one after another.
    const changes = (async () => {
      for (const ikm of [menteeA, menteeB, menteeA, menteeB]) await flip(ikm, b.url);
    })();
    const subs: Subscription[] = [];
    for (let i = 0; i < 4; i++) {
      subs.push(await subscribe(i % 2 ? b : t.app, tokens.foundation, STAGE_CHANGED, { f: lpb.gid, after }));
    }
    await changes;
    // One more change, after all of them: each stream's last event; a repeat would come before it.
    await flip(menteeA, b.url);
    const logged = await loggedIds("STAGE_CHANGED", after, { foundationId: lpb.id });
    expect(logged).toHaveLength(5);
    for (const s of subs) {
      await s.received(5);
      expect(ids(s, "stageChanged")).toEqual(logged);
    }
  });

  it("replays to each subscriber only what it may see", async () => {
    const since = "0";
    const otherFoundation = await subscribe(b, tokens.other, STAGE_CHANGED, { f: other.gid, after: since });
    const ownIkm = await subscribe(b, tokens.ikm, STAGE_CHANGED, { i: menteeA.gid, after: since });
    // A live change each subscriber may see, after the replay: its last event, so anything it was
    // wrongly sent would come before it.
    await flip(stranger);
    await flip(menteeA);
    const logged = await loggedIds("STAGE_CHANGED", since);
    const otherLogged = await loggedIds("STAGE_CHANGED", since, { foundationId: other.id });
    const ownLogged = await loggedIds("STAGE_CHANGED", since, { ikmId: menteeA.id });
    await otherFoundation.received(otherLogged.length);
    await ownIkm.received(ownLogged.length);
    expect(ids(otherFoundation, "stageChanged")).toEqual(otherLogged);
    expect(otherFoundation.events.map((e) => e.stageChanged.ikm.id)).toEqual(otherLogged.map(() => stranger.gid));
    expect(ids(ownIkm, "stageChanged")).toEqual(ownLogged);
    expect(new Set(ownIkm.events.map((e) => e.stageChanged.ikm.id))).toEqual(new Set([menteeA.gid]));
    expect(ownIkm.events.length).toBeLessThan(logged.length);
    // The subscription's own checks still come first: no replay for who may not follow the IKM.
    const prying = await subscribe(b, tokens.other, STAGE_CHANGED, { i: menteeA.gid, after: since });
    expect(await prying.failed()).toEqual(["FORBIDDEN"]);
    expect(prying.events).toEqual([]);
  });

  it("reads the log once per resume, not once per event", async () => {
    const statementsFor = async (missed: number): Promise<number> => {
      // Nobody else subscribes on either server, so no live delivery of these changes reads anything.
      await until(() => listening(b) === 0 && listening(t.app) === 0);
      const after = (await loggedIds("STAGE_CHANGED", "0")).at(-1) ?? "0";
      for (let i = 0; i < missed; i++) await flip(i % 2 ? menteeB : menteeA);
      t.statements.reset();
      const s = await subscribe(b, tokens.foundation, STAGE_CHANGED, { f: lpb.gid, after });
      await s.received(missed);
      const count = t.statements.count;
      expect(s.events).toHaveLength(missed);
      expect(t.statements.statements.filter((sql) => sql.includes(`"EventLog"`))).toHaveLength(1);
      await s.leave();
      return count;
    };
    const few = await statementsFor(2);
    const many = await statementsFor(8);
    expect(many).toBe(few);
    // The connection's user, the foundation check, the log, the changes and their IKMs.
    expect(few).toBeLessThanOrEqual(6);
  });
});

describe("needPublished(after) and opportunityPublished(after)", () => {
  it("replays the needs opened while away that the subscriber may still see, then live ones", async () => {
    const first = await subscribe(b, tokens.ikm, `subscription { needPublished { eventId id } }`);
    const seen = await openNeed({ title: "Seen live" });
    await first.received(1);
    const last = first.events[0].needPublished.eventId;
    await first.leave();
    const kept = await openNeed({ title: "Opened while away" });
    const cancelled = await openNeed({ title: "Cancelled while away" });
    const r = await t.gql(`mutation($id: ID!) { transitionNeed(id: $id, to: CANCELLED, reason: "No longer needed") { status } }`, { id: cancelled }, tokens.firm);
    expect(r.errors).toBeUndefined();

    const back = await subscribe(t.app, tokens.ikm, `subscription($after: ID) { needPublished(after: $after) { eventId id title } }`, { after: last });
    await back.received(1);
    // The cancelled need's event was read and left out (no longer visible to suppliers). Were its
    // notification late, arriving after the read, it is not delivered live either.
    const [keptEvent, cancelledEvent] = await loggedEvents("NEED_PUBLISHED", last);
    expect([keptEvent.needId, cancelledEvent.needId]).toEqual([kept, cancelled].map(rowId));
    t.app.events.pubsub.publish("NEED_PUBLISHED", cancelledEvent);
    // A live need: the next event, and nothing else comes before it.
    const live = await openNeed({ title: "Opened after the return" });
    await back.received(2);
    expect(back.events.map((e) => e.needPublished.id)).toEqual([kept, live]);
    expect(back.errors).toEqual([]);
    expect(back.events.map((e) => e.needPublished.id)).not.toContain(seen);
    const published = await loggedIds("NEED_PUBLISHED", last);
    expect(published).toHaveLength(3);
    expect(ids(back, "needPublished")).toEqual([published[0], published[2]]);
  });

  it("replays opportunities through the live eligibility check, with the needs' event ids", async () => {
    const first = await subscribe(b, tokens.ikm, `subscription { opportunityPublished { eventId need { id } } }`);
    await openNeed({ ...FIT, title: "Fits, heard live" });
    await first.received(1);
    const last = first.events[0].opportunityPublished.eventId;
    await first.leave();
    await until(() => b.services.live.stats().alertSubscribers === 0); // the server let go of it

    const fits = await openNeed({ ...FIT, title: "Fits, opened while away" });
    await openNeed({ ...FIT, title: "Mandiri only", minimumStage: "MANDIRI" }); // not eligible: no alert
    const back = await subscribe(t.app, tokens.ikm, `subscription($after: ID) { opportunityPublished(after: $after) { eventId total need { id title } } }`, { after: last });
    await back.received(1);
    // A live need that fits: the next alert, and nothing else comes before it.
    const live = await openNeed({ ...FIT, title: "Fits, opened after the return" });
    await back.received(2);
    expect(back.events.map((e) => e.opportunityPublished.need.id)).toEqual([fits, live]);
    const published = await loggedIds("NEED_PUBLISHED", last);
    expect(ids(back, "opportunityPublished")).toEqual([published[0], published[2]]);
    // An IKM that does not cast resumes from the same point and hears none of them: its first alert
    // is for the painting need opened after it subscribed.
    const misses = await subscribe(b, tokens.painter, `subscription($after: ID) { opportunityPublished(after: $after) { need { id } } }`, { after: last });
    const painting = await openNeed({ ...FIT, processes: ["PLATING_PAINTING"], title: "Paints, opened for the painter" });
    await misses.received(1);
    expect(misses.events.map((e) => e.opportunityPublished.need.id)).toEqual([painting]);
    expect(misses.errors).toEqual([]);
  });

  it("offers no after on matchesChanged: it is a ranking's difference, not a logged event", async () => {
    const needId = await openNeed({ title: "Watched" });
    const s = await subscribe(b, tokens.firm, `subscription($n: ID!) { matchesChanged(needId: $n, after: "1") { need { id } } }`, { n: needId });
    expect(s.errors.map((e) => e.message)).toEqual([expect.stringMatching(/Unknown argument "after"/)]);
  });
});

describe("a bad after", () => {
  it("is refused with BAD_USER_INPUT and a way forward", async () => {
    const newest = BigInt((await loggedIds("STAGE_CHANGED", "0")).at(-1)!);
    const alertSubscribers = b.services.live.stats().alertSubscribers;
    for (const after of ["abc", "-1", "1.5", "99999999999999999999", String(newest + 1000n)]) {
      const s = await subscribe(b, tokens.foundation, STAGE_CHANGED, { f: lpb.gid, after });
      expect(await s.failed(), after).toEqual(["BAD_USER_INPUT"]);
      expect(s.errors[0].message, after).toMatch(/after/);
      expect(s.errors[0].message, after).toMatch(/subscribe without after|leave it out/);
      expect(s.errors[0].message, after).not.toMatch(new RegExp(`\\b${newest}\\b`)); // how busy the platform is stays private
    }
    const needs = await subscribe(b, tokens.ikm, `subscription { needPublished(after: "x1") { id } }`);
    expect(await needs.failed()).toEqual(["BAD_USER_INPUT"]);
    const alerts = await subscribe(b, tokens.ikm, `subscription { opportunityPublished(after: "x1") { eventId } }`);
    expect(await alerts.failed()).toEqual(["BAD_USER_INPUT"]);
    expect(b.services.live.stats().alertSubscribers).toBe(alertSubscribers); // the refused resume registered nothing
  });

  it("older than the events kept is refused after pruning; from the pruning's edge on, the rest replays", async () => {
    const logged = await loggedIds("STAGE_CHANGED", "0", { foundationId: lpb.id });
    const all = await t.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT "id"::text AS id FROM "EventLog" ORDER BY "EventLog"."id"`);
    const edge = logged[2]; // events up to here grow old
    await t.prisma.$executeRawUnsafe(`UPDATE "EventLog" SET "createdAt" = now() - make_interval(days => $1) WHERE "id" <= $2::bigint`, EVENT_LOG.retentionDays + 1, edge);
    const pruned = await t.app.events.prune();
    expect(pruned).toBe(all.filter((r) => BigInt(r.id) <= BigInt(edge)).length);

    const tooOld = await subscribe(b, tokens.foundation, STAGE_CHANGED, { f: lpb.gid, after: logged[1] });
    expect(await tooOld.failed()).toEqual(["BAD_USER_INPUT"]);
    expect(tooOld.errors[0].message).toMatch(new RegExp(`no longer kept \\(events are kept ${EVENT_LOG.retentionDays} days`));
    const oldestKept = all.find((r) => BigInt(r.id) > BigInt(edge))!.id;
    expect(tooOld.errors[0].message).not.toMatch(new RegExp(`\\b${oldestKept}\\b`));
    const fromEdge = await subscribe(b, tokens.foundation, STAGE_CHANGED, { f: lpb.gid, after: edge });
    await fromEdge.received(logged.length - 3);
    expect(ids(fromEdge, "stageChanged")).toEqual(logged.slice(3));

    // When every event is old, the newest stays: a subscriber that holds it has missed nothing.
    await t.prisma.$executeRawUnsafe(`UPDATE "EventLog" SET "createdAt" = now() - make_interval(days => $1)`, EVENT_LOG.retentionDays + 1);
    await t.app.events.prune();
    const left = await t.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT "id"::text AS id FROM "EventLog"`);
    expect(left).toEqual([all.at(-1)]);
    const upToDate = await subscribe(b, tokens.foundation, STAGE_CHANGED, { f: lpb.gid, after: all.at(-1)!.id });
    expect(upToDate.errors).toEqual([]);
    const live = await flip(menteeA);
    await upToDate.received(1);
    expect(upToDate.events.map((e) => e.stageChanged.id)).toEqual([live]);
  });
});

describe("the replay query", () => {
  it("reads a quiet route through its index, not every event since after", async () => {
    // A busy week elsewhere: 20,000 stage changes of other IKMs and foundations, written in a
    // transaction that is rolled back (the statistics the planner gathers meanwhile with it).
    // One firm's responses among 20,000 to other firms' needs (responseReceived replays a firm's route).
    const firm = "00000000-0000-4000-8000-00000000f1a1";
    const routes: Array<[topic: string, ikmId: string | null, foundationId: string | null, firmId: string | null]> = [
      ["STAGE_CHANGED", menteeA.id, null, null], // stageChanged(ikmId)
      ["STAGE_CHANGED", null, lpb.id, null], // stageChanged(foundationId)
      ["NEED_PUBLISHED", null, null, null], // needPublished, opportunityPublished
      ["RESPONSE_RECEIVED", null, null, firm], // responseReceived, as a firm's member
    ];
    const read: Record<string, { rows: number; own: number; plan: string }> = {};
    await expect(t.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO "EventLog" ("topic", "ikmId", "foundationIds", "payload")
         SELECT 'STAGE_CHANGED', gen_random_uuid(), ARRAY[gen_random_uuid(), gen_random_uuid()], '{}'::jsonb FROM generate_series(1, 20000)`,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "EventLog" ("topic", "ikmId", "firmId", "payload")
         SELECT 'RESPONSE_RECEIVED', gen_random_uuid(), CASE WHEN n % 5000 = 0 THEN $1::uuid ELSE gen_random_uuid() END, '{}'::jsonb FROM generate_series(1, 20000) n`,
        firm,
      );
      // As autovacuum leaves a table: new entries moved from the GIN index's pending list into the
      // index proper, and statistics gathered.
      await tx.$queryRawUnsafe(`SELECT gin_clean_pending_list('"EventLog_foundationIds_idx"'::regclass)`);
      await tx.$executeRawUnsafe(`ANALYZE "EventLog"`);
      for (const [topic, ikmId, foundationId, firmId] of routes) {
        const [plan] = await tx.$queryRawUnsafe<Array<{ "QUERY PLAN": unknown }>>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${REPLAY_SQL}`, "0", topic, ikmId, foundationId, EVENT_LOG.maxReplay + 1, firmId,
        );
        const [own] = await tx.$queryRawUnsafe<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM "EventLog" WHERE "topic" = $1 AND ($2::uuid IS NULL OR "ikmId" = $2::uuid)
             AND ($3::uuid IS NULL OR $3::uuid = ANY ("foundationIds")) AND ($4::uuid IS NULL OR "firmId" = $4::uuid)`,
          topic, ikmId, foundationId, firmId,
        );
        const json = plan["QUERY PLAN"];
        const root = (typeof json === "string" ? JSON.parse(json) : json)[0].Plan;
        read[`${topic} ${ikmId ? "ikm" : foundationId ? "foundation" : firmId ? "firm" : "all"}`] = { rows: rowsRead(root), own: own.n, plan: scans(root).join(", ") };
      }
      throw new Error("rolled back");
    }, { timeout: 60_000 })).rejects.toThrow("rolled back");
    for (const [route, { rows, own, plan }] of Object.entries(read)) {
      expect(own, route).toBeGreaterThan(0);
      // Its own rows, and one each for the log's first and last id.
      expect(rows, `${route}: rows read for ${own} on the route (${plan})`).toBeLessThanOrEqual(own + 2);
    }
  });
});

/** Rows a plan read from EventLog: those its scans returned, and those they read and filtered out. */
function rowsRead(node: Record<string, any>): number {
  const own = node["Relation Name"] === "EventLog"
    ? node["Actual Rows"] * node["Actual Loops"] + (node["Rows Removed by Filter"] ?? 0) + (node["Rows Removed by Index Recheck"] ?? 0)
    : 0;
  return own + ((node.Plans ?? []) as Array<Record<string, any>>).reduce((sum, child) => sum + rowsRead(child), 0);
}

/** The scans of a plan, as "node type on index" (for failure messages). */
function scans(node: Record<string, any>): string[] {
  const own = node["Relation Name"] === "EventLog" || node["Index Name"] ? [`${node["Node Type"]}${node["Index Name"] ? ` on ${node["Index Name"]}` : ""}`] : [];
  return [...own, ...((node.Plans ?? []) as Array<Record<string, any>>).flatMap(scans)];
}
