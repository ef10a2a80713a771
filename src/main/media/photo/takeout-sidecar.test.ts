import { describe, expect, it } from 'vitest';
import { findTakeoutSidecar, parseTakeoutSidecar } from './takeout-sidecar';

const SAMPLE = {
  title: 'IMG_20190704_181512.jpg',
  description: '',
  imageViews: '12',
  creationTime: { timestamp: '1562300000', formatted: 'Jul 5, 2019, 4:13:20 AM UTC' },
  photoTakenTime: { timestamp: '1562256912', formatted: 'Jul 4, 2019, 4:15:12 PM UTC' },
  geoData: { latitude: 40.6892, longitude: -74.0445, altitude: 12.5, latitudeSpan: 0, longitudeSpan: 0 },
  geoDataExif: { latitude: 0, longitude: 0, altitude: 0, latitudeSpan: 0, longitudeSpan: 0 },
  people: [{ name: 'Ada' }],
  url: 'https://photos.google.com/photo/AF1Qip',
  googlePhotosOrigin: { mobileUpload: { deviceType: 'ANDROID_PHONE' } },
};

describe('parseTakeoutSidecar', () => {
  it('reads the taken time as a UTC instant, and the place', () => {
    expect(parseTakeoutSidecar(JSON.stringify(SAMPLE))).toEqual({
      title: 'IMG_20190704_181512.jpg',
      takenAt: '2019-07-04T16:15:12.000Z',
      gps: { latitude: 40.6892, longitude: -74.0445, altitude: 12.5 },
    });
  });

  it('treats 0 times and 0,0 places as unknown, falling back to the EXIF copy of the place', () => {
    const sidecar = parseTakeoutSidecar(
      JSON.stringify({
        ...SAMPLE,
        photoTakenTime: { timestamp: '0' },
        geoData: { latitude: 0, longitude: 0, altitude: 0 },
        geoDataExif: { latitude: -33.8568, longitude: 151.2153 },
      }),
    );
    expect(sidecar).toEqual({ title: SAMPLE.title, gps: { latitude: -33.8568, longitude: 151.2153 } });
  });

  it('reads an album metadata.json as a sidecar without a time', () => {
    expect(parseTakeoutSidecar('{"title":"Trip to Rome","description":"","access":"protected"}')).toEqual({ title: 'Trip to Rome' });
  });

  it('says what is wrong with a broken sidecar', () => {
    expect(() => parseTakeoutSidecar('{"title": ')).toThrow(/not JSON/);
    expect(() => parseTakeoutSidecar('{"photoTakenTime":{"timestamp":"yesterday"}}')).toThrow(
      /malformed at photoTakenTime\.timestamp/,
    );
    expect(() => parseTakeoutSidecar('[1,2]')).toThrow(/malformed at the top level/);
  });
});

describe('findTakeoutSidecar', () => {
  const pick = (media: string, ...siblings: string[]) => findTakeoutSidecar(media, [media, 'metadata.json', ...siblings]);

  it('finds the classic and the supplemental-metadata names', () => {
    expect(pick('IMG_1234.JPG', 'IMG_1234.JPG.json', 'IMG_1235.JPG.json')).toBe('IMG_1234.JPG.json');
    expect(pick('IMG_1234.JPG', 'IMG_1234.JPG.supplemental-metadata.json')).toBe('IMG_1234.JPG.supplemental-metadata.json');
    expect(pick('IMG_1234.JPG', 'IMG_1234.json')).toBe('IMG_1234.json');
    expect(pick('IMG_1234.JPG', 'IMG_1234.JPG.json', 'IMG_1234.JPG.supplemental-metadata.json')).toBe(
      'IMG_1234.JPG.supplemental-metadata.json',
    );
  });

  it('finds names clipped to 46 characters before .json', () => {
    expect(pick('PXL_20230815_123456789.MP.jpg', 'PXL_20230815_123456789.MP.jpg.supplemental-met.json')).toBe(
      'PXL_20230815_123456789.MP.jpg.supplemental-met.json',
    );
    const long = 'Screenshot_2021-05-03-10-22-41-123_com.example.app.jpg';
    expect(pick(long, `${long.slice(0, 46)}.json`)).toBe(`${long.slice(0, 46)}.json`);
    // Exports that clipped at another length still leave a prefix of the suffix.
    expect(pick('IMG_20200101_101010.jpg', 'IMG_20200101_101010.jpg.su.json')).toBe('IMG_20200101_101010.jpg.su.json');
  });

  it('keeps duplicate counters apart, wherever Takeout put them', () => {
    const siblings = ['IMG_0001.JPG.json', 'IMG_0001.JPG(1).json', 'IMG_0002.jpg.supplemental-metadata(1).json'];
    expect(pick('IMG_0001.JPG', ...siblings)).toBe('IMG_0001.JPG.json');
    expect(pick('IMG_0001(1).JPG', ...siblings)).toBe('IMG_0001.JPG(1).json');
    expect(pick('IMG_0002(1).jpg', ...siblings)).toBe('IMG_0002.jpg.supplemental-metadata(1).json');
    expect(pick('IMG_0002.jpg', ...siblings)).toBeUndefined();
  });

  it("gives an edited copy its original's sidecar", () => {
    expect(pick('IMG_0003-edited.jpg', 'IMG_0003.jpg.supplemental-metadata.json')).toBe('IMG_0003.jpg.supplemental-metadata.json');
    expect(pick('IMG_0003-bearbeitet.jpg', 'IMG_0003.jpg.json')).toBe('IMG_0003.jpg.json');
  });
});
