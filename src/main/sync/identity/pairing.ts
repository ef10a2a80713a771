/**
 * Pairing a second device, transport-agnostic: three plain JSON messages that a relay (or a test) carries.
 *
 *   A (has the identity)                                    B (new device)
 *   createPairingOffer() → code shown on A, invite ───────▶ startJoin(invite, code typed by the user)
 *                        ◀────── request: {device key, name, ephemeral X25519 key} sealed under K_code
 *   accept(request)      ───────▶ response: identity secret + B's certificate sealed under
 *                                 HKDF(K_code ‖ X25519(ephA, ephB))                 join.complete(response)
 *
 * K_code = scrypt(code, invite salt). The code is 8 Crockford base32 characters (40 bits), lives 10 minutes,
 * works once, and the offer is dropped after a few wrong attempts. A wrong code just fails to decrypt on A; A
 * sends nothing back. Mixing in the ephemeral Diffie-Hellman secret means a relay that records the messages
 * and later brute-forces the code still cannot open the response.
 */
import crypto from 'node:crypto';
import { x25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { EngramError } from '../../../shared/errors';
import { certifyDevice, DeviceCertificateSchema, NameSchema, parseName, RevocationSchema } from './identity';
import {
  b64uBytes,
  deriveKey,
  fromB64u,
  fromUtf8,
  generateSigningKey,
  KEY_BYTES,
  NONCE_BYTES,
  open,
  PublicKeySchema,
  publicKeyOf,
  randomBytes,
  SECRET_KEY_BYTES,
  seal,
  signedBytes,
  toB64u,
  utf8,
} from './keys';
import type { IdentityInfo, IdentityStore } from './store';

export const PAIRING_TTL_MS = 10 * 60_000;
export const PAIRING_MAX_ATTEMPTS = 3;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ID_BYTES = 16;
const SALT_BYTES = 16;

const Ciphertext = z.string().regex(/^[A-Za-z0-9_-]+$/).max(64 * 1024);

export const PairingInviteSchema = z.object({
  v: z.literal(1),
  type: z.literal('pairing-invite'),
  offerId: b64uBytes(ID_BYTES),
  salt: b64uBytes(SALT_BYTES),
  expiresAt: z.number().int(),
});
export const PairingRequestSchema = z.object({
  v: z.literal(1),
  type: z.literal('pairing-request'),
  offerId: b64uBytes(ID_BYTES),
  nonce: b64uBytes(NONCE_BYTES),
  ciphertext: Ciphertext,
});
export const PairingResponseSchema = z.object({
  v: z.literal(1),
  type: z.literal('pairing-response'),
  offerId: b64uBytes(ID_BYTES),
  ephemeralPublicKey: b64uBytes(32),
  nonce: b64uBytes(NONCE_BYTES),
  ciphertext: Ciphertext,
});
export type PairingInvite = z.infer<typeof PairingInviteSchema>;
export type PairingRequest = z.infer<typeof PairingRequestSchema>;
export type PairingResponse = z.infer<typeof PairingResponseSchema>;

const RequestPayloadSchema = z.object({
  devicePublicKey: PublicKeySchema,
  deviceName: NameSchema,
  ephemeralPublicKey: b64uBytes(32),
});
type RequestPayload = z.infer<typeof RequestPayloadSchema>;

const ResponsePayloadSchema = z.object({
  identitySecretKey: b64uBytes(SECRET_KEY_BYTES),
  displayName: NameSchema,
  createdAt: z.number().int().nonnegative(),
  certificate: DeviceCertificateSchema,
  revocations: z.array(RevocationSchema),
});

/** An offer as shown on device A: the code for the user's eyes, the invite for the transport. */
export interface PairingOffer {
  code: string;
  invite: PairingInvite;
}

/** 8 characters from Crockford's base32 (no I, L, O, U), grouped 4-4: "7KQ2-M9XD". */
export function generatePairingCode(): string {
  const bytes = crypto.randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 7; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** Accepts what a user types: any case, spaces or dashes, and O/I/L for 0/1/1. */
export function normalizePairingCode(input: string): string {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== 8 || [...s].some((c) => !CROCKFORD.includes(c))) {
    throw new EngramError('invalid_input', 'A pairing code has 8 characters, like 7KQ2-M9XD');
  }
  return s;
}

const requestAad = (offerId: string) => signedBytes('engram-pairing-request-v1', [offerId]);
const responseAad = (offerId: string, ephA: string, ephB: string, device: string) =>
  signedBytes('engram-pairing-response-v1', [offerId, ephA, ephB, device]);

function sessionKey(codeKey: Uint8Array, ephSecret: Uint8Array, peerPublic: string, offerId: string): Uint8Array {
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(ephSecret, fromB64u(peerPublic, 32));
  } catch {
    throw new EngramError('invalid_input', 'Invalid pairing key');
  }
  if (shared.every((b) => b === 0)) throw new EngramError('invalid_input', 'Invalid pairing key');
  const ikm = new Uint8Array([...codeKey, ...shared]);
  return new Uint8Array(crypto.hkdfSync('sha256', ikm, fromB64u(offerId), 'engram-pairing-v1', KEY_BYTES));
}

function parseMessage<T>(schema: z.ZodType<T>, message: unknown, what: string): T {
  const parsed = schema.safeParse(message);
  if (!parsed.success) throw new EngramError('invalid_input', `Not a valid ${what}`);
  return parsed.data;
}

interface PendingOffer {
  codeKey: Uint8Array;
  expiresAt: number;
  failures: number;
}

/** Device A's side: holds the pending offers in memory (they only live while the pairing dialog is open). */
export class PairingHost {
  private readonly offers = new Map<string, PendingOffer>();
  private readonly now: () => number;

