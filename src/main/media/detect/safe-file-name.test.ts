import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName } from './safe-file-name';

const staysInside = (name: string) => {
  const dir = path.resolve('/library/uploads');
  const target = path.resolve(dir, safeFileName(name));
  return path.dirname(target) === dir;
};

describe('safeFileName', () => {
  it('keeps only the last path component', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\x')).toBe('x');
    expect(safeFileName('/abs/path/photo.jpg')).toBe('photo.jpg');
    expect(safeFileName('a/b\\c.txt')).toBe('c.txt');
  });

  it('never yields a traversal, hidden or empty name', () => {
    for (const name of ['..', '.', '../', '..\\..', '', '   ', '...', '.bashrc', '\u0000', '/']) {
      const safe = safeFileName(name);
      expect(safe).not.toMatch(/^\.|[\\/]/);
      expect(safe.length).toBeGreaterThan(0);
      expect(staysInside(name)).toBe(true);
    }
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('', 'upload')).toBe('upload');
  });

  it('prefixes Windows device names, with or without an extension', () => {
    expect(safeFileName('con.txt')).toBe('_con.txt');
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('lpt1.tar.gz')).toBe('_lpt1.tar.gz');
    expect(safeFileName('aux .md')).toBe('_aux.md');
    expect(safeFileName('console.txt')).toBe('console.txt');
  });

  it('removes NUL, newlines and other controls, and bidi overrides', () => {
    expect(safeFileName('evil\u0000.txt')).toBe('evil.txt');
    expect(safeFileName('line\nbreak\r.md')).toBe('linebreak.md');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('tab\there')).toBe('tabhere');
  });

  it('replaces characters Windows forbids and drops trailing dots and spaces', () => {
    expect(safeFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
    expect(safeFileName('name. . ')).toBe('name');
  });

  it('caps a long name at 200 bytes, keeping its extension and whole characters', () => {
    const long = safeFileName(`${'a'.repeat(500)}.pdf`);
    expect(long).toBe(`${'a'.repeat(196)}.pdf`);
    const wide = safeFileName(`${'日'.repeat(500)}.jpeg`);
    expect(Buffer.byteLength(wide)).toBeLessThanOrEqual(200);
    expect(wide.endsWith('日.jpeg')).toBe(true);
    expect(safeFileName('x'.repeat(500))).toHaveLength(200);
  });

  it('leaves ordinary names alone, in NFC', () => {
    expect(safeFileName('Holiday in Köln (2).JPG')).toBe('Holiday in Köln (2).JPG');
    expect(safeFileName('Ko\u0308ln.txt')).toBe('K\u00f6ln.txt');
  });
});
