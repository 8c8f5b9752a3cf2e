-- AlterTable
ALTER TABLE "FiveRAudit" ADD COLUMN     "assessmentId" UUID,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "recordedById" UUID;

-- AlterTable
ALTER TABLE "DeliveryRecord" ADD COLUMN     "partnershipId" UUID,
ADD COLUMN     "recordedById" UUID,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "FiveRAudit_assessmentId_key" ON "FiveRAudit"("assessmentId");

-- CreateIndex
CREATE UNIQUE INDEX "DeliveryRecord_partnershipId_month_key" ON "DeliveryRecord"("partnershipId", "month");

-- AddForeignKey
ALTER TABLE "FiveRAudit" ADD CONSTRAINT "FiveRAudit_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FiveRAudit" ADD CONSTRAINT "FiveRAudit_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryRecord" ADD CONSTRAINT "DeliveryRecord_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryRecord" ADD CONSTRAINT "DeliveryRecord_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The 5R items of an assessment count as an audit: one FiveRAudit row per assessment that recorded
-- them (as AssessmentService writes from now on), so the matcher, which reads FiveRAudit only, sees them.
INSERT INTO "FiveRAudit" ("id", "ikmId", "auditedOn", "auditor", "itemsScored", "pointsEarned", "scorePercent", "assessmentId", "recordedById", "createdAt")
SELECT gen_random_uuid(), a."ikmId", a."assessedOn", a."assessor",
       jsonb_array_length(a."fiveRItems"),
       (SELECT COALESCE(sum((item->>'score')::int), 0) FROM jsonb_array_elements(a."fiveRItems") item),
       a."fiveRPercent", a."id", a."recordedById", a."createdAt"
  FROM "Assessment" a
 WHERE a."fiveRItems" IS NOT NULL AND jsonb_typeof(a."fiveRItems") = 'array'
   AND jsonb_array_length(a."fiveRItems") > 0 AND a."fiveRPercent" IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "FiveRAudit" f WHERE f."assessmentId" = a."id");
