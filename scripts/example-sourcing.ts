/**
 * npm run example:sourcing [-- --api http://127.0.0.1:4000/graphql --live http://127.0.0.1:4001/graphql]
 *
 * The README's runnable example of the sourcing loop, end to end, against a running server with
 * fresh demo data. PT Presisi Komponen Indonesia needs 200 cylinder sleeves a month, which no Ceper
 * foundry casts alone:
 *  1. the buyer reads the consortium Jalin proposes from Koperasi Batur Jaya's members;
 *  2. the koperasi's manager answers the need with that split as a quotation;
 *  3. the buyer shortlists the koperasi's response (a CONSORTIUM candidate) and asks every member
 *     for PPAP samples;
 *  4. each member sends its samples (UD Cor Logam Batur's owner herself; the other members have no
 *     demo login, so the demo administrator sends theirs), and the buyer approves them;
 *  5. the buyer awards the need in one transaction: a PENDING partnership per member;
 *  6. UD Cor Logam Batur's owner, subscribed over graphql-ws on --live, hears each step of her
 *     candidacy as it happens, and accepts her partnership.
 * The need is awarded once: on a database where it is no longer OPEN the script says so and stops.
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../prisma/seed/demo.js";

export const DEMO_BUYER = "sourcing@presisi-komponen.demo";
export const DEMO_KOPERASI = "pengurus@batur-jaya.demo";
export const DEMO_MEMBER = "pemilik@cor-batur.demo";
const NEED_TITLE = "Cylinder sleeve FC250";
/** Sleeves a month UD Cor Logam Batur has free (40 of capacity, none committed in the demo). */
const MEMBER_SHARE = 40;
/** How long the script waits for an event it expects before it gives up (a hang guard, not a timing claim). */
const EVENT_WAIT_MS = 30_000;

export interface SourcingExampleResult {
  /** What UD Cor Logam Batur's owner heard, in order. */
  heard: string[];
  award: { need: { status: string }; candidate: { status: string }; partnerships: Array<{ status: string; quantityPerMonth: number; ikm: { legalName: string } }> };
  accepted: { status: string };
}

type Gql = (query: string, variables?: Record<string, unknown>, token?: string) => Promise<any>;

function client(api: string): Gql {
  return async (query, variables = {}, token) => {
    const response = await fetch(api, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("; "));
    return body.data;
  };
}

