/**
 * A synthetic IKM population for benchmarks (`npm run seed -- --ikms N`): N realistic IKMs with their
 * capabilities, machines, KBLI codes, certifications, 5R audits, delivery records, sentra and koperasi,
 * written with COPY (one transaction per chunk, so a failure never leaves half a chunk behind).
 *
 * - Additive: every run adds N IKMs. Ids are v8 UUIDs `5eed00KK-0000-8000-8000-<serial>` (KK = table),
 *   continuing after the highest population serial already in the database; child ids derive from
 *   their IKM's serial, sentra/koperasi ids from their chunk's serials, NIBs rise strictly with the
 *   serial. Runs therefore never collide, whatever their seeds.
 * - Deterministic: the same seed, starting state, N and chunk size give the same rows (each chunk has
 *   its own PRNG stream, so the commit order of the parallel writers does not matter).
 * - A failed run keeps the chunks committed before the failure (whole) and nothing of the others; with
 *   two writers that can leave a gap in the serials, which the next run simply skips.
 * - Every figure and share is in POPULATION below, with its source (README, Sources).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { PROVINCES, REGENCIES } from "../../src/domain/regions.js";
import type { CertificationType, MaturityStage, Process, QuantityUnit } from "../../src/domain/enums.js";
import { type Random, mixSeed, rng } from "./random.js";

/* ------------------------------------------------------------------------------------------------ */
/* Figures and shares                                                                               */
/* ------------------------------------------------------------------------------------------------ */

type Size = 0 | 1 | 2; // micro, small, medium (BPS classes)
type ProvinceFigures = {
  /** Thousands of IKM units. */
  unitsK: number;
  /** Kabupaten (codes PP.01..) and kota (codes PP.71..): Kemendagri counts, approximate. */
  regencies: number;
  cities: number;
  /** Approximate centre [lat, lon] of where the province's industry is, and the spread of its regencies. */
  centre: readonly [number, number];
  spread: readonly [number, number];
};

export const POPULATION = {
  /** "Today" for certificate expiry and the delivery window (a fixed date, so runs repeat). */
  referenceDate: "2026-11-22",

  /** BPS 2021 (README, Sources): 3,956,083 micro, 206,605 small, 19,577 medium units. */
  sizeUnits: [3_956_083, 206_605, 19_577] as const,
  /**
   * BPS 2021 (~2.4 workers per unit) and BPS size classes (micro < 5, small 5-19, medium 20-99).
   * Micro 1-4 workers with these weights average ~1.93; small 5 + Exp(3.3) ~7.8; medium 20 + Exp(16) ~35;
   * together ~2.4 per unit.
   */
  microWorkerWeights: [0.45, 0.28, 0.16, 0.11] as const,
  smallWorkers: { min: 5, max: 19, meanExtra: 3.3 },
  mediumWorkers: { min: 20, max: 99, meanExtra: 16 },

  /**
   * BPS 2020 (README, Sources): Central Java 898k, East Java 828k, West Java 626k, Bali 150k, DIY 137k,
   * Java ~63% (so DKI + Banten ~145k). The other 31 provinces share the remaining ~1.4M with plausible
   * weights (population and known craft/food industry); regency counts follow Kemendagri's 514 (line 60).
   */
  provinces: {
    "11": { unitsK: 70, regencies: 18, cities: 5, centre: [4.6, 96.7], spread: [0.8, 0.9] },
    "12": { unitsK: 150, regencies: 25, cities: 8, centre: [2.4, 99.2], spread: [1.0, 0.9] },
    "13": { unitsK: 95, regencies: 12, cities: 7, centre: [-0.7, 100.6], spread: [0.7, 0.6] },
    "14": { unitsK: 40, regencies: 10, cities: 2, centre: [0.4, 101.6], spread: [0.7, 0.9] },
    "15": { unitsK: 30, regencies: 9, cities: 2, centre: [-1.6, 103.2], spread: [0.6, 0.9] },
    "16": { unitsK: 80, regencies: 13, cities: 4, centre: [-3.2, 104.2], spread: [0.8, 0.9] },
    "17": { unitsK: 18, regencies: 9, cities: 1, centre: [-3.7, 102.4], spread: [0.6, 0.5] },
    "18": { unitsK: 102, regencies: 13, cities: 2, centre: [-5.0, 105.1], spread: [0.5, 0.6] },
    "19": { unitsK: 12, regencies: 6, cities: 1, centre: [-2.4, 106.3], spread: [0.5, 0.7] },
    "21": { unitsK: 12, regencies: 5, cities: 2, centre: [1.0, 104.2], spread: [0.4, 0.6] },
    "31": { unitsK: 50, regencies: 1, cities: 5, centre: [-6.2, 106.84], spread: [0.06, 0.08] },
    "32": { unitsK: 626, regencies: 18, cities: 9, centre: [-6.9, 107.5], spread: [0.35, 0.9] },
    "33": { unitsK: 898, regencies: 29, cities: 6, centre: [-7.2, 110.1], spread: [0.35, 0.9] },
    "34": { unitsK: 137, regencies: 4, cities: 1, centre: [-7.85, 110.4], spread: [0.12, 0.15] },
    "35": { unitsK: 828, regencies: 29, cities: 9, centre: [-7.6, 112.4], spread: [0.3, 1.2] },
    "36": { unitsK: 95, regencies: 4, cities: 4, centre: [-6.3, 106.2], spread: [0.3, 0.4] },
    "51": { unitsK: 150, regencies: 8, cities: 1, centre: [-8.45, 115.2], spread: [0.15, 0.35] },
    "52": { unitsK: 125, regencies: 8, cities: 2, centre: [-8.6, 117.0], spread: [0.2, 1.0] },
    "53": { unitsK: 125, regencies: 21, cities: 1, centre: [-9.3, 121.5], spread: [0.6, 2.0] },
    "61": { unitsK: 55, regencies: 12, cities: 2, centre: [0.0, 110.3], spread: [0.9, 1.0] },
    "62": { unitsK: 20, regencies: 13, cities: 1, centre: [-1.9, 113.4], spread: [0.8, 1.2] },
    "63": { unitsK: 60, regencies: 11, cities: 2, centre: [-3.1, 115.2], spread: [0.6, 0.5] },
    "64": { unitsK: 22, regencies: 7, cities: 3, centre: [0.2, 116.6], spread: [1.0, 0.8] },
    "65": { unitsK: 5, regencies: 4, cities: 1, centre: [3.0, 116.5], spread: [0.6, 0.6] },
    "71": { unitsK: 25, regencies: 11, cities: 4, centre: [1.1, 124.6], spread: [0.4, 0.7] },
    "72": { unitsK: 35, regencies: 12, cities: 1, centre: [-1.2, 121.2], spread: [0.9, 1.2] },
    "73": { unitsK: 185, regencies: 21, cities: 3, centre: [-4.4, 119.9], spread: [1.0, 0.5] },
    "74": { unitsK: 40, regencies: 15, cities: 2, centre: [-4.1, 122.3], spread: [0.7, 0.6] },
    "75": { unitsK: 18, regencies: 5, cities: 1, centre: [0.6, 122.6], spread: [0.2, 0.7] },
    "76": { unitsK: 18, regencies: 6, cities: 0, centre: [-2.6, 119.2], spread: [0.7, 0.3] },
    "81": { unitsK: 20, regencies: 9, cities: 2, centre: [-3.4, 129.0], spread: [0.8, 2.0] },
    "82": { unitsK: 12, regencies: 8, cities: 2, centre: [0.9, 127.8], spread: [0.9, 0.6] },
    "91": { unitsK: 8, regencies: 8, cities: 1, centre: [-2.6, 140.2], spread: [0.5, 1.0] },
    "92": { unitsK: 4, regencies: 7, cities: 0, centre: [-1.5, 133.5], spread: [0.6, 0.8] },
    "93": { unitsK: 3, regencies: 4, cities: 0, centre: [-7.4, 139.8], spread: [0.6, 0.8] },
    "94": { unitsK: 3, regencies: 8, cities: 0, centre: [-3.8, 136.3], spread: [0.6, 1.0] },
    "95": { unitsK: 3, regencies: 8, cities: 0, centre: [-4.1, 138.9], spread: [0.4, 0.6] },
    "96": { unitsK: 3, regencies: 5, cities: 1, centre: [-1.0, 131.6], spread: [0.6, 0.9] },
  } satisfies Record<string, ProvinceFigures>,
  /** Regencies listed in src/domain/regions.ts (the known clusters) weigh this much more than others. */
  knownRegencyWeight: 2.5,
  cityWeight: 0.6,

  /**
   * Primary process, % of units. BPS 2021: food ~40% of units; the nine e-Smart
   * commodities; line 42-44: the automotive-part processes, together ~9% of (micro) units.
   */
  processSharePct: {
    FOOD: 40, FASHION: 16, CRAFTS: 13, FURNITURE: 8, BEVERAGES: 5, METAL_PRODUCTS: 3, HERBAL: 2.5,
    JEWELLERY: 2, COSMETICS: 1.5,
    WELDING_FABRICATION: 2.2, MACHINING_MANUAL: 1.6, CASTING: 0.8, SHEET_METAL: 0.8, FORGING: 0.7,
    STAMPING: 0.5, PLATING_PAINTING: 0.5, PLASTIC_INJECTION: 0.4, MACHINING_CNC: 0.3, RUBBER_MOULDING: 0.3,
    ASSEMBLY: 0.3, MOULDS_DIES: 0.2, WIRING_HARNESS: 0.15, HEAT_TREATMENT: 0.15,
  } satisfies Record<Process, number>,
  /** Automotive-part processes are likelier for larger units (overall ~9-10% of units). */
  automotiveFactorBySize: [1, 2.5, 4],
  /** Regional specialities (clusters in README, Sources; Bali/DIY crafts and silver; Jepara furniture, Pekalongan batik). */
  processFactors: {
    provinces: {
      "51": { CRAFTS: 2, JEWELLERY: 3, FASHION: 1.2 },
      "34": { CRAFTS: 1.8, JEWELLERY: 2, FASHION: 1.2 },
    },
    /** Metal clusters named in README, Sources (Tegal, Klaten/Ceper, Purbalingga, Sidoarjo, Juwana/Pati, Pasuruan, Sukabumi, Bandung). */
    metalClusters: ["33.28", "33.76", "33.10", "33.03", "35.15", "33.18", "35.14", "32.02", "32.04"],
    metalClusterAutomotive: 4,
    /** The industrial belt around the OEM plants (Jakarta, Bekasi, Karawang, Tangerang). */
    industrialBelt: ["31.71", "31.72", "31.73", "31.74", "31.75", "32.15", "32.16", "36.03"],
    industrialBeltAutomotive: 2,
    regencies: {
      "33.20": { FURNITURE: 5 }, // Jepara
      "33.26": { FASHION: 3 }, "33.75": { FASHION: 3 }, // Pekalongan batik
      "34.02": { CRAFTS: 2.5 }, // Bantul (Kasongan)
      "34.71": { JEWELLERY: 3 }, // Yogyakarta (Kotagede silver)
      "51.04": { CRAFTS: 3 }, // Gianyar
    } as Record<string, Partial<Record<Process, number>>>,
  },
  /** Capabilities per IKM (1, 2, 3) by size. */
  capabilityCountWeights: [[0.75, 0.2, 0.05], [0.5, 0.35, 0.15], [0.3, 0.4, 0.3]],
  /** Share of metal capabilities with no measured tolerance (micro workshops rarely state one). */
  toleranceUnknown: 0.2,

  /**
   * Maturity stage PEMULA/MADYA/PRAMANDIRI/MANDIRI by size (stages: README, Sources). No population
   * split is published (line 34 is one mentored group), so assumed: overall ~80/12/6/2, larger units further on.
   */
  stageWeights: [[0.82, 0.11, 0.055, 0.015], [0.55, 0.25, 0.14, 0.06], [0.3, 0.3, 0.25, 0.15]],

  /** Micro units: share without coordinates and without NIB (README, Sources: NIB is the legal identity). */
  microWithoutCoordinates: 0.1,
  microWithoutNib: 0.3,

  /** Financial figures per worker (Rp), log-uniform; Kemenperin small < Rp1bn investment (README, Sources). */
  investmentPerWorker: [[3e6, 25e6], [15e6, 60e6], [40e6, 150e6]],
  salesPerWorkerPerYear: [[10e6, 60e6], [40e6, 150e6], [100e6, 400e6]],
  investmentUnknown: [0.2, 0.05, 0],
  salesUnknown: [0.15, 0.05, 0],
  capitalKnown: 0.4,

  /**
   * Sentra (PP 29/2018): >= 5 units in one place with the same process;
   * 10,514 sentra with 456,488 IKMs in 2020 of ~4.18M units: ~10.9% of units, ~43 per sentra.
   */
  sentra: { units: 10_514, members: 456_488, allUnits: 4_182_265, minMembers: 5, maxMembers: 200, meanExtra: 38 },
  /**
   * Koperasi (README, Sources; Batur Jaya has 155 members): assumed ~3% of units are members of one,
   * 20-150 members in one regency, some offtakers, some running a shared facility.
   */
  koperasi: {
    memberShare: 0.03, minMembers: 20, maxMembers: 150, meanExtra: 35,
    offtaker: 0.25, sharedFacility: 0.15, registered: 0.8,
    /** Share of koperasi formed by (most of) one sentra's members, like Koperasi Batur Jaya in Ceper. */
    fromSentra: 0.35,
  },

  /**
   * Certifications per IKM (README, Sources: ISO 9001 common for IKMs that supply, IATF 16949 mostly
   * tier-1, SNI product marks, TKDN; halal for food). Shares are assumptions: ISO 9001 ends ~1-2% of all
   * units and ~30% of medium ones; ~20% of certificates are expired on the reference date.
   */
  certifications: {
    halal: { foodBeverage: 0.2, herbalCosmetics: 0.25 },
    sni: { metalBySize: [0.03, 0.1, 0.25], beverages: 0.08, food: 0.02, other: 0.01 },
    iso9001BySize: [0.006, 0.08, 0.3],
    iso9001AutomotiveFactor: 1.5,
    iso14001BySize: [0.0005, 0.008, 0.06],
    iatf16949MediumAutomotive: 0.02,
    tkdnBySize: [0.002, 0.03, 0.1],
    tkdnAutomotiveFactor: 2,
    /** OTHER: SPP-IRT home-industry permits for food, BPOM registrations for cosmetics and herbal products. */
    otherFoodSmall: 0.15, otherCosmeticsHerbal: 0.15,
    /** Stage factor on ISO/TKDN odds (PEMULA..MANDIRI). */
    stageFactor: [0.6, 1.2, 2, 3],
    /** Of certified (IKM, type): lapsed (expired, not renewed); renewed ones with their expired predecessor. */
    lapsed: 0.1,
    renewedWithHistory: 0.15,
    /** Validity in years; HALAL issued since 2023 has no end date (UU 6/2023). */
    validityYears: { ISO_9001: 3, ISO_14001: 3, IATF_16949: 3, SNI: 4, HALAL: 4, TKDN: 3, OTHER: 5 } satisfies Record<CertificationType, number>,
  },

  /**
   * 5R audits (README, Sources: items scored 0-2, rolled up to a percentage): share of IKMs with 1-3
   * audits by size, times 0.6-1.5 by stage: ~5% of all IKMs.
   */
  fiveR: { bySize: [0.06, 0.2, 0.4], meanPercentByStage: [48, 62, 74, 86], itemsScored: [[25, 0.6], [20, 0.25], [30, 0.15]] as [number, number][] },

  /** Monthly delivery records (2024-12..2026-10; README, Sources: on-time rate, reject rate). */
  deliveries: {
    automotiveBySize: [0.1, 0.35, 0.6], otherBySize: [0.015, 0.04, 0.1],
    firstMonth: "2024-12-01", lastMonth: "2026-10-01", minMonths: 6, maxMonths: 24,
    onTime: [0.8, 1.0], rejectMax: 0.05,
  },

  /** Machines for metal and plastic capabilities (micro/small/medium odds of listing any). */
  machinesBySize: [0.4, 0.75, 0.9],
} as const;

