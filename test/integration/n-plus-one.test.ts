import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFirm, makeFoundation, makeIkm } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";

/**
 * Nested reads batch through per-request DataLoaders: the number of SQL statements of a nested
 * query must not grow with the length of the list.
 */
let t: TestApp;
let adminToken: string;

beforeAll(async () => {
  t = await startTestApp();
  adminToken = (await t.user("ADMIN")).token;
  for (let i = 0; i < 50; i++) {
    const firm = await makeFirm(t.prisma, `PT Batch ${String(i).padStart(2, "0")}`);
    await t.prisma.componentNeed.createMany({
      data: [0, 1].map((k) => ({
        firmId: firm.id, title: `Need ${i}-${k}`, description: "d", processes: ["STAMPING" as const], quantityPerMonth: 100,
        unit: "PCS" as const, startDate: new Date("2027-01-01"), status: k ? ("OPEN" as const) : ("DRAFT" as const),
      })),
    });
    await t.prisma.user.create({ data: { email: `m${i}@batch.example`, name: "m", passwordHash: "x", role: "FIRM", firmId: firm.id } });
    const ikm = await makeIkm(t.prisma, { name: `CV Batch ${String(i).padStart(2, "0")}`, processes: ["STAMPING", "WELDING_FABRICATION"] });
    await t.prisma.certification.create({ data: { ikmId: ikm.id, type: "ISO_9001", number: `N${i}`, issuer: "b", validFrom: new Date("2024-01-01") } });
  }
});
afterAll(() => t.stop());

async function statementsFor(query: string, first: number): Promise<number> {
  t.statements.reset();
  const r = await t.gql(query, { first }, adminToken);
  expect(r.errors).toBeUndefined();
  return t.statements.count;
}

describe("SQL statements per nested query", () => {
  it("firms with needs, needs' firms and members: the same count for 5 and 50 firms", async () => {
    const query = `query($first: Int) { firms(first: $first, filter: { search: "Batch" }) { totalCount nodes {
      name members { name } needs { title status firm { name } statusHistory { toStatus } } } } }`;
    const small = await statementsFor(query, 5);
    const large = await statementsFor(query, 50);
    const r = await t.gql(query, { first: 50 }, adminToken);
    expect(r.data.firms.nodes).toHaveLength(50);
    expect(r.data.firms.nodes[0].needs).toHaveLength(2);
    expect(large).toBe(small);
    // user lookup for the token, page, count, needs, members, firms of needs, status history
    expect(large).toBeLessThanOrEqual(7);
  });

  it("IKMs with every nested relation: the same count for 5 and 20 IKMs", async () => {
    const query = `query($first: Int) { ikms(first: $first, filter: { search: "Batch" }) { nodes {
      legalName kbliCodes { code } capabilities { process } machines { type } certifications { type }
      fiveRAudits { scorePercent } deliverySummary { onTimeRate } sentras { name memberCount } koperasis { name members { legalName } }
      financials { investmentIdr } } } }`;
    const small = await statementsFor(query, 5);
    // 20, not 50: this query, down to every koperasi member, costs about 2,300 an IKM (QUERY_LIMITS).
    const large = await statementsFor(query, 20);
    expect(large).toBe(small);
  });
});

describe("SQL statements for a foundation's mentees", () => {
  it("mentees of a foundation's centre, with their relations and private side: the same count for 1 and 20 mentees", async () => {
    const parent = await makeFoundation(t.prisma, "Yayasan Batch");
    const centre = await makeFoundation(t.prisma, "Centre Batch", parent.id);
    for (let i = 0; i < 20; i++) {
      const ikm = await makeIkm(t.prisma, { name: `CV Mentee ${String(i).padStart(2, "0")}`, stage: i % 2 ? "MADYA" : "PRAMANDIRI" });
      await t.prisma.mentorship.create({ data: { foundationId: centre.id, ikmId: ikm.id, startedOn: new Date("2024-01-01") } });
      await t.prisma.assessment.create({
        data: { ikmId: ikm.id, foundationId: centre.id, assessedOn: new Date("2024-06-01"), assessor: "b", pillarScores: {}, itemScores: {}, proposedStage: "MADYA" },
      });
    }
    // A member of the parent foundation: the centre's mentees are the parent's too.
    const token = (await t.user("FOUNDATION", { foundationId: parent.id })).token;
    const query = `query($first: Int) { viewer { foundation { mentees(first: $first, filter: { stages: [MADYA, PRAMANDIRI] }) { totalCount nodes {
      legalName currentStage capabilities { process } certifications { type } mentorships { status foundation { name parent { name } } }
      assessments { proposedStage } stageHistory { toStage } financials { investmentIdr } } } } } }`;
    const count = async (first: number) => {
      t.statements.reset();
      const r = await t.gql(query, { first }, token);
      expect(r.errors).toBeUndefined();
      expect(r.data.viewer.foundation.mentees.nodes).toHaveLength(first);
      expect(r.data.viewer.foundation.mentees.nodes[0].assessments).toHaveLength(1);
      return t.statements.count;
    };
    const one = await count(1);
    const twenty = await count(20);
    expect(twenty).toBe(one);
    // user for the token, viewer, its foundation, scopes, page, count, then one per relation
    expect(twenty).toBeLessThanOrEqual(14);
  });
});

