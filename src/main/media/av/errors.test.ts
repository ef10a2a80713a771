import { describe, expect, it } from 'vitest';
import { assertDuration, AvError, formatDuration } from './errors';
import { MediaStepError } from '../step-error';

describe('assertDuration', () => {
  it('refuses a video over the limit, saying both lengths and where to change the limit', () => {
    let error: unknown;
    try {
      assertDuration({ durationSec: 2 * 3600 + 5 * 60, hasVideo: true }, 3600);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AvError);
    expect(error).toBeInstanceOf(MediaStepError);
    expect(error).toMatchObject({
      reason: 'too_long',
      code: 'invalid_input',
      message: 'The video is 2 h 05 min long; the limit is 1 h (change it in Settings → Media)',
    });
  });

  it('calls sound alone a recording', () => {
    expect(() => assertDuration({ durationSec: 50 * 60, hasVideo: false }, 30 * 60)).toThrow(
      'The recording is 50 min long; the limit is 30 min',
    );
  });

  it('lets through files within the limit and files of unknown length', () => {
    expect(() => assertDuration({ durationSec: 3600, hasVideo: true }, 3600)).not.toThrow();
    expect(() => assertDuration({ durationSec: null, hasVideo: true }, 60)).not.toThrow();
  });
});

describe('formatDuration', () => {
  it.each([
    [0.4, '1 s'],
    [50, '50 s'],
    [60, '1 min'],
    [45 * 60, '45 min'],
    [3600, '1 h'],
    [3600.5, '1 h 01 min'],
    [7500, '2 h 05 min'],
    [10 * 3600 + 59 * 60 + 30, '11 h'],
  ])('%s s reads "%s"', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
