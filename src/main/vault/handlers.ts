/** Vault import as a handler, for clients that cannot name a folder on the engine's machine (web mode). */
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import { invalidInput } from '../../shared/errors';
import { VaultUpload } from '../../shared/vault-schemas';
import { importVault } from './markdown-vault';

type Files = z.output<typeof VaultUpload>['files'];

export const vaultHandlers = defineHandlers({
  'vault.importFiles': {
    summary: 'Import a markdown vault sent as files (paths relative to the vault folder); all or nothing',
    input: VaultUpload,
    run: async (engine, { files }) => {
      const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'engram-upload-'));
      try {
        await writeFiles(dir, files);
        return await importVault(engine, dir);
      } finally {
        await fsp.rm(dir, { recursive: true, force: true });
      }
    },
  },
});

/** Paths are already safe (VaultPath); what can still go wrong is a clash between two of them. */
async function writeFiles(dir: string, files: Files): Promise<void> {
  for (const f of files) {
    const abs = path.join(dir, ...f.path.split('/'));
    try {
      await fsp.mkdir(path.dirname(abs), { recursive: true });
      await fsp.writeFile(abs, Buffer.from(f.base64, 'base64'), { flag: 'wx' });
      if (f.lastModified !== undefined) await fsp.utimes(abs, new Date(f.lastModified), new Date(f.lastModified));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'EEXIST' ? 'is sent twice, or is also a folder' : code === 'ENOTDIR' ? 'is inside a path that is also a file' : `cannot be written (${code})`;
      throw invalidInput(`The file ${JSON.stringify(f.path)} ${why}; nothing was imported`);
    }
  }
}
