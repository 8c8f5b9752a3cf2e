-- CreateEnum
CREATE TYPE "PartnershipStatus" AS ENUM ('ACTIVE', 'ENDED');

-- CreateTable
CREATE TABLE "Partnership" (
    "id" UUID NOT NULL,
    "firmId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "needId" UUID,
    "koperasiId" UUID,
    "component" TEXT NOT NULL,
    "processes" "Process"[],
    "quantityPerMonth" INTEGER NOT NULL,
    "unit" "QuantityUnit" NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "status" "PartnershipStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Partnership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SharedFacility" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "koperasiId" UUID,
    "sentraId" UUID,
    "processes" "Process"[],
    "monthlyCapacity" INTEGER,
    "capacityUnit" "QuantityUnit",
    "fundedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SharedFacility_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Partnership_ikmId_status_idx" ON "Partnership"("ikmId", "status");

-- CreateIndex
CREATE INDEX "Partnership_firmId_status_idx" ON "Partnership"("firmId", "status");

-- CreateIndex
CREATE INDEX "Partnership_needId_idx" ON "Partnership"("needId");

-- CreateIndex
CREATE INDEX "SharedFacility_koperasiId_idx" ON "SharedFacility"("koperasiId");

-- CreateIndex
CREATE INDEX "SharedFacility_sentraId_idx" ON "SharedFacility"("sentraId");

-- AddForeignKey
ALTER TABLE "Partnership" ADD CONSTRAINT "Partnership_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Partnership" ADD CONSTRAINT "Partnership_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Partnership" ADD CONSTRAINT "Partnership_needId_fkey" FOREIGN KEY ("needId") REFERENCES "ComponentNeed"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Partnership" ADD CONSTRAINT "Partnership_koperasiId_fkey" FOREIGN KEY ("koperasiId") REFERENCES "Koperasi"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedFacility" ADD CONSTRAINT "SharedFacility_koperasiId_fkey" FOREIGN KEY ("koperasiId") REFERENCES "Koperasi"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedFacility" ADD CONSTRAINT "SharedFacility_sentraId_fkey" FOREIGN KEY ("sentraId") REFERENCES "Sentra"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A shared facility belongs to exactly one koperasi or one sentra.
ALTER TABLE "SharedFacility" ADD CONSTRAINT "SharedFacility_one_operator" CHECK (num_nonnulls("koperasiId", "sentraId") = 1);
-- Quantities are whole positive units; a capacity comes with its unit.
ALTER TABLE "Partnership" ADD CONSTRAINT "Partnership_quantity_positive" CHECK ("quantityPerMonth" > 0);
ALTER TABLE "Partnership" ADD CONSTRAINT "Partnership_processes_present" CHECK (cardinality("processes") > 0);
ALTER TABLE "SharedFacility" ADD CONSTRAINT "SharedFacility_capacity_with_unit" CHECK (("monthlyCapacity" IS NULL) = ("capacityUnit" IS NULL) AND ("monthlyCapacity" IS NULL OR "monthlyCapacity" > 0));
