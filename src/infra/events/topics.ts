/**
 * The events that cross processes, the local topics derived from them, and the event log's numbers.
 */
import type { CertificateLapseKind, CertificationType, MaturityStage } from "../../domain/enums.js";

/** The channel every server process listens on. */
export const EVENT_CHANNEL = "jalin_events";

/** Events that cross processes (sent through PostgreSQL). */
export type SharedTopics = {
  /** A need became OPEN (published to suppliers). */
  NEED_PUBLISHED: { needId: string; firmId: string; publishedAt: string };
  /** An OPEN need's terms changed: its ranked list may have too. */
  NEED_CHANGED: { needId: string; firmId: string };
  /** An IKM's stage changed; `foundationIds` are the foundations (and their parents) actively mentoring it then. */
  STAGE_CHANGED: {
    stageChangeId: string;
    ikmId: string;
    foundationIds: string[];
    fromStage: MaturityStage | null;
    toStage: MaturityStage;
    changedAt: string;
  };
  /**
   * An IKM (or a koperasi, for a consortium of its members) submitted, revised, withdrew or
   * resubmitted its response to a need of `firmId` (routed by firmId; `ikmId` null for a koperasi's).
   */
  RESPONSE_RECEIVED: {
    responseId: string;
    needId: string;
    firmId: string;
    ikmId: string | null;
    koperasiId?: string | null;
    change: "SUBMITTED" | "REVISED" | "WITHDRAWN";
    version: number;
  };
  /**
   * Something happened to an IKM's candidacy for a need of `firmId`: one event per member IKM of the
   * candidate (routed by `ikmId`). `sampleId` is set for the sample changes.
   */
  CANDIDACY_CHANGED: {
    needId: string;
    firmId: string;
    ikmId: string;
    candidateId: string;
    change: CandidacyChange;
    sampleId: string | null;
  };
  /**
   * An administrator added a word to the vocabulary (issue 23): every server reloads its
   * vocabulary, and for a material word refreshes the IKMs whose materials read differently now.
   */
  VOCABULARY_CHANGED: { entryId: string; word: string; kind: "PROCESS" | "MATERIAL" };
  /**
   * A certificate of `ikmId` lapses soon, or before an ACTIVE partnership requiring it ends (issue
   * 22); `foundationIds` are the foundations (and their parents) actively mentoring the IKM then.
   * Written once per certificate, kind and partnership by the lapse sweep.
   */
  CERTIFICATE_LAPSING: {
    ikmId: string;
    foundationIds: string[];
    certificationId: string;
    type: CertificationType;
    number: string;
    lapsesOn: string;
    kind: CertificateLapseKind;
    partnershipId: string | null;
    daysLeft: number;
    action: string;
  };
};

/** What happened to a candidacy (CANDIDACY_CHANGED). */
export type CandidacyChange = "SHORTLISTED" | "REMOVED" | "SAMPLE_REQUESTED" | "SAMPLE_APPROVED" | "SAMPLE_REJECTED" | "AWARDED" | "NOT_AWARDED";

/**
 * Every event carries its id in the log (a decimal string: ids grow in commit order) and the time
 * it was written.
 */
export type EventEnvelope<T> = T & { eventId: string; sentAt: string };

/** The durable event log's numbers. */
export const EVENT_LOG = {
  /**
   * Days an event stays in the log, so a subscriber away that long can resume. A week bridges a
   * phone switched off over a long weekend or a holiday; a client away longer refetches with
   * queries, which is cheaper than replaying a week of a foundation's events. A week of events is
   * small: one row per stage change, need published or need edited.
   */
  retentionDays: 7,
  /** How often each server deletes events older than the retention (and once when it starts). */
  pruneEveryMs: 60 * 60 * 1000,
  /** Most events one resume replays; a subscriber further behind refetches with a query. */
  maxReplay: 1000,
  /** Rows read at a time when a server catches up after its LISTEN connection came back. */
  catchUpBatch: 500,
  /**
   * pg_advisory_xact_lock key that orders event-writing transactions (see EventBus.publish). Any
   * constant no other lock uses: the migrations use Prisma's own, 72707369.
   */
  lockKey: 7_246_580_317,
} as const;

/** An event id a client sent back (`after`), or null when it is not one: digits that fit a bigint. */
export function parseEventId(text: string): bigint | null {
  if (!/^\d{1,19}$/.test(text)) return null;
  const id = BigInt(text);
  return id <= 9_223_372_036_854_775_807n ? id : null;
}

/** Local topics: the shared ones, plus per-subscriber streams derived in this process. */
export type Topics = {
  [K in keyof SharedTopics]: [payload: EventEnvelope<SharedTopics[K]>];
} & {
  /** STAGE_CHANGED again, keyed `foundation:<id>` for each foundation in its foundationIds and `ikm:<id>`. */
  STAGE_CHANGED_FOR: [key: string, payload: EventEnvelope<SharedTopics["STAGE_CHANGED"]>];
  /** A newly opened need this IKM is eligible for, at or above the alert threshold. */
  OPPORTUNITY: [ikmId: string, payload: { needId: string; ikmId: string; total: number; eventId: string }];
  /** The ranked list of a need changed. */
  MATCHES_CHANGED: [needId: string, payload: { needId: string; entered: string[]; left: string[]; moved: string[]; changedAt: string }];
};
