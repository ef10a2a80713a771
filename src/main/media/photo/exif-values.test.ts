import { describe, expect, it } from 'vitest';
import { cleanText, firstNumber, parseDateTime, parseGpsTime, parseOffset, withSubSeconds } from './exif-values';

describe('parseDateTime', () => {
  it('reads EXIF and XMP spellings', () => {
    expect(parseDateTime('2008:05:30 15:56:01')).toEqual({ local: '2008-05-30T15:56:01' });
    expect(parseDateTime('2008-03-15T09:52:01-04:00')).toEqual({ local: '2008-03-15T09:52:01', offsetMinutes: -240 });
    expect(parseDateTime('2013-07-05T03:18:27Z')).toEqual({ local: '2013-07-05T03:18:27', offsetMinutes: 0 });
    expect(parseDateTime('2008-05-25T19:31:26.0+1:00')).toEqual({ local: '2008-05-25T19:31:26.000', offsetMinutes: 60 });
    expect(parseDateTime('2020-02-29T12:30')).toEqual({ local: '2020-02-29T12:30:00' });
    expect(parseDateTime('2021:04:11 15:47:53\0\0')).toEqual({ local: '2021-04-11T15:47:53' });
  });

  it('refuses blanks, impossible dates and bare dates', () => {
    for (const raw of ['0000:00:00 00:00:00', '    :  :     :  :  ', '2019:02:29 10:00:00', '2020:13:01 00:00:00',
      '2020:01:01 24:00:00', '2003-08-31', '2020:01:01 10:00:00+15:00', 20200101, undefined]) {
      expect(parseDateTime(raw), String(raw)).toBeUndefined();
    }
  });
});

describe('small EXIF values', () => {
  it('reads offsets', () => {
    expect(parseOffset('+05:30')).toBe(330);
    expect(parseOffset('-0330')).toBe(-210);
    expect(parseOffset('Z')).toBe(0);
    expect(parseOffset('+14:01')).toBeUndefined();
    expect(parseOffset('+01:60')).toBeUndefined();
    expect(parseOffset('   ')).toBeUndefined();
  });

  it('adds sub-seconds as a decimal fraction', () => {
    expect(withSubSeconds('2021-04-11T15:47:53', '054')).toBe('2021-04-11T15:47:53.054');
    expect(withSubSeconds('2012-07-14T16:30:12', '68')).toBe('2012-07-14T16:30:12.680');
    expect(withSubSeconds('2012-07-14T16:30:12', 7)).toBe('2012-07-14T16:30:12.700');
    expect(withSubSeconds('2012-07-14T16:30:12', '  ')).toBe('2012-07-14T16:30:12');
    expect(withSubSeconds('2012-07-14T16:30:12.500', '1')).toBe('2012-07-14T16:30:12.500');
  });

  it('builds the GPS instant from its date and time stamps', () => {
    expect(parseGpsTime('2008:10:23', [14, 27, 7.24])).toBe('2008-10-23T14:27:07.240Z');
    expect(parseGpsTime('2008:10:23', [25, 0, 0])).toBeUndefined();
    expect(parseGpsTime(undefined, [1, 2, 3])).toBeUndefined();
    expect(parseGpsTime('2008:10:23', undefined)).toBeUndefined();
  });

  it('cleans NUL-padded text and unwraps one-element arrays', () => {
    expect(cleanText('ION230\0F')).toBe('ION230');
    expect(cleanText('  \0')).toBeUndefined();
    expect(cleanText(42)).toBeUndefined();
    expect(firstNumber(Uint8Array.of(1))).toBe(1);
    expect(firstNumber([3])).toBe(3);
    expect(firstNumber('3')).toBeUndefined();
  });
});
