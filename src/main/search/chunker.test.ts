import { describe, expect, it } from 'vitest';
import { chunkMarkdown, frontmatterEnd, type Chunk } from './chunker';

/** `n` sentences of about 50 characters each, numbered so every chunk is distinguishable. */
function sentences(n: number, tag = 's'): string {
  return Array.from({ length: n }, (_, i) => `Sentence ${tag}${i} carries some filler words here.`).join(' ');
}

const isWs = (s: string): boolean => /^\s*$/.test(s);

/** Structural invariants that must hold for every body and every option set. */
function checkInvariants(body: string, chunks: Chunk[], max = 1500): void {
  let prevEnd = -1;
  chunks.forEach((c, i) => {
    expect(c.ordinal).toBe(i);
    expect(c.start).toBeLessThan(c.end);
    expect(c.start).toBeGreaterThanOrEqual(prevEnd);
    // text is a contiguous slice of the body that ends at `end` and contains the own content.
    expect(body.slice(c.end - c.text.length, c.end)).toBe(c.text);
    expect(c.text.length).toBeGreaterThanOrEqual(c.end - c.start);
    // own content is trimmed
    expect(isWs(body[c.start]!)).toBe(false);
    expect(isWs(body[c.end - 1]!)).toBe(false);
    // nothing but whitespace is skipped between chunks
    if (prevEnd >= 0) expect(isWs(body.slice(prevEnd, c.start))).toBe(true);
    const own = body.slice(c.start, c.end);
    if (own.length > max) expect(own).toMatch(/```|~~~|\|/);
    prevEnd = c.end;
  });
}

describe('chunkMarkdown: trivial bodies', () => {
  it('returns no chunks for an empty or blank body', () => {
    expect(chunkMarkdown('')).toEqual([]);
    expect(chunkMarkdown('   \n\n\t  \n')).toEqual([]);
  });

  it('returns no chunks for a body that is only frontmatter', () => {
    expect(chunkMarkdown('---\ntitle: x\ntags: [a]\n---\n\n')).toEqual([]);
  });

  it('returns one trimmed chunk for a body shorter than the target', () => {
    const body = '\n\n  Buy milk. Call Anna about the trip.  \n';
    const chunks = chunkMarkdown(body);
    expect(chunks).toHaveLength(1);
    const [c] = chunks;
    expect(c!.text).toBe('Buy milk. Call Anna about the trip.');
    expect(body.slice(c!.start, c!.end)).toBe(c!.text);
    expect(c!.headingPath).toEqual([]);
    expect(c!.ordinal).toBe(0);
  });

  it('keeps a short note with several headings in one chunk whose path is the shared prefix', () => {
    const body = '# Trip\n\n## Packing\nsocks\n\n## Route\nnorth';
    const [c, ...rest] = chunkMarkdown(body);
    expect(rest).toHaveLength(0);
    expect(c!.text).toBe(body);
    expect(c!.headingPath).toEqual(['Trip']);
    expect(chunkMarkdown('# A\none\n# B\ntwo')[0]!.headingPath).toEqual([]);
  });
});

describe('chunkMarkdown: frontmatter', () => {
  it('skips YAML frontmatter and reports offsets into the original body', () => {
    const fm = '---\ntitle: Secret\ntags: [x]\n---\n';
    const body = `${fm}Hello world.`;
    expect(frontmatterEnd(body)).toBe(fm.length);
    const [c] = chunkMarkdown(body);
    expect(c!.start).toBe(fm.length);
    expect(c!.text).toBe('Hello world.');
    expect(c!.text).not.toContain('Secret');
  });

  it('accepts "..." as the closing fence, CRLF and a BOM', () => {
    expect(frontmatterEnd('---\na: 1\n...\nbody')).toBe('---\na: 1\n...\n'.length);
    const crlf = '\uFEFF---\r\na: 1\r\n---\r\nText here.';
    const [c] = chunkMarkdown(crlf);
    expect(c!.text).toBe('Text here.');
  });

  it('treats an unclosed frontmatter fence as content', () => {
    expect(frontmatterEnd('---\nnot: closed\nstill text')).toBe(0);
    const [c] = chunkMarkdown('---\nnot: closed\nstill text');
    expect(c!.text).toContain('not: closed');
  });

  it('only recognises frontmatter at the very top', () => {
    expect(frontmatterEnd('text\n---\na: 1\n---\n')).toBe(0);
  });
});

describe('chunkMarkdown: headings', () => {
  const big = (tag: string): string => sentences(12, tag); // ~600 chars

  const body = [
    'Preamble before any heading. ' + sentences(4, 'p'),
    '# Project',
    big('a'),
    '## Design',
    big('b'),
    '### Storage',
    big('c'),
    '## Risks ##',
    big('d'),
    '#### Skipped level',
    big('e'),
    '# Next',
    big('f'),
  ].join('\n\n');
  const chunks = chunkMarkdown(body);

  it('gives every chunk its heading path', () => {
    checkInvariants(body, chunks);
    const byTag = (tag: string): Chunk => chunks.find((c) => c.text.includes(`Sentence ${tag}0 `))!;
    expect(chunks[0]!.headingPath).toEqual([]);
    expect(byTag('a').headingPath).toEqual(['Project']);
    expect(byTag('b').headingPath).toEqual(['Project', 'Design']);
    expect(byTag('c').headingPath).toEqual(['Project', 'Design', 'Storage']);
    expect(byTag('d').headingPath).toEqual(['Project', 'Risks']);
    expect(byTag('e').headingPath).toEqual(['Project', 'Risks', 'Skipped level']);
    expect(byTag('f').headingPath).toEqual(['Next']);
  });

  it('never lets a chunk cross a heading, and starts sections with their heading line', () => {
    for (const c of chunks) {
      const own = body.slice(c.start, c.end);
      const headingLines = own.split('\n').filter((l) => /^#{1,6} /.test(l));
      expect(headingLines.length).toBeLessThanOrEqual(1);
      if (headingLines.length === 1) expect(own.startsWith(headingLines[0]!)).toBe(true);
    }
    expect(chunks.find((c) => c.headingPath.at(-1) === 'Storage')!.text.startsWith('### Storage')).toBe(true);
  });

  it('does not treat #hashtags, #-lines in code fences or 7 hashes as headings', () => {
    const b = [
      '# Real',
      sentences(14, 'r'),
      '#tag and #another are tags',
      '####### seven',
      '```md\n# not a heading\n```',
      sentences(14, 't'),
    ].join('\n\n');
    const cs = chunkMarkdown(b);
    checkInvariants(b, cs);
    expect(cs.length).toBeGreaterThan(1);
    for (const c of cs) expect(c.headingPath).toEqual(['Real']);
  });

  it('supports setext headings', () => {
    const b = `Overview\n========\n\n${sentences(14, 'o')}\n\nDetails\n-------\n\n${sentences(14, 'd')}`;
    const cs = chunkMarkdown(b);
    checkInvariants(b, cs);
    expect(cs.find((c) => c.text.includes('Sentence o0 '))!.headingPath).toEqual(['Overview']);
    expect(cs.find((c) => c.text.includes('Sentence d0 '))!.headingPath).toEqual(['Overview', 'Details']);
  });

  it('merges a heading that only has sub-sections into the first sub-section', () => {
    const b = `# Book\n\n## Chapter 1\n\n${sentences(14, 'x')}\n\n## Chapter 2\n\n${sentences(14, 'y')}`;
    const cs = chunkMarkdown(b);
    expect(cs[0]!.text.startsWith('# Book\n\n## Chapter 1')).toBe(true);
    expect(cs[0]!.headingPath).toEqual(['Book', 'Chapter 1']);
    expect(cs.every((c) => !/^# Book\s*$/.test(c.text))).toBe(true);
  });

  it('leaves out a first heading that repeats the title', () => {
    const b = `# Groceries\n\n${sentences(14, 'g')}\n\n## Dairy\n\n${sentences(14, 'h')}`;
    const titled = chunkMarkdown(b, { title: 'groceries' });
    expect(titled[0]!.headingPath).toEqual([]);
    expect(titled.find((c) => c.text.includes('Sentence h0 '))!.headingPath).toEqual(['Dairy']);
    const other = chunkMarkdown(b, { title: 'Shopping' });
    expect(other[0]!.headingPath).toEqual(['Groceries']);
    expect(other.find((c) => c.text.includes('Sentence h0 '))!.headingPath).toEqual(['Groceries', 'Dairy']);
  });
});

describe('chunkMarkdown: sizes', () => {
  it('groups short paragraphs up to the target without exceeding max', () => {
    const paras = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}. ${sentences(2, `p${i}-`)}`);
    const body = paras.join('\n\n');
    const cs = chunkMarkdown(body, { overlapChars: 0 });
    checkInvariants(body, cs);
    expect(cs.length).toBeGreaterThan(2);
    for (const c of cs.slice(0, -1)) {
      expect(c.text.length).toBeLessThanOrEqual(800);
      expect(c.text.length).toBeGreaterThan(400); // grouped, not one paragraph per chunk
      // paragraph boundaries are respected
      expect(c.text.startsWith('Paragraph ')).toBe(true);
    }
    // every paragraph lands in exactly one chunk
    for (let i = 0; i < paras.length; i++) {
      expect(cs.filter((c) => c.text.includes(`Paragraph ${i}.`))).toHaveLength(1);
    }
  });

  it('honours custom target and max', () => {
    const body = sentences(60);
    const cs = chunkMarkdown(body, { targetChars: 200, maxChars: 300, overlapChars: 0 });
    checkInvariants(body, cs, 300);
    for (const c of cs) expect(c.text.length).toBeLessThanOrEqual(300);
    expect(cs.length).toBeGreaterThanOrEqual(10);
  });

  it('splits a very long paragraph at sentence boundaries', () => {
    const body = sentences(80); // ~4000 chars, one paragraph
    const cs = chunkMarkdown(body);
    checkInvariants(body, cs);
    expect(cs.length).toBeGreaterThanOrEqual(4);
    for (const c of cs) {
      expect(c.end - c.start).toBeLessThanOrEqual(1500);
      expect(body.slice(c.start, c.end)).toMatch(/^Sentence s\d+ /);
      expect(body.slice(c.start, c.end)).toMatch(/here\.$/);
    }
  });

  it('splits a single endless sentence at word boundaries', () => {
    const body = Array.from({ length: 800 }, (_, i) => `w${i}`).join(' '); // ~4000 chars, no punctuation
    const cs = chunkMarkdown(body, { overlapChars: 0 });
    checkInvariants(body, cs);
    for (const c of cs) {
      expect(c.text.length).toBeLessThanOrEqual(1500);
      expect(c.text).toMatch(/^w\d+( w\d+)*$/);
    }
    expect(cs.map((c) => c.text).join(' ')).toBe(body);
  });

  it('hard-cuts a giant token with no whitespace', () => {
    const body = 'x'.repeat(4000);
    const cs = chunkMarkdown(body, { overlapChars: 0 });
    expect(cs.map((c) => c.text).join('')).toBe(body);
    for (const c of cs) expect(c.text.length).toBeLessThanOrEqual(1500);
  });

  it('splits long lists at item lines', () => {
    const body = Array.from({ length: 80 }, (_, i) => `- item ${i} ${'lorem '.repeat(5)}`).join('\n');
    const cs = chunkMarkdown(body, { overlapChars: 0 });
    checkInvariants(body, cs);
    expect(cs.length).toBeGreaterThan(1);
    for (const c of cs) expect(c.text.startsWith('- item ')).toBe(true);
  });
});

describe('chunkMarkdown: code blocks and tables', () => {
  const code = '```python\n' + Array.from({ length: 100 }, (_, i) => `print("line ${i} ...")`).join('\n') + '\n```';

  it('keeps a long fenced code block whole, together with its heading', () => {
    expect(code.length).toBeGreaterThan(1500);
    const body = `# Intro\n\n${sentences(14)}\n\n## Script\n\n${code}\n\n${sentences(3, 'after')}`;
    const cs = chunkMarkdown(body);
    checkInvariants(body, cs);
    const withCode = cs.filter((c) => body.slice(c.start, c.end).includes('print("line 0'));
    expect(withCode).toHaveLength(1);
    expect(body.slice(withCode[0]!.start, withCode[0]!.end)).toContain(code);
    expect(withCode[0]!.text.startsWith('## Script')).toBe(true);
    expect(withCode[0]!.headingPath).toEqual(['Intro', 'Script']);
  });

  it('does not end a ``` fence on ~~~ or on a shorter fence, and handles ~~~ fences', () => {
    const inner = '````\n```\n# not heading\n~~~\n' + 'x = 1\n'.repeat(300) + '````';
    const body = `# H\n\n${inner}\n\n~~~\n${'y = 2\n'.repeat(300)}~~~`;
    const cs = chunkMarkdown(body);
    checkInvariants(body, cs);
    expect(cs).toHaveLength(2);
    expect(body.slice(cs[0]!.start, cs[0]!.end)).toBe(`# H\n\n${inner}`);
    expect(cs.every((c) => c.headingPath.join() === 'H')).toBe(true);
  });

  it('runs an unclosed fence to the end of the note', () => {
    const body = `Intro. ${sentences(15)}\n\n\`\`\`\n# inside\n${'z\n'.repeat(800)}`;
    const cs = chunkMarkdown(body);
    checkInvariants(body, cs);
    expect(cs.every((c) => c.headingPath.length === 0)).toBe(true);
  });

  it('splits a code block larger than the hard cap by lines', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `let v${i} = compute(${i}); // step`);
    const huge = '```js\n' + lines.join('\n') + '\n```';
    expect(huge.length).toBeGreaterThan(6000);
    const cs = chunkMarkdown(huge, { overlapChars: 0 });
    checkInvariants(huge, cs);
    expect(cs.length).toBeGreaterThan(4);
    for (const c of cs) {
      expect(c.text.length).toBeLessThanOrEqual(1500);
      // cut only at line boundaries
      expect(c.start === 0 || huge[c.start - 1] === '\n').toBe(true);
      expect(c.end === huge.length || huge[c.end] === '\n').toBe(true);
    }
    const cap = chunkMarkdown(huge, { hardMaxChars: 100_000 });
    expect(cap).toHaveLength(1);
  });

  it('keeps a long table whole and recognises tables without a blank line before them', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| ${i} | name ${i} | some value text |`);
    const table = ['| id | name | value |', '|---:|:-----|-------|', ...rows].join('\n');
    expect(table.length).toBeGreaterThan(1500);
    const body = `${sentences(14)}\nTable follows:\n${table}\n\n${sentences(14, 'z')}`;
    const cs = chunkMarkdown(body);
    checkInvariants(body, cs);
    const holding = cs.filter((c) => body.slice(c.start, c.end).includes('| 0 | name 0'));
    expect(holding).toHaveLength(1);
    expect(body.slice(holding[0]!.start, holding[0]!.end)).toContain(table);
    expect(body.slice(holding[0]!.start, holding[0]!.end)).not.toContain('Sentence s0 ');
  });
});

describe('chunkMarkdown: overlap', () => {
  const body = `# Log\n\n${sentences(40, 'a')}\n\n# Other\n\n${sentences(40, 'b')}`;
  const cs = chunkMarkdown(body);

  it('carries the last sentence(s) of the previous chunk into later chunks of a section', () => {
    checkInvariants(body, cs);
    let overlapped = 0;
    for (let i = 1; i < cs.length; i++) {
      const c = cs[i]!;
      const prev = cs[i - 1]!;
      const overlapLen = c.text.length - (c.end - c.start);
      const sameSection = c.headingPath.join('/') === prev.headingPath.join('/');
      if (!sameSection) {
        expect(overlapLen).toBe(0);
        expect(c.text).toBe(body.slice(c.start, c.end));
        continue;
      }
      overlapped++;
      const carried = c.text.slice(0, overlapLen).trimEnd();
      expect(carried.length).toBeGreaterThan(0);
      expect(carried.length).toBeLessThanOrEqual(120);
      // the carried text is a tail of the previous chunk that starts a sentence
      expect(prev.text.endsWith(carried)).toBe(true);
      expect(carried).toMatch(/^Sentence [ab]\d+ .*here\.$/);
    }
    expect(overlapped).toBeGreaterThan(2);
  });

  it('respects a custom overlap size and can be disabled', () => {
    const wide = chunkMarkdown(body, { overlapChars: 300 });
    const some = wide.slice(1).filter((c) => c.text.length > c.end - c.start);
    expect(some.length).toBeGreaterThan(0);
    for (const c of some) {
      const carried = c.text.slice(0, c.text.length - (c.end - c.start)).trimEnd();
      expect(carried.length).toBeLessThanOrEqual(300);
      expect(carried.length).toBeGreaterThan(120); // more than one ~50-char sentence fits
    }
    const none = chunkMarkdown(body, { overlapChars: 0 });
    for (const c of none) expect(c.text).toBe(body.slice(c.start, c.end));
  });

  it('falls back to a word boundary when the last sentence is longer than the overlap', () => {
    const long = Array.from({ length: 700 }, (_, i) => `t${i}`).join(' ');
    const cs2 = chunkMarkdown(long);
    expect(cs2.length).toBeGreaterThan(1);
    const c = cs2[1]!;
    const carried = c.text.slice(0, c.text.length - (c.end - c.start)).trimEnd();
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.length).toBeLessThanOrEqual(120);
    expect(carried).toMatch(/^t\d+( t\d+)*$/);
    expect(cs2[0]!.text.endsWith(carried)).toBe(true);
  });
});

