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
import type { Process, SpecificProcess } from "../../../domain/enums.js";

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
  /** Words for the family as a whole. */
  words: readonly SourcedWords[];
  /** Words that name one specific process of the family (and so the family too). */
  specifics?: readonly { specific: SpecificProcess; words: readonly SourcedWords[] }[];
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
 * "machining cnc") is a word of its family too. Words under `specifics` name one specific process
 * of the family (src/core/matching/taxonomy.ts) and read as the family too: "bubut" is turning,
 * under manual machining; machine types on file are read by the same words ("Mesin bubut" is
 * evidence of turning).
 */
export const PROCESS_WORDS: readonly ProcessWords[] = [
  { process: "MACHINING_CNC", words: [
    w("JALIN_GLOSSARY", "machining cnc", "cnc machining", "cnc", "mesin cnc"),
  ], specifics: [
    { specific: "CNC_TURNING", words: [w("JALIN_GLOSSARY", "bubut cnc", "cnc turning"), w("SHOP", "cnc lathe", "cnc bubut", "turning center", "turning centre")] },
    { specific: "CNC_MILLING", words: [w("JALIN_GLOSSARY", "frais cnc", "cnc milling", "machining center"), w("SHOP", "freis cnc", "milling cnc", "cnc frais", "machining centre", "vmc")] },
    { specific: "EDM", words: [w("SHOP", "edm", "wire cut", "wirecut", "wire edm", "edm sinker", "electrical discharge machining")] },
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
    w("JALIN_GLOSSARY", "machining manual", "manual machining", "shaping", "machining", "permesinan", "pemesinan"),
    // Bare "gerinda" is as often a hand grinder in a welding shop: the family only, not grinding.
    w("KBBI", "sekrap", "gerinda"),
    w("ISIC4", "metal machining"),
    w("SHOP", "skrap", "mesin gerinda"),
  ], specifics: [
    { specific: "TURNING", words: [w("JALIN_GLOSSARY", "turning", "lathe"), w("KBBI", "bubut"), w("SHOP", "mesin bubut", "bubut manual")] },
    { specific: "MILLING", words: [w("JALIN_GLOSSARY", "milling"), w("KBBI", "frais"), w("SHOP", "freis", "mesin frais", "mesin freis", "frais manual", "milling machine")] },
    { specific: "GRINDING", words: [w("JALIN_GLOSSARY", "grinding"), w("SHOP", "surface grinding", "cylindrical grinding", "surface grinder", "cylindrical grinder", "gerinda permukaan", "gerinda silinder", "gerinda poros", "gurinda permukaan")] },
    { specific: "DRILLING", words: [w("KBBI", "gurdi", "bor"), w("SHOP", "drilling", "drill", "pengeboran", "mesin bor", "bor duduk")] },
  ] },
  { process: "CASTING", words: [
    w("JALIN_GLOSSARY", "casting", "pengecoran", "foundry"),
    w("KBBI", "cor", "tuang"),
    w("ISIC4", "metal casting", "casting of iron and steel", "casting of non ferrous metals"),
    w("SHOP", "cor logam", "pengecoran logam", "penuangan logam"),
  ], specifics: [
    { specific: "SAND_CASTING", words: [w("JALIN_GLOSSARY", "sand casting"), w("SHOP", "cor pasir", "cetak pasir", "pengecoran pasir", "green sand")] },
    { specific: "DIE_CASTING", words: [w("JALIN_GLOSSARY", "die casting"), w("SHOP", "hpdc", "high pressure die casting", "cetak tekan", "mesin die casting")] },
    { specific: "INVESTMENT_CASTING", words: [w("SHOP", "investment casting", "lost wax", "pengecoran presisi", "cor lilin")] },
  ] },
  { process: "FORGING", words: [
    w("JALIN_GLOSSARY", "forging"),
    w("KBBI", "tempa", "penempaan", "pandai besi"),
  ], specifics: [
    { specific: "HOT_FORGING", words: [w("SHOP", "tempa panas", "hot forging", "drop forging")] },
    { specific: "COLD_FORGING", words: [w("SHOP", "tempa dingin", "cold forging", "cold heading")] },
  ] },
  { process: "STAMPING", words: [
    w("JALIN_GLOSSARY", "stamping", "press", "pres", "pressing", "tekan", "punching", "pons"),
    w("SHOP", "press stamping", "stamping plat"),
  ], specifics: [
    { specific: "PROGRESSIVE_STAMPING", words: [w("SHOP", "progressive", "progresif", "progressive die", "dies progresif", "stamping progresif")] },
    { specific: "DEEP_DRAWING", words: [w("SHOP", "deep drawing", "deep draw", "tarik dalam")] },
  ] },
  { process: "WELDING_FABRICATION", words: [
    w("JALIN_GLOSSARY", "welding fabrication", "welding", "pengelasan", "fabrication", "fabrikasi", "konstruksi baja"),
    w("KBBI", "las"),
    w("SHOP", "las karbit", "bengkel las", "fabrikasi logam"),
  ], specifics: [
    { specific: "MIG_MAG_WELDING", words: [w("AWS_A3", "gmaw", "gas metal arc welding"), w("SHOP", "las mig", "las co2", "mig", "las mag", "mig welding", "mag welding")] },
    { specific: "TIG_WELDING", words: [w("AWS_A3", "gtaw", "gas tungsten arc welding"), w("SHOP", "las argon", "las tig", "tig", "tig welding")] },
    { specific: "SMAW_WELDING", words: [w("AWS_A3", "smaw", "shielded metal arc welding"), w("SHOP", "las listrik", "las elektroda", "las busur")] },
    { specific: "SPOT_WELDING", words: [w("AWS_A3", "resistance spot welding"), w("SHOP", "spot welding", "las titik", "las spot", "spot welder")] },
  ] },
  { process: "SHEET_METAL", words: [
    w("JALIN_GLOSSARY", "sheet metal", "lembaran logam"),
    w("KBBI", "pelat", "plat"),
    // Bare "bending" and "tekuk" are as often pipe or wire bending: the family only.
    w("JALIN_GLOSSARY", "bending"),
    w("KBBI", "tekuk"),
    w("SHOP", "potong plat", "potong pelat", "shearing", "mesin tekuk"),
  ], specifics: [
    { specific: "LASER_CUTTING", words: [w("SHOP", "laser cutting", "laser cut", "potong laser", "cutting laser", "fiber laser", "mesin laser")] },
    { specific: "PLASMA_CUTTING", words: [w("SHOP", "plasma cutting", "potong plasma", "cnc plasma", "plasma")] },
    { specific: "CNC_PUNCHING", words: [w("SHOP", "turret punch", "cnc punching", "punching cnc", "nct")] },
    { specific: "PRESS_BRAKE_BENDING", words: [w("JALIN_GLOSSARY", "tekuk plat"), w("SHOP", "tekuk pelat", "plat bending", "bending plat", "press brake", "mesin tekuk plat", "bending machine plat")] },
  ] },
  { process: "HEAT_TREATMENT", words: [
    w("JALIN_GLOSSARY", "heat treatment", "perlakuan panas", "pengerasan"),
    w("KBBI", "sepuh"),
    w("ISO4885", "quenching", "annealing", "nitriding", "normalizing"),
    w("SHOP", "celup dingin", "nitridasi"),
  ], specifics: [
    { specific: "HARDENING_TEMPERING", words: [w("ISO4885", "hardening", "tempering"), w("SHOP", "sepuh keras", "hardening baja", "hardening tempering")] },
    { specific: "CARBURIZING", words: [w("ISO4885", "carburizing"), w("SHOP", "karburasi", "carburising", "case hardening")] },
    { specific: "INDUCTION_HARDENING", words: [w("ISO4885", "induction hardening"), w("SHOP", "pengerasan induksi", "hardening induksi", "induksi hardening", "induction hardener")] },
  ] },
  { process: "PLATING_PAINTING", words: [
    w("JALIN_GLOSSARY", "plating painting", "plating", "painting", "pelapisan", "pengecatan"),
    w("KBBI", "cat"),
    w("SHOP", "pelapisan logam", "coating", "chrome"),
  ], specifics: [
    { specific: "ELECTROPLATING", words: [
      w("JALIN_GLOSSARY", "electroplating"),
      w("ISO2080", "electro plating", "nickel plating", "zinc plating"),
      w("SHOP", "elektroplating", "sepuh listrik", "celup listrik", "lapis nikel", "lapis seng", "lapis tembaga", "vernekel", "vernikel", "nikel plating", "galvanis listrik"),
    ] },
    { specific: "CHROME_PLATING", words: [
      // Bare "chrome" also names steels ("chrome moly"): it reads as the family only (below).
      w("JALIN_GLOSSARY", "krom"),
      w("ISO2080", "chromium plating"),
      w("SHOP", "lapis krom", "krom plating", "chrome plating", "chroming", "krum", "tangki krom", "lapis nikel krom", "nikel krom", "nickel chrome plating", "hard chrome", "krom keras"),
    ] },
    { specific: "SPRAY_PAINTING", words: [
      w("SHOP", "cat semprot", "pengecatan semprot", "spray painting", "spray", "spray gun", "spray booth", "cat duco", "duco", "cat basah", "wet paint"),
    ] },
    { specific: "POWDER_COATING", words: [
      w("JALIN_GLOSSARY", "powder coating"),
      w("SHOP", "powder coat", "cat bubuk", "cat powder", "pengecatan oven", "cat oven", "powder booth"),
    ] },
    { specific: "HOT_DIP_GALVANIZING", words: [
      w("JALIN_GLOSSARY", "galvanis", "galvanizing"),
      w("ISO2080", "hot dip galvanizing"),
      w("SHOP", "galvanisir", "galvanisasi", "galvanis celup panas", "hdg", "hot dip"),
    ] },
    { specific: "ANODIZING", words: [w("ISO2080", "anodizing", "anodising"), w("SHOP", "anodize", "anodisasi", "anodais")] },
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
