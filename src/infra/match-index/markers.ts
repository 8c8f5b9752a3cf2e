import type pg from "pg";

/**
 * Marker notifications on the change channel: PostgreSQL delivers notifications in commit order, so
 * when a marker sent now arrives, every change committed before it has arrived too.
 */
export class Markers {
  private counter = 0;
  private readonly waiters = new Map<string, () => void>();

  constructor(private readonly db: pg.Pool, private readonly channel: string) {}

  /** Sends a marker; true once it arrives, false when `timeoutMs` pass first (the listener is reconnecting). */
  async send(timeoutMs?: number): Promise<boolean> {
    const token = `sync:${++this.counter}:${process.pid}`;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      this.waiters.set(token, () => resolve(true));
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.waiters.delete(token);
          resolve(false);
        }, timeoutMs);
      }
    });
    try {
      await this.db.query("SELECT pg_notify($1, $2)", [this.channel, token]);
      return await arrived;
    } finally {
      clearTimeout(timer);
      this.waiters.delete(token);
    }
  }

  /** Whether a notification's payload is a marker (then its sender is told). */
  heard(payload: string): boolean {
    if (!payload.startsWith("sync:")) return false;
    this.waiters.get(payload)?.();
    this.waiters.delete(payload);
    return true;
  }

  /** Releases every waiting sender (closing). */
  releaseAll(): void {
    for (const resolve of this.waiters.values()) resolve();
    this.waiters.clear();
  }
}
