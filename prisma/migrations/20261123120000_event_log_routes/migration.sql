-- Indexes for the routes a resume replays (REPLAY_SQL in src/services/live.service.ts), so a quiet
-- route reads its own few rows instead of every event since `after` along the primary key:
--  * one IKM's events of a topic (stageChanged(ikmId)): (topic, ikmId, id), read in id order;
--  * a whole topic (needPublished, opportunityPublished): (topic, id), read in id order;
--  * the events naming a foundation (stageChanged(foundationId)): GIN on foundationIds, which serves
--    `"foundationIds" @> ARRAY[...]` (the replay asks that way; `= ANY` would not use it).
-- Names and SQL as `prisma migrate diff` writes them for the @@index lines of EventLog. Plain
-- CREATE INDEX: migrations run in a transaction, and the log holds at most a week of events.

-- CreateIndex
CREATE INDEX "EventLog_topic_ikmId_id_idx" ON "EventLog"("topic", "ikmId", "id");

-- CreateIndex
CREATE INDEX "EventLog_topic_id_idx" ON "EventLog"("topic", "id");

-- CreateIndex
CREATE INDEX "EventLog_foundationIds_idx" ON "EventLog" USING GIN ("foundationIds");
