import "reflect-metadata";
import { loadConfig } from "./config.js";
import { createDb } from "./db/client.js";
import { openDatabase } from "./db/database.js";
import { createLogger } from "./logger.js";
import { startServer } from "./server.js";
import { DEMO_PASSWORD, seedDemo } from "../prisma/seed/demo.js";

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);

async function main() {
  const database = await openDatabase(config, log);
  const { prisma } = createDb(database.url);
  let demoUsers: Awaited<ReturnType<typeof seedDemo>>["users"] = [];
  if (config.SEED_DEMO === "true") {
    const seeded = await seedDemo(prisma);
    demoUsers = seeded.users;
    log.info(seeded.created ? "demo data loaded" : "demo data present already");
  }
  const app = await startServer(
    { db: prisma, databaseUrl: database.url, log, jwt: { secret: config.jwtSecret, ttl: config.JWT_TTL }, introspection: config.NODE_ENV !== "production",
      rateLimits: { perUserPerMinute: config.RATE_LIMIT_PER_USER, perAddressPerMinute: config.RATE_LIMIT_PER_ADDRESS, signInPerAddressPerMinute: config.RATE_LIMIT_SIGN_IN_PER_ADDRESS, trustProxy: config.TRUST_PROXY } },
    { host: config.HOST, port: config.PORT },
  );

  const lines = [
    "",
    `Jalin GraphQL API:  ${app.url}  (POST or GET; subscriptions over graphql-ws at ${app.wsUrl})`,
    `Database:           ${database.embedded ? `embedded PostgreSQL in ${config.dataDir}/pg (more servers: DATABASE_URL=${database.url})` : "DATABASE_URL"}`,
  ];
  if (demoUsers.length) {
    lines.push("", `Demo users (password "${DEMO_PASSWORD}", or use the token as 'Authorization: Bearer <token>'):`);
    for (const u of demoUsers) {
      const user = await prisma.user.findUnique({ where: { email: u.email } });
      if (!user) continue;
      lines.push(`  ${u.role.padEnd(10)} ${u.email.padEnd(34)} ${u.tenant}`, `             token: ${await app.services.auth.issueToken(user)}`);
    }
  }
  lines.push("", "Stop with Ctrl-C.", "");
  process.stdout.write(lines.join("\n") + "\n");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await app.stop();
    await prisma.$disconnect();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  log.fatal({ err: error }, error instanceof Error ? error.message : "start failed");
  process.exit(1);
});
