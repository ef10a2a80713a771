import { describe, expect, it } from 'vitest';
import { parseModelFiles } from './model-files';

const sha = 'AB'.repeat(32);

describe('model file lines', () => {
  it('reads one file a line, lower-casing the checksum', () => {
    expect(parseModelFiles(`https://h/m.onnx onnx/model.onnx ${sha}\n\n http://h/t.json tokenizer.json ${sha} `)).toEqual({
      files: [
        { url: 'https://h/m.onnx', path: 'onnx/model.onnx', sha256: 'ab'.repeat(32) },
        { url: 'http://h/t.json', path: 'tokenizer.json', sha256: 'ab'.repeat(32) },
      ],
    });
  });

  it('says which line is wrong and why', () => {
    expect(parseModelFiles('')).toEqual({ error: 'Add at least one file' });
    expect(parseModelFiles(`ftp://h/m m ${sha}`)).toEqual({ error: 'Line 1: the address must start with http:// or https://' });
    expect(parseModelFiles(`https://h/m m ${sha}\nhttps://h/x x abc`)).toEqual({ error: 'Line 2: a SHA-256 is 64 hexadecimal characters' });
    expect(parseModelFiles('https://h/m m')).toMatchObject({ error: expect.stringMatching(/^Line 1: write the address/) });
  });
});
