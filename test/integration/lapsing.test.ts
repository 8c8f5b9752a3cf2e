/** Issue 22: the list of certificates lapsing soon, or before an active partnership requiring them ends. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";
import { makeFirm, makeFoundation, makeIkm } from "../helpers/fixtures.js";

let t: TestApp;
let ikm: { id: string; gid: string };
let other: { id: string; gid: string };
let foundation: { id: string; gid: string };
let tokens: { ikm: string; other: string; foundation: string; firm: string; admin: string };
let partnershipId: string;

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY);
const date = (offset: number) => new Date((today + offset) * DAY);
const text = (offset: number) => date(offset).toISOString().slice(0, 10);

const LIST = `query($i: ID, $f: ID, $w: Int) { lapsingCertificates(ikmId: $i, foundationId: $f, withinDays: $w) { ikm { id } type lapsesOn daysLeft partnerships { id } } }`;

beforeAll(async () => {
  t = await startTestApp();
  ikm = await makeIkm(t.prisma, { name: "CV Sertifikat Habis", processes: ["STAMPING"] });
  other = await makeIkm(t.prisma, { name: "CV Lain" });
  foundation = await makeFoundation(t.prisma, "Yayasan Uji Sertifikat");
  await t.prisma.mentorship.create({ data: { foundationId: foundation.id, ikmId: ikm.id, startedOn: date(-400), status: "ACTIVE" } });
  const cert = (ikmId: string, type: "ISO_9001" | "HALAL" | "SNI" | "IATF_16949" | "TKDN", from: number, until: number | null) =>
    ({ ikmId, type, number: `${type}-${from}`, issuer: "Uji", validFrom: date(from), validUntil: until === null ? null : date(until) });
  await t.prisma.certification.createMany({
    data: [
      cert(ikm.id, "ISO_9001", -300, 30), // lapses within 90 days
      cert(ikm.id, "HALAL", -300, 200), // later than 90 days, no partnership needs it
      cert(ikm.id, "SNI", -300, 30), cert(ikm.id, "SNI", 31, 800), // renewed without a gap
      cert(ikm.id, "IATF_16949", -300, 200), // lapses before the partnership requiring it ends
      cert(ikm.id, "TKDN", -300, -1), // lapsed already
      cert(other.id, "ISO_9001", -300, 10),
    ],
  });
  const firm = await makeFirm(t.prisma, "PT Pembeli IATF");
  const need = await t.prisma.componentNeed.create({
    data: { firmId: firm.id, title: "IATF part", description: "d", processes: ["STAMPING"], quantityPerMonth: 10, unit: "PCS", startDate: date(-30), endDate: date(300), requiredCertifications: ["IATF_16949"], status: "AWARDED" },
  });
  partnershipId = (await t.prisma.partnership.create({
    data: { firmId: firm.id, ikmId: ikm.id, needId: need.id, component: "IATF part", processes: ["STAMPING"], quantityPerMonth: 10, unit: "PCS", startDate: date(-30), status: "ACTIVE" },
  })).id;
  tokens = {
    ikm: (await t.user("IKM", { ikmId: ikm.id })).token,
    other: (await t.user("IKM", { ikmId: other.id })).token,
    foundation: (await t.user("FOUNDATION", { foundationId: foundation.id })).token,
    firm: (await t.user("FIRM", { firmId: firm.id })).token,
    admin: (await t.user("ADMIN")).token,
  };
}, 120_000);
afterAll(() => t?.stop());

describe("lapsingCertificates", () => {
  it("lists an IKM's certificates lapsing within 90 days, and one lapsing before an active partnership requiring it ends; a renewal without a gap is no lapse", async () => {
    const r = await t.gql(LIST, { i: ikm.gid }, tokens.ikm);
    expect(r.errors).toBeUndefined();
    const pid = Buffer.from(`Partnership:${partnershipId}`).toString("base64url");
    // Days left counted from the day the list was read (the certificates were dated from `today`).
    const shift = today - Math.floor(Date.now() / DAY);
    expect(r.data.lapsingCertificates).toEqual([
      { ikm: { id: ikm.gid }, type: "ISO_9001", lapsesOn: text(30), daysLeft: 30 + shift, partnerships: [] },
      { ikm: { id: ikm.gid }, type: "IATF_16949", lapsesOn: text(200), daysLeft: 200 + shift, partnerships: [{ id: pid }] },
    ]);
    const year = await t.gql(LIST, { i: ikm.gid, w: 365 }, tokens.ikm);
    expect(year.data.lapsingCertificates.map((l: { type: string }) => l.type)).toEqual(["ISO_9001", "HALAL", "IATF_16949"]);
  });

  it("lists a foundation's mentees for its people, and the same IKM for the foundation mentoring it", async () => {
    const byFoundation = await t.gql(LIST, { f: foundation.gid }, tokens.foundation);
    expect(byFoundation.errors).toBeUndefined();
    expect(byFoundation.data.lapsingCertificates.map((l: { ikm: { id: string }; type: string }) => [l.ikm.id, l.type])).toEqual([[ikm.gid, "ISO_9001"], [ikm.gid, "IATF_16949"]]);
    const byMentor = await t.gql(LIST, { i: ikm.gid }, tokens.foundation);
    expect(byMentor.data.lapsingCertificates).toHaveLength(2);
  });

  it("refuses other IKMs and firms, and bad input, with typed errors", async () => {
    expect(codes(await t.gql(LIST, { i: ikm.gid }, tokens.other))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(LIST, { i: ikm.gid }, tokens.firm))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(LIST, { f: foundation.gid }, tokens.ikm))).toEqual(["FORBIDDEN"]);
    const both = await t.gql(LIST, { i: ikm.gid, f: foundation.gid }, tokens.admin);
    expect(codes(both)).toEqual(["BAD_USER_INPUT"]);
    const neither = await t.gql(LIST, {}, tokens.admin);
    expect(codes(neither)).toEqual(["BAD_USER_INPUT"]);
    const negative = await t.gql(LIST, { i: ikm.gid, w: -1 }, tokens.admin);
    expect(codes(negative)).toEqual(["BAD_USER_INPUT"]);
    expect(negative.errors![0].extensions!.fields).toEqual([{ path: "withinDays", message: "must not be negative" }]);
  });
});
