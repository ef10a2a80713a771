import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../../../tests/helpers/temp-library';
import { fromB64u, toB64u } from './keys';
import { PAIRING_MAX_ATTEMPTS, PAIRING_TTL_MS, PairingHost, startJoin } from './pairing';
import { IDENTITY_KEY, IdentityStore } from './store';
import { expectEngramError, testSecretBox } from './test-helpers';
import { PassphraseVault, SecretBoxVault } from './vault';

type Lib = Awaited<ReturnType<typeof openTempLibrary>>;
let a: Lib;
let b: Lib;
let storeA: IdentityStore;
let storeB: IdentityStore;
let host: PairingHost;
let now: number;

/** What a relay does to a message: serialize it and parse it again. */
const wire = <T>(m: T): unknown => JSON.parse(JSON.stringify(m));

/** A valid code that is not `code`. */
function otherCode(code: string): string {
  const c = code[0] === '7' ? '8' : '7';
  return c + code.slice(1);
}

beforeEach(async () => {
  a = await openTempLibrary();
  b = await openTempLibrary();
  now = 1_700_000_000_000;
  storeA = new IdentityStore(a.engine.settings, new PassphraseVault('device A passphrase'), { now: () => now });
  storeB = new IdentityStore(b.engine.settings, new SecretBoxVault(testSecretBox()), { now: () => now });
  await storeA.create('Ada', 'Laptop');
  host = new PairingHost(storeA, { now: () => now });
});
afterEach(async () => {
  await a.cleanup();
  await b.cleanup();
});

describe('pairing a second device', () => {
  it('gives device B the same identity and its own certified device key', async () => {
    const infoA = storeA.info()!;
    const offer = await host.createPairingOffer();
    expect(offer.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(offer.invite.expiresAt).toBe(now + PAIRING_TTL_MS);
    expect(JSON.stringify(offer.invite)).not.toContain(offer.code.replace('-', ''));

    // The user types the code on B, in lower case and without the dash.
    const join = await startJoin(wire(offer.invite), offer.code.toLowerCase().replace('-', ''), 'Phone');
    const response = await host.accept(wire(join.request));
    const unlockedA = await storeA.unlock();
    expect(JSON.stringify(response)).not.toContain(toB64u(unlockedA.identity.secretKey));

    const infoB = await join.complete(storeB, wire(response));
    expect(infoB.identityPublicKey).toBe(infoA.identityPublicKey);
    expect(infoB.displayName).toBe('Ada');
    expect(infoB.device.name).toBe('Phone');
    expect(infoB.device.publicKey).not.toBe(infoA.device.publicKey);
    expect(infoB.device.certificate.identityPublicKey).toBe(infoA.identityPublicKey);
    expect(storeA.verifyDevice(infoB.device.certificate).valid).toBe(true);
    expect(storeB.verifyDevice(infoA.device.certificate).valid).toBe(true);
    const unlockedB = await storeB.unlock();
    expect(unlockedB.identity.secretKey).toEqual(unlockedA.identity.secretKey);
    expect(host.pending).toBe(0);
    await expectEngramError(join.complete(storeB, wire(response)), 'conflict');
  });

  it('fails with a wrong code without releasing anything, and drops the offer after repeated failures', async () => {
    const offer = await host.createPairingOffer();
    const wrong = await startJoin(offer.invite, otherCode(offer.code), 'Phone');
    await expectEngramError(host.accept(wrong.request), 'unauthorized', /Wrong pairing code/);
    expect(storeB.has()).toBe(false);

    // One mistake does not burn the offer: the right code still works.
    const right = await startJoin(offer.invite, offer.code, 'Phone');
    await right.complete(storeB, await host.accept(right.request));
    expect(storeB.info()!.identityPublicKey).toBe(storeA.info()!.identityPublicKey);

    const offer2 = await host.createPairingOffer();
    const attempt = await startJoin(offer2.invite, otherCode(offer2.code), 'Tablet');
    for (let i = 0; i < PAIRING_MAX_ATTEMPTS; i++) await expectEngramError(host.accept(attempt.request), 'unauthorized', /Wrong/);
    const late = await startJoin(offer2.invite, offer2.code, 'Tablet');
    await expectEngramError(host.accept(late.request), 'unauthorized', /already used/);
  });

  it('refuses a code that was already used', async () => {
    const offer = await host.createPairingOffer();
    const first = await startJoin(offer.invite, offer.code, 'Phone');
    await first.complete(storeB, await host.accept(first.request));
    const second = await startJoin(offer.invite, offer.code, 'Intruder');
    await expectEngramError(host.accept(second.request), 'unauthorized', /already used/);
    // Replaying the very same request does not work either.
    await expectEngramError(host.accept(first.request), 'unauthorized', /already used/);
  });

  it('refuses an expired code', async () => {
    const offer = await host.createPairingOffer();
    const join = await startJoin(offer.invite, offer.code, 'Phone');
    now += PAIRING_TTL_MS;
    await expectEngramError(host.accept(join.request), 'unauthorized', /expired/);
    expect(storeB.has()).toBe(false);
    expect(host.pending).toBe(0);
  });

  it('accepts a code just before it expires', async () => {
    const offer = await host.createPairingOffer();
    const join = await startJoin(offer.invite, offer.code, 'Phone');
    now += PAIRING_TTL_MS - 1;
    await join.complete(storeB, await host.accept(join.request));
    expect(storeB.has()).toBe(true);
  });

  it('rejects a tampered response and leaves device B untouched', async () => {
    const offer = await host.createPairingOffer();
    const join = await startJoin(offer.invite, offer.code, 'Phone');
    const response = await host.accept(join.request);
    const ct = fromB64u(response.ciphertext);
    ct[5] = ct[5]! ^ 1;
    await expectEngramError(join.complete(storeB, { ...response, ciphertext: toB64u(ct) }), 'unauthorized');
    await expectEngramError(join.complete(storeB, { ...response, type: 'nope' }), 'invalid_input');
    expect(b.engine.settings.get(IDENTITY_KEY)).toBeUndefined();
  });

  it('needs an identity on the offering device', async () => {
    await expectEngramError(new PairingHost(storeB).createPairingOffer(), 'not_found');
  });
});
