/**
 * The column engine's certificate reads (engine.ts), over the certificate columns: validity on the
 * start date (a hard requirement) and the share of the need's period covered, through renewals, by
 * certificates.ts's one rule, so the engine's verdicts are the pure scorer's. Pure.
 */
import { MATCHING } from "../config.js";
import { type Validity, coveredShare, validThrough } from "../certificates.js";
import { CERT_TYPES, type Columns, NO_END } from "./columns.js";

const POINTS = Object.entries(MATCHING.quality.certificationPoints);
/** The certificate types that earn quality points (CERT_TYPES indexes), in the scorer's order... */
const CERT_POINT_TYPES = POINTS.map(([t]) => CERT_TYPES.indexOf(t as (typeof CERT_TYPES)[number]));
/** ...and their points. Constants of the process, so never posted to the workers with a query. */
const CERT_POINTS = POINTS.map(([, p]) => p);
/** Points of every certificate type in a mask, valid or not: an upper bound needing no row lookup. */
export const CERT_POINTS_BY_MASK = Float64Array.from({ length: 1 << CERT_TYPES.length }, (_, mask) =>
  CERT_POINT_TYPES.reduce((sum, type, t) => ((mask & (1 << type)) !== 0 ? sum + CERT_POINTS[t] : sum), 0));

/** What these reads need of a compiled query (engine.ts's CompiledQuery). */
interface CertQuery {
  startDay: number;
  /** -1: open-ended. */
  endDay: number;
  certTypes: number[];
}

/**
 * The required certificate types (`types`) the row holds none of valid on `day`: all of them
 * counted for near-misses, else up to the first missing (one is enough to exclude the row).
 */
export function missingCertificates(c: Columns, row: number, entryCerts: number, types: number[], day: number, countAll: boolean): number {
  let missing = 0;
  for (let t = 0; t < types.length && (countAll || missing === 0); t++) {
    const type = types[t];
    let valid = false;
    if ((entryCerts & (1 << type)) !== 0) {
      for (let x = c.certStart[row]; x < c.certStart[row + 1]; x++) {
        if (c.certType[x] === type && c.certFrom[x] <= day && c.certUntil[x] >= day) valid = true;
      }
    }
    if (!valid) missing++;
  }
  return missing;
}

/** The share of the need's period the row's certificates of one type cover, through renewals (certificates.ts's rule over the columns). */
function rowCertShare(c: Columns, q: CertQuery, row: number, type: number): number {
  const held: Validity[] = [];
  for (let x = c.certStart[row]; x < c.certStart[row + 1]; x++) {
    if (c.certType[x] === type) held.push({ validFrom: c.certFrom[x], validUntil: c.certUntil[x] === NO_END ? null : c.certUntil[x] });
  }
  return held.length ? coveredShare(validThrough(held, q.startDay), q.startDay, q.endDay < 0 ? null : q.endDay) : 0;
}

/**
 * Quality's certificate points for the row (each type's points times the share of the period it
 * covers, in the scorer's order) and whether a required type lapses inside the period (caps the band).
 */
export function certificatePoints(c: Columns, q: CertQuery, row: number, certs: number): { points: number; lapsing: boolean } {
  let points = 0;
  let lapsing = false;
  if (certs === 0) return { points, lapsing };
  for (let t = 0; t < CERT_POINT_TYPES.length; t++) {
    const type = CERT_POINT_TYPES[t];
    if ((certs & (1 << type)) === 0) continue;
    const share = rowCertShare(c, q, row, type);
    if (share > 0) points += CERT_POINTS[t] * share;
  }
  for (const type of q.certTypes) {
    const share = rowCertShare(c, q, row, type);
    if (share > 0 && share < 1) lapsing = true;
  }
  return { points, lapsing };
}
