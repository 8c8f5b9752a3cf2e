/**
 * Indonesian and English words for processes and materials, so wording never hides a supplier:
 * "bubut", "turning" and "manual machining" are one process; "besi cor" and "cast iron" one material.
 * Terms come from the glossary in README and the processes it lists for automotive parts.
 */
import type { Process } from "../../domain/enums.js";

/** Lower-cases, turns punctuation into spaces and collapses spaces: "Cetak-Plastik " -> "cetak plastik". */
export function normaliseTerm(term: string): string {
  return term
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Synonyms per process. More specific phrases are listed before the words they contain, and a
 * process listed earlier wins, so "bubut cnc" is CNC machining and "cetak plastik" is injection.
 */
export const PROCESS_SYNONYMS: ReadonlyArray<readonly [Process, readonly string[]]> = [
  ["MACHINING_CNC", ["machining cnc", "cnc machining", "cnc", "bubut cnc", "frais cnc", "cnc turning", "cnc milling", "machining center", "mesin cnc"]],
  ["PLASTIC_INJECTION", ["plastic injection", "cetak plastik", "injeksi plastik", "injection moulding", "injection molding", "plastic moulding", "plastic molding", "plastik injeksi"]],
  ["RUBBER_MOULDING", ["rubber moulding", "rubber molding", "cetak karet", "karet", "rubber"]],
  ["MOULDS_DIES", ["moulds dies", "molds dies", "mould", "mold", "moulds", "molds", "dies", "die making", "cetakan", "pembuatan cetakan", "jig"]],
  ["MACHINING_MANUAL", ["machining manual", "manual machining", "bubut", "turning", "lathe", "frais", "milling", "sekrap", "shaping", "gerinda", "grinding", "machining", "permesinan", "pemesinan"]],
  ["CASTING", ["casting", "cor", "pengecoran", "foundry", "cor logam", "die casting", "sand casting"]],
  ["FORGING", ["forging", "tempa", "penempaan", "pandai besi"]],
  ["STAMPING", ["stamping", "press", "pres", "pressing", "tekan", "punching", "pons"]],
  ["WELDING_FABRICATION", ["welding fabrication", "welding", "las", "pengelasan", "fabrication", "fabrikasi", "konstruksi baja"]],
  ["SHEET_METAL", ["sheet metal", "pelat", "plat", "lembaran logam", "tekuk plat", "bending"]],
  ["HEAT_TREATMENT", ["heat treatment", "perlakuan panas", "sepuh", "hardening", "pengerasan", "quenching", "tempering"]],
  ["PLATING_PAINTING", ["plating painting", "plating", "painting", "pelapisan", "pengecatan", "galvanis", "galvanizing", "chrome", "krom", "powder coating", "electroplating"]],
  ["WIRING_HARNESS", ["wiring harness", "harness", "kabel", "wire harness", "rangkaian kabel"]],
  ["ASSEMBLY", ["assembly", "perakitan", "rakit", "assembling", "sub assembly"]],
  ["FOOD", ["food", "makanan", "pangan", "olahan pangan"]],
  ["BEVERAGES", ["beverages", "beverage", "minuman", "drinks"]],
  ["COSMETICS", ["cosmetics", "kosmetik", "kosmetika"]],
  ["FASHION", ["fashion", "fesyen", "garmen", "garment", "konveksi", "pakaian", "apparel", "batik", "tekstil", "textile"]],
  ["CRAFTS", ["crafts", "craft", "kerajinan", "kriya", "handicraft"]],
  ["JEWELLERY", ["jewellery", "jewelry", "perhiasan"]],
  ["FURNITURE", ["furniture", "mebel", "meubel", "furnitur", "kayu olahan"]],
  ["HERBAL", ["herbal", "jamu", "obat tradisional"]],
  ["METAL_PRODUCTS", ["metal products", "produk logam", "barang logam", "logam"]],
];

const processByTerm = new Map<string, Process>();
for (const [process, words] of PROCESS_SYNONYMS) {
  for (const word of [process.toLowerCase().replace(/_/g, " "), ...words]) {
    const key = normaliseTerm(word);
    if (!processByTerm.has(key)) processByTerm.set(key, process);
  }
}

/**
 * The process a term names, matching a whole term first ("cetak plastik") and then any known phrase
 * inside it ("jasa bubut presisi" -> MACHINING_MANUAL). Null when no known word is in the term.
 */
export function processOf(term: string): Process | null {
  const key = normaliseTerm(term);
  if (!key) return null;
  const exact = processByTerm.get(key);
  if (exact) return exact;
  const padded = ` ${key} `;
  for (const [process, words] of PROCESS_SYNONYMS) {
    if (words.some((w) => padded.includes(` ${w} `))) return process;
  }
  return null;
}

/**
 * Material families. Grades (FC250, S45C, ADC12) name a family member; Jalin matches at family level
 * and leaves the grade to the buyer's drawing. Earlier families win, so "stainless steel" is
 * stainless and "besi cor" is cast iron, not plain iron.
 */
export const MATERIAL_FAMILIES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["stainless steel", ["stainless steel", "stainless", "baja tahan karat", "sus", "sus304", "sus 304", "sus316", "ss304", "ss 304"]],
  ["cast iron", ["cast iron", "besi cor", "besi tuang", "fc", "fc200", "fc250", "fc300", "fcd", "fcd450", "ductile iron", "grey iron", "gray iron"]],
  ["aluminium", ["aluminium", "aluminum", "alumunium", "aluminium alloy", "adc12", "adc 12", "al"]],
  ["brass", ["brass", "kuningan"]],
  ["bronze", ["bronze", "perunggu"]],
  ["copper wire", ["copper wire", "kabel tembaga"]],
  ["copper", ["copper", "tembaga"]],
  ["steel", ["steel", "baja", "besi baja", "s45c", "s 45c", "ss400", "st37", "st 37", "spcc", "spcc sd", "sphc", "carbon steel", "baja karbon", "mild steel", "besi", "iron", "plat besi", "pelat baja"]],
  ["abs", ["abs", "plastik abs"]],
  ["polypropylene", ["polypropylene", "pp", "plastik pp"]],
  ["polyethylene", ["polyethylene", "pe", "hdpe", "ldpe"]],
  ["nylon", ["nylon", "nilon", "pa6", "pa 6", "polyamide"]],
  ["polycarbonate", ["polycarbonate", "pc"]],
  ["rubber", ["rubber", "karet", "nbr", "epdm", "karet alam", "natural rubber"]],
  ["teak", ["teak", "jati", "kayu jati"]],
  ["wood", ["wood", "kayu", "timber", "plywood", "triplek"]],
  ["cotton", ["cotton", "katun", "kain katun"]],
  ["leather", ["leather", "kulit"]],
];

const familyByTerm = new Map<string, string>();
for (const [family, words] of MATERIAL_FAMILIES) {
  for (const word of [family, ...words]) {
    const key = normaliseTerm(word);
    if (!familyByTerm.has(key)) familyByTerm.set(key, family);
  }
}
const materialCache = new Map<string, string>();

/**
 * The material family a name belongs to ("Besi Cor FC250" -> "cast iron"); a name with no known
 * word stays itself, normalised, so two suppliers writing "bambu" still match each other.
 */
export function materialFamily(name: string): string {
  const cached = materialCache.get(name);
  if (cached !== undefined) return cached;
  const key = normaliseTerm(name);
  let family = familyByTerm.get(key);
  if (!family) {
    const padded = ` ${key} `;
    for (const [f, words] of MATERIAL_FAMILIES) {
      if ([f, ...words].some((w) => padded.includes(` ${normaliseTerm(w)} `))) {
        family = f;
        break;
      }
    }
  }
  const result = family ?? key;
  if (materialCache.size < 100_000) materialCache.set(name, result);
  return result;
}
