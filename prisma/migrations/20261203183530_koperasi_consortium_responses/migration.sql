-- AlterEnum
ALTER TYPE "UserRole" ADD VALUE 'KOPERASI';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "koperasiId" UUID;

-- AlterTable
ALTER TABLE "NeedResponse" ADD COLUMN     "koperasiId" UUID,
ALTER COLUMN "ikmId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "NeedResponseMember" (
    "responseId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "quantityPerMonth" INTEGER NOT NULL,

    CONSTRAINT "NeedResponseMember_pkey" PRIMARY KEY ("responseId","ikmId")
);

-- CreateTable
CREATE TABLE "NeedResponseRevisionMember" (
    "revisionId" UUID NOT NULL,
    "ikmId" UUID NOT NULL,
    "quantityPerMonth" INTEGER NOT NULL,

    CONSTRAINT "NeedResponseRevisionMember_pkey" PRIMARY KEY ("revisionId","ikmId")
);

-- CreateIndex
CREATE INDEX "NeedResponseMember_ikmId_idx" ON "NeedResponseMember"("ikmId");

-- CreateIndex
CREATE INDEX "NeedResponseRevisionMember_ikmId_idx" ON "NeedResponseRevisionMember"("ikmId");

-- CreateIndex
CREATE INDEX "User_koperasiId_idx" ON "User"("koperasiId");

-- CreateIndex
CREATE INDEX "NeedResponse_koperasiId_updatedAt_idx" ON "NeedResponse"("koperasiId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "NeedResponse_needId_koperasiId_key" ON "NeedResponse"("needId", "koperasiId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_koperasiId_fkey" FOREIGN KEY ("koperasiId") REFERENCES "Koperasi"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedResponse" ADD CONSTRAINT "NeedResponse_koperasiId_fkey" FOREIGN KEY ("koperasiId") REFERENCES "Koperasi"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedResponseMember" ADD CONSTRAINT "NeedResponseMember_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "NeedResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedResponseMember" ADD CONSTRAINT "NeedResponseMember_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedResponseRevisionMember" ADD CONSTRAINT "NeedResponseRevisionMember_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "NeedResponseRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedResponseRevisionMember" ADD CONSTRAINT "NeedResponseRevisionMember_ikmId_fkey" FOREIGN KEY ("ikmId") REFERENCES "Ikm"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- A KOPERASI user manages exactly one koperasi, and only a KOPERASI user names one (role compared as
-- text: the enum value added above may not be used as a literal in the same transaction).
ALTER TABLE "User" ADD CONSTRAINT "User_koperasi_tenant" CHECK (("role"::text = 'KOPERASI') = ("koperasiId" IS NOT NULL));
-- A response answers for exactly one IKM or one koperasi (its consortium's members in NeedResponseMember).
ALTER TABLE "NeedResponse" ADD CONSTRAINT "NeedResponse_one_responder" CHECK (num_nonnulls("ikmId", "koperasiId") = 1);
-- Shares are whole positive units; the services check them too, this keeps imports honest.
ALTER TABLE "NeedResponseMember" ADD CONSTRAINT "NeedResponseMember_quantity_positive" CHECK ("quantityPerMonth" > 0);
ALTER TABLE "NeedResponseRevisionMember" ADD CONSTRAINT "NeedResponseRevisionMember_quantity_positive" CHECK ("quantityPerMonth" > 0);
