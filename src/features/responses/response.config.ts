/**
 * The numbers responses are checked against, in one place. They are Jalin's own choices (no
 * external standard sets them), written down here with why, 2026-12-03.
 */
import { CONSORTIUM } from "../../core/supply/config.js";

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
   * most as many as any consortium Jalin deals with (CONSORTIUM.maxMembers, core/supply/config.ts:
   * each member is another delivery to coordinate and check), so the response can be shortlisted
   * and awarded as it is.
   */
  minConsortiumMembers: 2,
  maxConsortiumMembers: CONSORTIUM.maxMembers,
} as const;
