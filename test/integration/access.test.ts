/**
 * Who may do what (issue 6), proven over HTTP POST and over graphql-ws with the real client.
 *
 * MATRIX below has one row per operation of schema.graphql and per guarded field, with the outcome
 * for each actor. Every query and mutation row runs over HTTP and over the socket (sent as a
 * graphql-ws `subscribe`); subscription rows run over the socket, where "ok" means the
 * subscription started and delivered an event the row's trigger caused.
 *
 * Foreign = missing: a row with `missing` also asks, for every actor it refuses (or answers null),
 * the same operation with a well-formed id that exists nowhere in place of the record that is
 * foreign to that actor, and requires the same answer with the ids taken out: same transport
 * channel, HTTP status, data, error codes, messages and paths. A difference tells the caller that a
 * record it may not touch exists.
 *
 * Where the code does not do what the row says yet and the fix is in a file owned elsewhere, the
 * cell is listed in `defects` with the file and what it answers today. That case asserts today's
 * answer, so it turns red when the code changes either way: once fixed, delete the mark.
 */
import { randomUUID } from "node:crypto";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import type { UserViewer } from "../../src/access/viewer.js";
import { makeFirm, makeFoundation, makeIkm, needInput } from "../helpers/fixtures.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { WAIT_MS, until, watch } from "../helpers/subscriptions.js";

/**
 * anon: no token. admin: ADMIN. firm: member of firm A, which owns the rows' needs; firm': of firm
 * B. ikm: member of IKM X, the rows' IKM; ikm': of IKM Y. fdn: member of foundation F, whose
 * regional centre L actively mentors X; fdn': of foundation G, which actively mentors Y, not X.
 */
const ACTORS = ["anon", "admin", "firm", "firm'", "ikm", "ikm'", "fdn", "fdn'"] as const;
/**
 * A koperasi's managers, for the rows that name them (`kop`): kop manages koperasi K (members X and
 * Z), kop' koperasi K' (members Y and W). Every other row's koperasi cells are proven elsewhere
 * (koperasi-responses.test.ts).
 */
const KOPERASI_ACTORS = ["kop", "kop'"] as const;
type Actor = (typeof ACTORS)[number] | (typeof KOPERASI_ACTORS)[number];

/**
 * Outcomes. ok: answered with data (a non-empty list where the field is a list). null: the field
 * answers null, without an error. U, F, NF, BI: the one error code UNAUTHENTICATED, FORBIDDEN,
 * NOT_FOUND, BAD_USER_INPUT. Other words are what the row's `read` makes of the data.
 */
const SHORT: Record<string, string> = { UNAUTHENTICATED: "U", FORBIDDEN: "F", NOT_FOUND: "NF", BAD_USER_INPUT: "BI" };
/** Outcomes that refuse or hide: for these, the foreign record must answer like a missing one. */
const REFUSED = new Set(["U", "F", "NF", "BI", "null", "none"]);

type Vars = Record<string, unknown>;

interface Row {
  op: string;
  /** The outcome per actor, in ACTORS order. */
  who: string;
  /** The outcome for a koperasi's managers, in KOPERASI_ACTORS order; a row without it is not asked as them. */
  kop?: string;
  doc: string;
  /** Called for every case, so a mutation acts on records made for it alone. */
  vars?: () => Vars | Promise<Vars>;
  /** What the data says, when the default (ok, null or empty for the first field) is not enough. */
  read?: (data: any) => string;
  /** The same operation naming a record that does not exist instead of the one foreign to `actor`. */
  missing?: (actor: Actor) => Vars | Promise<Vars>;
  /** Subscriptions: cause an event every subscriber that started hears. */
  trigger?: (vars: Vars) => Promise<void>;
  /** Cells the code gets wrong today, to be fixed elsewhere: the outcome (`who`) or foreign = missing. */
  defects?: Partial<Record<Actor, { who?: Defect; missing?: Defect }>>;
}

interface Defect {
  /** The file to fix and what it does wrong. */
  fix: string;
  /** What the cell answers today: the outcome, or for foreign = missing "foreign / missing" outcomes. */
  now: string;
}

interface World {
  A: { id: string; gid: string };
  B: { id: string; gid: string };
  X: { id: string; gid: string };
  Y: { id: string; gid: string };
  /** K's second member and K''s second member: they work what X and Y work. */
  Z: { id: string; gid: string };
  W: { id: string; gid: string };
  F: { id: string; gid: string };
  L: { id: string; gid: string };
  G: { id: string; gid: string };
  sentra: string;
  /** K: X and Z are its members. */
  koperasi: string;
  /** K': Y and W are its members. */
  koperasi2: string;
  draftNeed: string;
  /** An OPEN need of A that no IKM covers alone and K's and K''s members cover together. */
  consortiumNeed: string;
  openNeed: string;
  assessment: string;
  stageChange: string;
  mentorship: string;
  /** X's two standing partnerships: one of A (for an AWARDED need of A), one of B. */
  partnershipA: string;
  partnershipB: string;
  /** The firm actor's own user. */
  firmUser: { id: string; gid: string; email: string };
}

let t: TestApp;
let w: World;
let admin: UserViewer;
const tokens = {} as Record<Actor, string | undefined>;
const sockets = {} as Record<Actor, Client>;

const today = new Date().toISOString().slice(0, 10);
const PILLARS = { production: 55, marketing: 50, finance: 52, hr: 58, ehs: 60 };
/** X's capabilities, as makeIkm writes them: setCapabilities writes the same list back. */
const X_CAPABILITIES = [{ process: "MACHINING_MANUAL", materials: ["baja"], monthlyCapacity: 1000, capacityUnit: "PCS" }];
/** Weighted to capability and capacity only: X scores 100 (material matched, capacity 10x the need). */
const X_FITS = needInput({ title: "Turned pins", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 100, weights: { capabilityFit: 1, capacity: 1, quality: 0, delivery: 0, stage: 0, proximity: 0, cluster: 0 } });

const missingId = (type: Parameters<typeof toGlobalId>[0]) => toGlobalId(type, randomUUID());
const first = (data: any) => (data ? data[Object.keys(data)[0]] : undefined);
const present = (v: unknown) => (v === null || v === undefined ? "null" : Array.isArray(v) && v.length === 0 ? "empty" : "ok");
/** Which of firm A's two standing needs a list shows: both, the published one, or neither. */
const needsShown = (list: { id: string }[] | null | undefined) => {
  const ids = new Set((list ?? []).map((n) => n.id));
  const draft = ids.has(w.draftNeed);
  const open = ids.has(w.openNeed);
  return draft && open ? "all" : open ? "published" : draft ? "draft only" : "none";
};

// ---- throwaway records, one set per case ------------------------------------------------------

async function draftNeedOfA(overrides: Vars = {}): Promise<string> {
  const input = needInput(overrides);
  const need = await t.app.services.needs.create(admin, { ...input, startDate: new Date(input.startDate as string) }, w.A.id);
  return toGlobalId("ComponentNeed", need.id);
}

async function openNeedOfA(overrides: Vars = {}): Promise<string> {
  const gid = await draftNeedOfA(overrides);
  await t.app.services.needs.transition(admin, fromGlobalId(gid)!.id, "OPEN");
  return gid;
}

/** An AWARDED need of a firm, for a partnership to cite. */
async function awardedNeedOf(firmId: string): Promise<string> {
  const need = await t.prisma.componentNeed.create({
    data: {
      firmId, title: "Awarded pins", description: "Turned pins", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 10, unit: "PCS",
      startDate: new Date("2027-01-01"), status: "AWARDED", publishedAt: new Date(),
    },
  });
  return toGlobalId("ComponentNeed", need.id);
}

/** A partnership of `firmId` with X: 1 piece a month, so the matrix's records never fill X's capacity. */
const partnershipInput = (overrides: Vars = {}) => ({
  ikmId: w.X.gid, component: "Turned pins", processes: ["MACHINING_MANUAL"], quantityPerMonth: 1, unit: "PCS", startDate: "2027-01-01", ...overrides,
});

async function partnershipWithX(firmId: string, needId: string | null = null, status: "PENDING" | "ACTIVE" = "ACTIVE"): Promise<string> {
  const row = await t.prisma.partnership.create({
    data: { firmId, ikmId: w.X.id, needId, component: "Turned pins", processes: ["MACHINING_MANUAL"], quantityPerMonth: 1, unit: "PCS", startDate: new Date("2025-01-01"), status },
  });
  return toGlobalId("Partnership", row.id);
}

/** Which of X's two standing partnerships a list shows: both, A's, B's, or neither. */
const partnershipsShown = (list: { id: string }[] | null | undefined) => {
  if (!list) return "null";
  const ids = new Set(list.map((p) => p.id));
  const a = ids.has(w.partnershipA);
  const b = ids.has(w.partnershipB);
  return a && b ? "all" : a ? "A's" : b ? "B's" : "none";
};

/** A regional centre of F made for one case: F's people act for it. */
const centreOfF = () => makeFoundation(t.prisma, `Centre ${randomUUID().slice(0, 8)}`, w.F.id);

async function sentraOf(member: boolean): Promise<string> {
  const row = await t.prisma.sentra.create({ data: { name: `Sentra ${randomUUID().slice(0, 8)}`, regionCode: "33.72", product: "Pins", process: "MACHINING_MANUAL", rawMaterial: "baja" } });
  if (member) await t.prisma.sentraMembership.create({ data: { sentraId: row.id, ikmId: w.X.id } });
  return toGlobalId("Sentra", row.id);
}

async function koperasiOf(member: boolean): Promise<string> {
  const row = await t.prisma.koperasi.create({ data: { name: `Koperasi ${randomUUID().slice(0, 8)}`, regionCode: "33.72" } });
  if (member) await t.prisma.koperasiMembership.create({ data: { koperasiId: row.id, ikmId: w.X.id } });
  return toGlobalId("Koperasi", row.id);
}

/** X's stage moved one step (up from MADYA, else down), by an administrator, with a reason. */
async function toggleStageOfX(): Promise<void> {
  const x = await t.prisma.ikm.findUniqueOrThrow({ where: { id: w.X.id } });
  await t.app.services.maturity.changeStage(admin, {
    ikmId: w.X.id, toStage: x.currentStage === "MADYA" ? "PRAMANDIRI" : "MADYA", expectedVersion: x.stageVersion, override: true, reason: "Access matrix trigger",
  });
}

/** A new IKM working a need's process enters its ranking. */
async function newForgingSupplier(): Promise<void> {
  const ikm = await makeIkm(t.prisma, { processes: ["FORGING"], stage: "MANDIRI" });
  await t.app.services.matching.ikmsChanged([ikm.id]);
}

