/**
 * Suppliers as columns in SharedArrayBuffers, so worker threads scan them without copies.
 * One row per IKM, in id order; capabilities, certificates and cluster memberships are
 * compressed-sparse-row (CSR) children. Need-independent values (delivery, the 5R and reject part
 * of quality) are computed once, here, with the scorer's own functions.
 */
import type { Process } from "../../../domain/enums.js";
import { CertificationType, Process as ProcessEnum, QuantityUnit } from "../../../domain/enums.js";
import { stageRank } from "../../../domain/stages.js";
import { deliveryValue, qualityTrackValue } from "../scorer.js";
import { rejectPpmOf } from "../requirements.js";
import type { SupplierProfile } from "../types.js";
import { materialFamily } from "../vocabulary.js";
import { scoredSums, worsening } from "../recency.js";
import { specificMaskOf } from "./specifics.js";
import { compareWords, uuidWords } from "./uuid-words.js";

export { compareWords, uuidWords, wordsUuid } from "./uuid-words.js";

/**
 * Processes, units and certificate types are stored as their index in these lists (or a bit at
 * it); their order means nothing, only that columns and engine use the same lists. Stages are
 * ordered and compared ("at least MADYA"): they are stored as stageRank, the domain's order
 * (src/domain/stages.ts), never Prisma's declaration order.
 */
export const PROCESSES = Object.values(ProcessEnum) as Process[];
export const UNITS = Object.values(QuantityUnit) as QuantityUnit[];
export const CERT_TYPES = Object.values(CertificationType) as CertificationType[];
export const NO_END = 2_147_483_647;

const processBit = (p: Process): number => 1 << PROCESSES.indexOf(p);
export const processMaskOf = (ps: Iterable<Process>): number => [...ps].reduce((m, p) => m | processBit(p), 0) >>> 0;

/** "33.10" -> 3310, "33" -> 3300. */
export const encodeRegion = (code: string): number => Number(code.slice(0, 2)) * 100 + (code.length > 2 ? Number(code.slice(3, 5)) : 0);

/** A foundation's key among the cluster ids (sentra and koperasi ids are plain uuids). */
export const foundationKey = (id: string): string => `foundation:${id}`;

export interface Columns {
  n: number;
  ids: Uint32Array;
  stage: Uint8Array;
  region: Uint16Array;
  lat: Float64Array;
  lon: Float64Array;
  processMask: Uint32Array;
  /** Specific processes the row confirms or has a machine for (process-evidence.ts), as bits (index/specifics.ts). */
  specificMask: Uint32Array;
  sentraMask: Uint32Array;
  koperasiMask: Uint32Array;
  certMask: Uint8Array;
  track: Float64Array;
  delivery: Float64Array;
  /** Rejected pieces per million delivered (rejectPpmOf, months weighted by age); NaN with no delivery record. */
  rejectPpm: Float64Array;
  /** 1 when the delivery record is worsening (recency.ts): capped below EXCELLENT. */
  worsening: Uint8Array;
  /** 1 when the row was replaced by the overlay (changed or deleted since loading); deadCount: how many (scans skip the check at 0). */
  dead: Uint8Array;
  deadCount: Int32Array;
  capStart: Int32Array;
  capProcess: Uint8Array;
  capCapacity: Int32Array;
  capUnit: Uint8Array;
  capTolerance: Float64Array;
  matStart: Int32Array;
  matFamily: Int32Array;
  certStart: Int32Array;
  certType: Uint8Array;
  certFrom: Int32Array;
  certUntil: Int32Array;
  clusterStart: Int32Array;
  clusterId: Int32Array;
  /**
   * Holds of the partnerships holding capacity (ACTIVE, awards' PENDING) per row (SupplierProfile.commitments), CSR: process and unit indexes,
   * quantity a month, first and last day (NO_END: open-ended), and the need's uuid as four words
   * (all 0: no need). Most rows hold none, and a scan reads them only for rows that do.
   */
  holdStart: Int32Array;
  holdProcess: Uint8Array;
  holdUnit: Uint8Array;
  holdQty: Int32Array;
  holdFrom: Int32Array;
  holdUntil: Int32Array;
  holdNeed: Uint32Array;
  /**
   * Candidates per process: entries procStart[p] .. procStart[p + 1] are the rows working process p,
   * ascending, with copies of what the cheap part of scoring reads (entry-aligned arrays), so a scan
   * streams through memory instead of jumping between a dozen columns per row.
   */
  procStart: Int32Array;
  entry: CandidateEntries;
  /**
   * The entries of rows holding any certificate, copied contiguously, per process (certProcStart):
   * needs that require a certificate stream through these only.
   */
  certProcStart: Int32Array;
  certEntry: CandidateEntries;
  /** Material family names by id (index into this list). */
  families: string[];
  /** Sentra and koperasi uuids by id. */
  clusters: string[];
}

