/**
 * The pure rules of a shortlist and an award: what a candidate's input must carry, how a
 * consortium's shares must add up, which members' samples stand in the way of an award, and which
 * needs take candidates. No I/O: the services parse with these and tests call them directly.
 */
import { z } from "zod";
import type { FieldProblem } from "../../domain/errors.js";
import type { NeedStatus, SampleStatus } from "../../domain/enums.js";
import { LIMITS } from "../../domain/limits.js";
import { CONSORTIUM } from "../../core/supply/config.js";
import { optionalText } from "../common/validation.js";

/** A need takes candidates while OPEN (the first one moves it to SHORTLISTED) or SHORTLISTED. */
export const SHORTLISTABLE: readonly NeedStatus[] = ["OPEN", "SHORTLISTED"];

const uuid = z.uuid("must be an id");
const date = z.date({ message: "must be a date such as 2027-01-15" });

/** A candidate as given, ids already decoded: one IKM (ikmId), or a consortium (members). */
export const candidateSchema = z
  .object({
    ikmId: uuid.nullish(),
    responseId: uuid.nullish(),
    members: z
      .array(z.object({ ikmId: uuid, quantityPerMonth: z.number().int("must be a whole number").positive("must be above 0") }))
      .max(CONSORTIUM.maxMembers, `a consortium has at most ${CONSORTIUM.maxMembers} members`)
      .nullish(),
    koperasiId: uuid.nullish(),
    note: optionalText(LIMITS.maxTextLength),
    expectedVersion: z.number().int().min(0).nullish(),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.ikmId && v.members) issue("members", "give either ikmId (one IKM) or members (a consortium), not both");
    if (!v.ikmId && !v.members && !v.responseId) issue("ikmId", "give ikmId for one IKM, members for a consortium, or responseId for the IKM or koperasi that answered");
    if (v.members) {
      if (v.members.length < 2) issue("members", "a consortium has at least 2 members; shortlist one IKM with ikmId");
      if (new Set(v.members.map((m) => m.ikmId)).size !== v.members.length) issue("members", "list each IKM once");
      if (v.responseId) issue("responseId", "a response belongs to one IKM; leave it out for a consortium");
    }
    if (v.ikmId && v.koperasiId) issue("koperasiId", "a koperasi leads a consortium; leave it out for one IKM");
    if (!v.ikmId && !v.members && v.koperasiId) issue("koperasiId", "a koperasi's response names its koperasi; leave koperasiId out");
  });

export type CandidateInput = z.output<typeof candidateSchema>;

/** The shares of a consortium must add up to the need's monthly quantity (each is positive by the schema). */
export function shareProblems(needQuantity: number, unit: string, members: ReadonlyArray<{ quantityPerMonth: number }>): FieldProblem[] {
  const total = members.reduce((sum, m) => sum + m.quantityPerMonth, 0);
  if (total === needQuantity) return [];
  return [{ path: "input.members", message: `the shares add up to ${total} ${unit} a month, not the need's ${needQuantity}` }];
}

/** The reason a removal or a decision gives: required, trimmed, at most LIMITS.maxTextLength. */
export const reasonSchema = z.string().trim().min(1, "say why").max(LIMITS.maxTextLength, `must be at most ${LIMITS.maxTextLength} characters`);

/** An award's terms, ids already decoded. */
export const awardSchema = z
  .object({
    needId: uuid,
    candidateId: uuid,
    startDate: date.nullish(),
    endDate: date.nullish(),
    expectedVersion: z.number().int().min(0),
    reason: optionalText(LIMITS.maxTextLength),
  })
  .refine((v) => !v.endDate || !v.startDate || v.endDate >= v.startDate, { message: "must not be before startDate", path: ["endDate"] });

/**
 * The period an award's partnerships run: the dates the award gives, else the need's period (its
 * start and end). An end before the start (a start given after the need's end) is BAD_USER_INPUT.
 */
export function awardPeriod(need: { startDate: Date; endDate: Date | null }, input: { startDate?: Date | null; endDate?: Date | null }): { startDate: Date; endDate: Date | null } | FieldProblem {
  const startDate = input.startDate ?? need.startDate;
  const endDate = input.endDate !== undefined && input.endDate !== null ? input.endDate : need.endDate;
  if (endDate && endDate < startDate) return { path: "input.endDate", message: `the partnerships would end (${endDate.toISOString().slice(0, 10)}) before they start (${startDate.toISOString().slice(0, 10)}); give an endDate after the startDate` };
  return { startDate, endDate };
}

export type AwardInput = z.output<typeof awardSchema>;

/**
 * The members whose samples stand in the way of an award: a member with sample requests whose
 * newest one is not APPROVED (a member asked for none is no obstacle; nor is a candidate asked for
 * none). `samples` may come in any order; the newest per member is the latest createdAt.
 */
export function unapprovedSamples(
  memberIkmIds: readonly string[],
  samples: ReadonlyArray<{ ikmId: string; status: SampleStatus; createdAt: Date }>,
): Array<{ ikmId: string; status: SampleStatus }> {
  const newest = new Map<string, { status: SampleStatus; createdAt: Date }>();
  for (const s of samples) {
    const seen = newest.get(s.ikmId);
    if (!seen || s.createdAt > seen.createdAt) newest.set(s.ikmId, s);
  }
  return memberIkmIds.flatMap((ikmId) => {
    const last = newest.get(ikmId);
    return last && last.status !== "APPROVED" ? [{ ikmId, status: last.status }] : [];
  });
}

/** The hard requirements a match fails, as sentences (empty: eligible). */
export function unmetRequirements(match: { requirements: ReadonlyArray<{ met: boolean; message: string }> }): string[] {
  return match.requirements.filter((r) => !r.met).map((r) => r.message);
}
