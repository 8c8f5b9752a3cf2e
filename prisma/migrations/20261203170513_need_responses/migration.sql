-- CreateEnum
CREATE TYPE "ResponseKind" AS ENUM ('INTEREST', 'QUOTATION');

-- CreateEnum
CREATE TYPE "ResponseStatus" AS ENUM ('ACTIVE', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "NeedResponse" (
    "id" UUID NOT NULL,
    "needId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "kind" "ResponseKind" NOT NULL,
    "status" "ResponseStatus" NOT NULL DEFAULT 'ACTIVE',
    "unitPriceIdr" BIGINT,
    "quantityPerMonth" INTEGER,
    "leadTimeDays" INTEGER,
    "validUntil" DATE,
    "notes" TEXT,
    "documentUrls" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NeedResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NeedResponseRevision" (
    "id" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "ResponseStatus" NOT NULL,
    "kind" "ResponseKind" NOT NULL,
    "unitPriceIdr" BIGINT,
    "quantityPerMonth" INTEGER,
    "leadTimeDays" INTEGER,
    "validUntil" DATE,
    "notes" TEXT,
    "documentUrls" TEXT[],
    "byUserId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NeedResponseRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NeedResponse_ikmId_updatedAt_idx" ON "NeedResponse"("ikmId", "updatedAt");

-- CreateIndex
CREATE INDEX "NeedResponse_needId_updatedAt_idx" ON "NeedResponse"("needId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "NeedResponse_needId_ikmId_key" ON "NeedResponse"("needId", "ikmId");

-- CreateIndex
CREATE UNIQUE INDEX "NeedResponseRevision_responseId_number_key" ON "NeedResponseRevision"("responseId", "number");

-- AddForeignKey
ALTER TABLE "NeedResponse" ADD CONSTRAINT "NeedResponse_needId_fkey" FOREIGN KEY ("needId") REFERENCES "ComponentNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedResponse" ADD CONSTRAINT "NeedResponse_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedResponseRevision" ADD CONSTRAINT "NeedResponseRevision_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "NeedResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