/**
 * Per (process, row) entry: the row, its process mask, and PACKED_STRIDE numbers packed side by side
 * (one 64-byte cache line per entry): what the cheap part of scoring reads for that row and process.
 */
export interface CandidateEntries {
  row: Int32Array;
  processMask: Uint32Array;
  packed: Float64Array;
}

/** Offsets in an entry's packed numbers. */
export const P = { track: 0, delivery: 1, tolerance: 2, capacity: 3, small: 4, sentraMask: 5, koperasiMask: 6, lat: 7 } as const;
export const PACKED_STRIDE = 8;
/** `small` packs unit (3 bits), stage (2 bits), certificate mask (7 bits) and "names materials" (1 bit). */
const packSmall = (unit: number, stage: number, certMask: number, namesAny: boolean): number =>
  unit | (stage << 3) | (certMask << 5) | ((namesAny ? 1 : 0) << 12);
export const smallUnit = (x: number): number => x & 7;
export const smallStage = (x: number): number => (x >> 3) & 3;
export const smallCerts = (x: number): number => (x >> 5) & 127;
export const smallNamesAny = (x: number): boolean => ((x >> 12) & 1) === 1;

const sharedOf = <T>(Ctor: { new (b: SharedArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number }, length: number): T =>
  new Ctor(new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT), 0, length);

type Ctor<T> = { new (buffer: SharedArrayBuffer | ArrayBuffer, offset?: number, length?: number): T; BYTES_PER_ELEMENT: number };

/** A typed array that grows while loading. */
class Growable<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array> {
  data: T;
  length = 0;
  constructor(private readonly ctor: Ctor<T>, capacity: number) {
    this.data = new ctor(new ArrayBuffer(Math.max(16, Math.ceil(capacity)) * ctor.BYTES_PER_ELEMENT));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(new ArrayBuffer(this.data.length * 2 * this.ctor.BYTES_PER_ELEMENT));
      (next as unknown as { set(a: T): void }).set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** Copies into a SharedArrayBuffer of exactly `length` elements. */
  shared(): T {
    const out = new this.ctor(new SharedArrayBuffer(Math.max(1, this.length) * this.ctor.BYTES_PER_ELEMENT), 0, this.length);
    (out as unknown as { set(a: T): void }).set(this.data.subarray(0, this.length) as T);
    return out;
  }
}

/** Builds Columns from profiles appended in ascending id order. */
export class ColumnBuilder {
  private readonly ids: Growable<Uint32Array>;
  private readonly stage: Growable<Uint8Array>;
  private readonly region: Growable<Uint16Array>;
  private readonly lat: Growable<Float64Array>;
  private readonly lon: Growable<Float64Array>;
  private readonly processMask: Growable<Uint32Array>;
  private readonly specificMask: Growable<Uint32Array>;
  private readonly sentraMask: Growable<Uint32Array>;
  private readonly koperasiMask: Growable<Uint32Array>;
  private readonly certMask: Growable<Uint8Array>;
  private readonly track: Growable<Float64Array>;
  private readonly delivery: Growable<Float64Array>;
  private readonly rejectPpm: Growable<Float64Array>;
  private readonly worsening: Growable<Uint8Array>;
  private readonly capStart: Growable<Int32Array>;
  private readonly capProcess: Growable<Uint8Array>;
  private readonly capCapacity: Growable<Int32Array>;
  private readonly capUnit: Growable<Uint8Array>;
  private readonly capTolerance: Growable<Float64Array>;
  private readonly matStart: Growable<Int32Array>;
  private readonly matFamily: Growable<Int32Array>;
  private readonly certStart: Growable<Int32Array>;
  private readonly certType: Growable<Uint8Array>;
  private readonly certFrom: Growable<Int32Array>;
  private readonly certUntil: Growable<Int32Array>;
  private readonly clusterStart: Growable<Int32Array>;
  private readonly clusterId: Growable<Int32Array>;
  private readonly holdStart: Growable<Int32Array>;
  private readonly holdProcess: Growable<Uint8Array>;
  private readonly holdUnit: Growable<Uint8Array>;
  private readonly holdQty: Growable<Int32Array>;
  private readonly holdFrom: Growable<Int32Array>;
  private readonly holdUntil: Growable<Int32Array>;
  private readonly holdNeed: Growable<Uint32Array>;
  private readonly families: string[] = [];
  private readonly familyIds = new Map<string, number>();
  private readonly clusters: string[] = [];
  private readonly clusterIds = new Map<string, number>();
  private readonly word = new Uint32Array(4);
  private readonly lastId = new Uint32Array(4);
  n = 0;

