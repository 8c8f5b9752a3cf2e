-- CreateIndex
CREATE INDEX "EventLog_topic_firmId_id_idx" ON "EventLog"("topic", "firmId", "id");

