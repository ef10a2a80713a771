import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../../../tests/helpers/temp-library';
import { generateSigningKey } from './keys';
import { exportRecovery, importRecovery } from './recovery';
import { IDENTITY_KEY, IdentityStore } from './store';
import { expectEngramError, secretForms } from './test-helpers';
import { PassphraseVault } from './vault';

type Lib = Awaited<ReturnType<typeof openTempLibrary>>;
let a: Lib;
let b: Lib;
let storeA: IdentityStore;
let storeB: IdentityStore;
beforeEach(async () => {
  a = await openTempLibrary();
  b = await openTempLibrary();
  storeA = new IdentityStore(a.engine.settings, new PassphraseVault('device A passphrase'));
  storeB = new IdentityStore(b.engine.settings, new PassphraseVault('device B passphrase'));
});
afterEach(async () => {
  await a.cleanup();
  await b.cleanup();
});

const RECOVERY = 'a long recovery passphrase';

describe('recovery file', () => {
  it('restores the same identity on a fresh library, with a new device key', async () => {
    const infoA = await storeA.create('Ada', 'Laptop');
    const lost = generateSigningKey();
    await storeA.certifyDevice(lost.publicKey, 'Old phone');
    const revocation = await storeA.revokeDevice(lost.publicKey);
    const unlockedA = await storeA.unlock();

    const file = await exportRecovery(storeA, RECOVERY);
    const parsed = JSON.parse(file) as Record<string, unknown>;
    expect(parsed).toMatchObject({ format: 'engram-identity-recovery', v: 1, identityPublicKey: infoA.identityPublicKey });
    for (const form of [...secretForms(unlockedA.identity.secretKey), ...secretForms(unlockedA.device.secretKey)]) {
      expect(file).not.toContain(form);
    }
    expect(file).not.toContain(infoA.device.publicKey);

    const infoB = await importRecovery(storeB, file, RECOVERY, 'New laptop');
    expect(infoB.identityPublicKey).toBe(infoA.identityPublicKey);
    expect(infoB.displayName).toBe('Ada');
    expect(infoB.createdAt).toBe(infoA.createdAt);
    expect(infoB.device.publicKey).not.toBe(infoA.device.publicKey);
    expect(infoB.device.name).toBe('New laptop');
    expect(storeA.verifyDevice(infoB.device.certificate).valid).toBe(true);
    expect(storeB.verifyDevice(infoA.device.certificate).valid).toBe(true);
    expect(storeB.revocations()).toEqual([revocation]);
    expect((await storeB.unlock()).identity.secretKey).toEqual(unlockedA.identity.secretKey);
  });

  it('refuses a wrong passphrase, a damaged file or an occupied library without changing anything', async () => {
    await storeA.create('Ada', 'Laptop');
    const file = await exportRecovery(storeA, RECOVERY);

    await expectEngramError(importRecovery(storeB, file, 'wrong passphrase!', 'X'), 'unauthorized', /Wrong recovery passphrase/);
    expect(storeB.has()).toBe(false);
    expect(b.engine.settings.get(IDENTITY_KEY)).toBeUndefined();

    await expectEngramError(importRecovery(storeB, 'not json', RECOVERY, 'X'), 'invalid_input', /not JSON/);
    await expectEngramError(importRecovery(storeB, JSON.stringify({ format: 'other' }), RECOVERY, 'X'), 'invalid_input');
    const swapped = { ...JSON.parse(file), identityPublicKey: generateSigningKey().publicKey };
    await expectEngramError(importRecovery(storeB, JSON.stringify(swapped), RECOVERY, 'X'), 'invalid_input', /does not match/);
    expect(storeB.has()).toBe(false);

    const before = JSON.stringify(a.engine.settings.get(IDENTITY_KEY));
    await expectEngramError(importRecovery(storeA, file, RECOVERY, 'Again'), 'conflict');
    expect(JSON.stringify(a.engine.settings.get(IDENTITY_KEY))).toBe(before);

    await expectEngramError(exportRecovery(storeA, 'short'), 'invalid_input');
  });
});
