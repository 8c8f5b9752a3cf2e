/**
 * The lapse sweep (issue 22): finds certificates entering the look-ahead window, and certificates
 * an ACTIVE partnership requires that lapse before it ends, and tells each IKM (and through the
 * event's routing, its mentoring foundations) once per certificate, kind and partnership, with a
 * CERTIFICATE_LAPSING event.
 *
 * "Once" holds across restarts and across server processes on one database: each warning is
 * recorded in "CertificateLapseNotice" (unique key, INSERT ... ON CONFLICT DO NOTHING) in the
 * transaction that publishes it. Two servers sweeping at the same moment both try the insert; the
 * second waits for the first's commit, inserts nothing and publishes nothing.
 *
 * It runs when the server starts, every LAPSE_SWEEP.everyMs, and for one IKM at once when its
 * certificates are added or removed through the API. `now` is injectable: tests sweep "as of" a
 * day instead of waiting for it.
 */
import type { Logger } from "pino";
import type { Database } from "../../infra/db/repositories/index.js";
import type { EventBus } from "../../infra/events/bus.js";
import { type Day, toDay } from "../../domain/dates.js";
import type { CertificationType } from "../../domain/enums.js";
import { type LapseWarning, lapseAdvice, lapseWarningKey, lapseWarnings } from "../../core/matching/lapse-warnings.js";
import { type CertificateLapseRow, LAPSING, type LapsingService } from "./lapsing.service.js";

export const LAPSE_SWEEP = {
  /** The window a certificate is announced in: LAPSING_SOON when it lapses within this many days (issue 22: 90). */
  withinDays: LAPSING.defaultWithinDays,
  /**
   * How often each server sweeps (and once when it starts). Windows move by whole days (UTC), so a
   * certificate enters the window at most once a day; sweeping hourly tells it within an hour of
   * that, and a sweep costs one indexed read of the certificates ending soon plus a few rows per
   * IKM found. Several servers sweeping is harmless: the notices table tells each warning once.
   */
  everyMs: 60 * 60 * 1000,
  /** IKMs read at a time by one sweep. */
  batch: 200,
} as const;

const dateOf = (day: Day) => new Date(day * 86_400_000);

type Found = { row: CertificateLapseRow; warning: LapseWarning; key: string; certificationId: string };

export class LapseSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly lapsing: LapsingService,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Sweeps once now (not awaited: the server need not wait for it) and every LAPSE_SWEEP.everyMs. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.running) return; // the last one is still going: the next tick will do
      this.running = this.sweep()
        .catch((error) => this.log.error({ err: error }, "certificate lapse sweep failed"))
        .finally(() => (this.running = null));
    };
    tick();
    this.timer = setInterval(tick, LAPSE_SWEEP.everyMs);
    this.timer.unref();
  }

  /** Resolves once a sweep the timer started has finished (tests use it as a barrier). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Stops the interval and waits for a sweep under way. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sweeps every IKM with a certificate ending in the window (or while partnered), as of `now`; returns the warnings told. */
  async sweep(now: Date = this.now()): Promise<number> {
    const today = toDay(now);
    const ikmIds = await this.database.repos.lapsing.ikmsWithEndingCertificates(dateOf(today), dateOf(today + LAPSE_SWEEP.withinDays));
    let told = 0;
    for (let i = 0; i < ikmIds.length; i += LAPSE_SWEEP.batch) told += await this.sweepIkms(ikmIds.slice(i, i + LAPSE_SWEEP.batch), now);
    return told;
  }

  /**
   * After an IKM's certificates changed through the API: sweeps it at once. A failure is logged,
   * not thrown: the certificate was saved, and the next sweep tells what this one could not.
   */
  async certificatesChanged(ikmIds: string[]): Promise<void> {
    await this.sweepIkms(ikmIds, this.now()).catch((error) => this.log.error({ err: error, ikmIds }, "certificate lapse sweep after a change failed"));
  }

  /** Tells the warnings of these IKMs not told yet, as of `now`; returns how many it told. */
  async sweepIkms(ikmIds: string[], now: Date): Promise<number> {
    const today = toDay(now);
    const rows = await this.lapsing.lapsesOf(ikmIds, LAPSE_SWEEP.withinDays, today);
    const found: Found[] = [];
    for (const row of rows) {
      const cert = row.certification;
      if (!cert) continue;
      const lapse = { type: row.type, lapsesOn: toDay(row.lapsesOn), daysLeft: row.daysLeft, partnershipIds: row.partnerships.map((p) => p.id) };
      for (const warning of lapseWarnings([lapse], LAPSE_SWEEP.withinDays)) {
        found.push({ row, warning, key: lapseWarningKey(cert.id, warning), certificationId: cert.id });
      }
    }
    const told = await this.database.repos.lapsing.toldKeys(found.map((f) => f.key));
    let count = 0;
    for (const f of found) if (!told.has(f.key) && (await this.tell(f))) count++;
    return count;
  }

  /** Records the warning and publishes it in one transaction; false when another sweep told it first. */
  private tell({ row, warning, key, certificationId }: Found): Promise<boolean> {
    const ikmId = row.ikm.id;
    return this.database.transaction(async (repos) => {
      const lapsesOn = dateOf(warning.lapsesOn);
      if (!(await repos.lapsing.recordNotice({ key, certificationId, ikmId, kind: warning.kind, partnershipId: warning.partnershipId, lapsesOn }))) return false;
      const foundationIds = await repos.ikms.mentoringFoundationIds(ikmId); // with the foundations above them
      await this.events.publish(repos.lapsing.eventExecutor, "CERTIFICATE_LAPSING", {
        ikmId,
        foundationIds,
        certificationId,
        type: row.type as CertificationType,
        number: row.certification!.number,
        lapsesOn: lapsesOn.toISOString().slice(0, 10),
        kind: warning.kind,
        partnershipId: warning.partnershipId,
        daysLeft: warning.daysLeft,
        action: lapseAdvice(warning),
      });
      return true;
    });
  }
}
