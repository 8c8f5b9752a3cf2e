import type { Database } from "../../infra/db/repositories/index.js";
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { LRUCache } from "lru-cache";
import { TOKEN_CACHE } from "../../domain/limits.js";
import type { User } from "../../infra/db/models.js";
import { DomainError, ErrorCode } from "../../domain/errors.js";
import type { Viewer } from "../../access/viewer.js";

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;
const ISSUER = "jalin";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const EXPIRED_MESSAGE = "Your token has expired; sign in again.";

/** What a verified token says: whose it is, and until when (milliseconds since the epoch). */
export interface TokenClaims {
  subject: string;
  expiresAt: number;
}

/** scrypt (node:crypto) with a random salt, stored as `scrypt$<salt>$<hash>` in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), expected.length);
  return timingSafeEqual(actual, expected);
}

export class AuthService {
  /** Tokens whose signature, issuer and subject were checked (TOKEN_CACHE); expiry is checked on each use. */
  private readonly verified = new LRUCache<string, TokenClaims>({ max: TOKEN_CACHE.entries });

  constructor(
    private readonly database: Database,
    private readonly secret: Uint8Array,
    private readonly ttl: string,
  ) {}

  /** A signed HS256 token naming the user; the role and tenant are read again from the database on use. */
  issueToken(user: Pick<User, "id">): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(this.ttl)
      .sign(this.secret);
  }

  async login(email: string, password: string): Promise<{ token: string; user: User }> {
    const user = await this.database.repos.accounts.findByEmail(email.trim().toLowerCase());
    // Same answer for an unknown email and a wrong password: no account enumeration.
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, "Email or password is wrong.");
    }
    return { token: await this.issueToken(user), user };
  }

  /**
   * Turns an Authorization header value into a viewer. No header: anonymous. A header that is
   * malformed, expired, forged or names a deleted user is refused, never downgraded to anonymous.
   */
  async viewerFromAuthorization(header: string | undefined | null): Promise<Viewer> {
    const claims = await this.verifyAuthorization(header);
    return claims ? this.viewerFor(claims.subject) : { kind: "anonymous" };
  }

  /**
   * The token of an Authorization header, checked without the database (so a rate limit can be
   * applied before any query): null for no header; UNAUTHENTICATED when malformed, forged or expired.
   */
  async verifyAuthorization(header: string | undefined | null): Promise<TokenClaims | null> {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new DomainError(ErrorCode.UNAUTHENTICATED, "Authorization must be 'Bearer <token>'.");
    const token = match[1];
    const known = this.verified.get(token);
    if (known) {
      // jose's rule: expired once the current second reaches `exp`.
      if (Math.floor(Date.now() / 1000) * 1000 < known.expiresAt) return known;
      this.verified.delete(token);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, EXPIRED_MESSAGE);
    }
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, algorithms: ["HS256"] });
      if (!payload.sub || !UUID.test(payload.sub) || typeof payload.exp !== "number") throw new Error("no subject or expiry");
      const claims = { subject: payload.sub, expiresAt: payload.exp * 1000 };
      this.verified.set(token, claims);
      return claims;
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired;
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        expired ? EXPIRED_MESSAGE : "Your token is not valid; sign in again.",
      );
    }
  }

  /** The user a verified token names, read again: role and tenant may have changed since it was issued. */
  async viewerFor(subject: string): Promise<Viewer> {
    const user = UUID.test(subject)
      ? await this.database.repos.accounts.findFacts(subject)
      : null;
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, "Your account no longer exists.");
    return {
      kind: "user",
      userId: user.id,
      role: user.role,
      firmId: user.firmId,
      foundationId: user.foundationId,
      ikmId: user.ikmId,
      koperasiId: user.koperasiId,
    };
  }
}
