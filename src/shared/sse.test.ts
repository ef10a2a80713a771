import { describe, expect, it } from 'vitest';
import { parseSse } from './sse';

describe('parseSse', () => {
  it('reads named events, joins multi-line data, skips comments and keeps an unfinished message', () => {
    const { messages, rest } = parseSse(': hi\n\nevent: a\ndata: {"x":1}\n\r\ndata: one\ndata:two\n\nevent: b\ndata: par');
    expect(messages).toEqual([
      { event: 'a', data: '{"x":1}' },
      { event: 'message', data: 'one\ntwo' },
    ]);
    expect(rest).toBe('event: b\ndata: par');
    expect(parseSse(`${rest}tial\n\n`).messages).toEqual([{ event: 'b', data: 'partial' }]);
  });
});
