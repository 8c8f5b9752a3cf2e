/**
 * Demo data that tells true stories from public sources (README, Sources) with invented businesses:
 * - the Solo Raya mentoring group: 22 IKMs, 50% mandiri, 45% pramandiri, 5% madya (Gatra);
 * - the Ceper/Klaten casting cluster and its koperasi, which supplies cylinder sleeves
 *   (200 pcs/month) to a tier-1 (Koperasi Batur Jaya; its members here are invented);
 * - the Ngingas (Sidoarjo) metal sentra: 13 IKMs mentored for two years, 4 of them in a
 *   motorcycle maker's supply chain through a tier-1 (~30%);
 * - a Tegal sheet-metal sentra; three large buyers with needs in every status;
 * - partnerships that already take capacity, and the koperasi's shared facility (factory sharing);
 * - the sourcing loop told end to end (sourcing.ts): quotations, a shortlist with a consortium,
 *   PPAP samples, an award, and each partnership's months of deliveries.
 * Every IKM is flagged `synthetic`; firm, person and business names are invented.
 * Idempotent: one transaction, skipped when the demo administrator exists.
 */
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import type { CertificationType, MaturityStage, Process, QuantityUnit } from "../../src/domain/enums.js";
import { hashPassword } from "../../src/features/accounts/auth.service.js";
// Deterministic pseudo-random numbers (mulberry32), so every demo database is the same.
import { rng } from "./random.js";
import { seedSourcingStory } from "./sourcing.js";
import { seedFinishingStory } from "./finishing.js";

export const DEMO_PASSWORD = "jalin-demo-2026";
export const DEMO_ADMIN_EMAIL = "admin@jalin.demo";

export interface DemoUser {
  email: string;
  role: string;
  tenant: string;
}

interface Place { code: string; lat: number; lon: number; name: string }
const PLACES: Record<string, Place> = {
  surakarta: { code: "33.72", lat: -7.5666, lon: 110.8167, name: "Surakarta" },
  sukoharjo: { code: "33.11", lat: -7.6806, lon: 110.8417, name: "Sukoharjo" },
  karanganyar: { code: "33.13", lat: -7.5961, lon: 110.9508, name: "Karanganyar" },
  boyolali: { code: "33.09", lat: -7.5317, lon: 110.5958, name: "Boyolali" },
  sragen: { code: "33.14", lat: -7.4302, lon: 111.0092, name: "Sragen" },
  wonogiri: { code: "33.12", lat: -7.8138, lon: 110.9264, name: "Wonogiri" },
  ceper: { code: "33.10", lat: -7.6595, lon: 110.6812, name: "Ceper, Klaten" },
  tegal: { code: "33.28", lat: -6.9818, lon: 109.1404, name: "Slawi, Tegal" },
  ngingas: { code: "35.15", lat: -7.3489, lon: 112.7231, name: "Ngingas, Waru, Sidoarjo" },
};

type Cap = [Process, string[], number | null, number, QuantityUnit];

interface IkmPlan {
  name: string;
  place: Place;
  stage: MaturityStage;
  workers: number;
  caps: Cap[];
  certs: CertificationType[];
  /** An expired certificate of this type, to show history. */
  expired?: CertificationType;
  /** Its certificates end this many months from now (default 18). */
  certsEndInMonths?: number;
  deliveryMonths: number;
  onTime: number;
  reject: number;
  /**
   * Issue 23: reject rates that moved. IMPROVING: 6% until half a year ago, 0.2% since; WORSENING:
   * the reverse (explainMatch names the trend; a worsening supplier is capped below EXCELLENT).
   */
  rejectShift?: "IMPROVING" | "WORSENING";
  group: "solo" | "ceper" | "ngingas" | "tegal";
}

/** The plan's reject rate for a month `age` months ago (the last 5 full months are the recent window with this one). */
function rejectRate(plan: IkmPlan, age: number): number {
  if (!plan.rejectShift) return plan.reject;
  const recent = age < 6;
  return (plan.rejectShift === "IMPROVING") === recent ? 0.002 : 0.06;
}

