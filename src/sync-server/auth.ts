/**
 * Proof of key possession, then a short-lived bearer token. A client asks for a random challenge for its
 * Ed25519 public key, signs the challenge's bytes, and trades the signature for an HS256 JWT whose subject is
 * the key. Challenges are single-use and bound to the key they were issued for; tokens last ten minutes, so a
 * leaked one is worth little and a key removed from a room loses access at its next connection at the latest.
 */
import crypto from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { RelayError } from './errors';
import { PublicKey } from './schemas';
import { tokenSecret, type Db } from './store';

export const CHALLENGE_TTL_MS = 60_000;
export const TOKEN_TTL_S = 10 * 60;
const ISSUER = 'engram-relay';

export class Auth {
  private readonly secret: Uint8Array;
  private readonly insertChallenge;
  private readonly takeChallenge;
  private readonly purgeChallenges;

  constructor(
    db: Db,
    private readonly now: () => number,
  ) {
    this.secret = tokenSecret(db);
    this.insertChallenge = db.prepare('INSERT INTO challenges (challenge, public_key, expires_at) VALUES (?, ?, ?)');
    // DELETE ... RETURNING makes "check and consume" one statement, so a challenge can be used at most once.
    this.takeChallenge = db.prepare('DELETE FROM challenges WHERE challenge = ? RETURNING public_key, expires_at');
    this.purgeChallenges = db.prepare('DELETE FROM challenges WHERE expires_at <= ?');
  }

  issueChallenge(publicKey: string): { challenge: string; expiresAt: string } {
    const now = this.now();
    // Expired challenges are swept on every issue, so the table stays as small as the last minute's traffic.
    this.purgeChallenges.run(now);
    const challenge = crypto.randomBytes(32).toString('base64url');
    const expiresAt = now + CHALLENGE_TTL_MS;
    this.insertChallenge.run(challenge, publicKey, expiresAt);
    return { challenge, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Consumes the challenge whatever the outcome, so a wrong signature cannot be retried against it. */
  async issueToken(publicKey: string, challenge: string, signature: string): Promise<{ token: string; expiresAt: string }> {
    const row = this.takeChallenge.get(challenge) as { public_key: string; expires_at: number } | undefined;
    if (!row || row.public_key !== publicKey) {
      throw new RelayError(401, 'bad_challenge', 'Unknown or already used challenge; ask for a new one');
    }
    if (row.expires_at <= this.now()) {
      throw new RelayError(401, 'challenge_expired', 'The challenge expired; ask for a new one');
    }
    let valid = false;
    try {
      // zip215: false is strict RFC 8032 verification: no malleable or small-order edge cases.
      valid = ed25519.verify(
        Buffer.from(signature, 'base64url'),
        Buffer.from(challenge, 'base64url'),
        Buffer.from(publicKey, 'base64url'),
        { zip215: false },
      );
    } catch {
      valid = false;
    }
    if (!valid) throw new RelayError(401, 'bad_signature', 'The signature does not verify for this key and challenge');
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + TOKEN_TTL_S;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(ISSUER)
      .setSubject(publicKey)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(crypto.randomBytes(12).toString('base64url'))
      .sign(this.secret);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The public key a token speaks for; a RelayError (401) when it is missing, forged or expired. */
  async verifyToken(token: string | undefined | null): Promise<string> {
    if (!token) throw new RelayError(401, 'no_token', 'A token is required: get one from POST /auth/token');
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: ISSUER,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: new Date(this.now()),
      });
      const key = PublicKey.safeParse(payload.sub);
      if (!key.success) throw new RelayError(401, 'token_invalid', 'The token does not name a public key');
      return key.data;
    } catch (err) {
      if (err instanceof RelayError) throw err;
      if (err instanceof joseErrors.JWTExpired) {
        // jose checks the signature before the claims, so the subject of an expired token is genuine.
        const sub = PublicKey.safeParse(err.payload.sub);
        throw new RelayError(401, 'token_expired', 'The token expired; sign a new challenge', sub.success ? sub.data : null);
      }
      throw new RelayError(401, 'token_invalid', 'The token is not valid for this relay');
    }
  }
}

/** `Authorization: Bearer <token>`, for HTTP routes. */
export function bearer(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1] ?? null;
}
