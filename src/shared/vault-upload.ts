/**
 * Builds a `vault.importFiles` request from what a folder picker (`<input type="file" webkitdirectory>`) gives:
 * each file's `webkitRelativePath` starts with the chosen folder's own name, which is dropped so the vault's
 * contents land at the library's top level, as `engram import <folder>` puts them.
 */
import type { VaultUpload } from './vault-schemas';

type PickedFile = Pick<File, 'name' | 'lastModified' | 'arrayBuffer'> & { webkitRelativePath?: string };

export async function vaultUploadOf(files: Iterable<PickedFile>): Promise<VaultUpload> {
  const picked = [...files];
  return {
    files: await Promise.all(
      picked.map(async (f) => ({
        path: f.webkitRelativePath ? f.webkitRelativePath.split('/').slice(1).join('/') : f.name,
        base64: toBase64(new Uint8Array(await f.arrayBuffer())),
        lastModified: f.lastModified,
      })),
    ),
  };
}

/** btoa takes a binary string; building it in slices keeps big files clear of the argument-count limit. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