const SOLO_NAMES = [
  "CV Karya Presisi Laweyan", "UD Logam Mulya Jebres", "CV Sinar Bubut Grogol", "UD Tekun Las Kartasura",
  "CV Mitra Press Palur", "CV Surya Plastindo Colomadu", "UD Maju Teknik Baki", "CV Baja Sentosa Jaten",
  "CV Anugrah Frais Banjarsari", "UD Rejeki Fabrikasi Mojosongo", "CV Cipta Mould Solo", "UD Berkah Cetak Plastik Sragen",
  "CV Dinamika Las Boyolali", "CV Wahana Mesin Wonogiri", "UD Prima Stamping Karanganyar", "CV Harapan Jaya Bubut",
  "CV Tunas Heat Treatment", "UD Cahaya Plating Serengan", "CV Abadi Sheet Metal", "UD Mandiri Harness Gondangrejo",
  "CV Sejahtera Perakitan Tasikmadu", "UD Guna Karya Madya",
];
const SOLO_PLACES = [PLACES.surakarta, PLACES.surakarta, PLACES.sukoharjo, PLACES.sukoharjo, PLACES.karanganyar,
  PLACES.karanganyar, PLACES.sukoharjo, PLACES.karanganyar, PLACES.surakarta, PLACES.surakarta, PLACES.surakarta,
  PLACES.sragen, PLACES.boyolali, PLACES.wonogiri, PLACES.karanganyar, PLACES.sukoharjo, PLACES.karanganyar,
  PLACES.surakarta, PLACES.boyolali, PLACES.karanganyar, PLACES.karanganyar, PLACES.sragen];
const SOLO_CAPS: Cap[][] = [
  [["MACHINING_CNC", ["baja s45c", "aluminium"], 0.02, 4000, "PCS"], ["MACHINING_MANUAL", ["baja s45c"], 0.05, 2500, "PCS"]],
  [["CASTING", ["besi cor fc250"], 0.5, 3000, "PCS"]],
  [["MACHINING_MANUAL", ["baja", "kuningan"], 0.05, 3000, "PCS"]],
  [["WELDING_FABRICATION", ["baja spcc", "baja ss400"], 0.5, 1500, "PCS"]],
  [["STAMPING", ["baja spcc", "baja sphc"], 0.1, 20000, "PCS"], ["MOULDS_DIES", ["skd11"], 0.01, 4, "SET"]],
  [["PLASTIC_INJECTION", ["pp", "abs"], 0.1, 30000, "PCS"]],
  [["MACHINING_CNC", ["baja s45c"], 0.02, 3500, "PCS"]],
  [["STAMPING", ["baja spcc"], 0.15, 15000, "PCS"], ["WELDING_FABRICATION", ["baja spcc"], 0.5, 2000, "PCS"]],
  [["MACHINING_MANUAL", ["baja", "aluminium"], 0.03, 2000, "PCS"]],
  [["WELDING_FABRICATION", ["baja ss400"], 1, 800, "PCS"]],
  [["MOULDS_DIES", ["skd11", "s50c"], 0.01, 6, "SET"]],
  [["PLASTIC_INJECTION", ["pp", "pe"], 0.2, 25000, "PCS"]],
  [["WELDING_FABRICATION", ["baja spcc"], 1, 1000, "PCS"]],
  [["MACHINING_CNC", ["baja", "aluminium"], 0.02, 2500, "PCS"]],
  [["STAMPING", ["baja spcc"], 0.1, 18000, "PCS"]],
  [["MACHINING_MANUAL", ["baja"], 0.05, 2200, "PCS"]],
  [["HEAT_TREATMENT", ["baja s45c", "baja scm440"], null, 5000, "KG"]],
  [["PLATING_PAINTING", ["baja", "zinc"], null, 40000, "PCS"]],
  [["SHEET_METAL", ["baja spcc", "galvanis"], 0.3, 5000, "PCS"]],
  [["WIRING_HARNESS", ["kabel avss"], null, 6000, "SET"]],
  [["ASSEMBLY", ["komponen"], null, 10000, "SET"]],
  [["WELDING_FABRICATION", ["baja ss400"], 1.5, 400, "PCS"]],
];