/* ------------------------------------------------------------------------------------------------ */
/* Vocabulary                                                                                       */
/* ------------------------------------------------------------------------------------------------ */

const PROCESSES = Object.keys(POPULATION.processSharePct) as Process[];
const AUTOMOTIVE = new Set<Process>([
  "CASTING", "FORGING", "STAMPING", "MACHINING_MANUAL", "MACHINING_CNC", "WELDING_FABRICATION", "SHEET_METAL",
  "PLASTIC_INJECTION", "RUBBER_MOULDING", "HEAT_TREATMENT", "PLATING_PAINTING", "MOULDS_DIES", "WIRING_HARNESS", "ASSEMBLY",
]);

interface ProcessInfo {
  kbli: string;
  /** Lower-case and trimmed, as the API stores them; Indonesian and English mixed as people write them. */
  materials: string[];
  /** Best tolerance range in mm (log-uniform), or null when tolerance means nothing for the process. */
  tolerance: [number, number] | null;
  /** Monthly capacity per worker. */
  capacity: [number, number];
  unit: [QuantityUnit, number][];
  /** [product, raw material] for sentra and descriptions. */
  products: [string, string][];
  /** Words for business names; the first names the trade ("Bengkel Las Pak Slamet"). */
  nameWords: string[];
  related: Process[];
  machines: [string, boolean][];
}

