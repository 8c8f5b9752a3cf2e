/** What the maturity mutations accept (validated with zod), and the due list's cursor. */
import { z } from "zod";
import { MaturityStage } from "../../domain/enums.js";
import { badInput } from "../../domain/errors.js";
import { LIMITS } from "../../domain/limits.js";
import { decodeCursor } from "../../domain/pagination.js";
import { FIVE_R_SECTIONS, MATURITY, PILLARS, PRODUCTION_ITEMS, type Pillar } from "../../core/maturity/config.js";
import { optionalText, text } from "../common/validation.js";

const uuid = z.uuid("must be an id");
const score = z.number().min(0, "must be 0 to 100").max(100, "must be 0 to 100");
const pastDate = z.date({ message: "must be a date such as 2026-11-01" }).refine((d) => d.getTime() <= Date.now() + 86_400_000, "must not be in the future");

export const assessmentSchema = z.object({
  ikmId: uuid,
  /** Which of the viewer's foundations records it; defaults to the one mentoring the IKM. */
  foundationId: uuid.nullish(),
  assessedOn: pastDate,
  assessor: text(),
  pillarScores: z.object(Object.fromEntries(PILLARS.map((p) => [p, score])) as Record<Pillar, typeof score>).strict(),
  itemScores: z
    .object(Object.fromEntries(PRODUCTION_ITEMS.map((i) => [i, score.nullish()])))
    .strict()
    .transform((v) => Object.fromEntries(Object.entries(v).filter(([, s]) => s != null)) as Record<string, number>)
    .default({}),
  fiveRItems: z
    .array(z.object({ section: z.enum(FIVE_R_SECTIONS), item: text(), score: z.number().int("must be 0, 1 or 2").min(0, "must be 0, 1 or 2").max(2, "must be 0, 1 or 2") }))
    .max(MATURITY.maxFiveRItems, `at most ${MATURITY.maxFiveRItems} items`)
    .default([]),
  notes: optionalText(),
  evidenceUrls: z
    .array(z.url({ protocol: /^https?$/, message: "must be an http(s) link" }).max(2000))
    .max(MATURITY.maxEvidenceLinks, `at most ${MATURITY.maxEvidenceLinks} links`)
    .default([]),
});

export const stageChangeSchema = z.object({
  ikmId: uuid,
  toStage: z.enum(MaturityStage),
  /** The IKM's stageVersion the change is based on. */
  expectedVersion: z.number().int().min(0),
  reason: z.string().trim().max(LIMITS.maxTextLength).nullish().transform((v) => v || null),
  assessmentId: uuid.nullish(),
  override: z.boolean().nullish().transform((v) => v ?? false),
});

export const mentorshipSchema = z.object({
  ikmId: uuid,
  foundationId: uuid.nullish(),
  mentorName: optionalText(LIMITS.maxNameLength),
  sponsorFirmId: uuid.nullish(),
  startedOn: pastDate,
});

export const endMentorshipSchema = z.object({
  status: z.enum(["GRADUATED", "ENDED"]),
  endedOn: pastDate,
});

/** A real calendar day written YYYY-MM-DD (2024-02-30 is not one). */
const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/** A due list's cursor: the last row's last assessment day (or null) and id (pagination.ts's codec). */
export function decodeDueCursor(cursor: string | null | undefined): { last: string | null; id: string } | null {
  if (!cursor) return null;
  const parsed = decodeCursor(cursor);
  if (parsed && (parsed[0] === null || (typeof parsed[0] === "string" && isDay(parsed[0])))
    && typeof parsed[1] === "string" && z.uuid().safeParse(parsed[1]).success) {
    return { last: parsed[0] as string | null, id: parsed[1] };
  }
  throw badInput("after is not a cursor from this list; pass an endCursor you received.", [{ path: "after", message: "not a valid cursor" }]);
}
