/** Shared by this module's tests only. */
import fs from 'node:fs';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { expect } from 'vitest';
import { EngramError, type ErrorCode } from '../../../shared/errors';
import { randomBytes } from './keys';
import type { SecretBox } from './vault';

/** A stand-in for the OS keychain: XChaCha20-Poly1305 under a fixed test key. */
export function testSecretBox(key = new Uint8Array(32).fill(7)): SecretBox {
  return {
    encrypt(plain) {
      const nonce = randomBytes(24);
      return new Uint8Array([...nonce, ...xchacha20poly1305(key, nonce).encrypt(plain)]);
    },
    decrypt(sealed) {
      return xchacha20poly1305(key, sealed.subarray(0, 24)).decrypt(sealed.subarray(24));
    },
  };
}

export async function expectEngramError(p: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<EngramError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EngramError);
  expect((err as EngramError).code).toBe(code);
  if (message) expect((err as EngramError).message).toMatch(message);
  return err as EngramError;
}

/** The bytes of a SQLite library file and its WAL, where recent writes live until a checkpoint. */
export function dbBytes(dbFile: string): Buffer {
  const parts = [dbFile, `${dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
  return Buffer.concat(parts);
}

/** Every usual text form of a secret, for "never stored in clear" checks. */
export function secretForms(secret: Uint8Array): string[] {
  const b = Buffer.from(secret);
  return [b.toString('base64url'), b.toString('base64'), b.toString('hex')];
}
