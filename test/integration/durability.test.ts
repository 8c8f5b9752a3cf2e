/**
 * "Nothing lost" (issue 6): concurrent writers of one record never both land and never lose an
 * update; a refused multi-row write leaves no row behind; and a server killed with SIGKILL in the
 * middle of a stream of writes comes back with every acknowledged write complete and no half-written one.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/infra/db/client.js";
import { Database } from "../../src/infra/db/repositories/index.js";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import type { Process } from "../../src/domain/enums.js";
import { AuthService } from "../../src/features/accounts/auth.service.js";
import { makeFirm, makeIkm, needInput } from "../helpers/fixtures.js";
import { type GraphQLResponse, type TestApp, codes, createTestDatabase, dropTestDatabase, startTestApp } from "../helpers/harness.js";

const CREATE = `mutation($input: NeedInput!) { createNeed(input: $input) { id status version } }`;
const TRANSITION = `mutation($id: ID!, $to: NeedStatus!, $reason: String, $v: Int) {
  transitionNeed(id: $id, to: $to, reason: $reason, expectedVersion: $v) { id status version } }`;
const UPDATE = `mutation($id: ID!, $input: NeedUpdateInput!, $v: Int) {
  updateNeed(id: $id, input: $input, expectedVersion: $v) { id status version title quantityPerMonth } }`;
const REGISTER_IKM = `mutation($input: RegisterIkmInput!) { registerIkm(input: $input) { token user { id email } } }`;
const REGISTER_FIRM = `mutation($input: RegisterFirmInput!) { registerFirm(input: $input) { token } }`;
const UPDATE_IKM = `mutation($id: ID!, $input: IkmUpdateInput!) { updateIkm(id: $id, input: $input) { workers kbliCodes { code } } }`;
const SET_MACHINES = `mutation($id: ID!, $m: [MachineInput!]!) { setMachines(ikmId: $id, machines: $m) { machines { type } } }`;
const SET_CAPS = `mutation($id: ID!, $caps: [CapabilityInput!]!) { setCapabilities(ikmId: $id, capabilities: $caps) { id } }`;

/** Names the need by its global id (base64url of "ComponentNeed:<uuid>"), never the database key. */
const CONFLICT_MESSAGE = /^Component need Q29tcG9uZW50TmVlZD[A-Za-z0-9_-]+ was changed by someone else meanwhile; reload it and try again\.$/;
const uuidOf = (gid: string) => fromGlobalId(gid)!.id;
const ok = (r: GraphQLResponse) => r.status === 200 && r.errors === undefined && r.data != null;
const kbli = (code: string) => ({ code, version: "KBLI_2020" as const });

let t: TestApp;
let firmToken: string;
let seq = 0;
let supplier: string;

beforeAll(async () => {
  t = await startTestApp();
  const firm = await makeFirm(t.prisma, "PT Pembeli Tahan Uji");
  firmToken = (await t.user("FIRM", { firmId: firm.id })).token;
  const ikm = await makeIkm(t.prisma, { processes: ["STAMPING"] });
  await t.prisma.capability.updateMany({ where: { ikmId: ikm.id }, data: { monthlyCapacity: 1_000_000 } });
  supplier = ikm.id;
});
afterAll(() => t?.stop());

/** A need of the test firm moved along `path`; returns its global id and version. */
async function needAt(path: string[]) {
  const created = await t.gql(CREATE, { input: needInput({ title: `Need ${++seq}` }) }, firmToken);
  expect(created.errors).toBeUndefined();
  const id = created.data.createNeed.id as string;
  for (const to of path) {
    if (to === "SHORTLISTED") await candidateOn(id);
    expect((await t.gql(TRANSITION, { id, to }, firmToken)).errors).toBeUndefined();
  }
  return { id, version: path.length };
}

/**
 * A SHORTLISTED candidate on the need, written directly: a need becomes SHORTLISTED only with one
 * (issue 16). Its one member, `supplier`, can take any of these needs' quantity.
 */
