import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PhotoError } from './errors';
import { parseDateTime, parseOffset } from './exif-values';
import { type PhotoMetadata, readPhotoMetadata } from './metadata';
import { damagedCopies, exiftool, fixtures, read, withTags, within } from './test-support';

const MALFORMED = [...fixtures('jpg/tests'), ...fixtures('jpg/invalid')];
const ALL = [...fixtures('jpg'), ...fixtures('heic'), ...fixtures('tiff')];
const reference = exiftool(ALL, [
  '-n',
  '-DateTimeOriginal',
  '-OffsetTimeOriginal',
  '-OffsetTimeDigitized',
  '-OffsetTime',
  '-CreateDate',
  '-GPSLatitude',
  '-GPSLongitude',
]);
// Cameras that keep their only date in a maker-specific block (Canon CIFF, Olympus PictureInfo, Reconyx
// maker notes), which exifr does not parse. The test below checks that this is the reason, file by file.
const PROPRIETARY_DATE_GROUPS = new Set(['CIFF', 'PictureInfo', 'Reconyx']);

describe('readPhotoMetadata on the fixture photos', () => {
  it.each(ALL)('%s: capture time agrees with exiftool', async (file) => {
    const meta = await readPhotoMetadata(read(file));
    const ref = reference.get(file)!;
    const expected = parseDateTime(String(ref.DateTimeOriginal ?? ref.CreateDate ?? ''));
    if (!expected) {
      expect(meta.captureTime).toBeUndefined();
      return;
    }
    if (!meta.captureTime) {
      const [group] = Object.keys(exiftool([file], ['-G1', '-DateTimeOriginal']).get(file)!)
        .filter((key) => key.endsWith(':DateTimeOriginal'))
        .map((key) => key.split(':')[0]);
      expect(PROPRIETARY_DATE_GROUPS.has(group ?? ''), `${file}: time only in ${group}`).toBe(true);
      return;
    }
    expect(meta.captureTime.local.slice(0, 19)).toBe(expected.local);
    const fromOriginal = ref.DateTimeOriginal !== undefined;
    const recorded = expected.offsetMinutes ?? parseOffset(fromOriginal ? ref.OffsetTimeOriginal : ref.OffsetTimeDigitized);
    if (recorded !== undefined) expect(meta.captureTime.offsetMinutes).toBe(recorded);
    else if (meta.captureTime.offsetMinutes !== undefined) expect(meta.captureTime.offsetMinutes).toBe(parseOffset(ref.OffsetTime));
    expect(meta.captureTime.naive).toBe(meta.captureTime.offsetMinutes === undefined);
  });

  it.each(ALL)('%s: GPS agrees with exiftool', async (file) => {
    const meta = await readPhotoMetadata(read(file));
    const { GPSLatitude: lat, GPSLongitude: lon } = reference.get(file)!;
    if (typeof lat !== 'number' || typeof lon !== 'number' || (lat === 0 && lon === 0)) {
      expect(meta.gps).toBeUndefined();
      return;
    }
    expect(Math.abs(meta.gps!.latitude - lat)).toBeLessThan(1e-5);
    expect(Math.abs(meta.gps!.longitude - lon)).toBeLessThan(1e-5);
  });

  it('reads camera, lens, offset and sub-seconds from an iPhone HEIC', async () => {
    const meta = await readPhotoMetadata(read('heic/IMG_5195.HEIC'));
    expect(meta).toMatchObject({
      format: 'heif',
      make: 'Apple',
      model: 'iPhone 11 Pro Max',
      lens: 'iPhone 11 Pro Max back triple camera 4.25mm f/1.8',
      captureTime: { local: '2021-04-11T15:47:53.054', offsetMinutes: -300, naive: false, tag: 'DateTimeOriginal' },
      warnings: [],
    });
    expect(meta.gps!.altitude).toBeCloseTo(260.56, 2);
  });

  it('gives HEIF sizes after the container rotation, keeping the EXIF tag as found', async () => {
    const meta = await readPhotoMetadata(read('heic/mobile/iphone_13_pro_max.HEIC'));
    expect(meta).toMatchObject({ width: 3024, height: 4032, orientation: 6 });
  });

  it('reports the GPS clock as a UTC instant', async () => {
    const meta = await readPhotoMetadata(read('jpg/mobile/HMD_Nokia_8.3_5G.jpg'));
    expect(meta.gpsTime).toBe('2022-08-14T11:12:32.000Z');
  });

  it.each(fixtures('jpg/orientation'))('%s: orientation tag and upright size', async (file) => {
    const meta = await readPhotoMetadata(read(file));
    const orientation = Number(/_(\d)\.jpg$/.exec(file)![1]);
    expect(meta.orientation).toBe(orientation);
    expect(meta.width! > meta.height!).toBe(file.includes('landscape'));
  });
});

