import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp-library';

const run = promisify(execFile);
const bin = path.resolve('bin/engram.js');
const lib = tempDir('engram-cli-');
const work = tempDir('engram-cli-work-');
afterAll(() => {
  fs.rmSync(lib, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

async function engram(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, '--library', lib, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('engram CLI', () => {
  it('adds notes and finds them by keyword and by meaning, as JSON', async () => {
    expect((await engram('add', '--title', 'Bike', '--tag', 'errands', 'Replace', 'the', 'bicycle', 'chain', 'before', 'spring')).code).toBe(0);
    expect((await engram('add', '--title', 'Dinner', 'Grandma', 'makes', 'lasagna', 'every', 'Sunday')).code).toBe(0);
    const kw = JSON.parse((await engram('search', 'bicycle', '--json')).stdout);
    expect(kw.hits[0].node.title).toBe('Bike');
    expect(kw.hits[0].node.tags).toEqual(['errands']);
    const meaning = JSON.parse((await engram('search', 'pasta', 'meal', '--json', '--limit', '1')).stdout);
    expect(meaning.hits).toHaveLength(1);
    expect(meaning.hits[0].node.title).toBe('Dinner');
  });

  it('prints stats', async () => {
    const s = JSON.parse((await engram('stats', '--json')).stdout);
    expect(s.nodes).toBe(2);
    expect(s.index.pending).toBe(0);
  });

  it('exports JSON, re-imports it into another library, and refuses a bad file without writing', async () => {
    const out = path.join(work, 'export.json');
    expect((await engram('export', '--format', 'json', out)).code).toBe(0);
    const other = tempDir('engram-cli-other-');
    try {
      const imported = await run(process.execPath, [bin, '--library', other, 'import', out]);
      expect(imported.stdout).toMatch(/Imported 2 nodes/);
      const bad = path.join(work, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ memories: [{ content: 'fine' }, { content: '' }] }));
      const failed = await run(process.execPath, [bin, '--library', other, 'import', bad]).catch((e) => e as { code: number; stderr: string });
      expect((failed as { code: number }).code).toBe(2);
      expect((failed as { stderr: string }).stderr).toMatch(/Record 1/);
      const stats = JSON.parse((await run(process.execPath, [bin, '--library', other, 'stats', '--json'])).stdout);
      expect(stats.nodes).toBe(2);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('exports a markdown vault and backs up the library', async () => {
    const vault = path.join(work, 'vault');
    expect((await engram('export', '--format', 'markdown', vault)).code).toBe(0);
    expect(fs.readFileSync(path.join(vault, 'Bike.md'), 'utf8')).toMatch(/bicycle chain/);
    const backup = path.join(work, 'backup');
    expect((await engram('backup', backup)).code).toBe(0);
    expect(fs.statSync(path.join(backup, 'engram.db')).size).toBeGreaterThan(0);
    const again = await engram('backup', backup);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
  });
});
