/**
 * Natural date phrases in search queries, turned into time ranges.
 *
 * Why: people search their notes by when things happened ("standup notes last week", "receipts in
 * March 2023", "what did I write yesterday"). The words "last week" are useless as keywords, but as
 * a range filter they are exactly what was meant. This module finds one such phrase, removes it from
 * the query, and returns the range it denotes so search can filter by date and match on the rest.
 *
 * Parsing is done by chrono-node wherever it yields the right answer; small explicit rules cover
 * what chrono does not turn into ranges: calendar periods ("this week", "last month"), rolling
 * windows ("last 7 days", "past 2 weeks"), bare years ("in 2021"), "N units ago" granularity,
 * "between A and B" / "from A to B", and "since X". Ranges are whole calendar units computed at
 * local midnight in a fixed UTC offset, returned as UTC instants with an exclusive end.
 *
 * Conservative by design: bare numbers ("top 10 tips", "python 3"), times ("at 5"), numeric dates
 * without a year ("5/6"), bare weekday names ("sunday roast") and the words "may"/"march" on their
 * own are not taken as dates. A date after "before", "after", "until" or "by" is left in the query,
 * since it denotes an open-ended range this API does not express.
 */
import * as chrono from 'chrono-node';

export interface DateRange {
  /** Inclusive start (UTC instant). */
  from: Date;
  /** Exclusive end (UTC instant). */
  to: Date;
  /** The exact substring of the query that was removed, e.g. "in March 2023" or "last week". */
  phrase: string;
}

export interface DateQueryResult {
  /** The query with the date phrase removed and whitespace tidied; the query unchanged when no phrase was found. */
  text: string;
  range?: DateRange;
}

export interface DateQueryOptions {
  now: Date;
  /** Minutes east of UTC (e.g. 60 for CET, -300 for EST). Default: the process's local offset at `now`. */
  timezoneOffsetMinutes?: number;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';
const DAY_MS = 86_400_000;

/** A calendar date; `m` is 1-12. */
interface Civil {
  y: number;
  m: number;
  d: number;
}

/** A calendar period whose year may still be unknown ("June 5", "March"). */
interface Endpoint {
  y?: number;
  m: number;
  d: number;
  unit: Unit;
}

interface Span {
  from: Date;
  to: Date;
}

/** Calendar arithmetic in a fixed UTC offset. Date.UTC normalises overflowing months and days. */
class Calendar {
  constructor(private readonly offsetMinutes: number) {}

  civil(instant: Date): Civil {
    const t = new Date(instant.getTime() + this.offsetMinutes * 60_000);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  }

  /** Local midnight of y-m-d (any of them may overflow) as a UTC instant. */
  midnight(y: number, m: number, d: number): Date {
    return new Date(Date.UTC(y, m - 1, d) - this.offsetMinutes * 60_000);
  }

  span(e: Required<Endpoint>): Span {
    const from = this.midnight(e.y, e.m, e.d);
    const to =
      e.unit === 'day'
        ? this.midnight(e.y, e.m, e.d + 1)
        : e.unit === 'week'
          ? this.midnight(e.y, e.m, e.d + 7)
          : e.unit === 'month'
            ? this.midnight(e.y, e.m + 1, 1)
            : e.unit === 'quarter'
              ? this.midnight(e.y, e.m + 3, 1)
              : this.midnight(e.y + 1, 1, 1);
    return { from, to };
  }

  /** The Monday starting the week that contains the given date. */
  weekStart(c: Civil): Civil {
    const back = (new Date(Date.UTC(c.y, c.m - 1, c.d)).getUTCDay() + 6) % 7;
    const t = new Date(Date.UTC(c.y, c.m - 1, c.d - back));
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  }

