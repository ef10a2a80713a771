import { describe, expect, it } from 'vitest';
import { certifyDevice, generateIdentity, revokeDevice, verifyDevice, verifyRevocation } from './identity';
import { fromB64u, generateSigningKey, publicKeyOf, toB64u } from './keys';

const T0 = 1_700_000_000_000;

function setup() {
  const identity = generateIdentity('Ada', T0);
  const device = generateSigningKey();
  const cert = certifyDevice(identity.secretKey, { devicePublicKey: device.publicKey, deviceName: 'Laptop', issuedAt: T0 });
  return { identity, device, cert };
}

describe('identity and device certificates', () => {
  it('creates an identity whose public key matches its secret', () => {
    const { identity } = setup();
    expect(identity.displayName).toBe('Ada');
    expect(fromB64u(identity.publicKey)).toHaveLength(32);
    expect(publicKeyOf(identity.secretKey)).toBe(identity.publicKey);
    expect(() => generateIdentity('   ', T0)).toThrow(/display name/);
  });

  it('certifies a device with the identity key', () => {
    const { identity, device, cert } = setup();
    expect(cert).toMatchObject({ v: 1, devicePublicKey: device.publicKey, identityPublicKey: identity.publicKey, deviceName: 'Laptop', issuedAt: T0 });
    expect(verifyDevice(cert, [])).toEqual({ valid: true, certificate: cert });
    expect(verifyDevice(cert, [], { identityPublicKey: identity.publicKey }).valid).toBe(true);
    expect(verifyDevice(JSON.parse(JSON.stringify(cert)), []).valid).toBe(true);
  });

  it('rejects tampered certificates', () => {
    const { cert } = setup();
    const other = generateSigningKey();
    expect(verifyDevice({ ...cert, deviceName: 'Evil' })).toEqual({ valid: false, reason: 'bad_signature' });
    expect(verifyDevice({ ...cert, devicePublicKey: other.publicKey })).toEqual({ valid: false, reason: 'bad_signature' });
    expect(verifyDevice({ ...cert, issuedAt: cert.issuedAt + 1 })).toEqual({ valid: false, reason: 'bad_signature' });
    expect(verifyDevice({ ...cert, identityPublicKey: other.publicKey })).toEqual({ valid: false, reason: 'bad_signature' });
    const sig = fromB64u(cert.signature);
    sig[0] = sig[0]! ^ 1;
    expect(verifyDevice({ ...cert, signature: toB64u(sig) })).toEqual({ valid: false, reason: 'bad_signature' });
    expect(verifyDevice({ ...cert, signature: 'not base64!' })).toEqual({ valid: false, reason: 'malformed' });
    expect(verifyDevice(null)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('rejects a certificate from another identity when one is expected', () => {
    const { cert } = setup();
    const stranger = generateIdentity('Eve', T0);
    expect(verifyDevice(cert, [], { identityPublicKey: stranger.publicKey })).toEqual({ valid: false, reason: 'wrong_identity' });
  });

  it('rejects revoked devices, and only honours revocations signed by the identity', () => {
    const { identity, device, cert } = setup();
    const phone = generateSigningKey();
    const phoneCert = certifyDevice(identity.secretKey, { devicePublicKey: phone.publicKey, deviceName: 'Phone', issuedAt: T0 });
    const revocation = revokeDevice(identity.secretKey, device.publicKey, T0 + 1);
    expect(verifyRevocation(revocation)).toBe(true);
    expect(verifyDevice(cert, [revocation])).toEqual({ valid: false, reason: 'revoked' });
    expect(verifyDevice(phoneCert, [revocation]).valid).toBe(true);

    const stranger = generateIdentity('Eve', T0);
    const forged = revokeDevice(stranger.secretKey, phone.publicKey, T0 + 1);
    expect(verifyDevice(phoneCert, [forged]).valid).toBe(true);
    const relabelled = { ...forged, identityPublicKey: identity.publicKey };
    expect(verifyRevocation(relabelled)).toBe(false);
    expect(verifyDevice(phoneCert, [relabelled, 'junk', {}]).valid).toBe(true);
  });
});
