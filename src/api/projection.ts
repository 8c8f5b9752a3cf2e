/**
 * Narrowed reads (issue 17): which columns of a model a selection needs, so a list of IKMs, or the
 * capabilities and certificates under them, reads those columns only instead of every one. The rows
 * then hold only what the selected fields read, so:
 * - every field of a narrowed model says here which columns its resolver reads; a selection holding a
 *   field not listed here (or past PROJECTION's bound) reads every column, as before;
 * - narrowed rows go to GraphQL fields only, never to a by-id loader (primeRows) or a service.
 * test/integration/projection.test.ts compares narrowed answers with whole-row answers on random
 * selections.
 */
import type { FieldNode, GraphQLResolveInfo } from "graphql";
import { PROJECTION } from "../domain/limits.js";
import { type Model, type Projection, projectionOf } from "../infra/db/sql/loaders.js";
import { connectionNodeFields, selectedFields } from "./selection.js";

/** Columns each GraphQL field reads of its object's row (plain fields: their own column). */
type FieldColumns = Readonly<Record<string, readonly string[]>>;

const same = (...names: string[]): FieldColumns => Object.fromEntries(names.map((n) => [n, [n]]));

/**
 * The narrowed models: for each, the columns every read keeps (the loader's key, the page's order,
 * what the parent field reads of the rows) and the columns of each field. Fields not listed
 * (financials, partnerships, responses, sampleRequests, candidacies of an IKM...) read every column.
 */
const MODELS = {
  Ikm: {
    always: ["id", "legalName"], // the page's keyset order
    fields: {
      ...same("legalName", "nib", "regionCode", "address", "latitude", "longitude", "workers", "foundedYear", "description", "currentStage",
        "stageVersion", "synthetic"),
      __typename: [],
      id: ["id"],
      regionName: ["regionCode"],
      sizeClass: ["workers", "investmentIdr"],
      // Relations read by the IKM's id (their own access checks go by the id too).
      capabilities: ["id"], certifications: ["id"], machines: ["id"], kbliCodes: ["id"], fiveRAudits: ["id"], deliveries: ["id"],
      deliverySummary: ["id"], sentras: ["id"], koperasis: ["id"], mentorships: ["id"], assessments: ["id"], stageHistory: ["id"],
    },
  },
  Capability: {
    always: ["ikmId"], // the loader's key
    fields: { ...same("process", "specificProcesses", "materials", "toleranceMm", "monthlyCapacity", "capacityUnit", "notes"), __typename: [] },
  },
  Certification: {
    always: ["ikmId", "validFrom", "validUntil"], // the loader's key; Ikm.certifications(validOn:) filters on the dates
    fields: { ...same("id", "type", "number", "issuer", "validFrom", "validUntil"), __typename: [] },
  },
} satisfies Partial<Record<Model, { always: readonly string[]; fields: FieldColumns }>>;

export type NarrowModel = keyof typeof MODELS;

/** The column sets handed out per model, by their spelling: at most PROJECTION.maxColumnSetsPerModel. */
const known = new Map<NarrowModel, Map<string, Projection>>();

/** The columns `fields` need of `model`, or null (every column) when one is not listed or the model's sets are used up. */
export function projectionFor(model: NarrowModel, fields: Iterable<string>): Projection | null {
  const { always, fields: columns } = MODELS[model] as { always: readonly string[]; fields: FieldColumns };
  const wanted = new Set(always);
  for (const field of fields) {
    const needs = Object.hasOwn(columns, field) ? columns[field] : undefined;
    if (!needs) return null;
    for (const column of needs) wanted.add(column);
  }
  const projection = projectionOf(model, wanted);
  const key = projection.join(",");
  let sets = known.get(model);
  if (!sets) known.set(model, (sets = new Map()));
  const found = sets.get(key);
  if (found) return found;
  if (sets.size >= PROJECTION.maxColumnSetsPerModel) return null;
  sets.set(key, projection);
  return projection;
}

/**
 * Projections by the field nodes of the field being resolved: graphql-js hands every item of a list
 * the same array, and Apollo reuses a cached document's nodes, so each selection is read once.
 */
const byNodes = new WeakMap<readonly FieldNode[], Map<NarrowModel, Projection | null>>();

/**
 * The columns of `model` the field being resolved needs: of its connection's nodes (`connection`)
 * or of the object or objects it returns (`objects`).
 */
export function projectionOfField(model: NarrowModel, info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, shape: "connection" | "objects"): Projection | null {
  let models = byNodes.get(info.fieldNodes);
  if (!models) byNodes.set(info.fieldNodes, (models = new Map()));
  if (models.has(model)) return models.get(model) ?? null;
  const projection = projectionFor(model, shape === "connection" ? connectionNodeFields(info) : selectedFields(info));
  models.set(model, projection);
  return projection;
}
