/**
 * The pure rules of a response's terms: what an INTEREST and a QUOTATION must and may carry, and
 * which needs can be answered. No I/O: the service parses with these and tests call them directly.
 */
import { z } from "zod";
import { ResponseKind } from "../../domain/enums.js";
import { dayText } from "../../domain/dates.js";
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
export const todayUtc = (now: Date = new Date()): Date => new Date(`${dayText(now)}T00:00:00.000Z`);

/** A need takes new responses and revisions only while OPEN. */
export const ANSWERABLE: readonly NeedStatus[] = ["OPEN"];

/** A response can be withdrawn while its need is still being decided (OPEN or SHORTLISTED). */
export const WITHDRAWABLE: readonly NeedStatus[] = ["OPEN", "SHORTLISTED"];
