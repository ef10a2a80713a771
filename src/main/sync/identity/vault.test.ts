import { describe, expect, it } from 'vitest';
import { fromB64u, randomBytes, toB64u } from './keys';
import { normalizePairingCode, generatePairingCode } from './pairing';
import { expectEngramError, testSecretBox } from './test-helpers';
import { PassphraseVault, safeStorageSecretBox, SecretBoxVault } from './vault';

const secret = randomBytes(32);

const expectUnauthorized = (p: Promise<unknown>, message: RegExp) => expectEngramError(p, 'unauthorized', message);

describe('PassphraseVault', () => {
  it('round-trips through a versioned scrypt + XChaCha20-Poly1305 envelope', async () => {
    const vault = new PassphraseVault('correct horse battery staple');
    const env = await vault.seal(secret);
    expect(env).toMatchObject({ v: 1, kind: 'passphrase', kdf: 'scrypt', params: { N: 32768, r: 8, p: 1 } });
    expect(fromB64u(env.nonce)).toHaveLength(24);
    expect(JSON.stringify(env)).not.toContain(toB64u(secret));
    expect(await vault.open(JSON.parse(JSON.stringify(env)))).toEqual(secret);
    const again = await vault.seal(secret);
    expect(again.nonce).not.toBe(env.nonce);
    expect(again.salt).not.toBe(env.salt);
  });

  it('refuses a wrong passphrase or a tampered envelope with a clear error', async () => {
    const env = await new PassphraseVault('right passphrase').seal(secret);
    await expectUnauthorized(new PassphraseVault('wrong passphrase').open(env), /Wrong passphrase/);
    const flipped = fromB64u(env.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    await expectUnauthorized(new PassphraseVault('right passphrase').open({ ...env, ciphertext: toB64u(flipped) }), /Wrong passphrase/);
    await expectUnauthorized(new PassphraseVault('right passphrase').open({ ...env, params: { N: 2 ** 14, r: 8, p: 1 } }), /Wrong passphrase/);
    await expect(new PassphraseVault('right passphrase').open({ ...env, params: { N: 2 ** 30, r: 8, p: 1 } })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(new PassphraseVault('x').open({ nope: true })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(() => new PassphraseVault('')).toThrow(/must not be empty/);
  });
});

describe('SecretBoxVault', () => {
  it('round-trips through an injected SecretBox and refuses another key', async () => {
    const vault = new SecretBoxVault(testSecretBox());
    const env = await vault.seal(secret);
    expect(env).toMatchObject({ v: 1, kind: 'secretbox' });
    expect(await vault.open(env)).toEqual(secret);
    await expectUnauthorized(new SecretBoxVault(testSecretBox(new Uint8Array(32).fill(8))).open(env), /keychain/);
    await expect(vault.open(await new PassphraseVault('p').seal(secret))).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('adapts a safeStorage-like object and refuses when no encryption is available', async () => {
    let available = true;
    const box = testSecretBox();
    const fake = {
      isEncryptionAvailable: () => available,
      encryptString: (s: string) => Buffer.from(box.encrypt(new TextEncoder().encode(s)) as Uint8Array),
      decryptString: (b: Buffer) => new TextDecoder().decode(box.decrypt(new Uint8Array(b)) as Uint8Array),
    };
    const vault = new SecretBoxVault(safeStorageSecretBox(fake));
    const env = await vault.seal(secret);
    expect(await vault.open(env)).toEqual(secret);
    available = false;
    await expect(vault.seal(secret)).rejects.toMatchObject({ code: 'provider_unavailable' });
  });
});

describe('pairing codes', () => {
  it('are 8 Crockford base32 characters grouped 4-4 and tolerate typing slips', () => {
    for (let i = 0; i < 50; i++) expect(generatePairingCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizePairingCode(' 7kq2 m9xd ')).toBe('7KQ2M9XD');
    expect(normalizePairingCode('O1LI-abcd')).toBe('0111ABCD');
    expect(() => normalizePairingCode('7KQ2-M9XU')).toThrow(/8 characters/);
    expect(() => normalizePairingCode('7KQ2-M9X')).toThrow(/8 characters/);
  });
});
