import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../router';

describe('timeline and dashboard routes', () => {
  it('reads and writes the timeline with and without a day', () => {
    expect(parseRoute('#/timeline')).toEqual({ screen: 'timeline', date: undefined });
    expect(parseRoute('#/timeline/2008-10-22')).toEqual({ screen: 'timeline', date: '2008-10-22' });
    expect(routeHref({ screen: 'timeline' })).toBe('#/timeline');
    expect(routeHref({ screen: 'timeline', date: '2008-10-22' })).toBe('#/timeline/2008-10-22');
  });
  it('reads and writes the dashboard', () => {
    expect(parseRoute('#/dashboard')).toEqual({ screen: 'dashboard' });
    expect(routeHref({ screen: 'dashboard' })).toBe('#/dashboard');
  });
  it('leaves the other routes as they were', () => {
    expect(parseRoute('#/journal/2026-01-05')).toEqual({ screen: 'journal', date: '2026-01-05' });
    expect(parseRoute('#/notes/abc')).toEqual({ screen: 'notes', id: 'abc' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'notes' });
  });
});
