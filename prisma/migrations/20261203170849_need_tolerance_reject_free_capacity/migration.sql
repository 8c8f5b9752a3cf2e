-- A need may make its tolerance a hard requirement, and state the highest reject rate it accepts.
ALTER TABLE "ComponentNeed" ADD COLUMN     "maxRejectPpm" INTEGER,
ADD COLUMN     "toleranceCritical" BOOLEAN NOT NULL DEFAULT false;

-- The matcher ranks on free capacity: stated capacity less what ACTIVE partnerships hold. Partnership
-- writes feed the match index through the same change feed as the IKM's other rows.
CREATE TRIGGER jalin_ikm_changed_ins AFTER INSERT ON "Partnership" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed('ikmId');
CREATE TRIGGER jalin_ikm_changed_del AFTER DELETE ON "Partnership" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed('ikmId');
CREATE TRIGGER jalin_ikm_changed_upd AFTER UPDATE ON "Partnership" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed('ikmId');
