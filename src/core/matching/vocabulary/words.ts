/**
 * The reviewed vocabulary: every word Jalin reads as a process family or a material family, each
 * with where it comes from. Edit this file by review; administrators add words at run time with
 * `addSynonym` (stored in "VocabularyEntry", audited), which never overrides a word listed here.
 *
 * Rules of the file (test/unit/vocabulary-words.test.ts keeps them):
 * - a word appears once in the whole file (of processes, and again once of materials);
 * - a term is read by its whole text first, then by the longest known phrase inside it, and
 *   between phrases of equal length by the family listed first: "bubut cnc" is CNC machining,
 *   "jasa sepuh listrik" electroplating (not the heat treatment "sepuh"), "besi cor" cast iron;
 * - words are written as people type them; they are compared after normaliseTerm (case,
 *   accents and punctuation do not count).
 */
import type { Process } from "../../../domain/enums.js";

/** Where words come from: named public references with their date, or observed usage. */
export const SOURCES = {
  JALIN_GLOSSARY: "Jalin README glossary and its list of typical IKM processes for automotive parts (Jalin, 2026)",
  SHOP: "Observed in Jalin's demo data / shop usage, 2026",
  KBBI: "KBBI Daring (Kamus Besar Bahasa Indonesia), Badan Pengembangan dan Pembinaan Bahasa, consulted 2026",
  ISIC4: "ISIC Rev. 4 (UN Statistics Division, 2008), the classification KBLI 2020 (BPS) follows: 2431/2432 casting, 2591 forging, pressing, stamping, 2592 treatment and coating of metals; machining, 2220 plastics products",
  KBLI2020: "KBLI 2020 (Peraturan BPS No. 2 Tahun 2020), Indonesian class titles of divisions 10-33",
  ESMART: "e-Smart IKM commodity categories (Kemenperin), nine commodities, as listed in Jalin's README sources, 2026",
  ISO4885: "ISO 4885:2018 Ferrous materials - Heat treatments - Vocabulary",
  ISO2080: "ISO 2080:2008 Metallic and other inorganic coatings - Surface treatment, metallic and other inorganic coatings - Vocabulary",
  AWS_A3: "AWS A3.0M/A3.0:2020 Standard Welding Terms and Definitions (process names GMAW, GTAW, SMAW)",
  ISO1043: "ISO 1043-1:2011 Plastics - Symbols and abbreviated terms - Part 1: Basic polymers",
  ISO1629: "ISO 1629:2013 Rubber and latices - Nomenclature",
  JIS_STEEL: "JIS steel designations: G 4051 (S45C), G 3101 (SS400), G 3141 (SPCC, SPCC-SD), G 3131 (SPHC), consulted 2026",
  JIS_IRON: "JIS cast iron designations: G 5501 (grey iron FC200, FC250, FC300), G 5502 (spheroidal graphite iron FCD450), consulted 2026",
  JIS_SUS: "JIS stainless steel designations: G 4303/G 4304/G 4305 (SUS304, SUS316), consulted 2026",
  JIS_ADC: "JIS H 5302 aluminium alloy die castings (ADC12), consulted 2026",
  DIN17100: "DIN 17100:1980 (withdrawn, replaced by EN 10025): structural steel St37",
} as const;

export type SourceKey = keyof typeof SOURCES;

/** Words from one source. */
export interface SourcedWords {
  source: SourceKey;
  words: readonly string[];
}

export interface ProcessWords {
  process: Process;
  words: readonly SourcedWords[];
}

export interface MaterialWords {
  /** The family's name, as the matcher compares materials (also a word of its own). */
  family: string;
  words: readonly SourcedWords[];
}

const w = (source: SourceKey, ...words: string[]): SourcedWords => ({ source, words });

/**
 * Process families, in the order that breaks ties between phrases of equal length (CNC before
 * manual machining, casting before metal products). The enum value itself ("MACHINING_CNC",
 * "machining cnc") is a word of its family too.
 */