  constructor(expectedRows = 1024) {
    const n = expectedRows;
    this.ids = new Growable(Uint32Array, n * 4);
    this.stage = new Growable(Uint8Array, n);
    this.region = new Growable(Uint16Array, n);
    this.lat = new Growable(Float64Array, n);
    this.lon = new Growable(Float64Array, n);
    this.processMask = new Growable(Uint32Array, n);
    this.specificMask = new Growable(Uint32Array, n);
    this.sentraMask = new Growable(Uint32Array, n);
    this.koperasiMask = new Growable(Uint32Array, n);
    this.certMask = new Growable(Uint8Array, n);
    this.track = new Growable(Float64Array, n);
    this.delivery = new Growable(Float64Array, n);
    this.rejectPpm = new Growable(Float64Array, n);
    this.worsening = new Growable(Uint8Array, n);
    this.capStart = new Growable(Int32Array, n + 1);
    this.capProcess = new Growable(Uint8Array, n * 2);
    this.capCapacity = new Growable(Int32Array, n * 2);
    this.capUnit = new Growable(Uint8Array, n * 2);
    this.capTolerance = new Growable(Float64Array, n * 2);
    this.matStart = new Growable(Int32Array, n * 2 + 1);
    this.matFamily = new Growable(Int32Array, n * 3);
    this.certStart = new Growable(Int32Array, n + 1);
    this.certType = new Growable(Uint8Array, n / 4);
    this.certFrom = new Growable(Int32Array, n / 4);
    this.certUntil = new Growable(Int32Array, n / 4);
    this.clusterStart = new Growable(Int32Array, n + 1);
    this.clusterId = new Growable(Int32Array, n / 4);
    this.holdStart = new Growable(Int32Array, n + 1);
    this.holdProcess = new Growable(Uint8Array, n / 8);
    this.holdUnit = new Growable(Uint8Array, n / 8);
    this.holdQty = new Growable(Int32Array, n / 8);
    this.holdFrom = new Growable(Int32Array, n / 8);
    this.holdUntil = new Growable(Int32Array, n / 8);
    this.holdNeed = new Growable(Uint32Array, n / 2);
    this.holdStart.push(0);
    this.capStart.push(0);
    this.matStart.push(0);
    this.certStart.push(0);
    this.clusterStart.push(0);
  }

  private familyId(name: string): number {
    const family = materialFamily(name);
    let id = this.familyIds.get(family);
    if (id === undefined) {
      id = this.families.length;
      this.families.push(family);
      this.familyIds.set(family, id);
    }
    return id;
  }

  private clusterIdOf(uuid: string): number {
    let id = this.clusterIds.get(uuid);
    if (id === undefined) {
      id = this.clusters.length;
      this.clusters.push(uuid);
      this.clusterIds.set(uuid, id);
    }
    return id;
  }