async function candidateOn(gid: string): Promise<string> {
  const row = await t.prisma.shortlistCandidate.create({ data: { needId: uuidOf(gid), kind: "IKM", members: { create: [{ ikmId: supplier, quantityPerMonth: 5000 }] } } });
  return toGlobalId("ShortlistCandidate", row.id);
}

const AWARD = `mutation($input: AwardNeedInput!) { awardNeed(input: $input) { need { id status version } } }`;

const history = (gid: string) =>
  t.prisma.needStatusChange.findMany({ where: { needId: uuidOf(gid) }, orderBy: { changedAt: "asc" }, select: { fromStatus: true, toStatus: true } });

describe("concurrent awards of one need", () => {
  it.each([2, 12])("%i awards at once from the same version: exactly one wins, one AWARDED record, one version step, one partnership", async (n) => {
    const need = await needAt(["OPEN", "SHORTLISTED"]);
    const candidateId = (await t.prisma.shortlistCandidate.findFirstOrThrow({ where: { needId: uuidOf(need.id) } })).id;
    const input = { needId: need.id, candidateId: toGlobalId("ShortlistCandidate", candidateId), startDate: "2027-03-01", expectedVersion: need.version };
    const results = await Promise.all(Array.from({ length: n }, () => t.gql(AWARD, { input }, firmToken)));
    expect(results.map((r) => r.status)).toEqual(Array(n).fill(200));
    const winners = results.filter(ok);
    expect(winners).toHaveLength(1);
    expect(winners[0].data.awardNeed.need).toEqual({ id: need.id, status: "AWARDED", version: need.version + 1 });
    for (const loser of results.filter((r) => !ok(r))) {
      expect(loser.data).toBeNull();
      expect(loser.errors).toHaveLength(1);
      // The need's row lock orders them: whoever comes after the winner finds it AWARDED.
      const [error] = loser.errors!;
      expect(error.extensions?.code).toBe("INVALID_TRANSITION");
      expect(error.message).toBe("A AWARDED need cannot be awarded; only a SHORTLISTED one can. It can become CLOSED.");
    }
    expect((await history(need.id)).map((h) => h.toStatus)).toEqual(["OPEN", "SHORTLISTED", "AWARDED"]);
    const row = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuidOf(need.id) } });
    expect({ status: row.status, version: row.version }).toEqual({ status: "AWARDED", version: need.version + 1 });
    expect(await t.prisma.partnership.count({ where: { needId: uuidOf(need.id) } })).toBe(1);
  });

  it("competing decisions on one shortlist (award, reopen, cancel) from the same version: exactly one lands", async () => {
    const need = await needAt(["OPEN", "SHORTLISTED"]);
    const candidateId = toGlobalId("ShortlistCandidate", (await t.prisma.shortlistCandidate.findFirstOrThrow({ where: { needId: uuidOf(need.id) } })).id);
    const decisions = ["AWARDED", "OPEN", "CANCELLED"].flatMap((to) => Array.from({ length: 4 }, () => to));
    const results = await Promise.all(
      decisions.map((to) => to === "AWARDED"
        ? t.gql(AWARD, { input: { needId: need.id, candidateId, startDate: "2027-03-01", expectedVersion: need.version } }, firmToken)
        : t.gql(TRANSITION, { id: need.id, to, reason: to === "CANCELLED" ? "budget cut" : null, v: need.version }, firmToken)),
    );
    const winners = results.filter(ok);
    expect(winners).toHaveLength(1);
    const decided = (winners[0].data.transitionNeed ?? winners[0].data.awardNeed.need).status as string;
    expect(results.filter((r) => !ok(r)).flatMap(codes).every((c) => c === "CONFLICT" || c === "INVALID_TRANSITION")).toBe(true);
    expect(results.filter((r) => !ok(r)).flatMap(codes)).toHaveLength(decisions.length - 1);
    expect((await history(need.id)).map((h) => h.toStatus)).toEqual(["OPEN", "SHORTLISTED", decided]);
    const row = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuidOf(need.id) } });
    expect({ status: row.status, version: row.version }).toEqual({ status: decided, version: need.version + 1 });
    // The shortlist followed the one decision that landed.
    const candidate = await t.prisma.shortlistCandidate.findUniqueOrThrow({ where: { id: uuidOf(candidateId) } });
    expect(candidate.status).toBe(decided === "AWARDED" ? "AWARDED" : "NOT_AWARDED");
    expect(await t.prisma.partnership.count({ where: { needId: uuidOf(need.id) } })).toBe(decided === "AWARDED" ? 1 : 0);
  });
});

