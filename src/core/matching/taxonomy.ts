/**
 * The process taxonomy (issue 23): the specific processes under each process family, so a buyer can
 * ask for chrome plating and not be offered a powder-coating shop. Edit this file by review; its
 * migration loads it into the "ProcessTaxonomy" table (test/integration/taxonomy.test.ts keeps the
 * two equal: a change here needs a migration that writes the same rows).
 *
 * Families are the Process enum, so queries that name a family keep working; a family may have no
 * specific processes (assembly, the e-Smart commodities). The index keeps a supplier's confirmed
 * specific processes as bits of one 32-bit word (index/columns.ts): at most 32 here.
 *
 * KBLI: the KBLI 2020 class (Peraturan BPS No. 2 Tahun 2020) a shop doing the process registers
 * under, where one maps. KBLI 2020 follows ISIC Rev. 4 at class level: 24310 casting of iron and
 * steel (ISIC 2431), 24320 casting of non-ferrous metals (2432), 25910 forging, pressing, stamping
 * and roll-forming of metal (2591), 25920 treatment and coating of metals; machining (2592), whose
 * ISIC explanatory note lists plating, anodizing, heat treatment, turning, milling, grinding,
 * welding and laser cutting of metal work pieces. Sand and investment castings are iron or steel as
 * often as not: the class follows the metal, so they name none.
 */
import type { Process, SpecificProcess } from "../../domain/enums.js";

/** Classifications and standards that name the processes, with their dates. */
export const TAXONOMY_SOURCES = {
  ISIC4_KBLI2020: "ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920",
  DIN8580: "DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)",
  ISO4885: "ISO 4885:2018 Ferrous materials - Heat treatments - Vocabulary",
  ISO2080: "ISO 2080:2008 Metallic and other inorganic coatings - Surface treatment, metallic and other inorganic coatings - Vocabulary",
  ISO1461: "ISO 1461:2022 Hot dip galvanized coatings on fabricated iron and steel articles",
  ISO12944: "ISO 12944-5:2019 Paints and varnishes - Corrosion protection of steel structures by protective paint systems",
  ISO8130: "ISO 8130 (all parts) Coating powders, the series that defines and tests the powders of powder coating",
  AWS_A3: "AWS A3.0M/A3.0:2020 Standard Welding Terms and Definitions (GMAW, GTAW, SMAW, RSW)",
  ISO4063: "ISO 4063:2023 Welding, brazing, soldering and cutting - Nomenclature of processes and reference numbers (111 SMAW, 13x MIG/MAG, 141 TIG, 21 spot welding, 83 plasma cutting, 84 laser cutting)",
  NADCA: "NADCA Product Specification Standards for Die Castings (North American Die Casting Association, 2018)",
} as const;

type TaxonomySource = keyof typeof TAXONOMY_SOURCES;

export interface SpecificProcessEntry {
  code: SpecificProcess;
  family: Process;
  /** Indonesian name, as a buyer or a shop writes it. */
  nameId: string;
  nameEn: string;
  /** KBLI 2020 class, 5 digits, or null where none maps. */
  kbli: string | null;
  sources: readonly TaxonomySource[];
}

const s = (code: SpecificProcess, family: Process, nameId: string, nameEn: string, kbli: string | null, ...sources: TaxonomySource[]): SpecificProcessEntry =>
  ({ code, family, nameId, nameEn, kbli, sources });

