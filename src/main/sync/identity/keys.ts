/**
 * Low-level helpers shared by the identity module: base64url, Ed25519 keys and signatures, XChaCha20-Poly1305
 * sealing, scrypt. Every key and signature leaves this module as unpadded base64url text.
 */
import crypto from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { EngramError } from '../../../shared/errors';

const B64URL = /^[A-Za-z0-9_-]*$/;

export function toB64u(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Strict decoding: Buffer.from silently skips foreign characters, so the alphabet is checked first. */
export function fromB64u(text: string, expectedLength?: number): Uint8Array {
  if (!B64URL.test(text)) throw new EngramError('invalid_input', 'Not base64url text');
  const bytes = new Uint8Array(Buffer.from(text, 'base64url'));
  if (expectedLength !== undefined && bytes.length !== expectedLength) {
    throw new EngramError('invalid_input', `Expected ${expectedLength} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** A base64url field that decodes to exactly `length` bytes. */
export const b64uBytes = (length: number) =>
  z
    .string()
    .regex(B64URL)
    .refine((s) => Buffer.from(s, 'base64url').length === length, `must encode ${length} bytes`);

export const PUBLIC_KEY_BYTES = 32;
export const SECRET_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

export const PublicKeySchema = b64uBytes(PUBLIC_KEY_BYTES);
export const SignatureSchema = b64uBytes(SIGNATURE_BYTES);

export interface SigningKeyPair {
  /** base64url of the 32-byte Ed25519 public key. */
  publicKey: string;
  /** The 32-byte Ed25519 secret seed; keep in memory only, seal it with a KeyVault before storing. */
  secretKey: Uint8Array;
}

export function generateSigningKey(): SigningKeyPair {
  const { secretKey, publicKey } = ed25519.keygen();
  return { secretKey, publicKey: toB64u(publicKey) };
}

export function publicKeyOf(secretKey: Uint8Array): string {
  return toB64u(ed25519.getPublicKey(secretKey));
}

export function sign(message: Uint8Array, secretKey: Uint8Array): string {
  return toB64u(ed25519.sign(message, secretKey));
}

/** Strict RFC 8032 verification; malformed keys or signatures are simply invalid, never an exception. */
export function verifySignature(signature: string, message: Uint8Array, publicKey: string): boolean {
  try {
    return ed25519.verify(fromB64u(signature, SIGNATURE_BYTES), message, fromB64u(publicKey, PUBLIC_KEY_BYTES), {
      zip215: false,
    });
  } catch {
    return false;
  }
}

/** The bytes a signature covers: a domain tag plus the fields in a fixed order, so no two record kinds collide. */
export function signedBytes(domain: string, fields: readonly (string | number | null)[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify([domain, ...fields]));
}

export const NONCE_BYTES = 24;
export const KEY_BYTES = 32;

export function randomBytes(n: number): Uint8Array {
  return new Uint8Array(crypto.randomBytes(n));
}

export interface Sealed {
  nonce: string;
  ciphertext: string;
}

/** XChaCha20-Poly1305 with a fresh random 24-byte nonce. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const ciphertext = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
  return { nonce: toB64u(nonce), ciphertext: toB64u(ciphertext) };
}

/** Returns null when the key is wrong or the data was altered; callers turn that into their own error. */
export function open(key: Uint8Array, sealed: Sealed, aad?: Uint8Array): Uint8Array | null {
  try {
    return xchacha20poly1305(key, fromB64u(sealed.nonce, NONCE_BYTES), aad).decrypt(fromB64u(sealed.ciphertext));
  } catch {
    return null;
  }
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** N=2^15, r=8, p=1: about 32 MiB and a few tens of milliseconds per derivation. */
export const SCRYPT_DEFAULTS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/** Parameters accepted when reading an envelope; bounds keep a crafted file from demanding gigabytes. */
export const ScryptParamsSchema = z.object({
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});

export function deriveKey(secret: string, salt: Uint8Array, params: ScryptParams = SCRYPT_DEFAULTS): Promise<Uint8Array> {
  const maxmem = 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    crypto.scrypt(secret.normalize('NFKC'), salt, KEY_BYTES, { ...params, maxmem }, (err, key) =>
      err ? reject(err) : resolve(new Uint8Array(key)),
    );
  });
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
