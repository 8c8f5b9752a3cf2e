-- When the stage a change leaves was entered (the IKM's previous change), kept on the change itself:
-- the dashboard's median months per stage is then an aggregate over stage changes, with no window
-- over every mentee's history (1.3 s at 100,000 mentees before, on the benchmark machine).
ALTER TABLE "StageChange" ADD COLUMN "fromStageSince" TIMESTAMP(3);

UPDATE "StageChange" sc SET "fromStageSince" = p.prev
  FROM (SELECT id, lag("changedAt") OVER (PARTITION BY "ikmId" ORDER BY "changedAt", id) AS prev FROM "StageChange") p
 WHERE p.id = sc.id AND p.prev IS NOT NULL;
