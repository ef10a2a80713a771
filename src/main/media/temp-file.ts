import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Runs `use` with a fresh file name under `<library>/tmp` (same disk as the blobs, so the copy into the store
 * is cheap) and removes the file afterwards, whatever happened. Names are ours, never a client's.
 */
export async function withTempFile<T>(libraryDir: string, use: (file: string) => Promise<T>): Promise<T> {
  const file = path.join(libraryDir, 'tmp', `upload-${randomUUID()}`);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  try {
    return await use(file);
  } finally {
    await fsp.rm(file, { force: true });
  }
}
