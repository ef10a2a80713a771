import { describe, expect, it } from 'vitest';
import type { IngestOutcome } from './media-schemas';
import { importByPaths, needsBytes, planPathImport, type PathImportDeps } from './path-import';

describe('planPathImport', () => {
  it('batches paths in order and sends files without a path as bytes, one each', () => {
    expect(planPathImport(['/a', '/b', '', '/c', '/d', '/e'], false, 2)).toEqual([
      { kind: 'paths', files: [0, 1], paths: ['/a', '/b'] },
      { kind: 'bytes', file: 2 },
      { kind: 'paths', files: [3, 4], paths: ['/c', '/d'] },
      { kind: 'paths', files: [5], paths: ['/e'] },
    ]);
  });

  it('sends everything as bytes when the import says more than a path can carry', () => {
    expect(planPathImport(['/a', '/b'], true)).toEqual([
      { kind: 'bytes', file: 0 },
      { kind: 'bytes', file: 1 },
    ]);
    expect(needsBytes({ eventTime: '2024-01-01T10:00:00Z' })).toBe(true);
    expect(needsBytes({ clientOffsetMinutes: 60, lastModified: 5 })).toBe(false);
    expect(needsBytes(undefined)).toBe(false);
  });
});

const file = (name: string, size = 4) => new File([new Uint8Array(size)], name);

function deps(paths: Record<string, string>, log: string[]): PathImportDeps {
  return {
    pathOf: (f) => paths[f.name] ?? '',
    ingestPaths: async (ps) => {
      log.push(`paths ${ps.join(',')}`);
      const outcomes = ps.map((p): IngestOutcome => ({ file: p, status: p.includes('dup') ? 'duplicate' : 'added' }));
      return { added: 0, duplicates: 0, rejected: 0, skipped: 0, outcomes };
    },
    ingestBytes: async (f, meta) => {
      log.push(`bytes ${f.name} ${meta.eventTime ?? ''}`.trim());
      return { file: f.name, status: 'added' };
    },
  };
}

describe('importByPaths', () => {
  it('hands the engine paths, and bytes for what has none, and sums up in order', async () => {
    const log: string[] = [];
    const progress: number[] = [];
    const result = await importByPaths([file('a.jpg'), file('voice.m4a', 10), file('dup.jpg')], { onProgress: (p) => progress.push(p.filesDone) }, deps({ 'a.jpg': '/p/a.jpg', 'dup.jpg': '/p/dup.jpg' }, log));
    expect(log).toEqual(['paths /p/a.jpg', 'bytes voice.m4a', 'paths /p/dup.jpg']);
    expect(result).toMatchObject({ added: 2, duplicates: 1, rejected: 0 });
    expect(result.cancelled).toBeUndefined();
    expect(progress.at(-1)).toBe(3);
  });

  it('passes an event time on by sending bytes', async () => {
    const log: string[] = [];
    await importByPaths([file('a.jpg')], { meta: { eventTime: '2024-05-01T10:00:00+02:00' } }, deps({ 'a.jpg': '/p/a.jpg' }, log));
    expect(log).toEqual(['bytes a.jpg 2024-05-01T10:00:00+02:00']);
  });

  it('stops between batches when cancelled and returns what was done', async () => {
    const log: string[] = [];
    let stop = false;
    const d = deps({ 'a.jpg': '/p/a.jpg' }, log);
    const result = await importByPaths([file('a.jpg'), file('b.m4a')], { isCancelled: () => stop }, {
      ...d,
      ingestPaths: async (ps) => ((stop = true), d.ingestPaths(ps, 0)),
    });
    expect(result).toMatchObject({ cancelled: true, added: 1, outcomes: [{ file: '/p/a.jpg' }] });
    expect(log).toEqual(['paths /p/a.jpg']);
  });

  it('lists a failed batch as not added with the engine’s message', async () => {
    const result = await importByPaths([file('a.jpg')], {}, {
      ...deps({ 'a.jpg': '/p/a.jpg' }, []),
      ingestPaths: async () => {
        throw new Error('The library is read-only');
      },
    });
    expect(result.outcomes).toEqual([{ file: '/p/a.jpg', status: 'rejected', reason: 'The library is read-only' }]);
  });

  it('moves progress inside a batch from the engine’s job events', async () => {
    let emit: ((p: { job: string; done: number; total: number; label?: string }) => void) | undefined;
    const seen: (string | null)[] = [];
    await importByPaths([file('folder', 0)], { onProgress: (p) => seen.push(p.currentFile) }, {
      ...deps({ folder: '/photos/2019' }, []),
      onJobProgress: (fn) => ((emit = fn), () => (emit = undefined)),
      ingestPaths: async () => {
        emit?.({ job: 'media.ingest', done: 1, total: 3, label: '/photos/2019/x.jpg' });
        return { added: 3, duplicates: 0, rejected: 0, skipped: 0, outcomes: [] };
      },
    });
    expect(seen).toEqual(['2019', 'x.jpg', null]);
  });
});