describe("concurrent edits of one need", () => {
  it.each([2, 12])("%i edits based on the same version: exactly one wins and the need holds exactly its values", async (n) => {
    const need = await needAt(["OPEN"]);
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => t.gql(UPDATE, { id: need.id, input: { title: `Edit ${i}`, quantityPerMonth: 1000 + i }, v: need.version }, firmToken)),
    );
    const winners = results.filter(ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !ok(r)).flatMap(codes)).toEqual(Array(n - 1).fill("CONFLICT"));
    for (const loser of results.filter((r) => !ok(r))) expect(loser.errors![0].message).toMatch(CONFLICT_MESSAGE);
    const won = winners[0].data.updateNeed;
    const i = results.indexOf(winners[0]);
    expect(won).toEqual({ id: need.id, status: "OPEN", version: need.version + 1, title: `Edit ${i}`, quantityPerMonth: 1000 + i });
    const row = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuidOf(need.id) } });
    expect({ title: row.title, quantityPerMonth: row.quantityPerMonth, version: row.version }).toEqual({ title: `Edit ${i}`, quantityPerMonth: 1000 + i, version: need.version + 1 });
  });

  it("edits without expectedVersion: every acknowledged edit got its own version, and the need holds the last one's values", async () => {
    const need = await needAt([]);
    const n = 12;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => t.gql(UPDATE, { id: need.id, input: { title: `Blind ${i}`, quantityPerMonth: 2000 + i } }, firmToken)),
    );
    const winners = results.filter(ok);
    // Each edit is applied only to the version it read: an edit that lost the race is refused, never merged over.
    expect(results.filter((r) => !ok(r)).flatMap(codes)).toEqual(Array(n - winners.length).fill("CONFLICT"));
    const versions = winners.map((w) => w.data.updateNeed.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: winners.length }, (_, k) => k + 1));
    const last = winners.find((w) => w.data.updateNeed.version === winners.length)!.data.updateNeed;
    const row = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuidOf(need.id) } });
    expect({ title: row.title, quantityPerMonth: row.quantityPerMonth, version: row.version }).toEqual({
      title: last.title, quantityPerMonth: last.quantityPerMonth, version: winners.length,
    });
  });

  it("an edit racing a shortlist from the same version: one lands, and the need shows exactly that one", async () => {
    for (let round = 0; round < 4; round++) {
      const need = await needAt(["OPEN"]);
      await candidateOn(need.id);
      const [edit, shortlist] = await Promise.all([
        t.gql(UPDATE, { id: need.id, input: { quantityPerMonth: 4242 }, v: need.version }, firmToken),
        t.gql(TRANSITION, { id: need.id, to: "SHORTLISTED", v: need.version }, firmToken),
      ]);
      expect([edit, shortlist].filter(ok)).toHaveLength(1);
      const row = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuidOf(need.id) } });
      const steps = (await history(need.id)).map((h) => h.toStatus);
      if (ok(edit)) {
        expect(codes(shortlist)).toEqual(["CONFLICT"]);
        expect({ status: row.status, quantityPerMonth: row.quantityPerMonth, version: row.version, steps }).toEqual({ status: "OPEN", quantityPerMonth: 4242, version: 2, steps: ["OPEN"] });
      } else {
        expect(codes(edit)).toEqual(["CONFLICT"]);
        expect({ status: row.status, quantityPerMonth: row.quantityPerMonth, version: row.version, steps }).toEqual({ status: "SHORTLISTED", quantityPerMonth: 5000, version: 2, steps: ["OPEN", "SHORTLISTED"] });
      }
    }
  });
});

