/**
 * Ingest of one file: size check, content hash and exact dedupe, kind from the bytes, the original copied into
 * the blob store, then the node, its media row and its step jobs written in one transaction. Steps run later
 * on the job runner; a crash before the transaction leaves at most an unreferenced blob, never half an item.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { IngestOutcome, MediaKind, UploadMeta } from '../../shared/media-schemas';
import { detectMedia, safeFileName } from './detect';
import { resolveEventTime, type TakeoutSidecar } from './photo';
import type { MediaPipeline } from './pipeline/media-pipeline';
import type { IngestPayload } from './pipeline/step-types';

export interface IngestRequest {
  /** The file on the engine's machine. */
  file: string;
  meta: UploadMeta;
  /** Where it came from: 'upload', 'folder', 'cli'. */
  source: string;
  /** The original path for folder and CLI sources (shown in the detail view). */
  sourcePath?: string;
  sidecar?: TakeoutSidecar;
}

// The first bytes decide, except for a ZIP: a DOCX is one whose directory, at its end, names word/document.xml.
const HEAD_BYTES = 64 * 1024;
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
// Bigger ZIPs are not documents anyone types; they stay unknown.
const WHOLE_ZIP_DETECT = 64 * 1024 * 1024;

export async function ingestFile(pipeline: MediaPipeline, request: IngestRequest): Promise<IngestOutcome> {
  // The name is display text; whatever a client sent, it is reduced to one harmless segment.
  const req = { ...request, meta: { ...request.meta, fileName: safeFileName(request.meta.fileName) } };
  const label = req.sourcePath ?? req.meta.fileName;
  const stat = await fsp.stat(req.file);
  const limitMb = pipeline.settings().maxFileMb;
  if (stat.size > limitMb * 1024 * 1024) {
    return rejected(label, `It is ${formatMb(stat.size)}, over the ${limitMb} MB limit (change it in Settings → Media).`);
  }
  if (stat.size === 0) return rejected(label, 'The file is empty.');
  const sha256 = await hashFile(req.file);
  const holder = pipeline.items.holderOf(sha256);
  if (holder) {
    return {
      file: label,
      status: 'duplicate',
      nodeId: holder.nodeId,
      duplicateOf: holder.nodeId,
      reason: holder.trashed ? 'The same file is in the trash; restore it from there.' : 'The same file is already in the library.',
    };
  }
  const detected = detectMedia(await readHead(req.file, stat.size), req.meta.fileName);
  if (detected.kind === 'unknown') {
    return rejected(label, 'Engram cannot read this kind of file (photos, videos, audio, PDF, DOCX, HTML, Markdown and text are supported).');
  }
  const kind: MediaKind = detected.kind;
  const blob = await pipeline.blobs.putFile(req.file, sha256, detected.mime);
  const hints: IngestPayload['hints'] = {
    clientOffsetMinutes: req.meta.clientOffsetMinutes,
    uploadTime: req.meta.eventTime,
    fileModifiedAt: new Date(req.meta.lastModified ?? stat.mtimeMs).toISOString(),
    sidecar: req.sidecar,
  };
  // Until a step reads the file's own time, the weakest evidence places the item on the timeline.
  const provisional = resolveEventTime({ uploadTime: hints.uploadTime, sidecarTime: req.sidecar?.takenAt, fileModifiedAt: hints.fileModifiedAt });
  const title = titleFrom(req.meta.fileName);
  const written = pipeline.db.transaction(() => {
    // Another ingest of the same bytes may have finished while this one was copying them.
    const raced = pipeline.items.holderOf(sha256);
    if (raced) return { duplicateOf: raced.nodeId };
    const node = pipeline.nodes.create({
      kind,
      title,
      parentId: req.meta.parentId ?? null,
      privacyLevel: req.meta.privacyLevel,
      aiUsage: req.meta.aiUsage,
      eventTime: provisional
        ? { at: provisional.at, offsetMinutes: provisional.offsetMinutes, source: provisional.source, confidence: provisional.confidence }
        : null,
      metadata: { fileTitle: title, fileName: req.meta.fileName, mime: detected.mime },
    });
    pipeline.items.insert({
      node_id: node.id,
      sha256,
      media_kind: kind,
      mime: detected.mime,
      size: blob.size,
      file_name: req.meta.fileName,
      source: req.source,
      source_path: req.sourcePath ?? null,
    });
    pipeline.blobs.attach(node.id, sha256, 'original', req.meta.fileName);
    pipeline.enqueueSteps(node.id, kind, { sha256, mime: detected.mime, fileName: req.meta.fileName, hints });
    return { nodeId: node.id };
  })();
  if ('duplicateOf' in written) {
    return { file: label, status: 'duplicate', nodeId: written.duplicateOf, duplicateOf: written.duplicateOf, reason: 'The same file is already in the library.' };
  }
  pipeline.afterIngest(written.nodeId);
  return { file: label, status: 'added', nodeId: written.nodeId };
}

function rejected(file: string, reason: string): IngestOutcome {
  return { file, status: 'rejected', reason };
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readHead(file: string, size: number): Promise<Buffer> {
  const handle = await fsp.open(file);
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    return bytes.subarray(0, 4).equals(ZIP_MAGIC) && size <= WHOLE_ZIP_DETECT ? await fsp.readFile(file) : bytes;
  } finally {
    await handle.close();
  }
}

/** "IMG_2041.HEIC" → "IMG_2041"; names are display text only. */
export function titleFrom(fileName: string): string {
  const base = path.basename(fileName.replaceAll('\\', '/'));
  const ext = path.extname(base);
  return (ext && ext.length < base.length ? base.slice(0, -ext.length) : base).slice(0, 500);
}

const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