  /** The instant `n` units before `now` on the local wall clock (month ends clamp: Mar 31 - 1 month = Feb 28). */
  minus(now: Date, n: number, unit: Unit | 'hour'): Date {
    if (unit === 'hour') return new Date(now.getTime() - n * 3_600_000);
    if (unit === 'day' || unit === 'week') return new Date(now.getTime() - n * (unit === 'week' ? 7 : 1) * DAY_MS);
    const months = unit === 'month' ? n : unit === 'quarter' ? 3 * n : 12 * n;
    const local = new Date(now.getTime() + this.offsetMinutes * 60_000);
    const y = local.getUTCFullYear();
    const m0 = local.getUTCMonth() - months;
    const lastDay = new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();
    const wall = Date.UTC(
      y,
      m0,
      Math.min(local.getUTCDate(), lastDay),
      local.getUTCHours(),
      local.getUTCMinutes(),
      local.getUTCSeconds(),
      local.getUTCMilliseconds(),
    );
    return new Date(wall - this.offsetMinutes * 60_000);
  }
}

const isValidDay = (y: number, m: number, d: number): boolean =>
  new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
const cmpMonthDay = (a: Endpoint, b: Endpoint): number => a.m - b.m || a.d - b.d;

/** The most recent year in which the period has started, relative to today. Feb 29 steps back to a leap year. */
function latestYear(e: Endpoint, today: Civil): number {
  let y = cmpMonthDay(e, { m: today.m, d: today.d, unit: 'day' }) > 0 ? today.y - 1 : today.y;
  while (e.unit === 'day' && !isValidDay(y, e.m, e.d)) y--;
  return y;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, couple: 2, 'couple of': 2, few: 3, 'a few': 3, 'a couple of': 2,
};
const NUM = String.raw`(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few)`;
const parseNum = (s: string): number => {
  const k = s.toLowerCase().replace(/\s+/g, ' ');
  return /^\d+$/.test(k) ? Number(k) : (NUMBER_WORDS[k] ?? NaN);
};
const unitOf = (s: string): Unit | 'hour' => s.toLowerCase().replace(/s$/, '') as Unit | 'hour';

/** "the last 7 days", "past 2 weeks", "previous 3 months", "last 24 hours": rolling window up to now. */
const ROLLING_N = new RegExp(
  String.raw`\b(?:the\s+)?(?:last|past|previous)\s+${NUM}\s+(hours?|days?|weeks?|months?|years?)\b`,
  'gi',
);
/** "the past week", "the last month", "past year": rolling window of one unit. */
const ROLLING_1 = /\b(?:the\s+(?:last|past)|past)\s+(hour|day|week|month|quarter|year)\b/gi;
/** "last week", "this month", "previous year", "next week", "last weekend", "this quarter": calendar periods. */
const CALENDAR = /\b(last|previous|this|current|next)\s+(week(?:end)?|month|quarter|year)\b/gi;
/** "3 days ago", "a week ago", "two months ago". */
const AGO = new RegExp(String.raw`\b${NUM}\s+(days?|weeks?|months?|years?)\s+ago\b`, 'gi');
/** "Q3 2024", "2024 Q3". */
const QUARTER = /\b(?:q([1-4])\s*(?:of\s+)?((?:19|20)\d{2})|((?:19|20)\d{2})\s*q([1-4]))\b/gi;
/** A four-digit year not glued to other numbers, units or identifiers. */
const YEAR = /(?<![\w$€£#@./:+\-])((?:19|20)\d{2})(?![\w%$€£°/+:]|[.,\-]\d|'s)/g;
const NOT_YEAR_AFTER =
  /^\s+(?:words?|steps?|calories|kcal|cal|people|users?|items?|rows?|lines?|km|miles?|meters?|metres?|m|kg|g|lbs?|times|pages?|points?|dollars?|euros?|pounds?|usd|eur|gbp|mg|ml|ms|px|rpm|mah|tokens?|chars?|characters?|bytes?|kb|mb|gb|records?|results?|entries|feet|ft|tips|ideas|rpm|hz)\b/i;

/** Prepositions absorbed into the removed phrase ("notes from last week" -> "notes"). */
const ABSORB_BEFORE = /(?:^|\s)(?:(in|on|during|from|of|for|over|throughout|within|since)\s+(?:the\s+)?|the\s+)$/i;
/**
 * Dates after these words denote open-ended ranges ("before 2020"), or are one end of a range that
 * did not parse as a whole ("between 1990 and 2000 calories"): leave the query alone.
 */
const OPEN_ENDED_BEFORE =
  /(?:^|\s)(?:before|after|until|till|til|by|prior\s+to|through|thru|older\s+than|newer\s+than|between)\s+$/i;
const AMBIGUOUS_MONTH = /^(?:may|march)$/i;
const MONTH_PREPOSITION = /(?:^|\s)(?:in|during|since|from|of|throughout|for|until|till|between|and|to|before|after|early|late|mid)\s*$/i;
const WEEKDAY_QUALIFIER = /\b(?:last|this|next|past|previous|coming|on)\b/i;
const WEEKDAY_PREPOSITION = /(?:^|\s)(?:on|since|from|for|until|till|before|after|by)\s+$/i;

interface Candidate {
  index: number;
  end: number;
  /** Lower wins among candidates starting at the same index. */
  priority: number;
  resolve: () => Span | null;
}

interface Ctx {
  cal: Calendar;
  now: Date;
  today: Civil;
  ref: chrono.ParsingReference;
}

function endpointSpan(ctx: Ctx, e: Endpoint): Span {
  const y = e.y ?? latestYear(e, ctx.today);
  return ctx.cal.span({ y, m: e.m, d: e.d, unit: e.unit });
}

/** Resolves the year of yearless endpoints of "A to B" and returns the covering span. */
function rangeSpan(ctx: Ctx, a: Endpoint, b: Endpoint): Span | null {
  let ay = a.y;
  let by = b.y;
  if (ay === undefined && by !== undefined) ay = cmpMonthDay(a, b) > 0 ? by - 1 : by;
  if (ay === undefined) ay = latestYear(a, ctx.today);
  if (by === undefined) by = cmpMonthDay(b, a) < 0 ? ay + 1 : ay;
  const from = ctx.cal.span({ y: ay, m: a.m, d: a.d, unit: a.unit }).from;
  const to = ctx.cal.span({ y: by, m: b.m, d: b.d, unit: b.unit }).to;
  return to.getTime() > from.getTime() ? { from, to } : null;
}

/** Turns one side of a chrono result into an endpoint, or null when it is not a usable date. */
function chronoEndpoint(c: chrono.ParsedComponents, tags: Set<string>): Endpoint | null {
  if (tags.has('casualReference/now') || tags.has('result/relativeDateAndTime')) return null;
  const day = c.isCertain('day');
  const month = c.isCertain('month');
  const year = c.isCertain('year');
  const weekday = c.isCertain('weekday');
  if (!day && !month && !year && !weekday) return null; // times, "this morning", "last quarter", ...
  if (tags.has('parser/SlashDateFormatParser') && !year) return null; // "5/6", "10/10"
  const y = c.get('year');
  const m = c.get('month');
  const d = c.get('day');
  if (y === null || m === null || d === null) return null;
  // Relative phrases ("yesterday", "last Tuesday", "3 days ago") are fully determined by now.
  const fixed = year || weekday || tags.has('result/relativeDate');
  const unit: Unit = day || weekday ? 'day' : month ? 'month' : 'year';
  return {
    y: fixed ? y : undefined,
    m: unit === 'year' ? 1 : m,
    d: unit === 'day' ? d : 1,
    unit,
  };
}

const TIME_WORDS = /\b(?:hours?|hrs?|minutes?|mins?|seconds?|secs?|noon|midnight|[ap]\.?m\.?)\b|\d:\d/i;

/** Parses `s` (one side of "between A and B") as a single endpoint that starts at its beginning. */
function parseEndpoint(ctx: Ctx, s: string, mustCoverAll: boolean): { ep: Endpoint; len: number } | null {
  let best: { ep: Endpoint; len: number } | null = null;
  const year = /^((?:19|20)\d{2})(?![\w%$€£°/+:]|[.,\-]\d|'s)/.exec(s);
  if (year && !NOT_YEAR_AFTER.test(s.slice(year[0].length))) {
    best = { ep: { y: Number(year[1]), m: 1, d: 1, unit: 'year' }, len: year[0].length };
  }
  for (const r of chrono.parse(s, ctx.ref)) {
    if (r.index !== 0 || r.end || TIME_WORDS.test(r.text)) continue;
    const ep = chronoEndpoint(r.start, r.tags());
    if (ep && (!best || r.text.length > best.len)) best = { ep, len: r.text.length };
  }
  if (!best) return null;
  if (mustCoverAll && best.len !== s.length) return null;
  return best;
}

/** "between A and B", "from A to/until/through B". */
function rangeCandidates(ctx: Ctx, q: string, out: Candidate[]): void {
  const open = /\b(between|from)\s+/gi;
  let m: RegExpExecArray | null;
  while ((m = open.exec(q)) !== null) {
    const start = m.index;
    const aStart = m.index + m[0].length;
    const connector =
      m[1]!.toLowerCase() === 'between'
        ? /\s+(?:and|to|-|–)\s+|\s*[-–]\s*/g
        : /\s+(?:to|until|till|til|through|thru|and|-|–)\s+|\s*[-–]\s*/g;
    connector.lastIndex = aStart;
    let c: RegExpExecArray | null;
    while ((c = connector.exec(q)) !== null) {
      const aText = q.slice(aStart, c.index);
      if (aText.trim() === '' || aText.length > 40) break;
      const a = parseEndpoint(ctx, aText, true);
      if (!a) continue;
      const bStart = c.index + c[0].length;
      const b = parseEndpoint(ctx, q.slice(bStart), false);
      if (!b) continue;
      const aEp = a.ep;
      const bEp = b.ep;
      out.push({ index: start, end: bStart + b.len, priority: 0, resolve: () => rangeSpan(ctx, aEp, bEp) });
      break;
    }
  }
}

function explicitCandidates(ctx: Ctx, q: string, out: Candidate[]): void {
  const { cal, now, today } = ctx;
  const each = (re: RegExp, priority: number, resolve: (m: RegExpExecArray) => Span | null): void => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(q)) !== null) {
      const match = m;
      out.push({ index: m.index, end: m.index + m[0].length, priority, resolve: () => resolve(match) });
    }
  };

  each(ROLLING_N, 1, (m) => {
    const n = parseNum(m[1]!);
    if (!Number.isFinite(n) || n <= 0) return null;
    return { from: cal.minus(now, n, unitOf(m[2]!)), to: now };
  });
  each(ROLLING_1, 1, (m) => ({ from: cal.minus(now, 1, unitOf(m[1]!)), to: now }));
  each(CALENDAR, 2, (m) => {
    const which = m[1]!.toLowerCase();
    const shift = which === 'last' || which === 'previous' ? -1 : which === 'next' ? 1 : 0;
    const unit = m[2]!.toLowerCase();
    if (unit === 'week' || unit === 'weekend') {
      const monday = cal.weekStart(today);
      if (unit === 'week') return cal.span({ y: monday.y, m: monday.m, d: monday.d + 7 * shift, unit: 'week' });
      const sat = monday.d + 7 * shift + 5;
      return { from: cal.midnight(monday.y, monday.m, sat), to: cal.midnight(monday.y, monday.m, sat + 2) };
    }
    if (unit === 'month') return cal.span({ y: today.y, m: today.m + shift, d: 1, unit: 'month' });
    if (unit === 'quarter') {
      const q0 = today.m - ((today.m - 1) % 3);
      return cal.span({ y: today.y, m: q0 + 3 * shift, d: 1, unit: 'quarter' });
    }
    return cal.span({ y: today.y + shift, m: 1, d: 1, unit: 'year' });
  });
  each(AGO, 1, (m) => {
    const n = parseNum(m[1]!);
    if (!Number.isFinite(n)) return null;
    const unit = unitOf(m[2]!);
    if (unit === 'day') return cal.span({ y: today.y, m: today.m, d: today.d - n, unit: 'day' });
    if (unit === 'week') {
      const monday = cal.weekStart(today);
      return cal.span({ y: monday.y, m: monday.m, d: monday.d - 7 * n, unit: 'week' });
    }
    if (unit === 'month') return cal.span({ y: today.y, m: today.m - n, d: 1, unit: 'month' });
    return cal.span({ y: today.y - n, m: 1, d: 1, unit: 'year' });
  });
  each(QUARTER, 2, (m) => {
    const quarter = Number(m[1] ?? m[4]);
    const y = Number(m[2] ?? m[3]);
    return cal.span({ y, m: 3 * quarter - 2, d: 1, unit: 'quarter' });
  });
  each(YEAR, 3, (m) => {
    const y = Number(m[1]);
    if (NOT_YEAR_AFTER.test(q.slice(m.index + m[0].length))) return null;
    // A bare year is only believed when plausible; after a preposition any 19xx/20xx year is.
    const afterPreposition = ABSORB_BEFORE.test(q.slice(0, m.index));
    if (!afterPreposition && y > today.y + 1) return null;
    return cal.span({ y, m: 1, d: 1, unit: 'year' });
  });
}

function chronoCandidates(ctx: Ctx, q: string, out: Candidate[]): void {
  const results = chrono.parse(q, ctx.ref);
  // chrono reads "from" only as the start of "from A to B"; "notes from May" needs a second look
  // with "from" masked by a same-length "in" so offsets stay valid.
  if (/\bfrom\b/i.test(q)) {
    for (const r of chrono.parse(q.replace(/\bfrom\b/gi, 'in  '), ctx.ref)) {
      // Only phrases that do not include the mask itself ("in   2 weeks" would read as the future).
      if (q.slice(r.index, r.index + r.text.length) === r.text) results.push(r);
    }
  }
  for (const r of results) {
    const tags = r.tags();
    const text = r.text;
    const before = q.slice(0, r.index);
    out.push({
      index: r.index,
      end: r.index + text.length,
      priority: 4,
      resolve: () => {
        if (TIME_WORDS.test(text)) return null;
        const a = chronoEndpoint(r.start, tags);
        if (!a) return null;
        if (r.end) {
          const b = chronoEndpoint(r.end, r.end.tags());
          return b ? rangeSpan(ctx, a, b) : null;
        }
        const isWeekdayOnly = r.start.isCertain('weekday') && !r.start.isCertain('day');
        if (isWeekdayOnly) {
          // "sunday roast", "I sat down": a weekday name alone is too weak a signal.
          if (!WEEKDAY_QUALIFIER.test(text) && !WEEKDAY_PREPOSITION.test(before)) return null;
          // Searching looks back: "on Friday" means the most recent Friday unless "next"/"this" says otherwise.
          const span = endpointSpan(ctx, a);
          if (span.from.getTime() > ctx.now.getTime() && !/\b(?:next|this|coming)\b/i.test(text)) {
            return { from: new Date(span.from.getTime() - 7 * DAY_MS), to: new Date(span.to.getTime() - 7 * DAY_MS) };
          }
          return span;
        }
        if (a.unit === 'month' && a.y === undefined && AMBIGUOUS_MONTH.test(text.trim())) {
          // "may", "march" are verbs too: need a preposition or a capital letter mid-sentence.
          const capitalisedMidQuery = /^[A-Z]/.test(text) && before.trim() !== '';
          if (!MONTH_PREPOSITION.test(before) && !capitalisedMidQuery) return null;
        }
        return endpointSpan(ctx, a);
      },
    });
  }
}

function tidy(s: string): string {
  return s
    .replace(/\(\s*\)|\[\s*\]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/^[\s,;:]+|[\s,;:]+$/g, '');
}

/**
 * Finds the first date phrase in `query` and returns the query without it plus the range it denotes.
 * See the module comment for what is recognised.
 */
export function parseDateQuery(query: string, opts: DateQueryOptions): DateQueryResult {
  const now = opts.now;
  const offset = opts.timezoneOffsetMinutes ?? -now.getTimezoneOffset();
  const cal = new Calendar(offset);
  const ctx: Ctx = { cal, now, today: cal.civil(now), ref: { instant: now, timezone: offset } };

  const candidates: Candidate[] = [];
  rangeCandidates(ctx, query, candidates);
  explicitCandidates(ctx, query, candidates);
  chronoCandidates(ctx, query, candidates);
  candidates.sort((a, b) => a.index - b.index || a.priority - b.priority || b.end - a.end);

  const blocked: Candidate[] = [];
  for (const c of candidates) {
    const before = query.slice(0, c.index);
    if (blocked.some((b) => c.index < b.end && b.index < c.end)) continue;
    if (OPEN_ENDED_BEFORE.test(before)) {
      blocked.push(c); // and everything inside it: "after May 2023" must not yield "2023"
      continue;
    }
    let span = c.resolve();
    if (!span) continue;
    let start = c.index;
    const prep = ABSORB_BEFORE.exec(before);
    if (prep) {
      start = c.index - prep[0].trimStart().length;
      // "since March": from the start of March until now.
      if (prep[1]?.toLowerCase() === 'since') {
        if (span.from.getTime() >= now.getTime()) continue;
        span = { from: span.from, to: now };
      }
    }
    const phrase = query.slice(start, c.end).trim();
    const text = tidy(`${query.slice(0, start)} ${query.slice(c.end)}`);
    return { text, range: { from: span.from, to: span.to, phrase } };
  }
  return { text: query };
}
