/**
 * The demo's sourcing loop, told end to end on invented businesses:
 * - "Welded seat frame" (PT Presisi Komponen Indonesia) went the whole way: two welders quoted, both
 *   were shortlisted, UD Tekun Las Kartasura's samples were approved (PPAP elements accepted) and it
 *   was awarded; the other candidate was told. Its partnership delivers every month since.
 * - "Fan housing, PP" (PT Elektrika Jaya) is on its shortlist now: a single source whose samples wait
 *   for the buyer's verdict, and a two-shop consortium (dual sourcing) whose samples are due.
 * - Every ACTIVE partnership's months are on record under it (its deliveries), up to 12 months back.
 * Run inside seedDemo's transaction.
 */
import type { Prisma } from "../../src/generated/prisma/client.js";
import { DEFAULT_CHECKLIST, PPAP_ELEMENTS, PPAP_SOURCE } from "../../src/features/samples/sample.config.js";

type Tx = Prisma.TransactionClient;

export interface SourcingStoryFacts {
  /** The IKM id of a demo business, by its name. */
  ikmNamed: (name: string) => string;
  firms: { ej: string };
  users: { pki: string; ej: string; nmm: string };
  needs: { seatFrame: string; fanHousing: string; footrest: string };
  /** The first of the month `n` months ago (negative: ahead), UTC. */
  monthsAgo: (n: number) => Date;
}

/** The PPAP elements the demo's buyers asked for: Jalin's default selection. */
const ASKED = DEFAULT_CHECKLIST.map((code) => [code, PPAP_ELEMENTS.find((e) => e.code === code)!.title] as const);

const days = (from: Date, n: number) => new Date(from.getTime() + n * 86_400_000);

export async function seedSourcingStory(tx: Tx, facts: SourcingStoryFacts): Promise<void> {
  await seatFrameStory(tx, facts);
  await fanHousingStory(tx, facts);
  await closedAndCancelled(tx, facts);
  await deliveriesUnderPartnerships(tx);
}

/** Quoted, shortlisted, sampled, awarded: the seat frame's whole loop, months ago. */
async function seatFrameStory(tx: Tx, { ikmNamed, users, needs, monthsAgo }: SourcingStoryFacts): Promise<void> {
  const tekun = ikmNamed("UD Tekun Las Kartasura");
  const rejeki = ikmNamed("UD Rejeki Fabrikasi Mojosongo");
  const published = monthsAgo(5);
  const quote = (ikmId: string, price: bigint, notes: string) =>
    tx.needResponse.create({
      data: {
        needId: needs.seatFrame, ikmId, kind: "QUOTATION", unitPriceIdr: price, quantityPerMonth: 600, leadTimeDays: 21,
        validUntil: monthsAgo(2), notes, documentUrls: [], createdAt: days(published, 6),
        revisions: { create: { number: 1, status: "ACTIVE", kind: "QUOTATION", unitPriceIdr: price, quantityPerMonth: 600, leadTimeDays: 21, validUntil: monthsAgo(2), notes, documentUrls: [], createdAt: days(published, 6) } },
      },
    });
  const tekunQuote = await quote(tekun, 185_000n, "MIG welding jig for this frame already in house; SS400 from a Solo stockist.");
  const rejekiQuote = await quote(rejeki, 192_500n, "Can start with 400 a month and reach 600 in the third month.");

  const shortlisted = days(published, 14);
  const awarded = days(published, 60);
  const candidate = (ikmId: string, responseId: string, status: "AWARDED" | "NOT_AWARDED", reason: string | null) =>
    tx.shortlistCandidate.create({
      data: {
        needId: needs.seatFrame, kind: "IKM", responseId, status, reason, addedById: users.pki, createdAt: shortlisted, decidedAt: awarded,
        note: "Quoted within budget; welding capacity to spare.", members: { create: { ikmId, quantityPerMonth: 600 } },
      },
    });
  const winner = await candidate(tekun, tekunQuote.id, "AWARDED", null);
  const other = await candidate(rejeki, rejekiQuote.id, "NOT_AWARDED", "Awarded to another candidate: lower price and approved samples.");

  const items = (accepted: boolean | null) =>
    ASKED.map(([code, title], position) => ({
      code, title, position, required: true,
      documentUrl: accepted === null ? null : `https://files.jalin.demo/ppap/seat-frame/${code.slice(0, 7).toLowerCase()}.pdf`,
      accepted, remark: accepted ? "Conforms." : null,
    }));
  await tx.sampleRequest.create({
    data: {
      needId: needs.seatFrame, candidateId: winner.id, ikmId: tekun, status: "APPROVED", pieces: 5, dueDate: days(shortlisted, 28),
      checklistSource: PPAP_SOURCE, instructions: "Five frames from the production jig, with the PPAP documents listed.", requestedById: users.pki,
      submittedAt: days(shortlisted, 25), submissionNote: "Five frames sent by courier; documents attached.",
      decidedAt: days(shortlisted, 35), decidedById: users.pki, decisionReason: "All dimensions within drawing tolerance; weld penetration checked.",
      version: 3, createdAt: shortlisted, items: { create: items(true) },
    },
  });
  await tx.sampleRequest.create({
    data: {
      needId: needs.seatFrame, candidateId: other.id, ikmId: rejeki, status: "CANCELLED", pieces: 5, dueDate: days(shortlisted, 28),
      checklistSource: PPAP_SOURCE, requestedById: users.pki, decidedAt: awarded, decidedById: users.pki,
      decisionReason: "Called off: the need was awarded.", version: 2, createdAt: shortlisted, items: { create: items(null) },
    },
  });
  await tx.needStatusChange.createMany({
    data: [
      { needId: needs.seatFrame, fromStatus: "DRAFT", toStatus: "OPEN", changedAt: published, changedById: users.pki },
      { needId: needs.seatFrame, fromStatus: "OPEN", toStatus: "SHORTLISTED", changedAt: shortlisted, changedById: users.pki },
      { needId: needs.seatFrame, fromStatus: "SHORTLISTED", toStatus: "AWARDED", changedAt: awarded, changedById: users.pki, reason: "Lowest price with approved samples." },
    ],
  });
}