/** Every specific process, grouped by family in the Process enum's order. */
export const SPECIFIC_PROCESSES: readonly SpecificProcessEntry[] = [
  s("SAND_CASTING", "CASTING", "Pengecoran cetakan pasir", "Sand casting", null, "DIN8580", "ISIC4_KBLI2020"),
  s("DIE_CASTING", "CASTING", "Die casting (cetak tekan)", "High-pressure die casting", "24320", "NADCA", "DIN8580", "ISIC4_KBLI2020"),
  s("INVESTMENT_CASTING", "CASTING", "Pengecoran presisi (lost wax)", "Investment casting (lost wax)", null, "DIN8580", "ISIC4_KBLI2020"),
  s("HOT_FORGING", "FORGING", "Tempa panas", "Hot forging", "25910", "DIN8580", "ISIC4_KBLI2020"),
  s("COLD_FORGING", "FORGING", "Tempa dingin", "Cold forging (cold heading)", "25910", "DIN8580", "ISIC4_KBLI2020"),
  s("PROGRESSIVE_STAMPING", "STAMPING", "Stamping progresif", "Progressive-die stamping", "25910", "DIN8580", "ISIC4_KBLI2020"),
  s("DEEP_DRAWING", "STAMPING", "Deep drawing (tarik dalam)", "Deep drawing", "25910", "DIN8580", "ISIC4_KBLI2020"),
  s("TURNING", "MACHINING_MANUAL", "Bubut", "Turning", "25920", "DIN8580", "ISIC4_KBLI2020"),
  s("MILLING", "MACHINING_MANUAL", "Frais", "Milling", "25920", "DIN8580", "ISIC4_KBLI2020"),
  s("GRINDING", "MACHINING_MANUAL", "Gerinda", "Grinding", "25920", "DIN8580", "ISIC4_KBLI2020"),
  s("DRILLING", "MACHINING_MANUAL", "Bor (gurdi)", "Drilling", "25920", "DIN8580", "ISIC4_KBLI2020"),
  s("CNC_TURNING", "MACHINING_CNC", "Bubut CNC", "CNC turning", "25920", "DIN8580", "ISIC4_KBLI2020"),
  s("CNC_MILLING", "MACHINING_CNC", "Frais CNC (machining center)", "CNC milling (machining centre)", "25920", "DIN8580", "ISIC4_KBLI2020"),
  s("EDM", "MACHINING_CNC", "EDM (wire cut, sinker)", "Electrical discharge machining (wire, sinker)", "25920", "DIN8580", "ISIC4_KBLI2020"),
  s("MIG_MAG_WELDING", "WELDING_FABRICATION", "Las MIG/MAG (CO2)", "MIG/MAG welding (GMAW)", "25920", "AWS_A3", "ISO4063", "ISIC4_KBLI2020"),
  s("TIG_WELDING", "WELDING_FABRICATION", "Las TIG (argon)", "TIG welding (GTAW)", "25920", "AWS_A3", "ISO4063", "ISIC4_KBLI2020"),
  s("SMAW_WELDING", "WELDING_FABRICATION", "Las listrik (elektroda)", "Shielded metal arc welding (SMAW)", "25920", "AWS_A3", "ISO4063", "ISIC4_KBLI2020"),
  s("SPOT_WELDING", "WELDING_FABRICATION", "Las titik (spot)", "Resistance spot welding", "25920", "AWS_A3", "ISO4063", "ISIC4_KBLI2020"),
  s("LASER_CUTTING", "SHEET_METAL", "Potong laser", "Laser cutting", "25920", "ISO4063", "DIN8580", "ISIC4_KBLI2020"),
  s("PLASMA_CUTTING", "SHEET_METAL", "Potong plasma", "Plasma cutting", "25920", "ISO4063", "DIN8580", "ISIC4_KBLI2020"),
  s("CNC_PUNCHING", "SHEET_METAL", "Punching CNC (turret)", "CNC turret punching", "25910", "DIN8580", "ISIC4_KBLI2020"),
  s("PRESS_BRAKE_BENDING", "SHEET_METAL", "Tekuk plat (press brake)", "Press-brake bending", "25910", "DIN8580", "ISIC4_KBLI2020"),
  s("HARDENING_TEMPERING", "HEAT_TREATMENT", "Sepuh keras dan temper", "Hardening and tempering", "25920", "ISO4885", "ISIC4_KBLI2020"),
  s("CARBURIZING", "HEAT_TREATMENT", "Karburasi", "Carburizing (case hardening)", "25920", "ISO4885", "ISIC4_KBLI2020"),
  s("INDUCTION_HARDENING", "HEAT_TREATMENT", "Pengerasan induksi", "Induction hardening", "25920", "ISO4885", "ISIC4_KBLI2020"),
  s("ELECTROPLATING", "PLATING_PAINTING", "Lapis listrik seng/nikel/tembaga", "Electroplating (zinc, nickel, copper)", "25920", "ISO2080", "ISIC4_KBLI2020"),
  s("CHROME_PLATING", "PLATING_PAINTING", "Lapis krom", "Chromium plating", "25920", "ISO2080", "ISIC4_KBLI2020"),
  s("SPRAY_PAINTING", "PLATING_PAINTING", "Cat semprot", "Wet spray painting", "25920", "ISO12944", "ISIC4_KBLI2020"),
  s("POWDER_COATING", "PLATING_PAINTING", "Cat bubuk (powder coating)", "Powder coating", "25920", "ISO8130", "ISIC4_KBLI2020"),
  s("HOT_DIP_GALVANIZING", "PLATING_PAINTING", "Galvanis celup panas", "Hot-dip galvanizing", "25920", "ISO1461", "ISIC4_KBLI2020"),
  s("ANODIZING", "PLATING_PAINTING", "Anodisasi", "Anodizing (aluminium)", "25920", "ISO2080", "ISIC4_KBLI2020"),
];

const BY_CODE = new Map(SPECIFIC_PROCESSES.map((e) => [e.code, e]));

/** The entry of a specific process. */
export function specificProcess(code: SpecificProcess): SpecificProcessEntry {
  const entry = BY_CODE.get(code);
  if (!entry) throw new Error(`${code} is not in the process taxonomy`);
  return entry;
}

/** The family a specific process belongs to. */
export const familyOf = (code: SpecificProcess): Process => specificProcess(code).family;

/** The specific processes of a family, in the file's order (empty for a family with none). */
export const specificsOf = (family: Process): SpecificProcess[] => SPECIFIC_PROCESSES.filter((e) => e.family === family).map((e) => e.code);

/** Whether a subject (a requirement's or a gap's) names a specific process rather than a family. */
export const isSpecificProcess = (subject: string): subject is SpecificProcess => BY_CODE.has(subject as SpecificProcess);

/** A family, or the family of a specific process. */
export const familyOfSubject = (subject: Process | SpecificProcess): Process =>
  isSpecificProcess(subject) ? familyOf(subject) : subject;

/** "chromium plating (CHROME_PLATING)": how explanations name a specific process. */
export const specificName = (code: SpecificProcess): string => `${specificProcess(code).nameEn.toLowerCase()} (${code})`;

/**
 * A need's processes as messages name them: each family, with the specific processes the need names
 * under it ("PLATING_PAINTING (CHROME_PLATING) and STAMPING"), joined by `separator`.
 */
export function processesText(need: { processes: readonly Process[]; specificProcesses?: readonly SpecificProcess[] | null }, separator: string): string {
  return need.processes.map((family) => {
    const named = (need.specificProcesses ?? []).filter((code) => familyOf(code) === family);
    return named.length ? `${family} (${named.join(", ")})` : family;
  }).join(separator);
}
