/**
 * YAML front matter ⇄ node fields, both directions in one place so that what exportVault writes, importVault
 * reads back. Keys Engram does not know, and known keys whose value does not fit, are kept in
 * `metadata.frontmatter` and written back at the top level, so an Obsidian vault loses none of its properties
 * (where export writes a key of its own, such as `privacy`, its value wins).
 */
import matter from 'gray-matter';
import { z } from 'zod';
import {
  AiUsage, MemoryType, Metadata, NodeCreate, NodeId, NodeKind, PrivacyLevel,
  type NodeCreate as NodeCreateInput, type NodeDTO,
} from '../../shared/schemas';
import { sanitizeName } from './file-names';

export type NoteFields = Pick<
  NodeCreateInput,
  'id' | 'kind' | 'title' | 'tags' | 'createdAt' | 'updatedAt' | 'eventTime' | 'privacyLevel' | 'aiUsage' |
  'memoryType' | 'importance' | 'metadata'
>;

// An options object also keeps gray-matter from caching every file's text in its module-wide cache.
const MATTER_OPTIONS = {
  engines: {
    // gray-matter would eval `---js` front matter: a vault from elsewhere must never run code.
    javascript: (): object => {
      throw new Error('JavaScript front matter is not supported');
    },
  },
};

const Tags = NodeCreate.shape.tags.unwrap();
const Title = NodeCreate.shape.title.unwrap().min(1);
const Importance = NodeCreate.shape.importance.unwrap();

/** `a, b` or `[a, "#b"]` → `['a', 'b']`. */
function list(value: unknown): string[] | undefined {
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!items?.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
  return items.map((v) => String(v).trim()).filter(Boolean);
}

/** A YAML date, or a string starting `YYYY-MM-DD`, as an ISO instant. */
function instant(value: unknown): string | undefined {
  const looksLikeDate = typeof value === 'string' && /^\d{4}-\d\d-\d\d/.test(value);
  const date = value instanceof Date ? value : looksLikeDate ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

const valid = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
};

type Read = Partial<NoteFields & { aliases: string[] }>;

/** Each known key: the fields it sets, left undefined when the value does not fit (the key then stays an extra). */
const READERS = new Map<string, (value: unknown, stem: string) => Read | undefined>(Object.entries({
  // Zettelkasten ids are often plain numbers in YAML.
  id: (v: unknown) => ({ id: valid(NodeId, typeof v === 'number' ? String(v) : v) }),
  kind: (v: unknown) => ({ kind: valid(NodeKind, v) }),
  // Obsidian links by file name, so a title only wins when the file name is a sanitized form of it (an export).
  title: (v: unknown, stem: string) => {
    const title = valid(Title, v);
    const safe = title && sanitizeName(title);
    const numbered = safe && stem.startsWith(safe) && /^ \(\d+\)$/.test(stem.slice(safe.length));
    return safe && (stem === safe || numbered) ? { title } : undefined;
  },
  tags: (v: unknown) => ({ tags: valid(Tags, list(v)?.map((t) => t.replace(/^#/, '').replace(/\s+/g, '-'))) }),
  aliases: (v: unknown) => ({ aliases: list(v) }),
  created: (v: unknown) => ({ createdAt: instant(v) }),
  updated: (v: unknown) => ({ updatedAt: instant(v) }),
  date: (v: unknown) => {
    const at = instant(v);
    return { eventTime: at ? { at } : undefined };
  },
  privacy: (v: unknown) => ({ privacyLevel: valid(PrivacyLevel, v) }),
  ai_usage: (v: unknown) => ({ aiUsage: valid(AiUsage, v) }),
  memory_type: (v: unknown) => ({ memoryType: valid(MemoryType, v) }),
  importance: (v: unknown) => ({ importance: valid(Importance, v) }),
  metadata: (v: unknown) => ({ metadata: valid(Metadata, v) }),
}));

/**
 * Splits a note into its body and the fields its front matter sets. `stem` is the file name without `.md`.
 * Throws when the front matter is not valid YAML.
 */
export function readNote(text: string, stem: string): { body: string; fields: NoteFields } {
  const parsed = matter(text, MATTER_OPTIONS);
  // `---` opening a note can be a thematic break rather than front matter: only a mapping counts.
  if (!isRecord(parsed.data)) return { body: text, fields: { metadata: {} } };
  const fields: Read = {};
  const extras: [string, unknown][] = [];
  for (const [key, value] of Object.entries(parsed.data)) {
    const set = Object.entries(READERS.get(key)?.(value, stem) ?? {}).filter(([, v]) => v !== undefined);
    if (set.length) Object.assign(fields, Object.fromEntries(set));
    else extras.push([key, value]);
  }
  const { aliases, ...rest } = fields;
  const metadata = {
    ...rest.metadata,
    ...(aliases && { aliases }),
    ...(extras.length > 0 && { frontmatter: Object.fromEntries(extras) }),
  };
  return {
    body: parsed.content,
    // A `date` alone is the best guess at when the note was made. JSON turns YAML dates into strings.
    fields: { ...rest, createdAt: rest.createdAt ?? rest.eventTime?.at, metadata: JSON.parse(JSON.stringify(metadata)) },
  };
}

/** The note file for `node`: front matter, then the body exactly as stored. */
export function writeNote(node: NodeDTO, explicitTags: string[], stem: string): string {
  const { frontmatter, aliases, ...metadata } = node.metadata;
  // Values that do not have the shape import expects stay inside `metadata`, where they round-trip unchanged.
  const extras = isRecord(frontmatter) ? frontmatter : undefined;
  const aliasList = Array.isArray(aliases) && aliases.every((a) => typeof a === 'string') ? aliases : undefined;
  if (frontmatter !== undefined && !extras) metadata.frontmatter = frontmatter;
  if (aliases !== undefined && !aliasList) metadata.aliases = aliases;
  const data = {
    ...extras,
    id: node.id,
    kind: node.kind,
    title: node.title && node.title !== stem ? node.title : undefined,
    aliases: aliasList,
    tags: explicitTags.length ? explicitTags : undefined,
    date: node.eventTime?.at,
    created: node.createdAt,
    updated: node.updatedAt,
    privacy: node.privacyLevel,
    ai_usage: node.aiUsage,
    memory_type: node.memoryType ?? undefined,
    importance: node.importance,
    metadata: Object.keys(metadata).length ? metadata : undefined,
  };
  const defined = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  // matter.stringify ends the content with a newline; stringify empty content and append the body verbatim.
  return matter.stringify('', defined).slice(0, -1) + node.body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