/** A fresh response of X (a quotation) to a fresh OPEN need of A, for a row that changes it. */
async function responseOfX(): Promise<string> {
  const needId = fromGlobalId(await openNeedOfA({ title: "Quoted for the matrix" }))!.id;
  const terms = { kind: "QUOTATION", unitPriceIdr: 12_500, quantityPerMonth: 50, leadTimeDays: 14, validUntil: new Date(`${today}T00:00:00.000Z`) };
  const response = await t.app.services.responses.submit(admin, { needId, ikmId: w.X.id, terms });
  return toGlobalId("NeedResponse", response.id);
}

let standing: Promise<string> | null = null;
/** X's standing quotation on A's standing OPEN need, made once for the rows that read it. */
const standingResponse = () => (standing ??= (async () => {
  const terms = { kind: "QUOTATION", unitPriceIdr: 12_500, quantityPerMonth: 50, leadTimeDays: 14, validUntil: new Date(`${today}T00:00:00.000Z`) };
  const response = await t.app.services.responses.submit(admin, { needId: fromGlobalId(w.openNeed)!.id, ikmId: w.X.id, terms });
  return toGlobalId("NeedResponse", response.id);
})());

/** A need of A that X fits (its process and material; 1 piece a month, so awards never fill X's capacity). */
const X_SHORTLISTABLE = { title: "Shortlisted pins", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 1 };

/** X shortlisted (by an administrator) on a fresh OPEN need of A, which becomes SHORTLISTED. */
async function candidateOfX(): Promise<{ need: string; candidate: string }> {
  const need = await openNeedOfA(X_SHORTLISTABLE);
  const row = await t.app.services.shortlist.shortlist(admin, fromGlobalId(need)!.id, { ikmId: w.X.id });
  return { need, candidate: toGlobalId("ShortlistCandidate", row.id) };
}

let standingShortlist: Promise<{ need: string; candidate: string }> | null = null;
/** X's standing candidacy on a SHORTLISTED need of A, made once for the rows that read it. */
const standingCandidate = () => (standingShortlist ??= candidateOfX());

// ---- the matrix -------------------------------------------------------------------------------

const privateOfX = (field: string) => (data: any) => present(data.ikm[field]);

/**
 * Which of K's and K''s proposals a consortia answer holds, each with members of its own koperasi
 * only ("K", "K'", "K+K'"); "none: <reason>" without either.
 */
function proposedBy(data: any): string {
  const c = data.consortia;
  const members: Record<string, Set<string>> = { [w.koperasi]: new Set([w.X.gid, w.Z.gid]), [w.koperasi2]: new Set([w.Y.gid, w.W.gid]) };
  const seen = c.proposals
    .filter((p: any) => p.cluster.koperasi && members[p.cluster.koperasi.id])
    .map((p: any) => (p.members.every((m: any) => members[p.cluster.koperasi.id].has(m.ikm.id)) ? (p.cluster.koperasi.id === w.koperasi ? "K" : "K'") : "mixed"));
  return seen.sort().join("+") || `none: ${c.reason?.kind}`;
}

