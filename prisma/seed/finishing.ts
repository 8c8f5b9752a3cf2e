/**
 * Issue 23's demo: a need for one specific finishing process, and the four kinds of plating shop
 * a buyer meets. PT Nusantara Motor Manufacturing asks for chrome-plated handlebars:
 * - UD Cahaya Plating Serengan names chrome plating on its capability: eligible;
 * - CV Sejahtera Perakitan Tasikmadu registered plating as a family only, but its chrome tank is on
 *   file: eligible, and the explanation cites the tank;
 * - CV Abadi Sheet Metal powder-coats its own panels and says so: a near miss, told to confirm
 *   chrome plating if it does it;
 * - UD Rejeki Fabrikasi Mojosongo paints as a family only (as every capability written before the
 *   taxonomy): a near miss, told what to confirm.
 * The CNC and welding shops name their specific processes too, as a shop filling the form would.
 */
import type { Prisma } from "../../src/generated/prisma/client.js";
import type { Process, SpecificProcess } from "../../src/domain/enums.js";

type Tx = Prisma.TransactionClient;

export interface FinishingStoryFacts {
  ikmNamed: (name: string) => string;
  firm: string;
  user: string;
  start: (months: number) => Date;
}

/** Specific processes the shops confirm on capabilities they have already. */
const CONFIRMED: ReadonlyArray<readonly [string, Process, SpecificProcess[]]> = [
  ["UD Cahaya Plating Serengan", "PLATING_PAINTING", ["ELECTROPLATING", "CHROME_PLATING"]],
  ["CV Karya Presisi Laweyan", "MACHINING_CNC", ["CNC_TURNING", "CNC_MILLING"]],
  ["CV Karya Presisi Laweyan", "MACHINING_MANUAL", ["TURNING", "GRINDING"]],
  ["UD Tekun Las Kartasura", "WELDING_FABRICATION", ["MIG_MAG_WELDING", "SMAW_WELDING"]],
  ["CV Tunas Heat Treatment", "HEAT_TREATMENT", ["HARDENING_TEMPERING", "CARBURIZING"]],
];

/** Plating capabilities added to shops whose first trade is another, and their machines. */
const ADDED: ReadonlyArray<{ name: string; specifics: SpecificProcess[]; capacity: number; machine: string }> = [
  { name: "CV Sejahtera Perakitan Tasikmadu", specifics: [], capacity: 6000, machine: "Tangki krom 1500 L" },
  { name: "CV Abadi Sheet Metal", specifics: ["POWDER_COATING"], capacity: 4000, machine: "Powder coating booth and oven" },
  { name: "UD Rejeki Fabrikasi Mojosongo", specifics: [], capacity: 3000, machine: "Kompresor dan spray gun" },
];

export async function seedFinishingStory(tx: Tx, facts: FinishingStoryFacts): Promise<void> {
  for (const [name, process, specificProcesses] of CONFIRMED) {
    await tx.capability.updateMany({ where: { ikmId: facts.ikmNamed(name), process }, data: { specificProcesses } });
  }
  for (const shop of ADDED) {
    const ikmId = facts.ikmNamed(shop.name);
    await tx.capability.create({
      data: { ikmId, process: "PLATING_PAINTING", specificProcesses: shop.specifics, materials: ["baja"], monthlyCapacity: shop.capacity, capacityUnit: "PCS" },
    });
    await tx.machine.create({ data: { ikmId, type: shop.machine, count: 1, cnc: false, yearMade: 2016 } });
  }
  await tx.componentNeed.create({
    data: {
      firmId: facts.firm, createdById: facts.user, title: "Handlebar, chrome plated", status: "OPEN", publishedAt: facts.start(0),
      description: "Bent steel tube handlebar, decorative chrome over nickel; plating only, the tubes come from the buyer.",
      processes: ["PLATING_PAINTING"], specificProcesses: ["CHROME_PLATING"], materials: ["baja"], quantityPerMonth: 2500, unit: "PCS",
      toleranceMm: null, requiredCertifications: [], minimumStage: "PRAMANDIRI", preferredRegionCode: "33", startDate: facts.start(2),
    },
  });
}
