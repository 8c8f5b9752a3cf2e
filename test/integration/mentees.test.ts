/**
 * A foundation lists its mentees (Foundation.mentees): active mentorships of the foundation and its
 * regional centres, each IKM once, by legal name, filtered by stage, by due-for-reassessment (the
 * dashboard's rule) and by name, in keyset pages. Run on the demo's YDBA tree: LPB Solo Raya (22
 * mentees, 11 mandiri, 3 due) and LPB Sidoarjo (13), both under YDBA.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../prisma/seed/demo.js";
import { toGlobalId } from "../../src/domain/ids.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";

let t: TestApp;
let soloToken: string;
let ydbaToken: string;
const ids = {} as Record<"ydba" | "solo" | "sidoarjo", string>;

const MENTEES = `query($id: ID!, $first: Int, $after: String, $filter: MenteeFilter) {
  foundation(id: $id) { mentees(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { id legalName currentStage } } } }`;

async function mentees(token: string, id: string, args: Record<string, unknown> = {}) {
  const r = await t.gql(MENTEES, { id, ...args }, token);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.foundation.mentees;
}

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.prisma);
  for (const f of await t.prisma.foundation.findMany()) {
    const key = f.name.includes("Solo") ? "solo" : f.name.includes("Sidoarjo") ? "sidoarjo" : "ydba";
    ids[key] = toGlobalId("Foundation", f.id);
  }
  const login = await t.gql(`mutation { login(email: "pendamping@ydba-soloraya.demo", password: "${DEMO_PASSWORD}") { token } }`);
  soloToken = login.data.login.token;
  const ydba = await t.prisma.foundation.findFirstOrThrow({ where: { parentId: null } });
  ydbaToken = (await t.user("FOUNDATION", { foundationId: ydba.id })).token;
});
afterAll(() => t.stop());

describe("Foundation.mentees on the demo data", () => {
  it("lists a centre's 22 mentees by legal name, in pages that neither repeat nor skip", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = await mentees(soloToken, ids.solo, { first: 10, after });
      expect(page.totalCount).toBe(22);
      seen.push(...page.nodes.map((n: { legalName: string }) => n.legalName));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(22);
    expect(new Set(seen).size).toBe(22);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("filters by stage, by due for reassessment (as the dashboard counts) and by name", async () => {
    expect((await mentees(soloToken, ids.solo, { filter: { stages: ["MANDIRI"] } })).totalCount).toBe(11);
    expect((await mentees(soloToken, ids.solo, { filter: { stages: ["MADYA", "PRAMANDIRI"] } })).totalCount).toBe(11);
    const due = await mentees(soloToken, ids.solo, { filter: { dueForReassessment: true } });
    const dashboard = await t.gql(`{ foundationDashboard { dueForReassessment(first: 10) { nodes { ikm { id } } } } }`, {}, soloToken);
    expect(due.nodes.map((n: { id: string }) => n.id).sort()).toEqual(dashboard.data.foundationDashboard.dueForReassessment.nodes.map((n: any) => n.ikm.id).sort());
    expect(due.totalCount).toBe(3);
    expect((await mentees(soloToken, ids.solo, { filter: { dueForReassessment: false } })).totalCount).toBe(19);
    const bubut = await mentees(soloToken, ids.solo, { filter: { search: "bubut" } });
    expect(bubut.nodes.map((n: { legalName: string }) => n.legalName)).toEqual(["CV Harapan Jaya Bubut", "CV Sinar Bubut Grogol"]);
  });

  it("gives a foundation its centres' mentees; a centre's people see neither the foundation's nor a sibling centre's", async () => {
    expect((await mentees(ydbaToken, ids.ydba)).totalCount).toBe(35);
    expect((await mentees(ydbaToken, ids.sidoarjo)).totalCount).toBe(13);
    expect(await mentees(soloToken, ids.ydba)).toBeNull();
    expect(await mentees(soloToken, ids.sidoarjo)).toBeNull();
  });

  it("lists active mentorships only: an ended or a proposed one is not a mentee", async () => {
    const solo = await t.prisma.foundation.findFirstOrThrow({ where: { name: { contains: "Solo" } } });
    const one = await t.prisma.mentorship.findFirstOrThrow({ where: { foundationId: solo.id } });
    await t.prisma.mentorship.update({ where: { id: one.id }, data: { status: "ENDED", endedOn: new Date() } });
    try {
      expect((await mentees(soloToken, ids.solo)).totalCount).toBe(21);
      await t.prisma.mentorship.update({ where: { id: one.id }, data: { status: "PENDING", endedOn: null } });
      expect((await mentees(soloToken, ids.solo)).totalCount).toBe(21);
    } finally {
      await t.prisma.mentorship.update({ where: { id: one.id }, data: { status: "ACTIVE", endedOn: null } });
    }
    expect((await mentees(soloToken, ids.solo)).totalCount).toBe(22);
  });

  it("refuses bad paging and search input with BAD_USER_INPUT", async () => {
    for (const args of [{ first: 0 }, { first: 101 }, { after: "not-a-cursor" }, { filter: { search: "a\u0000b" } }, { filter: { search: "\ud800" } }]) {
      const r = await t.gql(MENTEES, { id: ids.solo, ...args }, soloToken);
      expect(r.errors?.map((e) => e.extensions?.code), JSON.stringify(args)).toEqual(["BAD_USER_INPUT"]);
    }
  });
});