const MATRIX: Row[] = [
  // Public profiles and lookups.                       anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Query.viewer", who:                            "null ok    ok    ok    ok    ok    ok    ok",
    doc: `{ viewer { id role } }` },
  { op: "Query.firms", who:                             "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `{ firms(first: 5) { totalCount nodes { id name } } }` },
  { op: "Query.firm (public profile)", who:             "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `query($id: ID!) { firm(id: $id) { id name sector tier regionCode } }`, vars: () => ({ id: w.A.gid }) },
  { op: "Query.ikms", who:                              "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `{ ikms(first: 5) { totalCount nodes { id legalName } } }` },
  { op: "Query.ikm (public profile, maturity, mentorships)", who: "ok ok ok ok    ok    ok    ok    ok",
    doc: `query($id: ID!) { ikm(id: $id) { id legalName currentStage stageVersion sizeClass capabilities { process } certifications { type } deliverySummary { months } mentorships { status foundation { name } } } }`,
    vars: () => ({ id: w.X.gid }), read: (d) => present(d.ikm.mentorships) },
  { op: "Query.sentras", who:                           "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `{ sentras(first: 5) { totalCount nodes { id } } }` },
  { op: "Query.sentra", who:                            "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `query($id: ID!) { sentra(id: $id) { id name members { id } } }`, vars: () => ({ id: w.sentra }) },
  { op: "Query.koperasis", who:                         "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `{ koperasis(first: 5) { totalCount nodes { id } } }` },
  { op: "Query.koperasi", who:                          "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `query($id: ID!) { koperasi(id: $id) { id name members { id } } }`, vars: () => ({ id: w.koperasi }) },
  { op: "Query.foundation", who:                        "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `query($id: ID!) { foundation(id: $id) { id name centres { id } } }`, vars: () => ({ id: w.F.gid }) },
  { op: "Query.node (Firm, Ikm, Foundation, Sentra, Koperasi, Mentorship: public)", who: "ok ok ok ok ok ok ok ok",
    doc: `query($a: ID!, $b: ID!, $c: ID!, $d: ID!, $e: ID!, $f: ID!) {
      a: node(id: $a) { id } b: node(id: $b) { id } c: node(id: $c) { id } d: node(id: $d) { id } e: node(id: $e) { id } f: node(id: $f) { id } }`,
    vars: () => ({ a: w.A.gid, b: w.X.gid, c: w.F.gid, d: w.sentra, e: w.koperasi, f: w.mentorship }),
    read: (d) => (Object.values(d).every((n) => n !== null) ? "ok" : "null") },

  // Needs: a firm sees its own with volumes; suppliers and foundations the published ones.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Query.needs (A's, with volumes)", who:         "U    all   all   none  published published published published",
    doc: `query($firm: String!) { needs(first: 100, filter: { firmId: $firm, process: WIRING_HARNESS }) { nodes { id quantityPerMonth } } }`,
    vars: () => ({ firm: w.A.gid }), read: (d) => needsShown(d.needs.nodes) },
  { op: "Firm.needs (A's, with volumes)", who:          "none all   all   none  published published published published",
    doc: `query($id: ID!) { firm(id: $id) { needs { id quantityPerMonth } } }`,
    vars: () => ({ id: w.A.gid }), read: (d) => needsShown(d.firm.needs) },
  { op: "Query.need (A's DRAFT need)", who:             "U    ok    ok    NF    NF    NF    NF    NF",
    doc: `query($id: ID!) { need(id: $id) { id title quantityPerMonth unit } }`,
    vars: () => ({ id: w.draftNeed }), missing: () => ({ id: missingId("ComponentNeed") }) },
  { op: "Query.need (A's OPEN need)", who:              "U    ok    ok    NF    ok    ok    ok    ok",
    doc: `query($id: ID!) { need(id: $id) { id title quantityPerMonth unit } }`,
    vars: () => ({ id: w.openNeed }), missing: () => ({ id: missingId("ComponentNeed") }) },
  { op: "ComponentNeed.statusHistory (A's OPEN need)", who: "U  ok    ok    NF    null  null  null  null",
    doc: `query($id: ID!) { need(id: $id) { statusHistory { fromStatus toStatus reason } } }`,
    vars: () => ({ id: w.openNeed }), read: (d) => present(d.need.statusHistory) },
  { op: "Query.node (A's DRAFT need)", who:             "null ok    ok    null  null  null  null  null",
    doc: `query($id: ID!) { node(id: $id) { id ... on ComponentNeed { quantityPerMonth } } }`,
    vars: () => ({ id: w.draftNeed }), missing: () => ({ id: missingId("ComponentNeed") }) },
  { op: "Query.node (A's OPEN need)", who:              "null ok    ok    null  ok    ok    ok    ok",
    doc: `query($id: ID!) { node(id: $id) { id ... on ComponentNeed { quantityPerMonth } } }`,
    vars: () => ({ id: w.openNeed }), missing: () => ({ id: missingId("ComponentNeed") }) },

  // Firms' people.                                     anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Firm.members", who:                            "null ok    ok    null  null  null  null  null",
    doc: `query($id: ID!) { firm(id: $id) { members { id name } } }`, vars: () => ({ id: w.A.gid }), read: (d) => present(d.firm.members) },
  { op: "User.email (A's members)", who:                "null all   self  null  null  null  null  null",
    doc: `query($id: ID!) { firm(id: $id) { members { id email } } }`, vars: () => ({ id: w.A.gid }),
    read: (d) => {
      const members: { id: string; email: string | null }[] | null = d.firm.members;
      if (!members) return "null";
      const shown = members.filter((m) => m.email !== null).map((m) => m.id);
      return shown.length === members.length ? "all" : shown.length === 1 && shown[0] === w.firmUser.gid ? "self" : shown.length ? "some" : "none";
    } },
  { op: "Query.node (a FIRM user)", who:                "null ok    ok    null  null  null  null  null",
    doc: `query($id: ID!) { node(id: $id) { id ... on User { name email } } }`,
    vars: () => ({ id: w.firmUser.gid }), missing: () => ({ id: missingId("User") }) },

  // An IKM's private side: itself, the foundations actively mentoring it (and those above), admins.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Ikm.financials", who:                          "null ok    null  null  ok    null  ok    null",
    doc: `query($id: ID!) { ikm(id: $id) { financials { investmentIdr capitalIdr annualSalesIdr } } }`,
    vars: () => ({ id: w.X.gid }), read: privateOfX("financials") },
  { op: "Ikm.assessments", who:                         "null ok    null  null  ok    null  ok    null",
    doc: `query($id: ID!) { ikm(id: $id) { assessments { id proposedStage pillarScores { finance } recordedBy { name } } } }`,
    vars: () => ({ id: w.X.gid }), read: privateOfX("assessments") },
  { op: "Ikm.stageHistory", who:                        "null ok    null  null  ok    null  ok    null",
    doc: `query($id: ID!) { ikm(id: $id) { stageHistory { id fromStage toStage reason } } }`,
    vars: () => ({ id: w.X.gid }), read: privateOfX("stageHistory") },
  { op: "Query.node (an assessment of X)", who:         "null ok    null  null  ok    null  ok    null",
    doc: `query($id: ID!) { node(id: $id) { id ... on Assessment { proposedStage } } }`,
    vars: () => ({ id: w.assessment }), missing: () => ({ id: missingId("Assessment") }) },
  { op: "Query.node (a stage change of X)", who:        "null ok    null  null  ok    null  ok    null",
    doc: `query($id: ID!) { node(id: $id) { id ... on StageChange { toStage } } }`,
    vars: () => ({ id: w.stageChange }), missing: () => ({ id: missingId("StageChange") }) },
  { op: "Query.foundationDashboard (F)", who:           "U    ok    F     F     F     F     ok    F",
    doc: `query($f: ID) { foundationDashboard(foundationId: $f) { foundation { id } stages { total } dueForReassessment(first: 5) { totalCount } } }`,
    vars: () => ({ f: w.F.gid }), read: (d) => (d.foundationDashboard.stages.total > 0 ? "ok" : "empty"),
    missing: () => ({ f: missingId("Foundation") }) },

  // A user's own tenant, and a foundation's mentees (X, through F's centre L).
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "User.firm, User.ikm, User.foundation (the viewer's)", who: "null none A B X     Y     F     G",
    doc: `{ viewer { firm { id name } ikm { id legalName } foundation { id name } } }`,
    read: (d) => {
      if (!d.viewer) return "null";
      const tenants = [d.viewer.firm?.id, d.viewer.ikm?.id, d.viewer.foundation?.id].filter(Boolean);
      const names: Record<string, string> = { [w.A.gid]: "A", [w.B.gid]: "B", [w.X.gid]: "X", [w.Y.gid]: "Y", [w.F.gid]: "F", [w.G.gid]: "G" };
      return tenants.length === 0 ? "none" : tenants.map((id) => names[id] ?? "other").join("+");
    } },
  { op: "Foundation.mentees (F's: X, mentored by its centre L)", who: "null ok null null  null  null  ok    null",
    doc: `query($f: ID!) { foundation(id: $f) { mentees(first: 5) { totalCount nodes { id } } } }`,
    vars: () => ({ f: w.F.gid }),
    read: (d) => {
      const m = d.foundation.mentees;
      if (!m) return "null";
      return m.nodes.length === 1 && m.nodes[0].id === w.X.gid && m.totalCount === 1 ? "ok" : `wrong: ${JSON.stringify(m)}`;
    } },
  { op: "Foundation.mentees (L's, filtered by X's stage)", who: "null ok null null  null  null  ok    null",
    doc: `query($f: ID!) { foundation(id: $f) { mentees(filter: { stages: [PRAMANDIRI, MADYA] }) { nodes { id } } } }`,
    vars: () => ({ f: w.L.gid }),
    read: (d) => (d.foundation.mentees === null ? "null" : d.foundation.mentees.nodes.some((n: { id: string }) => n.id === w.X.gid) ? "ok" : "empty") },

  // Matching.                                          anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Query.matches (A's OPEN need)", who:           "U    ok    ok    NF    F     F     F     F",
    doc: `query($n: ID!) { matches(needId: $n, first: 5) { totalCount nodes { score ikm { id } need { quantityPerMonth } } } }`,
    vars: () => ({ n: w.openNeed }), missing: () => ({ n: missingId("ComponentNeed") }) },
  { op: "Query.opportunities (X's)", who:               "U    ok    F     F     ok    F     ok    F",
    doc: `query($i: ID) { opportunities(ikmId: $i, first: 5) { totalCount nodes { score need { id quantityPerMonth } } } }`,
    vars: () => ({ i: w.X.gid }), missing: () => ({ i: missingId("Ikm") }) },
  { op: "Query.opportunities (no ikmId: the member's own IKM)", who: "U BI F F ok ok BI BI",
    doc: `{ opportunities(first: 5) { totalCount } }` },
  { op: "Query.explainMatch (A's OPEN need, X)", who:   "U    ok    ok    NF    ok    F     ok    F",
    doc: `query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { score ikm { id } need { id quantityPerMonth } } }`,
    vars: () => ({ n: w.openNeed, i: w.X.gid }),
    // Firms may explain any IKM for their own needs: the need is what is foreign to them. The need
    // is published, so for suppliers and foundations the IKM is.
    missing: (actor) => (actor === "firm" || actor === "firm'" || actor === "admin" ? { n: missingId("ComponentNeed"), i: w.X.gid } : { n: w.openNeed, i: missingId("Ikm") }) },
  { op: "Query.explainMatch (A's DRAFT need, X)", who:  "U    ok    ok    NF    NF    NF    NF    NF",
    doc: `query($n: ID!, $i: ID!) { explainMatch(needId: $n, ikmId: $i) { score need { quantityPerMonth } } }`,
    vars: () => ({ n: w.draftNeed, i: w.X.gid }), missing: () => ({ n: missingId("ComponentNeed"), i: w.X.gid }) },

  // Joint supply (issue 7).                            anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  // Consortia: which of K's and K''s proposals the answer holds ("K+K'": both; a koperasi's managers
  // get their own koperasi's members only).                anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Query.consortia (A's OPEN need)", who:         "U    K+K'  K+K'  NF    F     F     F     F", kop: "K K'",
    doc: `query($n: ID!) { consortia(needId: $n) { eligibleSuppliers need { id } proposals { rank cluster { koperasi { id } } members { ikm { id } share } } reason { kind } } }`,
    vars: () => ({ n: w.consortiumNeed }), read: proposedBy, missing: () => ({ n: missingId("ComponentNeed") }) },
  { op: "Query.consortia (A's DRAFT need)", who:        "U    ok    ok    NF    F     F     F     F", kop: "NF NF",
    doc: `query($n: ID!) { consortia(needId: $n) { eligibleSuppliers need { id } proposals { rank } } }`,
    vars: () => ({ n: w.draftNeed }), missing: () => ({ n: missingId("ComponentNeed") }) },
  { op: "Query.allocate (A's OPEN need)", who:          "U    ok    ok    NF    F     F     F     F", kop: "F F",
    doc: `query($n: ID!) { allocate(needIds: [$n]) { coverage needs { need { id } covered shortfalls { reason } } } }`,
    vars: () => ({ n: w.openNeed }), missing: () => ({ n: missingId("ComponentNeed") }) },
  { op: "Query.allocate (A's DRAFT need)", who:         "U    ok    ok    NF    F     F     F     F",
    doc: `query($n: ID!) { allocate(needIds: [$n], method: GREEDY) { coverage } }`,
    vars: () => ({ n: w.draftNeed }), missing: () => ({ n: missingId("ComponentNeed") }) },
  { op: "Query.gapPaths (A's OPEN need, X)", who:       "U    ok    ok    NF    ok    F     ok    F",
    doc: `query($n: ID!, $i: ID!) { gapPaths(needId: $n, ikmId: $i, machinePrices: [{ process: MACHINING_MANUAL, priceIdr: 50000000, origin: DOMESTIC }]) { match { score } paths { kind } } }`,
    vars: () => ({ n: w.openNeed, i: w.X.gid }),
    // As explainMatch: the need is what is foreign to firms, the IKM to suppliers and foundations.
    missing: (actor) => (actor === "firm" || actor === "firm'" || actor === "admin" ? { n: missingId("ComponentNeed"), i: w.X.gid } : { n: w.openNeed, i: missingId("Ikm") }) },
  { op: "Query.gapPaths (A's DRAFT need, X)", who:      "U    ok    ok    NF    NF    NF    NF    NF",
    doc: `query($n: ID!, $i: ID!) { gapPaths(needId: $n, ikmId: $i) { paths { kind } } }`,
    vars: () => ({ n: w.draftNeed, i: w.X.gid }), missing: () => ({ n: missingId("ComponentNeed"), i: w.X.gid }) },
  { op: "Query.processTerms", who:                      "U    ok    ok    ok    ok    ok    ok    ok",
    doc: `{ processTerms(terms: ["bubut", "cor"]) { term process } }` },
  { op: "Query.processTaxonomy", who:                   "U    ok    ok    ok    ok    ok    ok    ok",
    doc: `{ processTaxonomy { process specifics { code nameId } } }` },
  { op: "Query.defaultMatchWeights", who:               "U    ok    ok    ok    ok    ok    ok    ok",
    doc: `{ defaultMatchWeights { capabilityFit capacity } }` },

  // Accounts.                                          anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Mutation.registerFirm", who:                   "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `mutation($input: RegisterFirmInput!) { registerFirm(input: $input) { token user { role } } }`,
    vars: () => ({ input: { firm: { name: "PT Matriks", sector: "AUTOMOTIVE", tier: "TIER_2", regionCode: "32.16" }, account: { name: "Rina", email: `${randomUUID()}@matrix.example`, password: "long-enough-pw" } } }) },
  { op: "Mutation.registerIkm", who:                    "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `mutation($input: RegisterIkmInput!) { registerIkm(input: $input) { token user { role } } }`,
    vars: () => ({ input: { ikm: { legalName: "CV Matriks", regionCode: "33.72", workers: 4 }, account: { name: "Budi", email: `${randomUUID()}@matrix.example`, password: "long-enough-pw" } } }) },
  { op: "Mutation.login", who:                          "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `mutation($email: String!) { login(email: $email, password: "test-password-1") { token } }`, vars: () => ({ email: w.firmUser.email }) },

  // Firms and their needs.                             anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Mutation.updateFirm (A)", who:                 "U    ok    ok    F     F     F     F     F",
    doc: `mutation($id: ID!) { updateFirm(id: $id, input: { website: "https://a.example" }) { id } }`,
    vars: () => ({ id: w.A.gid }), missing: () => ({ id: missingId("Firm") }) },
  { op: "Mutation.createNeed (for firm A)", who:        "U    A     A     F     F     F     F     F",
    doc: `mutation($input: NeedInput!) { createNeed(input: $input) { id firm { id } } }`,
    vars: () => ({ input: needInput({ firmId: w.A.gid }) }), read: (d) => (d.createNeed.firm.id === w.A.gid ? "A" : "another firm"),
    missing: () => ({ input: needInput({ firmId: missingId("Firm") }) }) },
  { op: "Mutation.updateNeed (a DRAFT need of A)", who: "U    ok    ok    NF    F     F     F     F",
    doc: `mutation($id: ID!) { updateNeed(id: $id, input: { title: "Renamed bracket" }) { id title } }`,
    vars: async () => ({ id: await draftNeedOfA() }), missing: () => ({ id: missingId("ComponentNeed") }) },
  { op: "Mutation.transitionNeed (a DRAFT need of A)", who: "U  ok    ok    NF    F     F     F     F",
    doc: `mutation($id: ID!) { transitionNeed(id: $id, to: CANCELLED, reason: "Access matrix") { status } }`,
    vars: async () => ({ id: await draftNeedOfA() }), missing: () => ({ id: missingId("ComponentNeed") }) },

  // Partnerships: a firm records its own (PENDING until the IKM accepts; an administrator's is
  // ACTIVE), the IKM accepts or declines, either ends it; an IKM's are seen by the IKM, its mentors
  // and admins, and by each firm as far as they are its own.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Mutation.recordPartnership (for firm A, with X, for an AWARDED need of A)", who: "U ACTIVE PENDING F F F F F",
    doc: `mutation($input: PartnershipInput!) { recordPartnership(input: $input) { id status firm { id } need { id } } }`,
    vars: async () => ({ input: partnershipInput({ firmId: w.A.gid, needId: await awardedNeedOf(w.A.id) }) }),
    read: (d) => (d.recordPartnership.firm.id === w.A.gid && d.recordPartnership.need ? d.recordPartnership.status : "another-firm"),
    missing: async () => ({ input: partnershipInput({ firmId: missingId("Firm"), needId: await awardedNeedOf(w.A.id) }) }) },
  { op: "Mutation.recordPartnership (for firm B, with X, for an AWARDED need of A)", who: "U NF F NF F F F F",
    doc: `mutation($input: PartnershipInput!) { recordPartnership(input: $input) { id } }`,
    vars: async () => ({ input: partnershipInput({ firmId: w.B.gid, needId: await awardedNeedOf(w.A.id) }) }),
    missing: () => ({ input: partnershipInput({ firmId: w.B.gid, needId: missingId("ComponentNeed") }) }) },
  { op: "Mutation.acceptPartnership (a PENDING partnership of A with X)", who: "U ACTIVE F F ACTIVE NF F F",
    doc: `mutation($id: ID!) { acceptPartnership(id: $id) { id status } }`,
    vars: async () => ({ id: await partnershipWithX(w.A.id, null, "PENDING") }), read: (d) => d.acceptPartnership.status,
    missing: () => ({ id: missingId("Partnership") }) },
  { op: "Mutation.endPartnership (an ACTIVE partnership of A with X)", who: "U ok ok NF ok NF F F",
    doc: `mutation($id: ID!) { endPartnership(id: $id) { id status } }`,
    vars: async () => ({ id: await partnershipWithX(w.A.id) }), missing: () => ({ id: missingId("Partnership") }) },
  { op: "Mutation.endPartnership (a PENDING partnership of A with X: withdrawn or declined)", who: "U ENDED ENDED NF ENDED NF F F",
    doc: `mutation($id: ID!) { endPartnership(id: $id) { id status } }`,
    vars: async () => ({ id: await partnershipWithX(w.A.id, null, "PENDING") }), read: (d) => d.endPartnership.status,
    missing: () => ({ id: missingId("Partnership") }) },
  { op: "Ikm.partnerships (X's: one of A, one of B)", who: "null all A's B's  all   null  all   null",
    doc: `query($id: ID!) { ikm(id: $id) { partnerships { id component quantityPerMonth firm { id } } } }`,
    vars: () => ({ id: w.X.gid }), read: (d) => partnershipsShown(d.ikm.partnerships) },
  { op: "Partnership.need (A's AWARDED need, on X's partnership of A)", who: "null ok ok none hidden null hidden null",
    doc: `query($id: ID!) { ikm(id: $id) { partnerships { id need { id quantityPerMonth } } } }`,
    vars: () => ({ id: w.X.gid }),
    read: (d) => {
      const list: { id: string; need: unknown }[] | null = d.ikm.partnerships;
      const mine = list?.find((p) => p.id === w.partnershipA);
      return !list ? "null" : !mine ? "none" : mine.need ? "ok" : "hidden";
    } },
  { op: "Firm.partnerships (A's)", who:                 "null ok    ok    null  null  null  null  null",
    doc: `query($id: ID!) { firm(id: $id) { partnerships { id quantityPerMonth ikm { id } } } }`,
    vars: () => ({ id: w.A.gid }), read: (d) => present(d.firm.partnerships) },
  { op: "Query.node (a partnership of A with X)", who:  "null ok    ok    null  ok    null  ok    null",
    doc: `query($id: ID!) { node(id: $id) { id ... on Partnership { quantityPerMonth } } }`,
    vars: () => ({ id: w.partnershipA }), missing: () => ({ id: missingId("Partnership") }) },

  // Editing an IKM: itself, the foundations actively mentoring it, admins. Writes to X itself (and
  // to firm A above) write back what is there or add a record of their own, so rows stay independent.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Mutation.updateIkm (X)", who:                  "U    ok    F     F     ok    F     ok    F",
    doc: `mutation($id: ID!) { updateIkm(id: $id, input: { description: "Updated by the access matrix" }) { id } }`,
    vars: () => ({ id: w.X.gid }), missing: () => ({ id: missingId("Ikm") }) },
  { op: "Mutation.setCapabilities (X)", who:            "U    ok    F     F     ok    F     ok    F",
    doc: `mutation($i: ID!, $c: [CapabilityInput!]!) { setCapabilities(ikmId: $i, capabilities: $c) { id } }`,
    vars: () => ({ i: w.X.gid, c: X_CAPABILITIES }), missing: () => ({ i: missingId("Ikm"), c: X_CAPABILITIES }) },
  { op: "Mutation.setMachines (X)", who:                "U    ok    F     F     ok    F     ok    F",
    doc: `mutation($i: ID!) { setMachines(ikmId: $i, machines: [{ type: "Bubut", count: 2, cnc: false }]) { id } }`,
    vars: () => ({ i: w.X.gid }), missing: () => ({ i: missingId("Ikm") }) },
  { op: "Mutation.addCertification (X)", who:           "U    ok    F     F     ok    F     ok    F",
    doc: `mutation($i: ID!, $n: String!) { addCertification(ikmId: $i, input: { type: SNI, number: $n, issuer: "BSN", validFrom: "2024-01-01" }) { id } }`,
    vars: () => ({ i: w.X.gid, n: randomUUID() }), missing: () => ({ i: missingId("Ikm"), n: randomUUID() }) },
  { op: "Mutation.removeCertification (one of X's)", who: "U  ok    NF    NF    ok    NF    ok    NF",
    doc: `mutation($id: String!) { removeCertification(id: $id) { id } }`,
    vars: async () => ({ id: (await t.prisma.certification.create({ data: { ikmId: w.X.id, type: "SNI", number: randomUUID(), issuer: "BSN", validFrom: new Date("2024-01-01") } })).id }),
    missing: () => ({ id: randomUUID() }) },
  { op: "Mutation.joinSentra (X)", who:                 "U    ok    F     F     ok    F     ok    F",
    doc: `mutation($s: ID!, $i: ID!) { joinSentra(sentraId: $s, ikmId: $i) { id memberCount } }`,
    vars: async () => ({ s: await sentraOf(false), i: w.X.gid }), missing: async () => ({ s: await sentraOf(false), i: missingId("Ikm") }) },
  { op: "Mutation.leaveSentra (X)", who:                "U    ok    F     F     ok    F     ok    F",
    doc: `mutation($s: ID!, $i: ID!) { leaveSentra(sentraId: $s, ikmId: $i) { id memberCount } }`,
    vars: async () => ({ s: await sentraOf(true), i: w.X.gid }), missing: async () => ({ s: await sentraOf(true), i: missingId("Ikm") }) },
  { op: "Mutation.joinKoperasi (X)", who:               "U    ok    F     F     ok    F     ok    F",
    doc: `mutation($k: ID!, $i: ID!) { joinKoperasi(koperasiId: $k, ikmId: $i) { id memberCount } }`,
    vars: async () => ({ k: await koperasiOf(false), i: w.X.gid }), missing: async () => ({ k: await koperasiOf(false), i: missingId("Ikm") }) },
  { op: "Mutation.leaveKoperasi (X)", who:              "U    ok    F     F     ok    F     ok    F",
    doc: `mutation($k: ID!, $i: ID!) { leaveKoperasi(koperasiId: $k, ikmId: $i) { id memberCount } }`,
    vars: async () => ({ k: await koperasiOf(true), i: w.X.gid }), missing: async () => ({ k: await koperasiOf(true), i: missingId("Ikm") }) },
  { op: "Mutation.createSentra", who:                   "U    ok    F     F     F     F     ok    ok",
    doc: `mutation { createSentra(input: { name: "Sentra matriks", regionCode: "33.72", product: "Pins", process: CASTING, rawMaterial: "besi cor" }) { id } }` },
  { op: "Mutation.createKoperasi", who:                 "U    ok    F     F     F     F     F     F",
    doc: `mutation { createKoperasi(input: { name: "Koperasi matriks", regionCode: "33.72" }) { id } }` },

  // Mentorships: a foundation proposes, the IKM accepts, either ends it.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Mutation.startMentorship (X, by a centre of F)", who: "U ACTIVE F  F     F     F     PENDING BI",
    doc: `mutation($i: ID!, $f: ID) { startMentorship(input: { ikmId: $i, foundationId: $f, startedOn: "2025-01-01" }) { status } }`,
    vars: async () => ({ i: w.X.gid, f: (await centreOfF()).gid }), read: (d) => d.startMentorship.status,
    missing: () => ({ i: w.X.gid, f: missingId("Foundation") }) },
  { op: "Mutation.acceptMentorship (a proposal to X)", who: "U ok F   F     ok    NF    F     F",
    doc: `mutation($id: ID!) { acceptMentorship(id: $id) { status } }`,
    vars: async () => {
      const proposer = await makeFoundation(t.prisma, `Proposer ${randomUUID().slice(0, 8)}`);
      const m = await t.prisma.mentorship.create({ data: { foundationId: proposer.id, ikmId: w.X.id, startedOn: new Date("2025-01-01"), status: "PENDING" } });
      return { id: toGlobalId("Mentorship", m.id) };
    },
    missing: () => ({ id: missingId("Mentorship") }) },
  { op: "Mutation.endMentorship (a centre of F mentoring X)", who: "U ok F F ok NF    ok    NF",
    doc: `mutation($id: ID!, $on: Date!) { endMentorship(id: $id, input: { status: ENDED, endedOn: $on }) { status } }`,
    vars: async () => {
      const centre = await centreOfF();
      const m = await t.prisma.mentorship.create({ data: { foundationId: centre.id, ikmId: w.X.id, startedOn: new Date("2025-01-01") } });
      return { id: toGlobalId("Mentorship", m.id), on: today };
    },
    missing: () => ({ id: missingId("Mentorship"), on: today }) },

  // Maturity: the foundations actively mentoring an IKM assess and grade it.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Mutation.recordAssessment (X)", who:           "U    ok    F     F     F     F     ok    F",
    doc: `mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id } }`,
    vars: () => ({ input: { ikmId: w.X.gid, assessedOn: today, assessor: "Matrix", pillarScores: PILLARS } }),
    missing: () => ({ input: { ikmId: missingId("Ikm"), assessedOn: today, assessor: "Matrix", pillarScores: PILLARS } }) },
  { op: "Mutation.changeStage (X)", who:                "U    ok    F     F     F     F     ok    F",
    doc: `mutation($input: ChangeStageInput!) { changeStage(input: $input) { id } }`,
    vars: async () => {
      const x = await t.prisma.ikm.findUniqueOrThrow({ where: { id: w.X.id } });
      return { input: { ikmId: w.X.gid, toStage: x.currentStage === "MADYA" ? "PRAMANDIRI" : "MADYA", expectedVersion: x.stageVersion, override: true, reason: "Access matrix stage change" } };
    },
    missing: () => ({ input: { ikmId: missingId("Ikm"), toStage: "MADYA", expectedVersion: 0, override: true, reason: "Access matrix stage change" } }) },

  // Sourcing loop: responses to needs (issue 16). An IKM answers a published OPEN need for itself
  // (an administrator names the IKM); the need's firm sees every response with its match, the IKM
  // its own, the foundations mentoring it through Ikm.responses; nobody else.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Mutation.submitResponse (an OPEN need of A, for X)", who: "U ok F  F     ok    F     F     F",
    doc: `mutation($input: SubmitResponseInput!) { submitResponse(input: $input) { id status ikm { id } } }`,
    vars: async () => ({ input: { needId: await openNeedOfA({ title: "Answered for the matrix" }), ikmId: w.X.gid, kind: "INTEREST" } }),
    missing: async () => ({ input: { needId: await openNeedOfA({ title: "Answered for the matrix" }), ikmId: missingId("Ikm"), kind: "INTEREST" } }) },
  // An administrator sees the draft, so is told its status; for an IKM it answers like a missing
  // need (responses.test.ts compares the two messages: no `missing` here, where the admin's BI differs).
  { op: "Mutation.submitResponse (A's DRAFT need, own IKM)", who: "U BI F F     NF    NF    F     F",
    doc: `mutation($input: SubmitResponseInput!) { submitResponse(input: $input) { id } }`,
    vars: async () => ({ input: { needId: await draftNeedOfA(), kind: "INTEREST" } }) },
  { op: "Mutation.reviseResponse (X's response to an OPEN need of A)", who: "U ok F F ok NF F F",
    doc: `mutation($id: ID!) { reviseResponse(id: $id, input: { kind: INTEREST, notes: "Revised" }) { id version } }`,
    vars: async () => ({ id: await responseOfX() }), missing: () => ({ id: missingId("NeedResponse") }) },
  { op: "Mutation.withdrawResponse (X's response to an OPEN need of A)", who: "U ok F F ok NF F F",
    doc: `mutation($id: ID!) { withdrawResponse(id: $id) { id status } }`,
    vars: async () => ({ id: await responseOfX() }), missing: () => ({ id: missingId("NeedResponse") }) },
  { op: "ComponentNeed.responses (A's OPEN need, X's response, with its match)", who: "U ok ok NF ok empty empty empty",
    doc: `query($id: ID!) { need(id: $id) { responses { totalCount nodes { id unitPriceIdr ikm { id } match { score band } revisions { number } } } } }`,
    vars: async () => ({ id: w.openNeed, _r: await standingResponse() }),
    read: (d) => (d.need.responses.nodes.some((n: { ikm: { id: string } | null; match: unknown }) => n.ikm?.id === w.X.gid && n.match) ? "ok" : "empty"),
    missing: () => ({ id: missingId("ComponentNeed") }) },
  { op: "Ikm.responses (X's)", who:                     "null ok    null  null  ok    null  ok    null",
    doc: `query($id: ID!) { ikm(id: $id) { responses { totalCount nodes { id unitPriceIdr } } } }`,
    vars: async () => ({ id: w.X.gid, _r: await standingResponse() }), read: (d) => present(d.ikm.responses?.nodes ?? null) },
  { op: "Query.node (X's response to A's OPEN need)", who: "null ok   ok    null  ok    null  ok    null",
    doc: `query($id: ID!) { node(id: $id) { id ... on NeedResponse { unitPriceIdr } } }`,
    vars: async () => ({ id: await standingResponse() }), missing: () => ({ id: missingId("NeedResponse") }) },

  // Sourcing loop: deliveries and 5R audits (issue 16). A firm records months under its own
  // partnerships (another firm's answers like a missing one); 5R audits by a foundation mentoring the
  // IKM, a firm with an ACTIVE partnership with it (A and B both have one with X), administrators.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Mutation.recordDelivery (a partnership of A with X)", who: "U ok ok NF    F     F     F     F",
    doc: `mutation($input: DeliveryInput!) { recordDelivery(input: $input) { month lotsOnTime version } }`,
    vars: async () => ({ input: { partnershipId: await partnershipWithX(w.A.id), month: "2025-03-01", lotsDelivered: 4, lotsOnTime: 3, qtyDelivered: 40, qtyRejected: 1 } }),
    missing: () => ({ input: { partnershipId: missingId("Partnership"), month: "2025-03-01", lotsDelivered: 4, lotsOnTime: 3, qtyDelivered: 40, qtyRejected: 1 } }) },
  { op: "Mutation.recordFiveRAudit (X)", who:           "U    ok    ok    ok    F     F     ok    F",
    doc: `mutation($input: FiveRAuditInput!) { recordFiveRAudit(input: $input) { auditedOn scorePercent } }`,
    vars: () => ({ input: { ikmId: w.X.gid, auditedOn: "2025-03-01", auditor: "Matrix", items: [{ section: "RINGKAS", item: "Aisles clear", score: 2 }] } }),
    missing: () => ({ input: { ikmId: missingId("Ikm"), auditedOn: "2025-03-01", auditor: "Matrix", items: [{ section: "RINGKAS", item: "Aisles clear", score: 2 }] } }) },
  { op: "Partnership.deliveries (A's with X, one month on record)", who: "null ok ok null ok null ok null",
    doc: `query($id: ID!) { node(id: $id) { id ... on Partnership { deliveries { month qtyRejected version } } } }`,
    vars: async () => {
      await t.prisma.deliveryRecord.upsert({
        where: { partnershipId_month: { partnershipId: fromGlobalId(w.partnershipA)!.id, month: new Date("2025-02-01") } },
        create: { partnershipId: fromGlobalId(w.partnershipA)!.id, ikmId: w.X.id, firmId: w.A.id, month: new Date("2025-02-01"), lotsDelivered: 4, lotsOnTime: 4, qtyDelivered: 40, qtyRejected: 1 },
        update: {},
      });
      return { id: w.partnershipA };
    },
    read: (d) => (d.node ? present(d.node.deliveries) : "null"), missing: () => ({ id: missingId("Partnership") }) },

  // Sourcing loop: shortlist and award (issue 16). The need's firm (or an administrator)
  // shortlists, removes and awards (another firm's need or candidate answers like a missing one);
  // the shortlist is the firm's; an IKM, its mentoring foundations and administrators see its
  // candidacies; a candidate is seen by its firm, its members and their mentors.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Mutation.shortlistCandidate (an OPEN need of A, X)", who: "U ok ok NF    F     F     F     F",
    doc: `mutation($input: ShortlistCandidateInput!) { shortlistCandidate(input: $input) { id status members { ikm { id } } need { status } } }`,
    vars: async () => ({ input: { needId: await openNeedOfA(X_SHORTLISTABLE), ikmId: w.X.gid } }),
    missing: () => ({ input: { needId: missingId("ComponentNeed"), ikmId: w.X.gid } }) },
  { op: "Mutation.removeCandidate (X on a need of A)", who: "U ok ok    NF    F     F     F     F",
    doc: `mutation($id: ID!) { removeCandidate(id: $id, reason: "Matrix removal") { id status reason } }`,
    vars: async () => ({ id: (await candidateOfX()).candidate }), missing: () => ({ id: missingId("ShortlistCandidate") }) },
  { op: "Mutation.awardNeed (A's SHORTLISTED need to X)", who: "U ok ok  NF    F     F     F     F",
    doc: `mutation($input: AwardNeedInput!) { awardNeed(input: $input) { need { status } candidate { status } partnerships { status } } }`,
    vars: async () => {
      const { need, candidate } = await candidateOfX();
      const { version } = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: fromGlobalId(need)!.id } });
      return { input: { needId: need, candidateId: candidate, startDate: "2027-01-01", expectedVersion: version } };
    },
    missing: () => ({ input: { needId: missingId("ComponentNeed"), candidateId: missingId("ShortlistCandidate"), startDate: "2027-01-01", expectedVersion: 1 } }) },
  { op: "ComponentNeed.shortlist (A's SHORTLISTED need, X on it)", who: "U ok ok NF null null null null",
    doc: `query($id: ID!) { need(id: $id) { shortlist(includeDecided: true) { id status members { quantityPerMonth ikm { id } } match { band } } } }`,
    // As statusHistory: the need is published, so suppliers see it, and its shortlist is null for them.
    vars: async () => ({ id: (await standingCandidate()).need }), read: (d) => present(d.need.shortlist) },
  { op: "Ikm.candidacies (X's)", who:                   "null ok    null  null  ok    null  ok    null",
    doc: `query($id: ID!) { ikm(id: $id) { candidacies { id status need { id } } } }`,
    vars: async () => ({ id: w.X.gid, _c: (await standingCandidate()).candidate }), read: (d) => present(d.ikm.candidacies) },
  { op: "Query.node (X's candidacy on A's need)", who:  "null ok    ok    null  ok    null  ok    null",
    doc: `query($id: ID!) { node(id: $id) { id ... on ShortlistCandidate { status kind need { id } } } }`,
    vars: async () => ({ id: (await standingCandidate()).candidate }), missing: () => ({ id: missingId("ShortlistCandidate") }) },

  // Sourcing loop: samples (issue 16).
  // The need's firm asks a SHORTLISTED candidate (here X alone, on a SHORTLISTED need of A) for
  // samples, decides on and cancels them; X's members send them; the need's firm, X's members, the
  // foundations mentoring X and administrators read them; anyone else as for a missing one.
  ...(() => {
    const PSW = "PPAP-18 PART_SUBMISSION_WARRANT";
    /** A SHORTLISTED need of A with X as its one SHORTLISTED candidate (rows written as the shortlist service would). */
    const candidateOfX = async () => {
      const need = await t.prisma.componentNeed.create({
        data: { firmId: w.A.id, title: "Sampled pins", description: "Turned pins", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 10, unit: "PCS", startDate: new Date("2027-01-01"), status: "SHORTLISTED", publishedAt: new Date() },
      });
      const candidate = await t.prisma.shortlistCandidate.create({ data: { needId: need.id, kind: "IKM", members: { create: [{ ikmId: w.X.id, quantityPerMonth: 10 }] } } });
      return { needId: need.id, candidateId: candidate.id };
    };
    /** A fresh sample asked of X (checklist: the PSW alone), sent by X when `submitted`. */
    const sampleOfX = async (submitted = false) => {
      const { candidateId } = await candidateOfX();
      const [sample] = await t.app.services.samples.request(admin, { candidateId, input: { pieces: 1, dueDate: new Date(`${today}T00:00:00.000Z`), checklist: [PSW] } });
      if (submitted) await t.app.services.samples.submit(admin, sample!.id, { items: [{ code: PSW, documentUrl: "https://x.example.co.id/psw.pdf" }] });
      return toGlobalId("SampleRequest", sample!.id);
    };
    let standingSample: Promise<{ sample: string; need: string }> | null = null;
    /** X's standing sample, asked once for the rows that read it. */
    const standing = () => (standingSample ??= (async () => {
      const sample = await sampleOfX();
      const row = await t.prisma.sampleRequest.findUniqueOrThrow({ where: { id: fromGlobalId(sample)!.id } });
      return { sample, need: toGlobalId("ComponentNeed", row.needId) };
    })());
    const docs = { items: [{ code: PSW, documentUrl: "https://x.example.co.id/psw.pdf" }] };
    const rows: Row[] = [
      //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
      { op: "Query.sampleChecklist", who:                   "U    ok    ok    ok    ok    ok    ok    ok",
        doc: `{ sampleChecklist { source defaultCodes elements { code title titleId } } }` },
      { op: "Mutation.requestSamples (X, shortlisted for A's need)", who: "U ok ok NF F F F F",
        doc: `mutation($input: RequestSamplesInput!) { requestSamples(input: $input) { id status ikm { id } } }`,
        vars: async () => ({ input: { candidateId: toGlobalId("ShortlistCandidate", (await candidateOfX()).candidateId), pieces: 5, dueDate: today, checklist: [PSW] } }),
        missing: () => ({ input: { candidateId: missingId("ShortlistCandidate"), pieces: 5, dueDate: today, checklist: [PSW] } }) },
      { op: "Mutation.submitSample (X's REQUESTED sample)", who: "U ok F F ok NF F F",
        doc: `mutation($id: ID!, $input: SubmitSampleInput!) { submitSample(id: $id, input: $input) { id status } }`,
        vars: async () => ({ id: await sampleOfX(), input: docs }), missing: () => ({ id: missingId("SampleRequest"), input: docs }) },
      { op: "Mutation.decideSample (X's SUBMITTED sample of A's need)", who: "U ok ok NF F F F F",
        doc: `mutation($id: ID!) { decideSample(id: $id, input: { approve: false, reason: "Burrs on the edge." }) { id status } }`,
        vars: async () => ({ id: await sampleOfX(true) }), missing: () => ({ id: missingId("SampleRequest") }) },
      { op: "Mutation.cancelSampleRequest (X's REQUESTED sample of A's need)", who: "U ok ok NF F F F F",
        doc: `mutation($id: ID!) { cancelSampleRequest(id: $id, reason: "Need changed.") { id status } }`,
        vars: async () => ({ id: await sampleOfX() }), missing: () => ({ id: missingId("SampleRequest") }) },
      { op: "Query.node (X's sample of A's need)", who:      "null ok    ok    null  ok    null  ok    null",
        doc: `query($id: ID!) { node(id: $id) { id ... on SampleRequest { status overdue items { code } } } }`,
        vars: async () => ({ id: (await standing()).sample }), missing: () => ({ id: missingId("SampleRequest") }) },
      { op: "ShortlistCandidate.samples (X's candidacy, through its sample)", who: "null ok ok null ok null ok null",
        doc: `query($id: ID!) { node(id: $id) { ... on SampleRequest { candidate { samples { id } } } } }`,
        vars: async () => ({ id: (await standing()).sample }), read: (d) => (d.node ? present(d.node.candidate.samples) : "null"),
        missing: () => ({ id: missingId("SampleRequest") }) },
      { op: "Ikm.sampleRequests (X's)", who:                "null ok    null  null  ok    null  ok    null",
        doc: `query($id: ID!) { ikm(id: $id) { sampleRequests(status: REQUESTED) { id status } } }`,
        vars: async () => ({ id: w.X.gid, _s: (await standing()).sample }), read: (d) => present(d.ikm.sampleRequests) },
      // Suppliers and foundations see a SHORTLISTED need, not its samples (X's own: through Ikm.sampleRequests).
      { op: "ComponentNeed.samples (A's SHORTLISTED need)", who: "U ok ok NF hidden hidden hidden hidden",
        doc: `query($id: ID!) { need(id: $id) { samples { id ikm { id } } } }`,
        vars: async () => ({ id: (await standing()).need }), read: (d) => (d.need.samples === null ? "hidden" : present(d.need.samples)),
        missing: () => ({ id: missingId("ComponentNeed") }) },
    ];
    return rows;
  })(),

  // Sourcing loop: koperasi answering for a consortium (issue 16). A koperasi K (members X and a
  // fresh IKM) answers A's OPEN needs for a consortium (an administrator names K; K's own managers are
  // tested in koperasi-responses.test.ts). X's members see it (as a member), the foundation
  // mentoring X reads it through X's private side; Y, other firms and other foundations never do.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  ...(() => {
    let made: Promise<{ k: string; members: { ikmId: string; quantityPerMonth: number }[]; standing: string }> | null = null;
    /** K with X and a second member, and K's standing response to A's standing OPEN need, made once. */
    const consortium = () => (made ??= (async () => {
      const k = await t.prisma.koperasi.create({ data: { name: `Koperasi ${randomUUID().slice(0, 8)}`, regionCode: "33.72", offtaker: true } });
      const z = await makeIkm(t.prisma);
      await t.prisma.koperasiMembership.createMany({ data: [{ koperasiId: k.id, ikmId: w.X.id }, { koperasiId: k.id, ikmId: z.id }] });
      const members = [{ ikmId: w.X.id, quantityPerMonth: 30 }, { ikmId: z.id, quantityPerMonth: 20 }];
      const standing = await t.app.services.responses.submit(admin, { needId: fromGlobalId(w.openNeed)!.id, koperasiId: k.id, members, terms: { kind: "INTEREST" } });
      return { k: k.id, members, standing: toGlobalId("NeedResponse", standing.id) };
    })());
    const shareInput = (c: Awaited<ReturnType<typeof consortium>>) => c.members.map((m) => ({ ikmId: toGlobalId("Ikm", m.ikmId), quantityPerMonth: m.quantityPerMonth }));
    /** A fresh consortium response of K to a fresh OPEN need of A, for a row that changes it. */
    const fresh = async () => {
      const c = await consortium();
      const needId = fromGlobalId(await openNeedOfA({ title: "Answered by a consortium" }))!.id;
      return toGlobalId("NeedResponse", (await t.app.services.responses.submit(admin, { needId, koperasiId: c.k, members: c.members, terms: { kind: "INTEREST" } })).id);
    };
    const rows: Row[] = [
      { op: "Mutation.submitResponse (K for a consortium of X and Z)", who: "U ok F F F F F F",
        doc: `mutation($input: SubmitResponseInput!) { submitResponse(input: $input) { id koperasi { id } members { quantityPerMonth } } }`,
        vars: async () => {
          const c = await consortium();
          return { input: { needId: await openNeedOfA({ title: "Consortium for the matrix" }), koperasiId: toGlobalId("Koperasi", c.k), kind: "INTEREST", members: shareInput(c) } };
        },
        missing: async () => {
          const c = await consortium();
          return { input: { needId: await openNeedOfA({ title: "Consortium for the matrix" }), koperasiId: missingId("Koperasi"), kind: "INTEREST", members: shareInput(c) } };
        } },
      { op: "Mutation.reviseResponse (K's consortium response)", who: "U ok F F NF NF F F",
        doc: `mutation($id: ID!, $m: [ConsortiumShareInput!]) { reviseResponse(id: $id, input: { kind: INTEREST, notes: "Revised", members: $m }) { id version } }`,
        vars: async () => ({ id: await fresh(), m: shareInput(await consortium()) }),
        missing: async () => ({ id: missingId("NeedResponse"), m: shareInput(await consortium()) }) },
      { op: "Mutation.withdrawResponse (K's consortium response)", who: "U ok F F NF NF F F",
        doc: `mutation($id: ID!) { withdrawResponse(id: $id) { id status } }`,
        vars: async () => ({ id: await fresh() }), missing: () => ({ id: missingId("NeedResponse") }) },
      { op: "ComponentNeed.responses (A's OPEN need, K's consortium response with members)", who: "U ok ok NF ok empty empty empty",
        doc: `query($id: ID!) { need(id: $id) { responses { nodes { id ikm { id } koperasi { id } members { quantityPerMonth ikm { id } match { score } } } } } }`,
        vars: async () => ({ id: w.openNeed, _r: (await consortium()).standing }),
        read: (d) => (d.need.responses.nodes.some((n: { koperasi: unknown; members: unknown[] }) => n.koperasi && n.members.length === 2) ? "ok" : "empty"),
        missing: () => ({ id: missingId("ComponentNeed") }) },
      { op: "Ikm.responses (X's, with K's consortium response)", who: "null ok null null ok null ok null",
        doc: `query($id: ID!) { ikm(id: $id) { responses { nodes { id koperasi { id } } } } }`,
        vars: async () => ({ id: w.X.gid, _r: (await consortium()).standing }),
        read: (d) => (d.ikm.responses === null ? "null" : d.ikm.responses.nodes.some((n: { koperasi: unknown }) => n.koperasi) ? "ok" : "empty") },
      { op: "Koperasi.responses (K's)", who:               "null ok    null  null  null  null  null  null",
        doc: `query($id: ID!) { koperasi(id: $id) { responses { totalCount nodes { id } } } }`,
        vars: async () => { const c = await consortium(); return { id: toGlobalId("Koperasi", c.k) }; },
        read: (d) => present(d.koperasi.responses?.nodes ?? null) },
      { op: "Query.node (K's consortium response)", who:   "null ok   ok    null  ok    null  ok    null",
        doc: `query($id: ID!) { node(id: $id) { id ... on NeedResponse { quantityPerMonth members { quantityPerMonth } } } }`,
        vars: async () => ({ id: (await consortium()).standing }), missing: () => ({ id: missingId("NeedResponse") }) },
    ];
    return rows;
  })(),

  // Contract periods (issue 22).
  { op: "Query.lapsingCertificates (ikmId X)", who:     "U    ok    F     F     ok    F     ok    F",
    doc: `query($i: ID) { lapsingCertificates(ikmId: $i, withinDays: 730) { type lapsesOn daysLeft ikm { id } partnerships { id } } }`,
    vars: () => ({ i: w.X.gid }), read: (d) => (Array.isArray(d.lapsingCertificates) ? "ok" : "null"), missing: () => ({ i: missingId("Ikm") }) },
  { op: "Query.lapsingCertificates (foundationId F)", who: "U   ok    F     F     F     F     ok    F",
    doc: `query($f: ID) { lapsingCertificates(foundationId: $f) { type lapsesOn ikm { id } } }`,
    vars: () => ({ f: w.F.gid }), read: (d) => (Array.isArray(d.lapsingCertificates) ? "ok" : "null"), missing: () => ({ f: missingId("Foundation") }) },

  // Vocabulary (issue 23): everyone searches with words (an unknown one answers, never fails), signed-in
  // users look words up, administrators add words and read who added which.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Query.ikms (an unknown processTerm)", who:     "ok   ok    ok    ok    ok    ok    ok    ok",
    doc: `{ ikms(first: 5, filter: { processTerm: "bubud" }) { totalCount } }`, read: (d) => (typeof d.ikms.totalCount === "number" ? "ok" : "none") },
  { op: "Query.processTerms (an unknown word)", who:    "U    ok    ok    ok    ok    ok    ok    ok",
    doc: `{ processTerms(terms: ["bubud"]) { process suggestions { word label } } }`, read: (d) => (d.processTerms[0].suggestions.length ? "ok" : "none") },
  { op: "Query.vocabularySuggestions", who:             "U    ok    ok    ok    ok    ok    ok    ok",
    doc: `{ vocabularySuggestions(term: "bubud") { word process label } }` },
  { op: "Mutation.addSynonym", who:                     "U    ok    F     F     F     F     F     F",
    doc: `mutation($i: AddSynonymInput!) { addSynonym(input: $i) { id word process addedByName } }`,
    // A new word for every case (an administrator's second would be CONFLICT).
    vars: ((n = 0) => () => ({ i: { word: `kata matriks ${++n}`, process: "ASSEMBLY", source: "Access matrix, 2026" } }))() },
  { op: "Query.vocabulary", who:                        "U    ok    F     F     F     F     F     F",
    doc: `{ vocabulary(first: 5) { totalCount nodes { word source addedByName } } }`, read: (d) => (d.vocabulary ? "ok" : "null") },

  // Subscriptions (graphql-ws only): ok = started, and heard the trigger's event.
  //                                                    anon  admin firm  firm' ikm   ikm'  fdn   fdn'
  { op: "Subscription.needPublished", who:              "U    ok    F     F     ok    ok    ok    ok",
    doc: `subscription { needPublished { id quantityPerMonth } }`,
    trigger: async () => void (await openNeedOfA({ title: "Published for the matrix" })) },
  { op: "Subscription.stageChanged (foundationId F)", who: "U   ok    F     F     F     F     ok    F",
    doc: `subscription($f: ID) { stageChanged(foundationId: $f) { id ikm { id } } }`,
    vars: () => ({ f: w.F.gid }), trigger: toggleStageOfX, missing: () => ({ f: missingId("Foundation") }) },
  { op: "Subscription.stageChanged (ikmId X)", who:     "U    ok    F     F     ok    F     ok    F",
    doc: `subscription($i: ID) { stageChanged(ikmId: $i) { id toStage } }`,
    vars: () => ({ i: w.X.gid }), trigger: toggleStageOfX, missing: () => ({ i: missingId("Ikm") }) },
  { op: "Subscription.opportunityPublished (ikmId X)", who: "U  ok    F     F     ok    F     ok    F",
    doc: `subscription($i: ID) { opportunityPublished(ikmId: $i) { total need { id quantityPerMonth } } }`,
    vars: () => ({ i: w.X.gid }), trigger: async () => void (await openNeedOfA(X_FITS)), missing: () => ({ i: missingId("Ikm") }) },
  { op: "Subscription.matchesChanged (an OPEN need of A)", who: "U ok ok   NF    F     F     F     F",
    doc: `subscription($n: ID!) { matchesChanged(needId: $n) { need { id } entered { id } } }`,
    vars: async () => ({ n: await openNeedOfA({ title: "Forged levers", processes: ["FORGING"], materials: [] }) }),
    trigger: newForgingSupplier, missing: () => ({ n: missingId("ComponentNeed") }) },
  // Subscriptions of the sourcing loop (issue 16).
  { op: "Subscription.responseReceived (an OPEN need of A)", who: "U ok ok NF F F F F",
    doc: `subscription($n: ID) { responseReceived(needId: $n) { change response { id unitPriceIdr ikm { id } } } }`,
    vars: async () => ({ n: await openNeedOfA({ title: "Responses heard" }) }),
    trigger: async (vars) => void (await t.app.services.responses.submit(admin, { needId: fromGlobalId(vars.n as string)!.id, ikmId: w.X.id, terms: { kind: "INTEREST" } })),
    missing: () => ({ n: missingId("ComponentNeed") }) },
  // Subscriptions: candidacy (issue 16).
  { op: "Subscription.candidacyChanged (ikmId X)", who: "U   ok    F     F     ok    F     ok    F",
    doc: `subscription($i: ID!) { candidacyChanged(ikmId: $i) { change candidate { id status } need { id } } }`,
    vars: () => ({ i: w.X.gid }), trigger: async () => void (await candidateOfX()), missing: () => ({ i: missingId("Ikm") }) },
  // Subscriptions: lapsing certificates (issue 22).
  { op: "Subscription.certificateLapsing (ikmId X)", who: "U   ok    F     F     ok    F     ok    F",
    doc: `subscription($i: ID) { certificateLapsing(ikmId: $i) { eventId kind daysLeft certificate { type number validUntil } ikm { id } } }`,
    vars: () => ({ i: w.X.gid }), trigger: async () => {
      // A TKDN certificate of X ending 10 days from now plus one day for each before it: the new one is the one lapsing, told once.
      const n = await t.prisma.certification.count({ where: { ikmId: w.X.id, type: "TKDN" } });
      await t.app.services.ikms.addCertification(admin, w.X.id, { type: "TKDN", number: randomUUID(), issuer: "Kemenperin", validFrom: new Date(Date.now() - 30 * 86_400_000), validUntil: new Date(Date.now() + (10 + n) * 86_400_000) });
    }, missing: () => ({ i: missingId("Ikm") }) },
  { op: "Subscription.certificateLapsing (foundationId F)", who: "U ok F     F     F     F     ok    F",
    doc: `subscription($f: ID) { certificateLapsing(foundationId: $f) { eventId kind certificate { type } ikm { id } } }`,
    vars: () => ({ f: w.F.gid }), trigger: async () => {
      // A TKDN certificate of X ending 10 days from now plus one day for each before it: the new one is the one lapsing, told once.
      const n = await t.prisma.certification.count({ where: { ikmId: w.X.id, type: "TKDN" } });
      await t.app.services.ikms.addCertification(admin, w.X.id, { type: "TKDN", number: randomUUID(), issuer: "Kemenperin", validFrom: new Date(Date.now() - 30 * 86_400_000), validUntil: new Date(Date.now() + (10 + n) * 86_400_000) });
    }, missing: () => ({ f: missingId("Foundation") }) },
];

