import { describe, expect, it } from 'vitest';
import { parseIso6709, readCamera, readCreationTime, tagMap } from './tags';

describe('parseIso6709', () => {
  it.each([
    ['+48.8577+002.2950/', { lat: 48.8577, lon: 2.295 }],
    ['+48.8577+002.2950+035.000/', { lat: 48.8577, lon: 2.295, altitude: 35 }],
    ['-33.8568+151.2153-012.5/', { lat: -33.8568, lon: 151.2153, altitude: -12.5 }],
    ['+27.5916+086.5640+8850CRSWGS_84/', { lat: 27.5916, lon: 86.564, altitude: 8850 }],
    ['+1.2903+103.8520/', { lat: 1.2903, lon: 103.852 }],
    [' +40.7128-074.0060/ ', { lat: 40.7128, lon: -74.006 }],
  ])('reads decimal degrees %s', (text, expected) => {
    expect(parseIso6709(text)).toEqual(expected);
  });

  it('reads degrees and minutes, and degrees, minutes and seconds', () => {
    const dm = parseIso6709('+4851.462+00217.700/')!;
    expect(dm.lat).toBeCloseTo(48 + 51.462 / 60, 9);
    expect(dm.lon).toBeCloseTo(2 + 17.7 / 60, 9);
    const dms = parseIso6709('-335124.5+1511255.1/')!;
    expect(dms.lat).toBeCloseTo(-(33 + 51 / 60 + 24.5 / 3600), 9);
    expect(dms.lon).toBeCloseTo(151 + 12 / 60 + 55.1 / 3600, 9);
  });

  it.each(['', 'Paris', '48.8577,2.2950', '+98.0000+002.0000/', '+48.0000+190.0000/', '+4875.000+00217.700/', '+00.0000+000.0000/'])(
    'rejects %j',
    (text) => {
      expect(parseIso6709(text)).toBeUndefined();
    },
  );
});

describe('readCreationTime', () => {
  it("prefers Apple's local time with offset over creation_time", () => {
    const tags = tagMap({ creation_time: '2023-05-04T10:25:00.000000Z', 'com.apple.quicktime.creationdate': '2023-05-04T12:20:30+0200' });
    expect(readCreationTime(tags)).toEqual({ utc: '2023-05-04T10:20:30.000Z', offsetMinutes: 120 });
  });

  it('accepts offsets west of UTC and with a colon', () => {
    expect(readCreationTime(tagMap({ 'com.apple.quicktime.creationdate': '2021-12-31T19:00:00-05:00' }))).toEqual({
      utc: '2022-01-01T00:00:00.000Z',
      offsetMinutes: -300,
    });
  });

  it('falls back to creation_time when the Apple date has no offset', () => {
    const tags = tagMap({ 'com.apple.quicktime.creationdate': '2023-05-04T12:20:30', creation_time: '2023-05-04T10:20:30.123456Z' });
    expect(readCreationTime(tags)).toEqual({ utc: '2023-05-04T10:20:30.123Z' });
  });

  it('ignores unset clocks and impossible dates', () => {
    expect(readCreationTime(tagMap({ creation_time: '1904-01-01T00:00:00.000000Z' }))).toBeUndefined();
    expect(readCreationTime(tagMap({ creation_time: '1970-01-01T00:00:00.000000Z' }))).toBeUndefined();
    expect(readCreationTime(tagMap({ creation_time: '2023-02-30T10:00:00Z' }))).toBeUndefined();
    expect(readCreationTime(tagMap({ creation_time: 'yesterday' }))).toBeUndefined();
  });
});

describe('tags', () => {
  it('matches keys in any case and with a language suffix', () => {
    const tags = tagMap({ MAKE: 'Sony', 'model-eng': 'FDR-AX53' });
    expect(readCamera(tags)).toEqual({ make: 'Sony', model: 'FDR-AX53' });
  });
});
