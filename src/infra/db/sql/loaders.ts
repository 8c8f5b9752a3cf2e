/**
 * The loaders' batch reads (src/api/loaders.ts) as prepared statements for SqlReader: one statement
 * per relation and batch, `$1` the batch's keys. Each answers every column of its model, as Prisma's
 * findMany does, in the order the Prisma query it replaced asked for; the loader sorts rows out by
 * key. Reviewed with the statement snapshots (test/integration/__snapshots__/sql/).
 *
 * Columns are named, never `*`: a prepared statement's result type is fixed when it is prepared, so
 * with `*` a column added by a migration while the server runs would fail every prepared read
 * ("cached plan must not change result type"). A column added to the Prisma schema but not here
 * fails test/integration/sql-reader.test.ts, which compares every row with Prisma's.
 */
import { createHash } from "node:crypto";
import type { Statement } from "../sql-reader.js";

/** Every column of each model the loaders read (prisma/schema.prisma's scalar fields, in its order). */
export const COLUMNS = {
  Firm: `"id", "name", "sector", "tier", "regionCode", "website", "createdAt", "updatedAt"`,
  Ikm: `"id", "legalName", "nib", "regionCode", "address", "latitude", "longitude", "workers", "investmentIdr", "capitalIdr", "annualSalesIdr", "foundedYear", "description", "currentStage", "stageVersion", "synthetic", "createdAt", "updatedAt"`,
  ComponentNeed: `"id", "firmId", "title", "description", "processes", "specificProcesses", "materials", "quantityPerMonth", "unit", "toleranceMm", "toleranceCritical", "maxRejectPpm", "requiredCertifications", "minimumStage", "preferredRegionCode", "latitude", "longitude", "radiusKm", "matchWeights", "startDate", "endDate", "status", "version", "createdById", "publishedAt", "createdAt", "updatedAt"`,
  User: `"id", "email", "name", "passwordHash", "role", "firmId", "foundationId", "ikmId", "koperasiId", "createdAt"`,
  NeedStatusChange: `"id", "needId", "fromStatus", "toStatus", "changedAt", "changedById", "reason"`,
  Capability: `"id", "ikmId", "process", "specificProcesses", "materials", "toleranceMm", "monthlyCapacity", "capacityUnit", "notes"`,
  Machine: `"id", "ikmId", "type", "count", "cnc", "brand", "yearMade"`,
  Certification: `"id", "ikmId", "type", "number", "issuer", "validFrom", "validUntil", "createdAt"`,
} as const;

export type Model = keyof typeof COLUMNS;

/**
 * Some of a model's columns, named as in COLUMNS and kept in COLUMNS' order (so a set has one
 * spelling): what a narrowed read answers (src/api/projection.ts decides, issue 17). Its rows hold
 * those columns only, so they must never reach a loader or service that expects whole rows.
 */
export type Projection = readonly string[];

/** Each model's columns as a list, in COLUMNS' order. */
const COLUMN_LISTS = Object.fromEntries(
  Object.entries(COLUMNS).map(([model, text]) => [model, [...text.matchAll(/"(\w+)"/g)].map((m) => m[1])]),
) as unknown as Record<Model, readonly string[]>;

/** `wanted` in COLUMNS' order, as a Projection; throws for a name that is no column of `model`. */
export function projectionOf(model: Model, wanted: Iterable<string>): Projection {
  const set = new Set(wanted);
  for (const name of set) if (!COLUMN_LISTS[model].includes(name)) throw new Error(`${model} has no column ${name}`);
  return COLUMN_LISTS[model].filter((name) => set.has(name));
}

/** `projection` as a select list. */
export const columnList = (projection: Projection): string => projection.map((name) => `"${name}"`).join(", ");

/** Narrowed statements by name: one per statement and projection (projection.ts bounds how many). */
const narrowedStatements = new Map<string, Statement>();

/**
 * `statement` (one of LOADER_SQL, reading every column of `model`) reading `projection`'s columns
 * only: the same rows in the same order, named apart so each text is prepared once.
 */
export function narrowed(statement: Statement, model: Model, projection: Projection): Statement {
  const key = `${statement.name}:${projection.join(",")}`;
  let found = narrowedStatements.get(key);
  if (!found) {
    if (!statement.text.includes(COLUMNS[model])) throw new Error(`${statement.name} does not read every column of ${model}`);
    const hash = createHash("sha1").update(projection.join(",")).digest("hex").slice(0, 12);
    found = { ...statement, name: `${statement.name}_${hash}`, text: statement.text.replace(COLUMNS[model], columnList(projection)) };
    narrowedStatements.set(key, found);
  }
  return found;
}

