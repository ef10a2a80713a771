import { describe, expect, it } from 'vitest';
import { formatElapsed, levelOf, localIso, microphoneError, pickRecordingFormat, voiceNoteFileName } from './recording';

describe('pickRecordingFormat', () => {
  it('prefers Opus in MP4 (the engine reads an .m4a as a recording), then Ogg, then WebM', () => {
    const chromium = new Set(['audio/mp4', 'audio/mp4;codecs=opus', 'audio/webm', 'audio/webm;codecs=opus']);
    expect(pickRecordingFormat((t) => chromium.has(t))).toEqual({ mimeType: 'audio/mp4;codecs=opus', extension: 'm4a', fileType: 'audio/mp4' });
    expect(pickRecordingFormat((t) => t === 'audio/ogg;codecs=opus')).toMatchObject({ extension: 'ogg' });
    expect(pickRecordingFormat((t) => t.startsWith('audio/webm'))).toMatchObject({ mimeType: 'audio/webm;codecs=opus', extension: 'webm' });
    expect(pickRecordingFormat(() => false)).toEqual({ mimeType: '', extension: 'webm', fileType: 'audio/webm' });
  });
});

describe('the clock, the meter and the name', () => {
  it('formats elapsed time as m:ss, with hours when needed', () => {
    expect([0, 999, 3_000, 65_000, 754_000, 3_723_000].map(formatElapsed)).toEqual(['0:00', '0:00', '0:03', '1:05', '12:34', '1:02:03']);
  });

  it('reads silence as 0 and a loud signal as full', () => {
    expect(levelOf(new Uint8Array(256).fill(128))).toBe(0);
    expect(levelOf(Uint8Array.from({ length: 256 }, (_, i) => (i % 2 ? 255 : 0)))).toBe(1);
    const quiet = levelOf(Uint8Array.from({ length: 256 }, (_, i) => (i % 2 ? 136 : 120)));
    expect(quiet).toBeGreaterThan(0.1);
    expect(quiet).toBeLessThan(0.5);
    expect(levelOf(new Uint8Array())).toBe(0);
  });

  it('names the note by its local start time, without characters file systems refuse', () => {
    const name = voiceNoteFileName(new Date(2024, 4, 1, 9, 3, 7), 'm4a');
    expect(name).toBe('Voice note 2024-05-01 09.03.m4a');
    expect(name).not.toMatch(/[:/\\]/);
  });

  it('gives the start time with the local offset', () => {
    const d = new Date(2024, 4, 1, 9, 3, 7);
    const iso = localIso(d);
    expect(iso).toMatch(/^2024-05-01T09:03:07[+-]\d\d:\d\d$/);
    expect(new Date(iso).getTime()).toBe(d.getTime());
  });
});

describe('microphoneError', () => {
  it('says what to do for a refusal, a missing microphone, a busy one, and an insecure page', () => {
    expect(microphoneError({ name: 'NotAllowedError' })).toMatch(/may not use the microphone/);
    expect(microphoneError({ name: 'NotFoundError' })).toMatch(/No microphone was found/);
    expect(microphoneError({ name: 'NotReadableError' })).toMatch(/in use by another app/);
    expect(microphoneError({ name: 'NotSupportedError' })).toMatch(/secure address/);
    expect(microphoneError(new Error('boom'))).toBe('The recording could not start: boom');
  });
});
