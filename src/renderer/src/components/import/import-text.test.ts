import { describe, expect, it } from 'vitest';
import type { IngestOutcome } from '../../../../shared/media-schemas';
import { summariseOutcomes } from '../../../../shared/upload-client';
import { displayName, formatBytes, importTitle, outcomeGroups, progressDetail, summaryText } from './import-text';

const o = (file: string, status: IngestOutcome['status'], reason?: string): IngestOutcome => ({ file, status, ...(reason ? { reason } : {}) });
const many = (n: number, status: IngestOutcome['status']) => Array.from({ length: n }, (_, i) => o(`${status}-${i}.jpg`, status));

describe('summaryText', () => {
  it('says what was added, what was already there and what was not added', () => {
    const s = summariseOutcomes([...many(12, 'added'), ...many(3, 'duplicate'), o('a.zip', 'rejected', 'unknown kind')]);
    expect(summaryText(s)).toBe('12 added, 3 already there, 1 not added');
  });

  it('leaves out what did not happen, and counts skipped files as not added', () => {
    expect(summaryText(summariseOutcomes(many(3, 'added')))).toBe('3 added');
    expect(summaryText(summariseOutcomes(many(1, 'duplicate')))).toBe('1 already there');
    expect(summaryText(summariseOutcomes([o('.DS_Store', 'skipped'), o('x.bin', 'rejected')]))).toBe('2 not added');
    expect(summaryText(summariseOutcomes([]))).toBe('0 added');
  });

  it('names a labelled single item, and says when the import was cancelled', () => {
    expect(summaryText(summariseOutcomes([o('Voice note.m4a', 'added')]), 'Voice note')).toBe('Voice note added');
    expect(summaryText({ ...summariseOutcomes(many(2, 'added')), cancelled: true })).toBe('Import cancelled after 2 files: 2 added');
    expect(summaryText({ ...summariseOutcomes([]), cancelled: true })).toBe('Import cancelled; nothing was added');
  });
});

describe('sizes and progress', () => {
  it('writes sizes the way people read them', () => {
    expect([0, 999, 1536, 10 * 1024 * 1024, 150.4 * 1024 * 1024, 3.25 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '999 B', '1.5 KB', '10 MB', '150 MB', '3.3 GB']);
  });

  it('shows bytes, and files when there are several', () => {
    expect(progressDetail({ sentBytes: 1024 * 1024, totalBytes: 4.5 * 1024 * 1024, filesDone: 1, filesTotal: 3, currentFile: 'a' })).toBe('1 MB of 4.5 MB · 1 of 3 files');
    expect(progressDetail({ sentBytes: 512, totalBytes: 2048, filesDone: 0, filesTotal: 1, currentFile: 'a' })).toBe('512 B of 2 KB');
    expect(progressDetail({ sentBytes: 0, totalBytes: 0, filesDone: 0, filesTotal: 1, currentFile: null })).toBe('0 of 1 file');
  });

  it('titles the import by its file, its count or its label', () => {
    expect(importTitle([{ name: 'IMG_1.jpg' }])).toBe('Adding “IMG_1.jpg”');
    expect(importTitle([{ name: 'a' }, { name: 'b' }])).toBe('Adding 2 files');
    expect(importTitle([{ name: 'a' }], 'Voice note')).toBe('Adding voice note');
  });
});

describe('outcomeGroups', () => {
  it('lists what was not added first, then duplicates, then what was added', () => {
    const groups = outcomeGroups([o('a.jpg', 'added'), o('b.jpg', 'duplicate'), o('c.bin', 'rejected', 'x'), o('.hidden', 'skipped')]);
    expect(groups.map((g) => [g.title, g.items.map((i) => i.file)])).toEqual([
      ['Not added', ['c.bin', '.hidden']],
      ['Already in the library', ['b.jpg']],
      ['Added', ['a.jpg']],
    ]);
  });

  it('shows engine-side paths by their file name', () => {
    expect(displayName('/home/me/Pictures/IMG_1.jpg')).toBe('IMG_1.jpg');
    expect(displayName('C:\\Users\\me\\a.png')).toBe('a.png');
  });
});
