/**
 * The pure rules of sample requests: what a request, a submission and a decision must carry, how a
 * checklist is built from the catalogue and the firm's own items, and when a sample is overdue or
 * late. No I/O: the service parses with these and tests call them directly.
 */
import { z } from "zod";
import type { SampleStatus } from "../../domain/enums.js";
import { dayText, todayUtc } from "../../domain/dates.js";
import { optionalText } from "../common/validation.js";
import { documentUrl } from "../responses/response.rules.js";
import { DEFAULT_CHECKLIST, PPAP_ELEMENTS, PPAP_SOURCE, SAMPLES } from "./sample.config.js";

const DAY_MS = 86_400_000;
const CATALOGUE = new Map(PPAP_ELEMENTS.map((e) => [e.code, e]));
const CODE = /^[A-Z0-9][A-Z0-9 _-]*$/;

/** Today's date at UTC midnight (a sample's due date is a day). */
export { todayUtc };

/** One item of a sample's checklist as it is stored. */
export interface ChecklistItem {
  code: string;
  title: string;
  required: boolean;
  position: number;
}

const customItem = z.object({
  code: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(SAMPLES.maxCodeLength, `must be at most ${SAMPLES.maxCodeLength} characters`)
    .regex(CODE, "use capitals, digits, spaces, - and _ only, e.g. SALT_SPRAY_TEST")
    .refine((code) => !CATALOGUE.has(code), "is a catalogue code; name it in checklist instead"),
  title: z.string().trim().min(1, "must not be empty").max(SAMPLES.maxTitleLength, `must be at most ${SAMPLES.maxTitleLength} characters`),
  required: z.boolean().nullish().transform((r) => r ?? true),
});

/** A requestSamples input (without the candidate), as given: checked field by field, then as a whole. */
export function requestSchema(today: Date) {
  const lastDue = new Date(today.getTime() + SAMPLES.maxDueDays * DAY_MS);
  return z
    .object({
      pieces: z.number().int("must be a whole number").positive("must be at least 1").max(SAMPLES.maxPieces, `must be at most ${SAMPLES.maxPieces}`),
      dueDate: z
        .date({ message: "must be a date such as 2027-01-15" })
        .refine((d) => d >= today, `must be today (${dayText(today)}) or later`)
        .refine((d) => d <= lastDue, `must be at most ${SAMPLES.maxDueDays} days ahead (${dayText(lastDue)})`),
      checklist: z
        .array(z.string().trim().refine((code) => CATALOGUE.has(code), "is not a catalogue code; see sampleChecklist for the codes (e.g. PPAP-09 DIMENSIONAL_RESULTS)"))
        .nullish(),
      customItems: z.array(customItem).nullish(),
      checklistSource: z.string().trim().max(SAMPLES.maxSourceLength, `must be at most ${SAMPLES.maxSourceLength} characters`).nullish().transform((v) => v || null),
      instructions: optionalText(SAMPLES.maxTextLength),
    })
    .superRefine((v, ctx) => {
      const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      const codes = [...(v.checklist ?? []), ...(v.customItems ?? []).map((i) => i.code)];
      if (v.checklist != null && v.customItems != null && codes.length === 0) problem("checklist", "name at least one item, or leave checklist and customItems out for Jalin's default");
      if (new Set(codes).size !== codes.length) problem("checklist", "name each item once");
      if (codes.length > SAMPLES.maxItems) problem("checklist", `at most ${SAMPLES.maxItems} items in all`);
      if ((v.customItems?.length ?? 0) > 0 && !v.checklistSource) {
        problem("checklistSource", "say where your own items come from (e.g. your supplier quality manual); it defaults to the catalogue's only when every item is a catalogue code");
      }
    })
    .transform((v) => ({
      pieces: v.pieces,
      dueDate: v.dueDate,
      instructions: v.instructions,
      checklistSource: v.checklistSource ?? PPAP_SOURCE,
      items: buildChecklist(v.checklist, v.customItems),
    }));
}

export type ParsedRequest = z.output<ReturnType<typeof requestSchema>>;

