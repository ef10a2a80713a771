import { describe, expect, it } from 'vitest';
import { VaultUpload } from './vault-schemas';
import { vaultUploadOf } from './vault-upload';

const picked = (rel: string, bytes: Uint8Array<ArrayBuffer> | string, lastModified = 1_700_000_000_000) =>
  Object.assign(new File([bytes], rel.split('/').pop()!, { lastModified }), { webkitRelativePath: rel });

describe('vaultUploadOf', () => {
  it('drops the picked folder from each path and base64-encodes the bytes, big files included', async () => {
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    const upload = await vaultUploadOf([picked('Vault/Notes/a.md', 'héllo'), picked('Vault/img.bin', big)]);
    expect(upload.files.map((f) => f.path)).toEqual(['Notes/a.md', 'img.bin']);
    expect(Buffer.from(upload.files[0]!.base64, 'base64').toString()).toBe('héllo');
    expect(Buffer.from(upload.files[1]!.base64, 'base64').equals(Buffer.from(big))).toBe(true);
    expect(upload.files[0]!.lastModified).toBe(1_700_000_000_000);
    expect(VaultUpload.safeParse(upload).success).toBe(true);
  });

  it('uses the bare name for files not picked as part of a folder', async () => {
    expect((await vaultUploadOf([new File(['x'], 'loose.md')])).files[0]!.path).toBe('loose.md');
  });
});
