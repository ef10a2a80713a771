import { describe, expect, it } from 'vitest';
import { CONFIDENCE, REJECTED_PENALTY, resolveEventTime } from './event-time';
import { type CaptureTime, readPhotoMetadata } from './metadata';
import { read } from './test-support';

const NOW = new Date('2026-01-01T00:00:00Z');
const naive = (local: string): CaptureTime => ({ local, naive: true, tag: 'DateTimeOriginal' });
const resolve = (candidates: Parameters<typeof resolveEventTime>[0]) =>
  resolveEventTime({ libraryTimeZone: 'Europe/Berlin', ...candidates }, NOW);

describe('resolveEventTime', () => {
  it('trusts a capture time with its own offset most', () => {
    const capture: CaptureTime = { local: '2021-04-11T15:47:53.054', offsetMinutes: -300, naive: false, tag: 'DateTimeOriginal' };
    expect(resolve({ capture, sidecarTime: '2000-01-01T00:00:00Z', fileModifiedAt: 0 })).toEqual({
      at: '2021-04-11T20:47:53.054Z',
      offsetMinutes: -300,
      source: 'exif',
      confidence: CONFIDENCE.exif,
    });
  });

  it("finds a naive time's offset from the file's GPS clock, then the sidecar, then the client, then the library", () => {
    const capture = naive('2015-04-10T20:12:23.550');
    expect(resolve({ capture, gpsTime: '2015-04-10T18:12:23.060Z', clientOffsetMinutes: -420 })).toMatchObject({
      at: '2015-04-10T18:12:23.550Z', offsetMinutes: 120, source: 'exif', offsetFrom: 'gps', confidence: CONFIDENCE.exifWithGpsOffset,
    });
    expect(resolve({ capture, sidecarTime: '2015-04-10T15:12:23Z', clientOffsetMinutes: -420 })).toMatchObject({
      at: '2015-04-10T15:12:23.550Z', offsetMinutes: 300, source: 'exif-naive', offsetFrom: 'sidecar',
    });
    expect(resolve({ capture, clientOffsetMinutes: -420 })).toMatchObject({
      at: '2015-04-11T03:12:23.550Z', offsetMinutes: -420, source: 'exif-naive', offsetFrom: 'client', confidence: CONFIDENCE.exifWithClientOffset,
    });
    expect(resolve({ capture })).toMatchObject({
      at: '2015-04-10T18:12:23.550Z', offsetMinutes: 120, source: 'exif-naive', offsetFrom: 'library', confidence: CONFIDENCE.exifWithLibraryZone,
    });
  });

  it('resolves a naive time in the library zone with the offset of that date, not of today', () => {
    expect(resolve({ capture: naive('2020-01-15T12:00:00') })).toMatchObject({ at: '2020-01-15T11:00:00.000Z', offsetMinutes: 60 });
    expect(resolve({ capture: naive('2020-07-15T12:00:00') })).toMatchObject({ at: '2020-07-15T10:00:00.000Z', offsetMinutes: 120 });
    expect(resolveEventTime({ capture: naive('2020-07-15T12:00:00'), libraryTimeZone: 'Asia/Kolkata' }, NOW)).toMatchObject({
      at: '2020-07-15T06:30:00.000Z', offsetMinutes: 330,
    });
  });

  it('does not believe a GPS clock that is off by more than a zone offset', () => {
    const result = resolve({ capture: naive('2008-10-22T16:28:39'), gpsTime: '2008-10-23T14:27:07.240Z', clientOffsetMinutes: 120 });
    expect(result).toMatchObject({ at: '2008-10-22T14:28:39.000Z', offsetFrom: 'client', confidence: CONFIDENCE.exifWithClientOffset - REJECTED_PENALTY });
    expect(result?.rejected).toEqual([
      'GPS time 2008-10-23T14:27:07.240Z does not match the capture time by a time-zone offset',
    ]);
  });

  it('falls back in order: GPS time alone, sidecar, upload time, file time', () => {
    const sidecarTime = '2019-07-04T16:15:12.000Z';
    const uploadTime = '2019-07-05T09:00:00+02:00';
    const fileModifiedAt = new Date('2024-03-01T08:00:00Z');
    expect(resolve({ gpsTime: '2022-02-03T14:44:09.000Z', sidecarTime })).toEqual({
      at: '2022-02-03T14:44:09.000Z', source: 'exif', confidence: CONFIDENCE.gpsOnly,
    });
    expect(resolve({ sidecarTime, uploadTime, fileModifiedAt })).toEqual({ at: sidecarTime, source: 'sidecar', confidence: CONFIDENCE.sidecar });
    expect(resolve({ uploadTime, fileModifiedAt })).toEqual({
      at: '2019-07-05T07:00:00.000Z', offsetMinutes: 120, source: 'upload', confidence: CONFIDENCE.upload,
    });
    expect(resolve({ uploadTime: '2019-07-05T09:00', clientOffsetMinutes: -240 })).toMatchObject({ at: '2019-07-05T13:00:00.000Z', offsetMinutes: -240 });
    expect(resolve({ fileModifiedAt })).toEqual({ at: '2024-03-01T08:00:00.000Z', source: 'file', confidence: CONFIDENCE.file });
    expect(resolve({ fileModifiedAt: 0 })).toBeUndefined();
    expect(resolve({})).toBeUndefined();
  });

  it('skips times from a clock set in the future, saying so', () => {
    const result = resolve({ capture: naive('2031-05-01T10:00:00'), fileModifiedAt: '2025-06-01T10:00:00Z' });
    expect(result).toMatchObject({ at: '2025-06-01T10:00:00.000Z', source: 'file', confidence: 0.1 });
    expect(result?.rejected).toEqual(['DateTimeOriginal 2031-05-01T08:00:00.000Z is in the future']);
  });

  it('ignores an impossible client offset', () => {
    expect(resolve({ capture: naive('2020-07-15T12:00:00'), clientOffsetMinutes: 2000 })).toMatchObject({ offsetFrom: 'library' });
  });
});