const PROCESS_INFO: Record<Process, ProcessInfo> = {
  FOOD: {
    kbli: "10794",
    materials: ["tepung terigu", "tepung tapioka", "singkong", "cassava", "kedelai", "soybean", "gula aren", "gula pasir", "sugar",
      "minyak goreng", "palm oil", "kelapa", "coconut", "pisang", "banana", "ikan", "daging sapi", "telur", "beras ketan",
      "cokelat", "cocoa", "kacang tanah", "peanut", "udang", "rumput laut"],
    tolerance: null, capacity: [100, 400], unit: [["KG", 0.7], ["PCS", 0.3]],
    products: [["Keripik tempe", "Kedelai"], ["Keripik singkong", "Singkong"], ["Kerupuk", "Tepung tapioka"], ["Tahu", "Kedelai"],
      ["Tempe", "Kedelai"], ["Bakpia", "Tepung terigu, kacang hijau"], ["Dodol", "Beras ketan, gula aren"], ["Roti dan kue", "Tepung terigu"],
      ["Abon sapi", "Daging sapi"], ["Ikan asin", "Ikan laut"], ["Emping melinjo", "Melinjo"], ["Gula aren", "Nira aren"]],
    nameWords: ["Food", "Snack", "Rasa", "Boga", "Pangan", "Kue", "Keripik"],
    related: ["BEVERAGES", "HERBAL"], machines: [],
  },
  BEVERAGES: {
    kbli: "11040",
    materials: ["kopi arabika", "kopi robusta", "coffee", "teh", "tea", "jahe", "ginger", "gula aren", "susu", "milk", "air mineral",
      "jeruk", "kelapa muda", "rempah"],
    tolerance: null, capacity: [200, 800], unit: [["LITER", 0.8], ["PCS", 0.2]],
    products: [["Kopi bubuk", "Biji kopi"], ["Teh", "Daun teh"], ["Minuman jahe", "Jahe"], ["Sirup buah", "Buah-buahan"],
      ["Air minum dalam kemasan", "Air"]],
    nameWords: ["Kopi", "Tirta", "Minuman", "Segar"],
    related: ["FOOD", "HERBAL"], machines: [],
  },
  HERBAL: {
    kbli: "21022",
    materials: ["jahe merah", "kunyit", "turmeric", "temulawak", "kencur", "sereh", "lemongrass", "daun sirih", "madu", "honey", "rempah"],
    tolerance: null, capacity: [20, 100], unit: [["KG", 0.5], ["PCS", 0.5]],
    products: [["Jamu", "Rimpang (jahe, kunyit, temulawak)"], ["Minyak atsiri", "Daun cengkeh, sereh wangi"], ["Madu", "Madu hutan"]],
    nameWords: ["Jamu", "Herbal", "Husada", "Sehat"],
    related: ["BEVERAGES", "COSMETICS"], machines: [],
  },
  COSMETICS: {
    kbli: "20232",
    materials: ["minyak kelapa", "coconut oil", "minyak atsiri", "essential oil", "lidah buaya", "aloe vera", "lilin lebah", "beeswax",
      "shea butter", "bunga mawar", "beras"],
    tolerance: null, capacity: [200, 1000], unit: [["PCS", 1]],
    products: [["Sabun herbal", "Minyak kelapa"], ["Lulur", "Beras, rempah"], ["Minyak rambut", "Minyak kemiri"]],
    nameWords: ["Ayu", "Cantik", "Natural", "Beauty"],
    related: ["HERBAL"], machines: [],
  },
  FASHION: {
    kbli: "14111",
    materials: ["kain katun", "cotton", "kain batik", "batik", "rayon", "polyester", "sutra", "silk", "kulit sapi", "leather", "benang",
      "denim", "kain tenun", "lurik"],
    tolerance: null, capacity: [50, 200], unit: [["PCS", 0.9], ["METER", 0.1]],
    products: [["Batik tulis", "Kain mori"], ["Batik cap", "Kain mori"], ["Konveksi pakaian", "Kain katun"], ["Tenun ikat", "Benang"],
      ["Sepatu kulit", "Kulit sapi"], ["Tas kulit", "Kulit"], ["Bordir", "Kain, benang"]],
    nameWords: ["Batik", "Konveksi", "Busana", "Collection", "Tenun", "Garment"],
    related: ["CRAFTS"], machines: [],
  },
  CRAFTS: {
    kbli: "16293",
    materials: ["bambu", "bamboo", "rotan", "rattan", "pandan", "eceng gondok", "water hyacinth", "kayu", "tanah liat", "clay",
      "kerang", "kulit", "batok kelapa", "coconut shell", "kain perca", "resin"],
    tolerance: null, capacity: [30, 300], unit: [["PCS", 1]],
    products: [["Anyaman bambu", "Bambu"], ["Kerajinan rotan", "Rotan"], ["Gerabah", "Tanah liat"], ["Ukiran kayu", "Kayu"],
      ["Anyaman pandan", "Pandan"], ["Kerajinan eceng gondok", "Eceng gondok"], ["Wayang kulit", "Kulit kerbau"]],
    nameWords: ["Kriya", "Craft", "Kerajinan", "Art", "Handicraft"],
    related: ["FURNITURE", "FASHION"], machines: [],
  },
  FURNITURE: {
    kbli: "31001",
    materials: ["kayu jati", "teak", "kayu mahoni", "mahogany", "kayu sungkai", "mdf", "plywood", "triplek", "rotan", "rattan", "bambu",
      "besi hollow", "hpl", "kayu pinus"],
    tolerance: null, capacity: [2, 10], unit: [["PCS", 0.9], ["SET", 0.1]],
    products: [["Mebel kayu jati", "Kayu jati"], ["Mebel rotan", "Rotan"], ["Furnitur kayu", "Kayu mahoni"], ["Mebel bambu", "Bambu"]],
    nameWords: ["Mebel", "Furniture", "Jati", "Interior"],
    related: ["CRAFTS", "WELDING_FABRICATION"], machines: [],
  },
  JEWELLERY: {
    kbli: "32111",
    materials: ["perak", "silver", "perak 925", "emas", "gold", "kuningan", "brass", "tembaga", "copper", "mutiara", "pearl", "batu akik",
      "manik-manik"],
    tolerance: [0.05, 0.3], capacity: [10, 60], unit: [["PCS", 1]],
    products: [["Perhiasan perak", "Perak"], ["Perhiasan emas", "Emas"], ["Aksesori kuningan", "Kuningan"], ["Perhiasan mutiara", "Mutiara"]],
    nameWords: ["Silver", "Perak", "Gold", "Jewelry"],
    related: ["CRAFTS", "CASTING"], machines: [],
  },
  METAL_PRODUCTS: {
    kbli: "25999",
    materials: ["baja", "steel", "besi", "iron", "plat besi", "plat galvanis", "stainless steel", "sus 304", "aluminium", "aluminum",
      "kuningan", "tembaga", "besi beton", "baja per"],
    tolerance: [0.5, 3], capacity: [50, 300], unit: [["PCS", 0.9], ["KG", 0.1]],
    products: [["Pisau dan perkakas", "Baja per"], ["Peralatan dapur", "Aluminium"], ["Alat pertanian", "Baja"],
      ["Pagar dan teralis", "Besi"], ["Knalpot", "Plat baja"]],
    nameWords: ["Logam", "Metal", "Besi", "Teknik", "Pandai Besi"],
    related: ["WELDING_FABRICATION", "FORGING", "SHEET_METAL"],
    machines: [["Gerinda duduk", false], ["Mesin las listrik", false], ["Mesin bor duduk", false]],
  },
  CASTING: {
    kbli: "24310",
    materials: ["besi cor", "cast iron", "besi cor fc200", "besi cor fc250", "ductile iron", "fcd450", "aluminium", "aluminum",
      "aluminium adc12", "kuningan", "brass", "perunggu", "bronze", "besi scrap"],
    tolerance: [0.3, 1.5], capacity: [20, 150], unit: [["PCS", 0.7], ["KG", 0.3]],
    products: [["Komponen besi cor", "Besi cor (scrap, pig iron)"], ["Pengecoran logam", "Besi cor"], ["Cor aluminium", "Aluminium"],
      ["Cor kuningan", "Kuningan"]],
    nameWords: ["Cor Logam", "Foundry", "Pengecoran", "Cor"],
    related: ["MACHINING_MANUAL", "HEAT_TREATMENT", "MOULDS_DIES"],
    machines: [["Tanur kupola", false], ["Induction furnace", false], ["Dapur peleburan crucible", false]],
  },
  FORGING: {
    kbli: "25910",
    materials: ["baja", "steel", "baja s45c", "baja per", "spring steel", "baja karbon", "carbon steel", "besi", "baja scm440", "kuningan"],
    tolerance: [0.3, 1.0], capacity: [50, 300], unit: [["PCS", 1]],
    products: [["Pandai besi", "Baja per bekas"], ["Komponen tempa", "Baja karbon"]],
    nameWords: ["Tempa", "Forging", "Pandai Besi", "Logam"],
    related: ["MACHINING_MANUAL", "HEAT_TREATMENT"],
    machines: [["Palu mesin (power hammer)", false], ["Friction press", false]],
  },
  STAMPING: {
    kbli: "25910",
    materials: ["baja spcc", "spcc", "baja sphc", "plat besi", "steel sheet", "plat galvanis", "galvanized steel", "stainless steel",
      "sus 304", "aluminium", "aluminum", "tembaga", "plat kuningan"],
    tolerance: [0.05, 0.3], capacity: [1000, 5000], unit: [["PCS", 1]],
    products: [["Komponen press", "Plat baja"], ["Bracket dan plat", "Plat baja SPCC"]],
    nameWords: ["Press", "Stamping", "Presisi", "Teknik"],
    related: ["MOULDS_DIES", "WELDING_FABRICATION", "SHEET_METAL"],
    machines: [["Mesin press 60 ton", false], ["Power press 110 t", false], ["Mesin potong plat", false]],
  },
  MACHINING_MANUAL: {
    kbli: "25920",
    materials: ["baja", "steel", "baja s45c", "s45c", "besi", "besi cor", "cast iron", "kuningan", "brass", "aluminium", "aluminum",
      "tembaga", "stainless steel", "nylon", "teflon"],
    tolerance: [0.02, 0.2], capacity: [100, 500], unit: [["PCS", 1]],
    products: [["Komponen bubut", "Baja karbon"], ["Suku cadang mesin", "Baja"]],
    nameWords: ["Bubut", "Teknik", "Mesin", "Presisi", "Engineering"],
    related: ["MACHINING_CNC", "WELDING_FABRICATION", "HEAT_TREATMENT"],
    machines: [["Mesin bubut", false], ["Conventional lathe", false], ["Mesin frais", false], ["Milling machine", false], ["Mesin bor", false]],
  },
  MACHINING_CNC: {
    kbli: "25920",
    materials: ["baja s45c", "steel", "baja scm440", "aluminium 6061", "al 6061", "aluminum", "stainless steel", "sus 304", "kuningan",
      "brass", "pom", "delrin", "baja skd11", "tembaga"],
    tolerance: [0.005, 0.05], capacity: [200, 800], unit: [["PCS", 1]],
    products: [["Komponen presisi", "Baja, aluminium"]],
    nameWords: ["CNC", "Presisi", "Teknik", "Engineering"],
    related: ["MACHINING_MANUAL", "MOULDS_DIES", "HEAT_TREATMENT"],
    machines: [["CNC lathe", true], ["Mesin bubut CNC", true], ["CNC milling (machining centre)", true], ["Wire cut EDM", true]],
  },
  WELDING_FABRICATION: {
    kbli: "25119",
    materials: ["baja", "steel", "baja ss400", "ss400", "besi siku", "besi hollow", "plat besi", "stainless steel", "sus 304", "pipa besi",
      "aluminium", "galvanis"],
    tolerance: [0.5, 2], capacity: [20, 150], unit: [["PCS", 0.85], ["KG", 0.15]],
    products: [["Fabrikasi las", "Baja"], ["Konstruksi baja ringan", "Baja"]],
    nameWords: ["Las", "Fabrikasi", "Teknik", "Steel", "Bengkel"],
    related: ["SHEET_METAL", "MACHINING_MANUAL", "PLATING_PAINTING"],
    machines: [["Mesin las MIG", false], ["Mesin las listrik (SMAW)", false], ["TIG welder", false], ["Mesin las argon", false]],
  },
  SHEET_METAL: {
    kbli: "25920",
    materials: ["baja spcc", "plat hitam", "plat galvanis", "galvanized steel", "stainless steel", "plat aluminium", "aluminum sheet",
      "zincalume", "plat besi", "baja sphc"],
    tolerance: [0.2, 1], capacity: [50, 300], unit: [["PCS", 1]],
    products: [["Komponen plat", "Plat baja"], ["Panel dan box", "Plat galvanis"]],
    nameWords: ["Plat", "Sheet Metal", "Teknik", "Logam"],
    related: ["WELDING_FABRICATION", "STAMPING", "PLATING_PAINTING"],
    machines: [["Mesin tekuk plat (bending)", false], ["Shearing machine", false], ["CNC press brake", true], ["Mesin roll plat", false]],
  },
  PLASTIC_INJECTION: {
    kbli: "22299",
    materials: ["plastik abs", "abs", "polypropylene", "pp", "polyethylene", "pe", "hdpe", "nylon", "pa6", "polikarbonat", "polycarbonate",
      "pom", "plastik daur ulang", "pvc"],
    tolerance: [0.05, 0.3], capacity: [2000, 8000], unit: [["PCS", 1]],
    products: [["Komponen plastik", "Biji plastik"]],
    nameWords: ["Plastik", "Plastindo", "Polymer", "Mould"],
    related: ["MOULDS_DIES", "ASSEMBLY"],
    machines: [["Mesin injeksi plastik 150 t", false], ["Injection moulding machine 250 t", false]],
  },
  RUBBER_MOULDING: {
    kbli: "22199",
    materials: ["karet", "rubber", "karet alam", "natural rubber", "epdm", "nbr", "karet sintetis", "silicone", "silikon", "sbr"],
    tolerance: [0.1, 0.5], capacity: [500, 3000], unit: [["PCS", 1]],
    products: [["Komponen karet", "Karet alam"]],
    nameWords: ["Karet", "Rubber", "Teknik"],
    related: ["MOULDS_DIES", "ASSEMBLY"],
    machines: [["Mesin press karet (hot press)", false], ["Mixing roll", false]],
  },
  HEAT_TREATMENT: {
    kbli: "25920",
    materials: ["baja s45c", "baja scm440", "baja skd11", "steel", "baja karbon", "tool steel", "baja per", "besi cor"],
    tolerance: null, capacity: [300, 1500], unit: [["KG", 1]],
    products: [["Jasa perlakuan panas", "Baja"]],
    nameWords: ["Heat Treatment", "Thermo", "Teknik"],
    related: ["MACHINING_MANUAL", "FORGING"],
    machines: [["Tungku tempering", false], ["Induction hardening machine", false]],
  },
  PLATING_PAINTING: {
    kbli: "25920",
    materials: ["zinc", "seng", "nikel", "nickel", "krom", "chrome", "cat", "paint", "powder coating", "cat epoxy", "galvanis"],
    tolerance: null, capacity: [1000, 6000], unit: [["PCS", 0.9], ["KG", 0.1]],
    products: [["Pelapisan logam", "Seng, nikel, krom"]],
    nameWords: ["Plating", "Coating", "Krom", "Teknik"],
    related: ["WELDING_FABRICATION", "SHEET_METAL"],
    machines: [["Bak electroplating", false], ["Spray booth", false], ["Oven powder coating", false]],
  },
  MOULDS_DIES: {
    kbli: "25930",
    materials: ["baja skd11", "skd11", "skd61", "baja s50c", "s50c", "p20", "tool steel", "baja perkakas", "tembaga", "aluminium"],
    tolerance: [0.005, 0.02], capacity: [0.1, 0.5], unit: [["SET", 1]],
    products: [["Cetakan dan dies", "Baja perkakas"]],
    nameWords: ["Mould", "Dies", "Presisi", "Engineering"],
    related: ["MACHINING_CNC", "STAMPING", "PLASTIC_INJECTION"],
    machines: [["CNC milling machine", true], ["EDM sinker", true], ["Surface grinder", false]],
  },
  WIRING_HARNESS: {
    kbli: "27320",
    materials: ["kabel avss", "kabel", "wire", "kabel tembaga", "copper wire", "terminal", "konektor", "connector", "pvc tube", "selongsong"],
    tolerance: null, capacity: [100, 400], unit: [["SET", 1]],
    products: [["Wiring harness", "Kabel tembaga"]],
    nameWords: ["Harness", "Elektrik", "Kabel"],
    related: ["ASSEMBLY"],
    machines: [["Mesin crimping", false], ["Wire cutting machine", false]],
  },
  ASSEMBLY: {
    kbli: "29300",
    materials: ["komponen", "components", "baut", "bolt", "mur", "plastik abs", "baja", "karet", "kabel", "rubber"],
    tolerance: null, capacity: [200, 800], unit: [["SET", 0.7], ["PCS", 0.3]],
    products: [["Perakitan komponen", "Komponen"]],
    nameWords: ["Assembly", "Perakitan", "Teknik", "Mitra"],
    related: ["WIRING_HARNESS", "STAMPING", "PLASTIC_INJECTION"],
    machines: [["Jig perakitan", false], ["Conveyor line", false]],
  },
};

