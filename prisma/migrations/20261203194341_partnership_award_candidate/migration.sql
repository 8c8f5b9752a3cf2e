-- AlterTable
ALTER TABLE "Partnership" ADD COLUMN     "candidateId" UUID;

-- CreateIndex
CREATE INDEX "Partnership_candidateId_idx" ON "Partnership"("candidateId");

-- AddForeignKey
ALTER TABLE "Partnership" ADD CONSTRAINT "Partnership_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "ShortlistCandidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill: the PENDING partnerships an award already wrote (the need's AWARDED candidate has the
-- IKM as a member, with that share and koperasi, and existed before the row) hold capacity from now
-- on, as those awardNeed writes will; a firm's own PENDING proposal for the need stays as it was.
UPDATE "Partnership" p SET "candidateId" = c.id
  FROM "ShortlistCandidate" c JOIN "ShortlistMember" m ON m."candidateId" = c.id
 WHERE p."needId" = c."needId" AND c.status = 'AWARDED' AND m."ikmId" = p."ikmId" AND p."candidateId" IS NULL
   AND p.status = 'PENDING' AND p."koperasiId" IS NOT DISTINCT FROM c."koperasiId"
   AND p."quantityPerMonth" = m."quantityPerMonth" AND p."createdAt" >= c."createdAt";
