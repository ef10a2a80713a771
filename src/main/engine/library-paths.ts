/** Where a library lives: --library, else ENGRAM_HOME, else the OS's per-user data folder. */
import os from 'node:os';
import path from 'node:path';

export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ENGRAM_HOME) return path.resolve(env.ENGRAM_HOME);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Engram');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Engram');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'engram');
}

export function libraryFiles(dir: string) {
  return { dir, db: path.join(dir, 'engram.db'), blobs: path.join(dir, 'blobs') };
}