/** Her candidacy events, as they arrive: `waitFor(n)` resolves once n have come. */
function listen(live: string, token: string, ikmId: string) {
  const heard: string[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let failure: Error | null = null;
  const ws = createClient({ url: live.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const settle = () => {
    for (const w of [...waiters]) if (heard.length >= w.n) waiters.splice(waiters.indexOf(w), 1), w.resolve();
  };
  ws.subscribe(
    { query: `subscription($i: ID!) { candidacyChanged(ikmId: $i) { eventId change need { title } candidate { kind } } }`, variables: { i: ikmId } },
    {
      next: (v) => {
        if (v.errors) failure = new Error(v.errors[0].message);
        else heard.push((v.data as any).candidacyChanged.change);
        settle();
      },
      error: (e) => void (failure = e instanceof Error ? e : new Error(String(e))),
      complete: () => undefined,
    },
  );
  const waitFor = (n: number) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      const timer = setTimeout(() => reject(new Error(`heard ${heard.join(", ") || "nothing"} on ${live}, waited for event ${n} in vain`)), EVENT_WAIT_MS);
      waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      settle();
    });
  return { heard, waitFor, close: () => ws.dispose() };
}

/**
 * graphql-ws subscriptions streaming on the server now (its jalin_graphql_ws_subscriptions gauge on
 * GET /metrics, readable from loopback or with METRICS_TOKEN), or null when /metrics is closed to us.
 */
async function streaming(live: string): Promise<number | null> {
  const token = process.env.METRICS_TOKEN;
  const response = await fetch(new URL("/metrics", live), { headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => null);
  if (!response?.ok) return null;
  const line = (await response.text()).split("\n").find((l) => l.startsWith("jalin_graphql_ws_subscriptions "));
  return line ? Number(line.split(" ")[1]) : null;
}

/** Subscribes, then returns once the server streams the subscription, so nothing published after is missed. */
async function listenWhenStreaming(live: string, token: string, ikmId: string, print: (line: string) => void) {
  const before = await streaming(live);
  const listener = listen(live, token, ikmId);
  if (before === null) {
    print("(GET /metrics is closed to this script, so it cannot see the subscription start; it waits a second instead.)");
    await new Promise((r) => setTimeout(r, 1000));
    return listener;
  }
  const deadline = Date.now() + 15_000;
  while (((await streaming(live)) ?? 0) <= before) {
    if (Date.now() > deadline) throw new Error(`the subscription did not start on ${live} within 15 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return listener;
}

export async function runSourcingExample(api: string, live: string, print: (line: string) => void = console.log): Promise<SourcingExampleResult> {
  const gql = client(api);
  const login = async (email: string) => (await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: DEMO_PASSWORD })).login.token as string;
  const [buyer, koperasi, member, admin] = await Promise.all([login(DEMO_BUYER), login(DEMO_KOPERASI), login(DEMO_MEMBER), login(DEMO_ADMIN_EMAIL)]);

  const need = (await gql(`{ needs(first: 50) { nodes { id title status version quantityPerMonth unit } } }`, {}, buyer)).needs.nodes.find((n: any) => n.title === NEED_TITLE);
  if (!need) throw new Error(`"${NEED_TITLE}" is not among ${DEMO_BUYER}'s needs: run on the demo data (npm start seeds it).`);
  if (need.status !== "OPEN") throw new Error(`"${NEED_TITLE}" is ${need.status}: this example awards it once. Run it on a fresh demo database.`);
  const myIkm = (await gql(`{ viewer { ikm { id legalName } } }`, {}, member)).viewer.ikm;

  // 1. The split Jalin proposes among Koperasi Batur Jaya's members.
  const proposals = (await gql(`query($n: ID!) { consortia(needId: $n) { proposals { koperasiLed cluster { name } members { ikm { id legalName } share } } } }`, { n: need.id }, buyer)).consortia.proposals;
  const proposal = proposals.find((p: any) => p.koperasiLed && p.cluster?.name === "Koperasi Batur Jaya");
  if (!proposal) throw new Error("consortia proposes no Koperasi Batur Jaya split for the sleeves: is the demo data fresh?");
  print(`1. consortia proposes Koperasi Batur Jaya: ${proposal.members.map((m: any) => `${m.ikm.legalName} ${m.share}`).join(", ")} ${need.unit} a month.`);
  // The koperasi splits its order as it sees fit: here it gives its member UD Cor Logam Batur the 40
  // a month it has free, taken from the largest share.
  const split: Array<{ ikmId: string; legalName: string; quantityPerMonth: number }> = proposal.members.map((m: any) => ({ ikmId: m.ikm.id, legalName: m.ikm.legalName, quantityPerMonth: m.share }));
  if (!split.some((m) => m.ikmId === myIkm.id)) {
    const largest = split.reduce((a, b) => (b.quantityPerMonth > a.quantityPerMonth ? b : a));
    largest.quantityPerMonth -= MEMBER_SHARE;
    split.push({ ikmId: myIkm.id, legalName: myIkm.legalName, quantityPerMonth: MEMBER_SHARE });
  }

  const listener = await listenWhenStreaming(live, member, myIkm.id, print);
  try {
    // 2. The koperasi answers with that split.
    const validUntil = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const response = (await gql(`mutation($input: SubmitResponseInput!) { submitResponse(input: $input) { id quantityPerMonth koperasi { name } } }`, {
      input: {
        needId: need.id, kind: "QUOTATION", unitPriceIdr: 182_000, leadTimeDays: 45, validUntil,
        notes: "Cast by our members, pre-machined in the koperasi's shared workshop.",
        members: split.map(({ ikmId, quantityPerMonth }) => ({ ikmId, quantityPerMonth })),
      },
    }, koperasi)).submitResponse;
    print(`2. ${response.koperasi.name} quotes Rp182.000 a sleeve for ${response.quantityPerMonth} a month: ${split.map((m) => `${m.legalName} ${m.quantityPerMonth}`).join(", ")}.`);

    // 3. Shortlisted by the response alone; samples asked of every member (Jalin's default PPAP checklist).
    const candidate = (await gql(`mutation($input: ShortlistCandidateInput!) { shortlistCandidate(input: $input) { id kind members { ikm { legalName } } need { status } } }`, {
      input: { needId: need.id, responseId: response.id, note: "One koperasi, one contract, members in one sentra." },
    }, buyer)).shortlistCandidate;
    const dueDate = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const samples = (await gql(`mutation($input: RequestSamplesInput!) { requestSamples(input: $input) { id version ikm { id legalName } items { code required } } }`, {
      input: { candidateId: candidate.id, pieces: 3, dueDate, instructions: "Three sleeves from one pour, with the documents listed." },
    }, buyer)).requestSamples;
    print(`3. Shortlisted (need ${candidate.need.status}, a ${candidate.kind} of ${candidate.members.length}); samples asked of each member, due ${dueDate}: ${samples[0].items.map((i: any) => i.code.slice(0, 7)).join(", ")}.`);
    await listener.waitFor(2);

    // 4. Each member sends its samples; the buyer approves them.
    for (const sample of samples) {
      const token = sample.ikm.id === myIkm.id ? member : admin;
      const items = sample.items.map((i: any) => ({ code: i.code, documentUrl: `https://files.jalin.demo/ppap/sleeve/${i.code.slice(0, 7).toLowerCase()}.pdf` }));
      const sent = (await gql(`mutation($id: ID!, $v: Int, $input: SubmitSampleInput!) { submitSample(id: $id, expectedVersion: $v, input: $input) { version } }`, {
        id: sample.id, v: sample.version, input: { note: "Three sleeves sent by courier.", items },
      }, token)).submitSample;
      await gql(`mutation($id: ID!, $v: Int, $input: DecideSampleInput!) { decideSample(id: $id, expectedVersion: $v, input: $input) { status } }`, {
        id: sample.id, v: sent.version,
        input: { approve: true, reason: "Bore and wall thickness within drawing; FC250 tensile report conforms.", items: sample.items.map((i: any) => ({ code: i.code, accepted: true })) },
      }, buyer);
    }
    print(`4. ${samples.length} members sent their samples; all approved.`);
    await listener.waitFor(3);

    // 5. The award: one transaction, a PENDING partnership per member over the need's period.
    const { version } = (await gql(`query($n: ID!) { need(id: $n) { version } }`, { n: need.id }, buyer)).need;
    const award = (await gql(`mutation($input: AwardNeedInput!) { awardNeed(input: $input) {
        need { status } candidate { status } partnerships { id status quantityPerMonth startDate endDate ikm { id legalName } } } }`, {
      input: { needId: need.id, candidateId: candidate.id, expectedVersion: version, reason: "Approved samples at the quoted price." },
    }, buyer)).awardNeed;
    const first = award.partnerships[0];
    print(`5. Awarded: need ${award.need.status}, ${award.partnerships.length} PENDING partnerships from ${first.startDate} to ${first.endDate}.`);
    await listener.waitFor(4);

    // 6. She accepts hers.
    const mine = award.partnerships.find((p: any) => p.ikm.id === myIkm.id);
    const accepted = (await gql(`mutation($id: ID!) { acceptPartnership(id: $id) { status quantityPerMonth } }`, { id: mine.id }, member)).acceptPartnership;
    print(`6. ${myIkm.legalName} heard ${listener.heard.join(" -> ")} and accepted its ${accepted.quantityPerMonth} a month: ${accepted.status}.`);
    return { heard: [...listener.heard], award, accepted };
  } finally {
    await listener.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { api: { type: "string", default: "http://127.0.0.1:4000/graphql" }, live: { type: "string" } } });
  runSourcingExample(values.api, values.live ?? values.api).then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
