/** Loads the demo data into DATABASE_URL or the embedded database (npm run seed); idempotent. */
import "reflect-metadata";
import { loadConfig } from "../src/config.js";
import { createDb } from "../src/db/client.js";
import { openDatabase } from "../src/db/database.js";
import { createLogger } from "../src/logger.js";
import { seedDemo } from "../prisma/seed/demo.js";

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const database = await openDatabase(config, log);
const { prisma } = createDb(database.url);
try {
  const { created } = await seedDemo(prisma);
  log.info(created ? "demo data loaded" : "demo data present already; nothing to do");
} finally {
  await prisma.$disconnect();
  await database.stop();
}
