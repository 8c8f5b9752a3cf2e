/**
 * Issue 22: the certificateLapsing subscription and the lapse sweep. Sweeps run with an injected
 * clock (`now`), so nothing waits for a day to pass; every wait is on an event arriving.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";
import { makeFirm, makeFoundation, makeIkm } from "../helpers/fixtures.js";
import { type Subscription, closeSubscriptions, subscribe, until } from "../helpers/subscriptions.js";
import { createDb } from "../../src/infra/db/client.js";
import { EventBus } from "../../src/infra/events/bus.js";
import { LapsingService } from "../../src/features/lapsing/lapsing.service.js";
import { LapseSweep } from "../../src/features/lapsing/lapse-sweep.js";

let t: TestApp;
let x: { id: string; gid: string };
let y: { id: string; gid: string };
let centre: { id: string; gid: string };
let parent: { id: string; gid: string };
let stranger: { id: string; gid: string };
let tokens: Record<"x" | "y" | "centre" | "parent" | "stranger" | "firm" | "admin", string>;
let partnershipId: string;
/** A second server process's sweep: its own database client and event bus, on the same database. */
let other: { sweep: LapseSweep; database: ReturnType<typeof createDb>["database"]; close: () => Promise<void> };

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY);
const date = (offset: number) => new Date((today + offset) * DAY);
const text = (offset: number) => date(offset).toISOString().slice(0, 10);
const gidOf = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");

const SUB = `subscription($i: ID, $f: ID, $a: ID) { certificateLapsing(ikmId: $i, foundationId: $f, after: $a) {
  eventId kind daysLeft action sentAt ikm { id } certificate { id type number validUntil } partnership { id } } }`;

const cert = (type: "ISO_9001" | "HALAL" | "SNI" | "IATF_16949" | "TKDN", from: number, until: number) =>
  ({ ikmId: x.id, type, number: `${type}/${from}/${until}`, issuer: "Uji", validFrom: date(from), validUntil: date(until) });

beforeAll(async () => {
  t = await startTestApp();
  await t.app.services.lapseSweep.settled(); // the sweep at start ran on an empty database
  x = await makeIkm(t.prisma, { name: "CV Sertifikat Dijaga", processes: ["STAMPING"] });
  y = await makeIkm(t.prisma, { name: "CV Tetangga" });
  parent = await makeFoundation(t.prisma, "Yayasan Induk");
  centre = await makeFoundation(t.prisma, "Pusat Regional", parent.id);
  stranger = await makeFoundation(t.prisma, "Yayasan Lain");
  await t.prisma.mentorship.create({ data: { foundationId: centre.id, ikmId: x.id, startedOn: date(-400), status: "ACTIVE" } });
  await t.prisma.mentorship.create({ data: { foundationId: stranger.id, ikmId: y.id, startedOn: date(-400), status: "ACTIVE" } });
  await t.prisma.certification.createMany({
    data: [
      cert("ISO_9001", -300, 120), // enters the 90-day window on day 30
      cert("HALAL", -300, 100), cert("HALAL", 101, 900), // renewed without a gap: never warned
      cert("SNI", -300, 200), // lapses before the partnership requiring it ends
      { ...cert("ISO_9001", -300, 10), ikmId: y.id }, // Y's: never reaches X's subscribers
    ],
  });
  const firm = await makeFirm(t.prisma, "PT Pembeli SNI");
  const need = await t.prisma.componentNeed.create({
    data: { firmId: firm.id, title: "SNI part", description: "d", processes: ["STAMPING"], quantityPerMonth: 10, unit: "PCS", startDate: date(-30), endDate: date(400), requiredCertifications: ["SNI"], status: "AWARDED" },
  });
  partnershipId = (await t.prisma.partnership.create({
    data: { firmId: firm.id, ikmId: x.id, needId: need.id, component: "SNI part", processes: ["STAMPING"], quantityPerMonth: 10, unit: "PCS", startDate: date(-30), status: "ACTIVE" },
  })).id;
  tokens = {
    x: (await t.user("IKM", { ikmId: x.id })).token,
    y: (await t.user("IKM", { ikmId: y.id })).token,
    centre: (await t.user("FOUNDATION", { foundationId: centre.id })).token,
    parent: (await t.user("FOUNDATION", { foundationId: parent.id })).token,
    stranger: (await t.user("FOUNDATION", { foundationId: stranger.id })).token,
    firm: (await t.user("FIRM", { firmId: firm.id })).token,
    admin: (await t.user("ADMIN")).token,
  };
  const second = createDb(t.databaseUrl);
  const log = pino({ level: "silent" });
  other = {
    sweep: new LapseSweep(second.database, new EventBus(log), new LapsingService(second.database), log),
    database: second.database,
    close: () => second.prisma.$disconnect(),
  };
}, 120_000);
afterAll(async () => {
  await closeSubscriptions(t.app);
  await other?.close();
  await t?.stop();
});

