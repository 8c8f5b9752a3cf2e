import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { MATCH_INDEX, RATE_LIMITS } from "../domain/limits.js";

const flag = z.enum(["true", "false"]);

/**
 * Environment, parsed once and typed. Every key is optional on a developer machine. In production
 * (NODE_ENV=production) JWT_SECRET and DATABASE_URL are required and no published default may stand
 * in for a secret; demo data and demo tokens are off unless asked for.
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
  /** The match index's snapshot file (infra/match-index/snapshot.ts): JALIN_DATA_DIR/match-index unless set; "off": none. */
  MATCH_INDEX_SNAPSHOT_DIR: z.string().min(1).optional(),
  /** Rankings and counts the match index remembers (infra/match-index/answers.ts), revised when IKMs change (revise.ts); 0: none. */
  MATCH_INDEX_REMEMBERED_ANSWERS: z.coerce.number().int().min(0).max(1_000_000).default(MATCH_INDEX.rememberedAnswers),
  /** Supplier profiles (and as many IKM rows) the match index remembers for pages of matches until a change to them is applied (infra/match-index/profiles.ts); 0: none. */
  MATCH_INDEX_REMEMBERED_PROFILES: z.coerce.number().int().min(0).max(1_000_000).default(MATCH_INDEX.rememberedProfiles),
  /** Most (changed IKM, remembered answer) pairs a change checks before forgetting every answer (infra/match-index/revise.ts); 0: every change forgets all. */
  MATCH_INDEX_ANSWER_REVISION_BUDGET: z.coerce.number().int().min(0).max(100_000_000).default(MATCH_INDEX.answerRevisionBudget),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters; generate one with `openssl rand -base64 48`").optional(),
  JWT_TTL: z.string().regex(/^\d+[smhd]$/, "must look like 12h or 30d").default("12h"),
  /** Default: true, except with NODE_ENV=production. */
  SEED_DEMO: flag.optional(),
  /** Print the demo users' password and tokens at start. Default: true, except with NODE_ENV=production. */
  PRINT_DEMO_TOKENS: flag.optional(),
  RATE_LIMIT_PER_USER: z.coerce.number().int().min(0).default(RATE_LIMITS.perUserPerMinute),
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(RATE_LIMITS.perAddressPerMinute),
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: z.coerce.number().int().min(0).default(RATE_LIMITS.signInPerAddressPerMinute),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>` when set; without it, production answers loopback only. */
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters; generate one with `openssl rand -hex 32`").optional(),
});

type Parsed = z.infer<typeof schema>;
export type Config = Omit<Parsed, "SEED_DEMO" | "PRINT_DEMO_TOKENS"> & {
  SEED_DEMO: "true" | "false";
  PRINT_DEMO_TOKENS: "true" | "false";
  jwtSecret: Uint8Array;
  dataDir: string;
};

/** A configuration Jalin refuses to start with; each line names a key and what to set. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Secrets that are published (README, demo data, the embedded database) or placeholders people
 * paste from examples: a token signed with one of them can be forged by anyone who has read them.
 */
const PUBLISHED = /change.?me|changeit|your.?(jwt.?)?secret|replace.?(me|this)|placeholder|example|jalin-demo|jalin-embedded|^(jwt.?)?secret$|^(?<one>.)\k<one>+$/i;

/** Why a production JWT_SECRET is refused, or null when it may be used. */
export function weakSecret(secret: string): string | null {
  if (secret.length < 32) return "must be at least 32 characters";
  if (PUBLISHED.test(secret)) return "is a published default or a placeholder";
  if (new Set(secret).size < 10) return "is too weak (fewer than 10 different characters)";
  return null;
}

/** What a process that signs no tokens (npm run seed) needs: the database and the demo-data switches. */
export type DatabaseConfig = Omit<Config, "jwtSecret">;

/** The server's configuration: everything, and in production a JWT_SECRET no one else knows. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return load(env, true) as Config;
}

/** Like loadConfig, without JWT_SECRET: for processes that sign no tokens. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return load(env, false);
}

function load(env: NodeJS.ProcessEnv, signsTokens: boolean): Config | DatabaseConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const values = parsed.data;
  const production = values.NODE_ENV === "production";
  if (production) {
    const problems: string[] = [];
    const generate = "generate one with `openssl rand -base64 48` and keep it in your secret store";
    if (!signsTokens) {
      // No token is signed: JWT_SECRET is not needed.
    } else if (!values.JWT_SECRET) problems.push(`JWT_SECRET: required when NODE_ENV=production; ${generate}`);
    else {
      const why = weakSecret(values.JWT_SECRET);
      if (why) problems.push(`JWT_SECRET: ${why}; ${generate}`);
    }
    if (!values.DATABASE_URL) {
      problems.push(
        "DATABASE_URL: required when NODE_ENV=production (the embedded PostgreSQL is for development: its password is published); " +
          "set it to your PostgreSQL, e.g. postgresql://jalin:<password>@db.internal:5432/jalin",
      );
    }
    if (problems.length) throw new ConfigError(problems);
  }
  const dataDir = path.resolve(values.JALIN_DATA_DIR);
  const config: DatabaseConfig = {
    ...values,
    SEED_DEMO: values.SEED_DEMO ?? (production ? "false" : "true"),
    PRINT_DEMO_TOKENS: values.PRINT_DEMO_TOKENS ?? (production ? "false" : "true"),
    dataDir,
  };
  if (!signsTokens) return config;
  return { ...config, jwtSecret: new TextEncoder().encode(values.JWT_SECRET ?? developmentSecret(dataDir)) };
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
