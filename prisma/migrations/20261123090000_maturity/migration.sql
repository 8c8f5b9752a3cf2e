-- Maturity tracking (issue 5): who recorded an assessment, its 5R audit items and pillar average,
-- one active mentorship per foundation and IKM, and the match index told about mentorships (a
-- foundation's dashboard filters matches by its mentees).

ALTER TABLE "Assessment"
  ADD COLUMN "recordedById" UUID,
  ADD COLUMN "fiveRItems" JSONB,
  ADD COLUMN "pillarAverage" DECIMAL(5,2);
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_recordedById_fkey"
  FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Dashboards read a foundation's mentees by status, then each mentee's latest assessment and its
-- stage changes (both already indexed by ikmId and date).
CREATE INDEX "Mentorship_foundationId_status_ikmId_idx" ON "Mentorship"("foundationId", "status", "ikmId");
CREATE INDEX "Foundation_parentId_idx" ON "Foundation"("parentId");

-- A foundation mentors an IKM at most once at a time (not expressible in the Prisma schema).
CREATE UNIQUE INDEX "Mentorship_one_active_per_foundation" ON "Mentorship"("foundationId", "ikmId") WHERE "status" = 'ACTIVE';

-- Mentorships feed the match index (mentees of a foundation), through the same change feed.
CREATE TRIGGER jalin_ikm_changed_ins AFTER INSERT ON "Mentorship" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed('ikmId');
CREATE TRIGGER jalin_ikm_changed_del AFTER DELETE ON "Mentorship" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed('ikmId');
CREATE TRIGGER jalin_ikm_changed_upd AFTER UPDATE ON "Mentorship" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed('ikmId');

-- Moving a regional centre under another parent changes which mentees every foundation above it
-- sees: rare, so the index simply rebuilds.
CREATE FUNCTION jalin_notify_foundation_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jalin_ikm_changed', '*');
  RETURN NULL;
END;
$$;
CREATE TRIGGER jalin_foundation_moved AFTER UPDATE OF "parentId" ON "Foundation"
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_foundation_moved();
