import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { RATE_LIMITS } from "./domain/limits.js";

/**
 * Environment, parsed once and typed. Every key is optional on a developer machine; in production
 * (NODE_ENV=production) JWT_SECRET is required so tokens survive restarts and cannot be forged.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
    .optional(),
  JALIN_DATA_DIR: z.string().min(1).default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  JWT_TTL: z.string().regex(/^\d+[smhd]$/, "must look like 12h or 30d").default("12h"),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  RATE_LIMIT_PER_USER: z.coerce.number().int().min(0).default(RATE_LIMITS.perUserPerMinute),
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(RATE_LIMITS.perAddressPerMinute),
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: z.coerce.number().int().min(0).default(RATE_LIMITS.signInPerAddressPerMinute),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof schema> & { jwtSecret: Uint8Array; dataDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const values = parsed.data;
  if (values.NODE_ENV === "production" && !values.JWT_SECRET) {
    throw new Error("Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production");
  }
  const dataDir = path.resolve(values.JALIN_DATA_DIR);
  const secret = values.JWT_SECRET ?? developmentSecret(dataDir);
  return { ...values, dataDir, jwtSecret: new TextEncoder().encode(secret) };
}

/** A random secret kept in the data folder, so demo tokens stay valid across restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, "jwt-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