/** A loader's read; `pipelined`: false for a read that is not by key (pipelined-lanes.ts). */
const statement = (name: string, text: string, pipelined = true): Statement => ({ name: `jalin_loader_${name}`, text, pipelined });

export const LOADER_SQL = {
  /** The role and tenant of the signed-in user, read on every request (AccountRepository.findFacts). */
  userFacts: statement("user_facts", `SELECT "id", "role", "firmId", "foundationId", "ikmId", "koperasiId" FROM "User" WHERE "id" = $1::uuid`),
  firms: statement("firms", `SELECT ${COLUMNS.Firm} FROM "Firm" WHERE "id" = ANY($1::uuid[])`),
  ikms: statement("ikms", `SELECT ${COLUMNS.Ikm} FROM "Ikm" WHERE "id" = ANY($1::uuid[])`),
  needs: statement("needs", `SELECT ${COLUMNS.ComponentNeed} FROM "ComponentNeed" WHERE "id" = ANY($1::uuid[])`),
  users: statement("users", `SELECT ${COLUMNS.User} FROM "User" WHERE "id" = ANY($1::uuid[])`),
  membersOfFirms: statement("members_of_firms", `SELECT ${COLUMNS.User} FROM "User" WHERE "firmId" = ANY($1::uuid[]) ORDER BY "name" ASC`),
  statusChangesOfNeeds: statement("status_changes_of_needs",
    `SELECT ${COLUMNS.NeedStatusChange} FROM "NeedStatusChange" WHERE "needId" = ANY($1::uuid[]) ORDER BY "changedAt" ASC, "id" ASC`),
  capabilitiesOfIkms: statement("capabilities_of_ikms", `SELECT ${COLUMNS.Capability} FROM "Capability" WHERE "ikmId" = ANY($1::uuid[]) ORDER BY "process" ASC`),
  machinesOfIkms: statement("machines_of_ikms", `SELECT ${COLUMNS.Machine} FROM "Machine" WHERE "ikmId" = ANY($1::uuid[]) ORDER BY "type" ASC, "id" ASC`),
  certificationsOfIkms: statement("certifications_of_ikms",
    `SELECT ${COLUMNS.Certification} FROM "Certification" WHERE "ikmId" = ANY($1::uuid[]) ORDER BY "type" ASC, "validFrom" DESC`),
  /** One need of firm `$2` (a firm member asking for one of its own firm's needs: NeedRepository.findVisibleNeed). */
  ownNeed: statement("own_need", `SELECT ${COLUMNS.ComponentNeed} FROM "ComponentNeed" WHERE "id" = $1::uuid AND "firmId" = $2::uuid`),
  /** One need in a published status `$2` (what suppliers and foundations may open). */
  publishedNeed: statement("published_need", `SELECT ${COLUMNS.ComponentNeed} FROM "ComponentNeed" WHERE "id" = $1::uuid AND "status"::text = ANY($2::text[])`),
  /** Every OPEN need (an IKM's opportunities are ranked among them: MatchingRepository.listOpenNeeds). */
  openNeeds: statement("open_needs", `SELECT ${COLUMNS.ComponentNeed} FROM "ComponentNeed" WHERE "status" = 'OPEN'`, false),
  /** Needs of these firms a viewer who sees every need may see (administrators). */
  needsOfFirms: statement("needs_of_firms",
    `SELECT ${COLUMNS.ComponentNeed} FROM "ComponentNeed" WHERE "firmId" = ANY($1::uuid[]) ORDER BY "createdAt" DESC, "id" DESC`),
  /** Needs of these firms that are `$2`'s own (a firm member sees its own firm's). */
  ownNeedsOfFirms: statement("own_needs_of_firms",
    `SELECT ${COLUMNS.ComponentNeed} FROM "ComponentNeed" WHERE "firmId" = ANY($1::uuid[]) AND "firmId" = $2::uuid ORDER BY "createdAt" DESC, "id" DESC`),
  /** Needs of these firms in a published status `$2` (what suppliers and foundations see). */
  publishedNeedsOfFirms: statement("published_needs_of_firms",
    `SELECT ${COLUMNS.ComponentNeed} FROM "ComponentNeed" WHERE "firmId" = ANY($1::uuid[]) AND "status"::text = ANY($2::text[]) ORDER BY "createdAt" DESC, "id" DESC`),
} as const;