describe("a refused multi-row write writes nothing", () => {
  const counts = async () => ({
    ikms: await t.prisma.ikm.count(),
    users: await t.prisma.user.count(),
    firms: await t.prisma.firm.count(),
    kbli: await t.prisma.ikmKbli.count(),
    needs: await t.prisma.componentNeed.count(),
    needChanges: await t.prisma.needStatusChange.count(),
    machines: await t.prisma.machine.count(),
    capabilities: await t.prisma.capability.count(),
  });

  it("concurrent IKM registrations with one email: one IKM with its member and codes; the others CONFLICT and leave no orphan IKM", async () => {
    const before = await counts();
    const n = 8;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => t.gql(REGISTER_IKM, { input: {
        ikm: { legalName: `CV Rebutan ${i}`, nib: String(7_100_000_000_000 + i), regionCode: "33.10", workers: 4, kbliCodes: [kbli("24310"), kbli("25920")] },
        account: { name: "Sama", email: "rebutan@durable.example", password: "long-enough-pw" },
      } })),
    );
    expect(results.filter(ok)).toHaveLength(1);
    // The loser's IKM row is inserted before its user row hits the unique email: the rollback takes both.
    expect(results.filter((r) => !ok(r)).flatMap(codes)).toEqual(Array(n - 1).fill("CONFLICT"));
    expect(await counts()).toEqual({ ...before, ikms: before.ikms + 1, users: before.users + 1, kbli: before.kbli + 2 });
    expect(await t.prisma.ikm.count({ where: { legalName: { startsWith: "CV Rebutan" }, members: { none: {} } } })).toBe(0);
  });

  it("concurrent firm registrations with one email: one firm with its member; no orphan firm", async () => {
    const before = await counts();
    const n = 8;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => t.gql(REGISTER_FIRM, { input: {
        firm: { name: `PT Rebutan ${i}`, sector: "AUTOMOTIVE", tier: "TIER_2", regionCode: "32.15" },
        account: { name: "Sama", email: "rebutan-firm@durable.example", password: "long-enough-pw" },
      } })),
    );
    expect(results.filter(ok)).toHaveLength(1);
    expect(results.filter((r) => !ok(r)).flatMap(codes)).toEqual(Array(n - 1).fill("CONFLICT"));
    expect(await counts()).toEqual({ ...before, firms: before.firms + 1, users: before.users + 1 });
  });

  it("an IKM registration whose third KBLI code repeats the first is refused and writes no IKM, user or code", async () => {
    const before = await counts();
    const r = await t.gql(REGISTER_IKM, { input: {
      ikm: { legalName: "CV Kode Kembar", regionCode: "33.10", workers: 4, kbliCodes: [kbli("24310"), kbli("25920"), kbli("24310")] },
      account: { name: "Kembar", email: "kembar@durable.example", password: "long-enough-pw" },
    } });
    expect(await counts()).toEqual(before);
    // The list's own repetition is the caller's input mistake, named by field, not someone else's record.
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions!.fields!.map((f) => f.path)).toEqual(["input.ikm.kbliCodes"]);
  });

  it("a profile update whose KBLI list repeats a code keeps the old codes and the old profile (the delete rolls back)", async () => {
    const ikm = await makeIkm(t.prisma);
    await t.prisma.ikmKbli.createMany({ data: [{ ikmId: ikm.id, ...kbli("24310") }, { ikmId: ikm.id, ...kbli("25920") }] });
    const token = (await t.user("IKM", { ikmId: ikm.id })).token;
    const before = await counts();
    const r = await t.gql(UPDATE_IKM, { id: ikm.gid, input: { workers: 99, kbliCodes: [kbli("28110"), kbli("29300"), kbli("28110")] } }, token);
    expect(await counts()).toEqual(before);
    const row = await t.prisma.ikm.findUniqueOrThrow({ where: { id: ikm.id }, include: { kbliCodes: { orderBy: { code: "asc" } } } });
    expect({ workers: row.workers, codes: row.kbliCodes.map((k) => k.code) }).toEqual({ workers: 12, codes: ["24310", "25920"] });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions!.fields!.map((f) => f.path)).toEqual(["input.kbliCodes"]);
  });

  it("a profile update with a taken NIB keeps the old KBLI codes", async () => {
    await makeIkm(t.prisma).then((holder) => t.prisma.ikm.update({ where: { id: holder.id }, data: { nib: "7200000000001" } }));
    const ikm = await makeIkm(t.prisma);
    await t.prisma.ikmKbli.create({ data: { ikmId: ikm.id, code: "24310", version: "KBLI_2020" } });
    const token = (await t.user("IKM", { ikmId: ikm.id })).token;
    const before = await counts();
    const r = await t.gql(UPDATE_IKM, { id: ikm.gid, input: { nib: "7200000000001", kbliCodes: [kbli("28110")] } }, token);
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(await counts()).toEqual(before);
    expect((await t.prisma.ikmKbli.findMany({ where: { ikmId: ikm.id } })).map((k) => k.code)).toEqual(["24310"]);
  });

  it("a machine list whose third machine is invalid keeps the old list, row for row", async () => {
    const ikm = await makeIkm(t.prisma);
    const token = (await t.user("IKM", { ikmId: ikm.id })).token;
    const set = await t.gql(SET_MACHINES, { id: ikm.gid, m: [{ type: "Bubut", count: 2, cnc: false }, { type: "Frais", count: 1, cnc: true }] }, token);
    expect(set.errors).toBeUndefined();
    const old = await t.prisma.machine.findMany({ where: { ikmId: ikm.id }, orderBy: { id: "asc" } });
    const before = await counts();
    const r = await t.gql(SET_MACHINES, { id: ikm.gid, m: [
      { type: "Press", count: 1, cnc: false }, { type: "Las", count: 3, cnc: false }, { type: "Gerinda", count: 0, cnc: false },
    ] }, token);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions!.fields).toEqual([{ path: "machines.2.count", message: "must be at least 1" }]);
    expect(await counts()).toEqual(before);
    expect(await t.prisma.machine.findMany({ where: { ikmId: ikm.id }, orderBy: { id: "asc" } })).toEqual(old);
  });

  it("an invalid need, a cancellation without reason and a stale transition write no need and no status record", async () => {
    const need = await needAt(["OPEN"]);
    const before = await counts();
    expect(codes(await t.gql(CREATE, { input: needInput({ quantityPerMonth: -1 }) }, firmToken))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await t.gql(TRANSITION, { id: need.id, to: "CANCELLED" }, firmToken))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await t.gql(TRANSITION, { id: need.id, to: "SHORTLISTED", v: 0 }, firmToken))).toEqual(["CONFLICT"]);
    expect(await counts()).toEqual(before);
    const row = await t.prisma.componentNeed.findUniqueOrThrow({ where: { id: uuidOf(need.id) } });
    expect({ status: row.status, version: row.version }).toEqual({ status: "OPEN", version: 1 });
  });
});