/** On the shortlist now: a single source awaiting the verdict on its samples, and a dual-source consortium. */
async function fanHousingStory(tx: Tx, { ikmNamed, users, needs, monthsAgo }: SourcingStoryFacts): Promise<void> {
  const surya = ikmNamed("CV Surya Plastindo Colomadu");
  const berkah = ikmNamed("UD Berkah Cetak Plastik Sragen");
  const published = monthsAgo(1);
  const suryaQuote = await tx.needResponse.create({
    data: {
      needId: needs.fanHousing, ikmId: surya, kind: "QUOTATION", unitPriceIdr: 4_350n, quantityPerMonth: 20000, leadTimeDays: 30,
      validUntil: monthsAgo(-3), notes: "Two 150 t machines free; the mould is the buyer's.", documentUrls: [], createdAt: days(published, 3),
      revisions: { create: { number: 1, status: "ACTIVE", kind: "QUOTATION", unitPriceIdr: 4_350n, quantityPerMonth: 20000, leadTimeDays: 30, validUntil: monthsAgo(-3), notes: "Two 150 t machines free; the mould is the buyer's.", documentUrls: [], createdAt: days(published, 3) } },
    },
  });
  await tx.needResponse.create({
    data: {
      needId: needs.fanHousing, ikmId: berkah, kind: "INTEREST", quantityPerMonth: 12000, leadTimeDays: 30, notes: "Interested for part of the volume.",
      documentUrls: [], createdAt: days(published, 5),
      revisions: { create: { number: 1, status: "ACTIVE", kind: "INTEREST", quantityPerMonth: 12000, leadTimeDays: 30, notes: "Interested for part of the volume.", documentUrls: [], createdAt: days(published, 5) } },
    },
  });
  const shortlisted = days(published, 10);
  const single = await tx.shortlistCandidate.create({
    data: {
      needId: needs.fanHousing, kind: "IKM", responseId: suryaQuote.id, addedById: users.ej, createdAt: shortlisted,
      note: "Single source at the quoted price.", members: { create: { ikmId: surya, quantityPerMonth: 20000 } },
    },
  });
  const dual = await tx.shortlistCandidate.create({
    data: {
      needId: needs.fanHousing, kind: "CONSORTIUM", addedById: users.ej, createdAt: shortlisted, note: "Dual sourcing: no single point of failure.",
      members: { create: [{ ikmId: berkah, quantityPerMonth: 12000 }, { ikmId: surya, quantityPerMonth: 8000 }] },
    },
  });
  const items = (url: (code: string) => string | null) =>
    ASKED.map(([code, title], position) => ({ code, title, position, required: true, documentUrl: url(code) }));
  await tx.sampleRequest.create({
    data: {
      needId: needs.fanHousing, candidateId: single.id, ikmId: surya, status: "SUBMITTED", pieces: 10, dueDate: days(shortlisted, 21),
      checklistSource: PPAP_SOURCE, instructions: "Ten housings from the first shots, with the documents listed.", requestedById: users.ej,
      submittedAt: days(shortlisted, 14), submissionNote: "Ten housings sent; CMM report attached.", version: 2, createdAt: shortlisted,
      items: { create: items((code) => `https://files.jalin.demo/ppap/fan-housing/${code.slice(0, 7).toLowerCase()}.pdf`) },
    },
  });
  // Berkah's first samples were rejected with reasons; the buyer asked again.
  await tx.sampleRequest.create({
    data: {
      needId: needs.fanHousing, candidateId: dual.id, ikmId: berkah, status: "REJECTED", pieces: 10, dueDate: days(shortlisted, 14),
      checklistSource: PPAP_SOURCE, instructions: "Ten housings from the first shots, with the documents listed.", requestedById: users.ej,
      submittedAt: days(shortlisted, 12), submissionNote: "Ten housings sent.", decidedAt: days(shortlisted, 15), decidedById: users.ej,
      decisionReason: "Sink marks on the rib side and wall thickness 1.7 mm against 2.0 ± 0.1 mm: correct the holding pressure and send again.",
      version: 3, createdAt: shortlisted,
      items: {
        create: ASKED.map(([code, title], position) => ({
          code, title, position, required: true, documentUrl: `https://files.jalin.demo/ppap/fan-housing-berkah/${code.slice(0, 7).toLowerCase()}.pdf`,
          accepted: !code.startsWith("PPAP-09") && !code.startsWith("PPAP-14"),
          remark: code.startsWith("PPAP-09") ? "Wall thickness 1.7 mm, out of tolerance." : code.startsWith("PPAP-14") ? "Sink marks on the rib side." : null,
        })),
      },
    },
  });
  await tx.sampleRequest.create({
    data: {
      needId: needs.fanHousing, candidateId: dual.id, ikmId: berkah, status: "REQUESTED", pieces: 10, dueDate: monthsAgo(-1),
      checklistSource: PPAP_SOURCE, instructions: "Ten housings from the first shots, with the documents listed.", requestedById: users.ej,
      createdAt: shortlisted, items: { create: items(() => null) },
    },
  });
  await tx.needStatusChange.createMany({
    data: [
      { needId: needs.fanHousing, fromStatus: "DRAFT", toStatus: "OPEN", changedAt: published, changedById: users.ej },
      { needId: needs.fanHousing, fromStatus: "OPEN", toStatus: "SHORTLISTED", changedAt: shortlisted, changedById: users.ej },
    ],
  });
}