describe('readPhotoMetadata on damaged input', () => {
  it.each(MALFORMED)('%s: returns metadata or fails with a reason, within 5 s', async (file) => {
    const outcome = await within(5_000, file, readPhotoMetadata(read(file))).then(
      (meta): PhotoMetadata | PhotoError => meta,
      (error: unknown) => error as PhotoError,
    );
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(PhotoError);
      expect(outcome.message.length).toBeGreaterThan(10);
    } else {
      expect(outcome.format).toBe('jpeg');
      expect(Array.isArray(outcome.warnings)).toBe(true);
    }
  });

  it('survives randomly damaged headers: a result or a PhotoError, nothing else', async () => {
    for (const { label, bytes } of damagedCopies(100)) {
      await within(5_000, label, readPhotoMetadata(bytes)).catch((error: unknown) => {
        expect(error, label).toBeInstanceOf(PhotoError);
      });
    }
  });

  it('says why when a sub-IFD pointer is broken, and still finds the XMP time', async () => {
    const meta = await readPhotoMetadata(read('jpg/tests/30-type_error.jpg'));
    expect(meta.warnings).toEqual(['the EXIF sub-IFD pointer is malformed; its tags are missing']);
    expect(meta.captureTime).toEqual({ local: '2013-07-05T03:18:27', offsetMinutes: 0, naive: false, tag: 'XMP:DateTimeOriginal' });
  });

  it('keeps what a truncated file still holds, with warnings for the rest', async () => {
    const whole = read('jpg/hdr/iphone_hdr_YES.jpg');
    for (const length of [3, 100, 1_000, 20_000, whole.length >> 1]) {
      const meta = await readPhotoMetadata(whole.subarray(0, length));
      expect(meta.format).toBe('jpeg');
      if (length <= 20_000) expect(meta.warnings.some((w) => w.startsWith('image size could not be read'))).toBe(true);
    }
    const half = await readPhotoMetadata(whole.subarray(0, whole.length >> 1));
    expect(half.captureTime?.local).toBe('2015-04-10T20:12:23.550');
    expect(half.make).toBe('Apple');
  });

  it('refuses bytes that are not an image, saying what they look like', async () => {
    await expect(readPhotoMetadata(Buffer.alloc(0))).rejects.toMatchObject({ reason: 'empty', message: 'the file is empty' });
    await expect(readPhotoMetadata(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).rejects.toMatchObject({
      reason: 'unsupported_format',
      message: expect.stringContaining('"%PDF-1.7'),
    });
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom\0\0\0\0isommp41')]);
    await expect(readPhotoMetadata(mp4)).rejects.toBeInstanceOf(PhotoError);
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    await expect(readPhotoMetadata(noise)).rejects.toMatchObject({ reason: 'unsupported_format' });
  });
});

describe('readPhotoMetadata capture-time rules', () => {
  const base = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).jpeg().toBuffer();

  it('borrows OffsetTime only when ModifyDate is the capture time', async () => {
    const unedited = await readPhotoMetadata(
      withTags(await base(), ['-DateTimeOriginal=2021:06:01 10:00:00', '-ModifyDate=2021:06:01 10:00:00', '-OffsetTime=+09:00']),
    );
    expect(unedited.captureTime).toMatchObject({ local: '2021-06-01T10:00:00', offsetMinutes: 540, naive: false });
    const edited = await readPhotoMetadata(
      withTags(await base(), ['-DateTimeOriginal=2021:06:01 10:00:00', '-ModifyDate=2021:07:15 18:30:00', '-OffsetTime=+01:00']),
    );
    expect(edited.captureTime).toMatchObject({ local: '2021-06-01T10:00:00', naive: true });
  });

  it('falls back from a blank DateTimeOriginal to CreateDate, quietly', async () => {
    const meta = await readPhotoMetadata(
      withTags(await base(), ['-DateTimeOriginal#=0000:00:00 00:00:00', '-CreateDate=2019:02:03 04:05:06', '-OffsetTimeDigitized=-03:30']),
    );
    expect(meta.captureTime).toEqual({ local: '2019-02-03T04:05:06', offsetMinutes: -210, naive: false, tag: 'CreateDate' });
    expect(meta.warnings).toEqual([]);
  });

  it('warns about impossible dates and offsets instead of using them', async () => {
    const meta = await readPhotoMetadata(
      withTags(await base(), ['-DateTimeOriginal#=2020:13:45 99:00:00', '-CreateDate=2020:01:02 03:04:05', '-OffsetTimeDigitized#=+25:00']),
    );
    expect(meta.captureTime).toEqual({ local: '2020-01-02T03:04:05', naive: true, tag: 'CreateDate' });
    expect(meta.warnings).toEqual([
      'DateTimeOriginal "2020:13:45 99:00:00" is not a valid date',
      'CreateDate offset "+25:00" is not valid and was ignored',
    ]);
  });

  it('drops a 0,0 GPS fix and signs altitudes below sea level', async () => {
    const nowhere = await readPhotoMetadata(withTags(await base(), ['-GPSLatitude=0', '-GPSLongitude=0', '-GPSLatitudeRef=N', '-GPSLongitudeRef=E']));
    expect(nowhere.gps).toBeUndefined();
    expect(nowhere.warnings).toEqual(['GPS position 0,0 (no fix) was ignored']);
    const deadSea = await readPhotoMetadata(
      withTags(await base(), ['-GPSLatitude=31.5', '-GPSLatitudeRef=N', '-GPSLongitude=35.5', '-GPSLongitudeRef=E', '-GPSAltitude=430', '-GPSAltitudeRef#=1']),
    );
    expect(deadSea.gps).toEqual({ latitude: 31.5, longitude: 35.5, altitude: -430 });
  });

  it('reads containers without EXIF support for their size alone', async () => {
    const image = sharp({ create: { width: 30, height: 20, channels: 4, background: '#ff000080' } });
    for (const [format, bytes] of [['png', await image.clone().png().toBuffer()], ['webp', await image.clone().webp().toBuffer()], ['gif', await image.clone().gif().toBuffer()]] as const) {
      expect(await readPhotoMetadata(bytes)).toEqual({ format, width: 30, height: 20, warnings: [] });
    }
  });
});