// ---- transports -------------------------------------------------------------------------------

/** One answer, as either transport delivered it. */
interface Answer {
  channel: "http" | "next" | "error" | "closed";
  status?: number;
  data?: any;
  errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
}

async function http(actor: Actor, doc: string, variables: Vars): Promise<Answer> {
  const r = await t.gql(doc, variables, tokens[actor]);
  return { channel: "http", status: r.status, data: r.data, errors: r.errors };
}

const closed = (e: unknown): Answer => ({ channel: "closed", errors: [{ message: String((e as { reason?: string }).reason ?? e), extensions: { code: `CLOSE_${(e as { code?: number }).code}` } }] });

/** A query or mutation sent as a graphql-ws `subscribe` on the actor's socket. */
function ws(actor: Actor, doc: string, variables: Vars): Promise<Answer> {
  return new Promise((resolve) => {
    let answer: Answer | null = null;
    sockets[actor].subscribe({ query: doc, variables }, {
      next: (v) => void (answer ??= { channel: "next", data: v.data, errors: v.errors as Answer["errors"] }),
      error: (e) => resolve(Array.isArray(e) ? { channel: "error", errors: e } : closed(e)),
      complete: () => resolve(answer ?? { channel: "next" }),
    });
  });
}

interface Listening {
  answers: Answer[];
  stop: () => void;
}

