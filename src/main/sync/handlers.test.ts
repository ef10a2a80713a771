/** The identity handlers on real libraries: create, nothing secret returned, recovery onto a second library. */
import { afterEach, expect, it } from 'vitest';
import { openTempLibrary } from '../../../tests/helpers/temp-library';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';

const libs: Awaited<ReturnType<typeof openTempLibrary>>[] = [];
afterEach(async () => {
  for (const lib of libs.splice(0)) await lib.cleanup();
});

it('creates an identity, exports a recovery file and restores the same identity elsewhere', async () => {
  const a = await openTempLibrary();
  const b = await openTempLibrary();
  libs.push(a, b);
  const call = (lib: typeof a, name: string, input: unknown = {}) => invoke(registry, lib.engine, name, input);
  expect(await call(a, 'identity.get')).toBeNull();
  await expect(call(a, 'identity.create', { displayName: 'Ana', deviceName: 'Laptop', passphrase: 'short' })).rejects.toThrow(/8 characters/);
  const made = (await call(a, 'identity.create', { displayName: 'Ana', deviceName: 'Laptop', passphrase: 'correct horse battery' })) as { identityPublicKey: string };
  expect(JSON.stringify(await call(a, 'identity.get'))).not.toMatch(/secret/i);

  await expect(call(a, 'identity.exportRecovery', { passphrase: 'wrong passphrase', recoveryPassphrase: 'recovery words here' })).rejects.toThrow(/Wrong passphrase/);
  const { file } = (await call(a, 'identity.exportRecovery', { passphrase: 'correct horse battery', recoveryPassphrase: 'recovery words here' })) as { file: string };
  await expect(call(b, 'identity.importRecovery', { file, recoveryPassphrase: 'not the words', passphrase: 'phone passphrase', deviceName: 'Phone' })).rejects.toThrow(/Wrong recovery passphrase/);
  expect(await call(b, 'identity.get')).toBeNull();
  const restored = (await call(b, 'identity.importRecovery', { file, recoveryPassphrase: 'recovery words here', passphrase: 'phone passphrase', deviceName: 'Phone' })) as {
    identityPublicKey: string;
    device: { name: string; publicKey: string };
  };
  expect(restored.identityPublicKey).toBe(made.identityPublicKey);
  expect(restored.device.name).toBe('Phone');
});
