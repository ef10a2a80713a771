import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type SaveState } from './autosave';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(save: (v: string) => Promise<void> = async () => {}) {
  const saved: string[] = [];
  const states: SaveState[] = [];
  const autosave = createAutosave<string>(
    async (v) => {
      await save(v);
      saved.push(v);
    },
    500,
    (s) => states.push(s),
  );
  return { autosave, saved, states };
}

describe('autosave', () => {
  it('saves once after typing pauses, with the last value', async () => {
    const { autosave, saved, states } = setup();
    autosave.schedule('a');
    await vi.advanceTimersByTimeAsync(300);
    autosave.schedule('ab');
    await vi.advanceTimersByTimeAsync(499);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(['ab']);
    expect(states.at(-1)).toBe('saved');
  });

  it('flushes at once on blur or unmount, and then has nothing left to save', async () => {
    const { autosave, saved } = setup();
    autosave.schedule('draft');
    await autosave.flush();
    expect(saved).toEqual(['draft']);
    await vi.advanceTimersByTimeAsync(1000);
    await autosave.flush();
    expect(saved).toEqual(['draft']);
  });

  it('never overlaps saves: a change during a slow save is saved after it', async () => {
    let release!: () => void;
    const slow = vi.fn((v: string) => (v === 'one' ? new Promise<void>((r) => (release = r)) : Promise.resolve()));
    const { autosave, saved, states } = setup(slow);
    autosave.schedule('one');
    await vi.advanceTimersByTimeAsync(500);
    autosave.schedule('two');
    const done = autosave.flush();
    expect(slow).toHaveBeenCalledTimes(1);
    release();
    await done;
    expect(saved).toEqual(['one', 'two']);
    expect(states.at(-1)).toBe('saved');
  });

  it('reports a failed save and keeps working for the next change', async () => {
    const { autosave, saved, states } = setup(async (v) => {
      if (v === 'bad') throw new Error('offline');
    });
    autosave.schedule('bad');
    await autosave.flush();
    expect(states.at(-1)).toBe('failed');
    autosave.schedule('good');
    await autosave.flush();
    expect(saved).toEqual(['good']);
    expect(states.at(-1)).toBe('saved');
  });

  it('drops a pending change on cancel', async () => {
    const { autosave, saved } = setup();
    autosave.schedule('x');
    autosave.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual([]);
  });
});
