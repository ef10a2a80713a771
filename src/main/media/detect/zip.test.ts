import { describe, expect, it } from 'vitest';
import { makeZip } from '../documents/test-fixtures';
import { zipEntries } from './zip';

describe('zipEntries', () => {
  it('lists names and declared sizes from the central directory', () => {
    const zip = makeZip({ 'word/document.xml': 'x'.repeat(1000), 'ä.txt': 'hi' });
    expect(zipEntries(zip)).toEqual([
      { name: 'word/document.xml', compressedSize: expect.any(Number), uncompressedSize: 1000 },
      { name: 'ä.txt', compressedSize: expect.any(Number), uncompressedSize: 2 },
    ]);
  });

  it('finds the directory behind an archive comment', () => {
    const zip = makeZip({ 'a.txt': 'a' });
    const comment = Buffer.from('a comment');
    const withComment = Buffer.concat([zip, comment]);
    withComment.writeUInt16LE(comment.length, zip.length - 2);
    expect(zipEntries(withComment)?.map((e) => e.name)).toEqual(['a.txt']);
  });

  it('gives undefined for a cut-off archive, a lying directory, or no archive', () => {
    const zip = makeZip({ 'a.txt': 'a', 'b.txt': 'b' });
    expect(zipEntries(zip.subarray(0, zip.length - 10))).toBeUndefined();
    const lying = Buffer.from(zip);
    lying.writeUInt16LE(9, lying.length - 12); // claims nine entries
    expect(zipEntries(lying)).toBeUndefined();
    expect(zipEntries(Buffer.from('PK'))).toBeUndefined();
    expect(zipEntries(Buffer.alloc(0))).toBeUndefined();
  });
});
