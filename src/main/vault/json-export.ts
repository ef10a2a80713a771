/**
 * The library as one JSON document, and back. The format keeps everything a node is (ids, tree, order,
 * timestamps, tags, history, attachments), so export → import into an empty library → export gives the same
 * document again. Import validates every record before it writes anything, then writes in one transaction.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Engine } from '../engine/engine';
import { EngramError, invalidInput } from '../../shared/errors';
import { IsoDate, NodeCreate, NodeId, type NodeDTO, type VersionDTO } from '../../shared/schemas';
import { parseHashtags } from '../../shared/markdown';
import { listVersions } from '../library/versions';
import { explicitTags, liveTree } from './live-tree';

/** A node as exported; `explicitTags` tells tags given by hand from the #hashtags in the body (a tag may be both). */
export interface ExportedNode extends NodeDTO {
  explicitTags: string[];
}
export interface ExportedAttachment {
  nodeId: string;
  sha256: string;
  role: string;
  filename: string | null;
}
export interface ExportedBlob {
  sha256: string;
  mime: string;
  base64: string;
}
export interface LibraryExport {
  format: 'engram-export';
  version: 1;
  exportedAt: string;
  /** Live nodes only, each after its parent. */
  nodes: ExportedNode[];
  /** Every version of every exported node, oldest first per node. */
  versions: VersionDTO[];
  /** Which stored files belong to which node. */
  attachments: ExportedAttachment[];
  /** The files' bytes, present only when asked for. */
  blobs?: ExportedBlob[];
}

export interface JsonImportResult {
  imported: number;
  /** Nodes whose id already existed, with onConflict 'skip'. */
  skipped: number;
  versions: number;
  blobs: number;
  attachments: number;
  /** Attachments left out because the file had no bytes for them and the library does not hold them either. */
  missingBlobs: string[];
}

export function exportLibraryJson(engine: Engine, opts: { blobs?: boolean } = {}): LibraryExport {
  const { nodes } = liveTree(engine);
  const stored = nodes.flatMap((n) => engine.blobs.ofNode(n.id).map((b) => ({ ...b, nodeId: n.id })));
  const doc: LibraryExport = {
    format: 'engram-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    nodes: nodes.map((n) => ({ ...n, explicitTags: explicitTags(engine, n.id) })),
    versions: nodes.flatMap((n) => listVersions(engine.db, n.id).reverse()),
    attachments: stored.map(({ nodeId, sha256, role, filename }) => ({ nodeId, sha256, role, filename })),
  };
  if (opts.blobs) {
    const unique = new Map(stored.map((b) => [b.sha256, b]));
    doc.blobs = [...unique.values()].map((b) => ({
      sha256: b.sha256,
      mime: b.mime,
      base64: engine.blobs.read(b.sha256).toString('base64'),
    }));
  }
  return doc;
}

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits');
const Tags = NodeCreate.shape.tags.unwrap();

const Envelope = z.object({
  format: z.literal('engram-export'),
  version: z.literal(1),
  exportedAt: IsoDate,
  nodes: z.array(z.unknown()),
  versions: z.array(z.unknown()).default([]),
  attachments: z.array(z.unknown()).default([]),
  blobs: z.array(z.unknown()).default([]),
});

/** An exported node. Fields a hand-written file leaves out take NodeCreate's defaults. */
const NodeRecord = NodeCreate.omit({ index: true, tags: true }).extend({
  id: NodeId,
  position: z.number().optional(),
  /** Every tag, as NodeDTO lists them; only used when explicitTags is absent. */
  tags: z.array(z.string()).default([]),
  explicitTags: Tags.optional(),
  deletedAt: z.null({ error: 'trashed nodes cannot be imported' }).optional(),
});

const VersionRecord = z.object({
  nodeId: NodeId,
  version: z.number().int().min(1),
  title: z.string(),
  body: z.string(),
  createdAt: IsoDate,
});

const AttachmentRecord = z.object({
  nodeId: NodeId,
  sha256: Sha256,
  role: z.string().min(1).max(64),
  filename: z.string().max(1000).nullable(),
});

const BlobRecord = z.object({ sha256: Sha256, mime: z.string().min(1).max(255), base64: z.string() });

