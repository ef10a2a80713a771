import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from './events';

describe('createBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gathers a burst into one flush of each handler, at most `ms` after the first', () => {
    const flush = vi.fn();
    const b = createBatcher(flush, 800);
    b.add(['media.detail', 'dashboard.get']);
    vi.advanceTimersByTime(500);
    b.add(['timeline.day', 'media.detail']);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(flush.mock.calls[0]![0]).toEqual(['media.detail', 'dashboard.get', 'timeline.day']);
  });

  it('starts a new batch after a flush', () => {
    const flush = vi.fn();
    const b = createBatcher(flush, 800);
    b.add(['a']);
    vi.advanceTimersByTime(800);
    b.add(['b']);
    vi.advanceTimersByTime(800);
    expect(flush.mock.calls).toEqual([[['a']], [['b']]]);
  });

  it('drops what is pending on cancel, and still works afterwards', () => {
    const flush = vi.fn();
    const b = createBatcher(flush, 800);
    b.add(['a']);
    b.cancel();
    vi.advanceTimersByTime(2000);
    expect(flush).not.toHaveBeenCalled();
    b.add(['b']);
    vi.advanceTimersByTime(800);
    expect(flush).toHaveBeenCalledWith(['b']);
  });
});