  constructor(
    private readonly store: IdentityStore,
    opts: { now?: () => number } = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  async createPairingOffer(): Promise<PairingOffer> {
    if (!this.store.has()) throw new EngramError('not_found', 'Create an identity before pairing a device');
    this.sweep();
    const code = generatePairingCode();
    const offerId = toB64u(randomBytes(ID_BYTES));
    const salt = randomBytes(SALT_BYTES);
    const codeKey = await deriveKey(normalizePairingCode(code), salt);
    const expiresAt = this.now() + PAIRING_TTL_MS;
    this.offers.set(offerId, { codeKey, expiresAt, failures: 0 });
    return { code, invite: { v: 1, type: 'pairing-invite', offerId, salt: toB64u(salt), expiresAt } };
  }

  cancel(offerId: string): void {
    this.offers.delete(offerId);
  }

  /** Number of offers still waiting (for tests and the UI). */
  get pending(): number {
    this.sweep();
    return this.offers.size;
  }

  /**
   * Answers a request from the new device. Throws 'unauthorized' for an unknown, used or expired offer and for
   * a wrong code; nothing is sent back in those cases. The offer is consumed before any secret is released.
   */
  async accept(message: unknown): Promise<PairingResponse> {
    const request = parseMessage(PairingRequestSchema, message, 'pairing request');
    const offer = this.offers.get(request.offerId);
    if (!offer) throw new EngramError('unauthorized', 'This pairing code was already used, cancelled or never issued');
    if (this.now() >= offer.expiresAt) {
      this.offers.delete(request.offerId);
      throw new EngramError('unauthorized', 'This pairing code expired; start pairing again');
    }
    const plain = open(offer.codeKey, request, requestAad(request.offerId));
    if (!plain) {
      offer.failures += 1;
      if (offer.failures >= PAIRING_MAX_ATTEMPTS) this.offers.delete(request.offerId);
      throw new EngramError('unauthorized', 'Wrong pairing code');
    }
    // Consumed synchronously, before the first await: a code works once even under concurrent requests.
    this.offers.delete(request.offerId);
    let payload: RequestPayload;
    try {
      payload = RequestPayloadSchema.parse(JSON.parse(fromUtf8(plain)));
    } catch {
      throw new EngramError('invalid_input', 'The pairing request content is invalid');
    }

    const { identity } = await this.store.unlock();
    const certificate = certifyDevice(identity.secretKey, {
      devicePublicKey: payload.devicePublicKey,
      deviceName: payload.deviceName,
      issuedAt: this.now(),
    });
    const eph = x25519.keygen();
    const ephA = toB64u(eph.publicKey);
    const key = sessionKey(offer.codeKey, eph.secretKey, payload.ephemeralPublicKey, request.offerId);
    const body = {
      identitySecretKey: toB64u(identity.secretKey),
      displayName: identity.displayName,
      createdAt: identity.createdAt,
      certificate,
      revocations: this.store.revocations(),
    };
    const sealed = seal(
      key,
      utf8(JSON.stringify(body)),
      responseAad(request.offerId, ephA, payload.ephemeralPublicKey, payload.devicePublicKey),
    );
    return { v: 1, type: 'pairing-response', offerId: request.offerId, ephemeralPublicKey: ephA, ...sealed };
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, offer] of this.offers) if (now >= offer.expiresAt) this.offers.delete(id);
  }
}

/** Device B's side of one pairing attempt. */
export interface PendingJoin {
  request: PairingRequest;
  /** Opens A's response and stores the identity with this device's own certified key. Works once. */
  complete(store: IdentityStore, response: unknown): Promise<IdentityInfo>;
}

export async function startJoin(invite: unknown, code: string, deviceName: string): Promise<PendingJoin> {
  const inv = parseMessage(PairingInviteSchema, invite, 'pairing invite');
  const normalized = normalizePairingCode(code);
  const name = parseName(deviceName, 'The device name');
  const codeKey = await deriveKey(normalized, fromB64u(inv.salt, SALT_BYTES));
  const device = generateSigningKey();
  const eph = x25519.keygen();
  const ephB = toB64u(eph.publicKey);
  const payload: RequestPayload = { devicePublicKey: device.publicKey, deviceName: name, ephemeralPublicKey: ephB };
  const sealed = seal(codeKey, utf8(JSON.stringify(payload)), requestAad(inv.offerId));
  const request: PairingRequest = { v: 1, type: 'pairing-request', offerId: inv.offerId, ...sealed };
  let done = false;

  return {
    request,
    async complete(store, message) {
      if (done) throw new EngramError('conflict', 'This pairing attempt is already complete');
      const response = parseMessage(PairingResponseSchema, message, 'pairing response');
      if (response.offerId !== inv.offerId) throw new EngramError('invalid_input', 'The response is for another pairing');
      const key = sessionKey(codeKey, eph.secretKey, response.ephemeralPublicKey, inv.offerId);
      const plain = open(key, response, responseAad(inv.offerId, response.ephemeralPublicKey, ephB, device.publicKey));
      if (!plain) throw new EngramError('unauthorized', 'The pairing response could not be opened');
      let body: z.infer<typeof ResponsePayloadSchema>;
      try {
        body = ResponsePayloadSchema.parse(JSON.parse(fromUtf8(plain)));
      } catch {
        throw new EngramError('invalid_input', 'The pairing response content is invalid');
      }
      const secretKey = fromB64u(body.identitySecretKey, SECRET_KEY_BYTES);
      const info = await store.adopt(
        { publicKey: publicKeyOf(secretKey), secretKey, displayName: body.displayName, createdAt: body.createdAt },
        { secretKey: device.secretKey, certificate: body.certificate },
        body.revocations,
      );
      done = true;
      return info;
    },
  };
}
