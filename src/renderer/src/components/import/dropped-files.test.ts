import { describe, expect, it } from 'vitest';
import { dragHasFiles, filesFromEntries, type EntryLike } from './dropped-files';

const fileEntry = (name: string): EntryLike => ({ isFile: true, isDirectory: false, name, file: (ok) => ok(new File(['x'], name)) });
const dirEntry = (name: string, children: EntryLike[], batch = 2): EntryLike => ({
  isFile: false,
  isDirectory: true,
  name,
  createReader: () => {
    let at = 0;
    // Like Chromium, in batches until an empty one.
    return { readEntries: (ok) => ok(children.slice(at, (at += batch))) };
  },
});

describe('dropped files', () => {
  it('tells a drag of files from a drag of text', () => {
    expect(dragHasFiles({ types: ['Files'] })).toBe(true);
    expect(dragHasFiles({ types: ['text/plain', 'text/uri-list'] })).toBe(false);
    expect(dragHasFiles(null)).toBe(false);
  });

  it('walks dropped folders through every batch, leaving hidden files and folders out', async () => {
    const files = await filesFromEntries([
      fileEntry('top.jpg'),
      dirEntry('Trip', [fileEntry('a.jpg'), fileEntry('.DS_Store'), fileEntry('b.jpg'), dirEntry('Day 2', [fileEntry('c.mp4')]), dirEntry('.git', [fileEntry('HEAD')])]),
    ]);
    expect(files.map((f) => f.name)).toEqual(['top.jpg', 'a.jpg', 'b.jpg', 'c.mp4']);
  });
});