// ---- SIGKILL in the middle of a stream of writes ---------------------------------------------

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const JWT_SECRET = "durability-secret-durability-secret-0123";
/** Acknowledged writes before the kill. */
const KILL_AFTER = 60;
const CAP_PROCESSES: Process[] = ["CASTING", "FORGING", "STAMPING", "MACHINING_CNC"];
/** Generation g of an IKM's capability list: (g % 4) + 1 rows, every one stamped with g. */
const capabilityGeneration = (g: number) =>
  CAP_PROCESSES.slice(0, (g % CAP_PROCESSES.length) + 1).map((process) => ({ process, materials: ["baja"], monthlyCapacity: g, capacityUnit: "PCS" as const, notes: `gen ${g}` }));

interface ServerProcess {
  proc: ChildProcess;
  url: string;
  /** Every stdout line: the start-up banner and pino's JSON log lines. */
  lines: string[];
  exited: Promise<NodeJS.Signals | number | null>;
}

const children = new Set<ServerProcess>();

/** `npm start`'s entry point in a process of its own (node, not a wrapper, so SIGKILL reaches the server itself). */
function startServerProcess(databaseUrl: string): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR,
      NODE_ENV: "production", DATABASE_URL: databaseUrl, HOST: "127.0.0.1", PORT: "0",
      JWT_SECRET, SEED_DEMO: "false", LOG_LEVEL: "warn",
      // One address sends the whole stream: limits off (0), as in the in-process test servers.
      RATE_LIMIT_PER_USER: "0", RATE_LIMIT_PER_ADDRESS: "0", RATE_LIMIT_SIGN_IN_PER_ADDRESS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stderr = "";
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => proc.once("exit", (code, signal) => resolve(signal ?? code)));
  return new Promise((resolve, reject) => {
    let buffered = "";
    proc.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const url = /Jalin GraphQL API:\s+(http:\/\/\S+)/.exec(line)?.[1];
        if (url) {
          const server = { proc, url, lines, exited };
          children.add(server);
          resolve(server);
        }
      }
    });
    proc.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    void exited.then((how) => reject(new Error(`The server exited (${how}) before it listened.\nstdout:\n${lines.join("\n")}\nstderr:\n${stderr}`)));
  });
}