export function importLibraryJson(
  engine: Engine,
  data: unknown,
  opts: { onConflict?: 'fail' | 'skip' } = {},
): JsonImportResult {
  const file = check(Envelope, data, 'The file is not an Engram export');
  const plan = planNodes(engine, file.nodes, opts.onConflict ?? 'fail');
  const versions = ofFileNodes(file.versions, VersionRecord, 'versions', plan.inFile);
  const attachments = ofFileNodes(file.attachments, AttachmentRecord, 'attachments', plan.inFile);
  const blobs = file.blobs.map((raw, i) => {
    const b = check(BlobRecord, raw, label('blobs', i, raw, 'sha256'));
    const bytes = Buffer.from(b.base64, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== b.sha256) {
      throw invalidInput(`${label('blobs', i, raw, 'sha256')}: the bytes do not match their sha256`);
    }
    return { bytes, mime: b.mime };
  });

  return engine.db.transaction((): JsonImportResult => {
    for (const b of blobs) engine.blobs.put(b.bytes, b.mime);
    engine.nodes.createMany(plan.fresh.map((f) => f.input));
    const setPosition = engine.db.prepare('UPDATE nodes SET position = ? WHERE id = ?');
    for (const f of plan.fresh) if (f.position !== undefined) setPosition.run(f.position, f.input.id);

    const freshIds = new Set(plan.fresh.map((f) => f.input.id));
    const history = versions.filter((v) => freshIds.has(v.nodeId));
    // NodeStore recorded one version per new node; the file's history replaces it where the file has one.
    const clear = engine.db.prepare('DELETE FROM node_versions WHERE node_id = ?');
    for (const id of new Set(history.map((v) => v.nodeId))) clear.run(id);
    const insert = engine.db.prepare(
      'INSERT INTO node_versions (node_id, version, title, body, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const v of history) insert.run(v.nodeId, v.version, v.title, v.body, v.createdAt);

    const missingBlobs = new Set<string>();
    let attached = 0;
    for (const a of attachments.filter((x) => freshIds.has(x.nodeId))) {
      if (!engine.blobs.get(a.sha256)) {
        missingBlobs.add(a.sha256);
        continue;
      }
      engine.blobs.attach(a.nodeId, a.sha256, a.role, a.filename ?? undefined);
      attached++;
    }
    return {
      imported: plan.fresh.length,
      skipped: plan.skipped,
      versions: history.length,
      blobs: blobs.length,
      attachments: attached,
      missingBlobs: [...missingBlobs],
    };
  })();
}

type NodeInput = Omit<z.output<typeof NodeRecord>, 'position' | 'tags' | 'explicitTags' | 'deletedAt'> & {
  tags: string[];
};

/** Validates the node records in file order: ids unique, parents before children, conflicts per `onConflict`. */
function planNodes(engine: Engine, records: unknown[], onConflict: 'fail' | 'skip') {
  const inFile = new Set<string>();
  const fresh: { input: NodeInput; position?: number }[] = [];
  let skipped = 0;
  records.forEach((raw, i) => {
    const where = label('nodes', i, raw, 'id');
    const { position, tags, explicitTags: handTags, deletedAt: _, ...rest } = check(NodeRecord, raw, where);
    if (inFile.has(rest.id)) throw invalidInput(`${where}: the id appears twice in the file`);
    if (rest.parentId && !inFile.has(rest.parentId) && !isLive(engine, rest.parentId)) {
      throw invalidInput(`${where}: its parent ${rest.parentId} is neither earlier in the file nor in the library`);
    }
    inFile.add(rest.id);
    if (engine.nodes.exists(rest.id)) {
      if (onConflict === 'fail') {
        throw new EngramError('conflict', `${where} already exists in this library; nothing was imported`);
      }
      skipped++;
      return;
    }
    // Without explicitTags (a hand-written file), tags the body's #hashtags explain are not made explicit.
    const hashtags = new Set(parseHashtags(rest.body));
    const explicit = handTags ?? check(Tags, tags.filter((t) => !hashtags.has(t.toLowerCase())), `${where}.tags`);
    fresh.push({ input: { ...rest, tags: explicit }, position });
  });
  return { inFile, fresh, skipped };
}

/** Records that belong to a node (versions, attachments): each must name a node of the file. */
function ofFileNodes<T extends { nodeId: string }>(
  records: unknown[],
  schema: z.ZodType<T>,
  list: string,
  inFile: Set<string>,
): T[] {
  return records.map((raw, i) => {
    const where = label(list, i, raw, 'nodeId');
    const record = check(schema, raw, where);
    if (!inFile.has(record.nodeId)) throw invalidInput(`${where}: no node in the file has this id`);
    return record;
  });
}

function isLive(engine: Engine, id: string): boolean {
  return engine.db.prepare('SELECT 1 FROM nodes WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

/** `nodes[3] (id "abc")`: where a bad record sits, so the user can find it. */
function label(list: string, index: number, raw: unknown, key: string): string {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? `${list}[${index}] (${key} ${JSON.stringify(value)})` : `${list}[${index}]`;
}

function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  throw invalidInput(`${where}: ${problems.join('; ')}; nothing was imported`, { where, issues: result.error.issues });
}
