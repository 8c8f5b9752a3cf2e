/**
 * The need editor's form: what the inputs hold (text, as typed), read from a need and turned into the
 * API's NeedInput. Numbers are checked by the API, which names each field it refuses
 * (`extensions.fields`); the form only leaves out what is blank.
 */
import type { CertificationType, MaturityStage, Process, QuantityUnit, SpecificProcess } from "../../../enums";

export const WEIGHT_FACTORS = ["capabilityFit", "quality", "delivery", "capacity", "proximity", "stage", "cluster"] as const;
export type WeightFactor = (typeof WEIGHT_FACTORS)[number];

export interface NeedForm {
  title: string;
  description: string;
  processes: Process[];
  specificProcesses: SpecificProcess[];
  materials: string[];
  quantityPerMonth: string;
  unit: QuantityUnit;
  toleranceMm: string;
  toleranceCritical: boolean;
  requiredCertifications: CertificationType[];
  minimumStage: MaturityStage;
  startDate: string;
  termMonths: string;
  latitude: string;
  longitude: string;
  radiusKm: string;
  /** Blank: the default weight. */
  weights: Record<WeightFactor, string>;
}

/** The fields of a need the editor reads (ComponentNeed). */
export interface NeedValues {
  title: string;
  description: string;
  processes: readonly Process[];
  specificProcesses: readonly SpecificProcess[];
  materials: readonly string[];
  quantityPerMonth: number;
  unit: QuantityUnit;
  toleranceMm: number | null;
  toleranceCritical: boolean;
  requiredCertifications: readonly CertificationType[];
  minimumStage: MaturityStage;
  startDate: string;
  termMonths: number;
  latitude: number | null;
  longitude: number | null;
  radiusKm: number | null;
  matchWeights: Record<WeightFactor, number>;
}

const text = (value: number | null | undefined) => (value == null ? "" : String(value));

function firstOfNextMonth(today: Date): string {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

export function emptyForm(today = new Date()): NeedForm {
  return {
    title: "", description: "", processes: [], specificProcesses: [], materials: [], quantityPerMonth: "", unit: "PCS",
    toleranceMm: "", toleranceCritical: false, requiredCertifications: [], minimumStage: "PEMULA",
    startDate: firstOfNextMonth(today), termMonths: "12", latitude: "", longitude: "", radiusKm: "",
    weights: Object.fromEntries(WEIGHT_FACTORS.map((f) => [f, ""])) as NeedForm["weights"],
  };
}

export function formOf(need: NeedValues): NeedForm {
  return {
    title: need.title, description: need.description, processes: [...need.processes], specificProcesses: [...need.specificProcesses],
    materials: [...need.materials], quantityPerMonth: text(need.quantityPerMonth), unit: need.unit, toleranceMm: text(need.toleranceMm),
    toleranceCritical: need.toleranceCritical, requiredCertifications: [...need.requiredCertifications], minimumStage: need.minimumStage,
    startDate: need.startDate, termMonths: text(need.termMonths), latitude: text(need.latitude), longitude: text(need.longitude),
    radiusKm: text(need.radiusKm),
    weights: Object.fromEntries(WEIGHT_FACTORS.map((f) => [f, text(need.matchWeights[f])])) as NeedForm["weights"],
  };
}

/** A number as typed (a comma as the decimal mark too, as Indonesians write it), or null when blank. */
export function numberOf(value: string): number | null {
  const trimmed = value.trim().replace(",", ".");
  return trimmed === "" ? null : Number(trimmed);
}

function weightsOf(form: NeedForm): Partial<Record<WeightFactor, number>> | undefined {
  const given = WEIGHT_FACTORS.flatMap((f) => {
    const value = numberOf(form.weights[f]);
    return value == null ? [] : [[f, value] as const];
  });
  return given.length ? Object.fromEntries(given) : undefined;
}

/** Every field of the form as the API takes it; a blank optional field is null (cleared). */
function fieldsOf(form: NeedForm) {
  return {
    title: form.title.trim(),
    description: form.description.trim(),
    processes: form.processes,
    specificProcesses: form.specificProcesses,
    materials: form.materials,
    // Blank or not a number: NaN is sent as null, which the API refuses naming the field.
    quantityPerMonth: numberOf(form.quantityPerMonth) ?? NaN,
    unit: form.unit,
    toleranceMm: numberOf(form.toleranceMm),
    toleranceCritical: form.toleranceCritical,
    requiredCertifications: form.requiredCertifications,
    minimumStage: form.minimumStage,
    startDate: form.startDate,
    termMonths: numberOf(form.termMonths),
    latitude: numberOf(form.latitude),
    longitude: numberOf(form.longitude),
    radiusKm: numberOf(form.radiusKm),
    weights: weightsOf(form) ?? null,
  };
}

type Fields = ReturnType<typeof fieldsOf>;

/**
 * A new need's NeedInput (blank optional fields left out), or an edit's NeedUpdateInput: only the
 * fields that differ from the need as it was read, so an untouched period or weights stay exactly
 * as stored (a blank field the need had is cleared with null).
 */
export function inputOf(form: NeedForm, initial?: NeedForm): Partial<Fields> {
  const fields = fieldsOf(form);
  if (!initial) {
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as Partial<Fields>;
  }
  const before = fieldsOf(initial);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return Object.fromEntries(Object.entries(fields).filter(([key, value]) => !same(value, before[key as keyof Fields]))) as Partial<Fields>;
}