function listen(actor: Actor, doc: string, variables: Vars): Listening {
  const s: Listening = { answers: [], stop: () => undefined };
  s.stop = sockets[actor].subscribe({ query: doc, variables }, {
    next: (v) => void s.answers.push({ channel: "next", data: v.data, errors: v.errors as Answer["errors"] }),
    error: (e) => void s.answers.push(Array.isArray(e) ? { channel: "error", errors: e } : closed(e)),
    complete: () => undefined,
  });
  return s;
}

/**
 * A subscription's outcome: refused (its first answer carries errors), or started and delivering
 * (the server listens for it, the trigger runs, and the event it caused arrives). Waits on the
 * server, not on a clock: for its refusal or for the source stream it opens for this subscription.
 */
async function subscribe(row: Row, actor: Actor, variables: Vars): Promise<Answer> {
  const streams = watch(t.app);
  const from = streams.seq;
  const listens = () => streams.streams.some((x) => x.seq >= from && x.started && !x.stopped);
  const s = listen(actor, row.doc, variables);
  try {
    await until(() => s.answers.length > 0 || listens(), WAIT_MS, "the server answers the subscription or listens for it");
    if (s.answers.length === 0 && row.trigger) {
      await row.trigger(variables);
      await until(() => s.answers.length > 0, WAIT_MS).catch(() => undefined);
    }
    return s.answers[0] ?? { channel: "next", data: { started: "but heard nothing" } };
  } finally {
    s.stop();
  }
}

