/**
 * Gap -> programme (issue 7): for each gap of a near-miss, what would close it and what helps pay
 * for it. Pure: the figures come from src/core/supply/config.ts (each with its source and date), the
 * prices and amounts from the user, shared facilities from the caller.
 *
 * - A missing process, or too little capacity for one: the machine it needs, with the machine
 *   restructuring reimbursement (30% domestic, 25% imported, within the per-company floor and cap,
 *   less what the company has had reimbursed already) and the net cost from the price given.
 * - Financing the purchase: the KUR band that fits the price (the IKM pays it all before the refund).
 * - A shared facility (factory sharing) of the IKM's sentra or koperasi that offers the process:
 *   reachable capability, shown apart from the IKM's own.
 * - Certificates, stage and distance have no programme here: the path says what closes them.
 * - Never a machine the IKM owns already (its Machine rows): an OWNED_MACHINE path says what
 *   closes the gap instead (tooling and measurement for a tolerance, shifts for capacity).
 * - A specific process the need names (issue 23): a missing one asks for the machine of that process
 *   (a plating line for chrome plating, not a spray booth), recognised among owned machines by the
 *   same vocabulary the matcher reads machines with; an unconfirmed one (the IKM works the family
 *   but has not named the process, and no machine on file does it) is closed by confirming it.
 */
import type { Process, QuantityUnit, SpecificProcess } from "../../domain/enums.js";
import { dayText } from "../../domain/dates.js";
import type { Gap } from "../matching/types.js";
import { machineProcess } from "../matching/process-evidence.js";
import { familyOfSubject, isSpecificProcess, specificName } from "../matching/taxonomy.js";
import { FACTORY_SHARING, KUR, type KurBandName, MACHINE_RESTRUCTURING, type Sourced } from "./config.js";

/** The machine a process typically needs, to name what to buy (the user gives the price). */
const MACHINE_FOR_PROCESS: Record<Process, string> = {
  CASTING: "melting furnace (induction or cupola) with moulding line",
  FORGING: "forging hammer or press with heating furnace",
  STAMPING: "power press with dies",
  MACHINING_MANUAL: "conventional lathe or milling machine",
  MACHINING_CNC: "CNC lathe or machining centre",
  WELDING_FABRICATION: "welding set (MIG/TIG) with jigs",
  SHEET_METAL: "shearing and bending machines",
  PLASTIC_INJECTION: "plastic injection moulding machine",
  RUBBER_MOULDING: "rubber compression moulding press",
  HEAT_TREATMENT: "heat-treatment furnace",
  PLATING_PAINTING: "plating line or spray booth",
  MOULDS_DIES: "CNC machining centre and EDM",
  WIRING_HARNESS: "wire cutting, stripping and crimping machines",
  ASSEMBLY: "assembly jigs and test equipment",
  COSMETICS: "mixing and filling machines",
  FASHION: "industrial sewing machines",
  FOOD: "food processing and packaging machines",
  BEVERAGES: "beverage processing and filling machines",
  CRAFTS: "craft tools and finishing equipment",
  JEWELLERY: "jewellery casting and polishing equipment",
  FURNITURE: "woodworking machines",
  HERBAL: "herbal extraction and drying equipment",
  METAL_PRODUCTS: "metalworking machines",
};

/** The machine a specific process needs (src/core/matching/taxonomy.ts), to name what to buy. */
const MACHINE_FOR_SPECIFIC: Record<SpecificProcess, string> = {
  SAND_CASTING: "melting furnace with sand moulding line",
  DIE_CASTING: "high-pressure die-casting machine with its dies",
  INVESTMENT_CASTING: "wax injection, shell-building and melting equipment",
  HOT_FORGING: "forging press or hammer with induction or gas heater",
  COLD_FORGING: "cold heading or cold forging press",
  PROGRESSIVE_STAMPING: "power press with coil feeder and progressive dies",
  DEEP_DRAWING: "hydraulic deep-drawing press with dies",
  TURNING: "conventional lathe",
  MILLING: "conventional milling machine",
  GRINDING: "surface or cylindrical grinding machine",
  DRILLING: "pillar or radial drilling machine",
  CNC_TURNING: "CNC lathe",
  CNC_MILLING: "CNC machining centre",
  EDM: "wire-cut or sinker EDM",
  MIG_MAG_WELDING: "MIG/MAG welding set",
  TIG_WELDING: "TIG welding set",
  SMAW_WELDING: "stick (SMAW) welding set",
  SPOT_WELDING: "resistance spot welder",
  LASER_CUTTING: "fibre laser cutting machine",
  PLASMA_CUTTING: "CNC plasma cutting table",
  CNC_PUNCHING: "CNC turret punch press",
  PRESS_BRAKE_BENDING: "press brake",
  HARDENING_TEMPERING: "hardening and tempering furnaces with quench tank",
  CARBURIZING: "carburizing furnace",
  INDUCTION_HARDENING: "induction hardening machine",
  ELECTROPLATING: "electroplating line (tanks and rectifier)",
  CHROME_PLATING: "chrome plating line (nickel and chromium tanks, rectifier, fume extraction)",
  SPRAY_PAINTING: "spray booth with spray guns",
  POWDER_COATING: "powder booth with electrostatic gun and curing oven",
  HOT_DIP_GALVANIZING: "galvanizing kettle with pickling line",
  ANODIZING: "anodizing line (tanks and rectifier)",
};

