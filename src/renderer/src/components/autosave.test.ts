import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver, flushAllAutosavers, registerAutosaver } from './autosave';

type Patch = { title?: string; body?: string };

describe('createAutosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, after the typing stops, with every field that changed', async () => {
    const save = vi.fn(async (_: Patch) => {});
    const saver = createAutosaver<Patch>({ save, delay: 500 });
    saver.change({ title: 'A' });
    await vi.advanceTimersByTimeAsync(300);
    saver.change({ body: 'x' });
    saver.change({ body: 'xy' });
    expect(saver.state).toBe('dirty');
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledExactlyOnceWith({ title: 'A', body: 'xy' });
    expect(saver.state).toBe('saved');
  });

  it('flush saves at once and nothing is left for the timer', async () => {
    const save = vi.fn(async (_: Patch) => {});
    const saver = createAutosaver<Patch>({ save, delay: 500 });
    saver.change({ body: 'typed' });
    await saver.flush();
    expect(save).toHaveBeenCalledExactlyOnceWith({ body: 'typed' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('never overlaps saves: edits during a save go out after it, in order', async () => {
    const order: Patch[] = [];
    let release!: () => void;
    const save = vi.fn((p: Patch) => {
      order.push(p);
      return order.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    });
    const saver = createAutosaver<Patch>({ save, delay: 100 });
    saver.change({ body: 'one' });
    const first = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state).toBe('saving');
    saver.change({ body: 'two' });
    const second = saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual([{ body: 'one' }, { body: 'two' }]);
    expect(saver.state).toBe('saved');
  });

  it('keeps failed edits, lets newer ones win, reports and retries', async () => {
    const onError = vi.fn();
    const save = vi.fn<(p: Patch) => Promise<void>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const saver = createAutosaver<Patch>({ save, delay: 100, retryDelay: 1000, onError });
    const states: string[] = [];
    saver.subscribe((s) => states.push(s));
    saver.change({ title: 'T', body: 'old' });
    await saver.flush();
    expect(saver.state).toBe('error');
    expect(onError).toHaveBeenCalledOnce();
    saver.change({ body: 'new' });
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenLastCalledWith({ title: 'T', body: 'new' });
    expect(saver.state).toBe('saved');
    expect(states).toEqual(['dirty', 'saving', 'error', 'dirty', 'saving', 'saved']);
  });

  it('flushAllAutosavers saves open editors and waits for closed ones to finish', async () => {
    let release!: () => void;
    const slow = vi.fn((_: Patch) => new Promise<void>((r) => (release = r)));
    const fast = vi.fn(async (_: Patch) => {});
    const closed = createAutosaver<Patch>({ save: slow, delay: 1000 });
    const open = createAutosaver<Patch>({ save: fast, delay: 1000 });
    const closeFirst = registerAutosaver(closed);
    registerAutosaver(open);
    closed.change({ body: 'last words' });
    open.change({ body: 'typing' });
    void closeFirst();
    let done = false;
    const all = flushAllAutosavers().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(fast).toHaveBeenCalledWith({ body: 'typing' });
    expect(done).toBe(false);
    release();
    await all;
    expect(slow).toHaveBeenCalledExactlyOnceWith({ body: 'last words' });
  });
});
