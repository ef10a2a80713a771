/**
 * Identities, device certificates and revocations as pure functions over keys; storage lives in store.ts.
 * An identity is an Ed25519 key with a display name. Each device has its own Ed25519 key, certified by the
 * identity: the certificate binds the device key, the identity key, the device name and the issue time.
 * A revocation is a record signed by the identity; `verifyDevice` rejects a certificate it names.
 */
import { z } from 'zod';
import { EngramError } from '../../../shared/errors';
import { generateSigningKey, PublicKeySchema, publicKeyOf, sign, SignatureSchema, signedBytes, verifySignature } from './keys';

const CERT_DOMAIN = 'engram-device-certificate-v1';
const REVOCATION_DOMAIN = 'engram-device-revocation-v1';

export const NameSchema = z.string().trim().min(1).max(100);

export const DeviceCertificateSchema = z.object({
  v: z.literal(1),
  devicePublicKey: PublicKeySchema,
  identityPublicKey: PublicKeySchema,
  deviceName: NameSchema,
  issuedAt: z.number().int().nonnegative(),
  signature: SignatureSchema,
});
export type DeviceCertificate = z.infer<typeof DeviceCertificateSchema>;

export const RevocationSchema = z.object({
  v: z.literal(1),
  identityPublicKey: PublicKeySchema,
  devicePublicKey: PublicKeySchema,
  revokedAt: z.number().int().nonnegative(),
  signature: SignatureSchema,
});
export type Revocation = z.infer<typeof RevocationSchema>;

export interface IdentityKey {
  publicKey: string;
  secretKey: Uint8Array;
  displayName: string;
  createdAt: number;
}

export function parseName(name: string, what: string): string {
  const parsed = NameSchema.safeParse(name);
  if (!parsed.success) throw new EngramError('invalid_input', `${what} must be 1 to 100 characters`);
  return parsed.data;
}

export function generateIdentity(displayName: string, now: number): IdentityKey {
  const { publicKey, secretKey } = generateSigningKey();
  return { publicKey, secretKey, displayName: parseName(displayName, 'The display name'), createdAt: now };
}

const certBytes = (c: Omit<DeviceCertificate, 'signature' | 'v'>) =>
  signedBytes(CERT_DOMAIN, [c.devicePublicKey, c.identityPublicKey, c.deviceName, c.issuedAt]);

const revocationBytes = (r: Omit<Revocation, 'signature' | 'v'>) =>
  signedBytes(REVOCATION_DOMAIN, [r.identityPublicKey, r.devicePublicKey, r.revokedAt]);

export function certifyDevice(
  identitySecretKey: Uint8Array,
  device: { devicePublicKey: string; deviceName: string; issuedAt: number },
): DeviceCertificate {
  const body = {
    devicePublicKey: PublicKeySchema.parse(device.devicePublicKey),
    identityPublicKey: publicKeyOf(identitySecretKey),
    deviceName: parseName(device.deviceName, 'The device name'),
    issuedAt: device.issuedAt,
  };
  return { v: 1, ...body, signature: sign(certBytes(body), identitySecretKey) };
}

export function revokeDevice(identitySecretKey: Uint8Array, devicePublicKey: string, revokedAt: number): Revocation {
  const body = {
    identityPublicKey: publicKeyOf(identitySecretKey),
    devicePublicKey: PublicKeySchema.parse(devicePublicKey),
    revokedAt,
  };
  return { v: 1, ...body, signature: sign(revocationBytes(body), identitySecretKey) };
}

/** A revocation counts only when the identity it names signed it. */
export function verifyRevocation(revocation: unknown): revocation is Revocation {
  const parsed = RevocationSchema.safeParse(revocation);
  return parsed.success && verifySignature(parsed.data.signature, revocationBytes(parsed.data), parsed.data.identityPublicKey);
}

export type DeviceVerdict =
  | { valid: true; certificate: DeviceCertificate }
  | { valid: false; reason: 'malformed' | 'bad_signature' | 'wrong_identity' | 'revoked' };

/**
 * Checks a certificate's shape and identity signature, optionally that it belongs to `identityPublicKey`, and
 * that no valid revocation by the same identity names the device. Revocations signed by anyone else are ignored.
 */
export function verifyDevice(
  certificate: unknown,
  revocations: readonly unknown[] = [],
  opts: { identityPublicKey?: string } = {},
): DeviceVerdict {
  const parsed = DeviceCertificateSchema.safeParse(certificate);
  if (!parsed.success) return { valid: false, reason: 'malformed' };
  const cert = parsed.data;
  if (!verifySignature(cert.signature, certBytes(cert), cert.identityPublicKey)) return { valid: false, reason: 'bad_signature' };
  if (opts.identityPublicKey !== undefined && opts.identityPublicKey !== cert.identityPublicKey) {
    return { valid: false, reason: 'wrong_identity' };
  }
  const revoked = revocations.some(
    (r) =>
      verifyRevocation(r) && r.identityPublicKey === cert.identityPublicKey && r.devicePublicKey === cert.devicePublicKey,
  );
  return revoked ? { valid: false, reason: 'revoked' } : { valid: true, certificate: cert };
}
