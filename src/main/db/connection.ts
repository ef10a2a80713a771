/**
 * Opens a library's SQLite file with the settings every connection needs, checks it is not corrupt, loads
 * sqlite-vec and brings the schema up to date. One writer connection per process; WAL lets readers in other
 * connections (workers, backups) run alongside it.
 */
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { EngramError } from '../../shared/errors';
import { assertKnownVersion, migrate } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Skip PRAGMA quick_check (tests that open many small libraries, readers opened right after the writer). */
  skipCheck?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (err) {
    throw new EngramError('corrupt_library', `Cannot open the library database at ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      // Before switching to WAL, which rewrites the header: a newer library must be left exactly as it was.
      assertKnownVersion(db);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    // A 32 MB page cache instead of SQLite's 2 MB keeps FTS and vector pages hot between queries. No mmap:
    // mapped pages count as the app's own memory, and scans of a large library would inflate it.
    db.pragma('cache_size = -32768');
    if (!opts.skipCheck) assertHealthy(db, file);
    sqliteVec.load(db);
    if (!opts.readonly) migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof EngramError) throw err;
    const message = (err as Error).message;
    if (/malformed|not a database|corrupt/i.test(message)) throw corruption(file, message);
    throw err;
  }
}

function assertHealthy(db: Db, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) throw corruption(file, problems.slice(0, 5).join('; '));
}

function corruption(file: string, detail: string): EngramError {
  return new EngramError(
    'corrupt_library',
    `The library database ${file} is damaged (${detail}). Nothing was changed. Restore it from a backup ` +
      '(`engram backup` makes one), or move the file away to start an empty library.',
  );
}
