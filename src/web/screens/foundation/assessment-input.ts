/**
 * The assessment form's fields and how its text becomes RecordAssessment's input (schema.graphql,
 * AssessmentInput). Scores are checked by the API (0 to 100, 5R 0 to 2, the day not in the future):
 * the form only says which required scores are still empty, and shows the API's refusals by field.
 */
import type { CombinedError } from "urql";

/** The five pillars, each 0 to 100 (PillarScoresInput). */
export const PILLARS = ["production", "marketing", "finance", "hr", "ehs"] as const;
/** The production pillar's items, each 0 to 100 and optional (ProductionItemScoresInput). */
export const PRODUCTION_ITEMS = ["costControl", "qualityControl", "sopConformity", "onTimeDelivery", "wasteHandling", "fiveR", "training", "orderFulfilment"] as const;
/** The 5R sections (FiveRSection): ringkas, rapi, resik, rawat, rajin. */
export const FIVE_R_SECTIONS = ["RINGKAS", "RAPI", "RESIK", "RAWAT", "RAJIN"] as const;

export type Pillar = (typeof PILLARS)[number];
export type ProductionItem = (typeof PRODUCTION_ITEMS)[number];
export type FiveRSection = (typeof FIVE_R_SECTIONS)[number];

export interface FiveRRow {
  key: number;
  section: FiveRSection;
  item: string;
  score: string;
}

/** The form as typed: numbers stay text until sent, so an empty field is empty, not 0. */
export interface AssessmentDraft {
  assessedOn: string;
  assessor: string;
  pillars: Record<Pillar, string>;
  items: Record<ProductionItem, string>;
  fiveR: FiveRRow[];
  notes: string;
  evidence: string;
}

export function emptyDraft(assessedOn: string, assessor: string): AssessmentDraft {
  return {
    assessedOn,
    assessor,
    pillars: Object.fromEntries(PILLARS.map((p) => [p, ""])) as Record<Pillar, string>,
    items: Object.fromEntries(PRODUCTION_ITEMS.map((i) => [i, ""])) as Record<ProductionItem, string>,
    fiveR: [],
    notes: "",
    evidence: "",
  };
}

const number = (text: string) => Number(text.trim().replace(",", "."));

export interface AssessmentVariables {
  ikmId: string;
  assessedOn: string;
  assessor: string;
  pillarScores: Record<Pillar, number>;
  itemScores: Partial<Record<ProductionItem, number>> | null;
  fiveRItems: { section: FiveRSection; item: string; score: number }[];
  notes: string | null;
  evidenceUrls: string[];
}

/**
 * The input to send, or the names of the required fields still empty (field names as the API's
 * `extensions.fields` paths, without "input."). A 5R row with neither item nor score is left out.
 */
export function toInput(ikmId: string, d: AssessmentDraft): { input: AssessmentVariables } | { missing: string[] } {
  const missing = [
    ...(d.assessedOn ? [] : ["assessedOn"]),
    ...PILLARS.filter((p) => !d.pillars[p].trim() || Number.isNaN(number(d.pillars[p]))).map((p) => `pillarScores.${p}`),
  ];
  const rows = d.fiveR.filter((r) => r.item.trim() || r.score.trim());
  rows.forEach((r) => {
    const i = rows.indexOf(r);
    if (!r.score.trim() || Number.isNaN(number(r.score))) missing.push(`fiveRItems.${i}.score`);
  });
  if (missing.length) return { missing };
  const items = Object.fromEntries(PRODUCTION_ITEMS.filter((i) => d.items[i].trim()).map((i) => [i, number(d.items[i])]));
  return {
    input: {
      ikmId,
      assessedOn: d.assessedOn,
      assessor: d.assessor,
      pillarScores: Object.fromEntries(PILLARS.map((p) => [p, number(d.pillars[p])])) as Record<Pillar, number>,
      itemScores: Object.keys(items).length ? items : null,
      fiveRItems: rows.map((r) => ({ section: r.section, item: r.item, score: number(r.score) })),
      notes: d.notes.trim() || null,
      evidenceUrls: d.evidence.split(/\s+/).filter(Boolean),
    },
  };
}

/** The API's refusal of each field (`extensions.fields`), keyed by path without the leading "input.". */
export function fieldProblems(error: CombinedError | undefined): Map<string, string> {
  const fields = error?.graphQLErrors[0]?.extensions?.fields;
  const out = new Map<string, string>();
  if (Array.isArray(fields)) {
    for (const f of fields as { path: string; message: string }[]) out.set(f.path.replace(/^input\./, ""), f.message);
  }
  return out;
}
