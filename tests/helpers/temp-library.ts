/** A real library in a fresh temp folder, for tests; removed again by `cleanup`. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine, type EngineOptions } from '../../src/main/engine/engine';

export function tempDir(prefix = 'engram-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function openTempLibrary(opts: Omit<EngineOptions, 'library'> = {}) {
  const dir = tempDir();
  const engine = await Engine.open({ ...opts, library: dir });
  return {
    dir,
    engine,
    async cleanup() {
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
