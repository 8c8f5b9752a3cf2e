/**
 * README's examples run as written: every ```graphql block that follows an `<!-- example {...} -->`
 * comment is sent, verbatim, to a real server over the demo data, signed in as the user the comment
 * names (null: anonymous), with the variables filled the way the README tells the reader: from the
 * answer of the earlier example it names ("OpenNeeds:needs.nodes[title=Cylinder sleeve FC250].id").
 * Each must answer without errors, and with data where it promises data (`promise`: paths that must
 * be neither null nor empty; by default every top-level field). Subscriptions run over graphql-ws and
 * must receive an event caused by the examples after them.
 *
 * Every graphql block in "The API by example" must carry such a comment, so a new example cannot
 * escape the test, and a broken one fails it.
 */
import { readFileSync } from "node:fs";
import { Kind, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo, type DemoUser } from "../../prisma/seed/demo.js";
import { type TestApp, startTestApp } from "../helpers/harness.js";
import { type Subscription, closeSubscriptions, subscribe } from "../helpers/subscriptions.js";

interface Hint {
  /** The demo user's email, or null for anonymous. */
  as: string | null;
  /** Variable name -> "<operation name>:<path into its data>", a list of them, "today" or "today+N" (N days ahead). */
  vars?: Record<string, string | string[]>;
  /** Paths into the data that must be neither null nor empty. */
  promise?: string[];
  subscription?: boolean;
}

interface Example {
  hint: Hint;
  doc: string;
  name: string;
  /** The README line of the block, for messages. */
  line: number;
}

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The examples of the whole README, in order: a hint comment, blank lines, then a graphql block. */
function readmeExamples(text: string): Example[] {
  const out: Example[] = [];
  const pattern = /<!-- example (\{.*?\}) -->\s*```graphql\n([\s\S]*?)```/g;
  for (const m of text.matchAll(pattern)) {
    const hint = JSON.parse(m[1]) as Hint;
    const doc = m[2];
    const operations = parse(doc).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const line = text.slice(0, m.index).split("\n").length;
    expect(operations, `README line ${line}: one operation per block`).toHaveLength(1);
    const name = operations[0].kind === Kind.OPERATION_DEFINITION ? operations[0].name?.value : undefined;
    expect(name, `README line ${line}: the operation is named`).toBeTruthy();
    out.push({ hint, doc, name: name!, line });
  }
  return out;
}

/** The text of one `## ` section. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  expect(start, `README has a section "${title}"`).toBeGreaterThan(-1);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

/** `a.b[0].c`, `nodes[title=Cylinder sleeve FC250].id`: README's way of naming a value in an answer. */
function at(data: unknown, path: string): unknown {
  let value: any = data;
  for (const part of path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? []) {
    if (value == null) return undefined;
    if (part.startsWith("[")) {
      const inner = part.slice(1, -1);
      const eq = inner.indexOf("=");
      value = eq === -1 ? value[Number(inner)] : (value as any[]).find((v) => String(at(v, inner.slice(0, eq))) === inner.slice(eq + 1));
    } else {
      value = value[part];
    }
  }
  return value;
}

const empty = (v: unknown) => v == null || (Array.isArray(v) && v.length === 0);

const examples = readmeExamples(README);
let t: TestApp;
let demoUsers: DemoUser[];
const tokens = new Map<string, string>();
const answers = new Map<string, unknown>();
const subscriptions: { example: Example; sub: Subscription }[] = [];

async function tokenOf(email: string): Promise<string> {
  if (!tokens.has(email)) {
    const r = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: DEMO_PASSWORD });
    expect(r.errors, `login as ${email}`).toBeUndefined();
    tokens.set(email, r.data.login.token);
  }
  return tokens.get(email)!;
}

function variablesOf(example: Example): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  const fill = (name: string, source: string) => {
    const colon = source.indexOf(":");
    const from = source.slice(0, colon);
    expect(answers.has(from), `README line ${example.line}: $${name} comes from ${from}, which must come before it`).toBe(true);
    const value = at(answers.get(from), source.slice(colon + 1));
    expect(value ?? undefined, `README line ${example.line}: $${name} from ${source}`).toBeDefined();
    return value;
  };
  for (const [name, source] of Object.entries(example.hint.vars ?? {})) {
    // README asks for today's date (an assessment may not be dated in the future, nor a year back).
    const days = typeof source === "string" ? /^today(?:\+(\d+))?$/.exec(source) : null;
    if (days) {
      variables[name] = new Date(Date.now() + Number(days[1] ?? 0) * 86_400_000).toISOString().slice(0, 10);
      continue;
    }
    variables[name] = Array.isArray(source) ? source.map((s) => fill(name, s)) : fill(name, source);
  }
  return variables;
}

