/**
 * Keeps a node's chunks (and through triggers, the FTS index) in step with its title and body. Runs inside the
 * node's write transaction, so a note is findable by keyword the moment the write commits.
 */
import type { Db } from '../db/connection';
import type { NodeDTO } from '../../shared/schemas';
import { chunkMarkdown } from './chunker';

export function reindexNodeChunks(db: Db, node: Pick<NodeDTO, 'id' | 'title' | 'body'>): number {
  db.prepare('DELETE FROM chunks WHERE node_id = ?').run(node.id);
  const chunks = chunkMarkdown(node.body, { title: node.title });
  // A titled note with an empty body is still findable by its title.
  if (chunks.length === 0 && node.title.trim()) {
    chunks.push({ ordinal: 0, text: node.title, start: 0, end: 0, headingPath: [] });
  }
  const insert = db.prepare(
    `INSERT INTO chunks (node_id, ordinal, text, context, start_offset, end_offset, heading_path)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of chunks) {
    const context = [node.title, ...c.headingPath].filter(Boolean).join(' › ');
    insert.run(node.id, c.ordinal, c.text, context, c.start, c.end, JSON.stringify(c.headingPath));
  }
  return chunks.length;
}

/** The text an embedder sees for a chunk: its context line (title, headings) and its text. */
export function embeddingText(chunk: { text: string; context: string }): string {
  return chunk.context && !chunk.text.startsWith(chunk.context) ? `${chunk.context}\n${chunk.text}` : chunk.text;
}