export const PROCESS_WORDS: readonly ProcessWords[] = [
  { process: "MACHINING_CNC", words: [
    w("JALIN_GLOSSARY", "machining cnc", "cnc machining", "cnc", "bubut cnc", "frais cnc", "cnc turning", "cnc milling", "machining center", "mesin cnc"),
    w("SHOP", "freis cnc", "milling cnc", "cnc lathe", "cnc bubut", "cnc frais"),
  ] },
  { process: "PLASTIC_INJECTION", words: [
    w("JALIN_GLOSSARY", "plastic injection", "cetak plastik", "injeksi plastik", "injection moulding", "injection molding", "plastic moulding", "plastic molding", "plastik injeksi"),
    w("SHOP", "injection", "injeksi", "moulding plastik", "molding plastik"),
  ] },
  { process: "RUBBER_MOULDING", words: [
    w("JALIN_GLOSSARY", "rubber moulding", "rubber molding", "cetak karet", "karet", "rubber"),
    w("SHOP", "moulding karet", "molding karet"),
  ] },
  { process: "MOULDS_DIES", words: [
    w("JALIN_GLOSSARY", "moulds dies", "molds dies", "mould", "mold", "moulds", "molds", "dies", "die making", "cetakan", "pembuatan cetakan", "jig"),
    w("SHOP", "pembuatan dies", "pembuatan mould", "tool and die", "mould making", "mold making", "jig fixture"),
  ] },
  { process: "MACHINING_MANUAL", words: [
    w("JALIN_GLOSSARY", "machining manual", "manual machining", "turning", "lathe", "milling", "shaping", "grinding", "machining", "permesinan", "pemesinan"),
    w("KBBI", "bubut", "frais", "sekrap", "gerinda", "gurdi", "bor"),
    w("ISIC4", "metal machining"),
    w("SHOP", "mesin bubut", "freis", "mesin frais", "mesin freis", "skrap", "drilling", "drill", "pengeboran", "bubut manual", "frais manual"),
  ] },
  { process: "CASTING", words: [
    w("JALIN_GLOSSARY", "casting", "pengecoran", "foundry", "die casting", "sand casting"),
    w("KBBI", "cor", "tuang"),
    w("ISIC4", "metal casting", "casting of iron and steel", "casting of non ferrous metals"),
    w("SHOP", "cor logam", "pengecoran logam", "cor pasir", "cetak pasir", "penuangan logam", "investment casting", "lost wax", "pengecoran presisi"),
  ] },
  { process: "FORGING", words: [
    w("JALIN_GLOSSARY", "forging"),
    w("KBBI", "tempa", "penempaan", "pandai besi"),
    w("SHOP", "tempa panas", "hot forging", "tempa dingin", "cold forging"),
  ] },
  { process: "STAMPING", words: [
    w("JALIN_GLOSSARY", "stamping", "press", "pres", "pressing", "tekan", "punching", "pons"),
    w("SHOP", "deep drawing", "press stamping", "stamping plat"),
  ] },
  { process: "WELDING_FABRICATION", words: [
    w("JALIN_GLOSSARY", "welding fabrication", "welding", "pengelasan", "fabrication", "fabrikasi", "konstruksi baja"),
    w("KBBI", "las"),
    w("AWS_A3", "gmaw", "gtaw", "smaw", "gas metal arc welding", "gas tungsten arc welding", "shielded metal arc welding"),
    w("SHOP", "las listrik", "las argon", "las mig", "las tig", "las co2", "mig", "tig", "las karbit", "bengkel las", "fabrikasi logam"),
  ] },
  { process: "SHEET_METAL", words: [
    w("JALIN_GLOSSARY", "sheet metal", "lembaran logam", "tekuk plat", "bending"),
    w("KBBI", "pelat", "plat", "tekuk"),
    w("SHOP", "potong plat", "potong pelat", "tekuk pelat", "laser cutting", "laser cut", "potong laser", "cutting laser", "shearing", "plat bending", "bending plat"),
  ] },
  { process: "HEAT_TREATMENT", words: [
    w("JALIN_GLOSSARY", "heat treatment", "perlakuan panas", "pengerasan"),
    w("KBBI", "sepuh"),
    w("ISO4885", "hardening", "quenching", "tempering", "annealing", "carburizing", "nitriding", "induction hardening", "normalizing"),
    w("SHOP", "sepuh keras", "celup dingin", "hardening baja", "karburasi", "nitridasi"),
  ] },
  { process: "PLATING_PAINTING", words: [
    w("JALIN_GLOSSARY", "plating painting", "plating", "painting", "pelapisan", "pengecatan", "galvanis", "galvanizing", "chrome", "krom", "powder coating", "electroplating"),
    w("ISO2080", "electro plating", "hot dip galvanizing", "chromium plating", "nickel plating", "zinc plating", "anodizing", "anodising"),
    w("KBBI", "cat"),
    w("SHOP",
      "cat semprot", "pengecatan semprot", "spray painting", "spray", "powder coat", "cat bubuk", "cat powder", "elektroplating",
      "sepuh listrik", "celup listrik", "lapis krom", "krom plating", "chrome plating", "galvanisir", "galvanisasi", "galvanis celup panas",
      "pelapisan logam", "lapis nikel", "lapis seng", "anodize", "anodisasi", "coating", "pengecatan oven", "cat oven"),
  ] },
  { process: "WIRING_HARNESS", words: [
    w("JALIN_GLOSSARY", "wiring harness", "harness", "kabel", "wire harness", "rangkaian kabel"),
    w("SHOP", "perakitan kabel", "kabel harness"),
  ] },
  { process: "ASSEMBLY", words: [
    w("JALIN_GLOSSARY", "assembly", "perakitan", "rakit", "assembling", "sub assembly"),
    w("SHOP", "sub assy", "assy", "merakit"),
  ] },
  { process: "FOOD", words: [w("ESMART", "food", "makanan", "pangan", "olahan pangan")] },
  { process: "BEVERAGES", words: [w("ESMART", "beverages", "beverage", "minuman", "drinks")] },
  { process: "COSMETICS", words: [w("ESMART", "cosmetics", "kosmetik", "kosmetika")] },
  { process: "FASHION", words: [w("ESMART", "fashion", "fesyen", "garmen", "garment", "konveksi", "pakaian", "apparel", "batik", "tekstil", "textile")] },
  { process: "CRAFTS", words: [w("ESMART", "crafts", "craft", "kerajinan", "kriya", "handicraft")] },
  { process: "JEWELLERY", words: [w("ESMART", "jewellery", "jewelry", "perhiasan")] },
  { process: "FURNITURE", words: [w("ESMART", "furniture", "mebel", "meubel", "furnitur", "kayu olahan")] },
  { process: "HERBAL", words: [w("ESMART", "herbal", "jamu", "obat tradisional")] },
  { process: "METAL_PRODUCTS", words: [w("ESMART", "metal products", "produk logam", "barang logam", "logam")] },
];

