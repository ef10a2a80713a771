/** Online backup: a consistent copy of a live library database, taken while it keeps serving. */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './connection';
import { EngramError } from '../../shared/errors';

export async function backupDatabase(
  db: Db,
  target: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ path: string; bytes: number }> {
  const out = path.resolve(target);
  if (fs.existsSync(out)) throw new EngramError('conflict', `${out} already exists; choose a new file for the backup`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Write beside the target and rename, so a half-written backup never looks like a good one.
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  await db.backup(partial, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages - remainingPages, totalPages);
      return 256;
    },
  });
  fs.renameSync(partial, out);
  return { path: out, bytes: fs.statSync(out).size };
}
