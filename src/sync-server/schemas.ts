/**
 * The relay's wire contract, validated with zod at every HTTP edge and for the websocket URL. Clients built
 * later import these so both sides agree on key and room formats.
 */
import { z } from 'zod';

/** Canonical unpadded base64url of exactly `bytes` bytes; aliases of the same bytes are refused. */
function b64url(bytes: number, what: string) {
  const length = Math.ceil((bytes * 4) / 3);
  return z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9_-]{${length}}$`), { message: `${what} must be ${bytes} bytes as unpadded base64url`, abort: true })
    .refine((s) => Buffer.from(s, 'base64url').toString('base64url') === s, `${what} is not canonical base64url`);
}

/** An Ed25519 public key (32 bytes). The string form is the identity everywhere (ACL, token subject, audit). */
export const PublicKey = b64url(32, 'publicKey');
/** 32 random bytes issued by `POST /auth/challenge`. */
export const Challenge = b64url(32, 'challenge');
/** An Ed25519 signature (64 bytes). */
export const Signature = b64url(64, 'signature');

/**
 * A room name is the websocket URL path. One path segment keeps `/rooms/:room/...` unambiguous; the
 * alphabet needs no percent-encoding, so the stock client (which does not encode it) and the server agree.
 */
export const RoomName = z.string().regex(/^[A-Za-z0-9_.~:-]{1,128}$/, 'room names are 1-128 of A-Z a-z 0-9 _ . ~ : -');

export const ChallengeRequest = z.object({ publicKey: PublicKey }).strict();
export const ChallengeResponse = z.object({ challenge: Challenge, expiresAt: z.string() });

export const TokenRequest = z.object({ publicKey: PublicKey, challenge: Challenge, signature: Signature }).strict();
export const TokenResponse = z.object({ token: z.string(), expiresAt: z.string() });

export const Role = z.enum(['owner', 'member']);
export type Role = z.infer<typeof Role>;

const MemberGrant = z.union([
  PublicKey.transform((publicKey) => ({ publicKey, role: 'member' as Role })),
  z.object({ publicKey: PublicKey, role: Role.default('member') }).strict(),
]);

export const MembersRequest = z
  .object({
    add: z.array(MemberGrant).max(256).default([]),
    remove: z.array(PublicKey).max(256).default([]),
  })
  .strict();

export const Member = z.object({ publicKey: PublicKey, role: Role, addedAt: z.string() });
export type Member = z.infer<typeof Member>;