describe("SQL statements for partnerships' deliveries (issue 16)", () => {
  it("a firm's partnerships with their deliveries month by month: the same count for 2 and 20 partnerships", async () => {
    const firm = await makeFirm(t.prisma, "PT Deliveries Uji");
    for (let i = 0; i < 20; i++) {
      const ikm = await makeIkm(t.prisma, { name: `CV Supplier ${String(i).padStart(2, "0")}` });
      const p = await t.prisma.partnership.create({
        data: { firmId: firm.id, ikmId: ikm.id, component: "Pins", processes: ["MACHINING_MANUAL"], quantityPerMonth: 1, unit: "PCS", startDate: new Date("2025-01-01"), status: "ACTIVE" },
      });
      await t.prisma.deliveryRecord.createMany({
        data: ["2025-01-01", "2025-02-01", "2025-03-01"].map((m) => ({
          partnershipId: p.id, ikmId: ikm.id, firmId: firm.id, month: new Date(m), lotsDelivered: 4, lotsOnTime: 3, qtyDelivered: 40, qtyRejected: 1,
        })),
      });
    }
    const query = `query($id: ID!) { firm(id: $id) { partnerships { component ikm { legalName } deliveries { month lotsOnTime qtyRejected version } } } }`;
    const count = async (keep: number) => {
      // The firm keeps `keep` of the twenty partnerships; the others move to another firm for this count.
      const all = await t.prisma.partnership.findMany({ where: { component: "Pins", ikm: { legalName: { startsWith: "CV Supplier" } } }, orderBy: { id: "asc" } });
      const other = await makeFirm(t.prisma, `PT Parking ${keep}`);
      await t.prisma.partnership.updateMany({ where: { id: { in: all.map((p) => p.id) } }, data: { firmId: firm.id } });
      await t.prisma.partnership.updateMany({ where: { id: { in: all.slice(keep).map((p) => p.id) } }, data: { firmId: other.id } });
      t.statements.reset();
      const r = await t.gql(query, { id: firm.gid }, adminToken);
      expect(r.errors).toBeUndefined();
      expect(r.data.firm.partnerships).toHaveLength(keep);
      expect(r.data.firm.partnerships[0].deliveries).toHaveLength(3);
      return t.statements.count;
    };
    const two = await count(2);
    const twenty = await count(20);
    expect(twenty).toBe(two);
    // user for the token, the firm, its partnerships, their IKMs, their deliveries
    expect(twenty).toBeLessThanOrEqual(5);
  });
});