describe('resolveEventTime on fixture photos', () => {
  const resolveFile = async (file: string) => {
    const meta = await readPhotoMetadata(read(file));
    return resolveEventTime({ capture: meta.captureTime, gpsTime: meta.gpsTime, libraryTimeZone: 'UTC' }, NOW);
  };

  it("agrees with the offset a phone recorded when deriving it from the phone's GPS clock", async () => {
    const meta = await readPhotoMetadata(read('jpg/mobile/HMD_Nokia_8.3_5G.jpg'));
    const fromGps = resolveEventTime({ capture: { ...meta.captureTime!, offsetMinutes: undefined, naive: true }, gpsTime: meta.gpsTime }, NOW);
    expect(fromGps).toMatchObject({ offsetMinutes: meta.captureTime!.offsetMinutes, offsetFrom: 'gps', at: '2022-08-14T11:12:31.000Z' });
    expect(await resolveFile('jpg/mobile/HMD_Nokia_8.3_5G.jpg')).toMatchObject({ at: '2022-08-14T11:12:31.000Z', source: 'exif', offsetMinutes: 180 });
  });

  it('places an iPhone 6 photo in Madrid summer time, and a HEIF without a capture time at its GPS time', async () => {
    expect(await resolveFile('jpg/hdr/iphone_hdr_YES.jpg')).toMatchObject({ at: '2015-04-10T18:12:23.550Z', offsetMinutes: 120, offsetFrom: 'gps' });
    expect(await resolveFile('heic/mobile/HMD_Nokia_8.3_5G.heif')).toEqual({ at: '2022-02-03T14:44:09.000Z', source: 'exif', confidence: CONFIDENCE.gpsOnly });
  });
});
