/**
 * The consortium form's draft and what it sends. Numbers go to the API as typed (thousands
 * separators aside): the API checks every bound and names the fields it refuses; only a share that
 * is not a whole number is stopped here, since the API could not be sent it.
 */
import type { KoperasiResponse, Member, Proposal } from "../queries";
import type { Terms } from "./queries";

export interface Draft { shares: Record<string, string>; price: string; lead: string; validUntil: string; notes: string }

/** A member sent in the response, with its name (to name its fields in an error). */
export interface SentMember { ikmId: string; legalName: string; quantityPerMonth: number }

/** A whole number as typed, thousands separators (`.` or `,`) and spaces ignored; null when empty or not a number. */
export function wholeNumber(text: string): number | null {
  const cleaned = text.replace(/[\s.,]/g, "");
  if (!/^-?\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** A day `days` from today (UTC), as YYYY-MM-DD. */
export function dayFromToday(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The terms of the response on record (live, or withdrawn and sent again), or Jalin's proposal (its
 * members' shares; none without one) with empty terms and a month's validity.
 */
export function initialDraft(proposal: Proposal | null, previous: KoperasiResponse | null): Draft {
  if (previous) {
    return {
      shares: Object.fromEntries(previous.members.map((m) => [m.ikm.id, String(m.quantityPerMonth)])),
      price: previous.unitPriceIdr != null ? String(previous.unitPriceIdr) : "", lead: previous.leadTimeDays != null ? String(previous.leadTimeDays) : "",
      validUntil: previous.validUntil ?? dayFromToday(30), notes: previous.notes ?? "",
    };
  }
  const shares = Object.fromEntries((proposal?.members ?? []).map((m) => [m.ikm.id, String(m.share)]));
  return { shares, price: "", lead: "", validUntil: dayFromToday(30), notes: "" };
}

/** The members with a share typed, in the form's order; `bad` names the first whose share is not a whole number. */
export function sharesOf(draft: Draft, members: readonly Member[]): { sent: SentMember[]; bad?: Member } {
  const sent: SentMember[] = [];
  for (const m of members) {
    const text = (draft.shares[m.id] ?? "").trim();
    if (!text) continue;
    const quantity = wholeNumber(text);
    if (quantity === null) return { sent, bad: m };
    sent.push({ ikmId: m.id, legalName: m.legalName, quantityPerMonth: quantity });
  }
  return { sent };
}

/** A quotation's terms; the offered quantity is left to the API (the sum of the shares). */
export function termsOf(draft: Draft, sent: readonly SentMember[]): Terms {
  return {
    kind: "QUOTATION", unitPriceIdr: wholeNumber(draft.price), leadTimeDays: wholeNumber(draft.lead), validUntil: draft.validUntil || null,
    notes: draft.notes.trim() || null, members: sent.map(({ ikmId, quantityPerMonth }) => ({ ikmId, quantityPerMonth })),
  };
}


/** The member a field path names (`input.members.1.quantityPerMonth` → the second member sent), if any. */
export function memberOfPath(path: string, sent: readonly SentMember[]): SentMember | undefined {
  const match = /^input\.members\.(\d+)(\.|$)/.exec(path);
  return match ? sent[Number(match[1])] : undefined;
}
