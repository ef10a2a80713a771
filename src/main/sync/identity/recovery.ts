/**
 * The recovery file: the identity secret key and display name, sealed with a recovery passphrase, as JSON.
 * Device keys are never included: a restored library gets a fresh device key certified by the identity.
 * Importing validates the file, checks the passphrase and the key before touching the library.
 */
import { z } from 'zod';
import { EngramError } from '../../../shared/errors';
import { NameSchema, RevocationSchema } from './identity';
import { b64uBytes, fromB64u, fromUtf8, PublicKeySchema, publicKeyOf, SECRET_KEY_BYTES, toB64u, utf8 } from './keys';
import type { IdentityInfo, IdentityStore } from './store';
import { PassphraseEnvelopeSchema, PassphraseVault } from './vault';

export const RECOVERY_FORMAT = 'engram-identity-recovery';

export const RecoveryFileSchema = z.object({
  format: z.literal(RECOVERY_FORMAT),
  v: z.literal(1),
  /** In clear so a user can tell which identity a file holds; the import checks it against the secret. */
  identityPublicKey: PublicKeySchema,
  exportedAt: z.number().int().nonnegative(),
  sealed: PassphraseEnvelopeSchema,
});
export type RecoveryFile = z.infer<typeof RecoveryFileSchema>;

const RecoveryPayloadSchema = z.object({
  identitySecretKey: b64uBytes(SECRET_KEY_BYTES),
  displayName: NameSchema,
  createdAt: z.number().int().nonnegative(),
  /** Public records, carried so a restored library keeps refusing devices that were revoked. */
  revocations: z.array(RevocationSchema).default([]),
});

export const MIN_RECOVERY_PASSPHRASE = 8;

export async function exportRecovery(store: IdentityStore, recoveryPassphrase: string, now = Date.now()): Promise<string> {
  if (recoveryPassphrase.length < MIN_RECOVERY_PASSPHRASE) {
    throw new EngramError('invalid_input', `The recovery passphrase needs at least ${MIN_RECOVERY_PASSPHRASE} characters`);
  }
  const { identity } = await store.unlock();
  const payload: z.input<typeof RecoveryPayloadSchema> = {
    identitySecretKey: toB64u(identity.secretKey),
    displayName: identity.displayName,
    createdAt: identity.createdAt,
    revocations: store.revocations(),
  };
  const sealed = await new PassphraseVault(recoveryPassphrase).seal(utf8(JSON.stringify(payload)));
  const file: RecoveryFile = { format: RECOVERY_FORMAT, v: 1, identityPublicKey: identity.publicKey, exportedAt: now, sealed };
  return JSON.stringify(file, null, 2);
}

/**
 * Restores the identity into a library that has none, with a new device key named `deviceName`. A malformed
 * file is 'invalid_input', a wrong passphrase 'unauthorized', an existing identity 'conflict'; in every failing
 * case the library is left unchanged.
 */
export async function importRecovery(
  store: IdentityStore,
  fileText: string,
  recoveryPassphrase: string,
  deviceName: string,
): Promise<IdentityInfo> {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    throw new EngramError('invalid_input', 'The recovery file is not JSON');
  }
  const file = RecoveryFileSchema.safeParse(json);
  if (!file.success) throw new EngramError('invalid_input', 'Not an Engram recovery file', z.treeifyError(file.error));
  if (store.has()) throw new EngramError('conflict', 'This library already has an identity');

  const plain = await new PassphraseVault(recoveryPassphrase).open(file.data.sealed).catch((err: unknown) => {
    if (err instanceof EngramError && err.code === 'unauthorized') {
      throw new EngramError('unauthorized', 'Wrong recovery passphrase; nothing was imported');
    }
    throw err;
  });
  let payloadJson: unknown;
  try {
    payloadJson = JSON.parse(fromUtf8(plain));
  } catch {
    throw new EngramError('invalid_input', 'The recovery file content is damaged');
  }
  const payload = RecoveryPayloadSchema.safeParse(payloadJson);
  if (!payload.success) throw new EngramError('invalid_input', 'The recovery file content is damaged');
  const secretKey = fromB64u(payload.data.identitySecretKey, SECRET_KEY_BYTES);
  if (publicKeyOf(secretKey) !== file.data.identityPublicKey) {
    throw new EngramError('invalid_input', 'The recovery file key does not match the identity it names');
  }
  return store.adopt(
    { publicKey: file.data.identityPublicKey, secretKey, displayName: payload.data.displayName, createdAt: payload.data.createdAt },
    { deviceName },
    payload.data.revocations,
  );
}
