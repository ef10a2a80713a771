import { describe, expect, it } from 'vitest';
import { dueText, hostOf, progressText, recallText, reviewKeyAction, statsParts } from './review-logic';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const free = { typing: false, onControl: false };

describe('review keys', () => {
  it('shows the answer with Space or Enter, then grades with 1-4', () => {
    expect(reviewKeyAction(key(' '), false, free)).toEqual({ type: 'show' });
    expect(reviewKeyAction(key('Enter'), false, free)).toEqual({ type: 'show' });
    expect(reviewKeyAction(key('3'), false, free)).toBeNull();
    expect(reviewKeyAction(key('1'), true, free)).toEqual({ type: 'grade', rating: 'again' });
    expect(reviewKeyAction(key('2'), true, free)).toEqual({ type: 'grade', rating: 'hard' });
    expect(reviewKeyAction(key('3'), true, free)).toEqual({ type: 'grade', rating: 'good' });
    expect(reviewKeyAction(key('4'), true, free)).toEqual({ type: 'grade', rating: 'easy' });
    expect(reviewKeyAction(key('5'), true, free)).toBeNull();
  });

  it('leaves keys alone while typing, with modifiers, and Enter on a button', () => {
    expect(reviewKeyAction(key('3'), true, { typing: true, onControl: false })).toBeNull();
    expect(reviewKeyAction(key('1', { ctrlKey: true }), true, free)).toBeNull();
    expect(reviewKeyAction(key('Enter'), false, { typing: false, onControl: true })).toBeNull();
    expect(reviewKeyAction(key('3'), true, { typing: false, onControl: true })).toEqual({ type: 'grade', rating: 'good' });
  });
});

describe('review words', () => {
  it('counts progress through the queue', () => {
    expect(progressText(0, 5)).toBe('Card 1 of 5');
    expect(progressText(2, 3)).toBe('Card 3 of 5');
    expect(progressText(4, 0)).toBe('All 4 done');
  });

  it('says when the next review is', () => {
    const now = new Date(2026, 2, 10, 9, 0);
    const at = (d: number, h: number, m = 0) => new Date(2026, 2, d, h, m).toISOString();
    expect(dueText(at(10, 9, 10), now, 'en-GB')).toBe('in 10 minutes');
    expect(dueText(at(10, 9, 1), now, 'en-GB')).toBe('in 1 minute');
    expect(dueText(at(10, 12), now, 'en-GB')).toBe('in 3 hours (at 12:00)');
    expect(dueText(at(11, 8), now, 'en-GB')).toBe('tomorrow at 08:00');
    expect(dueText(at(13, 8), now, 'en-GB')).toBe('on Friday at 08:00');
    expect(dueText(at(30, 8), now, 'en-GB')).toBe('on 30 Mar 2026');
    expect(dueText(at(9, 8), now, 'en-GB')).toBe('now');
  });

  it('lists the counts that matter', () => {
    expect(statsParts({ total: 3, dueNow: 1, dueToday: 2, new: 1, learning: 0, review: 2, reviewedToday: 4 })).toEqual([
      '1 due now', '2 due today', '4 reviewed today', '1 new', '2 in review', '3 enrolled',
    ]);
    expect(statsParts({ total: 0, dueNow: 0, dueToday: 0, new: 0, learning: 0, review: 0, reviewedToday: 0 })).toEqual(['0 due now', '0 enrolled']);
  });

  it('words recall and hosts', () => {
    expect(recallText(null)).toBeNull();
    expect(recallText(0.876)).toBe('88% likely remembered');
    expect(hostOf('https://www.example.com/a')).toBe('example.com');
    expect(hostOf('not a url')).toBe('not a url');
  });
});
