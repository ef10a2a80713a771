/**
 * UTF-8 validation that reports where a file goes wrong, so an import error can point at the byte instead of
 * saying "bad encoding". Overlong forms and surrogates count as invalid, as in TextDecoder's fatal mode.
 */

/**
 * Offset of the first byte that breaks UTF-8, or -1 when `bytes` is valid. With `allowCutEnd`, a character
 * cut off by the end of `bytes` is accepted: sniffing looks at a file's head, which can end mid-character.
 */
export function invalidUtf8At(bytes: Uint8Array, allowCutEnd = false): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [len, lo, hi] = lead(b);
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= n) return allowCutEnd ? -1 : i;
      const c = bytes[i + k]!;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return -1;
}

/** Sequence length and the allowed range of the second byte for a lead byte (length 0: not a lead byte). */
function lead(b: number): [number, number, number] {
  if (b >= 0xc2 && b <= 0xdf) return [2, 0x80, 0xbf];
  if (b === 0xe0) return [3, 0xa0, 0xbf]; // no overlong forms
  if (b === 0xed) return [3, 0x80, 0x9f]; // no UTF-16 surrogates
  if (b >= 0xe1 && b <= 0xef) return [3, 0x80, 0xbf];
  if (b === 0xf0) return [4, 0x90, 0xbf];
  if (b >= 0xf1 && b <= 0xf3) return [4, 0x80, 0xbf];
  if (b === 0xf4) return [4, 0x80, 0x8f]; // nothing above U+10FFFF
  return [0, 0, 0];
}
