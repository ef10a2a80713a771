import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt';

describe('excerpt', () => {
  it('reads markdown as plain text on one line', () => {
    const md = '# Morning\n\n- walked to the **harbour**\n- read [a paper](https://x.org) on [[Sleep|sleep]]\n\n> quiet day';
    expect(excerpt(md)).toBe('Morning walked to the harbour read a paper on sleep quiet day');
  });

  it('keeps code text but drops fences and tasks markers', () => {
    expect(excerpt('- [x] fix `npm ci`\n```sh\nls -la\n```')).toBe('fix npm ci ls -la');
  });

  it('cuts long text between words with an ellipsis', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta';
    expect(excerpt(text, 20)).toBe('alpha beta gamma…');
    expect(excerpt(text, 100)).toBe(text);
  });

  it('cuts a single long word where it must', () => {
    expect(excerpt('x'.repeat(50), 10)).toBe(`${'x'.repeat(10)}…`);
  });

  it('gives an empty string for an empty body', () => {
    expect(excerpt('  \n\n')).toBe('');
  });
});
