-- CreateEnum
CREATE TYPE "CertificateLapseKind" AS ENUM ('LAPSING_SOON', 'LAPSES_DURING_PARTNERSHIP');

-- CreateTable
CREATE TABLE "CertificateLapseNotice" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "certificationId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "kind" "CertificateLapseKind" NOT NULL,
    "partnershipId" UUID,
    "lapsesOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateLapseNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CertificateLapseNotice_key_key" ON "CertificateLapseNotice"("key");

-- CreateIndex
CREATE INDEX "CertificateLapseNotice_ikmId_idx" ON "CertificateLapseNotice"("ikmId");