/** A kind of machine the IKM owns (a Machine row): its free-text type and whether it is CNC. */
export interface OwnedMachine {
  type: string;
  cnc: boolean;
}

/**
 * Recognises, from an owned machine's free-text type (Indonesian or English, as IKMs and the demo
 * data write them), the machine MACHINE_FOR_PROCESS names for a process. A process without an
 * entry is never recognised (its machine is proposed).
 */
const RECOGNISED: Partial<Record<Process, (m: OwnedMachine, type: string) => boolean>> = {
  CASTING: (_m, t) => /tanur|kupola|cupola|furnace|peleburan|crucible|tungku lebur/.test(t) && !/harden|temper/.test(t),
  FORGING: (_m, t) => /hammer|palu|forging|tempa|friction press/.test(t),
  STAMPING: (_m, t) => /press/.test(t) && !/brake|karet|rubber|hot press|friction/.test(t),
  MACHINING_MANUAL: (m, t) => !m.cnc && /bubut|lathe|frais|milling/.test(t),
  MACHINING_CNC: (m, t) => (m.cnc || /cnc/.test(t)) && /bubut|lathe|frais|milling|machining cent|cnc/.test(t) && !/press|edm|plasma|laser/.test(t),
  WELDING_FABRICATION: (_m, t) => /\blas\b|weld|\bmig\b|\btig\b|argon|smaw/.test(t),
  SHEET_METAL: (_m, t) => /tekuk|bending|shear|press brake|roll plat|potong plat/.test(t),
  PLASTIC_INJECTION: (_m, t) => /injeksi|injection/.test(t),
  RUBBER_MOULDING: (_m, t) => /karet|rubber/.test(t),
  HEAT_TREATMENT: (_m, t) => /temper|harden|heat.treat|annealing|quench/.test(t),
  PLATING_PAINTING: (_m, t) => /plating|spray booth|coating/.test(t),
  MOULDS_DIES: (m, t) => /edm/.test(t) || (m.cnc && /machining cent/.test(t)),
  // Not "wire cut": that is a wire EDM (a specific process of CNC machining).
  WIRING_HARNESS: (_m, t) => /crimp|strip|kabel|cable/.test(t),
};

/**
 * The owned machines that are the kind a process needs: for a family, by RECOGNISED (none when it
 * has no recogniser); for a specific process, the machines the matcher reads as doing it.
 */
export function ownedFor(process: Process | SpecificProcess, owned: readonly OwnedMachine[]): OwnedMachine[] {
  if (isSpecificProcess(process)) return owned.filter((m) => machineProcess(m) === process);
  const recognise = RECOGNISED[process];
  return recognise ? owned.filter((m) => recognise(m, m.type.toLowerCase())) : [];
}

/** The machine to buy for a family or a specific process. */
const machineFor = (process: Process | SpecificProcess): string =>
  isSpecificProcess(process) ? MACHINE_FOR_SPECIFIC[process] : MACHINE_FOR_PROCESS[process];

export type MachineOrigin = "DOMESTIC" | "IMPORTED";

export interface Reimbursement extends Sourced {
  discountRate: number;
  /** What the programme pays back, in rupiah (0 below the floor or once the cap is used up). */
  reimbursementIdr: number;
  /** What the IKM pays in the end. */
  netCostIdr: number;
  /** The per-company cap cut the reimbursement. */
  capped: boolean;
  /** Below the per-company floor: nothing is reimbursed. */
  belowMinimum: boolean;
  /** The IKM pays the full price first and is reimbursed after a verifier's visit. */
  paidAfterVerification: boolean;
}

/**
 * Machine restructuring for a machine of `priceIdr`: the discount for its origin, within the
 * per-company floor and the cap left after `alreadyReimbursedIdr`.
 */
