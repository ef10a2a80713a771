/**
 * Watched folders on a real library and real files: what is there is scanned in, a file copied in later is
 * ingested once written, a changed file is ingested as new content, and deleting the source keeps the copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLibrary, tempDir } from '../../../../tests/helpers/temp-library';
import { Engine } from '../../engine/engine';
import { FIXTURES } from '../photo/test-support';

let lib: Awaited<ReturnType<typeof openTempLibrary>>;
let folder: string;
beforeEach(async () => {
  lib = await openTempLibrary();
  folder = tempDir('engram-watch-');
});
afterEach(async () => {
  await lib.cleanup();
  fs.rmSync(folder, { recursive: true, force: true });
});

const titles = () => (lib.engine.db.prepare(`SELECT title FROM nodes WHERE deleted_at IS NULL ORDER BY title`).pluck().all() as string[]);

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met in ${ms} ms; titles: ${titles().join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('watched folders', () => {
  it('scans what is there, ingests new and changed files, and keeps items whose source is deleted', async () => {
    fs.writeFileSync(path.join(folder, 'before.md'), 'Written before watching');
    fs.writeFileSync(path.join(folder, '.hidden.md'), 'never');
    fs.writeFileSync(path.join(folder, 'photo.jpg.json'), '{"title":"photo.jpg"}');
    const { FolderWatcher } = await import('./folder-watcher');
    const watcher = new FolderWatcher(lib.engine.db, lib.engine.media, lib.engine.events, { stableMs: 300 });
    const added = watcher.add({ path: folder, label: 'Phone' });
    expect(added).toMatchObject({ path: folder, label: 'Phone', watching: false });
    watcher.start();
    try {
      await until(() => titles().includes('before'));
      expect(watcher.list()[0]).toMatchObject({ watching: true, lastError: null });

      fs.mkdirSync(path.join(folder, 'DCIM'));
      fs.copyFileSync(path.join(FIXTURES, 'jpg/Canon_40D.jpg'), path.join(folder, 'DCIM', 'IMG_0001.jpg'));
      await until(() => titles().includes('IMG_0001'));

      fs.writeFileSync(path.join(folder, 'before.md'), 'Edited after watching');
      await until(() => titles().filter((t) => t === 'before').length === 2);

      fs.rmSync(path.join(folder, 'DCIM'), { recursive: true });
      await new Promise((r) => setTimeout(r, 800));
      await watcher.idle();
      expect(titles()).toEqual(['IMG_0001', 'before', 'before']);
      expect(titles()).not.toContain('.hidden');
    } finally {
      await watcher.stop();
    }
  });

  it('refuses a path that is not a folder, the library itself, and the same folder twice', async () => {
    const file = path.join(folder, 'a.txt');
    fs.writeFileSync(file, 'x');
    expect(() => lib.engine.watcher.add({ path: file, label: '' })).toThrow(/not a folder/);
    expect(() => lib.engine.watcher.add({ path: lib.dir, label: '' })).toThrow(/library/);
    lib.engine.watcher.add({ path: folder, label: '' });
    expect(() => lib.engine.watcher.add({ path: folder, label: '' })).toThrow(/already watched/);
  });

  it('is watched again when the library reopens with the pipeline on', async () => {
    lib.engine.watcher.add({ path: folder, label: 'Drive' });
    await lib.engine.close();
    fs.writeFileSync(path.join(folder, 'while-closed.md'), 'Added while Engram was closed');
    const engine = await Engine.open({ library: lib.dir, pipeline: true });
    try {
      await until(() => (engine.db.prepare(`SELECT count(*) FROM nodes WHERE title = 'while-closed'`).pluck().get() as number) === 1);
      expect(engine.watcher.list()[0]!.watching).toBe(true);
    } finally {
      await engine.close();
    }
  });
});
