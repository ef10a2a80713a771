import { describe, expect, it } from 'vitest';
import { similarFaces } from './similarity';

describe('similarFaces', () => {
  it('is 1 for the same direction, 0 for orthogonal, -1 for opposite', () => {
    expect(similarFaces([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(similarFaces([1, 0], [0, 5])).toBe(0);
    expect(similarFaces([1, -2], [-1, 2])).toBeCloseTo(-1, 12);
  });

  it('is symmetric', () => {
    const a = [0.3, -0.1, 0.7, 0.2];
    const b = [0.1, 0.4, 0.5, -0.3];
    expect(similarFaces(a, b)).toBe(similarFaces(b, a));
  });

  it('treats an all-zero descriptor as unlike anything', () => {
    expect(similarFaces([0, 0, 0], [1, 2, 3])).toBe(0);
  });

  it('refuses descriptors of different lengths', () => {
    expect(() => similarFaces([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
});
