/**
 * One dedicated PostgreSQL connection that LISTENs on some channels and keeps listening: when the
 * connection drops (server restart, failover) it reconnects with backoff, one loop at a time, and
 * then calls `onReconnected` so the owner can catch up on what it missed while nobody listened.
 * NOTIFY itself keeps nothing for a listener that is away: an owner that must miss nothing reads a
 * durable source from where it stopped (the event bus reads its log from the last id it delivered).
 */
import pg from "pg";
import type { Logger } from "pino";

export interface ListenerOptions {
  databaseUrl: string;
  channels: string[];
  log: Logger;
  /** Called for every notification on one of the channels. */
  onNotification: (channel: string, payload: string) => void;
  /**
   * Called once the connection is lost, before any reconnect, so an owner can hold what the next
   * connection hands over until it has caught up.
   */
  onLost?: () => void;
  /**
   * Called after listening again; notifications sent while nobody listened never arrive, so read
   * them from elsewhere here. A throw is logged and the call is retried with backoff.
   */
  onReconnected?: () => Promise<void> | void;
  /** Longest wait between attempts. */
  maxDelayMs?: number;
  name: string;
}

export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private reconnecting = false;

  constructor(private readonly options: ListenerOptions) {}

  /** Resolves once listening; rejects when the first connection fails. */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const { databaseUrl, channels, log, name } = this.options;
    const client = new pg.Client({ connectionString: databaseUrl });
    const onLost = (error?: Error) => {
      if (this.client !== client || this.closed) return; // only the live connection's loss counts
      log.warn({ err: error }, `${name} lost its LISTEN connection; reconnecting`);
      this.client = null;
      client.removeAllListeners();
      client.on("error", () => undefined);
      this.options.onLost?.();
      void this.reconnect();
    };
    client.on("error", onLost);
    client.on("end", () => onLost());
    client.on("notification", (msg) => {
      if (!this.closed && channels.includes(msg.channel)) this.options.onNotification(msg.channel, msg.payload ?? "");
    });
    try {
      await client.connect();
      for (const channel of channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /**
   * Connects again with backoff until it listens and `onReconnected` has run; if the new connection
   * is lost meanwhile, it goes round again. One loop at a time; a loss during the loop is its concern.
   */
  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    const { log, name } = this.options;
    try {
      for (let attempt = 0; !this.closed; attempt++) {
        await new Promise((r) => setTimeout(r, Math.min(this.options.maxDelayMs ?? 5_000, 100 * 2 ** attempt)));
        if (this.closed) return;
        try {
          if (!this.client) {
            const client = await this.connect();
            if (this.closed) {
              await client.end().catch(() => undefined);
              return;
            }
            this.client = client;
          }
          await this.options.onReconnected?.();
          if (!this.client) continue; // lost again meanwhile
          log.info(`${name} listening again`);
          return;
        } catch (error) {
          log.warn({ err: error, attempt }, `${name} could not listen again yet`);
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }
}