function soloGroup(): IkmPlan[] {
  // 11 mandiri (50%), 10 pramandiri (45%), 1 madya (5%): the Solo Raya split reported by Gatra.
  const stages: MaturityStage[] = [...Array(11).fill("MANDIRI"), ...Array(10).fill("PRAMANDIRI"), "MADYA"];
  return SOLO_NAMES.map((name, i) => ({
    name,
    place: SOLO_PLACES[i],
    stage: stages[i],
    workers: stages[i] === "MANDIRI" ? 25 + i * 3 : 8 + i,
    caps: SOLO_CAPS[i],
    certs: stages[i] === "MANDIRI" ? ["ISO_9001"] : i % 3 === 0 ? ["SNI"] : [],
    expired: i === 12 ? "ISO_9001" : undefined,
    // The engine-bracket buyer's best-looking supplier: its ISO 9001 lapses mid-period (issue 22).
    certsEndInMonths: name === "CV Baja Sentosa Jaten" ? 9 : undefined,
    deliveryMonths: stages[i] === "MANDIRI" ? 12 : stages[i] === "PRAMANDIRI" ? 6 : 1,
    onTime: stages[i] === "MANDIRI" ? 0.96 : 0.88,
    reject: stages[i] === "MANDIRI" ? 0.008 : 0.025,
    group: "solo",
  }));
}

function ceperGroup(): IkmPlan[] {
  const names = ["UD Cor Logam Batur", "CV Pengecoran Tegalrejo", "UD Besi Cor Kuncen", "CV Mekar Cor Ceper",
    "UD Sumber Logam Klepu", "CV Tirta Cor Jombor", "UD Api Abadi Pengecoran", "CV Gemilang Cor Ceper",
    "UD Karya Tuang Kurung", "CV Santosa Foundry Ceper", "UD Mulia Cor Dlimas", "CV Perkasa Logam Ceper"];
  return names.map((name, i) => ({
    name,
    place: PLACES.ceper,
    stage: (i < 3 ? "MANDIRI" : i < 7 ? "PRAMANDIRI" : i < 10 ? "MADYA" : "PEMULA") as MaturityStage,
    workers: 10 + ((i * 7) % 30),
    // No member alone covers 200 cylinder sleeves a month: the koperasi splits the order.
    caps: [["CASTING", ["besi cor fc200", "besi cor fc250"], 0.8, 40 + i * 10, "PCS"], ...(i % 4 === 0 ? [["MACHINING_MANUAL", ["besi cor"], 0.1, 150, "PCS"] as Cap] : [])],
    certs: i < 3 ? ["ISO_9001"] : [],
    deliveryMonths: i < 7 ? 12 : 3,
    onTime: 0.9 + (i % 3) * 0.02,
    reject: 0.02 + (i % 4) * 0.005,
    group: "ceper",
  }));
}

function ngingasGroup(): IkmPlan[] {
  const names = ["CV Ngingas Presisi", "UD Waru Bubut", "CV Kureksari Teknik", "UD Medaeng Logam", "CV Bungurasih Press",
    "UD Tambak Sawah Las", "CV Sidoarjo Frais", "UD Wadungasri Mesin", "CV Janti Stamping", "UD Kepuh Kiriman Teknik",
    "CV Pepelegi Metal", "UD Tambakrejo Bubut", "CV Berbek Fabrikasi"];
  return names.map((name, i) => ({
    name,
    place: PLACES.ngingas,
    // 4 of 13 entered a motorcycle supply chain through a tier-1 after two years of mentoring.
    stage: (i < 4 ? "MANDIRI" : i < 9 ? "PRAMANDIRI" : "MADYA") as MaturityStage,
    workers: 6 + ((i * 5) % 25),
    caps: [
      [i % 3 === 0 ? "MACHINING_CNC" : i % 3 === 1 ? "MACHINING_MANUAL" : "STAMPING", ["baja s45c", "baja spcc"], i % 3 === 0 ? 0.02 : 0.08, 1500 + i * 250, "PCS"],
    ],
    certs: i < 4 ? ["ISO_9001"] : [],
    expired: i === 5 ? "ISO_9001" : undefined,
    deliveryMonths: i < 4 ? 24 : i < 9 ? 4 : 0,
    onTime: 0.95,
    reject: 0.01,
    // Two CNC shops with two years on record: one that fixed its rejects, one that is slipping.
    rejectShift: i === 0 ? "IMPROVING" : i === 3 ? "WORSENING" : undefined,
    group: "ngingas",
  }));
}

