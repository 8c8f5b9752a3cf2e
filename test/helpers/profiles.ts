/**
 * A reference reader of matcher profiles through Prisma, written independently of the service's
 * SQL (src/infra/db/supplier-profiles.ts), so equivalence tests compare two separate paths.
 */
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import type { Process } from "../../src/domain/enums.js";
import { type SupplierProfile, toDay } from "../../src/core/matching/types.js";
import { type DeliveryMonth, type MonthIndex, monthOfDate, recencyOf } from "../../src/core/matching/recency.js";

/** Delivery rows summed per calendar month, oldest first (as the service's SQL gives them). */
function monthly(rows: Array<{ month: Date; lotsDelivered: number; lotsOnTime: number; qtyDelivered: number; qtyRejected: number }>): DeliveryMonth[] {
  const byMonth = new Map<number, DeliveryMonth>();
  for (const d of rows) {
    const month = monthOfDate(d.month);
    const m = byMonth.get(month) ?? { month, lots: 0, onTime: 0, qty: 0, rejected: 0 };
    m.lots += d.lotsDelivered;
    m.onTime += d.lotsOnTime;
    m.qty += d.qtyDelivered;
    m.rejected += d.qtyRejected;
    byMonth.set(month, m);
  }
  return [...byMonth.values()].sort((a, b) => a.month - b.month);
}

/** Every IKM's profile, delivery months weighed from `asOfMonth` (the current month unless given). */
export async function referenceProfiles(prisma: PrismaClient, asOfMonth: MonthIndex = monthOfDate(new Date())): Promise<SupplierProfile[]> {
  const parents = new Map((await prisma.foundation.findMany({ select: { id: true, parentId: true } })).map((f) => [f.id, f.parentId]));
  const lineage = (id: string): string[] => {
    const out: string[] = [];
    for (let at: string | null | undefined = id; at && !out.includes(at); at = parents.get(at)) out.push(at);
    return out;
  };
  const ikms = await prisma.ikm.findMany({
    include: {
      capabilities: true,
      machines: true,
      certifications: true,
      fiveRAudits: { orderBy: [{ auditedOn: "desc" }, { id: "desc" }], take: 1 },
      deliveries: true,
      sentraMemberships: { include: { sentra: true } },
      koperasiMemberships: { include: { koperasi: { include: { memberships: { include: { ikm: { include: { capabilities: true } } } } } } } },
      mentorships: { where: { status: "ACTIVE" } },
      // An award's PENDING ones (candidateId set) hold capacity too, as the service's SQL counts them.
      partnerships: { where: { OR: [{ status: "ACTIVE" }, { status: "PENDING", candidateId: { not: null } }] } },
    },
  });
  return ikms.map((i) => {
    const peerProcesses = new Set<Process>();
    for (const km of i.koperasiMemberships) {
      for (const m of km.koperasi.memberships) {
        if (m.ikmId !== i.id) for (const c of m.ikm.capabilities) peerProcesses.add(c.process);
      }
    }
    const sum = (f: (d: (typeof i.deliveries)[number]) => number) => i.deliveries.reduce((s, d) => s + f(d), 0);
    return {
      id: i.id,
      stage: i.currentStage,
      regionCode: i.regionCode,
      latitude: i.latitude,
      longitude: i.longitude,
      capabilities: i.capabilities.map((c) => ({
        process: c.process,
        specifics: c.specificProcesses,
        materials: c.materials,
        toleranceMm: c.toleranceMm == null ? null : c.toleranceMm.toNumber(),
        monthlyCapacity: c.monthlyCapacity,
        unit: c.capacityUnit,
      })),
      machines: i.machines.map((m) => ({ type: m.type, count: m.count, cnc: m.cnc })),
      certifications: i.certifications.map((c) => ({
        type: c.type,
        validFrom: toDay(c.validFrom),
        validUntil: c.validUntil ? toDay(c.validUntil) : null,
      })),
      commitments: i.partnerships.flatMap((p) =>
        [...new Set(p.processes)].map((process) => ({
          process,
          unit: p.unit,
          quantityPerMonth: p.quantityPerMonth,
          startDay: toDay(p.startDate),
          endDay: p.endDate ? toDay(p.endDate) : null,
          needId: p.needId,
        }))),
      fiveRPercent: i.fiveRAudits[0] ? i.fiveRAudits[0].scorePercent.toNumber() : null,
      delivery: {
        lots: sum((d) => d.lotsDelivered), onTime: sum((d) => d.lotsOnTime), qty: sum((d) => d.qtyDelivered), rejected: sum((d) => d.qtyRejected),
        recency: i.deliveries.length ? recencyOf(monthly(i.deliveries), asOfMonth) : null,
      },
      sentraProcesses: [...new Set(i.sentraMemberships.map((m) => m.sentra.process))],
      koperasiPeerProcesses: [...peerProcesses],
      sentraIds: i.sentraMemberships.map((m) => m.sentraId),
      koperasiIds: i.koperasiMemberships.map((m) => m.koperasiId),
      foundationIds: [...new Set(i.mentorships.flatMap((m) => lineage(m.foundationId)))],
    };
  });
}
