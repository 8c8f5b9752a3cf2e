import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../prisma/seed/demo.js";
import pino from "pino";
import { runExample } from "../../scripts/example-maturity.js";
import { startServer } from "../../src/http/server.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  expect((await seedDemo(t.prisma)).created).toBe(true);
});
afterAll(() => t.stop());

describe("demo data", () => {
  it("loads once: a second run adds nothing", async () => {
    const before = await Promise.all([t.prisma.ikm.count(), t.prisma.componentNeed.count(), t.prisma.user.count()]);
    expect((await seedDemo(t.prisma)).created).toBe(false);
    expect(await Promise.all([t.prisma.ikm.count(), t.prisma.componentNeed.count(), t.prisma.user.count()])).toEqual(before);
  });

  it("tells the Solo Raya story: 22 mentees, 50% mandiri, 45% pramandiri, 5% madya", async () => {
    const stages = await t.prisma.ikm.groupBy({
      by: ["currentStage"],
      where: { mentorships: { some: { foundation: { name: "YDBA — LPB Solo Raya" } } } },
      _count: { _all: true },
    });
    expect(Object.fromEntries(stages.map((s) => [s.currentStage, s._count._all]))).toEqual({ MANDIRI: 11, PRAMANDIRI: 10, MADYA: 1 });
  });

  it("has a supplier whose rejects are improving and one whose rejects are worsening (issue 23)", async () => {
    const ids = await t.prisma.ikm.findMany({ where: { legalName: { in: ["CV Ngingas Presisi", "UD Medaeng Logam"] } }, orderBy: { legalName: "asc" } });
    const [improving, worsening] = await t.app.matchIndex.profiles([ids[0].id, ids[1].id].sort());
    const byId = new Map([improving, worsening].map((p) => [p.id, p.delivery.recency?.rejectTrend]));
    expect(ids.map((i) => [i.legalName, byId.get(i.id)])).toEqual([["CV Ngingas Presisi", "IMPROVING"], ["UD Medaeng Logam", "WORSENING"]]);
  });

  it("has a need for one finishing process: chrome plating ranks the shop that confirms it and the one whose tank is on file; the powder coater and the family-only painter are near misses (issue 23)", async () => {
    const login = await t.gql(`mutation { login(email: "pengadaan@nusantara-motor.demo", password: "${DEMO_PASSWORD}") { token } }`);
    const token = login.data.login.token;
    const needs = await t.gql(`{ needs(filter: { statuses: [OPEN] }) { nodes { id title specificProcesses } } }`, {}, token);
    const handlebar = needs.data.needs.nodes.find((n: any) => n.title === "Handlebar, chrome plated");
    expect(handlebar.specificProcesses).toEqual(["CHROME_PLATING"]);
    const ranked = async (eligibility: string) => {
      const r = await t.gql(`query($id: ID!, $f: MatchFilterInput) { matches(needId: $id, first: 20, filter: $f) { nodes { ikm { legalName } gaps { kind } requirements { message } } } }`,
        { id: handlebar.id, f: { eligibility } }, token);
      expect(r.errors).toBeUndefined();
      return r.data.matches.nodes as Array<{ ikm: { legalName: string }; gaps: Array<{ kind: string }>; requirements: Array<{ message: string }> }>;
    };
    const eligible = await ranked("ELIGIBLE");
    expect(eligible.map((n) => n.ikm.legalName).sort()).toEqual(["CV Sejahtera Perakitan Tasikmadu", "UD Cahaya Plating Serengan"]);
    expect(eligible.find((n) => n.ikm.legalName === "CV Sejahtera Perakitan Tasikmadu")!.requirements[0].message).toMatch(/machines on file: "Tangki krom 1500 L" x 1$/);
    const near = await ranked("NEAR_MISS");
    expect(near.map((n) => [n.ikm.legalName, n.gaps[0].kind]).sort()).toEqual([["CV Abadi Sheet Metal", "UNCONFIRMED_PROCESS"], ["UD Rejeki Fabrikasi Mojosongo", "UNCONFIRMED_PROCESS"]]);
  });

  it("tells the sourcing loop end to end: quotations, a shortlist with a consortium, samples, an award, deliveries under each partnership", async () => {
    const candidates = async (title: string) =>
      (await t.prisma.shortlistCandidate.findMany({
        where: { need: { title } },
        include: { members: { include: { ikm: true } }, samples: true, response: true },
        orderBy: { createdAt: "asc" },
      })).map((c) => ({
        kind: c.kind, status: c.status, quoted: c.response?.unitPriceIdr ?? null,
        members: c.members.map((m) => `${m.ikm.legalName} ${m.quantityPerMonth}`).sort(),
        samples: c.samples.map((s) => s.status).sort(),
      }));
    expect(await candidates("Welded seat frame")).toEqual([
      { kind: "IKM", status: "AWARDED", quoted: 185_000n, members: ["UD Tekun Las Kartasura 600"], samples: ["APPROVED"] },
      { kind: "IKM", status: "NOT_AWARDED", quoted: 192_500n, members: ["UD Rejeki Fabrikasi Mojosongo 600"], samples: ["CANCELLED"] },
    ]);
    expect(await candidates("Fan housing, PP")).toEqual([
      { kind: "IKM", status: "SHORTLISTED", quoted: 4_350n, members: ["CV Surya Plastindo Colomadu 20000"], samples: ["SUBMITTED"] },
      { kind: "CONSORTIUM", status: "SHORTLISTED", quoted: null, members: ["CV Surya Plastindo Colomadu 8000", "UD Berkah Cetak Plastik Sragen 12000"], samples: ["REJECTED", "REQUESTED"] },
    ]);
    // A need in every state, each with its history.
    const needs = await t.prisma.componentNeed.findMany({ include: { statusChanges: true } });
    expect(new Set(needs.map((n) => n.status))).toEqual(new Set(["DRAFT", "OPEN", "SHORTLISTED", "AWARDED", "CLOSED", "CANCELLED"]));
    for (const n of needs.filter((x) => x.status !== "DRAFT" && x.status !== "OPEN")) expect(n.statusChanges.at(-1)?.toStatus ?? n.status, n.title).toBe(n.status);
    // The awarded need's partnership is with the winner; every ACTIVE partnership has its months on
    // record (the brake drums, running 14 months, its last 12).
    const active = await t.prisma.partnership.findMany({ where: { status: "ACTIVE" }, include: { _count: { select: { deliveries: true } }, ikm: true } });
    expect(Object.fromEntries(active.map((p) => [p.component, p._count.deliveries]))).toEqual({
      "Brake drum housing FC250": 12, "Welded seat frame": 2, "Pulley FC200": 9,
    });
    expect(active.find((p) => p.component === "Welded seat frame")?.ikm.legalName).toBe("UD Tekun Las Kartasura");
    // Its deliveries are the IKM's months, moved under the partnership: none counted twice.
    const tekun = active.find((p) => p.component === "Welded seat frame")!.ikmId;
    const months = await t.prisma.deliveryRecord.groupBy({ by: ["month"], where: { ikmId: tekun }, _count: { _all: true } });
    expect(months.every((m) => m._count._all === 1)).toBe(true);
  });

  it("answers the README's example operations", async () => {
    const login = await t.gql(`mutation { login(email: "sourcing@presisi-komponen.demo", password: "${DEMO_PASSWORD}") { token } }`);
    const token = login.data.login.token;
    const needs = await t.gql(`{ needs(filter: { statuses: [OPEN] }) { nodes { title quantityPerMonth } } }`, {}, token);
    expect(needs.data.needs.nodes).toEqual([{ title: "Cylinder sleeve FC250", quantityPerMonth: 200 }]);
    const casting = await t.gql(`{ ikms(first: 5, filter: { processes: [CASTING], koperasiId: null, regionCode: "33.10" }) { totalCount nodes { koperasis { name offtaker } } } }`);
    expect(casting.data.ikms.totalCount).toBe(12);
    expect(casting.data.ikms.nodes[0].koperasis).toEqual([{ name: "Koperasi Batur Jaya", offtaker: true }]);
    // No single Ceper member covers 200 sleeves a month; together they do (joint supply, a later issue).
    const caps = await t.prisma.capability.findMany({ where: { process: "CASTING", ikm: { regionCode: "33.10" } } });
    expect(Math.max(...caps.map((c) => c.monthlyCapacity))).toBeLessThan(200);
    expect(caps.reduce((s, c) => s + c.monthlyCapacity, 0)).toBeGreaterThan(200);
  });

  it("shows the Solo Raya dashboard: 50% mandiri, 45% pramandiri, 5% madya, with stage history and mentees due", async () => {
    const login = await t.gql(`mutation { login(email: "pendamping@ydba-soloraya.demo", password: "${DEMO_PASSWORD}") { token } }`);
    const r = await t.gql(`{ foundationDashboard { stages { byStage { stage count share } } progression { stays { stage medianMonths } } dueForReassessment { totalCount } } }`, {}, login.data.login.token);
    const d = r.data.foundationDashboard;
    expect(d.stages.byStage.map((s: any) => [s.stage, s.count, Math.round(s.share * 100)])).toEqual([["PEMULA", 0, 0], ["MADYA", 1, 5], ["PRAMANDIRI", 10, 45], ["MANDIRI", 11, 50]]);
    for (const stay of d.progression.stays.slice(0, 3)) expect(stay.medianMonths, stay.stage).toBeGreaterThanOrEqual(8);
    expect(d.dueForReassessment.totalCount).toBe(3);
  });

  it("runs the README's maturity example: assess, promote through one server, hear it live on another, read the dashboard", async () => {
    const second = await startServer(
      { db: t.database, databaseUrl: t.databaseUrl, log: pino({ level: "silent" }), jwt: { secret: new TextEncoder().encode("test-secret-test-secret-test-secret!"), ttl: "1h" }, introspection: true },
      { host: "127.0.0.1", port: 0 },
    );
    try {
      const lines: string[] = [];
      const first = await runExample(t.app.url, second.url, (l) => lines.push(l));
      expect(first.change).toMatchObject({ fromStage: "MADYA", toStage: "PRAMANDIRI" });
      expect(first.dashboard.stages.byStage.find((s: any) => s.stage === "MADYA").count).toBe(0);
      expect(lines.some((l) => l.startsWith("stageChanged arrived on"))).toBe(true);
      // Run again: it demotes the same mentee back, with a reason.
      const again = await runExample(t.app.url, second.url, () => undefined);
      expect(again.change).toMatchObject({ fromStage: "PRAMANDIRI", toStage: "MADYA", ikm: first.change.ikm });
    } finally {
      await second.stop();
    }
  });
});