/** A need closed after its partnership ran its term, and one the buyer cancelled, with their histories. */
async function closedAndCancelled(tx: Tx, { firms, users, needs, monthsAgo }: SourcingStoryFacts): Promise<void> {
  await tx.needStatusChange.createMany({
    data: [
      { needId: needs.footrest, fromStatus: "DRAFT", toStatus: "OPEN", changedAt: monthsAgo(32), changedById: users.nmm },
      { needId: needs.footrest, fromStatus: "OPEN", toStatus: "SHORTLISTED", changedAt: monthsAgo(31), changedById: users.nmm },
      { needId: needs.footrest, fromStatus: "SHORTLISTED", toStatus: "AWARDED", changedAt: monthsAgo(31), changedById: users.nmm },
      { needId: needs.footrest, fromStatus: "AWARDED", toStatus: "CLOSED", changedAt: monthsAgo(6), changedById: users.nmm, reason: "Two-year term completed; the model ended." },
    ],
  });
  const grommet = await tx.componentNeed.create({
    data: {
      firmId: firms.ej, createdById: users.ej, title: "Rubber grommet, EPDM", status: "CANCELLED", publishedAt: monthsAgo(4),
      description: "Moulded EPDM cable grommet.", processes: ["RUBBER_MOULDING"], materials: ["epdm"], quantityPerMonth: 50000, unit: "PCS",
      requiredCertifications: [], minimumStage: "MADYA", startDate: monthsAgo(2),
    },
  });
  await tx.needStatusChange.createMany({
    data: [
      { needId: grommet.id, fromStatus: "DRAFT", toStatus: "OPEN", changedAt: monthsAgo(4), changedById: users.ej },
      { needId: grommet.id, fromStatus: "OPEN", toStatus: "CANCELLED", changedAt: monthsAgo(3), changedById: users.ej, reason: "The grommet was dropped from the redesigned housing." },
    ],
  });
}

/**
 * The months an IKM delivered while one of its ACTIVE partnerships ran are that partnership's: the
 * generated months stay as they were (the track record does not change), they gain the partnership
 * and its firm.
 */
async function deliveriesUnderPartnerships(tx: Tx): Promise<void> {
  await tx.$executeRaw`
    UPDATE "DeliveryRecord" d SET "partnershipId" = p.id, "firmId" = p."firmId"
    FROM "Partnership" p
    WHERE p."ikmId" = d."ikmId" AND p.status = 'ACTIVE' AND d."partnershipId" IS NULL
      AND d.month >= date_trunc('month', p."startDate") AND (p."endDate" IS NULL OR d.month <= p."endDate")`;
}