/** A few regencies that are not in src/domain/regions.ts but whose speciality is named above. */
const EXTRA_REGENCY_NAMES: Record<string, string> = {
  "33.20": "Kabupaten Jepara", "33.26": "Kabupaten Pekalongan", "33.75": "Kota Pekalongan", "34.02": "Kabupaten Bantul",
  "34.71": "Kota Yogyakarta", "51.04": "Kabupaten Gianyar", "31.71": "Kota Jakarta Pusat", "31.73": "Kota Jakarta Barat",
  "31.74": "Kota Jakarta Selatan",
};
/** Approximate centres of the known regencies, so the clusters sit where they really are. */
const REGENCY_CENTRES: Record<string, [number, number]> = {
  "31.72": [-6.13, 106.87], "31.75": [-6.23, 106.9], "32.02": [-7.07, 106.7], "32.04": [-7.05, 107.6], "32.15": [-6.3, 107.3],
  "32.16": [-6.25, 107.1], "32.73": [-6.92, 107.61], "33.03": [-7.39, 109.36], "33.09": [-7.53, 110.6], "33.10": [-7.66, 110.68],
  "33.11": [-7.68, 110.84], "33.12": [-7.81, 110.93], "33.13": [-7.6, 110.95], "33.14": [-7.43, 111.01], "33.18": [-6.72, 111.1],
  "33.28": [-6.98, 109.14], "33.72": [-7.57, 110.82], "33.76": [-6.87, 109.14], "34.04": [-7.72, 110.36], "35.14": [-7.65, 112.9],
  "35.15": [-7.45, 112.7], "35.78": [-7.26, 112.75], "36.03": [-6.2, 106.5], "33.20": [-6.59, 110.67], "33.26": [-7.03, 109.6],
  "33.75": [-6.89, 109.67], "34.02": [-7.9, 110.33], "34.71": [-7.8, 110.37], "51.04": [-8.5, 115.33],
};

const FIRST_NAMES = ["Sri", "Harjo", "Yanti", "Slamet", "Wati", "Budi", "Siti", "Joko", "Nur", "Ani", "Agus", "Endang", "Rahmat",
  "Dewi", "Tuti", "Eko", "Ratna", "Heru", "Made", "Ketut", "Wayan", "Nyoman", "Asep", "Ujang", "Cecep", "Iwan", "Hasan", "Ahmad",
  "Rina", "Lina", "Darmo", "Suparmi", "Yusuf", "Fitri", "Bambang", "Haji Umar"];
const NAME_A = ["Sumber", "Sinar", "Karya", "Maju", "Berkah", "Mitra", "Cahaya", "Tunas", "Mekar", "Putra", "Putri", "Sari", "Surya",
  "Dwi", "Tri", "Catur", "Panca", "Sido", "Bumi", "Tirta", "Citra", "Bintang", "Harapan", "Anugrah", "Barokah", "Rejeki", "Jaya",
  "Lestari", "Wijaya", "Sejahtera", "Mulia", "Usaha", "Langgeng", "Gemilang", "Prima", "Indah", "Agung", "Sentosa", "Makmur", "Abadi"];
const NAME_B = ["Jaya", "Makmur", "Abadi", "Sentosa", "Mulya", "Rejeki", "Lestari", "Sejahtera", "Mandiri", "Utama", "Agung", "Perkasa",
  "Sukses", "Barokah", "Berkah", "Indah", "Baru", "Bersama", "Kencana", "Santosa", "Mulia", "Gemilang", "Harmoni", "Nusantara"];
const VILLAGES = ["Sidomulyo", "Sukamaju", "Karangrejo", "Tegalsari", "Sumberejo", "Mulyorejo", "Wonosari", "Margamulya", "Jatisari",
  "Banyuurip", "Kedungwuni", "Tambakrejo", "Bojongsari", "Cikoneng", "Mekarsari", "Sindangsari", "Kalibening", "Gunungsari",
  "Pucangsari", "Sukorejo", "Kemiri", "Ngadirejo", "Purwosari", "Sumbersari", "Tanjungsari", "Cibatu", "Pagerwojo", "Karanganyar",
  "Mojosari", "Krajan", "Pakis", "Sambirejo"];
const STREETS = ["Raya", "Merdeka", "Diponegoro", "Sudirman", "Ahmad Yani", "Gajah Mada", "Pahlawan", "Kartini", "Veteran", "Pemuda",
  "Melati", "Mawar", "Kenanga", "Cempaka", "Anggrek", "Imam Bonjol", "Hasanuddin", "Pattimura", "Sultan Agung", "Pasar"];
const AUDITORS = ["Tim 5R LPB YDBA", "Auditor 5R Disperindag", "Balai Diklat Industri", "Konsultan 5R independen", "Pendamping Shindan",
  "Tim audit pelanggan (tier-1)"];
const BRANDS_CNC = ["Mazak", "Haas", "Okuma", "Doosan", "Mori Seiki", "Hwacheon", "Fanuc"];
const BRANDS = ["Krisbow", "Lincoln Electric", "Makita", "Bosch", "Chin Fong", "Amada", "Rhino", "Tanaka", "Yamazaki", "Nankai"];
const KOPERASI_KINDS = ["Koperasi Produsen", "KOPINKRA", "Koperasi Serba Usaha", "Koperasi Pengrajin", "Koperasi Industri Kecil"];
const ISO_BODIES = ["SUCOFINDO ICS", "TÜV Rheinland Indonesia", "SGS Indonesia", "BSI Group Indonesia", "Bureau Veritas Indonesia",
  "MUTU Certification International"];