describe("certificateLapsing", () => {
  let member: Subscription;
  let centreOnRoute: Subscription;
  let parentOnRoute: Subscription;
  let mentorOfX: Subscription;
  let admin: Subscription;
  let neighbour: Subscription;

  it("tells a partnership at risk at once, and a certificate the day it enters the 90-day window, to the IKM, its mentor, the mentor's parent and administrators", async () => {
    member = await subscribe(t.app, tokens.x, SUB, { i: x.gid });
    centreOnRoute = await subscribe(t.app, tokens.centre, SUB, { f: centre.gid });
    parentOnRoute = await subscribe(t.app, tokens.parent, SUB, { f: parent.gid });
    mentorOfX = await subscribe(t.app, tokens.centre, SUB, { i: x.gid });
    admin = await subscribe(t.app, tokens.admin, SUB, { i: x.gid });
    neighbour = await subscribe(t.app, tokens.y, SUB, { i: y.gid });
    for (const s of [member, centreOnRoute, parentOnRoute, mentorOfX, admin, neighbour]) expect(s.errors).toEqual([]);

    // Day 29: ISO_9001 lapses in 91 days, outside the window; SNI lapses before the partnership ends.
    expect(await t.app.services.lapseSweep.sweepIkms([x.id], date(29))).toBe(1);
    for (const s of [member, centreOnRoute, parentOnRoute, mentorOfX, admin]) await s.received(1);
    const first = member.events[0].certificateLapsing;
    expect(first).toMatchObject({
      kind: "LAPSES_DURING_PARTNERSHIP", daysLeft: 171, ikm: { id: x.gid }, partnership: { id: gidOf("Partnership", partnershipId) },
      certificate: { type: "SNI", number: "SNI/-300/200", validUntil: text(200) },
    });
    expect(first.action).toContain(`renew it before ${text(200)}`);

    // Day 30: ISO_9001 enters the window. Two servers sweep at the same moment: told once.
    const told = await Promise.all([t.app.services.lapseSweep.sweep(date(30)), other.sweep.sweep(date(30))]);
    expect(told[0] + told[1]).toBe(1);
    for (const s of [member, centreOnRoute, parentOnRoute, mentorOfX, admin]) await s.received(2);
    expect(member.events[1].certificateLapsing).toMatchObject({ kind: "LAPSING_SOON", daysLeft: 90, partnership: null, certificate: { type: "ISO_9001", validUntil: text(120) } });
    expect(member.events[1].certificateLapsing.action).toMatch(/^ISO_9001 ends .* \(in 90 days\): apply for its renewal now/);
  });

  it("tells nothing twice (a later sweep, another process) and nothing for the renewed HALAL; the next warning is the next event", async () => {
    expect(await t.app.services.lapseSweep.sweep(date(31))).toBe(0);
    expect(await other.sweep.sweep(date(60))).toBe(0); // HALAL: through its renewal, to day 900
    await t.prisma.certification.create({ data: cert("TKDN", -10, 40) });
    expect(await t.app.services.lapseSweep.sweep(date(31))).toBe(1);
    await member.received(3);
    expect(member.events.map((e) => [e.certificateLapsing.certificate.type, e.certificateLapsing.kind]))
      .toEqual([["SNI", "LAPSES_DURING_PARTNERSHIP"], ["ISO_9001", "LAPSING_SOON"], ["TKDN", "LAPSING_SOON"]]);
    expect(await t.prisma.certificateLapseNotice.count({ where: { ikmId: x.id } })).toBe(3);
    for (const s of [centreOnRoute, parentOnRoute, mentorOfX, admin]) {
      await s.received(3);
      expect(s.events.map((e) => e.certificateLapsing.eventId)).toEqual(member.events.map((e) => e.certificateLapsing.eventId));
    }
  });

  it("records a warning once when two servers insert it at the same moment: the second waits for the first's commit, then inserts nothing", async () => {
    const notice = { key: "race:LAPSING_SOON:", certificationId: x.id, ikmId: x.id, kind: "LAPSING_SOON" as const, partnershipId: null, lapsesOn: date(5) };
    let inserted!: () => void;
    let release!: () => void;
    const didInsert = new Promise<void>((r) => (inserted = r));
    const held = new Promise<void>((r) => (release = r));
    const first = t.database.transaction(async (repos) => {
      const told = await repos.lapsing.recordNotice(notice);
      inserted();
      await held; // the transaction stays open until the second insert waits on it
      return told;
    });
    await didInsert;
    const second = other.database.transaction((repos) => repos.lapsing.recordNotice(notice));
    await until(async () => (await t.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%CertificateLapseNotice%'`))[0].n > 0);
    release();
    expect(await Promise.all([first, second])).toEqual([true, false]);
  });

  it("keeps IKMs apart: Y's subscriber hears only Y's warning", async () => {
    expect(await t.app.services.lapseSweep.sweepIkms([y.id], date(0))).toBe(1);
    await neighbour.received(1);
    expect(neighbour.events[0].certificateLapsing).toMatchObject({ ikm: { id: y.gid }, certificate: { type: "ISO_9001" } });
    expect(neighbour.events).toHaveLength(1);
  });

  it("tells at once when a certificate is added through the API", async () => {
    const add = await t.gql(`mutation($i: ID!, $c: CertificationInput!) { addCertification(ikmId: $i, input: $c) { id } }`,
      { i: x.gid, c: { type: "IATF_16949", number: "IATF-API-1", issuer: "Uji", validFrom: text(-30), validUntil: text(45) } }, tokens.x);
    expect(add.errors).toBeUndefined();
    await member.received(4);
    expect(member.events[3].certificateLapsing).toMatchObject({ kind: "LAPSING_SOON", certificate: { id: add.data.addCertification.id, type: "IATF_16949", number: "IATF-API-1" } });
  });

  it("resumes with after: the warnings since it, then live ones", async () => {
    const ids = member.events.map((e) => e.certificateLapsing.eventId);
    const resumed = await subscribe(t.app, tokens.centre, SUB, { f: centre.gid, a: ids[0] });
    await resumed.received(3);
    expect(resumed.events.map((e) => e.certificateLapsing.eventId)).toEqual(ids.slice(1));
    const bad = await subscribe(t.app, tokens.x, SUB, { i: x.gid, a: "not-an-id" });
    expect(await bad.failed()).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses another IKM, a firm, a foundation not mentoring the IKM, and bad arguments, with typed errors", async () => {
    const refused = async (token: string, vars: Record<string, unknown>) => (await subscribe(t.app, token, SUB, vars)).failed();
    expect(await refused(tokens.y, { i: x.gid })).toEqual(["FORBIDDEN"]);
    expect(await refused(tokens.firm, { i: x.gid })).toEqual(["FORBIDDEN"]);
    expect(await refused(tokens.stranger, { i: x.gid })).toEqual(["FORBIDDEN"]);
    expect(await refused(tokens.stranger, { f: centre.gid })).toEqual(["FORBIDDEN"]);
    expect(await refused(tokens.centre, { f: parent.gid })).toEqual(["FORBIDDEN"]);
    expect(await refused(tokens.admin, { i: x.gid, f: centre.gid })).toEqual(["BAD_USER_INPUT"]);
    expect(await refused(tokens.admin, {})).toEqual(["BAD_USER_INPUT"]);
    expect(await refused(tokens.admin, { i: Buffer.from("Ikm:00000000-0000-4000-8000-000000000000").toString("base64url") })).toEqual(["NOT_FOUND"]);
    expect(codes(await t.gql(`{ __typename }`))).toEqual([]);
  });
});