describe("SQL statements for a need's responses", () => {
  it("responses with their IKMs, matches and revisions: the same count for 2 and 30 responses", async () => {
    const firm = await makeFirm(t.prisma, "PT Responses");
    const need = await t.prisma.componentNeed.create({
      data: { firmId: firm.id, title: "Answered", description: "d", processes: ["STAMPING"], quantityPerMonth: 100, unit: "PCS", startDate: new Date("2027-01-01"), status: "OPEN" },
    });
    const ikms = await t.prisma.ikm.findMany({ where: { legalName: { startsWith: "CV Batch" } }, take: 30, orderBy: { legalName: "asc" } });
    for (const ikm of ikms) {
      const response = await t.prisma.needResponse.create({ data: { needId: need.id, ikmId: ikm.id, kind: "QUOTATION", unitPriceIdr: 15_000n, quantityPerMonth: 100, leadTimeDays: 20, validUntil: new Date("2027-06-30") } });
      await t.prisma.needResponseRevision.create({ data: { responseId: response.id, number: 1, status: "ACTIVE", kind: "QUOTATION", unitPriceIdr: 15_000n } });
    }
    await t.app.matchIndex.sync();
    const query = `query($first: Int, $id: ID!) { need(id: $id) { responses(first: $first) { totalCount nodes {
      unitPriceIdr ikm { legalName } match { score band } revisions { number } } } } }`;
    const id = Buffer.from(`ComponentNeed:${need.id}`).toString("base64url");
    const count = async (first: number) => {
      t.statements.reset();
      const r = await t.gql(query, { first, id }, adminToken);
      expect(r.errors).toBeUndefined();
      expect(r.data.need.responses.nodes).toHaveLength(first);
      expect(r.data.need.responses.nodes.every((n: { match: unknown }) => n.match)).toBe(true);
      return t.statements.count;
    };
    const small = await count(2);
    const large = await count(30);
    expect(large).toBe(small);
    // user for the token, need, page, count, IKMs, the need for the matches, revisions
    expect(large).toBeLessThanOrEqual(7);
  });

  it("needs with their responses, IKMs and matches: the same count for 3 and 12 needs", async () => {
    const firm = await makeFirm(t.prisma, "PT Many Needs");
    const ikms = await t.prisma.ikm.findMany({ where: { legalName: { startsWith: "CV Batch" } }, take: 3, orderBy: { legalName: "asc" } });
    for (let i = 0; i < 12; i++) {
      const need = await t.prisma.componentNeed.create({
        data: { firmId: firm.id, title: `Many ${i}`, description: "d", processes: ["STAMPING"], quantityPerMonth: 100, unit: "PCS", startDate: new Date("2027-01-01"), status: "OPEN" },
      });
      await t.prisma.needResponse.createMany({ data: ikms.map((ikm) => ({ needId: need.id, ikmId: ikm.id, kind: "INTEREST" as const })) });
    }
    await t.app.matchIndex.sync();
    const query = `query($first: Int, $firm: String!) { needs(first: $first, filter: { firmId: $firm }) { nodes {
      title responses(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { kind ikm { legalName } match { score } } } } } }`;
    const firmGid = Buffer.from(`Firm:${firm.id}`).toString("base64url");
    const count = async (first: number) => {
      t.statements.reset();
      const r = await t.gql(query, { first, firm: firmGid }, adminToken);
      expect(r.errors).toBeUndefined();
      expect(r.data.needs.nodes).toHaveLength(first);
      for (const need of r.data.needs.nodes) expect(need.responses).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
      expect(r.data.needs.nodes[0].responses.nodes).toHaveLength(2);
      return t.statements.count;
    };
    const small = await count(3);
    const large = await count(12);
    expect(large).toBe(small);
  });

  it("koperasi consortium responses with their koperasi, members, members' matches and revisions' members: the same count for 2 and 20", async () => {
    const firm = await makeFirm(t.prisma, "PT Consortia");
    const need = await t.prisma.componentNeed.create({
      data: { firmId: firm.id, title: "Answered by consortia", description: "d", processes: ["STAMPING"], quantityPerMonth: 100, unit: "PCS", startDate: new Date("2027-01-01"), status: "OPEN" },
    });
    const ikms = await t.prisma.ikm.findMany({ where: { legalName: { startsWith: "CV Batch" } }, take: 40, orderBy: { legalName: "asc" } });
    for (let i = 0; i < 20; i++) {
      const koperasi = await t.prisma.koperasi.create({ data: { name: `Koperasi Batch ${i}`, regionCode: "33.72" } });
      const members = [ikms[2 * i], ikms[2 * i + 1]].map((ikm, k) => ({ ikmId: ikm.id, quantityPerMonth: 40 + k }));
      await t.prisma.koperasiMembership.createMany({ data: members.map((m) => ({ koperasiId: koperasi.id, ikmId: m.ikmId })) });
      const response = await t.prisma.needResponse.create({ data: { needId: need.id, koperasiId: koperasi.id, kind: "INTEREST", quantityPerMonth: 81, members: { create: members } } });
      await t.prisma.needResponseRevision.create({ data: { responseId: response.id, number: 1, status: "ACTIVE", kind: "INTEREST", quantityPerMonth: 81, members: { create: members } } });
    }
    await t.app.matchIndex.sync();
    const query = `query($first: Int, $id: ID!) { need(id: $id) { responses(first: $first) { totalCount nodes {
      quantityPerMonth koperasi { name } members { quantityPerMonth ikm { legalName } match { score } } revisions { number members { quantityPerMonth ikm { legalName } } } } } } }`;
    const id = Buffer.from(`ComponentNeed:${need.id}`).toString("base64url");
    const count = async (first: number) => {
      t.statements.reset();
      const r = await t.gql(query, { first, id }, adminToken);
      expect(r.errors).toBeUndefined();
      expect(r.data.need.responses.nodes).toHaveLength(first);
      expect(r.data.need.responses.nodes.every((n: { members: { match: unknown }[]; revisions: { members: unknown[] }[] }) => n.members.length === 2 && n.members.every((m) => m.match) && n.revisions[0].members.length === 2)).toBe(true);
      return t.statements.count;
    };
    const small = await count(2);
    const large = await count(20);
    expect(large).toBe(small);
    // user for the token, need, page, count, koperasi, members, IKMs, the need for the matches, the
    // need's firm for who may see the members' matches (one batched read), revisions, revisions' members
    expect(large).toBeLessThanOrEqual(11);
  });
});

