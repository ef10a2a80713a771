import { describe, expect, it } from 'vitest';
import { MediaSettings } from '../../../../shared/media-schemas';
import { distanceWords, formFromSettings, toSettings } from './media-form';

const defaults = MediaSettings.parse({});

describe('media settings form', () => {
  it('round-trips the saved settings', () => {
    const saved = { ...defaults, storageBudgetGb: 50, retentionDays: 365 };
    expect(toSettings(formFromSettings(saved))).toEqual({ settings: saved });
    expect(toSettings(formFromSettings(defaults))).toEqual({ settings: defaults });
  });

  it('reads empty budget and retention as none, and a decimal comma', () => {
    const form = { ...formFromSettings(defaults), storageBudgetGb: ' 2,5 ', retentionDays: '' };
    expect(toSettings(form)).toEqual({ settings: { ...defaults, storageBudgetGb: 2.5, retentionDays: null } });
  });

  it('names each field that is out of range or not a number, in words', () => {
    const result = toSettings({ ...formFromSettings(defaults), maxFileMb: '0', maxVideoMinutes: '1.5', maxDistance: 'close', windowHours: '', retentionDays: '-3' });
    expect(result).toEqual({
      errors: {
        maxFileMb: 'Write a number between 1 and 100,000 MB',
        maxVideoMinutes: 'Write a whole number between 1 and 1,440 minutes',
        maxDistance: 'Write a number between 0 and 32',
        windowHours: 'Write a number between 0 and 8,760 hours',
        retentionDays: 'Write a number between 1 and 100,000 days',
      },
    });
  });

  it('produces what the engine accepts', () => {
    const result = toSettings({ ...formFromSettings(defaults), maxFileMb: '100', ocr: false });
    expect('settings' in result && MediaSettings.parse(result.settings)).toMatchObject({ maxFileMb: 100, steps: { ocr: false, vision: true } });
  });

  it('explains the near-duplicate threshold', () => {
    expect(distanceWords('0')).toMatch(/identical/);
    expect(distanceWords('10')).toMatch(/Close shots/);
    expect(distanceWords('30')).toMatch(/Loose/);
    expect(distanceWords('')).toBe('');
  });
});