/**
 * Material families. Grades (FC250, S45C, ADC12) name a family member; Jalin matches at family
 * level and leaves the grade to the buyer's drawing. Earlier families win ties, so "stainless
 * steel" is stainless, and the longer phrase wins, so "besi cor" is cast iron, not plain iron.
 */
export const MATERIAL_WORDS: readonly MaterialWords[] = [
  { family: "stainless steel", words: [
    w("JALIN_GLOSSARY", "stainless", "baja tahan karat"),
    w("JIS_SUS", "sus", "sus304", "sus 304", "sus316", "sus 316"),
    w("SHOP", "ss304", "ss 304", "ss316", "tahan karat", "stainles", "stenlis", "setenlis", "stainless stell"),
  ] },
  { family: "cast iron", words: [
    w("JALIN_GLOSSARY", "ductile iron", "grey iron", "gray iron"),
    w("KBBI", "besi cor", "besi tuang"),
    w("JIS_IRON", "fc", "fc200", "fc250", "fc300", "fcd", "fcd450"),
    w("SHOP", "fc 200", "fc 250", "fcd 450", "besi cor kelabu"),
  ] },
  { family: "aluminium", words: [
    w("JALIN_GLOSSARY", "aluminum", "aluminium alloy", "al"),
    w("JIS_ADC", "adc12", "adc 12"),
    w("SHOP", "alumunium", "almunium", "alminium", "aluminum alloy", "paduan aluminium"),
  ] },
  { family: "brass", words: [w("KBBI", "kuningan")] },
  { family: "bronze", words: [w("KBBI", "perunggu")] },
  { family: "copper wire", words: [w("JALIN_GLOSSARY", "kabel tembaga"), w("SHOP", "kawat tembaga")] },
  { family: "copper", words: [w("KBBI", "tembaga"), w("SHOP", "tembaga merah")] },
  { family: "steel", words: [
    w("KBBI", "baja", "besi"),
    w("JALIN_GLOSSARY", "besi baja", "carbon steel", "baja karbon", "mild steel", "iron", "plat besi", "pelat baja"),
    w("JIS_STEEL", "s45c", "s 45c", "ss400", "spcc", "spcc sd", "sphc"),
    w("DIN17100", "st37", "st 37"),
    w("SHOP", "besi plat", "plat baja", "baja lunak", "besi siku", "besi beton", "s45 c", "ss 400"),
  ] },
  { family: "abs", words: [w("ISO1043", "plastik abs")] },
  { family: "polypropylene", words: [w("ISO1043", "pp", "plastik pp")] },
  { family: "polyethylene", words: [w("ISO1043", "pe"), w("SHOP", "hdpe", "ldpe")] },
  { family: "nylon", words: [w("ISO1043", "pa6", "pa 6", "polyamide"), w("SHOP", "nilon")] },
  { family: "polycarbonate", words: [w("ISO1043", "pc")] },
  { family: "rubber", words: [
    w("KBBI", "karet", "karet alam"),
    w("ISO1629", "nbr", "epdm"),
    w("JALIN_GLOSSARY", "natural rubber"),
  ] },
  { family: "teak", words: [w("KBBI", "jati", "kayu jati")] },
  { family: "wood", words: [w("KBBI", "kayu", "triplek"), w("JALIN_GLOSSARY", "timber", "plywood")] },
  { family: "cotton", words: [w("KBBI", "katun"), w("JALIN_GLOSSARY", "kain katun")] },
  { family: "leather", words: [w("KBBI", "kulit")] },
];