async function killServer(server: ServerProcess) {
  if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill("SIGKILL");
  await server.exited;
  children.delete(server);
}

/** Log lines at pino's error level or above (50+): a request the server failed on its side. */
const errorLogs = (server: ServerProcess) =>
  server.lines.filter((line) => {
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 50;
    } catch {
      return false;
    }
  });

type Outcome = { kind: "acked"; data: any } | { kind: "refused"; response: unknown } | { kind: "lost"; error: unknown };

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (response.status === 200 && body.data && !body.errors) return { kind: "acked", data: body.data };
    return { kind: "refused", response: { status: response.status, ...body } };
  } catch (error) {
    return { kind: "lost", error };
  }
}

describe("a server killed with SIGKILL mid-stream", () => {
  let databaseUrl: string | undefined;
  let db: PrismaClient | undefined;

  afterAll(async () => {
    await Promise.all([...children].map(killServer));
    await db?.$disconnect();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  }, 60_000);

  it("comes back with every acknowledged write complete and no half-written one", async () => {
    databaseUrl = await createTestDatabase();
    db = createDb(databaseUrl, { poolSize: 4 }).prisma;
    const prisma = db;
    const auth = new AuthService(new Database(prisma), new TextEncoder().encode(JWT_SECRET), "1h");
    const firm = await prisma.firm.create({ data: { name: "PT Pembeli Kilat", sector: "AUTOMOTIVE", tier: "OEM", regionCode: "32.16" } });
    const firmUser = await prisma.user.create({ data: { email: "buyer@kill.test", name: "Buyer", passwordHash: "x", role: "FIRM", firmId: firm.id } });
    const firmToken = await auth.issueToken(firmUser);
    const capIkms = await Promise.all([0, 1].map(async (i) => {
      const ikm = await prisma.ikm.create({
        data: { legalName: `CV Kapasitas ${i}`, regionCode: "33.10", workers: 5, capabilities: { create: capabilityGeneration(0) } },
      });
      const user = await prisma.user.create({ data: { email: `cap-${i}@kill.test`, name: "Cap", passwordHash: "x", role: "IKM", ikmId: ikm.id } });
      return { id: ikm.id, gid: toGlobalId("Ikm", ikm.id), token: await auth.issueToken(user) };
    }));

    const first = await startServerProcess(databaseUrl);

    // What the clients were told, and what was in flight when the server died.
    const registered: { email: string; token: string }[] = [];
    const registering = new Set<string>();
    const needs = new Map<string, { acked: string[]; lost: string | null }>();
    let lostCreates = 0;
    const capabilities = new Map<string, { acked: number; lost: number | null }>(capIkms.map((c) => [c.id, { acked: 0, lost: null }]));
    const refused: unknown[] = [];
    let acks = 0;
    let inFlight = 0;
    let inFlightAtKill = -1;
    let killed = false;

    const send = async (query: string, variables: Record<string, unknown>, token?: string) => {
      inFlight++;
      const outcome = await post(first.url, query, variables, token);
      inFlight--;
      if (outcome.kind === "acked" && ++acks >= KILL_AFTER && !killed) {
        killed = true;
        inFlightAtKill = inFlight;
        first.proc.kill("SIGKILL");
      }
      if (outcome.kind === "refused") refused.push(outcome.response);
      return outcome;
    };

    const registrar = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const email = `ikm-${w}-${i}@kill.test`;
        registering.add(email);
        const r = await send(REGISTER_IKM, { input: {
          ikm: { legalName: `CV Tahan ${w}-${i}`, nib: String(8_000_000_000_000 + w * 100_000 + i), regionCode: "33.10", workers: 3, kbliCodes: [kbli("24310"), kbli("25920")] },
          account: { name: `Pemilik ${w}-${i}`, email, password: "long-enough-pw" },
        } });
        if (r.kind !== "acked") return;
        registered.push({ email, token: r.data.registerIkm.token });
      }
    };
    const buyer = async () => {
      while (!killed) {
        const created = await send(CREATE, { input: needInput({ title: "Kilat" }) }, firmToken);
        if (created.kind === "lost") lostCreates++;
        if (created.kind !== "acked") return;
        const steps = { acked: [] as string[], lost: null as string | null };
        needs.set(uuidOf(created.data.createNeed.id), steps);
        for (const to of ["OPEN", "SHORTLISTED"]) {
          if (killed) return;
          // A need becomes SHORTLISTED only with a candidate on it (issue 16): written directly.
          if (to === "SHORTLISTED") await prisma.shortlistCandidate.create({ data: { needId: uuidOf(created.data.createNeed.id), kind: "IKM" } });
          const r = await send(TRANSITION, { id: created.data.createNeed.id, to }, firmToken);
          if (r.kind === "lost") steps.lost = to;
          if (r.kind !== "acked") return;
          steps.acked.push(to);
        }
      }
    };
    const capabilityWriter = async (ikm: (typeof capIkms)[number]) => {
      const state = capabilities.get(ikm.id)!;
      for (let g = 1; !killed; g++) {
        const r = await send(SET_CAPS, { id: ikm.gid, caps: capabilityGeneration(g) }, ikm.token);
        if (r.kind === "lost") state.lost = g;
        if (r.kind !== "acked") return;
        state.acked = g;
      }
    };

    await Promise.all([registrar(0), registrar(1), buyer(), buyer(), ...capIkms.map(capabilityWriter)]);
    expect(refused).toEqual([]);
    expect(killed).toBe(true);
    expect(await first.exited).toBe("SIGKILL");
    children.delete(first);
    expect(errorLogs(first)).toEqual([]);
    expect(acks).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(inFlightAtKill).toBeGreaterThan(0);

    const second = await startServerProcess(databaseUrl);

    // Every acknowledged registration: the IKM, its member and both codes.
    for (const { email } of registered) {
      const user = await prisma.user.findUnique({ where: { email }, include: { ikm: { include: { kbliCodes: true } } } });
      expect(user?.ikm?.kbliCodes.map((k) => k.code).sort(), email).toEqual(["24310", "25920"]);
    }
    // Every registration that exists at all (acknowledged or cut off) is whole: no IKM without its member or codes.
    const stored = await prisma.ikm.findMany({ where: { legalName: { startsWith: "CV Tahan" } }, include: { members: true, kbliCodes: true } });
    for (const ikm of stored) {
      expect({ members: ikm.members.length, codes: ikm.kbliCodes.length }, ikm.legalName).toEqual({ members: 1, codes: 2 });
      expect(registering.has(ikm.members[0].email)).toBe(true);
    }
    expect(stored.length - registered.length).toBeLessThanOrEqual(2); // at most the two in flight

    // Every need: its status is the last step of its record, its version counts the steps;
    // the steps are the acknowledged ones, plus at most the one cut off.
    const rows = await prisma.componentNeed.findMany({ where: { firmId: firm.id }, include: { statusChanges: { orderBy: { changedAt: "asc" } } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect([...needs.keys()].filter((id) => !byId.has(id))).toEqual([]);
    expect(rows.length - needs.size).toBeLessThanOrEqual(lostCreates);
    for (const row of rows) {
      const steps = row.statusChanges.map((c) => c.toStatus);
      const told = needs.get(row.id) ?? { acked: [], lost: null }; // a create cut off by the kill
      expect([told.acked, told.lost ? [...told.acked, told.lost] : told.acked]).toContainEqual(steps);
      expect({ status: row.status, version: row.version, published: row.publishedAt !== null }).toEqual({
        status: steps.at(-1) ?? "DRAFT", version: steps.length, published: steps.includes("OPEN"),
      });
    }

    // The event log agrees: one NEED_PUBLISHED event for each need that opened, none for the others
    // (an event is written in its change's transaction, so the kill cannot split the two).
    const published = (await prisma.eventLog.findMany({ where: { topic: "NEED_PUBLISHED" } }))
      .map((e) => (e.payload as { needId: string }).needId)
      .filter((id) => byId.has(id))
      .sort();
    expect(published).toEqual(rows.filter((r) => r.statusChanges.some((c) => c.toStatus === "OPEN")).map((r) => r.id).sort());

    // Every capability list is one whole generation: the last acknowledged, or the one cut off.
    for (const ikm of capIkms) {
      const told = capabilities.get(ikm.id)!;
      const caps = await prisma.capability.findMany({ where: { ikmId: ikm.id } });
      const generation = caps[0]?.monthlyCapacity ?? -1;
      expect([told.acked, told.lost]).toContain(generation);
      const byProcess = (a: { process: string }, b: { process: string }) => a.process.localeCompare(b.process);
      expect(caps.sort(byProcess).map((c) => ({ process: c.process, monthlyCapacity: c.monthlyCapacity, notes: c.notes }))).toEqual(
        capabilityGeneration(generation).sort(byProcess).map(({ process, monthlyCapacity, notes }) => ({ process, monthlyCapacity, notes })),
      );
    }

    // And the restarted server answers as before: old tokens, reads and new multi-row writes.
    const someone = registered.at(-1)!;
    expect(await post(second.url, `{ viewer { email } }`, {}, someone.token)).toEqual({ kind: "acked", data: { viewer: { email: someone.email } } });
    expect(await post(second.url, `{ needs(first: 1) { totalCount } }`, {}, firmToken)).toEqual({ kind: "acked", data: { needs: { totalCount: rows.length } } });
    // Needs go DRAFT -> OPEN -> SHORTLISTED in a loop; the kill may leave all of them SHORTLISTED
    // (the next create lost in flight), which goes back to OPEN.
    const open = rows.find((r) => r.status === "OPEN") ?? rows.find((r) => r.status === "DRAFT") ?? rows.find((r) => r.status === "SHORTLISTED")!;
    const next = open.status === "OPEN" ? "SHORTLISTED" : "OPEN";
    if (next === "SHORTLISTED") await prisma.shortlistCandidate.create({ data: { needId: open.id, kind: "IKM" } });
    const moved = await post(second.url, TRANSITION, { id: toGlobalId("ComponentNeed", open.id), to: next, v: open.version }, firmToken);
    expect(moved).toMatchObject({ kind: "acked", data: { transitionNeed: { status: next, version: open.version + 1 } } });
    const again = await post(second.url, REGISTER_IKM, { input: {
      ikm: { legalName: "CV Setelah Mati", regionCode: "33.10", workers: 2, kbliCodes: [kbli("24310")] },
      account: { name: "Baru", email: "after@kill.test", password: "long-enough-pw" },
    } });
    expect(again.kind).toBe("acked");
    expect(errorLogs(second)).toEqual([]);
  }, 180_000);
});