function tegalGroup(): IkmPlan[] {
  const names = ["CV Tegal Sheet Metal", "UD Kebasen Logam", "CV Talang Press", "UD Adiwerna Teknik", "CV Dukuhturi Las",
    "UD Pesarean Metal"];
  return names.map((name, i) => ({
    name,
    place: PLACES.tegal,
    stage: (i < 2 ? "PRAMANDIRI" : i < 4 ? "MADYA" : "PEMULA") as MaturityStage,
    workers: 5 + i * 3,
    caps: [["SHEET_METAL", ["baja spcc", "plat hitam"], 0.5, 800 + i * 200, "PCS"], ["WELDING_FABRICATION", ["baja ss400"], 1, 300 + i * 50, "PCS"]],
    certs: i === 0 ? ["SNI"] : [],
    deliveryMonths: i < 2 ? 6 : 0,
    onTime: 0.85,
    reject: 0.03,
    group: "tegal",
  }));
}

const MACHINE_FOR: Partial<Record<Process, [string, boolean]>> = {
  MACHINING_CNC: ["CNC lathe", true], MACHINING_MANUAL: ["Conventional lathe (bubut)", false], STAMPING: ["Power press 60 t", false],
  CASTING: ["Cupola furnace", false], WELDING_FABRICATION: ["MIG welder", false], PLASTIC_INJECTION: ["Injection moulding machine 150 t", false],
  MOULDS_DIES: ["CNC milling machine", true], SHEET_METAL: ["Shearing machine", false], HEAT_TREATMENT: ["Tempering furnace", false],
  PLATING_PAINTING: ["Zinc plating line", false], WIRING_HARNESS: ["Crimping machine", false], ASSEMBLY: ["Assembly jig line", false],
};

