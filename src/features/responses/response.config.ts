/**
 * The numbers responses are checked against, in one place. They are Jalin's own choices (no
 * external standard sets them), written down here with why, 2026-12-03.
 */
export const RESPONSES = {
  /**
   * Highest unit price, in whole rupiah: 10^15 stays below 2^53, so the price travels exactly as a
   * GraphQL Float and a JavaScript number (it is stored as a PostgreSQL bigint); no component is
   * priced anywhere near it, so a larger value is a typing mistake.
   */
  maxUnitPriceIdr: 1_000_000_000_000_000,
  /** Highest monthly quantity offered, as a need's own quantityPerMonth allows. */
  maxQuantityPerMonth: 100_000_000,
  /** Longest lead time, in days: two years; a longer one is no answer to an open need. */
  maxLeadTimeDays: 730,
  /** A quotation is valid for at most this many days ahead (a year and a day). */
  maxValidityDays: 366,
  /** Document links per response (drawings, certificates, catalogues); each an https URL. */
  maxDocuments: 10,
  maxUrlLength: 2000,
  /**
   * A koperasi's consortium response: at least two member IKMs (one alone answers for itself), at
   * most 50 (the largest demo koperasi has 12 members; a consortium of more than 50 workshops is
   * no longer one offer a buyer can assess).
   */
  minConsortiumMembers: 2,
  maxConsortiumMembers: 50,
} as const;
