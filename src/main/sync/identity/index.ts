/** Identities for sync: an Ed25519 identity per user, certified device keys, vaults, recovery and pairing. */
export { fromB64u, generateSigningKey, publicKeyOf, sign, toB64u, verifySignature, SCRYPT_DEFAULTS } from './keys';
export type { SigningKeyPair, ScryptParams } from './keys';
export {
  certifyDevice,
  generateIdentity,
  revokeDevice,
  verifyDevice,
  verifyRevocation,
  DeviceCertificateSchema,
  RevocationSchema,
} from './identity';
export type { DeviceCertificate, DeviceVerdict, IdentityKey, Revocation } from './identity';
export { PassphraseVault, SecretBoxVault, safeStorageSecretBox, VaultEnvelopeSchema } from './vault';
export type { KeyVault, SecretBox, SafeStorageLike, VaultEnvelope } from './vault';
export { IdentityStore, IDENTITY_KEY, REVOCATIONS_KEY } from './store';
export type { ExistingDevice, IdentityInfo, UnlockedIdentity } from './store';
export { exportRecovery, importRecovery, RecoveryFileSchema } from './recovery';
export type { RecoveryFile } from './recovery';
export {
  PairingHost,
  startJoin,
  generatePairingCode,
  normalizePairingCode,
  PAIRING_TTL_MS,
  PAIRING_MAX_ATTEMPTS,
} from './pairing';
export type { PairingInvite, PairingOffer, PairingRequest, PairingResponse, PendingJoin } from './pairing';
