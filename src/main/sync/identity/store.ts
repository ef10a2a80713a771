/**
 * The local identity, kept in the library's settings table. Only public material is stored in clear; the
 * identity and device secret keys are stored as KeyVault envelopes. Identity and device live in one row, so
 * they are written together or not at all.
 */
import { z } from 'zod';
import type { Settings } from '../../db/settings';
import { EngramError } from '../../../shared/errors';
import {
  certifyDevice,
  DeviceCertificateSchema,
  generateIdentity,
  parseName,
  revokeDevice,
  verifyDevice,
  verifyRevocation,
  RevocationSchema,
  type DeviceCertificate,
  type DeviceVerdict,
  type IdentityKey,
  type Revocation,
} from './identity';
import { generateSigningKey, PublicKeySchema, publicKeyOf, SECRET_KEY_BYTES } from './keys';
import { VaultEnvelopeSchema, type KeyVault } from './vault';

export const IDENTITY_KEY = 'sync.identity';
export const REVOCATIONS_KEY = 'sync.revocations';

const StoredIdentitySchema = z.object({
  v: z.literal(1),
  identity: z.object({
    publicKey: PublicKeySchema,
    displayName: z.string(),
    createdAt: z.number(),
    secret: VaultEnvelopeSchema,
  }),
  device: z.object({
    publicKey: PublicKeySchema,
    name: z.string(),
    certificate: DeviceCertificateSchema,
    secret: VaultEnvelopeSchema,
  }),
});
type StoredIdentity = z.infer<typeof StoredIdentitySchema>;

/** What can be read without unlocking. */
export interface IdentityInfo {
  identityPublicKey: string;
  displayName: string;
  createdAt: number;
  device: { publicKey: string; name: string; certificate: DeviceCertificate };
}

export interface UnlockedIdentity {
  identity: IdentityKey;
  device: { publicKey: string; secretKey: Uint8Array; name: string; certificate: DeviceCertificate };
}

/** A device key to adopt as is (pairing: generated on this device, certified by the other one). */
export interface ExistingDevice {
  secretKey: Uint8Array;
  certificate: DeviceCertificate;
}

export interface IdentityStoreOptions {
  now?: () => number;
}

export class IdentityStore {
  private readonly now: () => number;