  append(p: SupplierProfile): void {
    uuidWords(p.id, this.word, 0);
    if (this.n > 0 && compareWords(this.word, 0, this.lastId, 0) <= 0) {
      throw new Error(`profiles must arrive in ascending id order (${p.id})`);
    }
    this.lastId.set(this.word);
    for (let i = 0; i < 4; i++) this.ids.push(this.word[i]);
    this.stage.push(stageRank(p.stage));
    this.region.push(encodeRegion(p.regionCode));
    this.lat.push(p.latitude ?? Number.NaN);
    this.lon.push(p.longitude ?? Number.NaN);
    this.processMask.push(processMaskOf(p.capabilities.map((c) => c.process)));
    this.specificMask.push(specificMaskOf(p));
    this.sentraMask.push(processMaskOf(p.sentraProcesses));
    this.koperasiMask.push(processMaskOf(p.koperasiPeerProcesses));
    let certs = 0;
    for (const c of p.certifications) {
      certs |= 1 << CERT_TYPES.indexOf(c.type);
      this.certType.push(CERT_TYPES.indexOf(c.type));
      this.certFrom.push(c.validFrom);
      this.certUntil.push(c.validUntil ?? NO_END);
    }
    this.certMask.push(certs);
    this.certStart.push(this.certType.length);
    const scored = scoredSums(p.delivery); // as the scorer scores it: months weighted by age
    this.track.push(qualityTrackValue(p.fiveRPercent, scored.qty, scored.rejected));
    this.delivery.push(deliveryValue(scored.lots, scored.onTime));
    this.rejectPpm.push(rejectPpmOf(scored.qty, scored.rejected) ?? Number.NaN);
    this.worsening.push(worsening(p.delivery.recency) ? 1 : 0);
    for (const c of p.capabilities) {
      this.capProcess.push(PROCESSES.indexOf(c.process));
      this.capCapacity.push(c.monthlyCapacity);
      this.capUnit.push(UNITS.indexOf(c.unit));
      this.capTolerance.push(c.toleranceMm ?? Number.NaN);
      for (const m of c.materials) this.matFamily.push(this.familyId(m));
      this.matStart.push(this.matFamily.length);
    }
    this.capStart.push(this.capProcess.length);
    for (const id of p.sentraIds) this.clusterId.push(this.clusterIdOf(id));
    for (const id of p.koperasiIds) this.clusterId.push(this.clusterIdOf(id));
    // Filters only, like sentra and koperasi; keyed apart, so no sentra id can name a foundation.
    for (const id of p.foundationIds) this.clusterId.push(this.clusterIdOf(foundationKey(id)));
    this.clusterStart.push(this.clusterId.length);
    for (const h of p.commitments) {
      this.holdProcess.push(PROCESSES.indexOf(h.process));
      this.holdUnit.push(UNITS.indexOf(h.unit));
      this.holdQty.push(h.quantityPerMonth);
      this.holdFrom.push(h.startDay);
      this.holdUntil.push(h.endDay ?? NO_END);
      if (h.needId) uuidWords(h.needId, this.word, 0);
      else this.word.fill(0);
      for (let i = 0; i < 4; i++) this.holdNeed.push(this.word[i]);
    }
    this.holdStart.push(this.holdProcess.length);
    this.n++;
  }

