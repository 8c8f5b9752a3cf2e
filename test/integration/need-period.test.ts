/** A need's contract period (issue 22): endDate or termMonths in, both out; validated; editable while DRAFT or OPEN. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFirm, needInput } from "../helpers/fixtures.js";
import { type TestApp, codes, startTestApp } from "../helpers/harness.js";
import { fromGlobalId } from "../../src/domain/ids.js";

const FIELDS = "id status version startDate endDate termMonths";
const CREATE = `mutation($input: NeedInput!) { createNeed(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: NeedUpdateInput!, $v: Int) { updateNeed(id: $id, input: $input, expectedVersion: $v) { ${FIELDS} } }`;
const TRANSITION = `mutation($id: ID!, $to: NeedStatus!, $reason: String) { transitionNeed(id: $id, to: $to, reason: $reason) { id status version } }`;

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  const firm = await makeFirm(t.prisma, "PT Periode");
  token = (await t.user("FIRM", { firmId: firm.id })).token;
});
afterAll(() => t.stop());

async function create(overrides: Record<string, unknown>) {
  return t.gql(CREATE, { input: needInput(overrides) }, token);
}

const fieldsOf = (r: { errors?: Array<{ extensions?: { fields?: Array<{ path: string }> } }> }) => r.errors?.[0]?.extensions?.fields?.map((f) => f.path);

describe("a need's period", () => {
  it("takes an end date and answers the term in months", async () => {
    const r = await create({ startDate: "2027-03-01", endDate: "2028-02-29" });
    expect(r.errors).toBeUndefined();
    expect(r.data.createNeed).toMatchObject({ startDate: "2027-03-01", endDate: "2028-02-29", termMonths: 12 });
  });

  it("takes a term in months and answers the end date", async () => {
    const r = await create({ startDate: "2027-01-31", termMonths: 1 });
    expect(r.data.createNeed).toMatchObject({ endDate: "2027-02-27", termMonths: 1 });
    const two = await create({ startDate: "2027-03-01", termMonths: 24 });
    expect(two.data.createNeed).toMatchObject({ endDate: "2029-02-28", termMonths: 24 });
  });

  it("runs the default term of 12 months when neither is given", async () => {
    const r = await create({ startDate: "2027-03-01" });
    expect(r.data.createNeed).toMatchObject({ endDate: "2028-02-29", termMonths: 12 });
  });

  it("refuses both, an end not after the start, a term too long or not whole, naming the field and writing nothing", async () => {
    const before = await t.prisma.componentNeed.count();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ endDate: "2028-02-29", termMonths: 12 }, "input.termMonths", /endDate or as termMonths, not both/],
      [{ endDate: "2027-03-01" }, "input.endDate", /not after it starts on 2027-03-01/],
      [{ endDate: "2027-02-01" }, "input.endDate", /not after it starts/],
      [{ endDate: "2037-03-01" }, "input.endDate", /at most 120 months \(to 2037-02-28\)/],
      [{ termMonths: 121 }, "input.termMonths", /at most 120 months/],
      [{ termMonths: 0 }, "input.termMonths", /at least 1 month/],
      [{ termMonths: 1.5 }, "input.termMonths", /./],
    ];
    for (const [overrides, field, message] of cases) {
      const r = await create({ startDate: "2027-03-01", ...overrides });
      expect(codes(r), JSON.stringify(overrides)).toEqual(["BAD_USER_INPUT"]);
      if (!(overrides.termMonths === 1.5)) expect(fieldsOf(r)).toEqual([field]);
      expect(r.errors![0].message).toMatch(message);
    }
    expect(await t.prisma.componentNeed.count()).toBe(before);
  });

  it("is edited while DRAFT or OPEN with expectedVersion; a stale version is a CONFLICT; a new start keeps the end date", async () => {
    const need = (await create({ startDate: "2027-03-01", termMonths: 12 })).data.createNeed;
    const longer = await t.gql(UPDATE, { id: need.id, input: { termMonths: 18 }, v: need.version }, token);
    expect(longer.errors).toBeUndefined();
    expect(longer.data.updateNeed).toMatchObject({ endDate: "2028-08-31", termMonths: 18, version: need.version + 1 });
    expect(codes(await t.gql(UPDATE, { id: need.id, input: { endDate: "2028-12-31" }, v: need.version }, token))).toEqual(["CONFLICT"]);
    const moved = await t.gql(UPDATE, { id: need.id, input: { startDate: "2027-06-01" }, v: need.version + 1 }, token);
    expect(moved.data.updateNeed).toMatchObject({ startDate: "2027-06-01", endDate: "2028-08-31", termMonths: 15 });
    const past = await t.gql(UPDATE, { id: need.id, input: { startDate: "2028-09-01" } }, token);
    expect(codes(past)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(past)).toEqual(["input.startDate"]);
    const reset = await t.gql(UPDATE, { id: need.id, input: { endDate: null } }, token);
    expect(reset.data.updateNeed).toMatchObject({ endDate: "2028-05-31", termMonths: 12 });
    const open = await t.gql(TRANSITION, { id: need.id, to: "OPEN" }, token);
    const whileOpen = await t.gql(UPDATE, { id: need.id, input: { endDate: "2028-12-31" }, v: open.data.transitionNeed.version }, token);
    expect(whileOpen.data.updateNeed).toMatchObject({ endDate: "2028-12-31", termMonths: 19 });
    await t.gql(TRANSITION, { id: need.id, to: "CANCELLED", reason: "test" }, token);
    const closed = await t.gql(UPDATE, { id: need.id, input: { termMonths: 6 } }, token);
    expect(codes(closed)).toEqual(["INVALID_TRANSITION"]);
    const row = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: fromGlobalId(need.id)!.id } });
    expect(row.endDate!.toISOString().slice(0, 10)).toBe("2028-12-31");
  });

  it("fills a row inserted without an end date with the default term, as the migration filled old needs", async () => {
    const firm = await makeFirm(t.prisma, "PT Tanpa Akhir");
    const row = await t.prisma.componentNeed.create({
      data: { firmId: firm.id, title: "Old", description: "d", processes: ["STAMPING"], quantityPerMonth: 1, unit: "PCS", startDate: new Date("2027-01-31") },
    });
    expect(row.endDate!.toISOString().slice(0, 10)).toBe("2028-01-30");
  });
});