  constructor(
    private readonly settings: Settings,
    private vault: KeyVault,
    opts: IdentityStoreOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  has(): boolean {
    return this.settings.get(IDENTITY_KEY) !== undefined;
  }

  info(): IdentityInfo | undefined {
    const stored = this.read();
    return stored && toInfo(stored);
  }

  /** Creates a new identity with a first device key certified by it. */
  async create(displayName: string, deviceName: string): Promise<IdentityInfo> {
    this.refuseIfPresent();
    return this.adopt(generateIdentity(displayName, this.now()), { deviceName });
  }

  /**
   * Stores an identity obtained elsewhere (recovery file, pairing) with either a fresh device key certified
   * here, or a device key and certificate brought along. Refuses when this library already has an identity.
   */
  async adopt(identity: IdentityKey, device: { deviceName: string } | ExistingDevice, revocations: readonly unknown[] = []): Promise<IdentityInfo> {
    this.refuseIfPresent();
    if (identity.secretKey.length !== SECRET_KEY_BYTES || publicKeyOf(identity.secretKey) !== identity.publicKey) {
      throw new EngramError('invalid_input', 'The identity secret key does not match its public key');
    }
    let deviceSecret: Uint8Array;
    let certificate: DeviceCertificate;
    if ('certificate' in device) {
      const verdict = verifyDevice(device.certificate, [], { identityPublicKey: identity.publicKey });
      if (!verdict.valid || publicKeyOf(device.secretKey) !== verdict.certificate.devicePublicKey) {
        throw new EngramError('invalid_input', 'The device certificate does not match the identity or the device key');
      }
      deviceSecret = device.secretKey;
      certificate = verdict.certificate;
    } else {
      const key = generateSigningKey();
      deviceSecret = key.secretKey;
      certificate = certifyDevice(identity.secretKey, {
        devicePublicKey: key.publicKey,
        deviceName: parseName(device.deviceName, 'The device name'),
        issuedAt: this.now(),
      });
    }
    const stored: StoredIdentity = {
      v: 1,
      identity: {
        publicKey: identity.publicKey,
        displayName: identity.displayName,
        createdAt: identity.createdAt,
        secret: await this.vault.seal(identity.secretKey),
      },
      device: {
        publicKey: certificate.devicePublicKey,
        name: certificate.deviceName,
        certificate,
        secret: await this.vault.seal(deviceSecret),
      },
    };
    // Checked again after the awaits, so two concurrent adopts cannot overwrite each other.
    this.refuseIfPresent();
    this.settings.set(IDENTITY_KEY, stored);
    this.addRevocations(revocations);
    return toInfo(stored);
  }

  /** Decrypts both secret keys; throws 'unauthorized' on a wrong passphrase or keychain. */
  async unlock(): Promise<UnlockedIdentity> {
    const stored = this.require();
    const identitySecret = await this.vault.open(stored.identity.secret);
    const deviceSecret = await this.vault.open(stored.device.secret);
    if (publicKeyOf(identitySecret) !== stored.identity.publicKey || publicKeyOf(deviceSecret) !== stored.device.publicKey) {
      throw new EngramError('corrupt_library', 'The stored identity keys do not match their public keys');
    }
    return {
      identity: {
        publicKey: stored.identity.publicKey,
        secretKey: identitySecret,
        displayName: stored.identity.displayName,
        createdAt: stored.identity.createdAt,
      },
      device: { publicKey: stored.device.publicKey, secretKey: deviceSecret, name: stored.device.name, certificate: stored.device.certificate },
    };
  }

  /** Re-seals the secrets under another vault (new passphrase, or moving to the OS keychain). */
  async changeVault(next: KeyVault): Promise<void> {
    const stored = this.require();
    const unlocked = await this.unlock();
    const updated: StoredIdentity = {
      ...stored,
      identity: { ...stored.identity, secret: await next.seal(unlocked.identity.secretKey) },
      device: { ...stored.device, secret: await next.seal(unlocked.device.secretKey) },
    };
    this.settings.set(IDENTITY_KEY, updated);
    this.vault = next;
  }

  async certifyDevice(devicePublicKey: string, deviceName: string): Promise<DeviceCertificate> {
    const { identity } = await this.unlock();
    return certifyDevice(identity.secretKey, { devicePublicKey, deviceName, issuedAt: this.now() });
  }

  async revokeDevice(devicePublicKey: string): Promise<Revocation> {
    const stored = this.require();
    if (devicePublicKey === stored.device.publicKey) {
      throw new EngramError('invalid_input', 'This device cannot revoke itself; revoke it from another device');
    }
    const { identity } = await this.unlock();
    const revocation = revokeDevice(identity.secretKey, devicePublicKey, this.now());
    this.addRevocations([revocation]);
    return revocation;
  }

  revocations(): Revocation[] {
    const parsed = z.array(RevocationSchema).safeParse(this.settings.get(REVOCATIONS_KEY) ?? []);
    return parsed.success ? parsed.data : [];
  }

  /** Keeps the valid revocations signed by this identity that are not known yet; returns how many were added. */
  addRevocations(list: readonly unknown[]): number {
    const stored = this.require();
    const known = this.revocations();
    const seen = new Set(known.map((r) => r.devicePublicKey));
    const fresh: Revocation[] = [];
    for (const r of list) {
      if (verifyRevocation(r) && r.identityPublicKey === stored.identity.publicKey && !seen.has(r.devicePublicKey)) {
        seen.add(r.devicePublicKey);
        fresh.push(r);
      }
    }
    if (fresh.length > 0) this.settings.set(REVOCATIONS_KEY, [...known, ...fresh]);
    return fresh.length;
  }

  /** A device of this identity that is not revoked. */
  verifyDevice(certificate: unknown): DeviceVerdict {
    return verifyDevice(certificate, this.revocations(), { identityPublicKey: this.require().identity.publicKey });
  }

  private read(): StoredIdentity | undefined {
    const raw = this.settings.get<unknown>(IDENTITY_KEY);
    if (raw === undefined) return undefined;
    const parsed = StoredIdentitySchema.safeParse(raw);
    if (!parsed.success) throw new EngramError('corrupt_library', 'The stored identity is unreadable');
    return parsed.data;
  }

  private require(): StoredIdentity {
    const stored = this.read();
    if (!stored) throw new EngramError('not_found', 'This library has no identity yet');
    return stored;
  }

  private refuseIfPresent(): void {
    if (this.has()) throw new EngramError('conflict', 'This library already has an identity');
  }
}

function toInfo(s: StoredIdentity): IdentityInfo {
  return {
    identityPublicKey: s.identity.publicKey,
    displayName: s.identity.displayName,
    createdAt: s.identity.createdAt,
    device: { publicKey: s.device.publicKey, name: s.device.name, certificate: s.device.certificate },
  };
}
