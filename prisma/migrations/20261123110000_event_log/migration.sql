-- A durable log of the events sent between server processes (LISTEN/NOTIFY loses what is sent while
-- nobody listens): subscriptions resume after an event id, and a server that lost its LISTEN
-- connection catches up from the last id it delivered. Ids are taken under one advisory lock (see
-- EventBus.publish), so they become visible in id order and "id > N" is gap-free. BIGSERIAL, as
-- Prisma writes it for a BigInt @default(autoincrement()), so Prisma's own diff sees no drift.
-- Old rows are deleted by EventBus.prune (EVENT_LOG.retentionDays in src/pubsub/index.ts).

-- CreateTable
CREATE TABLE "EventLog" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "ikmId" UUID,
    "firmId" UUID,
    "foundationIds" UUID[],
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventLog_pkey" PRIMARY KEY ("id")
);