beforeAll(async () => {
  t = await startTestApp();
  demoUsers = (await seedDemo(t.prisma)).users;
  await t.app.matchIndex.sync(); // the seed was written after the index loaded
});
afterAll(async () => {
  await closeSubscriptions(t.app);
  await t?.stop();
});

describe("README's examples", () => {
  it("mark every graphql block (those of 'The API by example' and the rest), one named operation each", () => {
    const text = section(README, "The API by example");
    const blocks = text.match(/```graphql\n/g) ?? [];
    const marked = readmeExamples(text);
    expect(blocks.length).toBeGreaterThan(10);
    expect(marked).toHaveLength(blocks.length);
    expect(examples, "every graphql block of README is marked").toHaveLength((README.match(/```graphql\n/g) ?? []).length);
    expect(new Set(examples.map((e) => e.name)).size, "operation names are unique").toBe(examples.length);
  });

  it("show opportunities as the first IKM user the start-up banner lists", () => {
    const firstIkm = demoUsers.find((u) => u.role === "IKM")!;
    expect(examples.find((e) => e.name === "MyOpportunities")?.hint.as).toBe(firstIkm.email);
  });

  it("read paths the way README words them", () => {
    const data = { needs: { nodes: [{ id: "a", title: "X" }, { id: "b", title: "Cylinder sleeve FC250" }] } };
    expect(at(data, "needs.nodes[title=Cylinder sleeve FC250].id")).toBe("b");
    expect(at(data, "needs.nodes[0].id")).toBe("a");
    expect(at(data, "needs.nodes[title=none].id")).toBeUndefined();
    expect(at({ nodes: [{ need: { id: "n", title: "T" } }] }, "nodes[need.title=T].need.id")).toBe("n");
  });

  for (const example of examples) {
    it(`${example.name} (README line ${example.line}) as ${example.hint.as ?? "anonymous"}`, async () => {
      const token = example.hint.as ? await tokenOf(example.hint.as) : undefined;
      const variables = variablesOf(example);
      if (example.hint.subscription) {
        const sub = await subscribe(t.app, token ?? null, example.doc, variables);
        expect(sub.errors).toEqual([]);
        subscriptions.push({ example, sub });
        return;
      }
      const r = await t.gql(example.doc, variables, token);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(r.status).toBe(200);
      answers.set(example.name, r.data);
      for (const path of example.hint.promise ?? Object.keys(r.data ?? {})) {
        expect(empty(at(r.data, path)), `${example.name}: README promises ${path}; the answer was ${JSON.stringify(r.data)}`).toBe(false);
      }
    });
  }

  it("deliver an event to every subscription example", async () => {
    expect(subscriptions.map((s) => s.example.name)).toEqual(["NewNeeds", "Lapsing", "Responses", "StageChanges", "Candidacies"]);
    const named = (name: string) => subscriptions.find((s) => s.example.name === name)!.sub.events[0];
    for (const { example, sub } of subscriptions) {
      await sub.received(1);
      expect(sub.errors, example.name).toEqual([]);
      expect(sub.events[0], example.name).toBeTruthy();
    }
    // The need README's buyer publishes is the one its IKM hears of.
    expect(named("NewNeeds").needPublished.title).toBe("Brake drum FC250");
    expect(named("StageChanges").stageChanged).toMatchObject({ fromStage: "MADYA", toStage: "PRAMANDIRI" });
    // The Halal certificate README's IKM adds, ending in 60 days, is told as lapsing soon.
    expect(named("Lapsing").certificateLapsing).toMatchObject({ kind: "LAPSING_SOON", daysLeft: 60, certificate: { type: "HALAL" } });
    // UD Cor Logam Batur hears first that its quotation put it on the cylinder sleeves' shortlist.
    expect(named("Candidacies").candidacyChanged).toMatchObject({ change: "SHORTLISTED", need: { title: "Cylinder sleeve FC250" } });
  });
});
