/**
 * Handlers only the desktop app has (they need Electron): open at login and the keychain-backed secrets.
 * They sit beside the engine's registry on the IPC channel; web mode does not offer them.
 */
import { app } from 'electron';
import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import type { SecretStore } from './secrets';

const SecretName = z.string().regex(/^[a-z0-9_.-]{1,64}$/, 'secret names use a-z, 0-9, _ . - only');

export function desktopHandlers(secrets: SecretStore) {
  return defineHandlers({
    'desktop.openAtLogin': {
      summary: 'Whether Engram starts when you log in',
      input: z.object({ enabled: z.boolean().optional() }),
      run: (_e, { enabled }) => {
        if (enabled !== undefined) app.setLoginItemSettings({ openAtLogin: enabled });
        return { enabled: app.getLoginItemSettings().openAtLogin };
      },
    },
    'secrets.set': {
      summary: 'Keep a secret (a provider API key) in the OS keychain',
      input: z.object({ name: SecretName, value: z.string().min(1).max(4096) }),
      run: (_e, { name, value }) => (secrets.set(name, value), { name, stored: true }),
    },
    'secrets.has': {
      summary: 'Whether a secret is stored (its value never returns to the renderer)',
      input: z.object({ name: SecretName }),
      run: (_e, { name }) => ({ name, stored: secrets.has(name) }),
    },
    'secrets.delete': {
      summary: 'Forget a secret',
      input: z.object({ name: SecretName }),
      run: (_e, { name }) => (secrets.delete(name), { name, stored: false }),
    },
  });
}
