import { describe, expect, it } from 'vitest';
import { EngramError } from '../../../shared/errors';
import { DOCX_MIME } from '../detect/sniff';
import { DocumentError, type DocumentFailure } from './errors';
import { EXTRACTABLE_MIMES, extractText } from './extract';
import { makeDocx, makePdf, makeZip } from './test-fixtures';

async function failure(promise: Promise<unknown>): Promise<{ reason: DocumentFailure; message: string; code: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentError);
  expect(err).toBeInstanceOf(EngramError);
  const { reason, message, code } = err as DocumentError;
  return { reason, message, code };
}

describe('extractText: PDF', () => {
  const pdf = makePdf([['Quarterly report (draft)', 'Revenue grew in spring.'], ['Second page: outlook']], { title: 'Q2 Report' });

  it('reads each page in order, separated by a blank line, with the title and page count', async () => {
    expect(await extractText(pdf, 'application/pdf')).toEqual({
      text: 'Quarterly report (draft)\nRevenue grew in spring.\n\nSecond page: outlook',
      title: 'Q2 Report',
      pages: 2,
      warnings: [],
    });
  });

  it('reads CJK text whose font maps to Unicode only through the bundled CMaps', async () => {
    expect((await extractText(makePdf([['日本語のメモ']], { japanese: true }), 'application/pdf')).text).toBe('日本語のメモ');
  });

  it('fails a truncated copy with a readable reason', async () => {
    for (const keep of [0.3, 0.6, 0.9]) {
      const cut = pdf.subarray(0, Math.floor(pdf.length * keep));
      expect(await failure(extractText(cut, 'application/pdf'))).toMatchObject({
        reason: 'damaged',
        code: 'invalid_input',
        message: expect.stringMatching(/^This PDF is damaged: \w/),
      });
    }
  });

  it('fails garbage and empty input as damaged', async () => {
    expect((await failure(extractText(Buffer.from('%PDF-1.4 nothing else'), 'application/pdf'))).reason).toBe('damaged');
    expect((await failure(extractText(Buffer.alloc(0), 'application/pdf'))).message).toMatch(/^This PDF is damaged: .*empty/);
  });

  it('says when a PDF is password-protected', async () => {
    expect(await failure(extractText(makePdf([['secret']], { encrypted: true }), 'application/pdf'))).toMatchObject({
      reason: 'encrypted',
      message: expect.stringContaining('password-protected'),
    });
  });

  it('reads up to maxPages and says how many were left', async () => {
    const result = await extractText(pdf, 'application/pdf', { maxPages: 1 });
    expect(result.text).toBe('Quarterly report (draft)\nRevenue grew in spring.');
    expect(result.pages).toBe(2);
    expect(result.warnings).toEqual(['Only the first 1 of 2 pages were read (the limit is 1).']);
  });

  it('warns that a PDF without a text layer needs OCR', async () => {
    const result = await extractText(makePdf([[], []]), 'application/pdf');
    expect(result).toMatchObject({ text: '', pages: 2 });
    expect(result.warnings.join()).toMatch(/no text layer.*OCR/);
  });

  it('warns when the end marker is missing but the text could still be read', async () => {
    const noEnd = Buffer.from(pdf.toString('latin1').replace('%%EOF', ''), 'latin1');
    const result = await extractText(noEnd, 'application/pdf');
    expect(result.text).toContain('Second page: outlook');
    expect(result.warnings.join()).toMatch(/cut off/);
  });

  it('stops when the time budget is spent', async () => {
    expect((await failure(extractText(pdf, 'application/pdf', { timeoutMs: 0 }))).reason).toBe('timeout');
  });
});

describe('extractText: DOCX', () => {
  const docx = makeDocx([
    { text: 'Trip to Lisbon', style: 'Heading1' },
    { text: 'We arrived on a Tuesday & it rained.' },
    { text: 'Food', style: 'Heading2' },
    { text: 'Pastéis de nata <every> day.' },
  ]);

  it('keeps Word headings as Markdown headings between paragraphs', async () => {
    expect(await extractText(docx, DOCX_MIME)).toEqual({
      text: '# Trip to Lisbon\n\nWe arrived on a Tuesday & it rained.\n\n## Food\n\nPastéis de nata <every> day.',
      title: 'Trip to Lisbon',
      warnings: [],
    });
  });

  it('fails a truncated copy and a ZIP without a document with readable reasons', async () => {
    expect(await failure(extractText(docx.subarray(0, docx.length - 40), DOCX_MIME))).toMatchObject({
      reason: 'damaged',
      message: 'This DOCX is damaged: its ZIP directory is missing or cut off.',
    });
    expect((await failure(extractText(makeZip({ 'a.txt': 'x' }), DOCX_MIME))).message).toBe(
      'This DOCX is damaged: could not find main document part.',
    );
    const badXml = makeZip({ ...Object.fromEntries([['word/document.xml', '<w:document attr="unclosed']]) });
    expect((await failure(extractText(badXml, DOCX_MIME))).message).toMatch(/^This DOCX is damaged: \w/);
  });

  it('refuses a DOCX whose XML unpacks past the size limit before inflating it', async () => {
    const bomb = makeDocx([{ text: 'a'.repeat(300_000) }]);
    expect(bomb.length).toBeLessThan(50_000);
    expect(await failure(extractText(bomb, DOCX_MIME, { maxBytes: 100_000 }))).toMatchObject({
      reason: 'too_large',
      code: 'payload_too_large',
      message: expect.stringMatching(/^This DOCX unpacks to 0\.3 MB of XML/),
    });
  });
});

