/**
 * Keys at rest. A KeyVault turns secret bytes into a versioned JSON envelope and back; the identity store only
 * ever writes envelopes. Two implementations: a passphrase (web mode, where no OS keychain exists) and an
 * injected SecretBox (the desktop passes Electron's safeStorage, see `safeStorageSecretBox`).
 */
import { z } from 'zod';
import { EngramError } from '../../../shared/errors';
import {
  b64uBytes,
  deriveKey,
  fromB64u,
  NONCE_BYTES,
  open,
  randomBytes,
  SCRYPT_DEFAULTS,
  ScryptParamsSchema,
  seal,
  toB64u,
  type ScryptParams,
} from './keys';

export const SALT_BYTES = 16;

export const PassphraseEnvelopeSchema = z.object({
  v: z.literal(1),
  kind: z.literal('passphrase'),
  kdf: z.literal('scrypt'),
  params: ScryptParamsSchema,
  salt: b64uBytes(SALT_BYTES),
  nonce: b64uBytes(NONCE_BYTES),
  ciphertext: z.string().regex(/^[A-Za-z0-9_-]+$/),
});

export const SecretBoxEnvelopeSchema = z.object({
  v: z.literal(1),
  kind: z.literal('secretbox'),
  data: z.string().regex(/^[A-Za-z0-9_-]+$/),
});

export const VaultEnvelopeSchema = z.discriminatedUnion('kind', [PassphraseEnvelopeSchema, SecretBoxEnvelopeSchema]);

export type PassphraseEnvelope = z.infer<typeof PassphraseEnvelopeSchema>;
export type SecretBoxEnvelope = z.infer<typeof SecretBoxEnvelopeSchema>;
export type VaultEnvelope = z.infer<typeof VaultEnvelopeSchema>;

export interface KeyVault {
  readonly kind: VaultEnvelope['kind'];
  seal(secret: Uint8Array): Promise<VaultEnvelope>;
  /** Throws EngramError 'unauthorized' when the envelope cannot be opened (wrong passphrase, other keychain). */
  open(envelope: unknown): Promise<Uint8Array>;
}

export const wrongPassphrase = () =>
  new EngramError('unauthorized', 'Wrong passphrase (or the encrypted data is damaged); nothing was changed');

function parseEnvelope<T>(schema: z.ZodType<T>, envelope: unknown, kind: string): T {
  const parsed = schema.safeParse(envelope);
  if (!parsed.success) {
    throw new EngramError('invalid_input', `Not a ${kind} key envelope`, z.treeifyError(parsed.error));
  }
  return parsed.data;
}

/** scrypt(passphrase, random salt) → 32-byte key → XChaCha20-Poly1305 with a random 24-byte nonce. */
export class PassphraseVault implements KeyVault {
  readonly kind = 'passphrase' as const;

  constructor(
    private readonly passphrase: string,
    private readonly params: ScryptParams = SCRYPT_DEFAULTS,
  ) {
    if (passphrase.length === 0) throw new EngramError('invalid_input', 'The passphrase must not be empty');
  }

  async seal(secret: Uint8Array): Promise<PassphraseEnvelope> {
    const salt = randomBytes(SALT_BYTES);
    const key = await deriveKey(this.passphrase, salt, this.params);
    const { nonce, ciphertext } = seal(key, secret, envelopeAad(this.params, salt));
    return { v: 1, kind: 'passphrase', kdf: 'scrypt', params: { ...this.params }, salt: toB64u(salt), nonce, ciphertext };
  }

  async open(envelope: unknown): Promise<Uint8Array> {
    const env = parseEnvelope(PassphraseEnvelopeSchema, envelope, 'passphrase');
    const salt = fromB64u(env.salt, SALT_BYTES);
    const key = await deriveKey(this.passphrase, salt, env.params);
    const plain = open(key, env, envelopeAad(env.params, salt));
    if (!plain) throw wrongPassphrase();
    return plain;
  }
}

/** The KDF parameters and salt are authenticated too, so a tampered header fails like a wrong passphrase. */
function envelopeAad(params: ScryptParams, salt: Uint8Array): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(['engram-vault-v1', params.N, params.r, params.p, toB64u(salt)]));
}

/** Anything that encrypts bytes under a key the app never sees: the OS keychain on desktop, a fake in tests. */
export interface SecretBox {
  encrypt(plain: Uint8Array): Uint8Array | Promise<Uint8Array>;
  decrypt(sealed: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export class SecretBoxVault implements KeyVault {
  readonly kind = 'secretbox' as const;

  constructor(private readonly box: SecretBox) {}

  async seal(secret: Uint8Array): Promise<SecretBoxEnvelope> {
    return { v: 1, kind: 'secretbox', data: toB64u(await this.box.encrypt(secret)) };
  }

  async open(envelope: unknown): Promise<Uint8Array> {
    const env = parseEnvelope(SecretBoxEnvelopeSchema, envelope, 'secretbox');
    try {
      return await this.box.decrypt(fromB64u(env.data));
    } catch {
      throw new EngramError('unauthorized', 'The system keychain could not decrypt the stored key; nothing was changed');
    }
  }
}

/** The shape of Electron's `safeStorage`, typed structurally so this module does not import electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Adapts safeStorage (string based) to a SecretBox; refuses to work when the OS offers no encryption. */
export function safeStorageSecretBox(safeStorage: SafeStorageLike): SecretBox {
  const ensure = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new EngramError('provider_unavailable', 'This system offers no secure storage (keychain) for keys');
    }
  };
  return {
    encrypt(plain) {
      ensure();
      return new Uint8Array(safeStorage.encryptString(toB64u(plain)));
    },
    decrypt(sealed) {
      ensure();
      return fromB64u(safeStorage.decryptString(Buffer.from(sealed)));
    },
  };
}