const IATF_BODIES = ["TÜV SÜD Indonesia", "SGS Indonesia", "BSI Group Indonesia", "TÜV Rheinland Indonesia"];
const SNI_BODIES = ["LSPro Baristand Industri Surabaya", "LSPro B4T Bandung", "LSPro BBLM Bandung", "LSPro Sucofindo", "LSPro BBIA Bogor"];

/* ------------------------------------------------------------------------------------------------ */
/* Derived tables                                                                                   */
/* ------------------------------------------------------------------------------------------------ */

interface Regency { code: string; name: string | null; lat: number; lon: number; province: string; index: number }

const REGENCY_LIST: Regency[] = [];
const PROVINCE_CODES = Object.keys(POPULATION.provinces);
const PROVINCE_CUMULATIVE = cumulative(PROVINCE_CODES.map((p) => POPULATION.provinces[p as keyof typeof POPULATION.provinces].unitsK));
const PROVINCE_REGENCIES: { regencies: Regency[]; cumulative: Float64Array }[] = PROVINCE_CODES.map((code) => {
  const figures: ProvinceFigures = POPULATION.provinces[code as keyof typeof POPULATION.provinces];
  const codes = [
    ...Array.from({ length: figures.regencies }, (_, i) => `${code}.${String(i + 1).padStart(2, "0")}`),
    ...Array.from({ length: figures.cities }, (_, i) => `${code}.${71 + i}`),
  ];
  for (const known of Object.keys(REGENCIES)) if (known.startsWith(`${code}.`) && !codes.includes(known)) codes.push(known);
  const regencies = codes.map((rc) => {
    const place = rng(mixSeed(Number(rc.replace(".", ""))));
    const centre = REGENCY_CENTRES[rc] ?? [
      figures.centre[0] + (place() * 2 - 1) * figures.spread[0],
      figures.centre[1] + (place() * 2 - 1) * figures.spread[1],
    ];
    const regency: Regency = {
      code: rc, name: REGENCIES[rc] ?? EXTRA_REGENCY_NAMES[rc] ?? null, lat: centre[0], lon: centre[1], province: code,
      index: REGENCY_LIST.length,
    };
    REGENCY_LIST.push(regency);
    return regency;
  });
  const weights = regencies.map((r) => (REGENCIES[r.code] ? POPULATION.knownRegencyWeight : 1) * (Number(r.code.slice(3)) >= 71 ? POPULATION.cityWeight : 1));
  return { regencies, cumulative: cumulative(weights) };
});
for (const code of PROVINCE_CODES) if (!PROVINCES[code]) throw new Error(`population: unknown province ${code}`);
for (const code of Object.keys(PROVINCES)) if (!PROVINCE_CODES.includes(code)) throw new Error(`population: no figures for province ${code}`);

const MONTHS: string[] = (() => {
  const out: string[] = [];
  const [fy, fm] = POPULATION.deliveries.firstMonth.split("-").map(Number);
  const [ly, lm] = POPULATION.deliveries.lastMonth.split("-").map(Number);
  for (let y = fy, m = fm; y < ly || (y === ly && m <= lm); m === 12 ? ((m = 1), (y += 1)) : (m += 1)) {
    out.push(`${y}-${String(m).padStart(2, "0")}-01`);
  }
  return out;
})();

const DAY_MS = 86_400_000;
const DAY_BASE = Date.UTC(2000, 0, 1) / DAY_MS;
const DAY_STRINGS: string[] = Array.from({ length: 40 * 366 }, (_, i) => new Date((DAY_BASE + i) * DAY_MS).toISOString().slice(0, 10));
const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const dateString = (day: number) => DAY_STRINGS[day - DAY_BASE];
const REFERENCE_DAY = dayOf(POPULATION.referenceDate);
const CREATED_FROM = dayOf("2025-01-01");
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
function addYears(day: number, years: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / DAY_MS;
}

const PROCESS_TABLES = new Map<number, Float64Array>();
/** Cumulative primary-process weights for a regency and size class (cached). */
function processTable(regency: Regency, size: Size): Float64Array {
  const key = regency.index * 3 + size;
  let table = PROCESS_TABLES.get(key);
  if (!table) {
    const f = POPULATION.processFactors;
    const provinceFactors = (f.provinces as Record<string, Partial<Record<Process, number>>>)[regency.province] ?? {};
    const regencyFactors = f.regencies[regency.code] ?? {};
    const auto = POPULATION.automotiveFactorBySize[size] *
      ((f.metalClusters as readonly string[]).includes(regency.code) ? f.metalClusterAutomotive : 1) *
      ((f.industrialBelt as readonly string[]).includes(regency.code) ? f.industrialBeltAutomotive : 1);
    table = cumulative(PROCESSES.map((p) => {
      let w: number = POPULATION.processSharePct[p] * (provinceFactors[p] ?? 1) * (regencyFactors[p] ?? 1);
      if (AUTOMOTIVE.has(p)) w *= auto;
      if (p === "METAL_PRODUCTS" && (f.metalClusters as readonly string[]).includes(regency.code)) w *= 2;
      return w;
    }));
    PROCESS_TABLES.set(key, table);
  }
  return table;
}

const SIZE_CUMULATIVE = cumulative([...POPULATION.sizeUnits]);
const MICRO_WORKERS = cumulative([...POPULATION.microWorkerWeights]);
const STAGES: MaturityStage[] = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"];
const STAGE_CUMULATIVE = POPULATION.stageWeights.map((w) => cumulative([...w]));
const CAP_COUNT_CUMULATIVE = POPULATION.capabilityCountWeights.map((w) => cumulative([...w]));
const ITEMS_CUMULATIVE = cumulative(POPULATION.fiveR.itemsScored.map(([, w]) => w));
const SENTRA_SHARE = POPULATION.sentra.members / POPULATION.sentra.allUnits;

/* ------------------------------------------------------------------------------------------------ */
/* Ids                                                                                              */
/* ------------------------------------------------------------------------------------------------ */

/** Table tags in the ids; child ids are `ikmSerial * stride + k`. */
const KIND = { Ikm: "01", Capability: "02", Certification: "03", FiveRAudit: "04", DeliveryRecord: "05", Sentra: "06", Koperasi: "07", Machine: "08" } as const;
const STRIDE = { Capability: 4, Certification: 16, FiveRAudit: 4, DeliveryRecord: 32, Machine: 16 } as const;
const idPrefix = (kind: keyof typeof KIND) => `5eed00${KIND[kind]}-0000-8000-8000-`;
const PREFIX = {
  Ikm: idPrefix("Ikm"), Capability: idPrefix("Capability"), Certification: idPrefix("Certification"),
  FiveRAudit: idPrefix("FiveRAudit"), DeliveryRecord: idPrefix("DeliveryRecord"), Sentra: idPrefix("Sentra"),
  Koperasi: idPrefix("Koperasi"), Machine: idPrefix("Machine"),
};
const uuid = (prefix: string, serial: number) => prefix + serial.toString(16).padStart(12, "0");

/** The id of the population IKM with this serial (for tests and tools). */
export const populationIkmId = (serial: number) => uuid(PREFIX.Ikm, serial);

/**
 * A 13-digit NIB for a serial: OSS issues them in sequence, so they rise with the serial (which also keeps
 * the unique index's inserts at its right edge): 8120000000000 + serial * 37 + a per-serial digit pair.
 */
const nibOf = (serial: number) => String(8_120_000_000_000 + serial * 37 + (mixSeed(serial) % 37));

/* ------------------------------------------------------------------------------------------------ */
/* COPY text                                                                                        */
/* ------------------------------------------------------------------------------------------------ */

