import { describe, expect, it } from 'vitest';
import { cleanRecognition, isDictionaryLike, isNumberLike, paragraphsFromTsv, type RecognisedWord } from './clean';

const line = (...words: [string, number][]) => ({ words: words.map(([text, confidence]): RecognisedWord => ({ text, confidence })) });

describe('word shapes', () => {
  it('tells word-shaped tokens from texture', () => {
    for (const word of ['Invoice', 'dog.', '(total', 'EUR', "don't", 'well-known', 'Qualität']) expect(isDictionaryLike(word), word).toBe(true);
    for (const token of ['Tg', 'hD', 'TRR', 'aE', 'Ee.', '2024', 'x1y', '—', 'mOre']) expect(isDictionaryLike(token), token).toBe(false);
  });

  it('takes amounts, dates and times as numbers', () => {
    for (const token of ['2024', '1,234.56', '2020-03-16', '10:00:00', '(42)']) expect(isNumberLike(token), token).toBe(true);
    for (const token of ['7', 'A4', '-', 'l0l']) expect(isNumberLike(token), token).toBe(false);
  });
});

describe('cleanRecognition', () => {
  it('keeps lines of text, joined plainly, and drops stray marks in them', () => {
    const result = cleanRecognition([
      [line(['Invoice', 95], ['2024', 96], ['|', 20]), line(['total', 90], ['1,234.56', 93])],
      [line(['The', 96], ['quick', 95], ['fox', 96])],
    ]);
    expect(result.text).toBe('Invoice 2024\ntotal 1,234.56\n\nThe quick fox');
    expect(result.words).toBe(7);
    expect(result.confidence).toBeCloseTo((95 + 96 + 90 + 93 + 96 + 95 + 96) / 7, 1);
    expect(result.hasText).toBe(true);
  });

  it('drops texture lines: low confidence, or no trusted word- or number-like token', () => {
    const result = cleanRecognition([
      [line(['LC):', 49], ['A', 59], ['NY', 37]), line(['fe', 48], ['3', 84], ['Ta', 76], ['At', 56]), line(['Sit', 27], ['=', 96], ['=', 95])],
    ]);
    expect(result).toEqual({ text: '', confidence: 0, words: 0, hasText: false });
  });

  it('does not call a couple of confident words text worth keeping', () => {
    expect(cleanRecognition([[line(['Testsieger', 90])]]).hasText).toBe(false);
    expect(cleanRecognition([[line(['12:30', 90], ['2024', 92], ['15', 95])]]).hasText).toBe(false);
    expect(cleanRecognition([[line(['Exit', 90], ['only', 91], ['2024', 95])]]).hasText).toBe(true);
  });
});

describe('paragraphsFromTsv', () => {
  it('groups tesseract words by paragraph and line, skipping the layout rows', () => {
    const tsv = [
      '1\t1\t0\t0\t0\t0\t0\t0\t900\t200\t-1\t',
      '2\t1\t1\t0\t0\t0\t30\t50\t700\t100\t-1\t',
      '5\t1\t1\t1\t1\t1\t30\t50\t120\t30\t96.1\tInvoice',
      '5\t1\t1\t1\t1\t2\t160\t50\t70\t30\t95.5\t2024',
      '5\t1\t1\t1\t2\t1\t30\t100\t60\t30\t91\tThe',
      '5\t1\t1\t1\t2\t2\t30\t100\t60\t30\t-1\t ',
      '5\t1\t2\t1\t1\t1\t30\t150\t60\t30\t88\tfox',
    ].join('\n');
    expect(paragraphsFromTsv(tsv)).toEqual([
      [{ words: [{ text: 'Invoice', confidence: 96.1 }, { text: '2024', confidence: 95.5 }] }, { words: [{ text: 'The', confidence: 91 }] }],
      [{ words: [{ text: 'fox', confidence: 88 }] }],
    ]);
    expect(paragraphsFromTsv('')).toEqual([]);
  });
});
