/**
 * Rate limiting per signed-in user and per client address, for HTTP requests and graphql-ws
 * operations alike (rate-limiter-flexible's in-memory fixed windows, one per process: with several
 * server processes behind a balancer, each allows the limit; a shared store would be
 * RateLimiterPostgres with the same calls).
 */
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface RateLimitSettings {
  /** Requests a minute per user; 0 turns the limit off. */
  perUserPerMinute: number;
  /** Requests a minute per client address; 0 turns the limit off. */
  perAddressPerMinute: number;
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: none). */
  trustProxy: number;
}

const limiter = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: 60 }) : null);

export class RequestLimiter {
  private readonly perUser: RateLimiterMemory | null;
  private readonly perAddress: RateLimiterMemory | null;
  private readonly trust: (address: string, hop: number) => boolean;

  constructor(settings: RateLimitSettings) {
    this.perUser = limiter(settings.perUserPerMinute);
    this.perAddress = limiter(settings.perAddressPerMinute);
    // A hop count, as express's `trust proxy` takes it: the nearest N addresses are proxies.
    this.trust = (_address, hop) => hop < settings.trustProxy;
  }

  /** The client's address: the socket's peer, or the forwarded one behind trusted proxies (as express computes req.ip). */
  address(request: IncomingMessage): string {
    return proxyaddr(request, this.trust);
  }

  /**
   * Counts one request against the address and, when signed in, the user: null when it may go on,
   * otherwise the whole seconds to wait before the next one is accepted.
   */
  async take(address: string, userId?: string | null): Promise<number | null> {
    const waits = await Promise.all([
      this.consume(this.perAddress, `address:${address}`),
      userId ? this.consume(this.perUser, `user:${userId}`) : null,
    ]);
    const wait = Math.max(...waits.map((w) => w ?? 0));
    return wait > 0 ? wait : null;
  }

  private async consume(limiter: RateLimiterMemory | null, key: string): Promise<number | null> {
    if (!limiter) return null;
    try {
      await limiter.consume(key);
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    }
  }
}

export const rateLimitMessage = (seconds: number) =>
  `Too many requests; try again in ${seconds} s.`;