function outcome(row: Row, answer: Answer): string {
  if (answer.errors?.length) return answer.errors.map((e) => SHORT[e.extensions?.code as string] ?? String(e.extensions?.code)).join("+");
  return (row.read ?? ((d) => present(first(d))))(answer.data);
}

/** Every id in the variables, global and raw, so messages can be compared without them. */
function idsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    const parsed = fromGlobalId(value);
    if (parsed) out.push(value, parsed.id);
    else if (/^[0-9a-f]{8}-[0-9a-f-]{27}$/.test(value)) out.push(value);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) idsIn(v, out);
  }
  return out;
}

/** What a caller can tell from an answer, with the ids it was asked about taken out. */
function shape(answer: Answer, ids: string[]): unknown {
  const { channel, status, data, errors } = answer;
  let text = JSON.stringify({ channel, status, data: data ?? null, errors: errors?.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })) ?? [] });
  for (const id of ids) text = text.split(id).join("<id>");
  return JSON.parse(text);
}

// ---- the world --------------------------------------------------------------------------------

beforeAll(async () => {
  t = await startTestApp();
  const A = await makeFirm(t.prisma, "PT Pemilik A");
  const B = await makeFirm(t.prisma, "PT Lain B");
  const X = await makeIkm(t.prisma, { name: "CV Matriks X", stage: "MADYA" });
  const Y = await makeIkm(t.prisma, { name: "CV Matriks Y", stage: "MADYA" });
  const F = await makeFoundation(t.prisma, "Foundation F");
  const L = await makeFoundation(t.prisma, "Centre L of F", F.id);
  const G = await makeFoundation(t.prisma, "Foundation G");
  const mentorship = await t.prisma.mentorship.create({ data: { foundationId: L.id, ikmId: X.id, startedOn: new Date("2024-01-01") } });
  await t.prisma.mentorship.create({ data: { foundationId: G.id, ikmId: Y.id, startedOn: new Date("2024-01-01") } });
  const sentra = await t.prisma.sentra.create({ data: { name: "Sentra Matriks", regionCode: "33.72", product: "Pins", process: "MACHINING_MANUAL", rawMaterial: "baja" } });
  const koperasi = await t.prisma.koperasi.create({ data: { name: "Koperasi Matriks", regionCode: "33.72" } });
  await t.prisma.sentraMembership.create({ data: { sentraId: sentra.id, ikmId: X.id } });
  const Z = await makeIkm(t.prisma, { name: "CV Matriks Z" });
  const W = await makeIkm(t.prisma, { name: "CV Matriks W" });
  const koperasi2 = await t.prisma.koperasi.create({ data: { name: "Koperasi Matriks Lain", regionCode: "33.72" } });
  await t.prisma.koperasiMembership.createMany({
    data: [{ koperasiId: koperasi.id, ikmId: X.id }, { koperasiId: koperasi.id, ikmId: Z.id }, { koperasiId: koperasi2.id, ikmId: Y.id }, { koperasiId: koperasi2.id, ikmId: W.id }],
  });

  const adminUser = await t.user("ADMIN");
  admin = { kind: "user", userId: adminUser.id, role: "ADMIN", firmId: null, foundationId: null, ikmId: null };
  const firmUser = await t.user("FIRM", { firmId: A.id });
  await t.user("FIRM", { firmId: A.id }); // a colleague: firm members see each other, not each other's email
  tokens.admin = adminUser.token;
  tokens.firm = firmUser.token;
  tokens["firm'"] = (await t.user("FIRM", { firmId: B.id })).token;
  tokens.ikm = (await t.user("IKM", { ikmId: X.id })).token;
  tokens["ikm'"] = (await t.user("IKM", { ikmId: Y.id })).token;
  tokens.fdn = (await t.user("FOUNDATION", { foundationId: F.id })).token;
  tokens["fdn'"] = (await t.user("FOUNDATION", { foundationId: G.id })).token;
  tokens.kop = (await t.user("KOPERASI", { koperasiId: koperasi.id })).token;
  tokens["kop'"] = (await t.user("KOPERASI", { koperasiId: koperasi2.id })).token;

  w = {
    A, B, X, Y, Z, W, F, L, G,
    sentra: toGlobalId("Sentra", sentra.id),
    koperasi: toGlobalId("Koperasi", koperasi.id),
    koperasi2: toGlobalId("Koperasi", koperasi2.id),
    draftNeed: "", openNeed: "", consortiumNeed: "", assessment: "", stageChange: "", partnershipA: "", partnershipB: "",
    mentorship: toGlobalId("Mentorship", mentorship.id),
    firmUser: { id: firmUser.id, gid: toGlobalId("User", firmUser.id), email: (await t.prisma.user.findUniqueOrThrow({ where: { id: firmUser.id } })).email },
  };
  // A's two standing needs: the only ones working WIRING_HARNESS, so listings can pick them out.
  w.draftNeed = await draftNeedOfA({ title: "Harness draft", processes: ["WIRING_HARNESS"] });
  w.openNeed = await openNeedOfA({ title: "Harness open", processes: ["WIRING_HARNESS"], quantityPerMonth: 4000 });
  // 1,500 turned pins a month: more than any IKM's 1,000, and what two members of K (or of K') make together.
  w.consortiumNeed = await openNeedOfA({ title: "Pins for a consortium", processes: ["MACHINING_MANUAL"], materials: ["baja"], quantityPerMonth: 1500 });
  // X's private side: an assessment by its mentoring centre, and a promotion citing it.
  const assessment = await t.app.services.maturity.recordAssessment(admin, { ikmId: X.id, foundationId: L.id, assessedOn: new Date(), assessor: "Matrix", pillarScores: PILLARS });
  const change = await t.app.services.maturity.changeStage(admin, { ikmId: X.id, toStage: "PRAMANDIRI", expectedVersion: 0, assessmentId: assessment.id });
  w.assessment = toGlobalId("Assessment", assessment.id);
  w.stageChange = toGlobalId("StageChange", change.id);
  // X supplies both firms.
  w.partnershipA = await partnershipWithX(A.id, fromGlobalId(await awardedNeedOf(A.id))!.id);
  w.partnershipB = await partnershipWithX(B.id);
  await t.app.matchIndex.sync();

  for (const actor of [...ACTORS, ...KOPERASI_ACTORS]) {
    sockets[actor] = createClient({
      url: t.app.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: tokens[actor] ? { authorization: `Bearer ${tokens[actor]}` } : {},
      retryAttempts: 0,
      lazy: false,
    });
  }
});

