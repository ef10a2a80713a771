/**
 * Bookmarks and highlights. A bookmark is a node of kind `bookmark` whose `metadata.url` is its normalised
 * address (one live bookmark per address); its body is the owner's note. A highlight is a note tagged
 * `highlight` holding a passage quoted from a node or a web page, linked to a source node by a `derived_from`
 * row in `links`. Either can be enrolled for review as it is made (`remember`).
 */
import type { Engine } from '../engine/engine';
import { invalidInput } from '../../shared/errors';
import type { AiUsage, NodeDTO, PrivacyLevel } from '../../shared/schemas';
import { excerpt } from '../journal/excerpt';
import { enrol, getCard, type ReviewCardDTO } from './fsrs';

export const HIGHLIGHT_TAG = 'highlight';

/** Query parameters that only track where a click came from: dropped so the same page is one bookmark. */
const TRACKING_PARAMS = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi)$/i;
const MAX_URL = 8192;

/**
 * An http(s) address in one canonical spelling: scheme and host lower-cased, default port and tracking
 * parameters dropped, an empty `#` or `?` removed. An address without a scheme ("example.com/a") is taken as
 * https. Anything else (javascript:, file:, data:, credentials in the address) is refused.
 */
export function normaliseUrl(raw: string): string {
  const text = raw.trim();
  if (!text) throw invalidInput('A bookmark needs an address');
  if (text.length > MAX_URL) throw invalidInput(`That address is longer than ${MAX_URL} characters`);
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^/:]+\.[^/:]+:\d+(\/|$)/.test(text);
  const candidate = hasScheme ? text : /^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]|$)/.test(text) ? `https://${text}` : text;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw invalidInput(`"${shorten(text)}" is not a web address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidInput(`Only http and https addresses can be bookmarked, not ${url.protocol.replace(/:$/, '')}:`);
  }
  if (!url.hostname) throw invalidInput(`"${shorten(text)}" has no host`);
  if (url.username || url.password) throw invalidInput('An address with a user name or password in it cannot be bookmarked');
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  let out = url.toString();
  if (out.endsWith('?')) out = out.slice(0, -1);
  if (out.endsWith('#')) out = out.slice(0, -1);
  return out;
}

const shorten = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/** A readable title for an address when none was given: host and path, without "www." or a trailing slash. */
export function titleForUrl(url: string): string {
  const u = new URL(url);
  const path = decodeURIComponentSafe(u.pathname).replace(/\/+$/, '');
  return `${u.hostname.replace(/^www\./, '')}${path}`.slice(0, 500);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface AddBookmarkInput {
  url: string;
  title?: string;
  note?: string;
  tags?: string[];
  privacyLevel?: PrivacyLevel;
  aiUsage?: AiUsage;
  /** Enrol the bookmark for spaced review (a duplicate is enrolled too, keeping any schedule it has). */
  remember?: boolean;
  now?: Date;
}

export interface BookmarkResult {
  node: NodeDTO;
  /** False when a live bookmark of this address already existed; it is returned unchanged. */
  created: boolean;
  /** The review card when `remember` was asked for, else the existing card or null. */
  card: ReviewCardDTO | null;
}

const FIND_BOOKMARK = `
  SELECT id FROM nodes WHERE kind = 'bookmark' AND deleted_at IS NULL AND json_extract(metadata, '$.url') = ?
  ORDER BY created_at, id LIMIT 1`;

/** The live bookmark of an address (normalised first), if there is one. */
export function findBookmark(engine: Engine, url: string): NodeDTO | null {
  const id = engine.db.prepare(FIND_BOOKMARK).pluck().get(normaliseUrl(url)) as string | undefined;
  return id ? engine.nodes.get(id) : null;
}

export function addBookmark(engine: Engine, input: AddBookmarkInput): BookmarkResult {
  const url = normaliseUrl(input.url);
  const now = input.now ?? new Date();
  // IMMEDIATE: find-or-create takes the write lock before looking, so two callers never make two bookmarks.
  const result = engine.db
    .transaction((): BookmarkResult => {
      const existing = engine.db.prepare(FIND_BOOKMARK).pluck().get(url) as string | undefined;
      if (existing) {
        const card = input.remember ? enrol(engine, existing, now) : getCard(engine, existing, now);
        return { node: engine.nodes.get(existing), created: false, card };
      }
      const node = engine.nodes.create({
        kind: 'bookmark',
        title: input.title?.trim() || titleForUrl(url),
        body: input.note ?? '',
        tags: input.tags ?? [],
        privacyLevel: input.privacyLevel,
        aiUsage: input.aiUsage,
        metadata: { url, domain: new URL(url).hostname },
      });
      return { node, created: true, card: input.remember ? enrol(engine, node.id, now) : null };
    })
    .immediate();
  // The node store reports changes only outside an enclosing transaction, so this one is reported here.
  if (result.created) engine.events.emit('node.changed', { id: result.node.id, change: 'created' });
  return result;
}


export interface AddHighlightInput {
  /** The node the passage was quoted from. */
  sourceId?: string;
  /** The web page it was quoted from; a live bookmark of that address becomes the source node. */
  url?: string;
  /** The passage. */
  text: string;
  /** The owner's comment on it. */
  note?: string;
  tags?: string[];
  privacyLevel?: PrivacyLevel;
  aiUsage?: AiUsage;
  remember?: boolean;
  now?: Date;
}

export interface HighlightResult {
  node: NodeDTO;
  /** The node it is linked to by `derived_from`, when the source is in the library. */
  sourceId: string | null;
  card: ReviewCardDTO | null;
}

/** The highlight's body: the passage as a quote, then the note. */
export function highlightBody(text: string, note?: string): string {
  const quote = text.trim().split(/\r?\n/).map((line) => (line.trim() ? `> ${line}` : '>')).join('\n');
  return note?.trim() ? `${quote}\n\n${note.trim()}` : quote;
}

export function addHighlight(engine: Engine, input: AddHighlightInput): HighlightResult {
  const text = input.text.trim();
  if (!text) throw invalidInput('A highlight needs the passage it keeps');
  if (!input.sourceId && !input.url) throw invalidInput('A highlight needs its source: sourceId or url');
  const url = input.url ? normaliseUrl(input.url) : undefined;
  const now = input.now ?? new Date();
  const result = engine.db
    .transaction((): HighlightResult => {
      const source = input.sourceId
        ? engine.nodes.get(input.sourceId)
        : (() => {
            const id = engine.db.prepare(FIND_BOOKMARK).pluck().get(url) as string | undefined;
            return id ? engine.nodes.get(id) : null;
          })();
      const sourceUrl = url ?? (typeof source?.metadata.url === 'string' ? source.metadata.url : undefined);
      const tags = [...new Set([HIGHLIGHT_TAG, ...(input.tags ?? []).map((t) => t.toLowerCase())])];
      const node = engine.nodes.create({
        kind: 'note',
        title: excerpt(text, 80),
        body: highlightBody(text, input.note),
        tags,
        // A passage is as private as where it came from unless the caller says otherwise.
        privacyLevel: input.privacyLevel ?? source?.privacyLevel,
        aiUsage: input.aiUsage ?? source?.aiUsage,
        metadata: {
          highlightOf: source?.id ?? url!,
          ...(sourceUrl ? { url: sourceUrl } : {}),
          quote: text,
        },
      });
      if (source) {
        engine.db
          .prepare(
            `INSERT OR REPLACE INTO links (source_id, target_title, target_id, kind) VALUES (?, ?, ?, 'derived_from')`,
          )
          .run(node.id, source.title || source.id, source.id);
      }
      return { node, sourceId: source?.id ?? null, card: input.remember ? enrol(engine, node.id, now) : null };
    })
    .immediate();
  engine.events.emit('node.changed', { id: result.node.id, change: 'created' });
  return result;
}
