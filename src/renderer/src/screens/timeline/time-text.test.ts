import { describe, expect, it } from 'vitest';
import {
  cameraName, plainExcerpt, confidenceText, countText, formatCoordinates, formatDuration, localInputToIso, mapLink, offsetLabel, shortDay, tileWhen, timeEvidence, timeRange, timeSourceText, wallClock,
} from './time-text';

describe('formatDuration', () => {
  it('writes minutes and seconds, with hours when there are any', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(185.4)).toBe('3:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(0)).toBe('0:00');
  });
  it('is empty when the length is unknown', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(undefined)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });
});

describe('clock times', () => {
  it('reads an instant on a clock east or west of UTC, across midnight', () => {
    expect(wallClock('2008-10-22T16:28:39.000Z', 0)).toEqual({ day: '2008-10-22', time: '16:28' });
    expect(wallClock('2008-10-22T23:30:00.000Z', 120)).toEqual({ day: '2008-10-23', time: '01:30' });
    expect(wallClock('2008-10-22T02:00:00.000Z', -300)).toEqual({ day: '2008-10-21', time: '21:00' });
  });
  it('gives an episode a range, or one time', () => {
    expect(timeRange('2008-10-22T16:28:39Z', '2008-10-22T17:00:07Z', 60)).toBe('17:28–18:00');
    expect(timeRange('2008-10-22T16:28:00Z', '2008-10-22T16:28:50Z', 0)).toBe('16:28');
  });
  it('writes short days', () => {
    expect(shortDay('2008-10-22')).toBe('22 Oct 2008');
    expect(shortDay('2026-01-05')).toBe('5 Jan 2026');
  });
  it('gives tiles a short time, with the year only for earlier years', () => {
    expect(tileWhen('2026-11-03', '14:05', '2026')).toBe('3 Nov, 14:05');
    expect(tileWhen('2008-10-22', '16:28', '2026')).toBe('22 Oct 2008');
  });
  it('names offsets', () => {
    expect(offsetLabel(0)).toBe('UTC');
    expect(offsetLabel(120)).toBe('UTC+2');
    expect(offsetLabel(-330)).toBe('UTC−5:30');
    expect(offsetLabel(345)).toBe('UTC+5:45');
  });
});

describe('timeSourceText', () => {
  const at = '2008-10-22T16:28:39.000Z';
  it('says where the time came from', () => {
    expect(timeSourceText({ at, source: 'exif', offsetFrom: 'gps', offsetMinutes: 120, confidence: 0.9 })).toBe("from the camera's clock, offset from GPS");
    expect(timeSourceText({ at, source: 'exif', offsetMinutes: 120, confidence: 0.95 })).toBe("from the camera's clock and its time zone");
    expect(timeSourceText({ at, source: 'exif', confidence: 0.8 })).toBe("from the GPS receiver's clock");
    expect(timeSourceText({ at, source: 'exif-naive', offsetFrom: 'library', offsetMinutes: 0, confidence: 0.4 })).toBe(
      "from the camera's clock, time zone guessed from the library's setting",
    );
    expect(timeSourceText({ at, source: 'exif-naive', offsetFrom: 'client', confidence: 0.7 })).toBe(
      "from the camera's clock, time zone of the computer it was uploaded from",
    );
    expect(timeSourceText({ at, source: 'container', confidence: 0.9 })).toBe("from the recording's own time stamp");
    expect(timeSourceText({ at, source: 'file', confidence: 0.2 })).toBe("from the file's last-modified date");
    expect(timeSourceText({ at, source: 'user', confidence: 1 })).toBe('set by you');
    expect(timeSourceText({ at, source: 'sidecar', confidence: 0.6 })).toBe('from the Google Photos file beside it');
    expect(timeSourceText({ at, source: 'upload', confidence: 0.4 })).toBe('given when it was uploaded');
    expect(timeSourceText({ at, source: 'calendar', confidence: 0.5 })).toBe('from calendar');
  });
  it('puts confidence in words', () => {
    expect(confidenceText(0.95)).toBe('very likely right');
    expect(confidenceText(0.8)).toBe('probably right');
    expect(confidenceText(0.5)).toBe('a fair guess');
    expect(confidenceText(0.2)).toBe('a rough guess');
  });
  it("takes the facts' details only when they describe the item's current time", () => {
    const node = { at, source: 'exif-naive', offsetMinutes: 0, confidence: 0.4 };
    const facts = { ...node, offsetFrom: 'library', rejected: ['GPS time is off'] };
    expect(timeEvidence(node, facts)).toEqual({ ...node, offsetFrom: 'library', rejected: ['GPS time is off'] });
    const user = { at: '2024-05-01T12:00:00.000Z', source: 'user', confidence: 1 };
    expect(timeEvidence(user, facts)).toEqual(user);
    expect(timeEvidence(null, facts)).toBeNull();
  });
});

describe('the Move to day form', () => {
  it('writes the time with its offset', () => {
    expect(localInputToIso('2024-05-01', '14:30', 120)).toBe('2024-05-01T14:30:00+02:00');
    expect(localInputToIso('2024-05-01', '09:05:30', -330)).toBe('2024-05-01T09:05:30-05:30');
    expect(localInputToIso('2024-05-01', '00:00', 0)).toBe('2024-05-01T00:00:00+00:00');
  });
});

describe('places and counts', () => {
  it('writes coordinates with hemispheres and links to OpenStreetMap', () => {
    expect(formatCoordinates(43.46744833, 11.88512667)).toBe('43.46745° N, 11.88513° E');
    expect(formatCoordinates(-33.8688, -70.5)).toBe('33.86880° S, 70.50000° W');
    expect(mapLink(43.46744833, 11.88512667)).toBe('https://www.openstreetmap.org/?mlat=43.46745&mlon=11.88513#map=16/43.46745/11.88513');
  });
  it('counts', () => {
    expect(countText(1, 'item')).toBe('1 item');
    expect(countText(3, 'item')).toBe('3 items');
    expect(countText(2, 'copy', 'copies')).toBe('2 copies');
  });
});

describe('cameras and excerpts', () => {
  it('names the camera once', () => {
    expect(cameraName('NIKON', 'COOLPIX P6000')).toBe('NIKON COOLPIX P6000');
    expect(cameraName('Canon', 'Canon EOS 5D')).toBe('Canon EOS 5D');
    expect(cameraName(undefined, 'Pixel 8')).toBe('Pixel 8');
    expect(cameraName('Apple')).toBe('Apple');
  });
  it('strips markdown marks and shortens', () => {
    expect(plainExcerpt('# Walk\n\nTo the **lighthouse** and [[back]].')).toBe('Walk To the lighthouse and back.');
    expect(plainExcerpt('a'.repeat(10), 4)).toBe('aaaa…');
  });
});
