/**
 * What a question asks for, before it is searched: the words that carry its meaning (question scaffolding and
 * stop words removed, since BM25 would otherwise reward "what did I"), and the kinds it names ("photos",
 * "voice notes"). Dates stay in the text: the search turns "last week" into a filter itself.
 */
import type { NodeKind } from '../../shared/schemas';

const STOP = new Set(
  `a an and are as at be been but by can could did do does doing done for from had has have how i i'd i'm i've if in
  into is it its me my myself of on or our out over so some such tell than that the their them then there these they
  this those to up us was we were what when where which who whom why will with would you your about any anything
  something show find give list remind know recall remember please much many ever`.split(/\s+/),
);

const KIND_WORDS: [RegExp, NodeKind[]][] = [
  [/\b(photos?|pictures?|pics?|images?|selfies?)\b/i, ['photo', 'screenshot', 'camera_frame']],
  [/\b(videos?|clips?|films?)\b/i, ['video']],
  [/\b(voice notes?|recordings?|audio|memos?)\b/i, ['audio']],
  [/\b(journal|diary)\b/i, ['journal']],
  [/\b(bookmarks?|links?|articles?)\b/i, ['bookmark']],
  [/\b(documents?|pdfs?|files?)\b/i, ['document']],
  [/\b(screenshots?)\b/i, ['screenshot']],
];

export interface UnderstoodQuery {
  /** Text to search: content words plus any date phrase, which the search parses. */
  search: string;
  /** Content words, for relevance checks and extractive summaries. */
  terms: string[];
  kinds?: NodeKind[];
}

export function understand(question: string, previousQuestion?: string): UnderstoodQuery {
  let terms = contentWords(question);
  // A short follow-up ("and last year?", "what about her sister?") leans on the question before it.
  if (previousQuestion && terms.length < 3) terms = [...new Set([...contentWords(previousQuestion), ...terms])];
  const kinds = KIND_WORDS.filter(([re]) => re.test(question)).flatMap(([, k]) => k);
  const search = [terms.join(' '), datePhrase(question)].filter(Boolean).join(' ');
  return { search: search || question, terms, ...(kinds.length ? { kinds: [...new Set(kinds)] } : {}) };
}

export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []).filter((w) => !STOP.has(w) && w.length > 1);
}

/** The part of a question that names a time, kept so the search's date parser still sees it. */
function datePhrase(question: string): string {
  const m = question.match(
    /\b(today|yesterday|tonight|this (?:morning|week|month|year)|last (?:night|week|month|year|\w+day)|(?:in|during|since|before|after|between) [\w\s,]+?\d{4}|in (?:january|february|march|april|may|june|july|august|september|october|november|december)(?: \d{4})?|\d+ (?:days|weeks|months|years) ago)\b/i,
  );
  return m ? m[0] : '';
}
