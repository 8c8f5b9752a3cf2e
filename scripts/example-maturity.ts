/**
 * npm run example:maturity [-- --api http://127.0.0.1:4000/graphql --live http://127.0.0.1:4001/graphql]
 *
 * The README's runnable example of maturity tracking, against running servers with the demo data.
 * As the demo YDBA mentor it subscribes to the foundation's stage changes over graphql-ws on
 * --live, records an assessment of the Solo Raya mentee at MADYA and promotes it through --api
 * (or, on a second run, demotes it back with a reason), prints the event as it arrives, and reads
 * the dashboard. Give --live a second server process on the same database to see the event cross
 * processes (README: "Maturity tracking").
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { DEMO_PASSWORD } from "../prisma/seed/demo.js";

export const DEMO_MENTOR = "pendamping@ydba-soloraya.demo";

export interface ExampleResult {
  change: { fromStage: string; toStage: string; ikm: { legalName: string } };
  eventMs: number;
  dashboard: any;
}

export async function runExample(api: string, live: string, print: (line: string) => void = console.log): Promise<ExampleResult> {
  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(api, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
    return body.data;
  };

  const { token } = (await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: DEMO_MENTOR, p: DEMO_PASSWORD })).login;
  const { foundation } = (await gql(`{ foundationDashboard { foundation { id name } } }`, {}, token)).foundationDashboard;
  print(`Signed in as ${DEMO_MENTOR} (${foundation.name}).`);

  // 1. Subscribe (on the --live server) to the foundation's stage changes.
  const ws = createClient({ url: live.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  let sentAt = 0;
  const event = new Promise<{ change: ExampleResult["change"]; ms: number }>((resolve, reject) => {
    ws.subscribe(
      { query: `subscription($f: ID) { stageChanged(foundationId: $f) { fromStage toStage reason changedBy { name } ikm { legalName } } }`, variables: { f: foundation.id } },
      { next: (v) => (v.errors ? reject(new Error(v.errors[0].message)) : resolve({ change: (v.data as any).stageChanged, ms: performance.now() - sentAt })), error: reject, complete: () => undefined },
    );
  });
  await new Promise<void>((resolve) => ws.on("connected", () => resolve()));
  await new Promise((r) => setTimeout(r, 300)); // the server registers the subscription
  print(`Subscribed to stageChanged on ${live}.`);

  // 2. The mentee at MADYA (or, on a second run, the one promoted before).
  const mentees = (await gql(`{ ikms(first: 100, filter: { stages: [MADYA, PRAMANDIRI], regionCode: "33" }) {
      nodes { id legalName currentStage stageVersion mentorships { status foundation { name } } stageHistory { changedAt } } } }`, {}, token)).ikms.nodes
    .filter((i: any) => i.mentorships.some((m: any) => m.status === "ACTIVE" && m.foundation.name === foundation.name));
  const lastChange = (i: any) => i.stageHistory.at(-1)?.changedAt ?? "";
  const target = mentees.find((i: any) => i.currentStage === "MADYA") ?? [...mentees].sort((a: any, b: any) => lastChange(b).localeCompare(lastChange(a)))[0];
  let input: Record<string, unknown>;
  if (target.currentStage === "MADYA") {
    // 3. Record an assessment (pillar average 57.2 proposes PRAMANDIRI) and promote, citing it.
    const assessment = (await gql(`mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id proposedStage pillarAverage fiveRPercent } }`, {
      input: {
        ikmId: target.id, assessedOn: new Date().toISOString().slice(0, 10), assessor: "Agus Pendamping",
        pillarScores: { production: 62, marketing: 51, finance: 55, hr: 58, ehs: 60 },
        itemScores: { costControl: 60, qualityControl: 66, sopConformity: 58, onTimeDelivery: 70, wasteHandling: 48, fiveR: 62, training: 50, orderFulfilment: 64 },
        fiveRItems: [
          { section: "RINGKAS", item: "Only needed items at the workplace", score: 2 },
          { section: "RAPI", item: "Every tool has a marked place", score: 1 },
          { section: "RESIK", item: "Machines and floor cleaned daily", score: 1 },
          { section: "RAWAT", item: "Standards posted and kept", score: 1 },
          { section: "RAJIN", item: "Weekly 5R audit done", score: 2 },
        ],
        notes: "Quality records kept for 6 months; delivery on time 92%.",
      },
    }, token)).recordAssessment;
    print(`Recorded assessment of ${target.legalName}: pillar average ${assessment.pillarAverage}, 5R ${assessment.fiveRPercent}%, proposes ${assessment.proposedStage}.`);
    input = { ikmId: target.id, toStage: "PRAMANDIRI", expectedVersion: target.stageVersion, assessmentId: assessment.id };
  } else {
    input = { ikmId: target.id, toStage: "MADYA", expectedVersion: target.stageVersion, reason: "Example run again: back to MADYA so the promotion can be shown once more." };
  }

  // 4. Change the stage (on the --api server).
  sentAt = performance.now();
  const change = (await gql(`mutation($input: ChangeStageInput!) { changeStage(input: $input) { fromStage toStage ikm { stageVersion } } }`, { input }, token)).changeStage;
  print(`changeStage: ${change.fromStage} -> ${change.toStage} (stageVersion now ${change.ikm.stageVersion}).`);
  const heard = await Promise.race([event, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no stageChanged event within 10 s")), 10_000))]);
  print(`stageChanged arrived on ${live} after ${heard.ms.toFixed(0)} ms: ${heard.change.ikm.legalName} ${heard.change.fromStage} -> ${heard.change.toStage} by ${(heard.change as any).changedBy?.name}, "${(heard.change as any).reason}".`);
  await ws.dispose();

  // 5. The dashboard.
  const dashboard = (await gql(`{ foundationDashboard {
      stages { total byStage { stage count share } }
      progression { promotedShare stays { stage medianMonths completedStays current } }
      dueForReassessment(first: 3) { totalCount nodes { lastAssessedOn ikm { legalName } } }
      eligibleForOpenNeeds(first: 3) { eligibleMentees need { title } best { total ikm { legalName } } }
    } }`, {}, token)).foundationDashboard;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  print(`Dashboard: ${dashboard.stages.total} mentees; ${dashboard.stages.byStage.map((s: any) => `${s.stage} ${s.count} (${pct(s.share)})`).join(", ")}.`);
  print(`  median months per stage: ${dashboard.progression.stays.map((s: any) => `${s.stage} ${s.medianMonths ?? "-"}`).join(", ")}; promoted in 12 months: ${pct(dashboard.progression.promotedShare)}.`);
  print(`  due for reassessment: ${dashboard.dueForReassessment.totalCount}; open needs with eligible mentees: ${dashboard.eligibleForOpenNeeds.map((n: any) => `${n.need.title} (${n.eligibleMentees})`).join(", ") || "none"}.`);
  return { change: heard.change, eventMs: heard.ms, dashboard };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { api: { type: "string", default: "http://127.0.0.1:4000/graphql" }, live: { type: "string" } } });
  runExample(values.api, values.live ?? values.api).then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
