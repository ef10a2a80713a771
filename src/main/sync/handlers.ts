/**
 * The identity as clients reach it. Over HTTP and IPC the identity's secrets are sealed with a passphrase the
 * caller gives (web mode has no keychain); the desktop can move them into the OS keychain later with
 * `IdentityStore.changeVault(safeStorage…)`. Nothing secret is ever returned.
 */
import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import type { Engine } from '../engine/engine';
import { EngramError } from '../../shared/errors';
import { exportRecovery, IdentityStore, importRecovery, PassphraseVault, type KeyVault } from './identity';

const Passphrase = z.string().min(8, 'at least 8 characters').max(1024);
const Name = z.string().trim().min(1).max(100);

const store = (e: Engine, passphrase: string) => new IdentityStore(e.settings, new PassphraseVault(passphrase));

/** For reading public data only: any attempt to seal or open a secret through it is refused. */
const PUBLIC_ONLY: KeyVault = {
  kind: 'passphrase',
  seal: () => Promise.reject(new EngramError('invalid_input', 'A passphrase is needed for this')),
  open: () => Promise.reject(new EngramError('invalid_input', 'A passphrase is needed for this')),
};

export const syncHandlers = defineHandlers({
  'identity.get': { summary: 'This library’s identity and device (public keys and names), or null before one is made', input: z.object({}), run: (e) => new IdentityStore(e.settings, PUBLIC_ONLY).info() ?? null },
  'identity.create': {
    summary: 'Makes the Ed25519 identity and this device’s certified key; secrets are sealed with the passphrase',
    input: z.object({ displayName: Name, deviceName: Name, passphrase: Passphrase }),
    run: (e, { displayName, deviceName, passphrase }) => store(e, passphrase).create(displayName, deviceName),
  },
  'identity.exportRecovery': {
    summary: 'The recovery file (identity secret sealed with the recovery passphrase; no device keys)',
    input: z.object({ passphrase: Passphrase, recoveryPassphrase: Passphrase }),
    run: async (e, { passphrase, recoveryPassphrase }) => ({ file: await exportRecovery(store(e, passphrase), recoveryPassphrase) }),
  },
  'identity.importRecovery': {
    summary: 'Restores an identity from its recovery file into a library that has none; this device gets a new key',
    input: z.object({ file: z.string().max(100_000), recoveryPassphrase: Passphrase, passphrase: Passphrase, deviceName: Name }),
    run: (e, { file, recoveryPassphrase, passphrase, deviceName }) => importRecovery(store(e, passphrase), file, recoveryPassphrase, deviceName),
  },
});
