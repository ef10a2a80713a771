import { describe, expect, it } from 'vitest';
import { acceptToken, displayableStream, startStream } from './stream';

const S1 = 'session-1';
const tok = (text: string, messageId = 'm1', sessionId = S1) => ({ sessionId, messageId, text });

describe('streamed answers', () => {
  it('joins the pieces of one answer in order', () => {
    let s = startStream(S1);
    for (const t of ['Feed ', 'it daily', ' [1].']) s = acceptToken(s, tok(t));
    expect(s).toEqual({ sessionId: S1, messageId: 'm1', text: 'Feed it daily [1].' });
  });

  it('ignores other sessions, and other answers once one is followed', () => {
    let s = startStream(S1);
    s = acceptToken(s, tok('elsewhere', 'mx', 'session-2'));
    expect(s.text).toBe('');
    s = acceptToken(s, tok('mine'));
    s = acceptToken(s, tok(' theirs', 'm2'));
    expect(s.text).toBe('mine');
  });

  it('follows the first answer heard in a new chat, which names the session', () => {
    let s = startStream();
    s = acceptToken(s, tok('Hi', 'm9', 'new-session'));
    s = acceptToken(s, tok(' there', 'm9', 'new-session'));
    s = acceptToken(s, tok('no', 'm8', 'other'));
    expect(s).toEqual({ sessionId: 'new-session', messageId: 'm9', text: 'Hi there' });
  });

  it('returns the same state for a piece it drops, so nothing re-renders', () => {
    const s = acceptToken(startStream(S1), tok('a'));
    expect(acceptToken(s, tok('b', 'm2'))).toBe(s);
  });

  it('holds back half-written citations and emphasis', () => {
    expect(displayableStream('Feed it [1')).toBe('Feed it ');
    expect(displayableStream('Feed it [1, ')).toBe('Feed it ');
    expect(displayableStream('Feed it [1]')).toBe('Feed it [1]');
    expect(displayableStream('A [note')).toBe('A [note');
    expect(displayableStream('Very **')).toBe('Very ');
    expect(displayableStream('')).toBe('');
  });
});
