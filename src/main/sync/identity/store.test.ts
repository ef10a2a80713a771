import { beforeEach, describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../../../tests/helpers/temp-library';
import type { Engine } from '../../engine/engine';
import { libraryFiles } from '../../engine/library-paths';
import { certifyDevice } from './identity';
import { generateSigningKey } from './keys';
import { IDENTITY_KEY, IdentityStore, REVOCATIONS_KEY } from './store';
import { dbBytes, expectEngramError, secretForms, testSecretBox } from './test-helpers';
import { PassphraseVault, SecretBoxVault } from './vault';

let engine: Engine;
let dir: string;
useTempLibrary((e, d) => {
  engine = e;
  dir = d;
});

const PASS = 'library passphrase';
let store: IdentityStore;
let now = 1_700_000_000_000;
beforeEach(() => {
  store = new IdentityStore(engine.settings, new PassphraseVault(PASS), { now: () => now });
});

describe('IdentityStore', () => {
  it('creates an identity with a certified device and unlocks it', async () => {
    expect(store.has()).toBe(false);
    expect(store.info()).toBeUndefined();
    const info = await store.create('Ada', 'Laptop');
    expect(info).toMatchObject({ displayName: 'Ada', createdAt: now, device: { name: 'Laptop' } });
    expect(store.verifyDevice(info.device.certificate)).toMatchObject({ valid: true });

    const again = new IdentityStore(engine.settings, new PassphraseVault(PASS));
    expect(again.info()).toEqual(info);
    const unlocked = await again.unlock();
    expect(unlocked.identity.publicKey).toBe(info.identityPublicKey);
    expect(unlocked.device.publicKey).toBe(info.device.publicKey);
    expect(unlocked.identity.secretKey).toHaveLength(32);

    await expectEngramError(store.create('Ada', 'Laptop'), 'conflict');
  });

  it('never writes a secret key in clear to the library file', async () => {
    const info = await store.create('Ada', 'Laptop');
    const { identity, device } = await store.unlock();
    const bytes = dbBytes(libraryFiles(dir).db);
    // Sanity: the public parts are in the file, so the search looks at the right bytes.
    expect(bytes.includes(info.identityPublicKey)).toBe(true);
    expect(bytes.includes(info.device.publicKey)).toBe(true);
    for (const form of [...secretForms(identity.secretKey), ...secretForms(device.secretKey)]) {
      expect(bytes.includes(form)).toBe(false);
    }
    expect(bytes.includes(Buffer.from(identity.secretKey))).toBe(false);
    const row = JSON.stringify(engine.settings.get(IDENTITY_KEY));
    for (const form of secretForms(identity.secretKey)) expect(row).not.toContain(form);
  });

  it('refuses a wrong passphrase with a clear error and changes nothing', async () => {
    await store.create('Ada', 'Laptop');
    const before = JSON.stringify(engine.settings.get(IDENTITY_KEY));
    const wrong = new IdentityStore(engine.settings, new PassphraseVault('not the passphrase'));
    await expectEngramError(wrong.unlock(), 'unauthorized', /Wrong passphrase/);
    await expectEngramError(wrong.revokeDevice(generateSigningKey().publicKey), 'unauthorized');
    await expectEngramError(wrong.changeVault(new PassphraseVault('new one')), 'unauthorized');
    expect(JSON.stringify(engine.settings.get(IDENTITY_KEY))).toBe(before);
    expect(engine.settings.get(REVOCATIONS_KEY)).toBeUndefined();
    expect((await store.unlock()).identity.displayName).toBe('Ada');
  });

  it('revokes another device and keeps only valid revocations of its own identity', async () => {
    const info = await store.create('Ada', 'Laptop');
    const phone = generateSigningKey();
    now += 1000;
    const phoneCert = await store.certifyDevice(phone.publicKey, 'Phone');
    expect(phoneCert.issuedAt).toBe(now);
    expect(store.verifyDevice(phoneCert).valid).toBe(true);

    const revocation = await store.revokeDevice(phone.publicKey);
    expect(store.verifyDevice(phoneCert)).toEqual({ valid: false, reason: 'revoked' });
    expect(new IdentityStore(engine.settings, new PassphraseVault(PASS)).revocations()).toEqual([revocation]);
    expect(store.verifyDevice(info.device.certificate).valid).toBe(true);
    await expectEngramError(store.revokeDevice(info.device.publicKey), 'invalid_input', /cannot revoke itself/);

    // A certificate from a stranger's identity is not one of ours.
    const stranger = generateSigningKey();
    const foreign = certifyDevice(stranger.secretKey, { devicePublicKey: phone.publicKey, deviceName: 'Phone', issuedAt: now });
    expect(store.verifyDevice(foreign)).toEqual({ valid: false, reason: 'wrong_identity' });
    expect(store.addRevocations([revocation, { ...revocation, devicePublicKey: stranger.publicKey }, 'junk'])).toBe(0);
  });

  it('works with a SecretBox vault and can move between vaults', async () => {
    const boxed = new IdentityStore(engine.settings, new SecretBoxVault(testSecretBox()));
    const info = await boxed.create('Ada', 'Desktop');
    expect((engine.settings.get<{ identity: { secret: { kind: string } } }>(IDENTITY_KEY))!.identity.secret.kind).toBe('secretbox');
    expect((await boxed.unlock()).identity.publicKey).toBe(info.identityPublicKey);

    await boxed.changeVault(new PassphraseVault('moved'));
    const moved = new IdentityStore(engine.settings, new PassphraseVault('moved'));
    expect((await moved.unlock()).identity.publicKey).toBe(info.identityPublicKey);
    await expectEngramError(new IdentityStore(engine.settings, new SecretBoxVault(testSecretBox())).unlock(), 'invalid_input');
  });
});
