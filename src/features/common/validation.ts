import { z } from "zod";
import { badInput } from "../../domain/errors.js";
import { LIMITS } from "../../domain/limits.js";
import { regionCodeProblem } from "../../domain/regions.js";
import type { Process, SpecificProcess } from "../../domain/enums.js";
import { familyOf } from "../../core/matching/taxonomy.js";

/** Parses `value` with `schema`; on failure a BAD_USER_INPUT error lists every problem by field path. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = "input"): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join("; ");
  throw badInput(`Invalid input. ${summary}`, fields);
}

export const text = (max: number = LIMITS.maxNameLength) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const optionalText = (max: number = LIMITS.maxTextLength) =>
  z.string().trim().max(max, `must be at most ${max} characters`).nullish().transform((v) => (v ? v : null));

export const regionCode = z
  .string()
  .trim()
  .superRefine((code, ctx) => {
    const problem = regionCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const latitude = z.number().min(-11.5, "is south of Indonesia").max(6.5, "is north of Indonesia");
export const longitude = z.number().min(94.5, "is west of Indonesia").max(141.5, "is east of Indonesia");

export const email = z.string().trim().toLowerCase().pipe(z.email("must be an email address")).pipe(z.string().max(254));
export const password = z.string().min(LIMITS.minPasswordLength, `must be at least ${LIMITS.minPasswordLength} characters`).max(200);

/** A material name as people write it: lower-cased, single-spaced ("Baja  SPCC" -> "baja spcc"). */
export const material = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(80)
  .transform((m) => m.toLowerCase().replace(/\s+/g, " "));

export const idr = z.number().int("must be whole rupiah").min(0, "must not be negative").max(1e15).nullish();

export const tolerance = z.number().positive("must be above 0 mm").max(100, "must be at most 100 mm").nullish();

/** Both coordinates or neither (absent and null both count as "not given"). */
export const coordinatesTogether = (v: { latitude?: number | null; longitude?: number | null }) =>
  (v.latitude == null) === (v.longitude == null);
export const COORDINATES_TOGETHER = { message: "give latitude and longitude together", path: ["longitude"] };

/** Each capability's specific processes belong to its process family (core/matching/taxonomy.ts). */
export function specificsInFamily(list: Array<{ process: Process; specificProcesses: SpecificProcess[] }>, ctx: z.RefinementCtx): void {
  list.forEach((c, i) => c.specificProcesses.forEach((code, j) => {
    const family = familyOf(code);
    if (family !== c.process) ctx.addIssue({ code: "custom", path: [i, "specificProcesses", j], message: `${code} is a ${family} process, not ${c.process}: list it under the ${family} capability` });
  }));
}

/** A need's specific processes each belong to one of its processes (families). */
export function needSpecificsInFamilies(v: { processes?: Process[]; specificProcesses?: SpecificProcess[] | null }, ctx: z.RefinementCtx): void {
  if (!v.processes || !v.specificProcesses) return;
  v.specificProcesses.forEach((code, j) => {
    const family = familyOf(code);
    if (!v.processes!.includes(family)) ctx.addIssue({ code: "custom", path: ["specificProcesses", j], message: `${code} is a ${family} process: add ${family} to processes, or remove ${code}` });
  });
}