export async function seedDemo(prisma: PrismaClient): Promise<{ created: boolean; users: DemoUser[] }> {
  const users: DemoUser[] = [
    { email: DEMO_ADMIN_EMAIL, role: "ADMIN", tenant: "Jalin" },
    { email: "pengadaan@nusantara-motor.demo", role: "FIRM", tenant: "PT Nusantara Motor Manufacturing" },
    { email: "sourcing@presisi-komponen.demo", role: "FIRM", tenant: "PT Presisi Komponen Indonesia" },
    { email: "purchasing@elektrika-jaya.demo", role: "FIRM", tenant: "PT Elektrika Jaya" },
    { email: "pendamping@ydba-soloraya.demo", role: "FOUNDATION", tenant: "YDBA — LPB Solo Raya" },
    // The banner lists users in this order: the first IKM is a Ceper caster, whose open need (the
    // cylinder sleeves) it qualifies for, so its `opportunities` are not empty; the Solo CNC shop
    // qualifies for none of the demo's open needs.
    { email: "pemilik@cor-batur.demo", role: "IKM", tenant: "UD Cor Logam Batur" },
    { email: "pemilik@karya-presisi.demo", role: "IKM", tenant: "CV Karya Presisi Laweyan" },
    // A koperasi's manager: answers needs for a consortium of Koperasi Batur Jaya's Ceper members.
    { email: "pengurus@batur-jaya.demo", role: "KOPERASI", tenant: "Koperasi Batur Jaya" },
  ];
  if (await prisma.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL }, select: { id: true } })) {
    return { created: false, users };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const random = rng(2026);
  const today = new Date();
  const monthsAgo = (n: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - n, 1));
  const plans = [...soloGroup(), ...ceperGroup(), ...ngingasGroup(), ...tegalGroup()];

  await prisma.$transaction(async (tx) => {
    const [nmm, pki, ej] = await Promise.all([
      tx.firm.create({ data: { name: "PT Nusantara Motor Manufacturing", sector: "MOTORCYCLE", tier: "OEM", regionCode: "32.15" } }),
      tx.firm.create({ data: { name: "PT Presisi Komponen Indonesia", sector: "AUTOMOTIVE", tier: "TIER_1", regionCode: "32.16" } }),
      tx.firm.create({ data: { name: "PT Elektrika Jaya", sector: "ELECTRONICS", tier: "TIER_1", regionCode: "36.03" } }),
    ]);
    const ydba = await tx.foundation.create({ data: { name: "Yayasan Dharma Bakti Astra (YDBA)", regionCode: "31" } });
    const lpbSolo = await tx.foundation.create({ data: { name: "YDBA — LPB Solo Raya", regionCode: "33.72", parentId: ydba.id } });
    const lpbSidoarjo = await tx.foundation.create({ data: { name: "YDBA — LPB Sidoarjo", regionCode: "35.15", parentId: ydba.id } });

    const ikms: { id: string; plan: IkmPlan }[] = [];
    for (const [i, plan] of plans.entries()) {
      const jitter = () => (random() - 0.5) * 0.04;
      const ikm = await tx.ikm.create({
        data: {
          legalName: plan.name,
          nib: String(9120000000000 + i * 7919),
          regionCode: plan.place.code,
          address: `${plan.place.name} (demo address)`,
          latitude: plan.place.lat + jitter(),
          longitude: plan.place.lon + jitter(),
          workers: plan.workers,
          investmentIdr: BigInt(plan.workers * 45_000_000),
          annualSalesIdr: BigInt(plan.workers * 120_000_000),
          foundedYear: 1985 + ((i * 3) % 35),
          currentStage: plan.stage,
          synthetic: true,
          description: `Synthetic demo IKM in ${plan.place.name}.`,
        },
      });
      ikms.push({ id: ikm.id, plan });
    }

    await tx.ikmKbli.createMany({
      data: ikms.map(({ id, plan }) => ({
        ikmId: id,
        code: plan.caps[0][0] === "CASTING" ? "24310" : plan.caps[0][0] === "PLASTIC_INJECTION" ? "22299" : "25920",
        version: "KBLI_2020" as const,
      })),
    });
    await tx.capability.createMany({
      data: ikms.flatMap(({ id, plan }) =>
        plan.caps.map(([process, materials, tol, capacity, unit]) => ({
          ikmId: id, process, materials, toleranceMm: tol, monthlyCapacity: capacity, capacityUnit: unit,
        })),
      ),
    });
    await tx.machine.createMany({
      data: ikms.flatMap(({ id, plan }) =>
        plan.caps.flatMap(([process]) => {
          const m = MACHINE_FOR[process];
          return m ? [{ ikmId: id, type: m[0], cnc: m[1], count: 1 + Math.floor(random() * 4), yearMade: 2005 + Math.floor(random() * 18) }] : [];
        }),
      ),
    });
    await tx.certification.createMany({
      data: ikms.flatMap(({ id, plan }, i) => [
        ...plan.certs.map((type) => ({
          ikmId: id, type, number: `${type}-${2024}-${1000 + i}`, issuer: type === "SNI" ? "LSPro (demo)" : "Certification body (demo)",
          validFrom: monthsAgo(18), validUntil: new Date(monthsAgo(-(plan.certsEndInMonths ?? 18)).getTime() - 86_400_000),
        })),
        ...(plan.expired ? [{ ikmId: id, type: plan.expired, number: `${plan.expired}-2020-${500 + i}`, issuer: "Certification body (demo)", validFrom: monthsAgo(60), validUntil: monthsAgo(24) }] : []),
      ]),
    });
    await tx.fiveRAudit.createMany({
      data: ikms.flatMap(({ id, plan }) => {
        const base = { MANDIRI: 34, PRAMANDIRI: 28, MADYA: 20, PEMULA: 14 }[plan.stage];
        return [12, 0].map((ago, k) => {
          const points = Math.min(40, base - (k === 0 ? 4 : 0) + Math.floor(random() * 4));
          return { ikmId: id, auditedOn: monthsAgo(ago), auditor: "Auditor 5R (demo)", itemsScored: 20, pointsEarned: points, scorePercent: (points / 40) * 100 };
        });
      }),
    });
    const buyers = [nmm.id, pki.id, ej.id];
    await tx.deliveryRecord.createMany({
      data: ikms.flatMap(({ id, plan }, i) =>
        Array.from({ length: plan.deliveryMonths }, (_, m) => {
          const lots = 4 + Math.floor(random() * 6);
          const qty = lots * (100 + Math.floor(random() * 200));
          return {
            ikmId: id, firmId: buyers[(i + m) % 2 === 0 ? 1 : 0], month: monthsAgo(m + 1), lotsDelivered: lots,
            lotsOnTime: Math.min(lots, Math.round(lots * (plan.onTime + (random() - 0.5) * 0.06))),
            qtyDelivered: qty, qtyRejected: Math.round(qty * rejectRate(plan, m + 1) * (0.5 + random())),
          };
        }),
      ),
    });

    const byGroup = (g: IkmPlan["group"]) => ikms.filter((x) => x.plan.group === g).map((x) => x.id);
    const ceperSentra = await tx.sentra.create({ data: { name: "Sentra Pengecoran Logam Ceper", regionCode: "33.10", product: "Komponen besi cor", process: "CASTING", rawMaterial: "Besi cor (scrap, pig iron)" } });
    const ngingasSentra = await tx.sentra.create({ data: { name: "Sentra Logam Ngingas", regionCode: "35.15", product: "Komponen logam presisi", process: "MACHINING_MANUAL", rawMaterial: "Baja karbon" } });
    const tegalSentra = await tx.sentra.create({ data: { name: "Sentra Logam Kebasen Tegal", regionCode: "33.28", product: "Komponen plat dan las", process: "SHEET_METAL", rawMaterial: "Plat baja" } });
    const batur = await tx.koperasi.create({ data: { name: "Koperasi Batur Jaya", regionCode: "33.10", offtaker: true, sharedFacility: true } });
    await tx.sentraMembership.createMany({
      data: [
        ...byGroup("ceper").map((ikmId) => ({ sentraId: ceperSentra.id, ikmId })),
        ...byGroup("ngingas").map((ikmId) => ({ sentraId: ngingasSentra.id, ikmId })),
        ...byGroup("tegal").map((ikmId) => ({ sentraId: tegalSentra.id, ikmId })),
      ],
    });
    await tx.koperasiMembership.createMany({ data: byGroup("ceper").map((ikmId) => ({ koperasiId: batur.id, ikmId })) });

    await tx.mentorship.createMany({
      data: [
        ...byGroup("solo").map((ikmId) => ({ foundationId: lpbSolo.id, ikmId, mentorName: "Pendamping LPB Solo Raya (demo)", sponsorFirmId: pki.id, startedOn: monthsAgo(30) })),
        ...byGroup("ngingas").map((ikmId) => ({ foundationId: lpbSidoarjo.id, ikmId, mentorName: "Pendamping LPB Sidoarjo (demo)", sponsorFirmId: nmm.id, startedOn: monthsAgo(26) })),
      ],
    });

    const admin = await tx.user.create({ data: { email: DEMO_ADMIN_EMAIL, name: "Admin Jalin", passwordHash, role: "ADMIN" } });
    const [nmmUser, pkiUser, ejUser] = await Promise.all([
      tx.user.create({ data: { email: users[1].email, name: "Rina Pengadaan", passwordHash, role: "FIRM", firmId: nmm.id } }),
      tx.user.create({ data: { email: users[2].email, name: "Budi Sourcing", passwordHash, role: "FIRM", firmId: pki.id } }),
      tx.user.create({ data: { email: users[3].email, name: "Sari Purchasing", passwordHash, role: "FIRM", firmId: ej.id } }),
    ]);
    const mentor = await tx.user.create({ data: { email: users[4].email, name: "Agus Pendamping", passwordHash, role: "FOUNDATION", foundationId: lpbSolo.id } });
    await tx.user.create({ data: { email: "pemilik@karya-presisi.demo", name: "Pak Harjo", passwordHash, role: "IKM", ikmId: ikms[0].id } });
    await tx.user.create({ data: { email: "pemilik@cor-batur.demo", name: "Bu Sri", passwordHash, role: "IKM", ikmId: byGroup("ceper")[0] } });
    await tx.user.create({ data: { email: "pengurus@batur-jaya.demo", name: "Pak Wiryo Pengurus", passwordHash, role: "KOPERASI", koperasiId: batur.id } });

    // Assessment and stage history of the Solo Raya group: each climbed from PEMULA one stage at a
    // time (stays of 8-30 months), each step backed by an assessment, and reached its present stage
    // 1-18 months before its latest assessment; three were last assessed 14 months ago, so they are
    // due for reassessment.
    const ladder: MaturityStage[] = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"];
    const historyRandom = rng(17); // its own stream: the rest of the demo stays as it was
    let soloIndex = 0;
    for (const { id, plan } of ikms.filter((x) => x.plan.group === "solo")) {
      const avg = { MANDIRI: 80, PRAMANDIRI: 62, MADYA: 40, PEMULA: 20 }[plan.stage];
      const assessedAgo = soloIndex++ % 6 === 5 ? 14 : 4;
      const steps = ladder.slice(0, ladder.indexOf(plan.stage) + 1);
      // Months ago each stage was entered, the present one last.
      const entered: number[] = [assessedAgo + 1 + Math.floor(historyRandom() * 18)];
      for (let k = steps.length - 2; k >= 0; k--) entered.unshift(entered[0] + 8 + Math.floor(historyRandom() * 23));
      for (let k = 0; k < steps.length; k++) {
        const assessment = await tx.assessment.create({
          data: {
            ikmId: id, foundationId: lpbSolo.id, assessedOn: monthsAgo(entered[k]), assessor: "Assessor YDBA (demo)",
            pillarScores: { production: 14 + 25 * k, marketing: 10 + 25 * k, finance: 12 + 25 * k, hr: 14 + 25 * k, ehs: 12 + 25 * k },
            itemScores: {}, pillarAverage: 12.4 + 25 * k, proposedStage: steps[k], notes: "Demo assessment.", evidenceUrls: [], recordedById: mentor.id,
          },
        });
        await tx.stageChange.create({
          data: {
            ikmId: id, fromStage: k === 0 ? null : steps[k - 1], toStage: steps[k], changedAt: monthsAgo(entered[k]), changedById: mentor.id,
            fromStageSince: k === 0 ? null : monthsAgo(entered[k - 1]),
            reason: k === 0 ? "Joined the LPB Solo Raya programme (demo)" : `Assessment proposes ${steps[k]} (demo)`, assessmentId: assessment.id,
          },
        });
      }
      // The latest yearly assessment confirms the present stage.
      await tx.assessment.create({
        data: {
          ikmId: id, foundationId: lpbSolo.id, assessedOn: monthsAgo(assessedAgo), assessor: "Assessor YDBA (demo)",
          pillarScores: { production: avg + 3, marketing: avg - 4, finance: avg - 2, hr: avg, ehs: avg + 1 },
          itemScores: { costControl: avg, qualityControl: avg + 5, sopConformity: avg, onTimeDelivery: avg + 4, wasteHandling: avg - 6, fiveR: avg, training: avg - 3, orderFulfilment: avg + 2 },
          fiveRPercent: avg, pillarAverage: avg - 0.4, proposedStage: plan.stage, notes: "Demo assessment.", evidenceUrls: [], recordedById: mentor.id,
        },
      });
    }

    const start = (months: number) => monthsAgo(-months);
    const need = (data: Parameters<typeof tx.componentNeed.create>[0]["data"]) => tx.componentNeed.create({ data });
    await need({
      firmId: pki.id, createdById: pkiUser.id, title: "Cylinder sleeve FC250", status: "OPEN", publishedAt: monthsAgo(0),
      description: "Cast-iron cylinder sleeves, rough cast and pre-machined, for a small engine line.",
      processes: ["CASTING"], materials: ["besi cor fc250"], quantityPerMonth: 200, unit: "PCS", toleranceMm: 0.8,
      requiredCertifications: [], minimumStage: "MADYA", preferredRegionCode: "33", startDate: start(2),
    });
    await need({
      firmId: nmm.id, createdById: nmmUser.id, title: "Engine mounting bracket", status: "OPEN", publishedAt: monthsAgo(0),
      description: "Stamped SPCC bracket, 2.3 mm, zinc plated by the supplier or its subcontractor.",
      processes: ["STAMPING"], materials: ["baja spcc"], quantityPerMonth: 12000, unit: "PCS", toleranceMm: 0.15,
      requiredCertifications: ["ISO_9001"], minimumStage: "PRAMANDIRI", latitude: -7.5666, longitude: 110.8167, radiusKm: 150, startDate: start(3),
      // A year's supply (issue 22): the best-looking supplier's ISO 9001 ends six months in, so it is
      // capped below EXCELLENT and told to renew; the next one, certified throughout, ranks first.
      endDate: new Date(start(15).getTime() - 86_400_000),
    });
    await need({
      firmId: nmm.id, createdById: nmmUser.id, title: "Turned shaft pin", status: "DRAFT",
      description: "CNC-turned S45C pin, induction hardened.", processes: ["MACHINING_CNC", "HEAT_TREATMENT"], materials: ["baja s45c"],
      quantityPerMonth: 3000, unit: "PCS", toleranceMm: 0.02, requiredCertifications: ["ISO_9001"], minimumStage: "MANDIRI", startDate: start(4),
    });
    const fanHousing = await need({
      firmId: ej.id, createdById: ejUser.id, title: "Fan housing, PP", status: "SHORTLISTED", publishedAt: monthsAgo(1),
      description: "Injection-moulded polypropylene fan housing.", processes: ["PLASTIC_INJECTION"], materials: ["pp"],
      quantityPerMonth: 20000, unit: "PCS", toleranceMm: 0.2, requiredCertifications: [], minimumStage: "PRAMANDIRI", startDate: start(1),
    });
    const seatFrame = await need({
      firmId: pki.id, createdById: pkiUser.id, title: "Welded seat frame", status: "AWARDED", publishedAt: monthsAgo(5),
      description: "MIG-welded SS400 frame.", processes: ["WELDING_FABRICATION"], materials: ["baja ss400"],
      quantityPerMonth: 600, unit: "PCS", toleranceMm: 1, requiredCertifications: [], minimumStage: "MADYA", startDate: monthsAgo(2),
    });
    // Awarded through Jalin two and a half years ago, supplied for two years, then closed.
    const footrest = await need({
      firmId: nmm.id, createdById: nmmUser.id, title: "Footrest bracket, cast", status: "CLOSED", publishedAt: monthsAgo(32),
      description: "Grey-iron footrest bracket, as cast, shot blasted.", processes: ["CASTING"], materials: ["besi cor fc200"],
      quantityPerMonth: 40, unit: "PCS", toleranceMm: 1, requiredCertifications: [], minimumStage: "MADYA", startDate: monthsAgo(30), endDate: monthsAgo(6),
    });

    // Capacity already committed (src/supply counts only what is left). The Solo foundry that could
    // cast all 200 cylinder sleeves alone has most of its furnace booked by a brake-drum contract, so
    // the sleeves need the Ceper koperasi; one Ceper member already supplies pulleys through it.
    const ikmNamed = (name: string) => ikms.find((x) => x.plan.name === name)!.id;
    await tx.partnership.createMany({
      data: [
        { firmId: nmm.id, ikmId: ikmNamed("UD Logam Mulya Jebres"), component: "Brake drum housing FC250", processes: ["CASTING"], quantityPerMonth: 2880, unit: "PCS", startDate: monthsAgo(14) },
        { firmId: pki.id, ikmId: ikmNamed("UD Tekun Las Kartasura"), needId: seatFrame.id, component: "Welded seat frame", processes: ["WELDING_FABRICATION"], quantityPerMonth: 600, unit: "PCS", startDate: monthsAgo(2) },
        { firmId: pki.id, ikmId: ikmNamed("CV Mekar Cor Ceper"), koperasiId: batur.id, component: "Pulley FC200", processes: ["CASTING"], quantityPerMonth: 30, unit: "PCS", startDate: monthsAgo(9) },
        { firmId: nmm.id, ikmId: ikmNamed("UD Besi Cor Kuncen"), needId: footrest.id, component: "Footrest bracket, cast", processes: ["CASTING"], quantityPerMonth: 40, unit: "PCS", startDate: monthsAgo(30), endDate: monthsAgo(6), status: "ENDED" },
      ],
    });
    await seedFinishingStory(tx, { ikmNamed, firm: nmm.id, user: nmmUser.id, start });
    await seedSourcingStory(tx, {
      ikmNamed, firms: { ej: ej.id }, users: { pki: pkiUser.id, ej: ejUser.id, nmm: nmmUser.id },
      needs: { seatFrame: seatFrame.id, fanHousing: fanHousing.id, footrest: footrest.id }, monthsAgo,
    });
    // Koperasi Batur Jaya's shared workshop (factory sharing): members without a CNC lathe or a
    // furnace for hardening reach both through it.
    await tx.sharedFacility.create({
      data: {
        name: "Rumah Produksi Bersama Batur Jaya", koperasiId: batur.id, processes: ["MACHINING_CNC", "HEAT_TREATMENT"],
        monthlyCapacity: 600, capacityUnit: "PCS", fundedBy: "Kemenkop UKM factory sharing (demo)",
      },
    });
    void admin;
  }, { timeout: 60_000 });
  return { created: true, users };
}
