import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../router';

describe('chat and review routes', () => {
  it('reads and writes a chat with and without a session', () => {
    expect(parseRoute('#/chat')).toEqual({ screen: 'chat', id: undefined });
    expect(parseRoute('#/chat/7e6c1dbe-ed06-4dbe-8f7f-c12ac13d90c5')).toEqual({ screen: 'chat', id: '7e6c1dbe-ed06-4dbe-8f7f-c12ac13d90c5' });
    expect(routeHref({ screen: 'chat' })).toBe('#/chat');
    expect(routeHref({ screen: 'chat', id: 'abc' })).toBe('#/chat/abc');
  });

  it('reads and writes the review screen', () => {
    expect(parseRoute('#/review')).toEqual({ screen: 'review' });
    expect(routeHref({ screen: 'review' })).toBe('#/review');
  });
});