describe("SQL statements for samples (issue 16)", () => {
  it("IKMs with their sample requests, checklists, needs and candidates' samples: the same count for 5 and 20 IKMs", async () => {
    const firm = await makeFirm(t.prisma, "PT Sampler");
    const need = await t.prisma.componentNeed.create({
      data: { firmId: firm.id, title: "Sampled", description: "d", processes: ["STAMPING"], quantityPerMonth: 100, unit: "PCS", startDate: new Date("2027-01-01"), status: "SHORTLISTED" },
    });
    const ikms = await t.prisma.ikm.findMany({ where: { legalName: { startsWith: "CV Batch" } }, take: 20, orderBy: { legalName: "asc" } });
    for (const ikm of ikms) {
      const candidate = await t.prisma.shortlistCandidate.create({ data: { needId: need.id, kind: "IKM", members: { create: [{ ikmId: ikm.id, quantityPerMonth: 100 }] } } });
      for (const status of ["REJECTED", "REQUESTED"] as const) {
        await t.prisma.sampleRequest.create({
          data: {
            needId: need.id, candidateId: candidate.id, ikmId: ikm.id, status, pieces: 5, dueDate: new Date("2027-01-01"), checklistSource: "AIAG PPAP",
            items: { create: [{ code: "A", title: "a", position: 0 }, { code: "B", title: "b", position: 1 }] },
          },
        });
      }
    }
    const query = `query($first: Int) { ikms(first: $first, filter: { search: "Batch" }) { nodes {
      legalName sampleRequests { status overdue late items { code accepted } need { title samples { id } } ikm { legalName } candidate { kind samples { id status } } } } } }`;
    const count = async (first: number) => {
      t.statements.reset();
      const r = await t.gql(query, { first }, adminToken);
      expect(r.errors).toBeUndefined();
      expect(r.data.ikms.nodes).toHaveLength(first);
      for (const node of r.data.ikms.nodes) expect(node.sampleRequests).toHaveLength(2);
      expect(r.data.ikms.nodes[0].sampleRequests[0].items).toHaveLength(2);
      expect(r.data.ikms.nodes[0].sampleRequests[0].candidate.samples).toHaveLength(2);
      return t.statements.count;
    };
    const small = await count(5);
    const large = await count(20);
    expect(large).toBe(small);
    // 10 today: the token's user, the IKM page, and one statement per relation read (samples, items, needs, needs' samples, IKMs, candidates, ...)
    expect(large).toBeLessThanOrEqual(10);
  });
});

