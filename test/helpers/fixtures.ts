import type { PrismaClient } from "../../src/generated/prisma/client.js";
import type { MaturityStage, Process } from "../../src/domain/enums.js";
import { toGlobalId } from "../../src/domain/ids.js";

let counter = 0;
const next = () => ++counter;

export async function makeFirm(prisma: PrismaClient, name = `PT Uji ${next()}`) {
  const firm = await prisma.firm.create({ data: { name, sector: "AUTOMOTIVE", tier: "TIER_1", regionCode: "32.16" } });
  return { ...firm, gid: toGlobalId("Firm", firm.id) };
}

/** A foundation, or a regional centre when `parentId` is given. */
export async function makeFoundation(prisma: PrismaClient, name: string, parentId?: string) {
  const row = await prisma.foundation.create({ data: { name, regionCode: "33.72", parentId } });
  return { id: row.id, gid: toGlobalId("Foundation", row.id) };
}

export async function makeIkm(
  prisma: PrismaClient,
  options: { name?: string; stage?: MaturityStage; processes?: Process[]; regionCode?: string } = {},
) {
  const ikm = await prisma.ikm.create({
    data: {
      legalName: options.name ?? `CV Uji ${String(next()).padStart(4, "0")}`,
      regionCode: options.regionCode ?? "33.72",
      workers: 12,
      currentStage: options.stage ?? "MADYA",
      investmentIdr: 500_000_000n,
      synthetic: true,
      capabilities: {
        create: (options.processes ?? ["MACHINING_MANUAL"]).map((process) => ({
          process, materials: ["baja"], monthlyCapacity: 1000, capacityUnit: "PCS" as const,
        })),
      },
    },
  });
  return { ...ikm, gid: toGlobalId("Ikm", ikm.id) };
}

export const needInput = (overrides: Record<string, unknown> = {}) => ({
  title: "Bracket",
  description: "Stamped bracket",
  processes: ["STAMPING"],
  materials: ["Baja  SPCC"],
  quantityPerMonth: 5000,
  unit: "PCS",
  startDate: "2027-03-01",
  ...overrides,
});
