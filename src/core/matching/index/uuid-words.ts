/** Uuids as four unsigned 32-bit words: how the columns store, order and find IKM ids. */

/** A uuid as four unsigned 32-bit words; comparing words in order is comparing the lower-case text. */
export function uuidWords(id: string, out: Uint32Array, at: number): void {
  const hex = id.replace(/-/g, "");
  for (let i = 0; i < 4; i++) out[at + i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16) >>> 0;
}

export function wordsUuid(words: Uint32Array, at: number): string {
  let hex = "";
  for (let i = 0; i < 4; i++) hex += words[at + i].toString(16).padStart(8, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Compares two uuids stored as words (-1, 0, 1), which is comparing their lower-case text. */
export function compareWords(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  for (let i = 0; i < 4; i++) {
    const x = a[ai + i];
    const y = b[bi + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
