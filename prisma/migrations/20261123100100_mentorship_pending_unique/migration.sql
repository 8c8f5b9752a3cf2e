-- At most one open (proposed or active) mentorship per foundation and IKM.
DROP INDEX "Mentorship_one_active_per_foundation";
CREATE UNIQUE INDEX "Mentorship_one_open_per_foundation" ON "Mentorship"("foundationId", "ikmId") WHERE "status" IN ('PENDING', 'ACTIVE');
