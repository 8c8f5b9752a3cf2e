-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "MaturityStage" AS ENUM ('PEMULA', 'MADYA', 'PRAMANDIRI', 'MANDIRI');

-- CreateEnum
CREATE TYPE "NeedStatus" AS ENUM ('DRAFT', 'OPEN', 'SHORTLISTED', 'AWARDED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Process" AS ENUM ('CASTING', 'FORGING', 'STAMPING', 'MACHINING_MANUAL', 'MACHINING_CNC', 'WELDING_FABRICATION', 'SHEET_METAL', 'PLASTIC_INJECTION', 'RUBBER_MOULDING', 'HEAT_TREATMENT', 'PLATING_PAINTING', 'MOULDS_DIES', 'WIRING_HARNESS', 'ASSEMBLY', 'COSMETICS', 'FASHION', 'FOOD', 'BEVERAGES', 'CRAFTS', 'JEWELLERY', 'FURNITURE', 'HERBAL', 'METAL_PRODUCTS');

-- CreateEnum
CREATE TYPE "CertificationType" AS ENUM ('ISO_9001', 'ISO_14001', 'IATF_16949', 'SNI', 'HALAL', 'TKDN', 'OTHER');

-- CreateEnum
CREATE TYPE "QuantityUnit" AS ENUM ('PCS', 'SET', 'KG', 'TON', 'METER', 'LITER');

-- CreateEnum
CREATE TYPE "FirmTier" AS ENUM ('OEM', 'TIER_1', 'TIER_2');

-- CreateEnum
CREATE TYPE "FirmSector" AS ENUM ('AUTOMOTIVE', 'MOTORCYCLE', 'ELECTRONICS', 'AGRICULTURAL_MACHINERY', 'HEAVY_EQUIPMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "KbliVersion" AS ENUM ('KBLI_2020', 'KBLI_2025');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('ADMIN', 'FIRM', 'FOUNDATION', 'IKM');

-- CreateEnum
CREATE TYPE "MentorshipStatus" AS ENUM ('ACTIVE', 'GRADUATED', 'ENDED');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "firmId" UUID,
    "foundationId" UUID,
    "ikmId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Firm" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "sector" "FirmSector" NOT NULL,
    "tier" "FirmTier" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "website" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Firm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ikm" (
    "id" UUID NOT NULL,
    "legalName" TEXT NOT NULL,
    "nib" TEXT,
    "regionCode" TEXT NOT NULL,
    "address" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "workers" INTEGER NOT NULL,
    "investmentIdr" BIGINT,
    "capitalIdr" BIGINT,
    "annualSalesIdr" BIGINT,
    "foundedYear" INTEGER,
    "description" TEXT,
    "currentStage" "MaturityStage" NOT NULL DEFAULT 'PEMULA',
    "stageVersion" INTEGER NOT NULL DEFAULT 0,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ikm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IkmKbli" (
    "ikmId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "version" "KbliVersion" NOT NULL,

    CONSTRAINT "IkmKbli_pkey" PRIMARY KEY ("ikmId","code","version")
);

-- CreateTable
CREATE TABLE "Capability" (
    "id" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "process" "Process" NOT NULL,
    "materials" TEXT[],
    "toleranceMm" DECIMAL(8,4),
    "monthlyCapacity" INTEGER NOT NULL,
    "capacityUnit" "QuantityUnit" NOT NULL,
    "notes" TEXT,

    CONSTRAINT "Capability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Machine" (
    "id" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "cnc" BOOLEAN NOT NULL,
    "brand" TEXT,
    "yearMade" INTEGER,

    CONSTRAINT "Machine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "type" "CertificationType" NOT NULL,
    "number" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validUntil" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FiveRAudit" (
    "id" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "auditedOn" DATE NOT NULL,
    "auditor" TEXT NOT NULL,
    "itemsScored" INTEGER NOT NULL,
    "pointsEarned" INTEGER NOT NULL,
    "scorePercent" DECIMAL(5,2) NOT NULL,

    CONSTRAINT "FiveRAudit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryRecord" (
    "id" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "firmId" UUID,
    "month" DATE NOT NULL,
    "lotsDelivered" INTEGER NOT NULL,
    "lotsOnTime" INTEGER NOT NULL,
    "qtyDelivered" INTEGER NOT NULL,
    "qtyRejected" INTEGER NOT NULL,

    CONSTRAINT "DeliveryRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sentra" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "process" "Process" NOT NULL,
    "rawMaterial" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Sentra_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentraMembership" (
    "sentraId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentraMembership_pkey" PRIMARY KEY ("sentraId","ikmId")
);

-- CreateTable
CREATE TABLE "Koperasi" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "registrationNumber" TEXT,
    "offtaker" BOOLEAN NOT NULL DEFAULT false,
    "sharedFacility" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Koperasi_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KoperasiMembership" (
    "koperasiId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KoperasiMembership_pkey" PRIMARY KEY ("koperasiId","ikmId")
);

-- CreateTable
CREATE TABLE "Foundation" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "regionCode" TEXT,
    "parentId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Foundation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mentorship" (
    "id" UUID NOT NULL,
    "foundationId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "mentorName" TEXT,
    "sponsorFirmId" UUID,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,
    "status" "MentorshipStatus" NOT NULL DEFAULT 'ACTIVE',

    CONSTRAINT "Mentorship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "foundationId" UUID,
    "assessedOn" DATE NOT NULL,
    "assessor" TEXT NOT NULL,
    "pillarScores" JSONB NOT NULL,
    "itemScores" JSONB NOT NULL,
    "fiveRPercent" DECIMAL(5,2),
    "proposedStage" "MaturityStage" NOT NULL,
    "notes" TEXT,
    "evidenceUrls" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StageChange" (
    "id" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "fromStage" "MaturityStage",
    "toStage" "MaturityStage" NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedById" UUID,
    "reason" TEXT NOT NULL,
    "assessmentId" UUID,

    CONSTRAINT "StageChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComponentNeed" (
    "id" UUID NOT NULL,
    "firmId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "processes" "Process"[],
    "materials" TEXT[],
    "quantityPerMonth" INTEGER NOT NULL,
    "unit" "QuantityUnit" NOT NULL,
    "toleranceMm" DECIMAL(8,4),
    "requiredCertifications" "CertificationType"[],
    "minimumStage" "MaturityStage" NOT NULL DEFAULT 'PEMULA',
    "preferredRegionCode" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "radiusKm" INTEGER,
    "startDate" DATE NOT NULL,
    "status" "NeedStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComponentNeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NeedStatusChange" (
    "id" UUID NOT NULL,
    "needId" UUID NOT NULL,
    "fromStatus" "NeedStatus" NOT NULL,
    "toStatus" "NeedStatus" NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedById" UUID,
    "reason" TEXT,

    CONSTRAINT "NeedStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_firmId_idx" ON "User"("firmId");

-- CreateIndex
CREATE INDEX "User_foundationId_idx" ON "User"("foundationId");

-- CreateIndex
CREATE INDEX "User_ikmId_idx" ON "User"("ikmId");

-- CreateIndex
CREATE INDEX "Firm_name_id_idx" ON "Firm"("name", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Ikm_nib_key" ON "Ikm"("nib");

-- CreateIndex
CREATE INDEX "Ikm_legalName_id_idx" ON "Ikm"("legalName", "id");

-- CreateIndex
CREATE INDEX "Ikm_regionCode_idx" ON "Ikm"("regionCode");

-- CreateIndex
CREATE INDEX "Ikm_currentStage_idx" ON "Ikm"("currentStage");

-- CreateIndex
CREATE INDEX "Capability_process_idx" ON "Capability"("process");

-- CreateIndex
CREATE UNIQUE INDEX "Capability_ikmId_process_key" ON "Capability"("ikmId", "process");

-- CreateIndex
CREATE INDEX "Machine_ikmId_idx" ON "Machine"("ikmId");

-- CreateIndex
CREATE INDEX "Certification_type_validUntil_idx" ON "Certification"("type", "validUntil");

-- CreateIndex
CREATE UNIQUE INDEX "Certification_ikmId_type_number_key" ON "Certification"("ikmId", "type", "number");

-- CreateIndex
CREATE INDEX "FiveRAudit_ikmId_auditedOn_idx" ON "FiveRAudit"("ikmId", "auditedOn");

-- CreateIndex
CREATE INDEX "DeliveryRecord_ikmId_month_idx" ON "DeliveryRecord"("ikmId", "month");

-- CreateIndex
CREATE INDEX "Sentra_name_id_idx" ON "Sentra"("name", "id");

-- CreateIndex
CREATE INDEX "SentraMembership_ikmId_idx" ON "SentraMembership"("ikmId");

-- CreateIndex
CREATE UNIQUE INDEX "Koperasi_registrationNumber_key" ON "Koperasi"("registrationNumber");

-- CreateIndex
CREATE INDEX "Koperasi_name_id_idx" ON "Koperasi"("name", "id");

-- CreateIndex
CREATE INDEX "KoperasiMembership_ikmId_idx" ON "KoperasiMembership"("ikmId");

-- CreateIndex
CREATE INDEX "Mentorship_foundationId_status_idx" ON "Mentorship"("foundationId", "status");

-- CreateIndex
CREATE INDEX "Mentorship_ikmId_idx" ON "Mentorship"("ikmId");

-- CreateIndex
CREATE INDEX "Assessment_ikmId_assessedOn_idx" ON "Assessment"("ikmId", "assessedOn");

-- CreateIndex
CREATE INDEX "StageChange_ikmId_changedAt_idx" ON "StageChange"("ikmId", "changedAt");

-- CreateIndex
CREATE INDEX "ComponentNeed_firmId_status_idx" ON "ComponentNeed"("firmId", "status");

-- CreateIndex
CREATE INDEX "ComponentNeed_status_createdAt_idx" ON "ComponentNeed"("status", "createdAt");

-- CreateIndex
CREATE INDEX "NeedStatusChange_needId_changedAt_idx" ON "NeedStatusChange"("needId", "changedAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_foundationId_fkey" FOREIGN KEY ("foundationId") REFERENCES "Foundation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IkmKbli" ADD CONSTRAINT "IkmKbli_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Capability" ADD CONSTRAINT "Capability_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Machine" ADD CONSTRAINT "Machine_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FiveRAudit" ADD CONSTRAINT "FiveRAudit_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryRecord" ADD CONSTRAINT "DeliveryRecord_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryRecord" ADD CONSTRAINT "DeliveryRecord_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentraMembership" ADD CONSTRAINT "SentraMembership_sentraId_fkey" FOREIGN KEY ("sentraId") REFERENCES "Sentra"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentraMembership" ADD CONSTRAINT "SentraMembership_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KoperasiMembership" ADD CONSTRAINT "KoperasiMembership_koperasiId_fkey" FOREIGN KEY ("koperasiId") REFERENCES "Koperasi"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KoperasiMembership" ADD CONSTRAINT "KoperasiMembership_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Foundation" ADD CONSTRAINT "Foundation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Foundation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_foundationId_fkey" FOREIGN KEY ("foundationId") REFERENCES "Foundation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_sponsorFirmId_fkey" FOREIGN KEY ("sponsorFirmId") REFERENCES "Firm"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_foundationId_fkey" FOREIGN KEY ("foundationId") REFERENCES "Foundation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageChange" ADD CONSTRAINT "StageChange_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageChange" ADD CONSTRAINT "StageChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageChange" ADD CONSTRAINT "StageChange_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComponentNeed" ADD CONSTRAINT "ComponentNeed_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComponentNeed" ADD CONSTRAINT "ComponentNeed_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedStatusChange" ADD CONSTRAINT "NeedStatusChange_needId_fkey" FOREIGN KEY ("needId") REFERENCES "ComponentNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedStatusChange" ADD CONSTRAINT "NeedStatusChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

