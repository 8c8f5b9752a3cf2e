/**
 * Rate limiting per signed-in user and per client address, for HTTP requests and graphql-ws
 * operations alike, plus a stricter limit per address on signing in (rate-limiter-flexible's
 * in-memory fixed windows, one set per process: with several server processes behind a balancer,
 * each allows the limit; a shared store would be RateLimiterPostgres with the same calls).
 */
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";
import type { DocumentNode } from "graphql";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { ErrorCode } from "../domain/errors.js";
import { countRootFields } from "../api/limits.js";

export interface RateLimitSettings {
  /** Requests a minute per user; 0 turns the limit off. */
  perUserPerMinute: number;
  /** Requests a minute per client address; 0 turns the limit off. */
  perAddressPerMinute: number;
  /** Sign-ins and registrations a minute per client address; 0 turns the limit off. */
  signInPerAddressPerMinute: number;
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: none). */
  trustProxy: number;
}

const limiter = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: 60 }) : null);

/**
 * The key an address counts under: an IPv4 address itself, an IPv6 address by its /64 network
 * (one subscriber's line hands out a whole /64, so single IPv6 addresses cost nothing to rotate).
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    return `${v6.parts.slice(0, 4).map((p) => p.toString(16)).join(":")}::/64`;
  }
  return parsed.toString();
}

/** Which limit refused: a user's, an address's, or an address's sign-ins. */
export type RefusalKind = "user" | "address" | "sign_in";

export class RequestLimiter {
  private readonly perUser: RateLimiterMemory | null;
  private readonly perAddress: RateLimiterMemory | null;
  private readonly signIn: RateLimiterMemory | null;
  private readonly trust: (address: string, hop: number) => boolean;

  /** `onRefusal` hears of every refusal (the rate-limit metrics). */
  constructor(settings: RateLimitSettings, private readonly onRefusal?: (kind: RefusalKind) => void) {
    this.perUser = limiter(settings.perUserPerMinute);
    this.perAddress = limiter(settings.perAddressPerMinute);
    this.signIn = limiter(settings.signInPerAddressPerMinute);
    // A hop count, as express's `trust proxy` takes it: the nearest N addresses are proxies.
    this.trust = (_address, hop) => hop < settings.trustProxy;
  }

  /** The client's address key: the socket's peer, or the forwarded one behind trusted proxies. */
  address(request: IncomingMessage): string {
    return addressKey(proxyaddr(request, this.trust));
  }

  /**
   * Counts one request against the user (when signed in) and the address: null when it may go on,
   * otherwise the whole seconds to wait. A request refused for one bucket takes nothing from the
   * other, so a user who ignores 429s does not use up the budget of everyone behind its address.
   */
  async take(address: string | null, userId?: string | null): Promise<number | null> {
    const user = userId ? `user:${userId}` : null;
    if (user) {
      const wait = await this.consume(this.perUser, user, "user");
      if (wait) return wait;
    }
    if (address) {
      const wait = await this.consume(this.perAddress, `address:${address}`, "address");
      if (wait) {
        if (user) await this.perUser?.reward(user, 1);
        return wait;
      }
    }
    return null;
  }

  /** Counts `count` sign-ins or registrations from the address: null, or the seconds to wait. */
  takeSignIn(address: string, count = 1): Promise<number | null> {
    return this.consume(this.signIn, `sign-in:${address}`, "sign_in", count);
  }

  private async consume(limiter: RateLimiterMemory | null, key: string, kind: RefusalKind, points = 1): Promise<number | null> {
    if (!limiter) return null;
    try {
      await limiter.consume(key, points);
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      this.onRefusal?.(kind);
      return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    }
  }
}

export const rateLimitMessage = (seconds: number) =>
  `Too many requests; try again in ${seconds} s.`;

/** The RATE_LIMITED error a client gets: the message and the whole seconds to wait. */
export const rateLimited = (seconds: number) => ({
  message: rateLimitMessage(seconds),
  extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: seconds },
});

/** The mutations that check a password or create an account (and its password hash). */
const SIGN_IN_FIELDS = new Set(["login", "registerFirm", "registerIkm"]);

/** Sign-ins and registrations in the operation, counted against the address: null, or seconds to wait. */
export function signInWait(
  limiter: RequestLimiter,
  document: DocumentNode,
  operationName: string | null | undefined,
  address: string | null,
): Promise<number | null> {
  const attempts = countRootFields(document, operationName, SIGN_IN_FIELDS);
  return attempts && address ? limiter.takeSignIn(address, attempts) : Promise.resolve(null);
}
