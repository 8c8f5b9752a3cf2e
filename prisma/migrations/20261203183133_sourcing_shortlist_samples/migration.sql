-- CreateEnum
CREATE TYPE "CandidateKind" AS ENUM ('IKM', 'CONSORTIUM');

-- CreateEnum
CREATE TYPE "CandidateStatus" AS ENUM ('SHORTLISTED', 'REMOVED', 'AWARDED', 'NOT_AWARDED');

-- CreateEnum
CREATE TYPE "SampleStatus" AS ENUM ('REQUESTED', 'SUBMITTED', 'APPROVED', 'REJECTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "ShortlistCandidate" (
    "id" UUID NOT NULL,
    "needId" UUID NOT NULL,
    "kind" "CandidateKind" NOT NULL,
    "koperasiId" UUID,
    "responseId" UUID,
    "status" "CandidateStatus" NOT NULL DEFAULT 'SHORTLISTED',
    "note" TEXT,
    "reason" TEXT,
    "addedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ShortlistCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShortlistMember" (
    "candidateId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "quantityPerMonth" INTEGER NOT NULL,

    CONSTRAINT "ShortlistMember_pkey" PRIMARY KEY ("candidateId","ikmId")
);

-- CreateTable
CREATE TABLE "SampleRequest" (
    "id" UUID NOT NULL,
    "needId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "status" "SampleStatus" NOT NULL DEFAULT 'REQUESTED',
    "pieces" INTEGER NOT NULL,
    "dueDate" DATE NOT NULL,
    "checklistSource" TEXT NOT NULL,
    "instructions" TEXT,
    "requestedById" UUID,
    "submittedAt" TIMESTAMP(3),
    "submissionNote" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" UUID,
    "decisionReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SampleRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleChecklistItem" (
    "sampleId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "documentUrl" TEXT,
    "accepted" BOOLEAN,
    "remark" TEXT,

    CONSTRAINT "SampleChecklistItem_pkey" PRIMARY KEY ("sampleId","code")
);

-- CreateIndex
CREATE INDEX "ShortlistCandidate_needId_status_idx" ON "ShortlistCandidate"("needId", "status");

-- CreateIndex
CREATE INDEX "ShortlistMember_ikmId_idx" ON "ShortlistMember"("ikmId");

-- CreateIndex
CREATE INDEX "SampleRequest_candidateId_createdAt_idx" ON "SampleRequest"("candidateId", "createdAt");

-- CreateIndex
CREATE INDEX "SampleRequest_ikmId_status_idx" ON "SampleRequest"("ikmId", "status");

-- CreateIndex
CREATE INDEX "SampleRequest_needId_idx" ON "SampleRequest"("needId");

-- AddForeignKey
ALTER TABLE "ShortlistCandidate" ADD CONSTRAINT "ShortlistCandidate_needId_fkey" FOREIGN KEY ("needId") REFERENCES "ComponentNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortlistCandidate" ADD CONSTRAINT "ShortlistCandidate_koperasiId_fkey" FOREIGN KEY ("koperasiId") REFERENCES "Koperasi"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortlistCandidate" ADD CONSTRAINT "ShortlistCandidate_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "NeedResponse"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortlistMember" ADD CONSTRAINT "ShortlistMember_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "ShortlistCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortlistMember" ADD CONSTRAINT "ShortlistMember_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleRequest" ADD CONSTRAINT "SampleRequest_needId_fkey" FOREIGN KEY ("needId") REFERENCES "ComponentNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleRequest" ADD CONSTRAINT "SampleRequest_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "ShortlistCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleRequest" ADD CONSTRAINT "SampleRequest_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleChecklistItem" ADD CONSTRAINT "SampleChecklistItem_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "SampleRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Quantities are positive; the services validate them too, this keeps imports honest.
ALTER TABLE "ShortlistMember" ADD CONSTRAINT "ShortlistMember_quantity_positive" CHECK ("quantityPerMonth" > 0);
ALTER TABLE "SampleRequest" ADD CONSTRAINT "SampleRequest_pieces_positive" CHECK ("pieces" > 0);