/**
 * The checklist of a request: the catalogue codes named (in the catalogue's order, all required),
 * then the firm's own items in the order given; Jalin's default selection when neither is given.
 */
export function buildChecklist(codes?: readonly string[] | null, custom?: readonly { code: string; title: string; required: boolean }[] | null): ChecklistItem[] {
  const named = codes == null && custom == null ? DEFAULT_CHECKLIST : (codes ?? []);
  const fromCatalogue = PPAP_ELEMENTS.filter((e) => named.includes(e.code)).map((e) => ({ code: e.code, title: e.title, required: true }));
  return [...fromCatalogue, ...(custom ?? [])].map((item, position) => ({ ...item, position }));
}

const itemCode = z.string().trim().min(1, "must not be empty");

/** submitSample's input: a note, and a document link per item. */
export const submissionSchema = z.object({
  note: optionalText(SAMPLES.maxTextLength),
  items: z
    .array(z.object({ code: itemCode, documentUrl }))
    .max(SAMPLES.maxItems, `at most ${SAMPLES.maxItems} items`)
    .refine((items) => new Set(items.map((i) => i.code)).size === items.length, "name each item once"),
});

/** decideSample's input: the verdict, the reason, and a verdict per item. */
export const decisionSchema = z
  .object({
    approve: z.boolean(),
    reason: optionalText(SAMPLES.maxTextLength),
    items: z
      .array(z.object({ code: itemCode, accepted: z.boolean(), remark: optionalText(SAMPLES.maxRemarkLength) }))
      .max(SAMPLES.maxItems, `at most ${SAMPLES.maxItems} items`)
      .refine((items) => new Set(items.map((i) => i.code)).size === items.length, "name each item once")
      .nullish()
      .transform((items) => items ?? []),
  })
  .superRefine((v, ctx) => {
    if (!v.approve && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "say why the sample is rejected; the IKM reads it to send a better one" });
  });

export type ParsedSubmission = z.output<typeof submissionSchema>;
export type ParsedDecision = z.output<typeof decisionSchema>;

/** Indexes of given items whose code is not on the sample's checklist. */
export const unknownCodes = (given: readonly { code: string }[], checklist: readonly { code: string }[]): number[] => {
  const known = new Set(checklist.map((i) => i.code));
  return given.flatMap((item, index) => (known.has(item.code) ? [] : [index]));
};

/** Required items a submission leaves without a document. */
export const missingDocuments = (checklist: readonly { code: string; required: boolean }[], given: readonly { code: string }[]): string[] => {
  const documented = new Set(given.map((i) => i.code));
  return checklist.filter((i) => i.required && !documented.has(i.code)).map((i) => i.code);
};

/** Required items an approval leaves not accepted (not named, or named with accepted: false). */
export const notAccepted = (checklist: readonly { code: string; required: boolean }[], verdicts: readonly { code: string; accepted: boolean }[]): string[] => {
  const accepted = new Set(verdicts.filter((v) => v.accepted).map((v) => v.code));
  return checklist.filter((i) => i.required && !accepted.has(i.code)).map((i) => i.code);
};

/** A sample still to be sent after its due day. */
export const isOverdue = (sample: { status: SampleStatus; dueDate: Date }, today: Date): boolean =>
  sample.status === "REQUESTED" && dayText(sample.dueDate) < dayText(today);

/** A sample sent after its due day (accepted, but marked). */
export const isLate = (sample: { submittedAt: Date | null; dueDate: Date }): boolean =>
  sample.submittedAt != null && dayText(sample.submittedAt) > dayText(sample.dueDate);

/** Statuses a sample can be submitted from, decided from, and cancelled from. */
export const SUBMITTABLE: readonly SampleStatus[] = ["REQUESTED"];
export const DECIDABLE: readonly SampleStatus[] = ["SUBMITTED"];
export const CANCELLABLE: readonly SampleStatus[] = ["REQUESTED", "SUBMITTED"];
/** A sample in these blocks a new request for the same candidate and IKM. */
export const OPEN_SAMPLE: readonly SampleStatus[] = ["REQUESTED", "SUBMITTED"];