afterAll(async () => {
  await Promise.all(Object.values(sockets).map((c) => c.dispose()));
  await t?.stop();
});

// ---- the tests --------------------------------------------------------------------------------

describe("the matrix is well formed", () => {
  it("gives every row one outcome per actor", () => {
    for (const row of MATRIX) expect(row.who.trim().split(/\s+/), row.op).toHaveLength(ACTORS.length);
    for (const row of MATRIX.filter((r) => r.kop)) expect(row.kop!.trim().split(/\s+/), row.op).toHaveLength(KOPERASI_ACTORS.length);
  });
});

for (const row of MATRIX) {
  const kind = row.doc.trimStart().startsWith("subscription") ? "subscription" : "operation";
  const actors: Actor[] = [...ACTORS, ...(row.kop ? KOPERASI_ACTORS : [])];
  const outcomes = [...row.who.trim().split(/\s+/), ...(row.kop?.trim().split(/\s+/) ?? [])];
  const expected = Object.fromEntries(outcomes.map((o, i) => [actors[i], o])) as Record<Actor, string>;
  const transports = kind === "subscription" ? (["ws"] as const) : (["http", "ws"] as const);
  const ask = (transport: "http" | "ws", actor: Actor, variables: Vars) =>
    kind === "subscription" ? subscribe(row, actor, variables) : transport === "http" ? http(actor, row.doc, variables) : ws(actor, row.doc, variables);

  describe(row.op, () => {
    for (const transport of transports) {
      for (const actor of actors) {
        const defect = row.defects?.[actor]?.who;
        it(`${transport} ${actor}: ${expected[actor]}${defect ? ` (KNOWN DEFECT, ${defect.now} today: ${defect.fix})` : ""}`, async () => {
          const answer = await ask(transport, actor, (await row.vars?.()) ?? {});
          const got = outcome(row, answer);
          if (defect) expect(got, `the known defect changed; if fixed, delete its mark (${defect.fix})`).toBe(defect.now);
          else expect(got, JSON.stringify(answer.errors ?? answer.data)).toBe(expected[actor]);
        });
      }
      if (!row.missing) continue;
      for (const actor of actors.filter((a) => REFUSED.has(expected[a]) && !row.defects?.[a]?.who)) {
        const defect = row.defects?.[actor]?.missing;
        it(`${transport} ${actor}: the foreign record answers like a missing one${defect ? ` (KNOWN DEFECT, ${defect.now} today: ${defect.fix})` : ""}`, async () => {
          const foreignVars = (await row.vars?.()) ?? {};
          const missingVars = await row.missing!(actor);
          const ids = [...idsIn(foreignVars), ...idsIn(missingVars)];
          const foreign = await ask(transport, actor, foreignVars);
          const missing = await ask(transport, actor, missingVars);
          if (defect) expect(`${outcome(row, foreign)} / ${outcome(row, missing)}`, `the known defect changed; if fixed, delete its mark (${defect.fix})`).toBe(defect.now);
          else expect(shape(missing, ids)).toEqual(shape(foreign, ids));
        });
      }
    }
    if (row.missing && kind !== "subscription") {
      it("http admin: a well-formed id that does not exist is NOT_FOUND (or null for node)", async () => {
        const answer = await http("admin", row.doc, await row.missing!("admin"));
        expect(outcome(row, answer)).toBe(row.doc.includes("node(") ? "null" : "NF");
      });
    }
  });
}

describe("how a subscription is refused", () => {
  it("as graphql-ws does for a failed subscribe: one `next` carrying the errors, then `complete` (no `error` message)", async () => {
    const messages: string[] = [];
    await new Promise<void>((resolve) => {
      sockets.anon.subscribe({ query: `subscription { needPublished { id } }` }, {
        next: (v) => void messages.push(`next ${v.errors?.map((e) => e.extensions?.code).join()}`),
        error: () => void messages.push("error"),
        complete: () => resolve(),
      });
    });
    expect(messages).toEqual(["next UNAUTHENTICATED"]);
  });
});
