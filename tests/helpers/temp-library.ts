/** A real library in a fresh temp folder, for tests; removed again by `cleanup`. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
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

/** Registers a fresh library before each test of the file and removes it after; `onOpen` receives it. */
export function useTempLibrary(onOpen: (engine: Engine, dir: string) => void, opts: Omit<EngineOptions, 'library'> = {}): void {
  let lib: Awaited<ReturnType<typeof openTempLibrary>> | undefined;
  beforeEach(async () => {
    lib = await openTempLibrary(opts);
    onOpen(lib.engine, lib.dir);
  });
  afterEach(async () => {
    await lib?.cleanup();
    lib = undefined;
  });
}