describe('chunkMarkdown: robustness and speed', () => {
  it('handles CRLF line endings', () => {
    const body = `# A\r\n\r\n${sentences(20, 'a')}\r\n\r\n## B\r\n\r\n${sentences(20, 'b')}\r\n`;
    const cs = chunkMarkdown(body);
    checkInvariants(body, cs);
    expect(cs.find((c) => c.text.includes('Sentence b0 '))!.headingPath).toEqual(['A', 'B']);
    for (const c of cs) expect(c.headingPath.join('')).not.toContain('\r');
  });

  it('keeps invariants on randomised documents', () => {
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const parts = [
      () => `${'#'.repeat(1 + rnd(6))} Heading ${rnd(100)}`,
      () => sentences(1 + rnd(40), `r${rnd(9)}`),
      () => '```\n' + 'code line\n'.repeat(rnd(300)) + '```',
      () => '| a | b |\n|---|---|\n' + '| 1 | 2 |\n'.repeat(rnd(200)),
      () => Array.from({ length: 1 + rnd(30) }, () => `- item ${rnd(1000)}`).join('\n'),
      () => 'x'.repeat(rnd(3000)),
      () => '',
    ];
    for (let doc = 0; doc < 40; doc++) {
      const body = Array.from({ length: 1 + rnd(25) }, () => parts[rnd(parts.length)]!()).join('\n\n');
      const cs = chunkMarkdown(body);
      checkInvariants(body, cs);
      // All non-whitespace text is covered by some chunk.
      const covered = cs.map((c) => body.slice(c.start, c.end)).join('');
      expect(covered.replace(/\s/g, '')).toBe(body.replace(/\s/g, ''));
    }
  });

  // Speed lives in bench/; this only checks a very large note keeps every invariant.
  it('chunks a 1 MB note correctly', () => {
    const section = (i: number): string => `## Part ${i}\n\n${sentences(30, `p${i}-`)}\n\n${'```\n' + 'code\n'.repeat(50) + '```'}`;
    const body = Array.from({ length: 600 }, (_, i) => section(i)).join('\n\n');
    expect(body.length).toBeGreaterThan(900_000);
    const cs = chunkMarkdown(body);
    expect(cs.length).toBeGreaterThan(600);
    checkInvariants(body, cs);
  });
});
