/**
 * From tesseract's words to the text worth storing. Tesseract finds "words" in every texture (foliage, fabric,
 * noise), mostly with low confidence and rarely shaped like real words; the rules below keep lines that read
 * like text and decide whether the image holds any.
 */

export interface RecognisedWord {
  text: string;
  /** 0..100 */
  confidence: number;
}
export interface RecognisedLine {
  words: RecognisedWord[];
}
/** Lines of one paragraph, as tesseract grouped them. */
export type RecognisedParagraph = RecognisedLine[];

export interface OcrResult {
  /** Cleaned text: words joined by single spaces, lines by newlines, paragraphs by a blank line. */
  text: string;
  /** Mean word confidence (0..100) over the words in `text`; 0 when there are none. */
  confidence: number;
  /** Words in `text`. */
  words: number;
  /** Whether the image holds text worth keeping, rather than marks read into a photo. */
  hasText: boolean;
}

/**
 * Words from tesseract's TSV output (level, page, block, paragraph, line, word, left, top, width, height, conf,
 * text), grouped into paragraphs and lines. TSV rather than tesseract.js's `blocks`: a twelfth of the bytes
 * to copy out of the worker, for the same words and confidences.
 */
export function paragraphsFromTsv(tsv: string): RecognisedParagraph[] {
  const paragraphs = new Map<string, Map<string, RecognisedLine>>();
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells[0] !== '5' || cells.length < 12) continue; // level 5: a word
    const text = cells.slice(11).join('\t').trim();
    const confidence = Number(cells[10]);
    if (text === '' || !Number.isFinite(confidence)) continue;
    const paragraphKey = `${cells[2]}/${cells[3]}`;
    const lines = paragraphs.get(paragraphKey) ?? new Map<string, RecognisedLine>();
    paragraphs.set(paragraphKey, lines);
    const line = lines.get(cells[4]!) ?? { words: [] };
    lines.set(cells[4]!, line);
    line.words.push({ text, confidence: Math.max(0, Math.min(100, confidence)) });
  }
  return [...paragraphs.values()].map((lines) => [...lines.values()]);
}

/** A word is trusted at or above this confidence; tesseract gives clean print 85-96 and texture mostly < 50. */
export const TRUSTED_CONFIDENCE = 60;
// A line whose mean word confidence is below this is texture, even with a lucky word in it.
const LINE_CONFIDENCE = 50;
// Inside a kept line, a stray mark below this is dropped (rules, bullets, dust read as "|", "»", "—").
const MARK_CONFIDENCE = 40;
// hasText: trusted words in all, and of those, word-shaped ones (numbers alone are too easy to hallucinate).
const MIN_TRUSTED_WORDS = 3;
const MIN_DICTIONARY_WORDS = 2;

/** Punctuation around a token ("(Invoice:", "dog.") is not part of the word. */
function core(token: string): string {
  return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * Shaped like a dictionary word: three or more letters (inner apostrophes and hyphens allowed), a vowel, and
 * lower, UPPER or Capitalised case. Texture yields "Tg", "hD", "TRR", "aE" and the like.
 */
export function isDictionaryLike(token: string): boolean {
  const word = core(token);
  if (!/^\p{L}+(?:['’-]\p{L}+)*$/u.test(word)) return false;
  const letters = word.replace(/['’-]/g, '');
  if (letters.length < 3 || !/[aeiouyàáâäãåæèéêëìíîïòóôöõøùúûüý]/i.test(letters)) return false;
  const rest = letters.slice(1);
  return letters === letters.toUpperCase() || rest === rest.toLowerCase();
}

/** Two or more digits with number punctuation only: amounts, dates, times, codes. */
export function isNumberLike(token: string): boolean {
  const word = core(token);
  return /\d.*\d/.test(word) && /^[\d.,:/'’%+-]+$/.test(word);
}

const hasAlphanumeric = (token: string) => /[\p{L}\p{N}]/u.test(token);
const trusted = (word: RecognisedWord) => word.confidence >= TRUSTED_CONFIDENCE && hasAlphanumeric(word.text);

/** A line is text when it reads confidently on average and holds at least one trusted word- or number-like token. */
function keepLine(words: RecognisedWord[]): boolean {
  if (words.length === 0) return false;
  const mean = words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
  return mean >= LINE_CONFIDENCE && words.some((word) => trusted(word) && (isDictionaryLike(word.text) || isNumberLike(word.text)));
}

function keepWord(word: RecognisedWord): boolean {
  const text = word.text.trim();
  if (text === '') return false;
  return word.confidence >= MARK_CONFIDENCE || isDictionaryLike(text) || isNumberLike(text);
}

export function cleanRecognition(paragraphs: RecognisedParagraph[]): OcrResult {
  const kept: RecognisedWord[] = [];
  const blocks: string[] = [];
  for (const lines of paragraphs) {
    const texts: string[] = [];
    for (const line of lines) {
      if (!keepLine(line.words)) continue;
      const words = line.words.filter(keepWord).map((word) => ({ ...word, text: word.text.trim().replace(/\s+/g, ' ') }));
      if (words.length === 0) continue;
      kept.push(...words);
      texts.push(words.map((word) => word.text).join(' '));
    }
    if (texts.length > 0) blocks.push(texts.join('\n'));
  }
  const trustedWords = kept.filter(trusted);
  const confidence = kept.length === 0 ? 0 : kept.reduce((sum, word) => sum + word.confidence, 0) / kept.length;
  return {
    text: blocks.join('\n\n'),
    confidence: Math.round(confidence * 10) / 10,
    words: kept.length,
    hasText: trustedWords.length >= MIN_TRUSTED_WORDS && trustedWords.filter((word) => isDictionaryLike(word.text)).length >= MIN_DICTIONARY_WORDS,
  };
}