describe("SQL statements for shortlists (issue 16)", () => {
  it("needs with their shortlists, members, IKMs, koperasi, matches and partnerships, and IKMs' candidacies: the same count for 3 and 12", async () => {
    const firm = await makeFirm(t.prisma, "PT Shortlists");
    const ikms = await t.prisma.ikm.findMany({ where: { legalName: { startsWith: "CV Batch" } }, take: 3, orderBy: { legalName: "asc" } });
    const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Batch", regionCode: "33.72" } });
    for (let i = 0; i < 12; i++) {
      const need = await t.prisma.componentNeed.create({
        data: { firmId: firm.id, title: `Listed ${i}`, description: "d", processes: ["STAMPING"], quantityPerMonth: 90, unit: "PCS", startDate: new Date("2027-01-01"), status: "AWARDED" },
      });
      await t.prisma.shortlistCandidate.create({ data: { needId: need.id, kind: "IKM", members: { create: [{ ikmId: ikms[0].id, quantityPerMonth: 90 }] } } });
      await t.prisma.shortlistCandidate.create({
        data: { needId: need.id, kind: "CONSORTIUM", koperasiId: koperasi.id, status: "AWARDED", members: { create: ikms.map((ikm) => ({ ikmId: ikm.id, quantityPerMonth: 30 })) } },
      });
      await t.prisma.partnership.createMany({ data: ikms.map((ikm) => ({ firmId: firm.id, ikmId: ikm.id, needId: need.id, component: "c", processes: ["STAMPING" as const], quantityPerMonth: 30, unit: "PCS" as const, startDate: new Date("2027-01-01"), status: "PENDING" as const })) });
    }
    await t.app.matchIndex.sync();
    const query = `query($first: Int, $firm: String!) { needs(first: $first, filter: { firmId: $firm }) { nodes {
      title shortlist(includeDecided: true) { id kind status koperasi { name } match { score } partnerships { id }
        members { quantityPerMonth ikm { legalName candidacies { id need { title } } } } } } } }`;
    const firmGid = Buffer.from(`Firm:${firm.id}`).toString("base64url");
    const count = async (first: number) => {
      t.statements.reset();
      const r = await t.gql(query, { first, firm: firmGid }, adminToken);
      expect(r.errors).toBeUndefined();
      expect(r.data.needs.nodes).toHaveLength(first);
      for (const need of r.data.needs.nodes) {
        expect(need.shortlist).toHaveLength(2);
        expect(need.shortlist.find((c: { kind: string }) => c.kind === "CONSORTIUM").partnerships).toHaveLength(3);
      }
      return t.statements.count;
    };
    const small = await count(3);
    const large = await count(12);
    expect(large).toBe(small);
  });
});

describe("SQL statements for a koperasi's consortia", () => {
  it("a koperasi manager's proposal with its members' IKMs: the same count for 2 and 6 members", async () => {
    const firm = await makeFirm(t.prisma, "PT Consortia Asked");
    const ikms = await t.prisma.ikm.findMany({ where: { legalName: { startsWith: "CV Batch" } }, orderBy: { legalName: "desc" }, take: 8 });
    /** A koperasi of `n` Batch IKMs (1,000 stamped pieces a month each), its manager, and a need only all of them cover together. */
    const koperasiOf = async (name: string, members: typeof ikms) => {
      const koperasi = await t.prisma.koperasi.create({ data: { name, regionCode: "33.72", offtaker: true } });
      await t.prisma.koperasiMembership.createMany({ data: members.map((m) => ({ koperasiId: koperasi.id, ikmId: m.id })) });
      const need = await t.prisma.componentNeed.create({
        data: { firmId: firm.id, title: `Stamped for ${name}`, description: "d", processes: ["STAMPING"], materials: ["baja"], quantityPerMonth: members.length * 1000 - 500, unit: "PCS", startDate: new Date("2027-01-01"), status: "OPEN" },
      });
      return { token: (await t.user("KOPERASI", { koperasiId: koperasi.id })).token, id: Buffer.from(`ComponentNeed:${need.id}`).toString("base64url"), members: members.length };
    };
    const pair = await koperasiOf("Koperasi Kons Dua", ikms.slice(0, 2));
    const six = await koperasiOf("Koperasi Kons Enam", ikms.slice(2, 8));
    await t.app.matchIndex.sync();
    const query = `query($id: ID!) { consortia(needId: $id) { eligibleSuppliers need { title firm { name } }
      singleSuppliers { ikm { legalName } } proposals { cluster { name koperasi { name } } members { share ikm { legalName capabilities { process } } } weakest { ikm { legalName } } } } }`;
    const count = async (k: Awaited<ReturnType<typeof koperasiOf>>) => {
      t.statements.reset();
      const r = await t.gql(query, { id: k.id }, k.token);
      expect(r.errors).toBeUndefined();
      expect(r.data.consortia.eligibleSuppliers).toBe(k.members);
      expect(r.data.consortia.proposals).toHaveLength(1);
      expect(r.data.consortia.proposals[0].members).toHaveLength(k.members);
      return t.statements.count;
    };
    const small = await count(pair);
    const large = await count(six);
    expect(large).toBe(small);
    // user for the token, the need, partnerships of the members, IKMs, the need's firm, capabilities, koperasi
    expect(large).toBeLessThanOrEqual(7);
  });
});
