/**
 * The pure rules of a response's terms: what an INTEREST and a QUOTATION must and may carry, and
 * which needs can be answered. No I/O: the service parses with these and tests call them directly.
 */
import { z } from "zod";
import { ResponseKind } from "../../domain/enums.js";
import { dayText, todayUtc } from "../../domain/dates.js";
import type { NeedStatus } from "../../domain/enums.js";
import { LIMITS } from "../../domain/limits.js";
import { optionalText } from "../common/validation.js";
import { RESPONSES } from "./response.config.js";

const DAY_MS = 86_400_000;

/** An https link a person can open: http, javascript:, data: and the like are refused. */
export const documentUrl = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(RESPONSES.maxUrlLength, `must be at most ${RESPONSES.maxUrlLength} characters`)
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === "https:" && url.hostname.length > 0 && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "must be an https URL such as https://example.co.id/drawing.pdf (no user name or password in it)");

/** The terms of a response, as given: checked field by field, then against its kind. */
export function termsSchema(today: Date) {
  const lastValid = new Date(today.getTime() + RESPONSES.maxValidityDays * DAY_MS);
  return z
    .object({
      kind: z.enum(ResponseKind),
      unitPriceIdr: z.number().int("must be whole rupiah").positive("must be above 0").max(RESPONSES.maxUnitPriceIdr, `must be at most ${RESPONSES.maxUnitPriceIdr}`).nullish(),
      quantityPerMonth: z.number().int("must be a whole number").positive("must be above 0").max(RESPONSES.maxQuantityPerMonth).nullish(),
      leadTimeDays: z.number().int("must be whole days").min(0, "must not be negative").max(RESPONSES.maxLeadTimeDays, `must be at most ${RESPONSES.maxLeadTimeDays} days`).nullish(),
      validUntil: z
        .date({ message: "must be a date such as 2027-01-15" })
        .refine((d) => d >= today, `must be today (${dayText(today)}) or later`)
        .refine((d) => d <= lastValid, `must be at most ${RESPONSES.maxValidityDays} days ahead (${dayText(lastValid)})`)
        .nullish(),
      notes: optionalText(LIMITS.maxTextLength),
      documentUrls: z
        .array(documentUrl)
        .max(RESPONSES.maxDocuments, `give at most ${RESPONSES.maxDocuments} links`)
        .refine((urls) => new Set(urls).size === urls.length, "list each link once")
        .nullish()
        .transform((urls) => urls ?? []),
    })
    .superRefine((v, ctx) => {
      const need = (path: string, why: string) => ctx.addIssue({ code: "custom", path: [path], message: why });
      if (v.kind === "QUOTATION") {
        if (v.unitPriceIdr == null) need("unitPriceIdr", "required for a QUOTATION");
        if (v.quantityPerMonth == null) need("quantityPerMonth", "required for a QUOTATION");
        if (v.leadTimeDays == null) need("leadTimeDays", "required for a QUOTATION");
        if (v.validUntil == null) need("validUntil", "required for a QUOTATION");
      } else {
        if (v.unitPriceIdr != null) need("unitPriceIdr", "only a QUOTATION carries a price; send kind QUOTATION");
        if (v.validUntil != null) need("validUntil", "only a QUOTATION has a validity; send kind QUOTATION");
      }
    });
}

export type ParsedTerms = z.output<ReturnType<typeof termsSchema>>;

/** Today's date at UTC midnight (the dates a response carries are days). */
export { todayUtc };

/** A need takes new responses and revisions only while OPEN. */
export const ANSWERABLE: readonly NeedStatus[] = ["OPEN"];

/** A response can be withdrawn while its need is still being decided (OPEN or SHORTLISTED). */
export const WITHDRAWABLE: readonly NeedStatus[] = ["OPEN", "SHORTLISTED"];

/** One member's share of a consortium response, its IKM id decoded (the resolver checks the global id). */
export interface ShareInput {
  ikmId: string;
  quantityPerMonth: number;
}

/** The members of a consortium response as given: 2 to 50 shares, each a whole positive monthly quantity. */
export const sharesSchema = z
  .array(
    z.object({
      ikmId: z.string(),
      quantityPerMonth: z.number().int("must be a whole number").positive("must be above 0").max(RESPONSES.maxQuantityPerMonth, `must be at most ${RESPONSES.maxQuantityPerMonth}`),
    }),
  )
  .min(RESPONSES.minConsortiumMembers, `give at least ${RESPONSES.minConsortiumMembers} members (an IKM alone answers for itself)`)
  .max(RESPONSES.maxConsortiumMembers, `give at most ${RESPONSES.maxConsortiumMembers} members`);

/** A problem with one field of a consortium's members, as BAD_USER_INPUT names it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The consortium rules beyond each share's shape: each IKM once, each a member of the koperasi now
 * (`memberIds`; `nameOf` words the IKM for the message), and the response's monthly quantity equal
 * to the sum of the shares (when given; left out, it is the sum). Answers the issues (empty: fine)
 * and the quantity the response offers.
 */
export function checkConsortium(
  shares: readonly ShareInput[],
  memberIds: ReadonlySet<string>,
  quantityGiven: number | null | undefined,
  nameOf: (ikmId: string) => string,
): { issues: FieldIssue[]; quantityPerMonth: number } {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  shares.forEach((share, i) => {
    if (seen.has(share.ikmId)) issues.push({ path: `input.members.${i}.ikmId`, message: `${nameOf(share.ikmId)} is listed twice; give each member once with its whole share` });
    else if (!memberIds.has(share.ikmId)) issues.push({ path: `input.members.${i}.ikmId`, message: `${nameOf(share.ikmId)} is not a member of this koperasi` });
    seen.add(share.ikmId);
  });
  const sum = shares.reduce((total, share) => total + share.quantityPerMonth, 0);
  if (sum > RESPONSES.maxQuantityPerMonth) issues.push({ path: "input.members", message: `the shares add up to ${sum}, more than ${RESPONSES.maxQuantityPerMonth} a month` });
  if (quantityGiven != null && quantityGiven !== sum) {
    issues.push({ path: "input.quantityPerMonth", message: `must equal the sum of the members' shares (${sum}); leave it out to offer that sum` });
  }
  return { issues, quantityPerMonth: sum };
}

/**
 * Members belong to a koperasi's response only: an IKM's own response with members, or a
 * koperasi's without them, is BAD_USER_INPUT (an issue naming input.members).
 */
export function membersShapeIssue(responder: "ikm" | "koperasi", members: readonly unknown[] | null | undefined): FieldIssue | null {
  if (responder === "ikm" && members != null) {
    return { path: "input.members", message: "only a koperasi answers for a consortium of members; leave members out to answer for your IKM alone" };
  }
  if (responder === "koperasi" && members == null) {
    return { path: "input.members", message: `required for a koperasi's response: its member IKMs (at least ${RESPONSES.minConsortiumMembers}) and each one's quantity a month` };
  }
  return null;
}