export function machineRestructuring(priceIdr: number, origin: MachineOrigin, alreadyReimbursedIdr = 0): Reimbursement {
  if (!(priceIdr >= 0) || !(alreadyReimbursedIdr >= 0)) throw new RangeError("prices and amounts are zero or more rupiah");
  const m = MACHINE_RESTRUCTURING;
  const discountRate = origin === "DOMESTIC" ? m.domesticDiscount : m.importedDiscount;
  const full = Math.round(priceIdr * discountRate);
  const capLeft = Math.max(0, m.maxPerCompanyIdr - alreadyReimbursedIdr);
  const belowMinimum = full < m.minPerCompanyIdr;
  const reimbursementIdr = belowMinimum ? 0 : Math.min(full, capLeft);
  return {
    discountRate,
    reimbursementIdr,
    netCostIdr: priceIdr - reimbursementIdr,
    capped: !belowMinimum && full > capLeft,
    belowMinimum,
    paidAfterVerification: m.paidAfterVerification,
    source: m.source,
    asOf: m.asOf,
  };
}

export interface KurBand extends Sourced {
  name: KurBandName;
  minIdr: number;
  maxIdr: number;
  rateMinPct: number;
  rateMaxPct: number;
}

/** The KUR band an amount falls in, or null above the largest band (or for no amount). */
export function kurBand(amountIdr: number): KurBand | null {
  if (!(amountIdr > 0)) return null;
  const band = KUR.bands.find((b) => amountIdr >= b.minIdr && amountIdr <= b.maxIdr);
  return band ? { ...band, source: KUR.source, asOf: KUR.asOf } : null;
}

/** A shared facility (factory sharing) of a sentra or koperasi, and the processes it offers. */
export interface SharedFacility {
  id: string;
  name: string;
  cluster: { kind: "SENTRA" | "KOPERASI"; id: string; name: string };
  processes: Process[];
  /** Units a month members can book there, and their unit, when the operator states them. */
  monthlyCapacity: number | null;
  capacityUnit: QuantityUnit | null;
}

export type GapPath =
  | {
      kind: "MACHINE";
      gap: Gap;
      process: Process;
      machine: string;
      /** Only with a price from the user. */
      priceIdr: number | null;
      origin: MachineOrigin | null;
      restructuring: Reimbursement | null;
      /** KUR band for the full price (paid before the refund), when a price is given. */
      financing: KurBand | null;
    }
  | { kind: "OWNED_MACHINE"; gap: Gap; process: Process; machine: string; message: string }
  | { kind: "SHARED_FACILITY"; gap: Gap; process: Process; facility: SharedFacility; own: false; source: string; asOf: string }
  | { kind: "CERTIFY"; gap: Gap; message: string }
  | { kind: "CONFIRM"; gap: Gap; process: Process; message: string }
  | { kind: "MENTORING"; gap: Gap; message: string }
  | { kind: "NONE"; gap: Gap; message: string };

export interface PathInputs {
  /** The price of the machine the user has in mind, per process, in rupiah. */
  machinePrices?: Partial<Record<Process, { priceIdr: number; origin: MachineOrigin }>>;
  /** What the company has had reimbursed under machine restructuring already (the cap is per company). */
  alreadyReimbursedIdr?: number;
  /** Shared facilities of the IKM's own sentra and koperasi. */
  sharedFacilities?: SharedFacility[];
  /**
   * For a capacity gap: the need's processes where the IKM makes less than the quantity (its
   * bottlenecks). Without it every process of the need is proposed.
   */
  shortProcesses?: Process[];
  /** The IKM's own machines: a machine of a kind it owns is never proposed. */
  ownedMachines?: OwnedMachine[];
  /** The specific processes the need names: their machines stand for their families' in every gap. */
  needSpecifics?: SpecificProcess[];
}

/** What closes a gap when the IKM owns the machine its process needs already, in words. */
function ownedMessage(gap: Gap, subject: Process | SpecificProcess, names: string): string {
  const process = isSpecificProcess(subject) ? specificName(subject) : subject;
  switch (gap.kind) {
    case "TOLERANCE":
      return `owns ${names} for ${process} already: holding ±${gap.subject} is closed by tooling, fixturing, machine condition and measurement (ask the mentoring foundation), not by another machine of the same kind`;
    case "CAPACITY":
      return `owns ${names} for ${process} already: more capacity comes from more shifts or fuller use of them first`;
    case "PROCESS":
      return isSpecificProcess(subject)
        ? `owns ${names}, which does ${process}: record ${familyOfSubject(subject)} among its capabilities, naming ${subject}`
        : `owns ${names}, which works ${process}: record ${process} among its capabilities`;
    default:
      return `owns ${names} for ${process} already: this gap is not closed by another machine of the same kind`;
  }
}

/**
 * The processes a gap is about: a process gap names one (a family or a specific process), a capacity
 * gap the bottlenecks, tolerance and material every process of the need.
 */
