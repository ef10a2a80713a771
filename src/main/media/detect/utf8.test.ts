import { describe, expect, it } from 'vitest';
import { invalidUtf8At } from './utf8';

const at = (bytes: number[], cut = false) => invalidUtf8At(Uint8Array.from(bytes), cut);

describe('invalidUtf8At', () => {
  it('accepts valid UTF-8, up to U+10FFFF', () => {
    expect(invalidUtf8At(Buffer.from('aé日😀\u{10FFFF}'))).toBe(-1);
    expect(at([])).toBe(-1);
  });

  it('points at the first byte that breaks it', () => {
    expect(at([0x61, 0xff])).toBe(1);
    expect(at([0x61, 0xc3, 0x28])).toBe(1); // missing continuation
    expect(at([0xc0, 0xaf])).toBe(0); // overlong "/"
    expect(at([0xe0, 0x80, 0xaf])).toBe(0); // overlong
    expect(at([0xed, 0xa0, 0x80])).toBe(0); // a UTF-16 surrogate
    expect(at([0xf4, 0x90, 0x80, 0x80])).toBe(0); // above U+10FFFF
    expect(at([0x80])).toBe(0); // stray continuation
  });

  it('accepts a character cut off by the end only when asked to', () => {
    expect(at([0x61, 0xe6, 0x97])).toBe(1);
    expect(at([0x61, 0xe6, 0x97], true)).toBe(-1);
    expect(at([0x61, 0xe6, 0x41], true)).toBe(1);
  });
});