const NULL = "\\N";
const COPY_SPECIAL = /[\\\t\n\r]/;
/** A value for COPY's text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string | null | undefined): string {
  if (value == null) return NULL;
  if (!COPY_SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}
/** A text[] literal (`{a,"b c"}`), escaped for COPY's text format. */
export function copyArray(values: readonly string[] | null | undefined): string {
  if (values == null) return NULL;
  return copyText(`{${values.map(arrayElement).join(",")}}`);
}
function arrayElement(value: string): string {
  if (value !== "" && !/[\s{}",\\]/.test(value) && value.toUpperCase() !== "NULL") return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
const MATERIAL_ELEMENT = new Map<string, string>();
for (const info of Object.values(PROCESS_INFO)) for (const m of info.materials) MATERIAL_ELEMENT.set(m, copyText(arrayElement(m)));

/**
 * Rows of one table, joined into flat pieces of 2,048 lines (~0.2-0.6 MB) as they come: few live
 * objects for the garbage collector, and pieces COPY can stream while the server parses.
 */
class TableText {
  readonly pieces: string[] = [];
  rows = 0;
  private lines: string[] = [];
  add(line: string): void {
    this.lines.push(line);
    this.rows += 1;
    if (this.lines.length === 2048) {
      this.pieces.push(this.lines.join(""));
      this.lines = [];
    }
  }
  finish(): this {
    if (this.lines.length) this.pieces.push(this.lines.join(""));
    this.lines = [];
    return this;
  }
}

const TABLES = {
  Ikm: ["id", "legalName", "nib", "regionCode", "address", "latitude", "longitude", "workers", "investmentIdr", "capitalIdr",
    "annualSalesIdr", "foundedYear", "description", "currentStage", "stageVersion", "synthetic", "createdAt", "updatedAt"],
  IkmKbli: ["ikmId", "code", "version"],
  Capability: ["id", "ikmId", "process", "materials", "toleranceMm", "monthlyCapacity", "capacityUnit", "notes"],
  Machine: ["id", "ikmId", "type", "count", "cnc", "brand", "yearMade"],
  Certification: ["id", "ikmId", "type", "number", "issuer", "validFrom", "validUntil", "createdAt"],
  FiveRAudit: ["id", "ikmId", "auditedOn", "auditor", "itemsScored", "pointsEarned", "scorePercent"],
  DeliveryRecord: ["id", "ikmId", "month", "lotsDelivered", "lotsOnTime", "qtyDelivered", "qtyRejected"],
  Sentra: ["id", "name", "regionCode", "product", "process", "rawMaterial", "createdAt"],
  SentraMembership: ["sentraId", "ikmId", "joinedAt"],
  Koperasi: ["id", "name", "regionCode", "registrationNumber", "offtaker", "sharedFacility", "createdAt"],
  KoperasiMembership: ["koperasiId", "ikmId", "joinedAt"],
} as const;
type Table = keyof typeof TABLES;
const TABLE_ORDER = Object.keys(TABLES) as Table[];

/* ------------------------------------------------------------------------------------------------ */
/* Generation                                                                                       */
/* ------------------------------------------------------------------------------------------------ */

function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}
function draw(r: Random, table: Float64Array): number {
  const u = r();
  for (let i = 0; i < table.length - 1; i++) if (u < table[i]) return i;
  return table.length - 1;
}
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const between = (r: Random, min: number, max: number) => min + r() * (max - min);
const logBetween = (r: Random, min: number, max: number) => min * Math.exp(r() * Math.log(max / min));
const intBetween = (r: Random, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const exponential = (r: Random, mean: number) => -Math.log(1 - r()) * mean;
const clamp = (v: number, min: number, max: number) => (v < min ? min : v > max ? max : v);
const roundTo = (v: number, step: number) => Math.round(v / step) * step;
function drawUnit(r: Random, units: [QuantityUnit, number][]): QuantityUnit {
  let u = r();
  for (const [unit, p] of units) if ((u -= p) < 0) return unit;
  return units[units.length - 1][0];
}
const shortPlace = (regency: Regency) => regency.name?.replace(/^(Kabupaten|Kota) /, "") ?? null;
function timestamp(r: Random, fromDay: number, toDay: number): string {
  const day = fromDay + Math.floor(r() * (toDay - fromDay));
  const seconds = Math.floor(r() * 86_400);
  return `${dateString(day)} ${PAD2[Math.floor(seconds / 3600)]}:${PAD2[Math.floor(seconds / 60) % 60]}:${PAD2[seconds % 60]}.000`;
}
function drawRegency(r: Random): Regency {
  const province = PROVINCE_REGENCIES[draw(r, PROVINCE_CUMULATIVE)];
  return province.regencies[draw(r, province.cumulative)];
}

interface SentraPlan { serial: number; regency: Regency; process: Process; lat: number; lon: number; members: number[] }
interface KoperasiPlan { serial: number; regency: Regency; members: number[] }

export interface ChunkData {
  count: number;
  tables: Record<Table, TableText>;
}

/** Longest stretch of generation between two turns of the event loop (which streams the previous chunk). */
const SLICE_MS = 3;

/**
 * Rows of `count` IKMs with serials `firstSerial..`; yields to the event loop now and then, so the
 * previous chunk's COPY keeps streaming while this one is generated.
 */
export async function generateChunk(seed: number, firstSerial: number, count: number, cancelled: () => boolean = () => false): Promise<ChunkData> {
  const r = rng(mixSeed(seed, firstSerial, count));
  const t = Object.fromEntries(TABLE_ORDER.map((name) => [name, new TableText()])) as Record<Table, TableText>;
  const P = POPULATION;

  // Sentra and koperasi of this chunk first: their members get the cluster's regency (and process).
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  let next = 0;
  const sentra: SentraPlan[] = [];
  const memberOfSentra = new Int32Array(count).fill(-1);
  let remaining = Math.floor(count * SENTRA_SHARE + r());
  while (remaining >= P.sentra.minMembers && sentra.length < Math.floor(count / P.sentra.minMembers)) {
    let size = Math.min(P.sentra.maxMembers, P.sentra.minMembers + Math.floor(exponential(r, P.sentra.meanExtra)), remaining);
    if (remaining - size < P.sentra.minMembers && remaining <= P.sentra.maxMembers) size = remaining;
    const regency = drawRegency(r);
    const process = PROCESSES[draw(r, processTable(regency, 0))];
    const plan: SentraPlan = {
      serial: firstSerial + sentra.length, regency, process, members: [],
      lat: regency.lat + (r() - 0.5) * 0.15, lon: regency.lon + (r() - 0.5) * 0.15,
    };
    for (let k = 0; k < size; k++) {
      const i = order[next++];
      plan.members.push(i);
      memberOfSentra[i] = sentra.length;
    }
    sentra.push(plan);
    remaining -= size;
  }
  const koperasi: KoperasiPlan[] = [];
  const forcedRegency: (Regency | undefined)[] = new Array(count);
  for (const s of sentra) for (const i of s.members) forcedRegency[i] = s.regency;
  let koperasiRemaining = Math.floor(count * P.koperasi.memberShare + r());
  const usedSentra = new Set<number>();
  while (koperasiRemaining >= P.koperasi.minMembers && koperasi.length < Math.floor(count / P.koperasi.minMembers)) {
    const size = Math.min(P.koperasi.maxMembers, P.koperasi.minMembers + Math.floor(exponential(r, P.koperasi.meanExtra)), koperasiRemaining);
    const members: number[] = [];
    let regency: Regency | undefined;
    if (r() < P.koperasi.fromSentra) {
      const candidates = sentra.map((_, k) => k).filter((k) => !usedSentra.has(k) && sentra[k].members.length >= 10);
      if (candidates.length) {
        const k = pick(r, candidates);
        usedSentra.add(k);
        regency = sentra[k].regency;
        members.push(...sentra[k].members.slice(0, size));
      }
    }
    regency ??= drawRegency(r);
    while (members.length < size && next < count) {
      const i = order[next++];
      forcedRegency[i] = regency;
      members.push(i);
    }
    if (members.length < P.koperasi.minMembers) break;
    koperasi.push({ serial: firstSerial + koperasi.length, regency, members });
    koperasiRemaining -= members.length;
  }
  const memberOfKoperasi = new Int32Array(count).fill(-1);
  for (const [k, plan] of koperasi.entries()) for (const i of plan.members) memberOfKoperasi[i] = k;

  const createdTo = REFERENCE_DAY;
  let sliceStarted = performance.now();
  const ikmCreated: string[] = new Array(count);
  const processes: Process[] = [];
  for (let i = 0; i < count; i++) {
    if ((i & 63) === 63 && performance.now() - sliceStarted > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (cancelled()) throw new Error("population generation cancelled");
      sliceStarted = performance.now();
    }
    const serial = firstSerial + i;
    const id = uuid(PREFIX.Ikm, serial);
    const s = memberOfSentra[i] >= 0 ? sentra[memberOfSentra[i]] : undefined;
    const size = draw(r, SIZE_CUMULATIVE) as Size;
    const workers = size === 0 ? 1 + draw(r, MICRO_WORKERS)
      : size === 1 ? Math.min(P.smallWorkers.max, P.smallWorkers.min + Math.floor(exponential(r, P.smallWorkers.meanExtra)))
        : Math.min(P.mediumWorkers.max, P.mediumWorkers.min + Math.floor(exponential(r, P.mediumWorkers.meanExtra)));
    const regency = forcedRegency[i] ?? drawRegency(r);
    const stageIndex = draw(r, STAGE_CUMULATIVE[size]);

    // Capabilities: the primary process (the sentra's for its members) and 0-2 related or other ones.
    processes.length = 0;
    processes.push(s ? s.process : PROCESSES[draw(r, processTable(regency, size))]);
    const capCount = 1 + draw(r, CAP_COUNT_CUMULATIVE[size]);
    for (let tries = 0; processes.length < capCount && tries < 6; tries++) {
      const related = PROCESS_INFO[processes[0]].related;
      const candidate = r() < 0.75 ? pick(r, related) : PROCESSES[draw(r, processTable(regency, size))];
      if (!processes.includes(candidate)) processes.push(candidate);
    }
    const primary = PROCESS_INFO[processes[0]];
    const automotive = AUTOMOTIVE.has(processes[0]);

    // Identity and place.
    const product = pick(r, primary.products)[0];
    const legalName = ikmName(r, size, processes[0], product);
    const nib = size === 0 && r() < P.microWithoutNib ? NULL : nibOf(serial);
    let lat = NULL;
    let lon = NULL;
    if (s) {
      lat = clamp(s.lat + (r() - 0.5) * 0.03, -11.4, 6.4).toFixed(5);
      lon = clamp(s.lon + (r() - 0.5) * 0.03, 94.6, 141.4).toFixed(5);
    } else if (size !== 0 || r() >= P.microWithoutCoordinates) {
      lat = clamp(regency.lat + (r() + r() + r() - 1.5) * 0.12, -11.4, 6.4).toFixed(5);
      lon = clamp(regency.lon + (r() + r() + r() - 1.5) * 0.12, 94.6, 141.4).toFixed(5);
    }
    const address = r() < 0.2 ? null
      : r() < 0.5 ? `Jl. ${pick(r, STREETS)} No. ${intBetween(r, 1, 250)}, ${pick(r, VILLAGES)}`
        : `Dusun ${pick(r, VILLAGES)} RT ${PAD2[intBetween(r, 1, 12)]}/RW ${PAD2[intBetween(r, 1, 8)]}`;
    const investment = r() < P.investmentUnknown[size] ? null
      : roundTo(workers * logBetween(r, P.investmentPerWorker[size][0], P.investmentPerWorker[size][1]), 100_000);
    const capital = r() < P.capitalKnown ? roundTo((investment ?? workers * 5e6) * between(r, 0.2, 0.7), 100_000) : null;
    const sales = r() < P.salesUnknown[size] ? null
      : roundTo(workers * logBetween(r, P.salesPerWorkerPerYear[size][0], P.salesPerWorkerPerYear[size][1]), 100_000);
    const founded = Math.max(1965, 2025 - Math.floor(exponential(r, size === 0 ? 9 : 14)));
    const description = r() < 0.4 ? `Produksi ${product.toLowerCase()}${s ? ", anggota sentra" : ""}.` : null;
    const created = timestamp(r, CREATED_FROM, createdTo);
    ikmCreated[i] = created;
    t.Ikm.add(`${id}\t${copyText(legalName)}\t${nib}\t${regency.code}\t${copyText(address)}\t${lat}\t${lon}\t${workers}\t${investment ?? NULL}\t${capital ?? NULL}\t${sales ?? NULL}\t${founded}\t${copyText(description)}\t${STAGES[stageIndex]}\t0\tt\t${created}\t${created}\n`);
    t.IkmKbli.add(`${id}\t${primary.kbli}\tKBLI_2020\n`);

    // Capabilities and machines.
    let machineK = 0;
    for (let k = 0; k < processes.length; k++) {
      const process = processes[k];
      const info = PROCESS_INFO[process];
      const materialCount = Math.min(info.materials.length, r() < 0.5 ? 1 : r() < 0.7 ? 2 : 3);
      let materials = "";
      const chosen: string[] = [];
      for (let tries = 0; chosen.length < materialCount && tries < 8; tries++) {
        const m = pick(r, info.materials);
        if (!chosen.includes(m)) chosen.push(m);
      }
      materials = `{${chosen.map((m) => MATERIAL_ELEMENT.get(m)).join(",")}}`;
      const tolerance = info.tolerance && r() >= P.toleranceUnknown
        ? logBetween(r, info.tolerance[0], info.tolerance[1]).toFixed(info.tolerance[0] < 0.01 ? 4 : 3)
        : NULL;
      const capacity = Math.max(1, Math.round(workers * logBetween(r, info.capacity[0], info.capacity[1]) * (k === 0 ? 1 : between(r, 0.2, 0.6))));
      t.Capability.add(`${uuid(PREFIX.Capability, serial * STRIDE.Capability + k)}\t${id}\t${process}\t${materials}\t${tolerance}\t${capacity}\t${drawUnit(r, info.unit)}\t\\N\n`);
      if (info.machines.length && r() < P.machinesBySize[size]) {
        const rows = size === 2 ? intBetween(r, 1, 3) : 1;
        for (let m = 0; m < rows && machineK < STRIDE.Machine; m++) {
          const [type, cnc] = pick(r, info.machines);
          const count = size === 0 ? intBetween(r, 1, 2) : size === 1 ? intBetween(r, 1, 4) : intBetween(r, 2, 10);
          const brand = r() < 0.4 ? NULL : pick(r, cnc ? BRANDS_CNC : BRANDS);
          const year = r() < 0.25 ? NULL : String(intBetween(r, size === 0 ? 1985 : 1995, 2025));
          t.Machine.add(`${uuid(PREFIX.Machine, serial * STRIDE.Machine + machineK++)}\t${id}\t${copyText(type)}\t${count}\t${cnc ? "t" : "f"}\t${copyText(brand)}\t${year}\n`);
        }
      }
    }

    // Certifications.
    const certs = certificationTypes(r, size, stageIndex, processes[0], automotive);
    let certK = 0;
    for (const type of certs) {
      if (certK + 2 > STRIDE.Certification) break;
      const years = P.certifications.validityYears[type];
      let from: number;
      if (r() < P.certifications.lapsed) {
        from = dayOf("2019-01-01") + Math.floor(r() * (addYears(REFERENCE_DAY, -years) - dayOf("2019-01-01")));
      } else {
        const earliest = Math.max(addYears(REFERENCE_DAY, -years) + 1, dayOf("2019-01-01"));
        from = earliest + Math.floor(r() * (REFERENCE_DAY - 30 - earliest));
        if (r() < P.certifications.renewedWithHistory) {
          const previous = addYears(from, -years);
          addCertification(t, r, serial, certK++, id, type, regency, previous, from);
        }
      }
      const until = type === "HALAL" && from >= dayOf("2023-01-01") ? null : addYears(from, years);
      addCertification(t, r, serial, certK++, id, type, regency, from, until);
    }

    // 5R audits: 1-3, six to twelve months apart, improving over time.
    if (r() < P.fiveR.bySize[size] * (0.6 + 0.3 * stageIndex)) {
      const audits = intBetween(r, 1, 3);
      const items = P.fiveR.itemsScored[draw(r, ITEMS_CUMULATIVE)][0];
      let day = REFERENCE_DAY - 7 - Math.floor(r() * 300);
      let percent = P.fiveR.meanPercentByStage[stageIndex] + (r() + r() + r() - 1.5) * 16;
      const auditor = pick(r, AUDITORS);
      for (let a = 0; a < audits; a++) {
        const points = clamp(Math.round((percent / 100) * 2 * items), 0, 2 * items);
        const score = ((points / (2 * items)) * 100).toFixed(2);
        t.FiveRAudit.add(`${uuid(PREFIX.FiveRAudit, serial * STRIDE.FiveRAudit + a)}\t${id}\t${dateString(day)}\t${auditor}\t${items}\t${points}\t${score}\n`);
        day -= 180 + Math.floor(r() * 185);
        percent -= 2 + r() * 6;
      }
    }

    // Monthly deliveries to a buyer (firm unknown: firmId NULL), consecutive months up to 2026-10.
    if (r() < (automotive ? P.deliveries.automotiveBySize[size] : P.deliveries.otherBySize[size])) {
      const months = Math.min(MONTHS.length, intBetween(r, P.deliveries.minMonths, P.deliveries.maxMonths));
      const last = MONTHS.length - 1 - Math.floor(r() * Math.min(4, MONTHS.length - months + 1));
      const onTime = between(r, P.deliveries.onTime[0], P.deliveries.onTime[1]);
      const reject = r() * r() * P.deliveries.rejectMax;
      const lotSize = Math.max(10, Math.round(logBetween(r, 50, 2000)));
      const maxLots = size === 0 ? 4 : size === 1 ? 8 : 16;
      for (let m = 0; m < months && last - m >= 0; m++) {
        const lots = intBetween(r, 1, maxLots);
        const lotsOnTime = clamp(Math.round(lots * clamp(onTime + (r() - 0.5) * 0.1, 0, 1)), 0, lots);
        const qty = lots * Math.max(1, Math.round(lotSize * between(r, 0.8, 1.2)));
        const rejected = clamp(Math.round(qty * reject * between(r, 0.5, 1.5)), 0, qty);
        t.DeliveryRecord.add(`${uuid(PREFIX.DeliveryRecord, serial * STRIDE.DeliveryRecord + m)}\t${id}\t${MONTHS[last - m]}\t${lots}\t${lotsOnTime}\t${qty}\t${rejected}\n`);
      }
    }

    if (s) t.SentraMembership.add(`${uuid(PREFIX.Sentra, s.serial)}\t${id}\t${created}\n`);
    if (memberOfKoperasi[i] >= 0) t.KoperasiMembership.add(`${uuid(PREFIX.Koperasi, koperasi[memberOfKoperasi[i]].serial)}\t${id}\t${created}\n`);
  }

  for (const s of sentra) {
    const [product, raw] = pick(r, PROCESS_INFO[s.process].products);
    const place = shortPlace(s.regency) ?? pick(r, VILLAGES);
    const created = s.members.reduce((min, i) => (ikmCreated[i] < min ? ikmCreated[i] : min), ikmCreated[s.members[0]]);
    t.Sentra.add(`${uuid(PREFIX.Sentra, s.serial)}\t${copyText(`Sentra ${product} ${place}`)}\t${s.regency.code}\t${copyText(product)}\t${s.process}\t${copyText(raw)}\t${created}\n`);
  }
  for (const k of koperasi) {
    const place = shortPlace(k.regency) ?? pick(r, VILLAGES);
    const name = `${pick(r, KOPERASI_KINDS)} ${pick(r, NAME_A)} ${pick(r, NAME_B)} ${place}`;
    const registration = r() < P.koperasi.registered
      ? `AHU-${String(k.serial).padStart(7, "0")}.AH.01.26.TAHUN ${intBetween(r, 2012, 2025)}`
      : null;
    const created = k.members.reduce((min, i) => (ikmCreated[i] < min ? ikmCreated[i] : min), ikmCreated[k.members[0]]);
    t.Koperasi.add(`${uuid(PREFIX.Koperasi, k.serial)}\t${copyText(name)}\t${k.regency.code}\t${copyText(registration)}\t${r() < P.koperasi.offtaker ? "t" : "f"}\t${r() < P.koperasi.sharedFacility ? "t" : "f"}\t${created}\n`);
  }
  for (const table of TABLE_ORDER) t[table].finish();
  return { count, tables: t };
}

function ikmName(r: Random, size: Size, process: Process, product: string): string {
  const info = PROCESS_INFO[process];
  const u = r();
  if (size === 0 && u < 0.25) {
    // Named after the owner: "Keripik tempe Bu Sri", or for a workshop "Bengkel Las Pak Slamet".
    const owner = `${r() < 0.7 ? "Pak" : "Bu"} ${pick(r, FIRST_NAMES)}`;
    return AUTOMOTIVE.has(process) ? `Bengkel ${info.nameWords[0]} ${owner}` : `${product} ${owner}`;
  }
  const prefix = size === 2 ? (r() < 0.55 ? "PT" : "CV") : size === 1 ? (u < 0.55 ? "CV" : u < 0.9 ? "UD" : "PT") : u < 0.6 ? "UD" : u < 0.85 ? "CV" : "Usaha";
  const word = r() < 0.5 ? ` ${pick(r, info.nameWords)}` : "";
  return r() < 0.5 ? `${prefix} ${pick(r, NAME_A)} ${pick(r, NAME_B)}${word}` : `${prefix} ${pick(r, NAME_A)}${word} ${pick(r, NAME_B)}`;
}

function certificationTypes(r: Random, size: Size, stage: number, process: Process, automotive: boolean): CertificationType[] {
  const c = POPULATION.certifications;
  const out: CertificationType[] = [];
  const stageFactor = c.stageFactor[stage];
  const foodLike = process === "FOOD" || process === "BEVERAGES";
  if (foodLike && r() < c.halal.foodBeverage) out.push("HALAL");
  else if ((process === "HERBAL" || process === "COSMETICS") && r() < c.halal.herbalCosmetics) out.push("HALAL");
  const metal = automotive || process === "METAL_PRODUCTS";
  const sni = metal ? c.sni.metalBySize[size] : process === "BEVERAGES" ? c.sni.beverages : process === "FOOD" ? c.sni.food : c.sni.other;
  if (r() < sni) out.push("SNI");
  if (r() < c.iso9001BySize[size] * stageFactor * (automotive ? c.iso9001AutomotiveFactor : 1)) out.push("ISO_9001");
  if (r() < c.iso14001BySize[size] * stageFactor) out.push("ISO_14001");
  if (size === 2 && automotive && r() < c.iatf16949MediumAutomotive) out.push("IATF_16949");
  if (r() < c.tkdnBySize[size] * stageFactor * (automotive ? c.tkdnAutomotiveFactor : 1)) out.push("TKDN");
  if ((foodLike && size < 2 && r() < c.otherFoodSmall) || ((process === "HERBAL" || process === "COSMETICS") && r() < c.otherCosmeticsHerbal)) {
    out.push("OTHER");
  }
  return out;
}

function addCertification(
  t: Record<Table, TableText>, r: Random, serial: number, k: number, ikmId: string, type: CertificationType,
  regency: Regency, from: number, until: number | null,
): void {
  const year = dateString(from).slice(0, 4);
  const n = String(serial).padStart(7, "0");
  let number: string;
  let issuer: string;
  switch (type) {
    case "HALAL":
      number = `ID${regency.province}${n}${PAD2[k]}${year.slice(2)}`;
      issuer = from < dayOf("2019-10-17") ? "LPPOM MUI" : "BPJPH";
      break;
    case "SNI":
      number = `SPPT-SNI ${n}-${k}/${year}`;
      issuer = pick(r, SNI_BODIES);
      break;
    case "TKDN":
      number = `${n}.${k}/SJ-IUBTT/TKDN/${year}`;
      issuer = "Kementerian Perindustrian";
      break;
    case "IATF_16949":
      number = `IATF 0${n}${k}`;
      issuer = pick(r, IATF_BODIES);
      break;
    case "OTHER":
      number = `P-IRT ${regency.code.replace(".", "")}${n}${k}-${year.slice(2)}`;
      issuer = `Dinas Kesehatan ${regency.name ?? `${regency.code}, ${PROVINCES[regency.province]}`}`;
      break;
    default:
      number = `${type === "ISO_9001" ? "QMS" : "EMS"}/${year}/${n}-${k}`;
      issuer = pick(r, ISO_BODIES);
  }
  const created = `${dateString(Math.max(from, CREATED_FROM))} 08:00:00.000`;
  t.Certification.add(`${uuid(PREFIX.Certification, serial * STRIDE.Certification + k)}\t${ikmId}\t${type}\t${copyText(number)}\t${copyText(issuer)}\t${dateString(from)}\t${until == null ? NULL : dateString(until)}\t${created}\n`);
}

/* ------------------------------------------------------------------------------------------------ */
/* Writing                                                                                          */
/* ------------------------------------------------------------------------------------------------ */

export interface PopulationOptions {
  ikms: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** IKMs per transaction (default: a twentieth of `ikms`, between 2,000 and 50,000). */
  chunkSize?: number;
  /** Called after every committed chunk (and once with 0 at the start). */
  onProgress?: (done: number, total: number) => void;
  /** Connections writing chunks at once (default 2: PostgreSQL parses and indexes COPY on one core each). */
  connections?: number;
  /**
   * Let PostgreSQL check every foreign key (default false). The generator only references rows of the
   * same chunk and transaction, so the loader switches the per-row foreign-key triggers off for its own
   * transactions (`session_replication_role = replica`, as pg_restore --disable-triggers does) when the
   * role may; unique keys and NOT NULL are checked either way.
   */
  checkReferences?: boolean;
  /** ANALYZE the tables afterwards (default true). */
  analyze?: boolean;
}

export interface PopulationSummary {
  ikms: number;
  capabilities: number;
  certifications: number;
  fiveRAudits: number;
  deliveries: number;
  sentra: number;
  koperasi: number;
  /** Sentra plus koperasi memberships. */
  memberships: number;
  sentraMemberships: number;
  koperasiMemberships: number;
  machines: number;
  kbliCodes: number;
  /** Serial of the first IKM of this run (its id is populationIkmId(firstSerial)). */
  firstSerial: number;
  /** Whether PostgreSQL checked the foreign keys row by row. */
  referencesChecked: boolean;
  ms: number;
}

// Held for the whole run, so two seeders never pick the same serials.
const ADVISORY_LOCK_KEY = 0x5eed_0001;

/**
 * Adds `options.ikms` synthetic IKMs (and their children) to the database at `databaseUrl` with COPY,
 * one transaction per chunk. Returns the rows written per table. Chunks are generated in order on this
 * thread while earlier ones stream to the server over `connections` connections; on an error the
 * chunks in flight roll back and the ones already committed stay (whole).
 */
async function notifyBulkChange(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_notify('jalin_ikm_changed', '*')");
  } finally {
    await client.end();
  }
}

export async function seedPopulation(databaseUrl: string, options: PopulationOptions): Promise<PopulationSummary> {
  const started = performance.now();
  const total = options.ikms;
  if (!Number.isSafeInteger(total) || total < 0) throw new Error(`ikms must be a whole number >= 0, not ${total}`);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a whole number >= 0, not ${seed}`);
  const chunkSize = options.chunkSize ?? Math.min(50_000, Math.max(2_000, Math.ceil(total / 20)));
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new Error(`chunkSize must be a whole number >= 1, not ${chunkSize}`);
  const chunkCount = Math.ceil(total / chunkSize);
  const connections = Math.max(1, Math.min(options.connections ?? 2, chunkCount));

  const summary: PopulationSummary = {
    ikms: 0, capabilities: 0, certifications: 0, fiveRAudits: 0, deliveries: 0, sentra: 0, koperasi: 0, memberships: 0,
    sentraMemberships: 0, koperasiMemberships: 0, machines: 0, kbliCodes: 0, firstSerial: 0, referencesChecked: true, ms: 0,
  };
  const clients: pg.Client[] = [];
  let cancelled = false;
  try {
    for (let c = 0; c < connections; c++) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      clients.push(client);
    }
    await clients[0].query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    if (!options.checkReferences) {
      const skipped = await Promise.all(clients.map((client) =>
        client.query("SET session_replication_role = replica").then(() => true, () => false)));
      summary.referencesChecked = !skipped.every(Boolean);
      if (summary.referencesChecked) await Promise.all(clients.map((client) => client.query("RESET session_replication_role")));
    }
    const last = await clients[0].query<{ id: string }>(
      `SELECT id::text AS id FROM "Ikm" WHERE id BETWEEN $1::uuid AND $2::uuid ORDER BY id DESC LIMIT 1`,
      [uuid(PREFIX.Ikm, 0), `${PREFIX.Ikm}ffffffffffff`],
    );
    const firstSerial = last.rows.length ? Number.parseInt(last.rows[0].id.slice(-12), 16) + 1 : 1;
    summary.firstSerial = firstSerial;
    options.onProgress?.(0, total);

    // Generation runs one chunk at a time, in order, at most `connections` chunks ahead of the writers.
    const generated = new Map<number, Promise<ChunkData>>();
    let generation: Promise<unknown> = Promise.resolve();
    const schedule = (k: number) => {
      if (k >= chunkCount || generated.has(k)) return;
      const promise = generation.then(() =>
        generateChunk(seed, firstSerial + k * chunkSize, Math.min(chunkSize, total - k * chunkSize), () => cancelled));
      promise.catch(() => undefined); // observed when a writer awaits it
      generation = promise.catch(() => undefined);
      generated.set(k, promise);
    };
    let next = 0;
    const writer = async (client: pg.Client) => {
      while (!cancelled && next < chunkCount) {
        const k = next++;
        for (let ahead = k; ahead <= k + connections; ahead++) schedule(ahead);
        const data = await generated.get(k)!;
        generated.delete(k);
        if (cancelled) return;
        await writeChunk(client, data);
        const rows = (table: Table) => data.tables[table].rows;
        summary.ikms += rows("Ikm");
        summary.capabilities += rows("Capability");
        summary.certifications += rows("Certification");
        summary.fiveRAudits += rows("FiveRAudit");
        summary.deliveries += rows("DeliveryRecord");
        summary.sentra += rows("Sentra");
        summary.koperasi += rows("Koperasi");
        summary.sentraMemberships += rows("SentraMembership");
        summary.koperasiMemberships += rows("KoperasiMembership");
        summary.memberships += rows("SentraMembership") + rows("KoperasiMembership");
        summary.machines += rows("Machine");
        summary.kbliCodes += rows("IkmKbli");
        options.onProgress?.(summary.ikms, total);
      }
    };
    const results = await Promise.allSettled(clients.map((client) => writer(client).catch((error) => {
      cancelled = true;
      throw error;
    })));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failure) throw failure.reason;
    if (total > 0 && options.analyze !== false) {
      await clients[0].query(`ANALYZE ${TABLE_ORDER.map((table) => `"${table}"`).join(", ")}`);
    }
  } finally {
    cancelled = true;
    if (clients.length) await clients[0].query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
  summary.ms = Math.round(performance.now() - started);
  // The loader's connections run with triggers off (session_replication_role), so the change feed
  // stayed silent: tell every running match index to rebuild from the new data.
  if (summary.ikms > 0) await notifyBulkChange(databaseUrl);
  return summary;
}

/** One chunk in one transaction: BEGIN, a COPY per table, COMMIT; ROLLBACK on any error. */
async function writeChunk(client: pg.Client, data: ChunkData): Promise<void> {
  await client.query("BEGIN");
  try {
    for (const table of TABLE_ORDER) {
      const text = data.tables[table];
      if (!text.rows) continue;
      const columns = TABLES[table].map((c) => `"${c}"`).join(", ");
      const stream = client.query(copyFrom(`COPY "${table}" (${columns}) FROM STDIN`));
      await pipeline(Readable.from(text.pieces), stream);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