function processesOf(gap: Gap, needProcesses: Process[], inputs: PathInputs): (Process | SpecificProcess)[] {
  if (gap.kind === "PROCESS") return [gap.subject as Process | SpecificProcess];
  const named = (families: Process[]) => families.flatMap((family) => {
    const specifics = (inputs.needSpecifics ?? []).filter((code) => familyOfSubject(code) === family);
    return specifics.length ? specifics : [family];
  });
  if (gap.kind === "CAPACITY") return named(inputs.shortProcesses ? needProcesses.filter((p) => inputs.shortProcesses!.includes(p)) : needProcesses);
  if (gap.kind === "TOLERANCE" || gap.kind === "MATERIAL") return named(needProcesses);
  return [];
}

/**
 * What would close each gap, in the gap's order: for a process or capacity gap, first the shared
 * facilities that offer the process (reachable now, not the IKM's own), then the machine with its
 * reimbursement and KUR band; certificates, stage and distance get what closes them in words.
 *
 * Each machine and each facility is proposed once, for the first gap that needs it. Machine
 * restructuring is capped per company, so priced machines draw on one cap in the order listed:
 * the second machine gets what the first left. The KUR band is for the full price, because the IKM
 * pays the machine first and is reimbursed only after a verifier's visit.
 */
export function gapPaths(gaps: Gap[], needProcesses: Process[], inputs: PathInputs = {}): GapPath[] {
  const paths: GapPath[] = [];
  const proposed = new Set<string>();
  let reimbursed = inputs.alreadyReimbursedIdr ?? 0;
  const machine = (gap: Gap, subject: Process | SpecificProcess) => {
    if (proposed.has(`MACHINE:${subject}`)) return;
    proposed.add(`MACHINE:${subject}`);
    const process = familyOfSubject(subject);
    const owned = ownedFor(subject, inputs.ownedMachines ?? []);
    if (owned.length) {
      const names = owned.map((m) => m.type).join(", ");
      paths.push({ kind: "OWNED_MACHINE", gap, process, machine: names, message: ownedMessage(gap, subject, names) });
      return;
    }
    const price = inputs.machinePrices?.[process];
    const restructuring = price ? machineRestructuring(price.priceIdr, price.origin, reimbursed) : null;
    if (restructuring) reimbursed += restructuring.reimbursementIdr;
    paths.push({
      kind: "MACHINE", gap, process, machine: machineFor(subject),
      priceIdr: price?.priceIdr ?? null, origin: price?.origin ?? null, restructuring,
      financing: price ? kurBand(price.priceIdr) : null,
    });
  };
  for (const gap of gaps) {
    const processes = processesOf(gap, needProcesses, inputs);
    if (gap.kind === "PROCESS" || gap.kind === "CAPACITY") {
      for (const subject of processes) {
        // Shared facilities state families only: one offering the family may not do the specific process.
        const process = familyOfSubject(subject);
        for (const facility of isSpecificProcess(subject) ? [] : inputs.sharedFacilities ?? []) {
          const key = `FACILITY:${facility.id}:${process}`;
          if (facility.processes.includes(process) && !proposed.has(key)) {
            proposed.add(key);
            paths.push({ kind: "SHARED_FACILITY", gap, process, facility, own: false, source: FACTORY_SHARING.source, asOf: FACTORY_SHARING.asOf });
          }
        }
        machine(gap, subject);
      }
    } else if (gap.kind === "UNCONFIRMED_PROCESS") {
      const code = gap.subject as SpecificProcess;
      paths.push({ kind: "CONFIRM", gap, process: familyOfSubject(code), message:
        `if it does ${specificName(code)}, name ${code} on its ${familyOfSubject(code)} capability, or record the machine that does it (a ${MACHINE_FOR_SPECIFIC[code]}); a mentor's visit can confirm it` });
    } else if (gap.kind === "TOLERANCE" || gap.kind === "MATERIAL") {
      for (const process of processes) machine(gap, process);
    } else if (gap.kind === "CERTIFICATION") {
      // A soft certificate gap is one lapsing inside the need's period (certificates.ts): renew it.
      const renew = !gap.hard && gap.lapsesOn != null;
      paths.push({ kind: "CERTIFY", gap, message: renew
        ? `renew ${gap.subject} before ${dayText(gap.lapsesOn as number)}: a renewal valid from ${dayText((gap.lapsesOn as number) + 1)} at the latest keeps it unbroken to the need's end`
        : `obtain ${gap.subject}, valid when supply starts` });
    } else if (gap.kind === "STAGE") {
      paths.push({ kind: "MENTORING", gap, message: `reach ${gap.subject} through mentoring and a new assessment` });
    } else {
      paths.push({ kind: "NONE", gap, message: "no programme closes this gap; it depends on where the IKM works" });
    }
  }
  return paths;
}