  finish(): Columns {
    const rows = {
      capProcess: this.capProcess.shared(),
      capStart: this.capStart.shared(),
      stage: this.stage.shared(),
      certMask: this.certMask.shared(),
      processMask: this.processMask.shared(),
      sentraMask: this.sentraMask.shared(),
      koperasiMask: this.koperasiMask.shared(),
      track: this.track.shared(),
      delivery: this.delivery.shared(),
      lat: this.lat.shared(),
      capCapacity: this.capCapacity.shared(),
      capUnit: this.capUnit.shared(),
      capTolerance: this.capTolerance.shared(),
      matStart: this.matStart.shared(),
    };
    const { procStart, certProcStart, entry, certEntry } = candidateEntries(this.n, rows);
    const { stage, lat, processMask, sentraMask, koperasiMask, certMask, track, delivery, capStart, capProcess, capCapacity, capUnit, capTolerance, matStart } = rows;
    return {
      n: this.n,
      ids: this.ids.shared(),
      stage,
      region: this.region.shared(),
      lat,
      lon: this.lon.shared(),
      processMask,
      specificMask: this.specificMask.shared(),
      sentraMask,
      koperasiMask,
      certMask,
      track,
      delivery,
      rejectPpm: this.rejectPpm.shared(),
      worsening: this.worsening.shared(),
      dead: new Uint8Array(new SharedArrayBuffer(Math.max(1, this.n))),
      deadCount: sharedOf(Int32Array, 1),
      capStart,
      capProcess,
      capCapacity,
      capUnit,
      capTolerance,
      matStart,
      matFamily: this.matFamily.shared(),
      certStart: this.certStart.shared(),
      certType: this.certType.shared(),
      certFrom: this.certFrom.shared(),
      certUntil: this.certUntil.shared(),
      clusterStart: this.clusterStart.shared(),
      clusterId: this.clusterId.shared(),
      holdStart: this.holdStart.shared(),
      holdProcess: this.holdProcess.shared(),
      holdUnit: this.holdUnit.shared(),
      holdQty: this.holdQty.shared(),
      holdFrom: this.holdFrom.shared(),
      holdUntil: this.holdUntil.shared(),
      holdNeed: this.holdNeed.shared(),
      procStart,
      entry,
      certProcStart,
      certEntry,
      families: this.families,
      clusters: this.clusters,
    };
  }
}

/** The row columns the candidate entries are packed from. */
type EntrySource = Pick<
  Columns,
  "capProcess" | "capStart" | "stage" | "certMask" | "processMask" | "sentraMask" | "koperasiMask" | "track" | "delivery" | "lat" | "capCapacity" | "capUnit" | "capTolerance" | "matStart"
>;

/** Entries grouped by process, rows ascending within each process: all of them, and those of certified rows apart. */
function candidateEntries(n: number, rows: EntrySource): Pick<Columns, "procStart" | "certProcStart" | "entry" | "certEntry"> {
  const { procStart, certProcStart } = entryOffsets(n, rows);
  const m = rows.capProcess.length;
  const entry: CandidateEntries = {
    row: sharedOf(Int32Array, m),
    processMask: sharedOf(Uint32Array, m),
    packed: sharedOf(Float64Array, m * PACKED_STRIDE),
  };
  const certified = certProcStart[PROCESSES.length];
  const certEntry: CandidateEntries = {
    row: sharedOf(Int32Array, certified),
    processMask: sharedOf(Uint32Array, certified),
    packed: sharedOf(Float64Array, certified * PACKED_STRIDE),
  };
  fillEntries(n, rows, procStart, certProcStart, entry, certEntry);
  return { procStart, certProcStart, entry, certEntry };
}

/** Where each process's entries start (all, and of certified rows): counts per process, summed. */
function entryOffsets(n: number, { capStart, capProcess, certMask }: EntrySource): { procStart: Int32Array; certProcStart: Int32Array } {
  const counts = new Int32Array(PROCESSES.length + 1);
  const certCounts = new Int32Array(PROCESSES.length + 1);
  for (let row = 0; row < n; row++) {
    for (let c = capStart[row]; c < capStart[row + 1]; c++) {
      counts[capProcess[c] + 1]++;
      if (certMask[row] !== 0) certCounts[capProcess[c] + 1]++;
    }
  }
  const procStart = sharedOf(Int32Array, PROCESSES.length + 1);
  const certProcStart = sharedOf(Int32Array, PROCESSES.length + 1);
  for (let p = 0; p < PROCESSES.length; p++) {
    procStart[p + 1] = procStart[p] + counts[p + 1];
    certProcStart[p + 1] = certProcStart[p] + certCounts[p + 1];
  }
  return { procStart, certProcStart };
}

function fillEntries(n: number, rows: EntrySource, procStart: Int32Array, certProcStart: Int32Array, entry: CandidateEntries, certEntry: CandidateEntries): void {
  const { capProcess, capStart, stage, certMask, processMask, sentraMask, koperasiMask, track, delivery, lat, capCapacity, capUnit, capTolerance, matStart } = rows;
  const fill = procStart.slice(0, PROCESSES.length);
  const certFill = certProcStart.slice(0, PROCESSES.length);
  for (let row = 0; row < n; row++) {
    for (let c = capStart[row]; c < capStart[row + 1]; c++) {
      const e = fill[capProcess[c]]++;
      entry.row[e] = row;
      entry.processMask[e] = processMask[row];
      const at = e * PACKED_STRIDE;
      entry.packed[at + P.track] = track[row];
      entry.packed[at + P.delivery] = delivery[row];
      entry.packed[at + P.tolerance] = capTolerance[c];
      entry.packed[at + P.capacity] = capCapacity[c];
      entry.packed[at + P.small] = packSmall(capUnit[c], stage[row], certMask[row], matStart[c + 1] > matStart[c]);
      entry.packed[at + P.sentraMask] = sentraMask[row];
      entry.packed[at + P.koperasiMask] = koperasiMask[row];
      entry.packed[at + P.lat] = lat[row];
      if (certMask[row] !== 0) {
        const ce = certFill[capProcess[c]]++;
        certEntry.row[ce] = row;
        certEntry.processMask[ce] = processMask[row];
        certEntry.packed.set(entry.packed.subarray(at, at + PACKED_STRIDE), ce * PACKED_STRIDE);
      }
    }
  }
}

/** Bytes held by the columns (what "memory per million IKMs" reports). */
export function columnBytes(c: Columns): number {
  let bytes = 0;
  for (const v of [...Object.values(c), ...Object.values(c.entry), ...Object.values(c.certEntry)]) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  return bytes;
}

/** Marks a row replaced by the overlay. */
export function markDead(c: Columns, row: number): void {
  if (c.dead[row]) return;
  Atomics.store(c.dead, row, 1);
  Atomics.add(c.deadCount, 0, 1);
}

/** Row of an IKM id by binary search over the sorted id column; -1 when absent. */
export function findRow(c: Columns, id: string): number {
  const key = new Uint32Array(4);
  uuidWords(id, key, 0);
  let lo = 0;
  let hi = c.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const cmp = compareWords(c.ids, mid * 4, key, 0);
    if (cmp === 0) return mid;
    if (cmp < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
