/**
 * `npm run example:sourcing` on fresh demo data, through two server processes on one database: the
 * koperasi answers the cylinder sleeves with the split Jalin proposes, the buyer shortlists it, asks
 * for samples, approves them and awards; the member subscribed on the second server hears each step
 * and accepts. A second run refuses: the need was awarded once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { seedDemo } from "../../prisma/seed/demo.js";
import { runSourcingExample } from "../../scripts/example-sourcing.js";
import { startServer } from "../../src/http/server.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.prisma);
  await t.app.matchIndex.sync();
});
afterAll(() => t.stop());

describe("npm run example:sourcing", () => {
  it("runs the sourcing loop end to end on the demo data, heard live on a second server, once", async () => {
    const second = await startServer(
      { db: t.database, databaseUrl: t.databaseUrl, log: pino({ level: "silent" }), jwt: { secret: new TextEncoder().encode("test-secret-test-secret-test-secret!"), ttl: "1h" }, introspection: true },
      { host: "127.0.0.1", port: 0 },
    );
    try {
      const lines: string[] = [];
      const result = await runSourcingExample(t.app.url, second.url, (l) => lines.push(l));
      expect(result.heard).toEqual(["SHORTLISTED", "SAMPLE_REQUESTED", "SAMPLE_APPROVED", "AWARDED"]);
      expect(result.award.need.status).toBe("AWARDED");
      expect(result.award.candidate.status).toBe("AWARDED");
      // The koperasi's split covers the 200 sleeves, one PENDING partnership per member.
      expect(result.award.partnerships.length).toBeGreaterThanOrEqual(2);
      expect(result.award.partnerships.reduce((sum, p) => sum + p.quantityPerMonth, 0)).toBe(200);
      expect(result.award.partnerships.every((p) => p.status === "PENDING")).toBe(true);
      expect(result.accepted.status).toBe("ACTIVE");
      expect(lines.map((l) => l.slice(0, 2))).toEqual(["1.", "2.", "3.", "4.", "5.", "6."]);
      // Awarded once: a second run says so and changes nothing.
      const partnerships = await t.prisma.partnership.count();
      await expect(runSourcingExample(t.app.url, second.url, () => undefined)).rejects.toThrow(/Cylinder sleeve FC250" is AWARDED: this example awards it once/);
      expect(await t.prisma.partnership.count()).toBe(partnerships);
    } finally {
      await second.stop();
    }
  });
});