describe('extractText: HTML', () => {
  it('leaves out scripts and styles and keeps the structure', async () => {
    const html = `<!doctype html><html><head><title>Saved &amp; sound</title>
      <style>body { color: red }</style><script>var secret = "do-not-index";</script></head>
      <body><h1>Heading</h1><p>First&nbsp;para with <b>bold</b> text.</p>
      <script type="module">alert("xss")</script><p>Second</p></body></html>`;
    const result = await extractText(Buffer.from(html), 'text/html; charset=utf-8');
    expect(result).toEqual({ text: '# Heading\n\nFirst para with bold text.\n\nSecond', title: 'Saved & sound', warnings: [] });
    expect(result.text).not.toMatch(/secret|alert|color/);
  });

  it('decodes the encoding a page declares, and falls back to Windows-1252 with a warning', async () => {
    const declared = Buffer.concat([Buffer.from('<meta charset="iso-8859-2"><p>'), Buffer.from([0xb1]), Buffer.from('</p>')]);
    expect((await extractText(declared, 'text/html')).text).toBe('ą');
    const legacy = Buffer.from([...Buffer.from('<p>'), 0x93, 0x63, 0x61, 0x66, 0xe9, 0x94, ...Buffer.from('</p>')]);
    const result = await extractText(legacy, 'text/html');
    expect(result.text).toBe('“café”');
    expect(result.warnings).toEqual([expect.stringContaining('Windows-1252')]);
  });
});

describe('extractText: Markdown and plain text', () => {
  it('strips a byte-order mark, normalises line ends and takes the first # heading as title', async () => {
    const md = Buffer.from('\uFEFF---\ntags: [a]\n---\n# Reading list ##\r\n\r\n- Dune\r\n');
    expect(await extractText(md, 'text/markdown')).toEqual({
      text: '---\ntags: [a]\n---\n# Reading list ##\n\n- Dune\n',
      title: 'Reading list',
      warnings: [],
    });
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße', 'utf16le')]);
    expect((await extractText(utf16, 'text/plain')).text).toBe('Grüße');
  });

  it('refuses text that is not UTF-8 and says where it breaks', async () => {
    const latin1 = Buffer.from('Caf\xe9 au lait', 'latin1');
    expect(await failure(extractText(latin1, 'text/plain'))).toMatchObject({
      reason: 'encoding',
      message: 'This text file is not UTF-8 text (the first invalid byte is at offset 3). Save it as UTF-8 and import it again.',
    });
  });

  it('drops control characters other than tabs and newlines', async () => {
    expect((await extractText(Buffer.from('a\u0000b\tc\u001bd\n'), 'text/plain')).text).toBe('ab\tcd\n');
  });
});

describe('extractText: limits and types', () => {
  it('refuses input over maxBytes before reading it', async () => {
    expect(await failure(extractText(Buffer.alloc(2 * 1024 * 1024, 0x61), 'text/plain', { maxBytes: 1024 * 1024 }))).toMatchObject({
      reason: 'too_large',
      message: 'This file is 2.0 MB, over the 1.0 MB limit for reading text.',
    });
  });

  it('cuts text at maxChars without splitting a character, and says so', async () => {
    const result = await extractText(Buffer.from('ab😀cd'), 'text/plain', { maxChars: 3 });
    expect(result.text).toBe('ab');
    expect(result.warnings).toEqual(['The text was cut at 3 characters.']);
  });

  it('reads every document type that detection reports', () => {
    for (const mime of ['application/pdf', DOCX_MIME, 'text/html', 'text/markdown', 'text/plain']) expect(EXTRACTABLE_MIMES).toContain(mime);
  });

  it('names the type it cannot read', async () => {
    expect(await failure(extractText(Buffer.from('x'), 'image/jpeg'))).toMatchObject({
      reason: 'unsupported',
      message: 'Text cannot be read from image/jpeg files.',
    });
  });
});
